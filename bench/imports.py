"""The import of a decision's honours from a 10,000-row XLSX, on one core: rows per CPU-second, the reading of the
file included, beside django-import-export importing the same file into the same table, measured in the same run.

    .venv/bin/python bench/imports.py                   # SQLite
    bash scripts/with-postgres.sh .venv/bin/python bench/imports.py
    BENCH_IMPORT_ROWS=20000 BENCH_ROUNDS=5 …

django-import-export is installed for the comparison (``pip install django-import-export``); it never ships with
the package. Each importer runs ``BENCH_ROUNDS`` times into a new decision, interleaved; printed: the median CPU
time (``time.process_time``, one process, so one core) and wall time, and rows per CPU-second. The XLSX is read
by python-calamine (the package's reader), and by openpyxl for comparison. Target (issue 12): at least 5,000 rows
per second, parsing included, and at least 5x django-import-export.
"""

from __future__ import annotations

import datetime
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "example_site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "10000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Ngọc", "Hữu", "Quốc", "Đức"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hoa", "Hương", "Khánh", "Lan", "Nam", "Phúc", "Tâm", "Vy"]


def workbook_bytes(units):
    """The template's columns, ``ROWS`` individuals with their unit and award, as an editor fills it."""
    from openpyxl import Workbook

    rng = random.Random(5)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["Loại", "Họ và tên", "Chức vụ", "Đơn vị", "Danh hiệu, hình thức khen thưởng", "Thành tích"])
    for i in range(ROWS):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)} {i}"
        sheet.append(["Cá nhân", name, "Chuyên viên", rng.choice(units).name, "Lao động tiên tiến", ""])
    data = io.BytesIO()
    workbook.save(data)
    return data.getvalue()


class Upload(io.BytesIO):
    def __init__(self, data):
        super().__init__(data)
        self.size = len(data)
        self.name = "danh-sach.xlsx"


def new_decision(label):
    from thidua_wagtail.models import Decision

    return Decision.objects.create(
        number=f"{label}/QĐ-{time.monotonic_ns()}",
        date=datetime.date(2025, 12, 1),
        authority="department",
        issuing_body="Sở Tư pháp",
    )


def run_package(data, reader):
    from thidua_wagtail import spreadsheets

    decision = new_decision("pkg")
    rows = spreadsheets.read_rows(Upload(data), 50 * 1024 * 1024, reader=reader)
    result = spreadsheets.import_honours(decision, rows)
    assert not result.errors and result.created == ROWS, result.errors[:3]


def run_import_export(data):
    """django-import-export's own way: a ModelResource of the honours, the file read by tablib, the unit and the
    award found by name (ForeignKeyWidget), every row validated by the model's full_clean, in one transaction."""
    import tablib
    from import_export import fields, resources, widgets

    from thidua_wagtail.models import AwardType, Honour, Unit

    decision = new_decision("iex")

    class HonourResource(resources.ModelResource):
        recipient_kind = fields.Field(attribute="recipient_kind", column_name="Loại")
        person_name = fields.Field(attribute="person_name", column_name="Họ và tên")
        position = fields.Field(attribute="position", column_name="Chức vụ")
        unit = fields.Field(attribute="unit", column_name="Đơn vị", widget=widgets.ForeignKeyWidget(Unit, "name"))
        award = fields.Field(
            attribute="award",
            column_name="Danh hiệu, hình thức khen thưởng",
            widget=widgets.ForeignKeyWidget(AwardType, "name"),
        )
        achievement = fields.Field(attribute="achievement", column_name="Thành tích")

        class Meta:
            model = Honour
            fields = ("recipient_kind", "person_name", "position", "unit", "award", "achievement")
            import_id_fields = ()
            use_bulk = True
            batch_size = 1000
            skip_unchanged = False
            clean_model_instances = True

        def before_import_row(self, row, **kwargs):
            row["Loại"] = "individual"
            row["Thành tích"] = row["Thành tích"] or ""

        def init_instance(self, row=None):
            return Honour(decision=decision)

        def before_save_instance(self, instance, row, **kwargs):
            instance.fill_copies(decision)

    dataset = tablib.Dataset().load(data, format="xlsx")
    result = HonourResource().import_data(dataset, dry_run=False, raise_errors=True)
    assert not result.has_errors() and decision.honours.count() == ROWS, result.totals


def measure(run):
    cpu, wall = time.process_time(), time.perf_counter()
    run()
    return time.process_time() - cpu, time.perf_counter() - wall


def main():
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from news.demo import load_demo
        from thidua_wagtail import spreadsheets
        from thidua_wagtail.models import Unit

        load_demo(english=False)
        units = list(Unit.objects.filter(locale__language_code="vi", valid_until__isnull=True))
        data = workbook_bytes(units)
        print(f"{connection.vendor}; a {ROWS:,}-row XLSX of {len(data) / 1024:.0f} KB; median of {ROUNDS} rounds")
        for reader in ("calamine", "openpyxl"):
            cpu, wall = measure(lambda r=reader: spreadsheets.read_rows(Upload(data), 50 * 1024 * 1024, reader=r))
            print(f"  reading the file alone with {reader:9s} {cpu:6.2f} s CPU  {ROWS / cpu:9,.0f} rows/s")
        importers = {
            "thidua-wagtail (python-calamine)": lambda: run_package(data, "calamine"),
            "thidua-wagtail (openpyxl)": lambda: run_package(data, "openpyxl"),
        }
        try:
            import import_export  # noqa: F401

            importers["django-import-export 4 (tablib, openpyxl)"] = lambda: run_import_export(data)
        except ImportError:
            print("  (django-import-export is not installed: pip install django-import-export)")
        samples = {name: [] for name in importers}
        for _ in range(ROUNDS):
            for name, run in importers.items():
                samples[name].append(measure(run))
        results = {
            name: (statistics.median(c for c, _w in s), statistics.median(w for _c, w in s))
            for name, s in samples.items()
        }
        baseline = results.get("django-import-export 4 (tablib, openpyxl)")
        for name, (cpu, wall) in results.items():
            versus = f"  {baseline[0] / cpu:5.1f}x django-import-export" if baseline else ""
            print(f"  {name:42s} {cpu:6.2f} s CPU {wall:6.2f} s wall {ROWS / cpu:8,.0f} rows/s{versus}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
