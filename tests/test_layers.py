"""The layers of DESIGN.md, checked on the source: which package may import which.

Every import is found, those inside functions too (the app imports heavy
modules lazily), so a screen cannot reach past the service API unnoticed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import app

APP = Path(app.__file__).resolve().parent

#: For each package (or top-level module) of app/, the app modules it may import.
#: A name allows itself and everything below it ("app.domain" allows app.domain.vocab).
ALLOWED: dict[str, tuple[str, ...]] = {
    "app.ui": (
        "app.ui",
        "app.diary",
        "app.domain",
        "app.resources",
        "app.config",
        "app.forms",
        "app.reminders",
    ),
    "app.forms": ("app.forms", "app.diary", "app.domain", "app.config"),
    "app.cli": ("app.cli", "app.diary", "app.domain", "app.config", "app.ui.app", "app.reminders"),
    # Reminders live outside the diary (a timer runs them without its passphrase):
    # they never reach the service API; their callers say whether today is logged.
    "app.reminders": ("app.reminders", "app.config", "app.exports.files"),
    "app.diary": (
        "app.diary",
        "app.analysis",
        "app.charts",
        "app.exports",
        "app.storage",
        "app.domain",
        "app.config",
        "app.demo",
        "app.desktop",
        "app.resources",
    ),
    "app.exports": (
        "app.exports",
        "app.analysis",
        "app.charts",
        "app.domain",
        "app.config",
        "app.resources",
    ),
    "app.charts": ("app.charts", "app.analysis", "app.domain", "app.resources"),
    "app.analysis": ("app.analysis", "app.domain"),
    "app.storage": ("app.storage", "app.domain", "app.config", "app.resources"),
    "app.domain": ("app.domain", "app.resources", "app.config"),
    "app.demo": ("app.demo", "app.domain", "app.config"),
    "app.desktop": ("app.desktop", "app.config"),
    "app.config": ("app.config",),
    "app.resources": ("app.resources",),
}


def _package_of(module: str) -> str:
    """The ALLOWED key a module falls under (its longest matching prefix)."""
    matches = [key for key in ALLOWED if module == key or module.startswith(key + ".")]
    if not matches:
        raise AssertionError(f"{module} belongs to no layer: add it to ALLOWED")
    return max(matches, key=len)


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(APP.rglob("*.py")):
        relative = path.relative_to(APP.parent).with_suffix("")
        parts = list(relative.parts)
        if parts[-1] == "__init__":
            parts.pop()
        found.append((".".join(parts), path))
    return found


def _app_imports(path: Path, module: str) -> set[str]:
    """Every app.* module `path` imports, at any depth (functions included)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    imported = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            imported.add(name)
            imported.update(f"{name}.{alias.name}" for alias in node.names)
    return {name for name in imported if name == "app" or name.startswith("app.")}


def _allowed(importer: str, imported: str) -> bool:
    rules = ALLOWED[_package_of(importer)]
    return any(imported == rule or imported.startswith(rule + ".") for rule in rules)


MODULES = _modules()


@pytest.mark.parametrize(("module", "path"), MODULES, ids=[m for m, _ in MODULES])
def test_each_module_imports_only_the_layers_below_it(module: str, path: Path) -> None:
    if module == "app" or module == "app.__main__":
        return  # the package itself, and `python -m app`, which starts the CLI
    wrong = sorted(
        name
        for name in _app_imports(path, module)
        if name != "app" and not any(_allowed(module, candidate) for candidate in _prefixes(name))
    )
    assert wrong == [], f"{module} imports {wrong}; allowed: {ALLOWED[_package_of(module)]}"


def _prefixes(name: str) -> list[str]:
    """`app.a.b` and its parents: `from app.a import b` names a module or an attribute."""
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(len(parts), 1, -1)]


def test_the_ui_reaches_storage_analysis_charts_and_exports_only_through_the_service() -> None:
    forbidden = ("app.analysis", "app.charts", "app.storage", "app.exports")
    reached = sorted(
        (module, name)
        for module, path in MODULES
        if module.startswith("app.ui")
        for name in _app_imports(path, module)
        if name.startswith(forbidden)
    )
    assert reached == []


def test_the_rule_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    source = tmp_path / "screen.py"
    source.write_text("def later():\n    from app.storage.database import connect\n")
    assert "app.storage.database" in _app_imports(source, "app.ui.screen")
    assert not _allowed("app.ui.screen", "app.storage.database")
