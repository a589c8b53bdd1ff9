"""Fail when the Vietnamese catalogue lacks a string of the source, has fuzzy or empty entries, or is not compiled.

Also checks the optional catalogue of Wagtail's own admin strings (thidua_wagtail/wagtail_vi): complete, compiled,
and covering every string of the installed Wagtail's and wagtail-localize's English catalogues that their own
Vietnamese catalogues leave untranslated (an editor would meet it in English).

Run from the repository root: python scripts/check_messages.py
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "thidua_wagtail"
PO = PACKAGE / "locale/vi/LC_MESSAGES/django.po"
MO = PO.with_suffix(".mo")
WAGTAIL_VI = [PACKAGE / "wagtail_vi/locale/vi/LC_MESSAGES" / name for name in ("django.po", "djangojs.po")]


def keys(po):
    return {(e.msgctxt, e.msgid) for e in po if not e.obsolete}


def complete_and_compiled(po_path):
    """Problems of one catalogue: fuzzy or empty entries, a missing or stale .mo."""
    problems = []
    catalogue = polib.pofile(str(po_path))
    for entry in catalogue:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"{po_path.name}: fuzzy: {entry.msgid!r}")
        if not entry.translated():
            problems.append(f"{po_path.name}: untranslated: {entry.msgid!r}")
    mo = po_path.with_suffix(".mo")
    if not mo.exists():
        return [*problems, f"{mo.relative_to(ROOT)} is missing: run `make messages`"]
    in_mo = {(e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in polib.mofile(str(mo))}
    for entry in catalogue.translated_entries():
        if in_mo.get((entry.msgctxt, entry.msgid)) != (entry.msgstr, tuple(sorted(entry.msgstr_plural.items()))):
            problems.append(f"{mo.relative_to(ROOT)} is stale for {entry.msgid!r}: run `make messages`")
            break
    return problems


def uncovered_upstream_strings():
    """Strings of Wagtail's and wagtail-localize's English catalogues with Vietnamese in none of the catalogues
    of their domain that a site with thidua_wagtail.wagtail_vi loads (Django merges every app's catalogue)."""
    import wagtail
    import wagtail_localize

    packages = (Path(wagtail.__file__).parent, Path(wagtail_localize.__file__).parent)
    translated = {}
    for catalogue in [
        *(path for package in packages for path in package.glob("**/locale/vi/LC_MESSAGES/*.po")),
        *WAGTAIL_VI,
    ]:
        entries = translated.setdefault(catalogue.name, set())
        entries |= {(e.msgctxt, e.msgid) for e in polib.pofile(str(catalogue)).translated_entries()}
    problems = []
    for package in packages:
        for english in sorted(package.glob("**/locale/en/LC_MESSAGES/*.po")):
            for entry in polib.pofile(str(english)):
                key = (entry.msgctxt, entry.msgid)
                if entry.msgid and not entry.obsolete and key not in translated.get(english.name, set()):
                    where = english.relative_to(package.parent)
                    problems.append(f"{where}: no Vietnamese for {entry.msgid!r} (add it to wagtail_vi)")
    return problems


def main():
    problems = []
    committed = polib.pofile(str(PO))
    # Extract the strings of the source as they are now, into a scratch copy of the package.
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "thidua_wagtail"
        shutil.copytree(PACKAGE, copy)
        django_admin = Path(sys.executable).with_name("django-admin")
        result = subprocess.run(
            [str(django_admin), "makemessages", "-l", "vi", "--no-obsolete", "-i", "wagtail_vi/*"],
            cwd=copy,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            print(result.stdout, result.stderr, sep="\n")
            print("makemessages failed (GNU gettext must be installed).")
            return 1
        fresh = polib.pofile(str(copy / "locale/vi/LC_MESSAGES/django.po"))
    for _ctxt, msgid in sorted(keys(fresh) - keys(committed), key=str):
        problems.append(f"not in the catalogue (run `make messages` and translate): {msgid!r}")
    problems += complete_and_compiled(PO)
    for po in WAGTAIL_VI:
        problems += complete_and_compiled(po)
    problems += uncovered_upstream_strings()
    for problem in problems:
        print(problem)
    print(f"{len(committed.translated_entries())} strings translated; {len(problems)} problem(s).")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
