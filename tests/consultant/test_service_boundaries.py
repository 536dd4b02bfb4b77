"""STYLE rule 3: the profile-part services never read Flask request state; they are plain functions."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

MODULES = ["services/profiles/sensitive_data", "services/profiles/linkedin_archive", "services/profiles/file_types",
           "demo/generator", "demo/archetypes"]
FORBIDDEN = {"request", "session", "g", "current_app", "current_user"}


@pytest.mark.parametrize("name", MODULES)
def test_no_request_state(repo_root: Path, name: str):
    tree = ast.parse((repo_root / "portal" / f"{name}.py").read_text(encoding="utf-8"))
    imported = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                and node.module in {"flask", "flask_login"} for alias in node.names}
    assert imported & FORBIDDEN == set()
    assert not any(isinstance(node, ast.Import) and any(a.name == "flask" for a in node.names) for node in ast.walk(tree))
