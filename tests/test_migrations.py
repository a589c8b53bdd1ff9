"""Upgrading a portal keeps what its editors entered (migration 0015: commemorations and reviews; 0024: the name index).

The scenario (tests/scenarios/upgrade_0015.py) migrates a database back to 0014, which the suite's own
database cannot do inside a test's transaction, so it runs in a process of its own on a new, empty database
of the same kind as the suite's (a SQLite file, or a new database on the same PostgreSQL server).
"""

import os
import subprocess
import sys
import uuid

import dj_database_url
import pytest
from django.conf import settings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def empty_database(tmp_path):
    config = settings.DATABASES["default"]
    if config["ENGINE"].endswith("sqlite3"):
        yield f"sqlite:///{tmp_path / 'upgrade.sqlite3'}"
        return
    import psycopg

    name = f"thidua_upgrade_{uuid.uuid4().hex[:8]}"
    server = dict(host=config["HOST"], port=config["PORT"] or 5432, user=config["USER"], password=config["PASSWORD"])
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = os.environ["DATABASE_URL"]
    yield url.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_scenario(module, database):
    """Run ``tests.scenarios.<module>`` in a process of its own on ``database``; return what it printed."""
    env = {**os.environ, "DATABASE_URL": database, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    env["PYTHONPATH"] = os.pathsep.join([ROOT, os.path.join(ROOT, "example_site"), env.get("PYTHONPATH", "")])
    result = subprocess.run(
        [sys.executable, "-m", f"tests.scenarios.{module}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-6000:]
    return result.stdout


def test_tradition_days_and_phase_reviews_survive_the_upgrade_with_drafts_and_translations(empty_database):
    assert dj_database_url.parse(empty_database)["NAME"]
    assert "upgrade 0015: ok" in run_scenario("upgrade_0015", empty_database)


def test_the_name_index_moves_to_the_distinct_names_and_back_with_the_register_in_it(empty_database):
    # Migrations 0024 to 0026, forward and back, on a register that holds honours.
    assert "upgrade 0024, 0025 and 0026: ok" in run_scenario("upgrade_0024", empty_database)
