"""Querysets built and compiled once per process, then run again with other values.

A page of the package lists a dozen things (a plan's movements, phases, reviews, sub-units' plans, zones, totals),
one query each, whose SQL the database answers in a fraction of a millisecond. Django spends 2–4 ms on each in
Python, on every request, building the queryset (``filter``, ``Q``, subqueries) and compiling it to SQL that differs
from the last request's only in a few values: the plan's id, its path, its locale. With the package's cache off
(a first visit after any change) that was most of a plan page's time (docs/deployment.md, "Figures").

A :class:`CompiledQuery` builds its queryset once per database and *shape* (what, besides the values, decides the
SQL: a page model, the reader's language), compiles it, and from then on runs that SQL with each call's values
through the ORM's own iteration, so model instances, ``only``, ``select_related``, annotations, ``values_list``,
unions, ``prefetch_related`` and each database's converters behave exactly as the queryset's would.

Where each value goes is found, not declared: the queryset is compiled twice, with two different sets of stand-in
values, and each parameter that differs between the two is traced back to the value it came from and to how the
ORM turned it into a parameter (as it is, as text, a UUID's hex, a ``LIKE`` pattern, an integer of its column's
type). A queryset whose SQL changes with the values, or one of whose parameters cannot be traced, is not compiled:
it is built afresh on every call, which is correct and only slower, and :attr:`CompiledQuery.failures` says why (a
test asserts it stays empty for every query of the package's pages).
"""

from __future__ import annotations

import copy
import datetime
import functools
import logging
import threading
import uuid

from django.core.exceptions import EmptyResultSet
from django.db import connections, router

__all__ = ["CompiledQuery"]

logger = logging.getLogger(__name__)

#: How many shapes (with the lengths of their lists) one query keeps compiled, at most.
MOST_SHAPES = 200

#: Every compiled query of the process, for the test that none of them failed to compile.
registry: list[CompiledQuery] = []

# Two stand-ins per value, of its type, each different from every other. Integers stay within every database's
# smallest integer column (Django answers an out-of-range lookup with no SQL at all), texts free of LIKE's wildcards.
# Booleans have only two values, too few to tell two of them apart: a boolean is a constant of the shape.
_STAND_INS = {
    int: lambda i: (30001 + i, 31001 + i),
    str: lambda i: (f"zqa{i}zq", f"zqb{i}zq"),
    uuid.UUID: lambda i: (uuid.UUID(int=0xA0000 + i), uuid.UUID(int=0xB0000 + i)),
    datetime.date: lambda i: (
        datetime.date(2001, 1, 1) + datetime.timedelta(i),
        datetime.date(2002, 1, 1) + datetime.timedelta(i),
    ),
}


def _kind(value):
    kind = type(value)
    return kind if kind in _STAND_INS else None


def _as_is(value, connection):
    return value


def _as_text(value, connection):
    return str(value)


def _as_hex(value, connection):
    return value.hex


def _like_prefix(value, connection):
    return f"{connection.ops.prep_for_like_query(value)}%"


def _like_contains(value, connection):
    return f"%{connection.ops.prep_for_like_query(value)}%"


def _as_type(kind):
    def as_type(value, connection):
        return kind(value)

    return as_type


#: How the ORM may have turned a value into its parameter, tried in this order.
_TRANSFORMS = (_as_is, _as_text, _as_hex, _like_prefix, _like_contains)


class _MatchesNothing(Exception):
    """Django found that the queryset matches no row, and makes no SQL for it."""


class _Nothing:
    """A shape for which the queryset matches nothing whatever the values (an empty list of keys): no query,
    as Django's own queryset makes none."""

    def run(self, values, using):
        return []


class _Uncompilable(Exception):
    pass


@functools.cache
def _preparing_cursor():
    """psycopg's cursor class that binds its values on the server and has psycopg prepare the statement on its first
    run, or None with psycopg 2. Not after ``prepare_threshold`` runs: psycopg counts the runs of every query,
    Django's too, each of which (its values written into its text) is a query of its own, in a list of
    ``prepared_max`` (100) where a page's queries push out a compiled query's count long before it reaches the
    threshold. Made when first asked for, on PostgreSQL: importing Django's backend needs its driver."""
    from django.db.backends.postgresql.base import is_psycopg3

    if not is_psycopg3:
        return None
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparingCursor(ServerBindingCursor):
        def execute(self, query, params=None, **kwargs):
            return super().execute(query, params, **{**kwargs, "prepare": True})

    return PreparingCursor


