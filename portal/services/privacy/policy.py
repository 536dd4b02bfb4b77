"""The published privacy policy, read from the versions kept in portal/content (R-POLICY-1).

Each version is `policy-YYYY-MM-DD.<lang>.txt`, one file per language, dated by its publication;
beside them `policy-YYYY-MM-DD.meta.json` may say `{"material": true}` when the change must be
notified to people (R-POLICY-2) and `"effective": "YYYY-MM-DD"` when it applies from a later day.
Versions are numbered 1, 2, … in order of publication. Publishing a version is adding its files:
a deployment gets it with the code, without any data step. The consultant terms are versioned the
same way, as `consultant-terms-YYYY-MM-DD.<lang>.txt`.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from flask import current_app, has_app_context

CONTENT = Path(__file__).resolve().parents[2] / "content"
PRIMARY_LANGUAGE = "sv"  # the language the company's policy is written and approved in


@dataclass(frozen=True)
class PolicyVersion:
    published: date
    number: int
    texts: dict[str, tuple[str, ...]] = field(hash=False, compare=False)
    material: bool = False
    effective: date | None = None

    @property
    def effective_from(self) -> date:
        return self.effective or self.published

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(self.texts, key=lambda lang: (lang != PRIMARY_LANGUAGE, lang)))

    @property
    def language(self) -> str:
        """The language the version was first written in."""
        return self.languages[0]

    def language_for(self, wanted: str | None) -> str:
        """The reader's language when this version exists in it, else the primary text."""
        return wanted if wanted in self.texts else self.language

    def blocks(self, language: str | None = None):
        """(kind, text) pairs: `## `/`### ` lines or lines in capitals are headings; `- ` lines make a list."""
        for text in self.texts[self.language_for(language)]:
            lines = text.splitlines()
            if text.startswith("### "):
                yield "subheading", text[4:].strip()
            elif text.startswith("## "):
                yield "heading", text[3:].strip()
            elif text.isupper() and len(text) < 120:
                yield "heading", text.capitalize()
            elif all(line.lstrip().startswith(("•", "- ")) for line in lines):
                yield "list", tuple(line.lstrip().lstrip("•-").strip() for line in lines)
            else:
                yield "paragraph", text


def _content_dir() -> Path:
    configured = current_app.config.get("POLICY_DIR") if has_app_context() else None
    return Path(configured) if configured else CONTENT


def _paragraphs(path: Path) -> tuple[str, ...]:
    text = path.read_text(encoding="utf-8").replace("\u00a0", " ").replace("\r\n", "\n")
    return tuple(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())


@lru_cache
def _versions_in(directory: Path, document: str = "policy") -> tuple[PolicyVersion, ...]:
    texts: dict[date, dict[str, tuple[str, ...]]] = {}
    for path in directory.glob(f"{document}-*.txt"):
        match = re.fullmatch(rf"{document}-(\d{{4}}-\d{{2}}-\d{{2}})\.(\w\w)\.txt", path.name)
        if match:
            texts.setdefault(date.fromisoformat(match[1]), {})[match[2]] = _paragraphs(path)
    found = []
    for number, published in enumerate(sorted(texts), start=1):
        meta_path = directory / f"{document}-{published.isoformat()}.meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        effective = date.fromisoformat(meta["effective"]) if meta.get("effective") else None
        found.append(PolicyVersion(published, number, texts[published], material=bool(meta.get("material", False)),
                                   effective=effective))
    return tuple(reversed(found))


def versions(document: str = "policy") -> tuple[PolicyVersion, ...]:
    """Every published version of the policy (or of the consultant terms), newest first."""
    found = _versions_in(_content_dir(), document)
    return found or _versions_in(CONTENT, document)  # a POLICY_DIR without terms keeps the shipped ones


def current(document: str = "policy") -> PolicyVersion:
    return versions(document)[0]


def version_of(published: date, document: str = "policy") -> PolicyVersion | None:
    return next((v for v in versions(document) if v.published == published), None)


def numbered(number: int, document: str = "policy") -> PolicyVersion | None:
    return next((v for v in versions(document) if v.number == number), None)
