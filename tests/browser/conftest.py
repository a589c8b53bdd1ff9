"""The browser suite: the example portal served as `make demo` serves it, driven in Debian's Chromium.

`make test-browser` runs it (and `.ci/run`, on PostgreSQL). The portal runs in a process of its own, on
a database of its own (DATABASE_URL, or a new SQLite file), with the demo content loaded, so every
request goes through the same stack an editor's does. A failed test leaves a screenshot of each of its
pages and the server's log in BROWSER_ARTIFACTS (default: .cache/browser-failures).
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "example_site"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = Path(os.environ.get("AXE_CORE", ROOT / ".cache/axe/node_modules/axe-core/axe.min.js"))
ARTIFACTS = Path(os.environ.get("BROWSER_ARTIFACTS", ROOT / ".cache/browser-failures"))
PASSWORD = "mat-khau-bien-tap-2026"
EDITORS = {"bientap": "Bình", "lan": "Lan", "minh": "Minh"}


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _new_database(url, workdir):
    """The address of an empty database for the portal: a new SQLite file, or a new PostgreSQL database
    on the server DATABASE_URL names (which, like pytest-django's, need not exist yet)."""
    if not url:
        return f"sqlite:///{workdir / 'portal.sqlite3'}"
    if not url.startswith(("postgres://", "postgresql://")):
        return url
    import dj_database_url
    import psycopg

    settings = dj_database_url.parse(url)
    name = f"{settings['NAME']}_browser"
    server = {"host": settings["HOST"], "port": settings["PORT"], "user": settings["USER"]}
    with psycopg.connect(dbname="postgres", password=settings["PASSWORD"], autocommit=True, **server) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


class Portal:
    """The example portal, served on loopback."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = workdir / "server.log"
        self.env = {
            **os.environ,
            "DATABASE_URL": _new_database(os.environ.get("DATABASE_URL"), workdir),
            "MEDIA_ROOT": str(workdir / "media"),
            # As in production: no debug pages, so a fault shows as the 500 a visitor would get.
            "DJANGO_DEBUG": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "WAGTAILADMIN_BASE_URL": self.url,
            "DJANGO_SETTINGS_MODULE": "portal.settings",
        }
        self.process = None

    def manage(self, *args, input=None):
        done = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=SITE, env=self.env, input=input, capture_output=True, text=True
        )
        if done.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done

    def shell(self, code: str) -> str:
        return self.manage("shell", "--no-imports", "-c", code).stdout.strip()

    def start(self):
        self.manage("migrate", "--noinput")
        self.manage("load_demo")
        users = ", ".join(f"({name!r}, {first!r})" for name, first in EDITORS.items())
        self.shell(
            "from django.contrib.auth import get_user_model\n"
            f"for name, first in [{users}]:\n"
            f"    get_user_model().objects.create_superuser(name, name + '@example.vn', {PASSWORD!r}, first_name=first)"
        )
        # --insecure: static files as `make demo` serves them, with DEBUG off.
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", "--insecure", f"127.0.0.1:{self.port}"],
            cwd=SITE,
            env=self.env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/admin/login/", timeout=2)
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"the portal did not start:\n{self.log.read_text()}")

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(10)


@pytest.fixture(scope="session")
def portal():
    if os.environ.get("BROWSER_PORTAL_URL"):
        # While writing a test: a portal already served by a Portal (same DATABASE_URL), reused.
        served = Portal(Path(tempfile.gettempdir()))
        served.url = os.environ["BROWSER_PORTAL_URL"]
        yield served
        return
    with tempfile.TemporaryDirectory(prefix="thidua-browser-") as workdir:
        served = Portal(Path(workdir))
        served.start()
        try:
            yield served
        finally:
            served.stop()
            if ARTIFACTS.exists():
                (ARTIFACTS / "server.log").write_text(served.log.read_text())


@pytest.fixture(scope="session")
def ids(portal):
    """Primary keys of the demo's records that the flows start from (those the English count uses)."""
    code = f"import json, sys; sys.path.insert(0, {str(ROOT / 'scripts')!r}); import english_on_screens as e; "
    return json.loads(portal.shell(code + "print(json.dumps(e.demo_ids()))").splitlines()[-1])


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking"]
        )
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


class Visitor:
    """A browser context (its own cookies) on the portal, in one tab; ``errors`` gathers every 5xx answer
    its tabs met."""

    def __init__(self, portal, context, errors):
        self.portal, self.context, self.errors = portal, context, errors
        self.page = context.new_page()

    @classmethod
    def open(cls, browser, portal, width=1280, height=900, locale="vi-VN"):
        context = browser.new_context(locale=locale, viewport={"width": width, "height": height}, accept_downloads=True)
        context.set_default_timeout(20_000)
        errors = []
        context.on("response", lambda r: r.status >= 500 and errors.append(f"{r.status} {r.url}"))
        return cls(portal, context, errors)

    def new_tab(self):
        """The same browser (same session) in a second tab."""
        return Visitor(self.portal, self.context, self.errors)

    def goto(self, path, **kwargs):
        return self.page.goto(self.portal.url + path, **kwargs)

    def log_in(self, username="bientap"):
        self.goto("/admin/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", PASSWORD)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(re.compile(r".*/admin/$"))
        return self


def keep_screenshots(test_name, visitors):
    """A full-page screenshot of every tab of ``visitors``, named after the failed test."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name)
    for i, visitor in enumerate(visitors):
        for j, page in enumerate(visitor.context.pages):
            page.screenshot(path=str(ARTIFACTS / f"{name}-{i}-{j}.png"), full_page=True)


@pytest.fixture
def open_browser(request, browser, portal):
    """open_browser(**viewport) -> a new Visitor; screenshots of all of them if the test fails."""
    opened = []

    def open_one(**kwargs):
        visitor = Visitor.open(browser, portal, **kwargs)
        opened.append(visitor)
        return visitor

    yield open_one
    if getattr(request.node, "report_call", None) is not None and request.node.report_call.failed:
        keep_screenshots(request.node.name, opened)
    errors = [error for visitor in opened for error in visitor.errors]
    for visitor in opened:
        visitor.context.close()
    assert not errors, f"server errors: {errors}"


@pytest.fixture
def editor(open_browser):
    return open_browser().log_in()


@pytest.fixture(scope="session")
def axe_source():
    if not AXE.exists():
        raise RuntimeError(f"axe-core is missing at {AXE}: run `make test-browser`, which installs it with npm")
    return AXE.read_text()


def pytest_terminal_summary(terminalreporter):
    if ARTIFACTS.exists() and any(ARTIFACTS.iterdir()):
        terminalreporter.write_line(f"Screenshots of the failed tests and the portal's log: {ARTIFACTS}")
