"""Several servers: an editor's change made through one application process is never served stale by another.

    bash scripts/with-postgres.sh make test-scaleout
    bash scripts/with-postgres.sh .venv/bin/python scripts/scale_out_check.py --local-cache   # shows the failure

The production shape (docs/deployment.md), on loopback (scripts/portal_stack.py): PostgreSQL, Redis as the
package's cache, and the example portal served by two gunicorn processes of two workers each, A and B. A visitor
reads the hub, a plan, the roll and a host article through B, which fills the cache; an editor renames a unit and
adds an honour through A; the visitor reads again through B and must see both. The portal's front-end cache
backend records what it would purge: the check asserts that the pages showing what changed were purged. Exits
non-zero, saying what was stale, on any failure. ``--local-cache`` gives each process a cache of its own, as a
portal misconfigured for several servers would have: the check then finds the stale pages it exists to catch.
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import sys
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from portal_stack import PASSWORD, served


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


IDS = (
    "import json\n"
    "from thidua_wagtail.models import AwardType, Decision, Unit\n"
    "unit = Unit.objects.get(name='Phòng Hành chính tư pháp', locale__language_code='vi')\n"
    "print(json.dumps({'unit': unit.pk, 'parent': unit.parent_id, 'kind': unit.kind,\n"
    "    'decision': Decision.objects.get(number='15/QĐ-STP-MH').pk,\n"
    "    'award': AwardType.objects.get(code='giay-khen', locale__language_code='vi').pk}))"
)


def main():
    shared = "--local-cache" not in sys.argv
    with served("scaleout", servers=2, workers=2, shared_cache=shared) as stack:
        ids = json.loads(stack.manage("shell", "--no-imports", code=IDS).splitlines()[-1])
        editor, visitor = Browser(stack.urls[0]), Browser(stack.urls[1])
        pages = {
            "plan": "/vi/thi-dua-khen-thuong/ke-hoach-599-kh-stp/",
            "roll": "/vi/thi-dua-khen-thuong/danh-sach-khen-thuong/",
            "hub": "/vi/thi-dua-khen-thuong/",
            "article": "/vi/tin-tuc/khen-thuong-dot-1-minh-hoa/",
        }
        # The visitor's first reads, several times each, through both workers of B: the cache is filled.
        for _ in range(4):
            for path in pages.values():
                assert visitor.get(path)[0] == 200
        assert "Phòng Hành chính tư pháp" in visitor.get(pages["plan"])[1]
        # The API's answer, kept in the shared cache: nobody of that name yet.
        api = "/api/thidua/honours/?q=luong+thi+thu+thao"
        for _ in range(4):
            assert '"total_count": 0' in visitor.get(api)[1]

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
            if new_name not in plan:
                stale.append("plan (unit renamed)")
            if "Lương Thị Thu Thảo" not in visitor.get(pages["roll"])[1]:
                stale.append("roll (honour added)")
            if "Lương Thị Thu Thảo" not in visitor.get(pages["article"])[1]:
                stale.append("article with the decision's honours (honour added)")
            if "Lương Thị Thu Thảo" not in visitor.get(api)[1]:
                stale.append("API's honours searched by the name (honour added)")
        batches = stack.purged()
        purged = {url for batch in batches for url in batch}
        missing = [name for name, path in pages.items() if f"http://localhost{path}" not in purged]
        print(f"PostgreSQL, {'Redis' if shared else 'a cache per process'}, gunicorn A {stack.urls[0]} and "
              f"B {stack.urls[1]} (2 workers each)")  # fmt: skip
        print(f"{len(batches)} purge batch(es), {len(purged)} URL(s); pages read stale through B: {len(stale)}")
        if stale or missing:
            sys.exit(f"stale: {sorted(set(stale))}; not purged: {missing}")
        print("Several servers: no stale page, and every page that shows the changes was purged.")


if __name__ == "__main__":
    main()
