"""Writing many new rows of one model at once, for imports of tens of thousands of honours."""

from __future__ import annotations

from django.db import connections, router

__all__ = ["insert_all"]

#: Most rows one INSERT writes.
BATCH_ROWS = 1000


def insert_all(model, objects):
    """INSERT ``objects`` (new instances, primary key left to the database), as ``bulk_create`` does, in batches of
    many rows a statement.

    On SQLite, ``bulk_create``'s compiler, which prepares its statements value by value, cost an import of 10,000
    honours of eighteen columns twice the time the database took. Here the statement of a batch is written once
    for every batch of that size, each value prepared by its field as ``bulk_create`` would (``pre_save``, then
    ``get_db_prep_save``). On PostgreSQL, ``bulk_create`` already sends a batch as one array per column (Django
    5.2's ``UNNEST``), and the same rows written as placeholders cost psycopg more than they save: it is kept.

    Either way a statement writes many rows, so that PostgreSQL's statement triggers (the names' index) run once a
    batch. Like ``bulk_create``, it sends no signals and calls no ``save()``; the instances do not learn their
    primary keys on SQLite.
    """
    if not objects:
        return 0
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "sqlite":
        model._base_manager.using(connection.alias).bulk_create(objects, batch_size=BATCH_ROWS)
        return len(objects)
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    batch = max(1, min(BATCH_ROWS, connection.ops.bulk_batch_size(fields, objects)))
    quote = connection.ops.quote_name
    head = "INSERT INTO {} ({}) VALUES ".format(
        quote(model._meta.db_table), ", ".join(quote(field.column) for field in fields)
    )
    row = "({})".format(", ".join(["%s"] * len(fields)))
    statements = {}
    prepare = [(field.pre_save, field.get_db_prep_save) for field in fields]
    with connection.cursor() as cursor:
        for start in range(0, len(objects), batch):
            chunk = objects[start : start + batch]
            if len(chunk) not in statements:
                statements[len(chunk)] = head + ", ".join([row] * len(chunk))
            cursor.execute(
                statements[len(chunk)],
                [
                    prepare_value(pre_save(obj, True), connection)
                    for obj in chunk
                    for pre_save, prepare_value in prepare
                ],
            )
    for obj in objects:
        obj._state.adding = False
        obj._state.db = connection.alias
    return len(objects)
