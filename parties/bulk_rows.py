"""Rows written in bulk for the load generator (`generate_load`): PostgreSQL's COPY
where the database is PostgreSQL, `bulk_create` in batches elsewhere.

Rows are given as plain values keyed by field attname (`body_id`, not `body`);
fields left out take their model default, so a field added to a model later
does not break the generator, and values for fields the model does not have
are left out. Primary keys are given by the caller (so related
rows can point at them before they are written), except for the auto-created
many-to-many tables, whose ids the database numbers. Model `save()`, signals and
history are bypassed on purpose: this is bulk data for measuring, not edits.
"""

import io
import uuid
from datetime import date, datetime
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max


def next_ids(*model_classes):
    """The first free primary key of each model, so generated ids follow what exists."""
    return {
        model: (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1 for model in model_classes
    }


def _copy_text(value):
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (int, Decimal, uuid.UUID)):
        return str(value)
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = (
            text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "")
        )
    return text


class _Table:
    def __init__(self, model, now):
        self.model = model
        self.rows = []
        meta = model._meta
        auto_m2m = meta.auto_created
        self.fields = []
        for field in meta.concrete_fields:
            if field.primary_key and auto_m2m:
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                default = now
            elif field.has_default():
                default = field.get_default
            elif field.null:
                default = None
            elif isinstance(field, (models.CharField, models.TextField, models.FileField)):
                default = ""
            else:
                default = None
            self.fields.append((field.attname, field.column, default))


class RowWriter:
    """Collects rows per model and writes them in batches, in the order the models
    were first given (parents before children), inside one transaction per flush."""

    def __init__(self, *, now, batch_size=20000, use_copy=None):
        self.now = now
        self.batch_size = batch_size
        self.tables = {}
        self.use_copy = connection.vendor == "postgresql" if use_copy is None else use_copy
        self.written = {}
        self._ids = {}

    def new_id(self, model):
        """A fresh primary key for `model`, following the highest one in the database."""
        if model not in self._ids:
            self._ids[model] = next_ids(model)[model]
        value = self._ids[model]
        self._ids[model] = value + 1
        return value

    def add(self, model, **values):
        table = self.tables.get(model)
        if table is None:
            table = self.tables[model] = _Table(model, self.now)
        table.rows.append(values)

    def flush_if_full(self):
        """Write once a table holds a batch: called by the generators between whole
        records (a programme with its clauses and reports), never in the middle of one,
        so that a row never points at one a later transaction would write."""
        if any(len(table.rows) >= self.batch_size for table in self.tables.values()):
            self.flush()

    def flush(self):
        with transaction.atomic():
            for table in self.tables.values():
                if table.rows:
                    self._write(table)
                    self.written[table.model] = self.written.get(table.model, 0) + len(table.rows)
                    table.rows = []

    def _write(self, table):
        if self.use_copy:
            self._copy(table)
            return
        model = table.model
        objects = []
        for values in table.rows:
            filled = {}
            for attname, _column, default in table.fields:
                if attname in values:
                    filled[attname] = values[attname]
                else:
                    filled[attname] = default() if callable(default) else default
            objects.append(model(**filled))
        model.objects.bulk_create(objects, batch_size=self.batch_size)

    def _copy(self, table):
        columns = [column for _attname, column, _default in table.fields]
        buffer = io.StringIO()
        for values in table.rows:
            parts = []
            for attname, _column, default in table.fields:
                if attname in values:
                    value = values[attname]
                else:
                    value = default() if callable(default) else default
                parts.append(_copy_text(value))
            buffer.write("\t".join(parts))
            buffer.write("\n")
        buffer.seek(0)
        quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
        sql = f"COPY {connection.ops.quote_name(table.model._meta.db_table)} ({quoted}) FROM STDIN"
        with connection.cursor() as cursor:
            cursor.copy_expert(sql, buffer)

    def finish(self):
        """Write what is left and move each table's id sequence past the ids given."""
        self.flush()
        statements = connection.ops.sequence_reset_sql(no_style(), list(self.tables))
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        return self.written
