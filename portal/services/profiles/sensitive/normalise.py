"""Text as the guard reads it (R-CON-8): the same letters however they were typed.

NFKC folds look-alike forms (full-width letters, ligatures); format characters (Unicode category
Cf: zero-width space and joiners, soft hyphen, byte-order mark) are removed, so "dia\u200bbetes" is
"diabetes"; a comma, full stop or colon between two letters is removed ("dia,betes", "RFSL:s");
hyphens, underscores and apostrophes separate words ("sick-leave", "läkarintyg_2024.pdf", "I'm").
"""
from __future__ import annotations

import re
import unicodedata

_EXTENSION = re.compile(r"\.(?:pdf|docx?|odt|rtf|txt|png|jpe?g|gif|heic|webp|tiff?)\b")
_INNER = re.compile(r"(?<=[^\W\d_])[,.:·•*](?=[^\W\d_])")
_SEPARATORS = re.compile(r"[-_’'`´‐‑–—]")
_CLAUSES = re.compile(r"[.!?;:\n]+")
_TOKENS = re.compile(r"[^\W_]+|,|\+")
SWEDISH = frozenset("och att är jag med för som av på har inte det en ett till min mitt sedan inom".split())
ENGLISH = frozenset("and the to is with for of have in my am an a at not it was since i".split())


def plain(text: str) -> str:
    """Folded, lower-case text with invisible characters and in-word punctuation removed."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf").casefold()
    text = _EXTENSION.sub(" ", text)
    return _SEPARATORS.sub(" ", _INNER.sub("", text))


def clauses(text: str) -> tuple[bool, list[list[str]]]:
    """(whether the text reads as English, its clauses as lists of words and commas)."""
    folded = plain(text)
    words = _TOKENS.findall(folded)
    english = sum(w in ENGLISH for w in words) > sum(w in SWEDISH for w in words)
    return english, [tokens for part in _CLAUSES.split(folded) if (tokens := _TOKENS.findall(part))]


def words(term: str) -> tuple[str, ...]:
    """A vocabulary term split as text is, so that a term matches what `clauses` makes of it."""
    return tuple(w for w in _TOKENS.findall(plain(term)) if w != ",")