def _prepared(execute_sql, connection, sql, params):
    """``execute_sql`` of the compiler, run with its values bound by the server rather than written into the query's
    text and prepared, where the site lets psycopg prepare statements (``prepare_threshold`` in the database's
    ``OPTIONS``, set to any number; Django leaves it off for poolers that cannot keep prepared statements).
    PostgreSQL then stops planning the query anew on every request: most of the time of a page's small queries
    (docs/deployment.md, "Database connections"). Django's own queries keep their cursors."""

    def run(*args, **kwargs):
        connection.ensure_connection()
        raw = connection.connection
        cursor_class = _preparing_cursor()
        if cursor_class is None or getattr(raw, "prepare_threshold", None) is None:
            return execute_sql(*args, **kwargs)
        factory = raw.cursor_factory
        raw.cursor_factory = cursor_class
        try:
            return execute_sql(*args, **kwargs)
        finally:
            raw.cursor_factory = factory
            # Django logs the text psycopg sent, which a prepared statement does not have: the query's own instead.
            if connection.queries_logged and connection.queries_log and connection.queries_log[-1]["sql"] is None:
                connection.queries_log[-1]["sql"] = connection.ops.compose_sql(sql, params)

    return run


class _BoundQuery:
    """The compiled query of one call: the ORM's iterables ask it for a compiler and get the prepared one."""

    __slots__ = ("_compiler", "_query")

    def __init__(self, query, compiler):
        self._query = query
        self._compiler = compiler

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        return self._compiler

    def __getattr__(self, name):
        return getattr(self._query, name)


class _Compiled:
    """A queryset compiled with stand-ins, and where each call's values go in its parameters."""

    def __init__(self, queryset, compiler, sql, slots):
        self.queryset = queryset
        self.compiler = compiler
        self.sql = sql
        #: Per parameter: (None, the constant) or (the value's name, how it becomes the parameter).
        self.slots = slots

    def run(self, values, using):
        connection = connections[using]
        params = tuple(
            transform if name is None else transform(values[name], connection) for name, transform in self.slots
        )
        compiler = copy.copy(self.compiler)
        # A compiler belongs to the connection of the thread that compiled it; this call may be in another thread.
        compiler.connection = connection
        compiler.as_sql = lambda *args, **kwargs: (self.sql, params)
        if connection.vendor == "postgresql":
            compiler.execute_sql = _prepared(compiler.execute_sql, connection, self.sql, params)
        template = self.queryset
        # What QuerySet._clone() copies, without cloning the query, which the call never changes.
        queryset = type(template)(model=template.model, query=_BoundQuery(template.query, compiler), using=using)
        queryset._iterable_class = template._iterable_class
        queryset._fields = template._fields
        queryset._prefetch_related_lookups = template._prefetch_related_lookups
        return list(queryset)


