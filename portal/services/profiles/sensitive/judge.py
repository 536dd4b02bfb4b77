"""Whether a text says something special-category about its author (R-CON-8).

Each clause is read word by word. Where a vocabulary term occurs (exactly, inflected, inside a
compound, or with a typo) or a phrase of `patterns` matches, the words before it decide, nearest
first, at most `SCAN` words back (the word lists are in `cues`):

- a **personal cue** ("jag", "my", "min", "our", "hennes"; "är"/"har"/"am"/"have" right before the
  term) or an **activity** ("medlem", "member", "diagnosed", "röstar", "campaigned", "aktiv",
  "ordförande", "med i") means the clause is about the person: refused;
- a **work marker** ("worked", "byggt", "system", "projekt", or a word ending in one, such as
  "larmsystem") means the term is the subject of the work: allowed;
- a **preposition** ("för", "på", "at", "for") is an employer or client ("IT-chef på Svenska kyrkan",
  "worked for a trade union"): allowed, unless an activity stands before it ("röstar på
  Miljöpartiet", "kampanjade för Vänsterpartiet") or care does ("therapy for PTSD", "treatment for
  anorexia": the cause, not a client); pronouns before a preposition do not count ("Jag är
  IT-arkitekt på Unionen").
- a comma, "och", "and" ends the scan (a list); only a preposition beyond it still counts
  ("för rullstolsanvändare och synskadade").

With neither, an identity word is refused unless a work noun follows it ("diabetic patients",
"Jewish Community"); a topic word is allowed, except in a personal field or clause ("Intressen: MUF",
"... på fritiden", "Diabetesvård – personlig erfarenhet").
"""
from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from portal.services.profiles.sensitive import cues as c, patterns, vocabulary as v
from portal.services.profiles.sensitive.normalise import clauses
from portal.services.profiles.sensitive.patterns import Hit

SCAN = 8
FUZZY_MIN = 6


def _work_word(word: str) -> bool:
    return word in c.WORK or (word.endswith(c.WORK_ENDINGS) and any(
        word.endswith(e) and len(word) >= len(e) + 2 for e in c.WORK_ENDINGS))


def verdict(before: list[str], english: bool, activity_only: bool = False) -> str | None:
    """'personal', 'work', 'employer' (a preposition only) or None, from the words before a term."""
    window = [w for w in before if w not in c.SKIP][-SCAN:]
    after_stopper = after_preposition = cause = False
    for distance, word in enumerate(reversed(window), start=1):
        nearer = window[-distance + 1] if distance > 1 else ""
        if word in c.STOPPERS:
            after_stopper = True
            continue
        if word == "active" and nearer == "directory":
            continue
        if word in c.PREPOSITIONS:
            if distance < len(window) and window[-distance - 1] in c.CARE:
                cause = True  # "therapy for PTSD": the cause, not an employer
                continue
            after_preposition = True
            continue
        if word in c.ACTIVITIES or (word == "med" and nearer == "i"):
            return None if after_stopper else "personal"
        if _work_word(word):
            return None if after_stopper and not after_preposition else "work"
        pronoun = word in c.PRONOUNS or (english and word == "i")
        if not activity_only and not after_preposition and not after_stopper and (
                pronoun or (distance <= 2 and word in c.WEAK)):
            return "personal"
    return "employer" if after_preposition else "personal" if cause else None


@dataclass
class _Index:
    single: dict[str, list[v.Term]]
    phrases: dict[str, list[v.Term]]  # by first word
    heads: dict[str, list[v.Term]]  # by form: a compound may end with it
    modifiers: dict[str, list[v.Term]]  # by first word: a compound may begin with it
    fuzzy: dict[tuple[str, int], list[str]]  # forms that take typos, by first letter and length
    fuzzy_auto: dict[tuple[str, int], list[str]]  # long words without `~`: one typo
    by_form: dict[str, v.Term]  # the term of a fuzzy form
    memo: dict[str, tuple[list[v.Term], list[v.Term]]]  # words already looked up


