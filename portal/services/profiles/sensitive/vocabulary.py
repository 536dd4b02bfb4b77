"""The guard's words (R-CON-8), Swedish and English, per special category of GDPR Art. 9.

**Identity** words label a person or name something that is almost only ever said about oneself
("diabetiker", "muslim", "sertralin", "Lynch syndrome", "röstavtryck"): alone in a profile they
describe its owner, unless the words before them are about work. **Topic** words name a subject that
is also professional vocabulary ("diabetes", "church", "union", "biometric"): they count only when the
context makes them about the person. The words themselves are in `terms_*` modules, one per group of
categories; the structural rules (body part + injury, "of Kurdish descent", "half Korean, half
Swedish", a same-sex spouse) are in `patterns`.

Notation of an entry: words separated by spaces form a phrase; the last word takes the inflection
endings of its language (Swedish: -en, -et, -er, -ar, -na, -s ...; English: -s, -es, -ed); words of
three letters or fewer take only a genitive -s ("DIK:s"). Marks: `*word` may end a compound
("bröst*cancer*", "halvtids*sjukskriven*"); `word*` may begin one ("cancer*behandling*"), unless the
rest is a work noun ("diabetes*app*", "cancer*vården*"); `~` typos within edit distance (OSA, words of
six letters or more); `!` only right after "är"/"am"/"is" ("jag är bi", "jag är same"); `^` only with
an activity word such as "medlem", "aktiv", "ordförande" (names that are also everyday words:
"Vision", "Kommunal", "LO"); `?` an abbreviation that is also a product name ("MS"), counted only
in a health phrase (see `patterns.abbreviation`); `@sv`/`@en` one language only ("god" is "good" in
Swedish).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from portal.services.profiles.sensitive import terms_beliefs, terms_health, terms_membership, terms_person
from portal.services.profiles.sensitive.normalise import words as split

SV_ENDINGS = ("", "s", "e", "en", "ens", "et", "ets", "n", "ns", "t", "a", "na", "nas", "ar", "arna", "er", "erna",
              "ernas", "or", "orna")
EN_ENDINGS = ("", "s", "es", "ed", "'s")
MODULES = (terms_health, terms_beliefs, terms_membership, terms_person)
AUTO_FUZZY = 8  # letters: a single word this long takes typos without a `~`


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    kind: str
    identity: bool
    language: str = "any"  # "sv", "en" or "any"
    head: bool = False
    modifier: bool = False
    fuzzy: bool = False
    after_be: bool = False
    activity_only: bool = False
    abbreviation: bool = False
    fuzzy_auto: bool = False  # a long word without `~`: one typo at most
    _forms: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def forms(self) -> frozenset[str]:
        """The last word with its inflection endings."""
        if self._forms:
            return self._forms
        last = self.words[-1]
        if len(last) <= 3:
            return frozenset((last, last + "s"))
        endings = {"sv": SV_ENDINGS, "en": EN_ENDINGS}.get(self.language, SV_ENDINGS + EN_ENDINGS)
        return frozenset(last + ending for ending in endings)


def parse(entry: str, kind: str, identity: bool) -> Term:
    language = "any"
    if "@" in entry:
        entry, language = entry.split("@")
    flags = {"fuzzy": "~", "after_be": "!", "activity_only": "^", "abbreviation": "?"}
    found = {name: mark in entry for name, mark in flags.items()}
    for mark in flags.values():
        entry = entry.replace(mark, "")
    head, modifier = entry.startswith("*"), entry.endswith("*")
    words = split(entry.strip("*"))
    # Long single words are mistyped as often as the marked ones ("Pingstförsamlng", "strålbehandlngen").
    found["fuzzy_auto"] = not found["fuzzy"] and len(words) == 1 and len(words[0]) >= AUTO_FUZZY and not (
        found["activity_only"])
    term = Term(words, kind, identity, language, head, modifier, **found)
    return Term(**{**term.__dict__, "_forms": term.forms()})


def _entries(table: dict[str, str]):
    for kind, entries in table.items():
        for entry in entries.split("|"):
            if entry.strip():
                yield kind, entry.strip()


def builtin() -> list[Term]:
    terms, seen = [], set()
    for module in MODULES:
        for identity, table in ((True, module.IDENTITY), (False, module.TOPIC)):
            for kind, entry in _entries(table):
                if (entry, kind) not in seen:
                    seen.add((entry, kind))
                    terms.append(parse(entry, kind, identity))
    return terms


# A compound that begins with a topic word is professional when the rest is one of these.
WORK_HEADS = tuple(
    "app vård system register registr statistik portal modul plattform forskning forskare klinik mottagning "
    "avdelning ärende inloggning labb lab förvaltning studie data databas projekt program tjänst verktyg "
    "sjuksköterska läkare specialist expert team kunskap vetare vetenskap utbildning förbund organisation "
    "förening riktlinj läkemedel screening analys teknik sensor läsare läsere skanner lösning kongress kansli råd "
    "center centrum central policy sdk igenkänning verifiering algoritm".split())