class CompiledQuery:
    """A queryset, built by ``build(*shape, **values)``, compiled once per database and shape.

    ``build`` may depend on nothing but its arguments: the shape, hashable, for what changes the SQL (a model, a
    language), the values (integers, texts, UUIDs, dates; never None or a boolean) for what only fills it in. Call
    :meth:`list` for the rows as a list, as ``list(build(*shape, **values))`` would give them.
    """

    def __init__(self, build, name=None):
        self.build = build
        self.name = name or f"{build.__module__}.{getattr(build, '__qualname__', type(build).__qualname__)}"
        self._compiled: dict = {}
        self._models: dict = {}
        self._lock = threading.Lock()
        #: {(database, shape, kinds of the values, lengths of the lists): why it could not be compiled}
        self.failures: dict = {}
        registry.append(self)

    def __repr__(self):
        return f"<CompiledQuery {self.name}>"

    def list(self, *shape, using=None, **values):
        """The rows, read from the database ``using``, else from the one the database routers choose for reading
        the queryset's model, as the queryset itself would."""
        flat, lengths = _flatten(values)
        kinds = tuple(sorted(((key, _kind(value)) for key, value in flat.items()), key=lambda item: _order(item[0])))
        if any(kind is None for _key, kind in kinds):
            # None or an unforeseen type would change the SQL itself (IS NULL): built as it is.
            queryset = self.build(*shape, **values)
            return list(queryset if using is None else queryset.using(using))
        if using is None:
            model = self._models.get(shape)
            if model is None:
                model = self._models[shape] = self.build(*shape, **values).model
            using = router.db_for_read(model)
        key = (using, shape, kinds, lengths)
        compiled = self._compiled.get(key)
        if compiled is None and len(self._compiled) >= MOST_SHAPES:
            # Lists of ever new lengths (a hub with ever more plans) compile no more than this, and keep nothing.
            return list(self.build(*shape, **values).using(using))
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(key)
                if compiled is None:
                    compiled = self._compiled[key] = self._compile(shape, kinds, lengths, using, key)
        if compiled is False:
            return list(self.build(*shape, **values).using(using))
        return compiled.run(flat, using)

    def _compile(self, shape, kinds, lengths, using, key):
        pairs = {name: _STAND_INS[kind](i) for i, (name, kind) in enumerate(kinds)}
        try:
            first = self._compile_with(shape, {name: pair[0] for name, pair in pairs.items()}, lengths, using)
            second = self._compile_with(shape, {name: pair[1] for name, pair in pairs.items()}, lengths, using)
            if first[2] != second[2]:
                raise _Uncompilable("its SQL changes with the values")
            slots = self._trace(first[3], second[3], pairs, connections[using])
        except _MatchesNothing as error:
            if self._empty_lists_match_nothing(shape, pairs, lengths, using):
                return _Nothing()
            # Only the stand-ins may match nothing (a value outside a column's range): built on every call.
            self.failures[key] = str(error)
            logger.warning("%s is built on every call: %s", self.name, error)
            return False
        # Any error: the stand-ins may be no valid value where the real ones are, which are tried next.
        except Exception as error:
            self.failures[key] = str(error) if isinstance(error, _Uncompilable) else repr(error)
            logger.warning("%s is built on every call: %s", self.name, error)
            return False
        queryset, compiler, sql, _params = first
        return _Compiled(queryset, compiler, sql, slots)

    def _empty_lists_match_nothing(self, shape, pairs, lengths, using):
        """Whether it is the shape's empty lists that match nothing, not a stand-in value (an integer outside its
        column's range would too): given one item each, the queryset must then make SQL."""
        if not any(length == 0 for _name, length in lengths):
            return False
        flat = {name: pair[0] for name, pair in pairs.items()}
        one_each = tuple((name, length or 1) for name, length in lengths)
        # The items' type is unknown (there are none): an integer, else a text, must be a valid item.
        for kind in (int, str):
            trial = dict(flat)
            trial.update({(name, 0): _STAND_INS[kind](900)[0] for name, length in lengths if length == 0})
            try:
                self._compile_with(shape, trial, one_each, using)
            except Exception:
                continue
            return True
        return False

    def _compile_with(self, shape, flat, lengths, using):
        queryset = self.build(*shape, **_unflatten(flat, lengths)).using(using)
        if queryset._known_related_objects or queryset._sticky_filter:
            # A related manager's queryset carries the instance it was built from into every row.
            raise _Uncompilable("it was built from a related manager")
        compiler = queryset.query.get_compiler(using=using)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet as error:
            raise _MatchesNothing("it matches nothing with the stand-in values") from error
        return queryset, compiler, sql, tuple(params)

    @staticmethod
    def _trace(first, second, pairs, connection):
        if len(first) != len(second):
            raise _Uncompilable("its parameters change with the values")
        slots = []
        for a, b in zip(first, second, strict=True):
            if type(a) is type(b) and a == b:
                slots.append((None, a))
                continue
            transforms = _TRANSFORMS
            if isinstance(a, int) and type(a) not in (int, bool):
                # PostgreSQL's backend wraps an integer in the type of its column (psycopg's Int2, Int4…).
                transforms = (*transforms, _as_type(type(a)))
            for name, (stand_in_a, stand_in_b) in pairs.items():
                transform = next(
                    (
                        transform
                        for transform in transforms
                        if _matches(transform, stand_in_a, a, connection)
                        and _matches(transform, stand_in_b, b, connection)
                    ),
                    None,
                )
                if transform is not None:
                    slots.append((name, transform))
                    break
            else:
                raise _Uncompilable(f"the parameter {a!r} comes from no value as it is")
        return slots


def _flatten(values):
    """Each value by (name, None); each item of a list or tuple by (name, index), its length in ``lengths``: the
    length is part of the shape (one more item is one more placeholder), the items are values like any other."""
    flat, lengths = {}, []
    for name, value in values.items():
        if isinstance(value, list | tuple):
            flat.update(((name, i), item) for i, item in enumerate(value))
            lengths.append((name, len(value)))
        else:
            flat[(name, None)] = value
    return flat, tuple(sorted(lengths))


def _unflatten(flat, lengths):
    values = {name: [None] * length for name, length in lengths}
    for (name, index), value in flat.items():
        if index is None:
            values[name] = value
        else:
            values[name][index] = value
    return values


def _order(key):
    name, index = key
    return (name, -1 if index is None else index)


def _matches(transform, stand_in, param, connection):
    try:
        made = transform(stand_in, connection)
    except (AttributeError, TypeError):
        return False
    return type(made) is type(param) and made == param
