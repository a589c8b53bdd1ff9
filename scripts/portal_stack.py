"""The example portal served as in production, on loopback: a new PostgreSQL database on the server DATABASE_URL
names, Redis as the package's cache (started on a free port), gunicorn processes, and a purge log standing for the
CDN. Used by scripts/scale_out_check.py and bench/load.py."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "example_site"
PYTHON = sys.executable
PASSWORD = "mat-khau-quan-tri-2026"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def new_database(url, suffix):
    import dj_database_url
    import psycopg

    settings = dj_database_url.parse(url)
    name = f"{settings['NAME']}_{suffix}"
    server = {"host": settings["HOST"], "port": settings["PORT"], "user": settings["USER"]}
    with psycopg.connect(dbname="postgres", password=settings["PASSWORD"], autocommit=True, **server) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


class Stack:
    """What :func:`served` started: the servers' addresses, the environment, the purge log, ``manage()``."""

    def __init__(self, env, work):
        self.env, self.work, self.urls = env, work, []
        self.purge_log = Path(env["THIDUA_PURGE_LOG"])

    def manage(self, *args, code=None):
        command = [PYTHON, "manage.py", *args] + (["-c", code] if code else [])
        done = subprocess.run(command, cwd=SITE, env=self.env, capture_output=True, text=True)
        if done.returncode:
            sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout.strip()

    def purged(self):
        lines = self.purge_log.read_text().splitlines() if self.purge_log.exists() else []
        return [json.loads(line) for line in lines]


@contextlib.contextmanager
def served(name, servers=2, workers=2, shared_cache=True, setup=None):
    """Serve the demo portal with ``servers`` gunicorn processes of ``workers`` workers each; ``setup(stack)`` runs
    after the demo is loaded, before the servers start."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("Run through scripts/with-postgres.sh: the portal is served on PostgreSQL.")
    redis = shutil.which("redis-server")
    if not redis:
        sys.exit("redis-server is missing (apt-get install redis-server).")
    work = Path(tempfile.mkdtemp(prefix=f"thidua-{name}-"))
    redis_port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": new_database(url, name),
        "THIDUA_PURGE_LOG": str(work / "purged.jsonl"),
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        # Persistent connections, as docs/deployment.md runs them: what the package's prepared queries need.
        "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
        "MEDIA_ROOT": str(work / "media"),
        # Without it each process keeps its own cache, as a portal misconfigured for several servers would.
        **({"REDIS_URL": f"redis://127.0.0.1:{redis_port}/0"} if shared_cache else {}),
    }
    stack = Stack(env, work)
    processes = []
    try:
        # As docs/deployment.md runs Redis: bounded, the least recently used entries evicted first.
        redis_args = ["--port", str(redis_port), "--save", "", "--appendonly", "no"]
        redis_args += ["--maxmemory", "256mb", "--maxmemory-policy", "allkeys-lru"]
        processes.append(subprocess.Popen([redis, *redis_args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        stack.manage("migrate", "--noinput", "-v", "0")
        stack.manage("load_demo", "--no-english")
        stack.manage(
            "shell",
            "--no-imports",
            code="from django.contrib.auth import get_user_model\n"
            f"get_user_model().objects.create_superuser('admin', 'admin@example.vn', {PASSWORD!r})",
        )
        if setup is not None:
            setup(stack)
        for _ in range(servers):
            port = free_port()
            log = (work / f"gunicorn-{port}.log").open("w")
            processes.append(
                subprocess.Popen(
                    [PYTHON, "-m", "gunicorn", "portal.wsgi:application", "-b", f"127.0.0.1:{port}", "-w",
                     str(workers), "--error-logfile", "-"],
                    cwd=SITE, env=env, stdout=log, stderr=subprocess.STDOUT,
                )
            )  # fmt: skip
            stack.urls.append(f"http://127.0.0.1:{port}")
        for base in stack.urls:
            for _ in range(150):
                try:
                    urllib.request.urlopen(base + "/admin/login/", timeout=2)
                    break
                except OSError:
                    time.sleep(0.2)
            else:
                sys.exit(f"gunicorn at {base} did not start:\n" + "\n".join(p.read_text() for p in work.glob("*.log")))
        yield stack
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(work, ignore_errors=True)
