"""The honour roll's name search, served by the indexes of migrations 0004, 0022 and 0024 where they exist.

A visitor types any part of a name, so a search is ``contains`` on the folded name (``search_name``),
which no B-tree index can serve.

A register repeats its names (a person is honoured year after year; Vietnamese names share a few family
and middle names), so on both databases the distinct names are kept in a table of their own, with a
trigram index, to which triggers add every new name on every write (bulk inserts and raw updates too). A
search reads the names that contain the text there, then their honours from an index of each name's
honours in the roll's order (``thidua_honour_name_roll``, one of the honours' indexes).

On PostgreSQL each distinct name is also kept as the suffixes that start at each of its words ("nguyen van an",
"van an", "an"), in a B-tree, beside the distinct words themselves (migration 0025). A text found in a name
starts in one of its words: its first word ends a word of the name, its middle words are words of the name,
its last word begins one. So the words that could hold the text's first word are found among the register's
distinct words (a few thousand at most: Vietnamese has fewer syllables), and each one's names are one range
of the suffixes, read in order: a search costs what it finds, however many names the register holds. A
trigram index (pg_trgm's GIN, on the same table of names) intersects trigrams that most Vietnamese names
share, and its cost grew with the register: 5.6–6.7 ms for "nguyen van an" or "thi hoa" among the 155,000
names of a million honours, against 0.1–0.8 ms by the suffixes. It stays for a text the suffixes cannot
bound (see :func:`_suffix_ranges`). The trigram index on the honours themselves (0004) is slower still:
17–21 ms. A text found in more than ``MOST_NAMES`` names (a family name) is common enough for the honours'
own indexes, which the planner then chooses among as before; so is a text under three characters.

SQLite keeps the trigrams of the names in an FTS5 table, which has to be asked by name; it is asked only
while that table and the triggers that keep it in step exist. Searching the distinct names rather than every
honour's (as migration 0004 did) reads a few hundred names where it read every namesake's row: 0.3 ms
against 2.4 for "nguyen van an" among 50,000 honours, 0.6 against 40 among a million (in-memory tables of
realistic names, the same trigram tokenizer). The honours of those names are then read by their keys, and a
text found in more names, or held by more than ``MOST_MATCHES_BY_KEY`` honours, walks the roll in order. A
later migration that rebuilds the honours table (SQLite's way of altering one) drops the triggers, and the
search then falls back to reading the table rather than trust a stale index. Either database's search falls
back likewise while its index is missing.
"""

from __future__ import annotations

import json

from django.db import connections, transaction
from django.db.models import BooleanField, F, Func

from .text import fold

__all__ = [
    "filter_by_name",
    "name_index_missing",
    "names_containing",
    "pg_names_drop_statements",
    "pg_names_statements",
    "rebuild_name_index",
    "refresh_name_statistics",
    "restore_name_index",
    "search_by_name",
]

#: Each name's honours in the roll's order (``Honour.Meta.indexes``).
NAME_ROLL_INDEX = "thidua_honour_name_roll"
#: The distinct names of the register (both databases).
NAMES_TABLE = "thidua_wagtail_honour_names"
#: SQLite: the FTS5 table of the names' trigrams, and the triggers that add each new name to the names and to it.
FTS_TABLE = "thidua_wagtail_honour_name"
_SQLITE_NAME_TRIGGERS = (f"{FTS_TABLE}_insert", f"{FTS_TABLE}_update", f"{NAMES_TABLE}_fts")
_FTS_OBJECTS = (FTS_TABLE, NAMES_TABLE, *_SQLITE_NAME_TRIGGERS, NAME_ROLL_INDEX)
#: PostgreSQL: migration 0004's trigram index of every honour's name, dropped by 0025. Since PostgreSQL 14 it answers
#: equality too, and on a small register the planner read a search's names from it rather than from the B-tree of
#: each name's honours: 304 names took 18.6 ms at 1,000 honours, where the B-tree takes a fraction of one. The
#: names' own tables serve every search it served; a text found in more than ``MOST_NAMES`` names walks the roll.
HONOURS_TRIGRAM_INDEX = "thidua_honour_name_trgm"
#: PostgreSQL: the distinct words of the names, and each name's suffixes from each of its words (migration 0025).
WORDS_TABLE = "thidua_wagtail_honour_name_words"
SUFFIXES_TABLE = "thidua_wagtail_honour_name_suffixes"
#: PostgreSQL: the triggers that add each new name to the table of names.
_PG_NAME_TRIGGERS = ("thidua_honour_names_insert", "thidua_honour_names_update")
#: A search found in more distinct names than this is left to the honours' own indexes: it is common
#: enough that walking the roll in order meets its first matches at once, and the 1,000 a search counts
#: within a few thousand rows, where reading every match by its name would sort them all.
MOST_NAMES = 1000
#: PostgreSQL: the register's size (the planner's count, ``pg_class.reltuples``) from which a search's names are
#: given as an array read in order rather than a table joined (see ``_OneOfNames``).
NAMES_IN_ORDER_FROM = 100_000
#: SQLite: a search whose names are held by more honours than this is left to walking the roll in order, as well.
#: The rest are read by their keys, which SQLite's planner, without statistics, reads better than by their names:
#: given names, it walked the roll's own index in order, testing every row.
MOST_MATCHES_BY_KEY = 3000
# Characters that LIKE would read as wildcards or escapes; names never hold them.
_LIKE_SPECIAL = set("%_\\")


