"""The published privacy policy, read from the versions kept in portal/content."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

CONTENT = Path(__file__).resolve().parent.parent / "content"


@dataclass(frozen=True)
class PolicyVersion:
    published: date
    language: str
    paragraphs: tuple[str, ...]

    def blocks(self):
        """(kind, text) pairs: headings are the policy's lines in capitals."""
        for text in self.paragraphs:
            heading = text.isupper() and len(text) < 120
            yield ("heading" if heading else "paragraph", text.capitalize() if heading else text)


@lru_cache
def versions() -> tuple[PolicyVersion, ...]:
    found = []
    for path in CONTENT.glob("policy-*.txt"):
        match = re.fullmatch(r"policy-(\d{4}-\d{2}-\d{2})\.(\w\w)\.txt", path.name)
        if match:
            text = path.read_text(encoding="utf-8").replace("\u00a0", " ")
            paragraphs = tuple(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())
            found.append(PolicyVersion(date.fromisoformat(match[1]), match[2], paragraphs))
    return tuple(sorted(found, key=lambda v: v.published, reverse=True))


def current() -> PolicyVersion:
    return versions()[0]