def _build(terms: tuple[v.Term, ...]) -> _Index:
    index = _Index({}, {}, {}, {}, {}, {}, {}, {})
    for term in terms:
        if len(term.words) > 1:
            index.phrases.setdefault(term.words[0], []).append(term)
            continue
        for form in term.forms():
            index.single.setdefault(form, []).append(term)
            if term.head:
                index.heads.setdefault(form, []).append(term)
            if (term.fuzzy or term.fuzzy_auto) and len(form) >= FUZZY_MIN and form not in index.by_form:
                index.by_form[form] = term
                (index.fuzzy if term.fuzzy else index.fuzzy_auto).setdefault((form[0], len(form)), []).append(form)
        if term.modifier:
            index.modifiers.setdefault(term.words[0], []).append(term)
    for table in (index.single, index.heads, index.modifiers):
        for form, found in list(table.items()):
            if len(form) >= FUZZY_MIN and (folded := form.translate(_ASCII)) != form:
                table.setdefault(folded, found)  # file names often lack å, ä, ö: "lakarintyg_2024.pdf"
    return index


_ASCII = str.maketrans("åäöéü", "aaoeu")
_DEVICE_ENDINGS = tuple(h for h in v.WORK_HEADS if len(h) >= 5)
_CACHE: dict[int, tuple[tuple[v.Term, ...], _Index]] = {}


def _index(terms: tuple[v.Term, ...]) -> _Index:
    """The lookup tables of a vocabulary, built once per tuple (kept alive here, so its id is stable)."""
    cached = _CACHE.get(id(terms))
    if cached is None or cached[0] is not terms:
        if len(_CACHE) >= 8:
            _CACHE.pop(next(iter(_CACHE)))
        cached = _CACHE[id(terms)] = (terms, _build(terms))
    return cached[1]


def _language_ok(term: v.Term, english: bool) -> bool:
    return term.language == "any" or (term.language == "en") == english


def _word_terms(word: str, index: _Index) -> tuple[list[v.Term], list[v.Term]]:
    """(terms the word is, terms of professional compounds it is: "diabetesvård"), remembered per word."""
    if (known := index.memo.get(word)) is None:
        if len(index.memo) > 100_000:
            index.memo.clear()
        known = index.memo[word] = _look_up(word, index)
    return known


def _look_up(word: str, index: _Index) -> tuple[list[v.Term], list[v.Term]]:
    if word in index.single:
        return index.single[word], []
    found = [t for k in range(2, len(word)) for t in index.heads.get(word[k:], ())]
    work = []
    for k in range(1, len(word) - 2):
        for term in index.modifiers.get(word[:k], ()):
            rest = word[k:]
            linked = rest[1:] if rest[0] == "s" else rest
            if rest.startswith(v.WORK_HEADS) or linked.startswith(v.WORK_HEADS):
                work.append(term)
            else:
                found.append(term)
    if work:
        return [], work
    if found or len(word) < FUZZY_MIN - 1 or not word.isalpha():
        return found, []
    if word.endswith(_DEVICE_ENDINGS):
        return [], []  # "irisskanner" is a device, not a mistyped "irisskan"
    for table, cutoff in ((index.fuzzy, 1 if len(word) < 11 else 2), (index.fuzzy_auto, 1)):
        forms = [f for n in range(len(word) - cutoff, len(word) + cutoff + 1) for f in table.get((word[0], n), ())]
        if forms and (typo_of := _typo(word, forms, cutoff)) is not None:
            return [index.by_form[typo_of]], []
    return [], []


def _typo(word: str, forms: list[str], cutoff: int) -> str | None:
    """The form `word` is a typo of. A typo is inside the word: one letter more or less at the end is another
    word ("conservative" is not "conservatives", "protest" not "protes")."""
    near = process.extract(word, forms, scorer=OSA.distance, score_cutoff=cutoff, limit=4)
    typos = [form for form, _, _ in near if not (form.startswith(word) or word.startswith(form))]
    return typos[0] if typos else None


