"""Writing many new rows of one model at once, for imports of tens of thousands of honours."""

from __future__ import annotations

from django.db import connections, router, transaction

__all__ = ["insert_all"]

#: Most rows one INSERT writes.
BATCH_ROWS = 1000


def insert_all(model, objects):
    """INSERT ``objects``, new instances whose primary key the database gives, as ``bulk_create`` does, in batches
    of many rows a statement, in one transaction.

    On SQLite, ``bulk_create``'s compiler, which prepares its statements value by value, cost an import of 10,000
    honours of eighteen columns twice the time the database took. Here the statement of a batch is written once
    for every batch of that size (SQLite takes 999 parameters: 55 honours a statement), and each value is
    prepared by its field (``pre_save``, then ``get_db_prep_save``). What this leaves out of ``bulk_create`` is
    refused rather than done wrong: a model whose primary key is not an auto field, or that has a generated field
    or a database default, an instance whose key is set, a value that is an expression (``F()``, ``Now()``), or a
    related instance not yet saved, raise ``ValueError`` and nothing is written. The instances do not learn their
    keys, so they stay "adding": saving one again would write it again.

    On PostgreSQL ``bulk_create`` already sends a batch as one array per column (Django 5.2's ``UNNEST``); the
    same rows written as placeholders cost psycopg more than they save, so ``bulk_create`` is called. Either way
    a statement writes many rows, so that PostgreSQL's statement triggers (the names' index) run once a batch.
    Like ``bulk_create``, it sends no signals and calls no ``save()``.
    """
    if not objects:
        return 0
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "sqlite":
        model._base_manager.using(connection.alias).bulk_create(objects, batch_size=BATCH_ROWS)
        return len(objects)
    opts = model._meta
    fields = [field for field in opts.concrete_fields if not field.primary_key]
    if opts.auto_field is None or any(field.generated or field.has_db_default() for field in fields):
        raise ValueError(
            f"insert_all() writes models with an auto primary key and no generated field or database "
            f"default; use bulk_create() for {opts.label}."
        )
    batch = max(1, min(BATCH_ROWS, connection.ops.bulk_batch_size(fields, objects)))
    quote = connection.ops.quote_name
    head = "INSERT INTO {} ({}) VALUES ".format(
        quote(opts.db_table), ", ".join(quote(field.column) for field in fields)
    )
    row = "({})".format(", ".join(["%s"] * len(fields)))
    statements = {}
    prepare = [(field.pre_save, field.get_db_prep_save) for field in fields]

    def values(obj):
        if obj.pk is not None:
            raise ValueError(f"insert_all() writes new rows only; {opts.label} {obj.pk} has its key.")
        # A related instance not saved yet raises here, as in bulk_create.
        obj._prepare_related_fields_for_save(operation_name="insert_all")
        for pre_save, prepare_value in prepare:
            value = pre_save(obj, True)
            if hasattr(value, "resolve_expression"):
                raise ValueError(f"insert_all() writes plain values; use bulk_create() for {value!r}.")
            yield prepare_value(value, connection)

    with transaction.atomic(using=connection.alias, savepoint=False), connection.cursor() as cursor:
        for start in range(0, len(objects), batch):
            chunk = objects[start : start + batch]
            if len(chunk) not in statements:
                statements[len(chunk)] = head + ", ".join([row] * len(chunk))
            cursor.execute(statements[len(chunk)], [value for obj in chunk for value in values(obj)])
    return len(objects)
