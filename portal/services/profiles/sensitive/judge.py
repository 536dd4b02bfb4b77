"""Whether a text says something special-category about its author (R-CON-8).

Each clause is read word by word. Where a vocabulary term occurs (exactly, inflected, inside a
compound, or with a typo), the words before it decide, nearest first, at most `SCAN` words back:

- a **personal cue** ("jag", "my", "min", "I"; "är"/"har"/"am"/"have" right before the term) or an
  **activity** ("medlem", "member", "diagnosed", "röstar", "campaigned", "aktiv", "ordförande")
  means the clause is about the person: refused;
- a **work marker** ("worked", "byggt", "system", "projekt", or a word ending in one, such as
  "larmsystem") means the term is the subject of the work: allowed;
- a **preposition** ("för", "på", "at", "for") is an employer or client ("IT-chef på Svenska kyrkan",
  "worked for a trade union"): allowed, unless an activity stands before it ("röstar på
  Miljöpartiet", "kampanjade för Vänsterpartiet", "ersättare i kommunstyrelsen för Centerpartiet");
  pronouns before a preposition do not count ("Jag är IT-arkitekt på Unionen").
- a comma, "och", "and" ends the scan (a list); only a preposition beyond it still counts
  ("för rullstolsanvändare och synskadade").

With neither, an identity word is refused unless a work noun follows it ("diabetic patients",
"Jewish Community"); a topic word is allowed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from portal.services.profiles.sensitive import vocabulary as v
from portal.services.profiles.sensitive.normalise import clauses

SCAN = 8
FUZZY_MIN = 6
PRONOUNS = frozenset("jag mig mej min mitt mina my me myself mine".split())
ACTIVITIES = frozenset(
    "diagnosed diagnostiserad diagnostiserades diagnosen lider suffer suffers suffering living lever member "
    "members medlem medlemmar membership medlemskap ansluten affiliated practising practicing praktiserande "
    "utövande devout hängiven identify identifies identifierar converted konverterade konverterat vote votes "
    "voted voting röstar röstade sympatiserar supporter anhängare active aktiv engagerad förtroendevald elected "
    "ordförande chair carrier bärare recovering återhämtar drabbad drabbades struggling struggled kämpar kämpat "
    "treated behandlas behandlades candidate kandidat kandiderade campaigned campaigning kampanjade kampanjar "
    "volunteered volunteer volontär leaflets flygblad canvassed ersättare deputy ledamot tror believe believes "
    "joined tillhör belong belongs genomgick underwent represent represents representerar företräder "
    "skyddsombud huvudskyddsombud firar observe observes fastar fasting ber activist aktivist styrelsen "
    "styrelseledamot sitter positive positivt wear wears bär".split())
WEAK = frozenset("är am is was var har have has had hade haft being blev became become m ve im got fick fått "
                 "äter går".split())
SKIP = frozenset("a an the en ett den det lite".split())
PREPOSITIONS = frozenset("for för åt at på hos till inom within about om regarding kring via through genom vid "
                         "serving".split())
WORK = frozenset(
    "customer customers kund kunder client clients worked work working works arbetat arbetar arbetade arbete "
    "jobbat jobbar jobbade built build building builds byggt bygger byggde developed develop developing "
    "utvecklat utvecklar utvecklade implemented implementerade implementerat designed designade designat "
    "delivered levererade levererat led ledde lett managed ansvarade ansvarat analysed analyzed analyserade "
    "analyserat tested testade testat migrated migrerade digitised digitized digitaliserade integrated "
    "integrerade maintained förvaltade supported configured konfigurerade modelled modellerade programmerade "
    "programmed coded kodade consulted advised trained utbildade taught undervisade audited granskade reviewed "
    "evaluated utvärderade project projects projekt system systems systemet assignment uppdrag consultant "
    "konsult employer arbetsgivare employed anställd experience erfarenhet sector sektorn sektor industry "
    "bransch branschen research forskning portal app apps appar platform plattform website webbplats webbplatsen "
    "site register registry database databas solution lösning module modul modulen tool verktyg software "
    "mjukvara product produkt run held hållit gave facilitated".split())
WORK_ENDINGS = tuple("system systemet portal portalen appen modul modulen plattform webbplats webbplatsen databas "
                     "registret projekt projektet tjänst verktyg uppdrag konsult chef ansvarig arkitekt utvecklare "
                     "tekniker förvaltare".split())
WORK_NOUNS = frozenset(
    "sector sektorn organisation organisations organization organisationer church kyrkan hospital hospitals "
    "sjukhus förbund community network nätverk patients patienter patient app system platform clinic clinics "
    "klinik care vård research forskning association förening school skola customers kunder clients users "
    "användare market marknad industry bransch branschen reporting rapportering authentication autentisering "
    "module modul project projekt registry register journal journals diocese stift login inloggning scanning "
    "scanner sensor reader sdk församlingen congress kongress council".split())
ORGANISATION_ENDINGS = tuple("organisation förening förbund församling system portal appen plattform register "
                             "kongress klinik sjukhus center centrum".split())
STOPPERS = frozenset(", and och or eller but men".split())
EXCLUDED_BEFORE = {"union": {"european", "eu"}, "unionen": {"europeiska", "eu"}, "unions": {"european"}}


@dataclass(frozen=True)
class Hit:
    kind: str
    identity: bool
    start: int
    end: int
    activity_only: bool = False


def _work_word(word: str) -> bool:
    return word in WORK or any(word.endswith(e) and len(word) >= len(e) + 2 for e in WORK_ENDINGS)


def verdict(before: list[str], english: bool, activity_only: bool = False) -> str | None:
    """'personal', 'work' or None, from the words before a term."""
    window = [w for w in before if w not in SKIP][-SCAN:]
    after_stopper = after_preposition = False
    for distance, word in enumerate(reversed(window), start=1):
        if word in STOPPERS:
            after_stopper = True
            continue
        if word == "active" and distance > 1 and window[-distance + 1] == "directory":
            continue
        if word in PREPOSITIONS:
            after_preposition = True
            continue
        if word in ACTIVITIES:
            return None if after_stopper else "personal"
        if _work_word(word):
            return None if after_stopper and not after_preposition else "work"
        pronoun = word in PRONOUNS or (english and word == "i")
        if not activity_only and not after_preposition and not after_stopper and (
                pronoun or (distance <= 2 and word in WEAK)):
            return "personal"
    return "work" if after_preposition else None


@lru_cache(maxsize=8)
def _index(terms: tuple[v.Term, ...]):
    """Lookup tables: form → terms for single words, phrases, heads, modifiers, fuzzy forms by first letter."""
    single, phrases, heads, modifiers, fuzzy = {}, [], [], [], {}
    for term in terms:
        if len(term.words) > 1:
            phrases.append(term)
            continue
        for form in term.forms():
            single.setdefault(form, []).append(term)
            if term.fuzzy and len(form) >= FUZZY_MIN:
                fuzzy.setdefault(form[0], {})[form] = term
        if term.head:
            heads.append(term)
        if term.modifier:
            modifiers.append(term)
    return single, phrases, heads, modifiers, fuzzy


def _language_ok(term: v.Term, english: bool) -> bool:
    return term.language == "any" or (term.language == "en") == english


def _word_terms(word: str, english: bool, terms: tuple[v.Term, ...]) -> list[v.Term]:
    single, _, heads, modifiers, fuzzy = _index(terms)
    if word in single:
        return single[word]
    found = [t for t in heads if any(word.endswith(f) and len(word) - len(f) >= 2 for f in t.forms())]
    for term in modifiers:
        base = term.words[0]
        rest = word[len(base):]
        if word.startswith(base) and len(rest) >= 3:
            linked = rest[1:] if rest[0] == "s" else rest
            if any(rest.startswith(h) or linked.startswith(h) for h in v.WORK_HEADS):
                return []
            found.append(term)
    if found or len(word) < FUZZY_MIN - 1 or not word.isalpha():
        return found
    candidates = fuzzy.get(word[0], {})
    best = process.extractOne(word, list(candidates), scorer=OSA.distance,
                              score_cutoff=1 if len(word) < 11 else 2)
    return [candidates[best[0]]] if best else []


_BODY_SV = re.compile(rf"^(?:{'|'.join(v.BODY_SV)})s?(?:(?P<harm>{'|'.join(v.HARM_SV)})|(?P<harmed>"
                      rf"{'|'.join(v.HARMED_SV)}))$")


def _hits(tokens: list[str], english: bool, terms: tuple[v.Term, ...]) -> list[Hit]:
    _, phrases, _, _, _ = _index(terms)
    hits = []
    for i, word in enumerate(tokens):
        for term in _word_terms(word, english, terms):
            if not _language_ok(term, english):
                continue
            if not term.after_be:
                hits.append(Hit(term.kind, term.identity, i, i + 1, term.activity_only))
            elif i and tokens[i - 1] in ("är", "am", "is", "m"):
                hits.append(Hit(term.kind, True, i, i + 1))
        if (body := _BODY_SV.match(word)) is not None:
            hits.append(Hit("health", body.group("harmed") is not None, i, i + 1))
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if word in v.BODY_EN and following in v.HARM_EN:
            hits.append(Hit("health", False, i, i + 2))
        if word in v.SURGERY_VERBS_SV and (following in v.BODY_PARTS_SV or tokens[i + 2:i + 3] in (
                [[p] for p in v.BODY_PARTS_SV])):
            hits.append(Hit("health", True, i, i + 2))
        if word in v.ETHNIC_ADJECTIVES and following in v.ORIGIN_NOUNS:
            hits.append(Hit("ethnic_origin", True, i, i + 2))
    for term in phrases:
        n = len(term.words)
        for i in range(len(tokens) - n + 1):
            if (tuple(tokens[i:i + n - 1]) == term.words[:-1] and tokens[i + n - 1] in term.forms()
                    and _language_ok(term, english)):
                hits.append(Hit(term.kind, term.identity, i, i + n, term.activity_only))
    return sorted(hits, key=lambda h: h.start)


def _refused(tokens: list[str], hit: Hit, english: bool) -> bool:
    if tokens[hit.start - 1:hit.start] and tokens[hit.start - 1] in EXCLUDED_BEFORE.get(tokens[hit.start], ()):
        return False
    after = tokens[hit.end:hit.end + 2]
    if tokens[hit.start] == "faith" and after[:1] == ["in"] and after[1:] not in (["god"], ["jesus"], ["allah"]):
        return False  # "faith in agile methods"
    judged = verdict(tokens[:hit.start], english, hit.activity_only)
    if judged == "personal":
        return True
    if not hit.identity or judged == "work":
        return False
    following = tokens[hit.end:hit.end + 1]
    if following and following[0] not in PRONOUNS | WEAK | STOPPERS | {"i"}:
        following = tokens[hit.end:hit.end + 2]  # "Afro-Swedish national association"
    return not any(w in WORK_NOUNS or w.endswith(ORGANISATION_ENDINGS) for w in following)


def judge(text: str, terms: tuple[v.Term, ...]) -> str | None:
    """The kind of the first special-category disclosure in `text`, or None."""
    english, parts = clauses(text)
    for tokens in parts:
        for hit in _hits(tokens, english, terms):
            if _refused(tokens, hit, english):
                return hit.kind
    return None
