"""Upgrade scenario of migrations 0024, 0025 and 0026, run by tests/test_migrations.py in a process and a database of
its own.

Run as ``python -m tests.scenarios.upgrade_0024`` with DATABASE_URL naming an empty database: it migrates to the
latest state and stores honours, goes back to 0023 (SQLite: 0004's FTS5 table of every honour's name, filled
again), then forward to 0024 (PostgreSQL: the names and their trigrams, without their words and suffixes), then
to the latest (0025: PostgreSQL's words and suffixes of the names), and checks at each step that the name index
holds the register's names and that a search finds them. 0026 counts the honours of each unit on its way up, as
they are. An assertion that fails exits non-zero.
"""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from tests.factories import make_decision, make_unit  # noqa: E402
from thidua_wagtail.search import (  # noqa: E402
    NAME_ROLL_INDEX,
    NAMES_TABLE,
    SUFFIXES_TABLE,
    WORDS_TABLE,
    name_index_missing,
)


def rows(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def has_roll_index():
    if connection.vendor == "sqlite":
        return bool(rows("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = %s", [NAME_ROLL_INDEX]))
    return bool(rows("SELECT 1 FROM pg_indexes WHERE indexname = %s", [NAME_ROLL_INDEX]))


def found(text):
    from thidua_wagtail.models import Honour
    from thidua_wagtail.search import filter_by_name

    return sorted(filter_by_name(Honour.objects.all(), text).values_list("person_name", flat=True))


def main():
    call_command("migrate", verbosity=0)
    people = ["Nguyễn Văn An", "Nguyễn Văn An", "Lê Thị Hoa", "Trần Minh Tâm"]
    units = [make_unit("Văn phòng Sở", kind="division"), None, make_unit("Thanh tra Sở", kind="division"), None]
    make_decision(
        honours=[
            {"recipient_kind": "individual", "person_name": p, "unit": u, "award": "lao-dong-tien-tien"}
            for p, u in zip(people, units, strict=True)
        ]
    )
    assert found("van an") == ["Nguyễn Văn An", "Nguyễn Văn An"]

    call_command("migrate", "thidua_wagtail", "0023_decision_count_year", verbosity=0)
    assert not has_roll_index()
    if connection.vendor == "sqlite":
        # 0004's index again: every honour's name, each under its honour's key.
        matched = rows("SELECT rowid FROM thidua_wagtail_honour_name WHERE search_name MATCH %s", ['"thi hoa"'])
        assert [key for (key,) in matched] == [
            key for (key,) in rows("SELECT id FROM thidua_wagtail_honour WHERE person_name = 'Lê Thị Hoa'")
        ]
        assert not rows("SELECT 1 FROM sqlite_master WHERE name = %s", [NAMES_TABLE])

    call_command("migrate", "thidua_wagtail", "0024_sqlite_names_index", verbosity=0)
    assert has_roll_index()
    # PostgreSQL's words and suffixes of the names come with 0025: the names are searched by their trigrams till then.
    assert name_index_missing(connection) == (connection.vendor == "postgresql")
    assert not name_index_missing(connection, suffixes=False)
    names = sorted(name for (name,) in rows(f"SELECT search_name FROM {NAMES_TABLE}"))
    assert names == ["le thi hoa", "nguyen van an", "tran minh tam"], names
    assert found("van an") == ["Nguyễn Văn An", "Nguyễn Văn An"]
    assert found("minh tam") == ["Trần Minh Tâm"]

    call_command("migrate", verbosity=0)
    assert not name_index_missing(connection)
    if connection.vendor == "postgresql":
        # 0004's trigram index of every honour's name goes: the names' tables serve the searches it served.
        assert not rows("SELECT 1 FROM pg_indexes WHERE indexname = 'thidua_honour_name_trgm'")
        suffixes = sorted(rows(f"SELECT suffix, search_name FROM {SUFFIXES_TABLE}"))
        assert suffixes == sorted(
            (" ".join(words[i:]), " ".join(words))
            for words in (name.split(" ") for name in names)
            for i in range(len(words))
        ), suffixes
        words = [word for (word,) in rows(f"SELECT word FROM {WORDS_TABLE} ORDER BY word")]
        assert words == sorted({word for name in names for word in name.split(" ")}), words
    assert found("van an") == ["Nguyễn Văn An", "Nguyễn Văn An"]
    assert found("inh ta") == ["Trần Minh Tâm"]
    # A name written after the upgrade reaches the index through its triggers.
    make_decision(
        number="2/QĐ-STP",
        honours=[{"recipient_kind": "individual", "person_name": "Võ Thanh Sơn", "award": "lao-dong-tien-tien"}],
    )
    assert found("thanh son") == ["Võ Thanh Sơn"]
    assert found("anh so") == ["Võ Thanh Sơn"]
    if connection.vendor == "postgresql":
        assert rows(f"SELECT suffix FROM {SUFFIXES_TABLE} WHERE search_name = 'vo thanh son' ORDER BY 1") == [
            ("son",),
            ("thanh son",),
            ("vo thanh son",),
        ]
    # And back: 0024's names and trigrams, which a new name still reaches.
    call_command("migrate", "thidua_wagtail", "0024_sqlite_names_index", verbosity=0)
    assert not name_index_missing(connection, suffixes=False)
    if connection.vendor == "postgresql":
        assert not rows("SELECT 1 FROM pg_class WHERE relname IN (%s, %s)", [SUFFIXES_TABLE, WORDS_TABLE])
        assert rows("SELECT 1 FROM pg_indexes WHERE indexname = 'thidua_honour_name_trgm'")
    # Written as an import of that version would, in one statement (the counts of 0026 are not there yet).
    from thidua_wagtail.models import Decision, Honour

    decision = Decision.objects.get(number="2/QĐ-STP")
    Honour.objects.bulk_create(
        [
            Honour(
                decision=decision,
                person_name="Đỗ Thu Hà",
                search_name="do thu ha",
                unit=units[0],
                award=decision.honours.get().award,
                decision_date=decision.date,
                decision_authority=decision.authority,
                decision_status=decision.status,
            )
        ]
    )
    assert found("thu ha") == ["Đỗ Thu Hà"]
    call_command("migrate", verbosity=0)
    assert found("u ha") == ["Đỗ Thu Hà"]
    # 0026 counted each unit's honours, that one among them.
    from thidua_wagtail.models import UnitHonourCount

    kept = sorted(UnitHonourCount.objects.values_list("unit__name", "status", "count"))
    assert kept == [("Thanh tra Sở", "awarded", 1), ("Văn phòng Sở", "awarded", 2)], kept
    print("upgrade 0024, 0025 and 0026: ok")


if __name__ == "__main__":
    main()