def _sqlite_index_ready(connection) -> bool:
    # Asked on the raw connection: a lookup in sqlite_master costs microseconds, and going
    # around Django's cursor keeps it out of the page's query log and counts.
    connection.ensure_connection()
    placeholders = ", ".join("?" * len(_FTS_OBJECTS))
    (found,) = connection.connection.execute(
        f"SELECT count(*) FROM sqlite_master WHERE name IN ({placeholders})", _FTS_OBJECTS
    ).fetchone()
    return found == len(_FTS_OBJECTS)


def _pg_name_tables(connection) -> tuple[bool, bool, bool]:
    """PostgreSQL: (the table of names and its enabled triggers are there, the tables of words and suffixes too, the
    register holds at least ``NAMES_IN_ORDER_FROM`` honours by the planner's last count)."""
    # On the raw connection, as on SQLite: a catalogue lookup, kept out of the page's query log and counts.
    connection.ensure_connection()
    with connection.connection.cursor() as cursor:
        # Enabled triggers on this schema's honours table: a disabled one would let names in unseen.
        cursor.execute(
            "SELECT to_regclass(%s) IS NOT NULL AND (SELECT count(*) FROM pg_trigger WHERE tgname = ANY(%s) "
            "AND tgrelid = to_regclass('thidua_wagtail_honour') AND tgenabled <> 'D') = %s, "
            "to_regclass(%s) IS NOT NULL AND to_regclass(%s) IS NOT NULL, "
            "(SELECT reltuples FROM pg_class WHERE oid = to_regclass('thidua_wagtail_honour')) >= %s",
            (
                NAMES_TABLE,
                list(_PG_NAME_TRIGGERS),
                len(_PG_NAME_TRIGGERS),
                WORDS_TABLE,
                SUFFIXES_TABLE,
                NAMES_IN_ORDER_FROM,
            ),
        )
        names, suffixes, large = cursor.fetchone()
        return bool(names), bool(names and suffixes), bool(large)


def _pg_names_ready(connection) -> bool:
    return _pg_name_tables(connection)[0]


def _name_index(connection) -> tuple[bool, bool, bool]:
    """(the table of names can be searched, it can be searched by its suffixes, the names' honours are read in
    order of name; see :class:`_OneOfNames`)."""
    if connection.vendor == "postgresql":
        return _pg_name_tables(connection)
    if connection.vendor == "sqlite":
        ready = _sqlite_index_ready(connection)
        return ready, ready, False
    return False, False, False


def names_containing(connection, needle: str, most: int, suffixes: bool = True) -> list[str]:
    """The register's distinct folded names that contain ``needle`` (on PostgreSQL, by the names' suffixes where
    ``suffixes``, else by their trigrams), or more than ``most`` of them where there are more than that."""
    with connection.cursor() as cursor:
        cursor.execute(*names_query(connection, needle, most, suffixes))
        rows = [name for (name,) in cursor.fetchall()]
    # PostgreSQL's suffixes give a name once for each of its words that holds the text ("anh" in "Nguyễn Thanh
    # Hạnh"), and the query stops after ``most`` + 1 rows: so many rows may hide a name beyond them, and the text is
    # then as common as ``most`` + 1 names, for the caller. Fewer are every name, told once.
    return rows if len(rows) > most else list(dict.fromkeys(rows))


