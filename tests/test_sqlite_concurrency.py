"""The example portal's SQLite takes two writers and readers at once (issue 10, item 9)."""

import importlib
import threading
import time

import pytest
from django.db import connections, transaction


def portal_database(monkeypatch, path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    import portal.settings

    return importlib.reload(portal.settings).DATABASES["default"]


@pytest.fixture
def portal_sqlite(monkeypatch, tmp_path, django_db_blocker):
    """Aliases of the portal's own SQLite configuration, on a file database of its own."""
    config = portal_database(monkeypatch, tmp_path / "db.sqlite3")
    names = ["editor1", "editor2", "visitor"]
    configured = connections.configure_settings({"default": dict(config)})["default"]
    for name in names:
        connections.settings[name] = dict(configured)
    with django_db_blocker.unblock():
        yield names
        for name in names:
            connections[name].close()
            del connections[name]
            del connections.settings[name]
    import portal.settings

    importlib.reload(portal.settings)


def test_portal_sqlite_is_configured_for_concurrent_use(portal_sqlite):
    options = connections.settings["editor1"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 10
    with connections["editor1"].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"


def test_two_editors_saving_and_a_visitor_reading_never_see_database_is_locked(portal_sqlite):
    with connections["editor1"].cursor() as cursor:
        cursor.execute("CREATE TABLE edits (who TEXT, n INTEGER)")
    errors = []

    def editor(name):
        try:
            for n in range(40):
                # As an autosave or a publish does: read, then write, in one transaction. Deferred
                # transactions would both read, then fail to upgrade to writing at once.
                with transaction.atomic(using=name), connections[name].cursor() as cursor:
                    cursor.execute("SELECT count(*) FROM edits")
                    time.sleep(0.002)  # the work between reading and writing (forms, revisions)
                    cursor.execute("INSERT INTO edits VALUES (%s, %s)", [name, n])
        except Exception as error:
            errors.append(error)
        finally:
            connections[name].close()

    def visitor():
        try:
            for _n in range(80):
                with connections["visitor"].cursor() as cursor:
                    cursor.execute("SELECT count(*) FROM edits")
        except Exception as error:
            errors.append(error)
        finally:
            connections["visitor"].close()

    threads = [threading.Thread(target=editor, args=(name,)) for name in ("editor1", "editor2")]
    threads.append(threading.Thread(target=visitor))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with connections["editor1"].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM edits")
        assert cursor.fetchone()[0] == 80
