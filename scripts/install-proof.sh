#!/usr/bin/env bash
# Proves the installation guide (docs/install.md) on a brand-new Wagtail site:
# build the wheel, `wagtail start` a project, install the wheel into a clean virtualenv,
# apply the guide's settings block word for word, migrate, load the catalogue, create a
# section, a plan and a movement, and render each with status 200.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-python3}
WORK=$(mktemp -d /tmp/thidua-install-proof.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

if [ ! -x "$ROOT/.venv/bin/python" ]; then
  echo "Run \`make install-proof\` (it creates .venv first), or \`make .venv/bin/.installed\`." >&2
  exit 1
fi
"$PYTHON" -c "import ensurepip, venv" 2>/dev/null || bash "$ROOT/scripts/system-packages.sh" python3-venv

echo "--- building the wheel"
# From a clean build directory: setuptools would otherwise reuse build/lib, files deleted since included.
rm -rf "$ROOT/build"
"$ROOT/.venv/bin/python" -m pip wheel --quiet --no-deps --no-build-isolation -w "$WORK/dist" "$ROOT"
WHEEL=$(ls "$WORK"/dist/thidua_wagtail-*.whl)

echo "--- a clean virtualenv with the wheel (pip install thidua-wagtail)"
"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install --quiet --upgrade pip
"$WORK/venv/bin/python" -m pip install --quiet "$WHEEL"

echo "--- wagtail start"
cd "$WORK"
"$WORK/venv/bin/wagtail" start portal >/dev/null
cd portal

echo "--- the guide's settings, appended to settings/base.py"
# Exactly the python block between the guide's install:settings markers.
"$WORK/venv/bin/python" - "$ROOT/docs/install.md" portal/settings/base.py <<'PY'
import re, sys
guide = open(sys.argv[1], encoding="utf-8").read()
block = re.search(r"<!-- install:settings -->\s*```python\n(.*?)```", guide, re.S).group(1)
lines = "\n".join(line.strip() for line in block.strip().splitlines())
with open(sys.argv[2], "a", encoding="utf-8") as settings:
    settings.write("\n# From thidua-wagtail's installation guide\n" + lines + "\n")
print(lines)
PY

export DJANGO_SETTINGS_MODULE=portal.settings.dev
echo "--- migrate, thidua_load_catalogue"
"$WORK/venv/bin/python" manage.py migrate --verbosity 0
"$WORK/venv/bin/python" manage.py thidua_load_catalogue
"$WORK/venv/bin/python" manage.py check --fail-level WARNING

echo "--- a section, a plan and a movement, rendered"
"$WORK/venv/bin/python" manage.py shell <<'PY'
import datetime

from django.test import Client
from wagtail.models import Site

from thidua_wagtail.catalogue import ENTRIES
from thidua_wagtail.models import (
    AwardType,
    Commemoration,
    EmulationIndexPage,
    MovementPage,
    Phase,
    PlanMovement,
    PlanPage,
    Review,
    Unit,
)

home = Site.objects.get(is_default_site=True).root_page.specific
hub = EmulationIndexPage(
    title="Thi đua – Khen thưởng",
    slug="thi-dua-khen-thuong",
    tradition_day=Commemoration.objects.get(code="truyen-thong-nganh-tu-phap"),
)
home.add_child(instance=hub)
hub.save_revision().publish()
movement = MovementPage(title="Cả nước chung sức vì người nghèo – Không để ai bị bỏ lại phía sau", slug="vi-nguoi-ngheo")
hub.add_child(instance=movement)
movement.save_revision().publish()
plan = PlanPage(
    title="Phát động phong trào thi đua giai đoạn 2021 – 2025",
    slug="ke-hoach-599",
    number="599/KH-STP",
    issue_date=datetime.date(2021, 5, 28),
    issuer=Unit.objects.create(name="Sở Tư pháp tỉnh Đồng Tháp"),
    signer_position="Giám đốc Sở Tư pháp",
    start_year=2021,
    end_year=2025,
)
plan.phases = [Phase(name="Đợt 1", start_date=datetime.date(2021, 1, 1), end_date=datetime.date(2023, 8, 28))]
plan.reviews = [Review(kind="interim", date=datetime.date(2023, 8, 28), celebrates_anniversary=True)]
plan.movement_links = [PlanMovement(movement=movement)]
hub.add_child(instance=plan)
plan.save_revision().publish()

client = Client()
for page in (hub, plan, movement):
    response = client.get(page.url)
    assert response.status_code == 200, (page.url, response.status_code)
    text = response.content.decode()
    assert page.title in text, page.url
    print(response.status_code, page.url)
plan_html = client.get(plan.url).content.decode()
assert "599/KH-STP" in plan_html and "78" in plan_html, "the review and its anniversary are shown"
assert AwardType.objects.filter(is_statutory=True).count() == len(ENTRIES), "the whole legal catalogue is loaded"
print("The installation guide works on a new Wagtail site.")
PY