def names_query(connection, needle: str, most: int, suffixes: bool = True) -> tuple[str, tuple]:
    """The SQL and parameters of :func:`names_containing`."""
    if connection.vendor == "sqlite":
        # A phrase, not LIKE: the trigram tokenizer finds a phrase as a substring from its positions alone, where
        # LIKE rechecks each candidate's text.
        sql = (
            f"SELECT search_name FROM {NAMES_TABLE} WHERE id IN "
            f"(SELECT rowid FROM {FTS_TABLE} WHERE search_name MATCH %s LIMIT %s)"
        )
        params = (fts_phrase(needle), most + 1)
    elif suffixes and (ranges := _suffix_ranges(needle)) is not None:
        first, rest, beyond = ranges
        # The words that end with the first word of a text of several, or hold a text of one.
        pattern = f"%{connection.ops.prep_for_like_query(first)}" + ("" if rest else "%")
        # The words the text's first word could end (or, for a text of one word, lie within), and then each one's
        # names, a range of the suffixes in the C collation's order (the order of code points), where a prefix's
        # names are contiguous whatever the database's own collation. A name holding two such words is read once
        # for each (see names_containing).
        sql = (
            f"SELECT s.search_name FROM (SELECT DISTINCT word FROM {WORDS_TABLE} WHERE word LIKE %s) w "
            "CROSS JOIN LATERAL ("
            f"SELECT search_name FROM {SUFFIXES_TABLE} "
            'WHERE suffix >= (w.word || %s) COLLATE "C" AND suffix < (w.word || %s) COLLATE "C" LIMIT %s'
            ") s LIMIT %s"
        )
        params = (pattern, rest, beyond, most + 1, most + 1)
    else:
        sql = f"SELECT search_name FROM {NAMES_TABLE} WHERE search_name LIKE %s LIMIT %s"
        params = (f"%{needle}%", most + 1)
    return sql, params


def _suffix_ranges(needle: str):
    """PostgreSQL: (the text's first word, what follows the word that holds it in a matching suffix, the end of that
    range), or None where no range bounds the text.

    "thi hoa" is found in the names whose suffixes from a word ending in "thi" run from that word + " hoa" up to
    (not including) that word + " hob". A text of one word ("" follows) lies within a word: the suffixes from such a
    word run from the word itself up to the word + "!", the character after the space that follows a word in a
    name."""
    first, _space, rest = needle.partition(" ")
    if not rest:
        return first, "", "!"
    rest = " " + rest
    following = ord(rest[-1]) + 1
    if 0xD800 <= following <= 0xDFFF:  # surrogates are not characters
        following = 0xE000
    if following > 0x10FFFF:
        return None  # no character follows the last one
    return first, rest, rest[:-1] + chr(following)


class _OneOfNames(Func):
    """PostgreSQL: ``search_name`` is one of ``names``, given as one text (a name a line: a folded name holds no line
    break), which psycopg sends at once where it quotes a list's strings one by one (4 ms for 800 names).

    ``in_order`` (a register of ``NAMES_IN_ORDER_FROM`` honours or more): the names as an array the planner does not
    look into, so that each name's honours are read from the index of each name's honours in the roll's order,
    names in order. A search ordered by name, then as the roll, then stops after the honours it shows and counts
    (``filters.HonourRollFilterForm.name_matches``), however many more the register holds. Not ``search_name IN
    (…)`` nor an array the planner can see: it weighs each name against the column's statistics, which for a common
    text's 800 names took longer than the search (4.5–5.5 ms against 1 at a million honours).

    Otherwise the names as a table joined to the honours: on a small register the planner reads the table whole, and
    a join hashes the names, where an array is compared name by name with every row (8.5 ms for the 304 names of
    "nguyen" among 1,000 honours). A small register's matches are few, and sorted at once."""

    output_field = BooleanField()

    def __init__(self, names, in_order=True):
        super().__init__(F("search_name"))
        self.names = list(names)
        if in_order:
            self.template = "%(expressions)s = ANY((SELECT string_to_array(%%s, E'\\n'))::text[])"
        else:
            self.template = "%(expressions)s IN (SELECT unnest(string_to_array(%%s, E'\\n')))"

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = super().as_sql(compiler, connection, **extra_context)
        return sql, (*params, "\n".join(self.names))


