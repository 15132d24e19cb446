"""Programmes as CSV and JSON: export, and an import that checks every row before it writes any.

The columns are the programme's fields; many-to-many fields and choice lists are slugs separated by ";"
in CSV and lists in JSON; yes/no fields accept ja/nein, yes/no, true/false, 1/0 and empty (unknown).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from common.money import AmountError, parse_amount
from needs.models import ServiceArea

from .choices import Level, Profitability, Stage, State
from .models import InstrumentType, LegalForm, Programme
from .services import ImportedRow

MAX_FILE_SIZE = 1024 * 1024  # 1 MB is thousands of programmes
MAX_ROWS = 5000
FORMATS = ("csv", "json")

COLUMNS = [
    "slug",
    "name",
    "provider",
    "instrument_type",
    "level",
    "state",
    "municipality",
    "area_restriction",
    "extra_condition",
    "region_note",
    "eligible_legal_forms",
    "open_to_individuals",
    "requires_gemeinnuetzig",
    "eligibility_note",
    "service_areas",
    "purposes_note",
    "profitability",
    "stages",
    "amount_min",
    "amount_max",
    "own_share_percent",
    "own_share_note",
    "requires_securities",
    "securities_note",
    "pays_after_spending",
    "deadline",
    "rolling",
    "deadline_note",
    "sources",
    "source_excerpt",
    "checked_on",
    "note",
]
TEXT_COLUMNS = [
    "name",
    "provider",
    "area_restriction",
    "extra_condition",
    "region_note",
    "eligibility_note",
    "purposes_note",
    "own_share_note",
    "securities_note",
    "deadline_note",
    "sources",
    "source_excerpt",
    "note",
]
BOOLEAN_COLUMNS = [
    "open_to_individuals",
    "requires_gemeinnuetzig",
    "requires_securities",
    "pays_after_spending",
    "rolling",
]
TRUE_VALUES = {"ja", "yes", "true", "1", "wahr", "j", "y"}
FALSE_VALUES = {"nein", "no", "false", "0", "falsch", "n"}


# --- export -------------------------------------------------------------------------------------


def _list(values) -> list[str]:
    return sorted(values)


def programme_row(programme: Programme) -> dict:
    """One programme as a dict of the export columns (needs m2m prefetched, FKs selected)."""

    def boolean(value):
        return None if value is None else bool(value)

    return {
        "slug": programme.slug,
        "name": programme.name,
        "provider": programme.provider,
        "instrument_type": programme.instrument_type.slug,
        "level": programme.level,
        "state": programme.state,
        "municipality": programme.municipality.slug if programme.municipality else "",
        "area_restriction": programme.area_restriction,
        "extra_condition": programme.extra_condition,
        "region_note": programme.region_note,
        "eligible_legal_forms": _list(form.slug for form in programme.eligible_legal_forms.all()),
        "open_to_individuals": boolean(programme.open_to_individuals),
        "requires_gemeinnuetzig": boolean(programme.requires_gemeinnuetzig),
        "eligibility_note": programme.eligibility_note,
        "service_areas": _list(area.slug for area in programme.service_areas.all()),
        "purposes_note": programme.purposes_note,
        "profitability": list(programme.profitability or []),
        "stages": list(programme.stages or []),
        "amount_min": None if programme.amount_min is None else str(programme.amount_min),
        "amount_max": None if programme.amount_max is None else str(programme.amount_max),
        "own_share_percent": None if programme.own_share_percent is None else str(programme.own_share_percent),
        "own_share_note": programme.own_share_note,
        "requires_securities": boolean(programme.requires_securities),
        "securities_note": programme.securities_note,
        "pays_after_spending": boolean(programme.pays_after_spending),
        "deadline": programme.deadline.isoformat() if programme.deadline else None,
        "rolling": boolean(programme.rolling),
        "deadline_note": programme.deadline_note,
        "sources": programme.sources,
        "source_excerpt": programme.source_excerpt,
        "checked_on": programme.checked_on.isoformat() if programme.checked_on else None,
        "note": programme.note,
    }


def export_json(programmes) -> str:
    return json.dumps([programme_row(p) for p in programmes], ensure_ascii=False, indent=2)


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


def export_csv(programmes) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for programme in programmes:
        writer.writerow({key: _csv_value(value) for key, value in programme_row(programme).items()})
    return buffer.getvalue()


# --- import -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


@dataclass
class ImportCheck:
    rows: list[ImportedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)  # line 0: the file as a whole

    @property
    def ok(self) -> bool:
        return not self.errors


class FileError(ValueError):
    pass


def read_file(content: bytes, filename: str, file_format: str = "") -> list[tuple[int, dict]]:
    """(line, raw row) pairs from a CSV or JSON file; raises FileError for a file that cannot be read."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    file_format = file_format or extension
    if file_format not in FORMATS or extension not in FORMATS:
        raise FileError(_("Upload a .csv or .json file."))
    if file_format != extension:
        raise FileError(
            _("The file ends in .%(extension)s, but %(format)s was chosen.")
            % {"extension": extension, "format": file_format.upper()}
        )
    if len(content) > MAX_FILE_SIZE:
        raise FileError(_("The file is larger than 1 MB."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileError(_("The file is not UTF-8 text.")) from error
    if "\x00" in text or re.search(r"\\u0000", text, flags=re.IGNORECASE):
        # NUL characters (raw, or escaped in JSON) are no text, and PostgreSQL cannot store them.
        raise FileError(_("The file is not UTF-8 text."))
    if file_format == "json":
        return _read_json(text)
    try:
        return _read_csv(text)
    except csv.Error as error:  # e.g. a stray carriage return inside a field
        raise FileError(_("The file is not UTF-8 text.")) from error


def _read_json(text: str) -> list[tuple[int, dict]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FileError(_("The file is not valid JSON (line %(line)s).") % {"line": error.lineno}) from error
    if isinstance(data, dict) and isinstance(data.get("programmes"), list):
        data = data["programmes"]
    if not isinstance(data, list):
        raise FileError(_("The JSON file must hold a list of programmes."))
    if len(data) > MAX_ROWS:
        raise FileError(_("The file has more than %(max)s programmes.") % {"max": MAX_ROWS})
    rows = []
    for number, item in enumerate(data, start=1):
        rows.append((number, item if isinstance(item, dict) else {"__invalid__": True}))
    return rows


def _read_csv(text: str) -> list[tuple[int, dict]]:
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") and "name;" in sample.split("\n", 1)[0] else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = reader.fieldnames or []
    missing = [column for column in ("name", "instrument_type", "level") if column not in header]
    if missing:
        raise FileError(_("The CSV file lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)})
    unknown = [column for column in header if column not in COLUMNS]
    if unknown:
        raise FileError(_("The CSV file has unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)})
    rows = []
    for row in reader:
        if len(rows) >= MAX_ROWS:
            raise FileError(_("The file has more than %(max)s programmes.") % {"max": MAX_ROWS})
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue
        rows.append((reader.line_num, row))
    return rows


def _as_list(value) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, list):
        return [str(item).strip() for item in value if str(item).strip()]
    return [part.strip() for part in re.split(r"[;|]", str(value)) if part.strip()]


def _as_bool(value, column: str, errors: list[str]):
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in TRUE_VALUES:
        return True
    if text in FALSE_VALUES:
        return False
    errors.append(
        _("%(column)s: write ja, nein or leave it empty (not “%(value)s”).") % {"column": column, "value": value}
    )
    return None


def _as_date(value, column: str, errors: list[str]):
    if value in (None, ""):
        return None
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    errors.append(
        _("%(column)s: “%(value)s” is not a date (use 2026-12-31 or 31.12.2026).") % {"column": column, "value": value}
    )
    return None


def _as_amount(value, column: str, errors: list[str]):
    if value is None or value == "":
        return None
    try:
        return parse_amount(str(value))
    except AmountError as error:
        errors.append(_("%(column)s: “%(value)s” – %(reason)s") % {"column": column, "value": value, "reason": error})
        return None


class _Lookups:
    def __init__(self):
        self.instruments = {i.slug: i for i in InstrumentType.objects.all()}
        self.forms = {f.slug: f for f in LegalForm.objects.all()}
        self.areas = {a.slug: a for a in ServiceArea.objects.all()}


def check_rows(raw_rows: list[tuple[int, dict]], *, municipality, user) -> ImportCheck:
    """Validate every row; the result holds all errors (line and reason) or all rows ready to import."""
    check = ImportCheck()
    lookups = _Lookups()
    slugs = [slugify(str(raw.get("slug") or "").strip()) for _line, raw in raw_rows if isinstance(raw, dict)]
    existing = {p.slug: p for p in Programme.objects.filter(slug__in=[s for s in slugs if s])}
    seen: set[str] = set()
    if not raw_rows:
        check.errors.append(RowError(0, _("The file holds no programmes.")))
        return check
    for line, raw in raw_rows:
        errors: list[str] = []
        if raw.get("__invalid__"):
            check.errors.append(RowError(line, _("This entry is not an object with programme fields.")))
            continue
        fields: dict = {}
        for column in TEXT_COLUMNS:
            value = raw.get(column)
            fields[column] = "" if value is None else str(value).strip()
        if not fields["name"]:
            errors.append(_("name: the programme needs a name."))
        instrument = lookups.instruments.get(str(raw.get("instrument_type") or "").strip())
        if instrument is None:
            errors.append(
                _("instrument_type: “%(value)s” is not a known instrument type (%(known)s).")
                % {"value": raw.get("instrument_type") or "", "known": ", ".join(sorted(lookups.instruments))}
            )
        fields["instrument_type"] = instrument
        level = str(raw.get("level") or "").strip()
        if level not in Level.values:
            errors.append(
                _("level: “%(value)s” is not one of %(known)s.") % {"value": level, "known": ", ".join(Level.values)}
            )
        fields["level"] = level
        state = str(raw.get("state") or "").strip()
        if state and state not in State.values:
            errors.append(_("state: “%(value)s” is not a state code such as DE-NW.") % {"value": state})
        fields["state"] = state
        for column in BOOLEAN_COLUMNS:
            fields[column] = _as_bool(raw.get(column), column, errors)
        for column in ("amount_min", "amount_max", "own_share_percent"):
            fields[column] = _as_amount(raw.get(column), column, errors)
        if fields["own_share_percent"] is not None and fields["own_share_percent"] > 100:
            errors.append(_("own_share_percent: a share cannot be more than 100 per cent."))
        if (
            fields["amount_min"] is not None
            and fields["amount_max"] is not None
            and fields["amount_min"] > fields["amount_max"]
        ):
            errors.append(_("amount_max: the maximum amount is below the minimum amount."))
        fields["deadline"] = _as_date(raw.get("deadline"), "deadline", errors)
        fields["checked_on"] = _as_date(raw.get("checked_on"), "checked_on", errors)
        for column, choices in (("profitability", Profitability), ("stages", Stage)):
            values = _as_list(raw.get(column))
            wrong = [value for value in values if value not in choices.values]
            if wrong:
                errors.append(
                    _("%(column)s: unknown values %(values)s (allowed: %(known)s).")
                    % {"column": column, "values": ", ".join(wrong), "known": ", ".join(choices.values)}
                )
            fields[column] = list(dict.fromkeys(values))
        for column, known in (("eligible_legal_forms", lookups.forms), ("service_areas", lookups.areas)):
            values = _as_list(raw.get(column))
            wrong = [value for value in values if value not in known]
            if wrong:
                errors.append(
                    _("%(column)s: unknown values %(values)s (allowed: %(known)s).")
                    % {"column": column, "values": ", ".join(wrong), "known": ", ".join(sorted(known))}
                )
            fields[column] = [known[value] for value in values if value in known]

        slug = slugify(str(raw.get("slug") or "").strip()) or slugify(fields["name"])[:100]
        if slug in seen:
            errors.append(_("slug: “%(slug)s” appears twice in the file.") % {"slug": slug})
        seen.add(slug)
        target = existing.get(slug)
        if target is not None and not user.has_perm("financing.change_programme", target):
            errors.append(
                _("slug: “%(slug)s” is a programme you cannot change (shared catalogue or another municipality).")
                % {"slug": slug}
            )
        elif target is not None and target.municipality_id != (municipality.pk if municipality else None):
            errors.append(_("slug: “%(slug)s” belongs to another catalogue than the one chosen.") % {"slug": slug})

        if not errors:
            candidate = Programme(
                municipality=municipality,
                slug=slug,
                **{k: v for k, v in fields.items() if k not in ("eligible_legal_forms", "service_areas")},
            )
            try:
                candidate.full_clean(exclude=["slug"], validate_unique=False)
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    for message in messages:
                        errors.append(f"{name}: {message}" if name != "__all__" else message)
        if errors:
            check.errors.extend(RowError(line, message) for message in errors)
        else:
            check.rows.append(ImportedRow(line=line, slug=slug, fields=fields))
    return check
