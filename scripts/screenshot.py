"""Take screenshots of the example portal and, optionally, run axe-core on it.

Usage (with the example site served on 127.0.0.1:8123):

    DEMO_ADMIN_PASSWORD=... .venv/bin/python scripts/screenshot.py \
        --axe /path/to/axe-core/axe.min.js

Needs Python playwright and a system Chromium at /usr/bin/chromium.
"""

import argparse
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import sync_playwright

PLAN = "/thi-dua-khen-thuong/ke-hoach-599-kh-stp/"
PUBLIC_PAGES = [
    (PLAN, "plan-page.png"),
    ("/thi-dua-khen-thuong/", "hub-page.png"),
    ("/thi-dua-khen-thuong/ca-nuoc-chung-suc-vi-nguoi-ngheo/", "movement-page.png"),
    ("/tin-tuc/phat-dong-phong-trao-thi-dua-2021-2025/", "news-article.png"),
]
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8123")
    parser.add_argument("--out", default="docs/images", type=Path)
    parser.add_argument("--axe", type=Path, help="path to axe.min.js; runs an accessibility check when given")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--locale", default="vi-VN", help="browser language (sent as Accept-Language)")
    return parser.parse_args()


def goto(page, url):
    response = page.goto(url, wait_until="networkidle")
    if response is None or not response.ok:
        raise SystemExit(f"{url}: HTTP {response.status if response else '?'}")


def shoot(page, path):
    page.screenshot(path=str(path), full_page=True)
    print(f"wrote {path} ({path.stat().st_size // 1024} KB)")


def shoot_scrolling(page, path, selector="main.content-wrapper"):
    """Screenshot a page whose content scrolls inside an element (as Wagtail's admin does).

    full_page only sees the document's height, so grow the viewport to the element's height.
    """
    height = page.evaluate(f"document.querySelector('{selector}')?.scrollHeight || 0")
    page.set_viewport_size({"width": DESKTOP["width"], "height": max(height, DESKTOP["height"])})
    page.wait_for_timeout(300)  # let the admin lay itself out again
    shoot(page, path)
    page.set_viewport_size(DESKTOP)


def run_axe(page, axe_source):
    """Inject axe-core, run it and print each violation; return how many were found."""
    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => await axe.run()")
    for violation in result["violations"]:
        first = violation["nodes"][0]
        print(f"  [{violation['impact']}] {violation['id']}: {violation['help']} ({len(violation['nodes'])} node(s))")
        print(f"      target: {first['target']}")
        print(f"      html:   {first['html'][:200]}")
    if not result["violations"]:
        print("  no violations")
    return len(result["violations"])


def find_edit_url(page, base_url, title):
    """Return the admin edit URL of the plan page, found through the admin search.

    The admin search only autocompletes titles, so searching for the plan number "599"
    may find nothing: fall back to the title read from the public page, without
    punctuation (a query holding an en dash "–" matches nothing in the database backend).
    """
    for query in ("599", re.sub(r"[^\w\s]", " ", title)):
        goto(page, f"{base_url}/admin/pages/search/?{urlencode({'q': query})}")
        for link in page.locator("a[href*='/edit/']").all():
            match = re.search(r"/admin/pages/\d+/edit/", link.get_attribute("href") or "")
            if match and title in link.inner_text():
                return base_url + match.group(0)
        print(f"admin search for {query!r} did not find the plan page", file=sys.stderr)
    raise SystemExit("plan page not found in the admin search")


def main():
    args = parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    axe_source = args.axe.read_text(encoding="utf-8") if args.axe else None
    password = os.environ.get("DEMO_ADMIN_PASSWORD")
    violations = 0

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=args.chromium, args=["--no-sandbox", "--disable-background-networking"]
        )
        context = browser.new_context(viewport=DESKTOP, device_scale_factor=1, locale=args.locale)
        page = context.new_page()
        for path, filename in PUBLIC_PAGES:
            goto(page, args.base_url + path)
            if path == PLAN:
                plan_title = page.locator("h1").first.inner_text().strip()
            shoot(page, args.out / filename)
            if axe_source:
                print(f"axe {path}")
                violations += run_axe(page, axe_source)

        mobile = browser.new_context(viewport=MOBILE, device_scale_factor=1, locale=args.locale, is_mobile=True)
        mobile_page = mobile.new_page()
        goto(mobile_page, args.base_url + PLAN)
        shoot(mobile_page, args.out / "plan-page-mobile.png")
        mobile.close()

        if password:
            goto(page, f"{args.base_url}/admin/login/")
            page.fill("input[name=username]", "admin")
            page.fill("input[name=password]", password)
            page.click("button[type=submit]")
            page.wait_for_load_state("networkidle")
            if "/admin/login/" in page.url:
                raise SystemExit("admin login failed")
            goto(page, find_edit_url(page, args.base_url, plan_title))
            shoot_scrolling(page, args.out / "admin-plan-edit.png")
        else:
            print("DEMO_ADMIN_PASSWORD is not set: admin screenshot skipped", file=sys.stderr)
        browser.close()

    if axe_source:
        print(f"axe: {violations} violation type(s) in total")


if __name__ == "__main__":
    main()
