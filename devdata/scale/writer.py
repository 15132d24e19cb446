"""Bulk loading: COPY on PostgreSQL, executemany on other databases. No model save() per row.

Rows are tuples in the order of the given field names; ids are chosen by the caller (so foreign keys
can be written without reading anything back) and the sequences are moved past them at the end.
A concrete field the caller does not give is filled from its default (or NULL), so a field another app
adds later does not break the load.
"""

import datetime
import io
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

CHUNK_ROWS = 20_000


def _copy_text(value) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            value = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        return value
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, dict | list):
        return _copy_text(json.dumps(value, ensure_ascii=False))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to COPY")


class BulkWriter:
    def __init__(self, now: datetime.datetime):
        self.vendor = connection.vendor
        self.now = now
        self.counts: dict[str, int] = {}
        self.touched: list[type[models.Model]] = []

    # --- values --------------------------------------------------------------------------------

    def timestamp(self, moment: datetime.datetime) -> str:
        """A timestamp as the database stores it (UTC)."""
        utc = moment.astimezone(datetime.UTC)
        if self.vendor == "postgresql":
            return utc.strftime("%Y-%m-%d %H:%M:%S+00")
        return utc.strftime("%Y-%m-%d %H:%M:%S")

    def json(self, value) -> str:
        return json.dumps(value, ensure_ascii=False)

    # --- ids -----------------------------------------------------------------------------------

    def next_id(self, model: type[models.Model]) -> int:
        """The first free id of a table: ids are assigned by the loader, not by the sequence."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608
            (largest,) = cursor.fetchone()
        return (largest or 0) + 1

    def reset_sequences(self):
        statements = connection.ops.sequence_reset_sql(no_style(), self.touched)
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    # --- rows ----------------------------------------------------------------------------------

    def _fill_missing(self, model, names: Sequence[str]) -> tuple[list[str], tuple]:
        """Columns the caller did not give and their one constant value for every row."""
        given = set(names)
        columns, values = [], []
        for field in model._meta.concrete_fields:
            if field.attname in given or field.name in given:
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = self.timestamp(self.now)
            elif field.has_default():
                value = field.get_default()
                if isinstance(value, datetime.datetime):
                    value = self.timestamp(value)
                elif isinstance(value, dict | list):
                    value = self.json(value)
                elif isinstance(value, datetime.date):
                    value = value.isoformat()
                elif isinstance(value, models.Model):
                    value = value.pk
            elif field.null:
                value = None
            elif field.empty_strings_allowed and field.blank:
                value = ""
            elif field.primary_key:
                continue
            else:
                raise ValueError(f"{model.__name__}.{field.name} has no value and no default")
            columns.append(field.column)
            values.append(value)
        return columns, tuple(values)

    def insert(self, model: type[models.Model], names: Sequence[str], rows: Iterable[tuple]) -> int:
        """Write rows (tuples of plain values in the order of `names`); returns how many."""
        if model not in self.touched:
            self.touched.append(model)
        opts = model._meta
        columns = [opts.get_field(name).column for name in names]
        extra_columns, extra_values = self._fill_missing(model, names)
        all_columns = columns + extra_columns
        table = connection.ops.quote_name(opts.db_table)
        quoted = ", ".join(connection.ops.quote_name(column) for column in all_columns)
        if self.vendor == "postgresql":
            written = self._copy(table, quoted, rows, extra_values)
        else:
            written = self._executemany(table, quoted, len(all_columns), rows, extra_values)
        self.counts[opts.label] = self.counts.get(opts.label, 0) + written
        return written

    def _copy(self, table, quoted, rows, extra_values) -> int:
        extra = "".join("\t" + _copy_text(value) for value in extra_values)
        written = 0
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                buffer = io.StringIO()
                pending = 0
                for row in rows:
                    buffer.write("\t".join(map(_copy_text, row)))
                    buffer.write(extra)
                    buffer.write("\n")
                    pending += 1
                    if pending == CHUNK_ROWS:
                        copy.write(buffer.getvalue())
                        buffer = io.StringIO()
                        written += pending
                        pending = 0
                if pending:
                    copy.write(buffer.getvalue())
                    written += pending
        return written

    def _executemany(self, table, quoted, width, rows, extra_values) -> int:
        placeholders = ", ".join(["%s"] * width)
        sql = f"INSERT INTO {table} ({quoted}) VALUES ({placeholders})"  # noqa: S608
        written = 0
        batch = []
        with connection.cursor() as cursor:
            for row in rows:
                batch.append(tuple(_plain(value) for value in row) + extra_values)
                if len(batch) == CHUNK_ROWS:
                    cursor.executemany(sql, batch)
                    written += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                written += len(batch)
        return written


def _plain(value):
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def aware(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)), datetime.UTC)
