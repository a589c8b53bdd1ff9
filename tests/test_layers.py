"""Every import of the package points down (issue 12, item 8; docs: DESIGN.md "Layers"): presentation → services →
models → domain, with no import circle, counting the imports inside functions too."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "thidua_wagtail"

#: The lowest layer first. A module not named here is presentation (views, blocks, admin, template tags, wiring).
LAYERS = {
    "domain": {
        "catalogue",
        "compiled",
        "commemorations",
        "conf",
        "formats",
        "formfields",
        "locales",
        "streamfield",
        "text",
        "timeline",
        "widgets",
    },
    "models": {"models"},
    "services": {
        "cache",
        "catalogue_loader",
        "changes",
        "decisions",
        "exports",
        "import_template",
        "purge",
        "related",
        "search",
        "spreadsheets",
        "stats",
        "tasks",
    },
}
ORDER = ["domain", "models", "services", "presentation"]


def layer_of(module):
    top = module.split(".")[0]
    for name, members in LAYERS.items():
        if top in members:
            return name
    return "presentation"


def package_modules():
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).with_suffix("")
        if relative.parts[0] in ("migrations", "management", "wagtail_vi") or "migrations" in relative.parts:
            continue
        parts = list(relative.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts:
            yield ".".join(parts), path


def imports_of(module, path):
    """The package's modules that ``module`` imports, anywhere in its code."""
    is_package = path.name == "__init__.py"
    here = module.split(".") if is_package else module.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - (node.level - 1)] if node.level > 1 else here
                target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            elif (node.module or "").startswith("thidua_wagtail"):
                target = node.module.removeprefix("thidua_wagtail").lstrip(".")
            else:
                continue
            for alias in node.names:
                found.add(f"{target}.{alias.name}".strip(".") if not node.module and node.level else target)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("thidua_wagtail."):
                    found.add(alias.name.removeprefix("thidua_wagtail."))
    return {name for name in found if name and name != module}


def test_no_module_imports_from_a_layer_above_its_own():
    upward = []
    for module, path in package_modules():
        mine = ORDER.index(layer_of(module))
        for target in imports_of(module, path):
            if ORDER.index(layer_of(target)) > mine:
                upward.append(f"{module} ({layer_of(module)}) imports {target} ({layer_of(target)})")
    assert upward == []


def test_no_import_circle():
    modules = dict(package_modules())
    graph = {module: set() for module in modules}
    for module, path in modules.items():
        for target in imports_of(module, path):
            while target not in modules and "." in target:
                target = target.rsplit(".", 1)[0]
            if target in modules and target != module:
                graph[module].add(target)
    # Depth-first search for a back edge; report the circle it closes.
    state, circles = {}, []

    def visit(node, trail):
        state[node] = "open"
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                circles.append(" → ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert circles == []


def test_the_checker_sees_an_upward_import():
    # The checks above would pass on nothing: they must see the models' one sanctioned way up.
    base = PACKAGE / "models" / "base.py"
    assert "models.services" in imports_of("models.base", base)
    assert layer_of("stats") == "services" and layer_of("models.honours") == "models"
