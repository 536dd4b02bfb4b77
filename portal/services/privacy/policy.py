"""The published privacy policy, read from the versions kept in portal/content (R-POLICY-1).

Each version is `policy-YYYY-MM-DD.<lang>.txt`; beside it, `policy-YYYY-MM-DD.meta.json` may say
`{"material": true}` when the change is material and must be notified to people (R-POLICY-2).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from flask import current_app, has_app_context

CONTENT = Path(__file__).resolve().parents[2] / "content"


@dataclass(frozen=True)
class PolicyVersion:
    published: date
    language: str
    paragraphs: tuple[str, ...]
    material: bool = False

    def blocks(self):
        """(kind, text) pairs: headings are the policy's lines in capitals."""
        for text in self.paragraphs:
            heading = text.isupper() and len(text) < 120
            yield ("heading" if heading else "paragraph", text.capitalize() if heading else text)


def _content_dir() -> Path:
    configured = current_app.config.get("POLICY_DIR") if has_app_context() else None
    return Path(configured) if configured else CONTENT


@lru_cache
def _versions_in(directory: Path) -> tuple[PolicyVersion, ...]:
    found = []
    for path in directory.glob("policy-*.txt"):
        match = re.fullmatch(r"policy-(\d{4}-\d{2}-\d{2})\.(\w\w)\.txt", path.name)
        if match:
            text = path.read_text(encoding="utf-8").replace("\u00a0", " ")
            paragraphs = tuple(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())
            meta_path = directory / f"policy-{match[1]}.meta.json"
            meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
            found.append(PolicyVersion(date.fromisoformat(match[1]), match[2], paragraphs,
                                       material=bool(meta.get("material", False))))
    return tuple(sorted(found, key=lambda v: v.published, reverse=True))


def versions() -> tuple[PolicyVersion, ...]:
    """Every published version, newest first."""
    return _versions_in(_content_dir())


def current() -> PolicyVersion:
    return versions()[0]


def version_of(published: date) -> PolicyVersion | None:
    return next((v for v in versions() if v.published == published), None)
