"""The layout stays true (issue 11, ../shared/STYLE.md): rules grouped by capability, demo data out of
the rules, core below the rules, no module over 400 lines. Each check reads the source (ast), so a
new import that breaks the layout fails here before anyone has to notice it in review."""
from __future__ import annotations

import ast
import statistics
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PORTAL = ROOT / "portal"
BLUEPRINTS = ("auth", "buyer", "consent", "consultant", "partner", "privacy", "public", "staff", "supplier",
              "support")
REQUEST_STATE = {"request", "session", "g"}


def _modules(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def _name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[str, str | None]]:
    """(module, imported name) for every import in the file, those inside functions too."""
    found: list[tuple[str, str | None]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, None) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found += [(node.module, alias.name) for alias in node.names]
            found += [(f"{node.module}.{alias.name}", None) for alias in node.names]
    return found


def _is_under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


RULES = _modules(PORTAL / "services") + _modules(PORTAL / "models")


def test_no_module_in_portal_is_over_400_lines():
    too_long = {str(p.relative_to(ROOT)): n for p in _modules(PORTAL)
                if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert too_long == {}


def test_the_rules_keep_a_median_module_under_100_lines():
    sizes = [len(p.read_text(encoding="utf-8").splitlines()) for p in RULES if p.name != "__init__.py"]
    assert statistics.median(sizes) < 100


@pytest.mark.parametrize("path", RULES, ids=lambda p: str(p.relative_to(PORTAL)))
def test_rules_import_no_demo_data_no_blueprint_and_no_request_state(path: Path):
    wrong = sorted({module for module, name in _imports(path)
                    if _is_under(module, "portal.demo")
                    or any(_is_under(module, f"portal.{bp}") for bp in BLUEPRINTS)
                    or (module == "flask" and name in REQUEST_STATE)
                    or (module == "flask_login" and name == "current_user")})
    assert wrong == []


@pytest.mark.parametrize("path", _modules(PORTAL / "models"), ids=lambda p: p.name)
def test_models_import_no_service(path: Path):
    assert [m for m, _ in _imports(path) if _is_under(m, "portal.services")] == []


@pytest.mark.parametrize("core", ["templating.py", "security.py"])
def test_core_modules_import_no_service(core: str):
    assert [m for m, _ in _imports(PORTAL / core) if _is_under(m, "portal.services")] == []


def test_every_capability_package_says_what_it_owns_in_one_line():
    packages = sorted(p for p in (PORTAL / "services").iterdir() if p.is_dir() and p.name != "__pycache__")
    assert {p.name for p in packages} >= {"accounts", "organisations", "profiles", "assignments", "matching",
                                           "shortlists", "privacy", "consent"}
    for package in packages:
        docstring = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8")))
        assert docstring and "\n" not in docstring.strip(), package.name


def test_services_hold_only_capability_packages_and_shared_plumbing():
    loose = {p.stem for p in (PORTAL / "services").glob("*.py")} - {"__init__"}
    assert loose == {"actors", "audit", "audit_anchors", "encryption", "mail", "pdf_text"}


def test_only_matching_imports_whoosh():
    importers = {_name(p) for p in _modules(PORTAL) if any(_is_under(m, "whoosh") for m, _ in _imports(p))}
    assert importers and all(_is_under(m, "portal.services.matching") for m in importers), importers


def test_demo_data_is_its_own_package_used_by_the_cli():
    assert (PORTAL / "demo" / "__init__.py").is_file()
    assert not list((PORTAL / "services").rglob("demo*.py"))
    assert any(_is_under(m, "portal.demo") for m, _ in _imports(PORTAL / "cli.py"))


def test_the_checks_see_a_forbidden_import(tmp_path: Path):
    """The import reader is not blind: a rule reaching into a blueprint or the request is seen."""
    module = tmp_path / "rule.py"
    module.write_text("def f():\n    from flask import request\n    from portal.staff import views\n")
    found = _imports(module)
    assert ("flask", "request") in found
    assert any(_is_under(m, "portal.staff") for m, _ in found)