def _sqlite_honours_named(connection, names: list[str], most: int) -> list[int]:
    """SQLite: the keys of up to ``most`` + 1 honours that hold one of ``names`` (given as one JSON list: a statement
    takes at most 32,766 parameters), read on each name's index."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM thidua_wagtail_honour INDEXED BY {NAME_ROLL_INDEX} "
            "WHERE search_name IN (SELECT value FROM json_each(%s)) LIMIT %s",
            (json.dumps(names, ensure_ascii=False), most + 1),
        )
        return sorted(key for (key,) in cursor.fetchall())


def fts_phrase(text: str) -> str:
    """``text`` as an FTS5 phrase, which with the trigram tokenizer matches every row that contains it."""
    return '"' + text.replace('"', '""') + '"'


def filter_by_name(honours, text: str):
    """``honours`` whose name contains ``text``, ignoring diacritics, case and repeated spaces."""
    return search_by_name(honours, text)[0]


def search_by_name(honours, text: str):
    """(``honours`` whose name contains ``text``, whether they were found from the list of the names that contain it).

    Found from their names, the honours can be read name by name in the order of each name's index
    (``filters.NAME_SEARCH_ORDER``), and a page of them costs what it shows. A text common to more names, or under
    three characters, is read from the honours' own indexes: walking the roll in order meets its matches at once,
    where walking the names in order would first pass every name before them ("nguyen" after "bui", "le", "ngo")."""
    needle = fold(text)
    if not needle:
        return honours, False
    connection = connections[honours.db]
    # Under three characters a trigram index has nothing to look up (and FTS5 misses short non-ASCII terms
    # outright); reading the table is no slower. Wildcards are left to Django's escaping.
    indexed = len(needle) >= 3 and not (_LIKE_SPECIAL & set(needle))
    ready, suffixes, large = _name_index(connection) if indexed else (False, False, False)
    if ready:
        # Read once: the roll counts its matches, then reads a page of them, and the names are the same for both.
        names = names_containing(connection, needle, MOST_NAMES, suffixes=suffixes)
        if not names:
            return honours.none(), True
        if len(names) <= MOST_NAMES:
            if connection.vendor == "postgresql":
                return honours.filter(_OneOfNames(names, in_order=large)), True
            keys = _sqlite_honours_named(connection, names, MOST_MATCHES_BY_KEY)
            if len(keys) <= MOST_MATCHES_BY_KEY:
                return honours.filter(pk__in=keys), True
    return honours.filter(search_name__contains=needle), False


def _sqlite_statements():
    """SQLite: the table of distinct names, the FTS5 table of their trigrams, and the triggers that add every new name
    to both, filled from the honours already there (after removing migration 0004's index of every honour's name).

    The triggers check that a name is new rather than ``INSERT OR IGNORE`` it: a statement's own conflict clause
    (an ``INSERT OR REPLACE`` into the honours) would override the trigger's. Names no honour holds any longer stay
    until the index is rebuilt, as on PostgreSQL."""
    names, fts, honours = NAMES_TABLE, FTS_TABLE, "thidua_wagtail_honour"
    add_name = f"""INSERT INTO {names} (search_name) SELECT new.search_name
                WHERE NOT EXISTS (SELECT 1 FROM {names} WHERE search_name = new.search_name);"""
    return [
        *_sqlite_drop_statements(),
        f"CREATE TABLE {names} (id INTEGER PRIMARY KEY, search_name TEXT NOT NULL UNIQUE)",
        f"INSERT INTO {names} (search_name) SELECT DISTINCT search_name FROM {honours} WHERE search_name <> ''",
        f"""CREATE VIRTUAL TABLE {fts} USING fts5(
            search_name, content='{names}', content_rowid='id', tokenize='trigram'
        )""",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
        f"""CREATE TRIGGER {names}_fts AFTER INSERT ON {names} BEGIN
            INSERT INTO {fts}(rowid, search_name) VALUES (new.id, new.search_name);
        END""",
        f"""CREATE TRIGGER {fts}_insert AFTER INSERT ON {honours} WHEN new.search_name <> '' BEGIN
            {add_name}
        END""",
        f"""CREATE TRIGGER {fts}_update AFTER UPDATE OF search_name ON {honours} WHEN new.search_name <> '' BEGIN
            {add_name}
        END""",
    ]


def _sqlite_drop_statements():
    """SQLite: drop the name index, as migration 0004 made it (every honour's name) or as it is now."""
    return [
        *(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{event}" for event in ("insert", "delete", "update")),
        f"DROP TRIGGER IF EXISTS {NAMES_TABLE}_fts",
        f"DROP TABLE IF EXISTS {FTS_TABLE}",
        f"DROP TABLE IF EXISTS {NAMES_TABLE}",
    ]


def pg_names_statements(honours="thidua_wagtail_honour", suffixes=True):
    """PostgreSQL: the table of distinct names, its trigram index, the tables of their words and of their suffixes
    from each word, and the triggers that add every new name to them, filled from the honours already there.

    The triggers run once per statement, on the rows it wrote (an import's thousands of rows in one INSERT …
    SELECT DISTINCT), and name no column, so that a later migration may still alter ``search_name``. The names of
    one statement are added in order, so that two imports adding the same new names wait for each other rather
    than deadlock; a name's suffixes are added by the one transaction that added the name, and a new word by each
    transaction that meets it (see the table of words). The function keeps the schema it was created in, whatever
    a later session's search path.

    Names no honour holds any longer stay until the index is rebuilt: they are never shown, and only point a
    search at nothing; deleting them as honours go would race with a colleague adding the same name in another
    transaction, and lose it from the search.

    Without ``suffixes``, the statements of migration 0022: the names and their trigram index only."""
    table = NAMES_TABLE
    insert, update = _PG_NAME_TRIGGERS
    add_names = f"""INSERT INTO {table} (search_name)
                SELECT DISTINCT search_name FROM thidua_written_honours WHERE search_name <> '' ORDER BY search_name
                ON CONFLICT DO NOTHING"""
    suffix_tables, fill_suffixes = [], []
    if suffixes:
        add_names = f"""WITH added AS ({add_names} RETURNING search_name),
            suffixes AS (INSERT INTO {SUFFIXES_TABLE} (suffix, search_name) {_PG_SUFFIXES.format(names="added")})
            INSERT INTO {WORDS_TABLE} (word)
                SELECT word FROM (SELECT DISTINCT unnest(string_to_array(search_name, ' ')) AS word FROM added) fresh
                WHERE NOT EXISTS (SELECT 1 FROM {WORDS_TABLE} known WHERE known.word = fresh.word)"""
        suffix_tables = [
            # No unique key: two imports adding the same new word, each in several statements of its own
            # transaction, would wait for each other, and could deadlock. A word written twice is read once.
            f"CREATE TABLE {WORDS_TABLE} (word text NOT NULL)",
            f"CREATE INDEX {WORDS_TABLE}_word ON {WORDS_TABLE} (word)",
            # The C collation orders by code point, so that the suffixes that begin with a text are one range of
            # the index under any database collation.
            f'CREATE TABLE {SUFFIXES_TABLE} (suffix text COLLATE "C" NOT NULL, search_name text NOT NULL, '
            "PRIMARY KEY (suffix, search_name))",
        ]
        fill_suffixes = [
            f"INSERT INTO {SUFFIXES_TABLE} (suffix, search_name) {_PG_SUFFIXES.format(names=table)}",
            f"INSERT INTO {WORDS_TABLE} (word) SELECT DISTINCT unnest(string_to_array(search_name, ' ')) FROM {table}",
        ]
    return [
        *pg_names_drop_statements(honours),
        f"CREATE TABLE {table} (search_name text PRIMARY KEY)",
        f"CREATE INDEX thidua_honour_names_trgm ON {table} USING gin (search_name gin_trgm_ops)",
        *suffix_tables,
        f"""CREATE OR REPLACE FUNCTION thidua_honour_names_add() RETURNS trigger LANGUAGE plpgsql
        SET search_path FROM CURRENT AS $$
        BEGIN
            {add_names};
            RETURN NULL;
        END $$""",
        f"""CREATE TRIGGER {insert} AFTER INSERT ON {honours} REFERENCING NEW TABLE AS thidua_written_honours
            FOR EACH STATEMENT EXECUTE FUNCTION thidua_honour_names_add()""",
        f"""CREATE TRIGGER {update} AFTER UPDATE ON {honours} REFERENCING NEW TABLE AS thidua_written_honours
            FOR EACH STATEMENT EXECUTE FUNCTION thidua_honour_names_add()""",
        f"INSERT INTO {table} (search_name) SELECT DISTINCT search_name FROM {honours} WHERE search_name <> ''",
        *fill_suffixes,
    ]


# Each name's suffixes from each of its words: "nguyen van an", "van an", "an". A folded name's words are separated
# by single spaces (``text.fold``).
_PG_SUFFIXES = (
    "SELECT array_to_string(words[i:], ' '), search_name FROM {names}, "
    "LATERAL string_to_array(search_name, ' ') AS words, LATERAL generate_subscripts(words, 1) AS i"
)


def pg_names_drop_statements(honours="thidua_wagtail_honour"):
    insert, update = _PG_NAME_TRIGGERS
    return [
        f"DROP TRIGGER IF EXISTS {insert} ON {honours}",
        f"DROP TRIGGER IF EXISTS {update} ON {honours}",
        f"DROP TABLE IF EXISTS {NAMES_TABLE}",
        f"DROP TABLE IF EXISTS {WORDS_TABLE}",
        f"DROP TABLE IF EXISTS {SUFFIXES_TABLE}",
        "DROP FUNCTION IF EXISTS thidua_honour_names_add()",
    ]


def refresh_name_statistics(connection, least=10_000):
    """PostgreSQL: tell the planner how many different names the register holds (the size of the table of names,
    as a fraction of the honours'), then analyse the honours, once it holds ``least`` honours.

    PostgreSQL estimates that number from a sample, and a register that repeats its names fools it: for a million
    honours with 150,000 names it guessed 27,000, so it expected a search's names to hold five times the honours
    they do, and walked the whole roll in order rather than read them from the name's index (50 ms against 4). The
    fraction falls as a register grows, so a figure set earlier errs towards that index, the cheaper mistake.

    SQLite needs no such figure; its FTS5 index of the names is merged into one segment instead. Names added one
    write at a time leave it in several, each of which a search reads: 1.7 ms against 1.0 for "nguyen van an" among
    the 26,000 names of 50,000 honours loaded in bulk."""
    if connection.vendor == "sqlite" and _sqlite_index_ready(connection):
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
        return None
    if connection.vendor != "postgresql" or not _pg_names_ready(connection):
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT (SELECT count(*) FROM {NAMES_TABLE}), (SELECT count(*) FROM thidua_wagtail_honour)")
        names, honours = cursor.fetchone()
        if honours < least or not names:
            return None
        fraction = round(min(1.0, names / honours), 4)
        cursor.execute(f"ALTER TABLE thidua_wagtail_honour ALTER COLUMN search_name SET (n_distinct = {-fraction})")
        cursor.execute("ANALYZE thidua_wagtail_honour")
    return fraction


def name_index_missing(connection, names=True, suffixes=True) -> bool:
    """True where the database should have the name index and does not (or, on SQLite, has lost its triggers).

    On PostgreSQL, the layout of the migrations applied: with ``suffixes`` (0025), the tables of names, words and
    suffixes and the names' enabled triggers; else with ``names`` (0022), the table of names, its triggers and
    the honours' trigram index of migration 0004; else that index alone."""
    if connection.vendor == "sqlite":
        return not _sqlite_index_ready(connection)
    if connection.vendor == "postgresql":
        if suffixes:
            return not all(_pg_name_tables(connection)[:2])
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [HONOURS_TRIGRAM_INDEX])
            if cursor.fetchone() is None:
                return True
        return names and not _pg_names_ready(connection)
    return False


def rebuild_name_index(connection, suffixes=True):
    """Create the name index afresh from the honours table: after a migration that rebuilt the table
    on SQLite (which drops its triggers), where the index could not be made at install time, or after
    loading a register in bulk (PostgreSQL: :func:`refresh_name_statistics`). On PostgreSQL, with ``suffixes``
    the layout of migration 0025, else that of 0022 (which 0025 uses to go back)."""
    if connection.vendor == "sqlite":
        statements = _sqlite_statements()
    elif connection.vendor == "postgresql":
        statements = [
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            # Migration 0004's index, which 0025 drops (see HONOURS_TRIGRAM_INDEX), and the layout before it.
            f"DROP INDEX IF EXISTS {HONOURS_TRIGRAM_INDEX}"
            if suffixes
            else f"CREATE INDEX IF NOT EXISTS {HONOURS_TRIGRAM_INDEX} ON thidua_wagtail_honour "
            "USING gin (search_name gin_trgm_ops)",
            *pg_names_statements(suffixes=suffixes),
        ]
    else:
        return
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    refresh_name_statistics(connection)


def restore_name_index(apps, schema_editor):
    """For migrations that alter the honours table: SQLite does so by rebuilding the table, which drops
    the name index's triggers; remake them where the index was there."""
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [FTS_TABLE])
        had_index = cursor.fetchone() is not None
    if had_index:
        rebuild_name_index(connection)
