"""A query the ORM compiles once and runs with new values: for the few statements every page
runs whose shape never changes (a deliberation by id, a deliberation's comments).

Compiling a statement (its columns, joins, ordering) was most of the Python cost of reading a
row: about 1.2 ms of CPU for a deliberation joined with its owner, against 0.3 ms to run the
compiled one. The rows are read as the ORM reads them (``ModelIterable``'s steps: the
columns' converters, the model, the joined models), so the objects are the ones a queryset
gives; tests/cases/test_deliberation_get.py compares every column.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators


class CompiledQuery:
    """``queryset`` compiled once; ``rows(*params)`` runs it with ``params`` in place of its
    own parameters (the queryset is built with placeholders, e.g. ``filter(pk=0)``)."""

    def __init__(self, queryset: QuerySet, using: str = DEFAULT_DB_ALIAS) -> None:
        compiler = queryset.query.get_compiler(using)
        self.sql, placeholders = compiler.as_sql()
        self.arity = len(placeholders)
        select, klass_info = compiler.select, compiler.klass_info
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.model: type[Model] = klass_info["model"]
        self.init_list = [f[0].target.attname for f in select[self.start : self.end]]
        self.populators = get_related_populators(klass_info, select, using)
        self.converters = compiler.get_converters([s[0] for s in select])
        self.compiler, self.using = compiler, using

    def rows(self, *params) -> list[Model]:
        if len(params) != self.arity:
            raise TypeError(f"{self.arity} parameters expected, {len(params)} given")
        with connections[self.using].cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        result = []
        for row in rows:
            obj = self.model.from_db(self.using, self.init_list, row[self.start : self.end])
            for populator in self.populators:
                populator.populate(row, obj)
            result.append(obj)
        return result

    def first(self, *params) -> Model | None:
        found = self.rows(*params)
        return found[0] if found else None


class CompiledUpdate:
    """``UPDATE <table> SET <fields> WHERE <match> = %s AND ... AND <null> IS NULL``, written
    once from the model's fields, as the ORM's ``filter(...).update(...)`` writes it.

    ``run(values, *match)`` adapts each value by its field (``get_db_prep_save``, a related
    object by its key) as the ORM's update compiler does, and returns the rows changed. The
    ORM built and compiled the update on every save (about 1 ms of CPU, a sixth of an
    autosave); tests/test_compiled.py compares the statement and its parameters with the
    ORM's."""

    def __init__(
        self,
        model: type[Model],
        fields: tuple[str, ...],
        *,
        match: tuple[str, ...],
        null: tuple[str, ...] = (),
        using: str = DEFAULT_DB_ALIAS,
    ) -> None:
        connection = connections[using]
        meta, qn = model._meta, connection.ops.quote_name
        self.names, self.fields = fields, [meta.get_field(name) for name in fields]
        self.match = [meta.get_field(name) for name in match]
        table = qn(meta.db_table)
        sets = []
        for field in self.fields:
            placeholder = "%s"
            if hasattr(field, "get_placeholder"):  # an array: the value is cast to its type
                placeholder = field.get_placeholder(None, None, connection)
            sets.append(f"{qn(field.column)} = {placeholder}")
        where = [f"{table}.{qn(f.column)} = %s" for f in self.match]
        where += [f"{table}.{qn(meta.get_field(name).column)} IS NULL" for name in null]
        self.sql = f"UPDATE {table} SET {', '.join(sets)} WHERE ({' AND '.join(where)})"
        self.using = using

    def params(self, values: dict, *match) -> list:
        connection = connections[self.using]
        params = []
        for name, field in zip(self.names, self.fields, strict=True):
            value = values[name]
            if hasattr(value, "prepare_database_save") and field.remote_field:
                value = value.prepare_database_save(field)
            params.append(field.get_db_prep_save(value, connection=connection))
        params += [
            f.get_db_prep_value(v, connection) for f, v in zip(self.match, match, strict=True)
        ]
        return params

    def run(self, values: dict, *match) -> int:
        with connections[self.using].cursor() as cursor:
            cursor.execute(self.sql, self.params(values, *match))
            return cursor.rowcount
