"""Upgrade scenario of migration 0024, run by tests/test_migrations.py in a process and a database of its own.

Run as ``python -m tests.scenarios.upgrade_0024`` with DATABASE_URL naming an empty database: it migrates to the
latest state and stores honours, goes back to 0023 (SQLite: 0004's FTS5 table of every honour's name, filled
again), then forward to 0024, and checks at each step that the name index holds the register's names and that a
search finds them. An assertion that fails exits non-zero.
"""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from tests.factories import make_decision  # noqa: E402
from thidua_wagtail.search import NAME_ROLL_INDEX, NAMES_TABLE, name_index_missing  # noqa: E402


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
    make_decision(
        honours=[{"recipient_kind": "individual", "person_name": p, "award": "lao-dong-tien-tien"} for p in people]
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
    assert not name_index_missing(connection)
    names = sorted(name for (name,) in rows(f"SELECT search_name FROM {NAMES_TABLE}"))
    assert names == ["le thi hoa", "nguyen van an", "tran minh tam"], names
    assert found("van an") == ["Nguyễn Văn An", "Nguyễn Văn An"]
    assert found("minh tam") == ["Trần Minh Tâm"]
    # A name written after the upgrade reaches the index through its triggers.
    make_decision(
        number="2/QĐ-STP",
        honours=[{"recipient_kind": "individual", "person_name": "Võ Thanh Sơn", "award": "lao-dong-tien-tien"}],
    )
    assert found("thanh son") == ["Võ Thanh Sơn"]
    print("upgrade 0024: ok")


if __name__ == "__main__":
    main()
