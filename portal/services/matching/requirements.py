"""Requirements as buyers write them (R-MATCH-1, R-BUY-1): "C/C++", "Java/Kotlin", "React eller Vue" are
met by either skill; "minst fem års erfarenhet", "at least 5 years", "5+ år" ask for years with it; a
requirement naming no skill of the vocabulary is said to be unknown, so staff see it instead of a
requirement that silently matches nobody.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from portal.services.matching import skill_tokens

_NUMBERS = {"en": 1, "ett": 1, "one": 1, "två": 2, "two": 2, "tre": 3, "three": 3, "fyra": 4, "four": 4,
            "fem": 5, "five": 5, "sex": 6, "six": 6, "sju": 7, "seven": 7, "åtta": 8, "eight": 8, "nio": 9,
            "nine": 9, "tio": 10, "ten": 10, "elva": 11, "eleven": 11, "tolv": 12, "twelve": 12, "femton": 15,
            "fifteen": 15, "tjugo": 20, "twenty": 20}
_YEARS = re.compile(r"(?<!\w)(\d{1,2}|" + "|".join(_NUMBERS) + r")\s*\+?\s*(?:års?|åriga?|years?|yrs?)(?!\w)",
                    re.IGNORECASE)
_OR = re.compile(r"(?<!\w)(?:or|eller|alternativt|resp\.?|respektive)(?!\w)|[/|]", re.IGNORECASE)
_AND = re.compile(r"(?<!\w)(?:and|och|samt|plus)(?!\w)|[&+,]", re.IGNORECASE)


@dataclass
class Requirement:
    """A requirement read: every group must be met, a group by any of its skills, with `min_years` years."""

    text: str
    groups: list[list[str]] = field(default_factory=list)
    min_years: int = 0
    known: bool = True  # names at least one skill of the vocabulary

    @property
    def names(self) -> list[str]:
        return [name for group in self.groups for name in group]

    @property
    def either(self) -> bool:
        return any(len(group) > 1 for group in self.groups)


def min_years(text: str) -> int:
    """The years of experience a requirement asks for ("minst fem års erfarenhet" -> 5), 0 when none."""
    found = [int(m.group(1)) if m.group(1).isdigit() else _NUMBERS[m.group(1).casefold()]
             for m in _YEARS.finditer(text)]
    return max(found, default=0)


def parse(text: str, vocabulary: skill_tokens.Vocabulary) -> Requirement:
    """What a requirement asks for. A whole name the vocabulary knows ("CI/CD") stays one skill."""
    text = " ".join(text.split())
    if vocabulary.knows(text):
        return Requirement(text, [[text]])
    years = min_years(text)
    tokens = skill_tokens.find(text, vocabulary, skill_context=True)
    if not tokens:
        return Requirement(text, [[text]], years, known=False)
    # Commas follow the requirement's own word: "Java, Kotlin eller Scala" is either, "Java, Spring och SQL" all.
    commas_mean_or = _OR.search(text) is not None and not re.search(r"(?<!\w)(?:and|och|samt)(?!\w)", text, re.I)
    groups: list[list[str]] = [[vocabulary.shown(tokens[0].key)]]
    for before, token in zip(tokens, tokens[1:]):
        between = text[before.end:token.start]
        joins_all = _AND.search(between) is not None and not (commas_mean_or and between.strip() == ",")
        name = vocabulary.shown(token.key)
        if joins_all and _OR.search(between) is None:
            groups.append([name])
        elif name not in groups[-1]:
            groups[-1].append(name)
    return Requirement(text, groups, years)
