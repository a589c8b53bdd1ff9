"""Several servers: an editor's change made through one application process is never served stale by another.

    bash scripts/with-postgres.sh make test-scaleout

The production shape (docs/deployment.md), on loopback: PostgreSQL (DATABASE_URL, a new database on that server),
Redis as the package's cache (started here on a free port), and the example portal served by two gunicorn
processes of two workers each, A and B. A visitor reads the hub, a plan, the roll and a host article through B,
which fills the cache; an editor renames a unit and adds an honour through A; the visitor reads again through B
and must see both. The portal's front-end cache backend records what it would purge: the check asserts that the
pages showing what changed were purged. Exits non-zero, saying what was stale, on any failure.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
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


def new_database(url):
    import dj_database_url
    import psycopg

    settings = dj_database_url.parse(url)
    name = f"{settings['NAME']}_scaleout"
    server = {"host": settings["HOST"], "port": settings["PORT"], "user": settings["USER"]}
    with psycopg.connect(dbname="postgres", password=settings["PASSWORD"], autocommit=True, **server) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


class Browser:
    """Cookies and CSRF, as a browser keeps them, against one server."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path):
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.status, response.read().decode()

    def post(self, path, data):
        _status, form = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True).encode()
        request = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})
        with self.opener.open(request, timeout=30) as response:
            return response.status, response.url, response.read().decode()


def main():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("Run through scripts/with-postgres.sh: the check runs on PostgreSQL.")
    redis = shutil.which("redis-server")
    if not redis:
        sys.exit("redis-server is missing: `make test-scaleout` installs it with apt-get.")
    work = Path(tempfile.mkdtemp(prefix="thidua-scaleout-"))
    purge_log = work / "purged.jsonl"
    redis_port, port_a, port_b = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "DATABASE_URL": new_database(url),
        # --local-cache: each process keeps its own cache, as a portal misconfigured for several servers would;
        # the check then shows the stale pages it exists to catch.
        **({} if "--local-cache" in sys.argv else {"REDIS_URL": f"redis://127.0.0.1:{redis_port}/0"}),
        "THIDUA_PURGE_LOG": str(purge_log),
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "MEDIA_ROOT": str(work / "media"),
    }
    processes = []

    def manage(*args, code=None):
        command = [PYTHON, "manage.py", *args] + (["-c", code] if code else [])
        done = subprocess.run(command, cwd=SITE, env=env, capture_output=True, text=True)
        if done.returncode:
            sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout.strip()

    try:
        processes.append(
            subprocess.Popen([redis, "--port", str(redis_port), "--save", "", "--appendonly", "no"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        )  # fmt: skip
        manage("migrate", "--noinput", "-v", "0")
        manage("load_demo", "--no-english")
        ids = json.loads(
            manage(
                "shell",
                "--no-imports",
                code=(
                    "import json\n"
                    "from django.contrib.auth import get_user_model\n"
                    "from thidua_wagtail.models import AwardType, Decision, Unit\n"
                    f"get_user_model().objects.create_superuser('admin', 'admin@example.vn', {PASSWORD!r})\n"
                    "unit = Unit.objects.get(name='Phòng Hành chính tư pháp', locale__language_code='vi')\n"
                    "print(json.dumps({'unit': unit.pk, 'parent': unit.parent_id, 'kind': unit.kind,\n"
                    "    'decision': Decision.objects.get(number='15/QĐ-STP-MH').pk,\n"
                    "    'award': AwardType.objects.get(code='giay-khen', locale__language_code='vi').pk}))"
                ),
            ).splitlines()[-1]
        )
        for port in (port_a, port_b):
            processes.append(
                subprocess.Popen(
                    [PYTHON, "-m", "gunicorn", "portal.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "2",
                     "--access-logfile", "-", "--error-logfile", "-"],
                    cwd=SITE, env=env, stdout=(work / f"gunicorn-{port}.log").open("w"), stderr=subprocess.STDOUT,
                )
            )  # fmt: skip
        for port in (port_a, port_b):
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/login/", timeout=2)
                    break
                except OSError:
                    time.sleep(0.2)
            else:
                sys.exit(f"gunicorn on {port} did not start:\n{(work / f'gunicorn-{port}.log').read_text()}")

        visitor, editor = Browser(f"http://127.0.0.1:{port_b}"), Browser(f"http://127.0.0.1:{port_a}")
        pages = {
            "plan": "/vi/thi-dua-khen-thuong/ke-hoach-599-kh-stp/",
            "roll": "/vi/thi-dua-khen-thuong/danh-sach-khen-thuong/",
            "hub": "/vi/thi-dua-khen-thuong/",
            "article": "/vi/tin-tuc/khen-thuong-dot-1-minh-hoa/",
        }
        # The visitor's first reads, twice each, through both workers of B: the cache is filled.
        for _ in range(4):
            for path in pages.values():
                assert visitor.get(path)[0] == 200
        assert "Phòng Hành chính tư pháp" in visitor.get(pages["plan"])[1]

        status, landed, _body = editor.post(
            "/admin/login/", {"username": "admin", "password": PASSWORD, "next": "/admin/"}
        )
        assert landed.endswith("/admin/"), f"the editor could not log in through A ({status}, {landed})"
        new_name = "Phòng Hành chính – Bổ trợ tư pháp"
        editor.post(
            f"/admin/snippets/thidua_wagtail/unit/edit/{ids['unit']}/",
            {"name": new_name, "short_name": "", "kind": ids["kind"], "parent": ids["parent"], "valid_from": "",
             "valid_until": "", "successor": ""},
        )  # fmt: skip
        editor.post(
            f"/admin/snippets/thidua_wagtail/honour/add/?decision={ids['decision']}",
            {"decision": ids["decision"], "recipient_kind": "individual", "person_name": "Lương Thị Thu Thảo",
             "position": "Chuyên viên", "unit": ids["unit"], "unit_text": "", "award": ids["award"],
             "achievement": ""},
        )  # fmt: skip

        stale = []
        for _ in range(4):  # through both workers of B
            plan = visitor.get(pages["plan"])[1]
            if new_name not in plan or "Phòng Hành chính tư pháp</th>" in plan:
                stale.append("plan (unit renamed)")
            if "Lương Thị Thu Thảo" not in visitor.get(pages["roll"])[1]:
                stale.append("roll (honour added)")
            if "Lương Thị Thu Thảo" not in visitor.get(pages["article"])[1]:
                stale.append("article with the decision's honours (honour added)")
        batches = [json.loads(line) for line in purge_log.read_text().splitlines()] if purge_log.exists() else []
        purged = {url for batch in batches for url in batch}
        missing = [name for name, path in pages.items() if f"http://localhost{path}" not in purged]
        print(f"PostgreSQL, Redis on :{redis_port}, gunicorn A :{port_a} and B :{port_b} (2 workers each)")
        print(f"{len(batches)} purge batch(es), {len(purged)} URL(s); pages read stale through B: {len(stale)}")
        if stale or missing:
            sys.exit(f"stale: {sorted(set(stale))}; not purged: {missing}")
        print("Several servers: no stale page, and every page that shows the changes was purged.")
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
