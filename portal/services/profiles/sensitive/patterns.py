"""Disclosures the guard (R-CON-8) finds by the shape of a phrase rather than by one word.

- a body part joined to an injury or illness ("ryggskada", "höftledsprotes", "knee replacement");
  "opererade knät";
- losing a sense ("lost most of the sight in my left eye", "tappade hörseln");
- an abbreviation that is also a product ("MS") in a health phrase only: "har MS", "lever med MS",
  "MS-diagnos", never "MS Office", "MS SQL", "har MS-certifiering";
- ethnic origin: an ethnic word or a nationality (also mistyped: "Kurdsh") with a word of origin
  ("kurdisk bakgrund", "of Kurdish descent", "Somali by background"); "half X, half Y"; two
  nationalities describing a person ("British-Nigerian woman"); colour as identity ("som svart
  kvinna", "as a Black woman"); a family's flight or emigration ("mina föräldrar flydde från ...");
- a same-sex spouse: the writer's spouse and own stated gender are the same ("min man … jag är själv
  man"); without a stated own gender nothing is inferred.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from portal.services.profiles.sensitive import terms_health as h, terms_person as p
from portal.services.profiles.sensitive.cues import PRONOUNS, SKIP, STOPPERS, WORK_NOUNS


@dataclass(frozen=True)
class Hit:
    kind: str
    identity: bool
    start: int
    end: int
    activity_only: bool = False
    work_compound: bool = False  # a professional compound ("diabetesvård"): personal only as lived experience
    self_described: bool = False  # "som flykting", "as a refugee": a preposition before is no employer


_BODY_SV = re.compile(rf"^(?:{'|'.join(h.BODY_SV)})s?(?:(?P<harm>{'|'.join(h.HARM_SV)})|(?P<harmed>"
                      rf"{'|'.join(h.HARMED_SV)}))(?:{'|'.join(h.HARM_SV)})?$")
_NATIONALITIES = sorted(p.NATIONALITIES)
_FOLLOW_OK = frozenset("sedan since sen i in men but och and , diagnos diagnosen diagnosis som which vilket så so "
                       "för for från from med with 2 skov".split())


def _nationality(word: str) -> bool:
    if word in p.NATIONALITIES:
        return True
    if len(word) < 5 or not word.isalpha():
        return False
    return process.extractOne(word, _NATIONALITIES, scorer=OSA.distance, score_cutoff=1) is not None


def abbreviation_ok(tokens: list[str], i: int) -> bool:
    """Whether an ambiguous abbreviation at `i` is the illness: a health cue right before it or a health
    noun right after it, and no product word in the next four words."""
    after = tokens[i + 1:i + 5]
    if any(w in h.PRODUCT_WORDS for w in after):
        return False
    following = after[0] if after else ""
    if following in h.HEALTH_NOUNS_AFTER or following.startswith("diagnos"):
        return True
    if following and following not in _FOLLOW_OK and not following.isdigit():
        return False
    before = [w for w in tokens[:i] if w not in SKIP]
    return bool(before) and (before[-1] in h.HEALTH_VERBS or before[-1] in PRONOUNS
                             or tuple(before[-2:]) in h.HEALTH_PAIRS)


def _family_migrated(tokens: list[str], i: int) -> bool:
    """"mina föräldrar flydde från", "chilenska föräldrar som flydde": a possessive or nationality, family,
    a migration verb."""
    if tokens[i] not in p.FAMILY or not any(w in PRONOUNS or w in p.NATIONALITIES for w in tokens[max(0, i - 2):i]):
        return False
    verbs = tokens[i + 1:i + 4]
    return any(v in p.MIGRATED for v in verbs) and any(
        w in ("från", "from", "hit", "here", "till", "to") for w in tokens[i + 2:i + 6])


def structural_hits(tokens: list[str]) -> list[Hit]:
    hits = []
    for i, word in enumerate(tokens):
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if (body := _BODY_SV.match(word)) is not None:
            hits.append(Hit("health", body.group("harmed") is not None, i, i + 1))
        if word in h.BODY_EN and following in h.HARM_EN:
            hits.append(Hit("health", False, i, i + 2))
        if word in h.SURGERY_VERBS_SV and (following in h.BODY_PARTS_SV or tokens[i + 2:i + 3] in (
                [[part] for part in h.BODY_PARTS_SV])):
            hits.append(Hit("health", True, i, i + 2))
        if word in h.ALLERGIC and any(w in h.ALLERGENS for w in tokens[i + 1:i + 4]):
            hits.append(Hit("health", True, i, i + 2))
        if word in h.LOSS_VERBS and any(w in h.SENSES for w in tokens[i + 1:i + 6]):
            hits.append(Hit("health", True, i, i + 2))
        if word in p.ETHNIC_ADJECTIVES and following in p.ORIGIN_NOUNS:
            hits.append(Hit("ethnic_origin", True, i, i + 2))
        at = i + 1 if following not in ("by", "av", "of", "med") else i + 2
        origin, then = tokens[at:at + 1], tokens[at + 1:at + 2]
        if origin and origin[0] in p.NATIONAL_ORIGIN_NOUNS and not (then and then[0] in p.PROFESSIONAL_AFTER) and (
                _nationality(word)):
            hits.append(Hit("ethnic_origin", True, i, at + 1))  # not "svensk bakgrund inom försäkring"
        if word in p.NATIONAL_ORIGIN_NOUNS and following in ("is", "är", "was", "var") and tokens[i + 2:i + 3] and (
                _nationality(tokens[i + 2])):
            hits.append(Hit("ethnic_origin", True, i, i + 3))  # "my background is Eritrean"
        if word in p.NATIONALITIES and following in p.FAMILY_ORIGIN:
            hits.append(Hit("ethnic_origin", True, i, i + 2))  # "av chilenska föräldrar", "Iranian parents"
        if word in p.HALF and _nationality(following) and not (
                tokens[i + 2:i + 3] and (tokens[i + 2] in WORK_NOUNS or tokens[i + 2] in p.NOT_PEOPLE)):
            hits.append(Hit("ethnic_origin", True, i, i + 2))
        if word.startswith("halv") and word[4:] in p.NATIONALITIES:
            hits.append(Hit("ethnic_origin", True, i, i + 1))
        lead = [w for w in tokens[max(0, i - 2):i] if w not in SKIP][-1:]
        if word in p.NATIONALITIES and following in p.NATIONALITIES and following != word and (
                tokens[i + 2:i + 3] and tokens[i + 2] in p.PERSON_NOUNS or lead and lead[0] in p.IDENTITY_LEADS):
            hits.append(Hit("ethnic_origin", True, i, i + 2))
        if word in p.COLOURS and following in p.PERSON_NOUNS and lead and lead[0] in p.IDENTITY_LEADS:
            hits.append(Hit("ethnic_origin", True, i, i + 2))
        if _family_migrated(tokens, i):
            hits.append(Hit("ethnic_origin", True, i, i + 2))
    return hits


def same_sex_spouse(tokens: list[str]) -> bool:
    """The writer's spouse ("min man", "my wife") and own gender ("jag är själv man", "I am a woman
    myself", "som kvinna") are the same."""
    spouse = own = None
    for i, word in enumerate(tokens):
        before = [w for w in tokens[max(0, i - 4):i] if w not in SKIP]
        last = before[-1] if before else ""
        if spouse is None and (word in p.SPOUSES and last in ("min", "my", "our", "vår", "har", "have", "has")
                               or word in p.OWN_GENDER and last in ("med", "to") and before[-2:-1]
                               and before[-2] in p.MARRIED):
            spouse = p.SPOUSES.get(word) or p.OWN_GENDER[word]  # "min man", "gift med en kvinna"
            continue
        if word == "man" and last == "som":
            continue  # "som man brukar säga": "man" is "one"
        if own is None and word in p.OWN_GENDER and (last in ("själv", "också", "myself", "too") or (
                last in ("är", "am", "m", "som", "as") and any(w in ("jag", "i") for w in tokens[max(0, i - 8):i]))):
            own = p.OWN_GENDER[word]
    return spouse is not None and spouse == own


def clause_has(tokens: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    firsts = {ph[0] for ph in phrases}
    return any(tuple(tokens[i:i + len(ph)]) == ph for i, w in enumerate(tokens) if w in firsts
               for ph in phrases if ph[0] == w)


def is_heading(tokens: list[str], headings: frozenset[str]) -> bool:
    words = [w for w in tokens if w not in STOPPERS]
    return 0 < len(words) <= 3 and " ".join(words) in headings
