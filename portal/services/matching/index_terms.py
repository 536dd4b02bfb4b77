"""The terms the index writer and the candidate search agree on: text fields, languages, CEFR levels, days."""
from __future__ import annotations

from datetime import date

from whoosh.analysis import LanguageAnalyzer

from portal.services.matching import skills

CEFR = ("A1", "A2", "B1", "B2", "C1", "C2")
YEARS_CAP = 20  # years with a skill are indexed up to this; more counts as this many
TEXT_PARTS = ("title", "text")  # text: summary, employment and education history, industries, interests
LANGS = ("sv", "en")
ANALYZERS = {lang: LanguageAnalyzer(lang) for lang in LANGS}
_LANGUAGE_NAMES = {"svenska": "swedish", "engelska": "english", "tyska": "german", "franska": "french",
                   "spanska": "spanish", "norska": "norwegian", "danska": "danish", "finska": "finnish"}


def language_key(name: str) -> str:
    """The indexed key of a spoken language, the same for its Swedish and English names."""
    k = skills.key(name)
    return _LANGUAGE_NAMES.get(k, k)


def is_language(name: str) -> bool:
    """Whether a requirement names a spoken language ("Svenska", "English") rather than a skill."""
    k = skills.key(name)
    return k in _LANGUAGE_NAMES or k in _LANGUAGE_NAMES.values()


def day_number(value: date | None) -> int:
    """A date as the indexed day number (0 for none)."""
    return value.toordinal() if value else 0
