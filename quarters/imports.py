"""Import quarter statistics from a CSV file as statistics offices publish them.

One row per quarter and reference date. The whole file is checked first; a bad row is reported with its
line and reason, and nothing is imported while any row is bad. Rows for a quarter and date that exist
already replace the figures (a corrected release).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Municipality, Quarter, QuarterStatistics

MAX_FILE_SIZE = 1024 * 1024
MAX_ROWS = 2000

# Column → accepted headings (normalised: lower case, umlauts spelled out, only letters and digits).
COLUMNS = {
    "quarter": ["quartier", "stadtteil", "bezirk", "ortsteil", "sozialraum", "quarter", "name", "slug"],
    "reference_date": ["stichtag", "datum", "stand", "referencedate", "date"],
    "population": ["einwohner", "einwohnerinnen", "bevoelkerung", "insgesamt", "population"],
    "age_under_18": ["unter18", "0bis17", "0bisunter18", "under18", "ageunder18"],
    "age_18_to_64": ["18bis64", "18bisunter65", "18to64", "age18to64"],
    "age_65_to_79": ["65bis79", "65bisunter80", "65to79", "age65to79"],
    "age_80_plus": ["80undaelter", "80undmehr", "80plus", "ab80", "80", "age80plus"],
    "share_without_german_citizenship": [
        "anteilohnedeutschestaatsangehoerigkeit",
        "anteilohnedeutschestaatsangehoerigkeitprozent",
        "auslaenderanteil",
        "anteilnichtdeutsche",
        "sharewithoutgermancitizenship",
    ],
    "main_languages": ["hauptsprachen", "sprachen", "mainlanguages", "languages"],
    "source": ["quelle", "source"],
}
REQUIRED = [
    "quarter",
    "reference_date",
    "population",
    "age_under_18",
    "age_18_to_64",
    "age_65_to_79",
    "age_80_plus",
    "share_without_german_citizenship",
]
COLUMN_LABELS = {
    "quarter": "Quartier",
    "reference_date": "Stichtag",
    "population": "Einwohner",
    "age_under_18": "unter 18",
    "age_18_to_64": "18 bis 64",
    "age_65_to_79": "65 bis 79",
    "age_80_plus": "80 und älter",
    "share_without_german_citizenship": "Anteil ohne deutsche Staatsangehörigkeit",
    "main_languages": "Hauptsprachen",
    "source": "Quelle",
}


def normalise_heading(heading: str) -> str:
    text = (heading or "").strip().lower()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, spelled)
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", text)


HEADING_TO_COLUMN = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}


@dataclass
class RowError:
    line: int
    reason: str


@dataclass
class ParsedRow:
    line: int
    quarter: Quarter
    values: dict


@dataclass
class ImportResult:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _decode(data: bytes) -> str:
    # A CSV file never holds NUL characters (PostgreSQL could not store them either): such a file is binary.
    if b"\x00" not in data:
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise ValidationError(_("The file could not be read. Please save it as CSV (UTF-8)."))


def _integer(value: str) -> int:
    cleaned = value.strip().replace(".", "").replace(" ", "").replace("\u202f", "").replace("'", "")
    if not re.fullmatch(r"\d+", cleaned):
        raise ValueError
    return int(cleaned)


def _decimal(value: str) -> Decimal:
    cleaned = value.strip().replace("%", "").replace(" ", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise ValueError from None


def _date(value: str) -> datetime.date:
    value = value.strip()
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError


def _languages(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[|,;/]", value or "") if part.strip()]


def parse_statistics_csv(data: bytes, municipality: Municipality) -> ImportResult:
    """Check every row; return the parsed rows and the errors (line numbers as in the file, header = 1)."""
    try:
        return _parse_statistics_csv(data, municipality)
    except csv.Error:  # e.g. a lone carriage return inside an unquoted field
        result = ImportResult()
        result.errors.append(
            RowError(0, _("The file cannot be read as CSV: a line break or quote mark stands where none may."))
        )
        return result


def _parse_statistics_csv(data: bytes, municipality: Municipality) -> ImportResult:
    result = ImportResult()
    if len(data) > MAX_FILE_SIZE:
        result.errors.append(RowError(0, _("The file is larger than 1 MB.")))
        return result
    text = _decode(data)
    first_line = text.splitlines()[0] if text.strip() else ""
    if not first_line:
        result.errors.append(RowError(1, _("The file is empty.")))
        return result
    delimiter = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader)
    columns = {}
    for index, heading in enumerate(header):
        column = HEADING_TO_COLUMN.get(normalise_heading(heading))
        if column and column not in columns:
            columns[column] = index
    missing = [COLUMN_LABELS[column] for column in REQUIRED if column not in columns]
    if missing:
        result.errors.append(
            RowError(1, _("Columns missing: %(columns)s.") % {"columns": ", ".join(f"“{m}”" for m in missing)})
        )
        return result

    quarters = {}
    for quarter in Quarter.objects.filter(municipality=municipality):
        quarters[quarter.slug.lower()] = quarter
        quarters[quarter.name.strip().lower()] = quarter
    seen = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(result.rows) + len(result.errors) >= MAX_ROWS:
            result.errors.append(RowError(line, _("More than %(max)s rows.") % {"max": MAX_ROWS}))
            break

        def cell(column, row=row):
            index = columns.get(column)
            return row[index].strip() if index is not None and index < len(row) else ""

        parsed, error = _parse_row(cell, quarters, municipality)
        if error:
            result.errors.append(RowError(line, error))
            continue
        key = (parsed["quarter"].pk, parsed["reference_date"])
        if key in seen:
            result.errors.append(
                RowError(
                    line,
                    _("Line %(other)s has the same quarter and reference date already.") % {"other": seen[key]},
                )
            )
            continue
        seen[key] = line
        quarter = parsed.pop("quarter")
        result.rows.append(ParsedRow(line=line, quarter=quarter, values=parsed))
    if not result.rows and not result.errors:
        result.errors.append(RowError(2, _("The file has no rows with figures.")))
    return result


def _parse_row(cell, quarters, municipality):
    name = cell("quarter")
    if not name:
        return None, _("The quarter is missing.")
    quarter = quarters.get(name.lower())
    if quarter is None:
        if Quarter.objects.filter(name__iexact=name).exclude(municipality=municipality).exists():
            return None, _("The quarter “%(name)s” belongs to another municipality.") % {"name": name}
        return None, _("There is no quarter “%(name)s” in %(municipality)s.") % {
            "name": name,
            "municipality": municipality.name,
        }
    values = {"quarter": quarter}
    try:
        values["reference_date"] = _date(cell("reference_date"))
    except ValueError:
        return None, _("The reference date “%(value)s” is not a date (DD.MM.YYYY).") % {"value": cell("reference_date")}
    for column in ("population", "age_under_18", "age_18_to_64", "age_65_to_79", "age_80_plus"):
        raw = cell(column)
        if not raw:
            return None, _("“%(column)s” is empty.") % {"column": COLUMN_LABELS[column]}
        try:
            values[column] = _integer(raw)
        except ValueError:
            return None, _("“%(column)s” is not a whole number: “%(value)s”.") % {
                "column": COLUMN_LABELS[column],
                "value": raw,
            }
    raw_share = cell("share_without_german_citizenship")
    try:
        share = _decimal(raw_share)
    except ValueError:
        return None, _("“%(column)s” is not a number: “%(value)s”.") % {
            "column": COLUMN_LABELS["share_without_german_citizenship"],
            "value": raw_share,
        }
    if not 0 <= share <= 100:
        return None, _("The share without German citizenship must be between 0 and 100 per cent.")
    values["share_without_german_citizenship"] = share.quantize(Decimal("0.01"))
    values["main_languages"] = _languages(cell("main_languages"))
    values["source"] = cell("source")[:255]
    age_total = sum(values[c] for c in ("age_under_18", "age_18_to_64", "age_65_to_79", "age_80_plus"))
    if age_total != values["population"]:
        return None, _("The age groups add up to %(total)s, but the population is %(population)s.") % {
            "total": age_total,
            "population": values["population"],
        }
    return values, None


@transaction.atomic
def statistics_import(*, municipality: Municipality, data: bytes, source: str = "", by) -> ImportResult:
    """Parse and, only if every row is good, store all rows in one transaction."""
    result = parse_statistics_csv(data, municipality)
    if not result.ok:
        return result
    for row in result.rows:
        values = dict(row.values)
        values["source"] = values["source"] or source
        reference_date = values.pop("reference_date")
        statistics = QuarterStatistics.objects.filter(quarter=row.quarter, reference_date=reference_date).first()
        if statistics is None:
            statistics = QuarterStatistics(quarter=row.quarter, reference_date=reference_date)
            result.created += 1
        else:
            result.updated += 1
        for name, value in values.items():
            setattr(statistics, name, value)
        statistics.full_clean()
        statistics.save()
    return result
