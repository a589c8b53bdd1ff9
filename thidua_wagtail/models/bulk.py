"""Writing many new rows of one model at once, for imports of tens of thousands of honours."""

from __future__ import annotations

from django.db import connections, router

__all__ = ["insert_all"]

#: Rows handed to the database driver at a time: bounds the memory of a very large import.
CHUNK_ROWS = 2000


def insert_all(model, objects):
    """INSERT ``objects`` (new instances, primary key left to the database) as ``bulk_create`` does, without
    its per-row work.

    ``bulk_create`` compiles a multi-row statement value by value: with eighteen columns, Django's compiler
    cost an import of 10,000 honours more time than the database did. Here the one-row statement is written
    once and the driver's ``executemany`` runs it for every row (SQLite loops in C; psycopg 3 pipelines
    it), each value prepared by its field as ``bulk_create`` would (``pre_save``, then ``get_db_prep_save``).
    Like ``bulk_create``, it sends no signals and calls no ``save()``; unlike it, the instances do not learn
    their primary keys.
    """
    if not objects:
        return 0
    connection = connections[router.db_for_write(model)]
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    prepare = [(field.pre_save, field.get_db_prep_save) for field in fields]
    with connection.cursor() as cursor:
        for start in range(0, len(objects), CHUNK_ROWS):
            cursor.executemany(
                sql,
                [
                    [prepare_value(pre_save(obj, True), connection) for pre_save, prepare_value in prepare]
                    for obj in objects[start : start + CHUNK_ROWS]
                ],
            )
    for obj in objects:
        obj._state.adding = False
        obj._state.db = connection.alias
    return len(objects)
