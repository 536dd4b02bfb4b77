"""Skill tokens in free text: "C#", "C++", ".NET", "Objective-C", "ASP.NET Core" and "Go" as the skills
developers mean, in Swedish and English (R-MATCH-1).

The vocabulary is the one skills.py keeps: the default skills and synonyms, the synonyms staff edit and
the skills profiles name. A spelling is found as a sequence of pieces (words, punctuation, spaces), so
"C#" is never the letter C, ".NET" never the word "net" and "Objective-C" never "object". Short and
everyday names ("Go", "R", "C", "Spring") count as skills only in a skill context: a skills list or a
requirement, next to a cue ("programming in", "erfarenhet av", "utvecklare", "Go-kod"), or in a list
beside other skills ("Python, R och SQL", "C/C++"). Never "ready to go live", "R&D" or "vitamin C".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import sqlalchemy as sa

from portal.extensions import db
from portal.models import Skill
from portal.services.matching import skills

_PIECE = re.compile(r"\w+|[^\w\s]")
_END = "\0"  # marks a vocabulary entry in the trie
_GAP = " "

# Everyday words (and one or two letters) that are skills only in a skill context.
COMMON_WORDS = frozenset("go node spring swift rust dart ruby embedded kube unity helm flask excel spark rest git "
                         "lua elm express oracle scrum".split())
CUES_BEFORE = frozenset(
    "programming programmering programmerar programmerat programmerade program coding kodning kodar kodat code "
    "kod written skriven skrivet skrivna skriva skriver writing experience erfarenhet erfarenheten erfarenheter "
    "erfaren experienced kunskap kunskaper knowledge kompetens skills skill skilled färdigheter proficient "
    "proficiency språk språket språken language languages developer developers utvecklare utvecklat utvecklar "
    "development utveckling using".split())
CUES_AFTER = frozenset(
    "developer developers utvecklare utvecklaren utvecklarna utvecklare programmer programmers programmerare "
    "programmeraren code kod koden kodbas kodbasen engineer engineers ingenjör ingenjörer programming "
    "programmering utveckling development language språket språk skills kunskaper erfarenhet experience api apis "
    "apier tjänster services".split())
# Swedish compounds written as one word: "Javautvecklare", "Pythonkod", "Kubernetesmiljö".
COMPOUND_SUFFIXES = tuple(sorted(
    "utvecklare utvecklaren utvecklarna utveckling utvecklingen programmerare programmeraren programmering kod "
    "koden kodbas miljö miljön miljöer konsult konsulten konsulter expert experten experter arkitekt arkitekten "
    "projekt projektet plattform plattformen plattformar ingenjör ingenjören kompetens kunskap kunskaper "
    "erfarenhet team teamet stack stacken".split(), key=len, reverse=True))
_LIST_WORDS = frozenset("och and or eller samt resp respektive".split())
_LIST_MARKS = frozenset(",/()|;")
_CLAUSE_END = frozenset(".!?;:")


@dataclass(frozen=True)
class Entry:
    """One spelling of the vocabulary."""

    form: str  # as the vocabulary spells it: "ASP.NET Core"
    key: str  # skills.key(form), what the index stores
    ambiguous: bool  # an everyday word or one or two letters: needs a skill context
    consumes: bool  # punctuation or ambiguous: its words are not also ordinary words


@dataclass(frozen=True)
class SkillToken:
    """A skill found in a text: its spelling in the vocabulary (lower case), key, canonical name and place."""

    text: str
    key: str
    canonical: str
    start: int
    end: int
    consumes: bool = True


@dataclass(slots=True)
class _Piece:
    low: str
    raw: str
    start: int
    end: int

    @property
    def word(self) -> bool:
        return self.low[:1].isalnum() or self.low[:1] == "_"


def _pieces(text: str) -> list[_Piece]:
    """Words and punctuation, with a gap piece wherever the text has white space between two of them."""
    out: list[_Piece] = []
    for match in _PIECE.finditer(text):
        if out and match.start() > out[-1].end:
            out.append(_Piece(_GAP, text[out[-1].end:match.start()], out[-1].end, match.start()))
        out.append(_Piece(match.group().casefold(), match.group(), match.start(), match.end()))
    return out


def _spellings(form: str) -> set[tuple[str, ...]]:
    """The piece sequences a spelling may take in text: "Objective-C", "Objective C", "ObjectiveC"."""
    pieces = [p.low for p in _pieces(form)]
    variants = [[]]
    for i, piece in enumerate(pieces):
        between_words = 0 < i < len(pieces) - 1 and _is_word(pieces[i - 1]) and _is_word(pieces[i + 1])
        if between_words and piece in ("-", _GAP, ".", "/") and len(variants) < 32:
            options = {piece, ""} | ({"-", _GAP} if piece in ("-", _GAP) else set())
            variants = [v + [o] for v in variants for o in options]
        else:
            variants = [v + [piece] for v in variants]
    out = set()
    for variant in variants:
        joined: list[str] = []
        glue = False
        for piece in variant:
            if piece == "":
                glue = True
            elif glue and joined:
                joined[-1] += piece
                glue = False
            else:
                joined.append(piece)
        out.add(tuple(joined))
    return out


def _is_word(piece: str) -> bool:
    return piece[:1].isalnum()


class Vocabulary:
    """Every spelling of the vocabulary as a trie over pieces, with the synonym table for canonical names."""

    def __init__(self, table: skills.SynonymTable, names: tuple[str, ...] = ()) -> None:
        self.table = table
        self.trie: dict = {}
        self.names: dict[str, str] = {}  # key -> the spelling shown for it
        forms = [*skills.DEFAULT_SKILLS, *skills.DEFAULT_SYNONYMS,
                 *(a for aliases in skills.DEFAULT_SYNONYMS.values() for a in aliases),
                 *table.aliases.values(), *table.spellings.values(), *names]
        for form in forms:
            form = form.strip()
            k = skills.key(form)
            if not k or k in self.names:
                continue  # the first spelling of a key wins: ".NET", never a profile's "NET"
            self.names[k] = form
            pieces = [p.low for p in _pieces(form)]
            ambiguous = len(pieces) == 1 and pieces[0].isalpha() and (len(k) <= 2 or k in COMMON_WORDS)
            entry = Entry(form, k, ambiguous, ambiguous or any(p != _GAP and not _is_word(p) for p in pieces))
            for spelling in _spellings(form):
                node = self.trie
                for piece in spelling:
                    node = node.setdefault(piece, {})
                node.setdefault(_END, entry)

    def knows(self, name: str) -> bool:
        """Whether a whole name is a spelling of the vocabulary (a named skill, a synonym or a default)."""
        k = skills.key(name)
        return bool(k) and (k in self.names or k in self.table.aliases)

    def canonical(self, name: str) -> str:
        return self.table.canonical_name(name)

    def shown(self, key: str) -> str:
        """The spelling to show for an indexed key ("csharp" -> "C#")."""
        return self.names.get(key, key)


@lru_cache(maxsize=8)
def _cached(aliases: tuple[tuple[str, str], ...], spellings: tuple[tuple[str, str], ...],
            names: tuple[str, ...]) -> Vocabulary:
    return Vocabulary(skills.SynonymTable(dict(aliases), dict(spellings)), names)


def build(table: skills.SynonymTable | None = None, names: tuple[str, ...] = ()) -> Vocabulary:
    """The vocabulary of a synonym table (the defaults when None) and extra skill names, built once."""
    table = table or skills.default_table()
    return _cached(tuple(sorted(table.aliases.items())), tuple(sorted(table.spellings.items())), tuple(names))


def load(table: skills.SynonymTable | None = None) -> Vocabulary:
    """The vocabulary as the database holds it: synonyms staff edit and the skills profiles name."""
    names = tuple(db.session.scalars(sa.select(Skill.name).order_by(Skill.id)))
    return build(table or skills.load_table(), names)


def find(text: str, vocabulary: Vocabulary, *, skill_context: bool = False) -> list[SkillToken]:
    """The skills a text names, in order. `skill_context`: the text is a skills list or a requirement,
    so short and everyday names count without a cue."""
    pieces = _pieces(text)
    found: list[tuple[int, int, Entry, str | None]] = []  # first piece, last piece, entry, compound suffix
    i, n = 0, len(pieces)
    while i < n:
        hit = _match_at(pieces, i, vocabulary.trie)
        if hit is None:
            i += 1
            continue
        found.append(hit)
        i = hit[1] + 1
    tokens: list[tuple[int, int, Entry, str | None, bool]] = []
    for first, last, entry, suffix in found:
        accepted = not entry.ambiguous or skill_context or _cued(pieces, first, last, entry, suffix)
        tokens.append((first, last, entry, suffix, accepted))
    if not skill_context:
        tokens = _accept_lists(pieces, tokens)
    out = []
    for first, last, entry, suffix, accepted in tokens:
        if accepted:
            end = pieces[last].end if suffix is None or suffix.startswith("-") else pieces[last].start + len(
                pieces[last].raw) - len(suffix)
            out.append(SkillToken(entry.form.casefold(), entry.key, vocabulary.canonical(entry.form),
                                  pieces[first].start, end, entry.consumes))
    return out


def _match_at(pieces: list[_Piece], i: int, trie: dict):
    """The longest vocabulary entry starting at piece i that the text around it allows, or None."""
    piece = pieces[i]
    if piece.low == _GAP or not _left_ok(pieces, i):
        return None
    node, best, j = trie, None, i
    while j < len(pieces) and pieces[j].low in node:
        node = node[pieces[j].low]
        if _END in node:
            best = (j, node[_END])
        j += 1
    if best is not None:
        last, entry = best
        suffix = _right(pieces, last)
        if suffix is not False:
            return i, last, entry, suffix
    if len(piece.low) >= 6 and piece.word:  # a Swedish compound in one word: "Javautvecklare"
        split = _compound(piece.low)
        if split is not None and _END in trie.get(split[0], {}) and _right(pieces, i) is not False:
            return i, i, trie[split[0]][_END], split[1]
    return None


_COMPOUND = re.compile(r"(\w{3,}?)(" + "|".join(COMPOUND_SUFFIXES) + ")")


@lru_cache(maxsize=200_000)
def _compound(word: str) -> tuple[str, str] | None:
    """A one-word compound as (first part, Swedish ending): "javautvecklare" -> ("java", "utvecklare")."""
    match = _COMPOUND.fullmatch(word)
    return (match.group(1), match.group(2)) if match else None


def _left_ok(pieces: list[_Piece], i: int) -> bool:
    """Not the tail of something else: "Objective-C" is no C, "R&D" no R, "www.net" no .NET."""
    if i == 0:
        return True
    before = pieces[i - 1]
    if before.low == _GAP:
        return True
    if before.word:  # only a spelling that starts with punctuation can touch a word: "VB.NET"
        return before.raw.isupper()
    if before.low in ("-", ".", "&", "#", "+", "_", "@", "'") and i >= 2 and pieces[i - 2].low != _GAP:
        return False
    return True


def _right(pieces: list[_Piece], last: int):
    """What follows a match: None (a boundary), '-suffix' (a hyphen compound: "C#-utvecklare") or False."""
    k = last + 1
    if k >= len(pieces) or pieces[k].low == _GAP:
        return None
    after = pieces[k]
    if after.word:
        return False  # "C#developer", or a longer word
    joined_word = k + 1 < len(pieces) and pieces[k + 1].word
    if after.low == "-" and joined_word:
        chained = k + 2 < len(pieces) and pieces[k + 2].low == "-"
        return False if chained else "-" + pieces[k + 1].low  # "Kubernetes-as-a-service" is one name
    if after.low in ("&", "#", "+", ".", "_", "@") and joined_word or after.low in ("#", "+"):
        return False  # "R&D", "net.se", and a C# the vocabulary does not know is no C
    return None


def _cued(pieces: list[_Piece], first: int, last: int, entry: Entry, suffix: str | None) -> bool:
    """An everyday name counts as a skill next to a cue word: "programming in Go", "Go-kod", "R-utvecklare"."""
    raw = pieces[first].raw
    if len(entry.key) == 1 and not raw.isupper():
        return False  # "c" and "r" in running text are letters
    if suffix is not None:
        return suffix.lstrip("-") in CUES_AFTER
    words, j = 0, first - 1
    while j >= 0 and words < 3:
        low = pieces[j].low
        if low in _CLAUSE_END or "\n" in pieces[j].raw:
            break
        if pieces[j].word:
            if low in CUES_BEFORE:
                return True
            words += 1
        j -= 1
    k = last + 1
    while k < len(pieces) and pieces[k].low == _GAP:
        k += 1
    return k < len(pieces) and pieces[k].low in CUES_AFTER


def _accept_lists(pieces: list[_Piece], tokens: list) -> list:
    """An everyday name beside other skills, with only commas, slashes or "och"/"or" between, is a skill:
    "Python, R och SQL", "C/C++". A single letter must be written as a capital."""
    changed = True
    while changed:
        changed = False
        for n, (first, last, entry, suffix, accepted) in enumerate(tokens):
            if accepted or (len(entry.key) == 1 and not pieces[first].raw.isupper()):
                continue
            if suffix is not None and suffix.lstrip("-") not in CUES_AFTER:
                continue
            if pieces[first].raw.islower():
                continue  # "go" in a list is still a verb: only "Go" is listed as a skill
            neighbours = [tokens[m] for m in (n - 1, n + 1) if 0 <= m < len(tokens) and tokens[m][4]]
            if any(_only_list_marks(pieces, min(last, other[1]) + 1, max(first, other[0])) for other in neighbours):
                tokens[n] = (first, last, entry, suffix, True)
                changed = True
    return tokens


def _only_list_marks(pieces: list[_Piece], start: int, stop: int) -> bool:
    between = [p for p in pieces[start:stop] if p.low != _GAP]
    return len(between) <= 2 and all(p.low in _LIST_MARKS or p.low in _LIST_WORDS for p in between) and (
        bool(between) or stop - start <= 1)


def split(text: str, vocabulary: Vocabulary, *, skill_context: bool = False) -> tuple[list[SkillToken], str]:
    """The skills a text names and the rest of the text for the language analyzer: a skill written with
    punctuation or needing a context is taken out, so ".NET" is not also the word "net"."""
    tokens = find(text, vocabulary, skill_context=skill_context)
    rest, at = [], 0
    for token in tokens:
        if token.consumes:
            rest.append(text[at:token.start])
            rest.append(" ")
            at = token.end
    rest.append(text[at:])
    return tokens, "".join(rest)
