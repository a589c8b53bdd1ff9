"""Count the English strings an editor meets on the package's admin flows, in a real browser.

Usage, with the example portal served (``make demo``) and its administrator's password:

    DEMO_ADMIN_PASSWORD=... .venv/bin/python scripts/english_on_screens.py [--base-url URL] [--list]

Chromium (Debian's, at /usr/bin/chromium) loads each screen of the flows in Vietnamese, and every
visible text, button label, placeholder, title and aria-label is compared with the English
source strings of Wagtail, wagtail-localize, Django and the package (their ``en`` catalogues). A
text that is one of those strings, as written, is English left on a Vietnamese screen. The
script prints the count per screen and in all, and with ``--list`` the strings themselves.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

import polib
from playwright.sync_api import sync_playwright

SITE_PACKAGES = Path(polib.__file__).resolve().parent
ROOT = Path(__file__).resolve().parent.parent

#: Strings that read the same in Vietnamese (names, formats, abbreviations).
SAME_IN_BOTH = {"CSV", "XLSX", "Email", "OK", "URL", "ID", "Wagtail", "English", "Tiếng Việt", "PDF", "HTML"}


def english_sources():
    """[(compiled pattern, msgid)] of every English source string of the admin's catalogues."""
    files = [
        *SITE_PACKAGES.glob("wagtail/**/locale/en/LC_MESSAGES/*.po"),
        *SITE_PACKAGES.glob("wagtail_localize/**/locale/en/LC_MESSAGES/*.po"),
        SITE_PACKAGES / "django/contrib/admin/locale/en/LC_MESSAGES/django.po",
        SITE_PACKAGES / "django/conf/locale/en/LC_MESSAGES/django.po",
        SITE_PACKAGES / "django/contrib/auth/locale/en/LC_MESSAGES/django.po",
    ]
    patterns = {}
    for path in files:
        if not path.exists():
            continue
        for entry in polib.pofile(str(path)):
            for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                text = " ".join(msgid.split())
                if len(text) < 2 or text in SAME_IN_BOTH or not re.search("[A-Za-z]{2}", text):
                    continue
                parts = re.split(r"%\([a-z_0-9]+\)[sd]|%[sd]|\{[a-z_0-9]*\}", text)
                if not any(re.search("[A-Za-z]{3}", part) for part in parts):
                    continue  # nothing but placeholders and punctuation
                regex = "".join(re.escape(part) + ".+?" for part in parts[:-1]) + re.escape(parts[-1])
                patterns.setdefault(regex, text)
    return [(re.compile(regex), text) for regex, text in patterns.items()]


TEXTS_JS = """() => {
  const out = [];
  const visible = (el) => { const s = getComputedStyle(el); return s.display !== 'none' && s.visibility !== 'hidden'; };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, parent = node.parentElement;
    if (!parent || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(parent.tagName)) continue;
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    if (text && (visible(parent) || parent.closest('.w-sr-only, .visually-hidden, [class*="sr-only"]'))) out.push(text);
  }
  const labelled = '[aria-label], [title], [placeholder], input[type=submit], button[value]';
  for (const el of document.querySelectorAll(labelled)) {
    for (const attr of ['aria-label', 'title', 'placeholder']) {
      const value = (el.getAttribute(attr) || '').replace(/\\s+/g, ' ').trim();
      if (value) out.push(value);
    }
    if (el.tagName === 'INPUT' && el.type === 'submit' && el.value) out.push(el.value.trim());
  }
  return out;
}"""


def _literal_share(msgid, text):
    """How much of ``text`` the msgid's own words make up (1.0 for a msgid without placeholders)."""
    literal = re.sub(r"%\([a-z_0-9]+\)[sd]|%[sd]|\{[a-z_0-9]*\}", "", msgid)
    return min(1.0, len(literal) / max(len(text), 1))


def english_in(texts, sources):
    """{msgid: the text seen} of the English source strings among ``texts``."""
    found = {}
    for text in texts:
        if text in SAME_IN_BOTH:
            continue
        for pattern, msgid in sources:
            # A text that is mostly placeholder is content (an English page title), not the interface.
            if pattern.fullmatch(text) and _literal_share(msgid, text) >= 0.4:
                found.setdefault(msgid, text)
                break
    return found


