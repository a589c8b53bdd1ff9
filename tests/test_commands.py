"""The commands a site developer types: the demo administrator and the wheel."""

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
class TestEnsureDemoAdmin:
    def run(self):
        out = io.StringIO()
        call_command("ensure_demo_admin", stdout=out)
        return out.getvalue()

    def test_generated_password_is_printed_once_and_works(self, monkeypatch):
        monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)
        output = self.run()
        password = output.split("generated password: ")[1].split()[0]
        user = get_user_model().objects.get(username="admin")
        assert user.is_superuser and user.check_password(password)
        again = self.run()
        assert password not in again
        user.refresh_from_db()
        assert user.check_password(password)

    def test_two_fresh_installs_get_different_passwords(self, monkeypatch):
        monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)
        first = self.run().split("generated password: ")[1].split()[0]
        get_user_model().objects.all().delete()
        second = self.run().split("generated password: ")[1].split()[0]
        assert first != second

    def test_password_from_the_environment(self, monkeypatch):
        monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "mat-khau-rieng-2026")
        output = self.run()
        assert "mat-khau-rieng-2026" not in output
        assert get_user_model().objects.get(username="admin").check_password("mat-khau-rieng-2026")


def test_wheel_holds_what_a_site_needs_and_no_tests(tmp_path):
    # Build from a clean copy: a build/ left in the work tree could leak stale files into the wheel.
    source = tmp_path / "source"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", "node_modules"),
    )
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path)]
    subprocess.run([*command, "."], cwd=source, check=True, capture_output=True)
    (wheel,) = tmp_path.glob("thidua_wagtail-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "thidua_wagtail/migrations/0001_initial.py" in names
    assert "thidua_wagtail/templates/thidua_wagtail/pages/plan_page.html" in names
    assert "thidua_wagtail/static/thidua_wagtail/css/thidua.css" in names
    assert "thidua_wagtail/locale/vi/LC_MESSAGES/django.mo" in names
    assert not [n for n in names if n.startswith(("tests/", "example_site/", "news/", "bench/"))]
    metadata = next(n for n in names if n.endswith("METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "Requires-Python: >=3.11" in text
    assert "Requires-Dist: wagtail<8.1,>=8.0" in text
    assert "Requires-Dist: Django<5.3,>=5.2" in text
    assert "Classifier: Framework :: Wagtail :: 8" in text