def _hits(tokens: list[str], english: bool, index: _Index) -> list[Hit]:
    hits = []
    for i, word in enumerate(tokens):
        found, work = _word_terms(word, index)
        for term in found:
            if not _language_ok(term, english):
                continue
            if term.abbreviation:
                if patterns.abbreviation_ok(tokens, i):
                    hits.append(Hit(term.kind, True, i, i + 1))
            elif not term.after_be:
                hits.append(Hit(term.kind, term.identity, i, i + 1, term.activity_only))
            elif i and tokens[i - 1] in c.BE:
                hits.append(Hit(term.kind, True, i, i + 1))
        hits.extend(Hit(t.kind, False, i, i + 1, work_compound=True) for t in work if _language_ok(t, english))
        for term in index.phrases.get(word, ()):
            n = len(term.words)
            if (tuple(tokens[i:i + n - 1]) == term.words[:-1] and tokens[i + n - 1:i + n]
                    and tokens[i + n - 1] in term.forms() and _language_ok(term, english)):
                if not term.after_be or (i and tokens[i - 1] in c.BE):
                    hits.append(Hit(term.kind, term.identity or term.after_be, i, i + n, term.activity_only,
                                    self_described=term.words[0] in ("som", "as")))
    hits.extend(patterns.structural_hits(tokens))
    return sorted(hits, key=lambda h: h.start)


def _refused(tokens: list[str], hit: Hit, english: bool, personal: bool, lived: bool,
             listed: str | None = "") -> bool:
    """Whether the hit is about the writer; `listed` is the verdict of a term it is listed with ("lithium
    and valproate"), or "" when it stands alone."""
    if hit.work_compound:
        return lived
    if tokens[hit.start - 1:hit.start] and tokens[hit.start - 1] in c.EXCLUDED_BEFORE.get(tokens[hit.start], ()):
        return False
    after = tokens[hit.end:hit.end + 2]
    if tokens[hit.start] == "faith" and after[:1] == ["in"] and after[1:] not in (["god"], ["jesus"], ["allah"]):
        return False  # "faith in agile methods"
    judged = verdict(tokens[:hit.start], english, hit.activity_only) if listed == "" else listed
    if judged == "employer" and hit.self_described:
        judged = None  # "kom till Sverige som flykting"
    if judged == "personal":
        return True
    if judged in ("work", "employer") or hit.activity_only:
        return False
    if not hit.identity:
        return personal
    following = tokens[hit.end:hit.end + 1]
    if following and following[0] not in c.PRONOUNS | c.WEAK | c.STOPPERS | {"i"}:
        following = tokens[hit.end:hit.end + 2]  # "Afro-Swedish national association"
    return not any(w in c.WORK_NOUNS or w.endswith(c.ORGANISATION_ENDINGS) for w in following)


def judge(text: str, terms: tuple[v.Term, ...]) -> str | None:
    """The kind of the first special-category disclosure in `text`, or None."""
    english, parts = clauses(text)
    index = _index(terms)
    personal_field = False
    for number, tokens in enumerate(parts):
        if number == 0 and len(parts) > 1 and patterns.is_heading(tokens, c.HEADINGS):
            personal_field = True
            continue
        personal = personal_field or patterns.clause_has(tokens, c.CLAUSE_CUES)
        lived = patterns.clause_has(tokens, c.LIVED)
        decided: dict[int, str | None] = {}  # end of a hit → its verdict, for the next item of a list
        for hit in _hits(tokens, english, index):
            listed = decided.get(hit.start - 1, "") if tokens[hit.start - 1:hit.start] in (
                ["and"], ["och"], ["or"], ["eller"], [","]) else ""
            if _refused(tokens, hit, english, personal, lived, listed):
                return hit.kind
            decided[hit.end] = listed if listed != "" else verdict(tokens[:hit.start], english, hit.activity_only)
    if patterns.same_sex_spouse([w for tokens in parts for w in tokens]):
        return "sexual_orientation"
    return None