def screens(base, ids):
    """(name, path or callable) of each screen of the flows the package's editors meet."""
    hub, plan, decision, unit = ids["hub"], ids["plan"], ids["decision"], ids["unit"]
    honour, tally = ids["honour"], ids["tally"]
    snippets = "/admin/snippets/thidua_wagtail"
    return [
        ("dashboard", "/admin/"),
        ("page explorer: the hub", f"/admin/pages/{hub}/"),
        ("add a plan", f"/admin/pages/add/thidua_wagtail/planpage/{hub}/"),
        ("add a plan: refused", ("submit-empty-plan", f"/admin/pages/add/thidua_wagtail/planpage/{hub}/")),
        ("edit a plan", f"/admin/pages/{plan}/edit/"),
        # The side panels (status, translations, checks, preview, comments), each opened in turn.
        ("edit a plan: side panels", ("side-panels", f"/admin/pages/{plan}/edit/")),
        ("edit a decision: side panels", ("side-panels", f"{snippets}/decision/edit/{decision}/")),
        ("plan history", f"/admin/pages/{plan}/history/"),
        ("search pages", "/admin/pages/search/?q=599"),
        ("decisions", f"{snippets}/decision/"),
        ("add a decision", f"{snippets}/decision/add/"),
        ("edit a decision", f"{snippets}/decision/edit/{decision}/"),
        ("decision history", f"{snippets}/decision/history/{decision}/"),
        ("decision's honours", f"{snippets}/honour/?decision={decision}"),
        ("decision's honours: search", f"{snippets}/honour/?decision={decision}&q=nguyen"),
        ("add an honour", f"{snippets}/honour/add/?decision={decision}"),
        # Typing in a form brings up the footer's "unsaved edits" notice.
        ("add an honour: typed in", ("type-in", f"{snippets}/honour/add/?decision={decision}")),
        ("edit a decision: typed in", ("type-in", f"{snippets}/decision/edit/{decision}/")),
        ("import honours", f"/admin/thidua/decisions/{decision}/import/"),
        ("award types", f"{snippets}/awardtype/"),
        ("award types: page 2", f"{snippets}/awardtype/?p=2"),
        ("units", f"{snippets}/unit/"),
        ("units: search", f"{snippets}/unit/?q=thap"),
        ("edit a unit", f"{snippets}/unit/edit/{unit}/"),
        ("unit usage", f"{snippets}/unit/usage/{unit}/"),
        ("delete a unit", f"{snippets}/unit/delete/{unit}/"),
        ("tallies", f"{snippets}/honourtally/"),
        ("edit a tally and its breakdown", f"{snippets}/honourtally/edit/{tally}/"),
        ("commemorations", f"{snippets}/commemoration/"),
        ("add a commemoration", f"{snippets}/commemoration/add/"),
        ("record a merger or abolition", "/admin/thidua/units/reorganise/"),
        ("revoke or correct honours", f"/admin/bulk/thidua_wagtail/honour/thidua_amend/?id={honour}"),
        ("exemplary models", f"{snippets}/exemplarymodel/"),
        ("zones", f"{snippets}/emulationzone/"),
        ("unit chooser", ("chooser", "/admin/snippets/choose/thidua_wagtail/unit/")),
        ("award chooser", ("chooser", "/admin/snippets/choose/thidua_wagtail/awardtype/?q=bang")),
        ("decision chooser", ("chooser", "/admin/snippets/choose/thidua_wagtail/decision/")),
        ("commemoration chooser", ("chooser", "/admin/snippets/choose/thidua_wagtail/commemoration/")),
    ]


def demo_ids():
    """Primary keys of the demo's records that the screens show (Django set up on the portal's database)."""
    from thidua_wagtail.models import Decision, EmulationIndexPage, Honour, HonourTally, PlanPage, Unit

    decision = Decision.objects.filter(locale__language_code="vi").order_by("pk").first()
    return {
        "hub": EmulationIndexPage.objects.filter(locale__language_code="vi").first().pk,
        "plan": PlanPage.objects.filter(number="599/KH-STP", locale__language_code="vi").first().pk,
        "decision": decision.pk,
        "honour": Honour.objects.filter(decision=decision).order_by("pk").first().pk,
        "tally": HonourTally.objects.filter(rows__isnull=False).order_by("pk").first().pk,
        "unit": Unit.objects.filter(locale__language_code="vi", honours__isnull=False).first().pk,
    }


def count(page, base_url, ids, sources):
    """{screen: {msgid: text}} of the English strings on each screen, with ``page`` logged in."""
    results = {}
    for name, target in screens(base_url, ids):
        if isinstance(target, tuple) and target[0] == "chooser":
            # A chooser answers JSON holding its modal's HTML: shown in the page as the modal shows it.
            data = page.evaluate(f"fetch('{base_url}{target[1]}').then(r => r.json())")
            page.set_content(f"<html lang='vi'><body>{data.get('html', '')}</body></html>")
        elif isinstance(target, tuple) and target[0] == "submit-empty-plan":
            page.goto(base_url + target[1], wait_until="networkidle")
            page.locator("form#page-edit-form button[type=submit]").first.click()
            page.wait_for_load_state("networkidle")
        elif isinstance(target, tuple) and target[0] == "side-panels":
            page.goto(base_url + target[1], wait_until="networkidle")
            found = {}
            toggles = page.locator("[data-side-panel-toggle]")
            for index in range(toggles.count()):
                toggles.nth(index).click()
                page.wait_for_timeout(400)
                found.update(english_in(page.evaluate(TEXTS_JS), sources))
            results[name] = found
            continue
        elif isinstance(target, tuple) and target[0] == "type-in":
            page.goto(base_url + target[1], wait_until="networkidle")
            page.locator("form input[type=text]:visible").first.press_sequentially(" x")
            page.wait_for_timeout(1500)
        else:
            page.goto(base_url + target, wait_until="networkidle")
        results[name] = english_in(page.evaluate(TEXTS_JS), sources)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--username", default=os.environ.get("DEMO_ADMIN_USERNAME", "admin"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--list", action="store_true", help="print the English strings found")
    parser.add_argument("--json", type=Path, help="write {screen: [strings]} to this file")
    args = parser.parse_args()
    password = os.environ.get("DEMO_ADMIN_PASSWORD")
    if not password:
        sys.exit("Set DEMO_ADMIN_PASSWORD to the example portal's administrator password.")

    sys.path[:0] = [str(ROOT), str(ROOT / "example_site")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    ids = demo_ids()
    sources = english_sources()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=args.chromium, args=["--no-sandbox", "--disable-background-networking"]
        )
        page = browser.new_page(locale="vi-VN", viewport={"width": 1280, "height": 900})
        page.goto(args.base_url + "/admin/login/")
        page.fill("input[name=username]", args.username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_url("**/admin/**")
        results = count(page, args.base_url, ids, sources)
        browser.close()
    everything = {msgid: text for found in results.values() for msgid, text in found.items()}
    for name, found in results.items():
        print(f"{len(found):4d}  {name}")
    print(f"{len(everything):4d}  English strings in all, on {len(results)} screens")
    if args.list:
        for msgid, text in sorted(everything.items()):
            print(f"    {text!r}" + (f"  ({msgid!r})" if text != msgid else ""))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
