"""The anonymous pitch check (R-CON-9, R-BUY-7): buyers see anonymous cards and free text reaches them only as the
pitch a consultant writes for the card, so `findings(pitch, ids)` refuses what says who the consultant is: their name
or any part of it; an employer, school or referee, whole, without legal suffix, by a distinctive word, its acronym or
a common short form ("Klarna" for Klarna Bank AB, "KTH", "LiU"), as one employer or school and a skill set narrow a
person down; their town or region and any Swedish town or county (the card shows the county; a town says more);
@handles, links, domains, e-mail addresses, phone and personal numbers, which lead straight to the person; and dates
(a year span, "since 2019", a month or season with a year), as exact dates combined with anything identify.

Matching ignores case, diacritics and invisible characters ("Kl\u200bara", "Malmo"), works on whole words and allows
a genitive ("KTHs", "KTH:s", "Klaras"). Forms that are also ordinary words ("klara", "per", "lund", "boden") count
only capitalised, or only with the diacritic that tells them from an English word ("Åre", not "are"); two-letter
acronyms only in capitals ("SU", not "su"). "Ten years" is fine.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from flask_babel import gettext

from portal.services.shortlists.regions import _COUNTY_ALIASES, _TOWNS, COUNTIES

_PRIORITY = ("email", "url", "handle", "phone", "dates", "name", "referee", "employer", "school", "town", "place")


@dataclass(frozen=True)
class Identifiers:
    names: tuple[str, ...] = ()        # the consultant's full name (split into parts inside)
    employers: tuple[str, ...] = ()    # employer names from employment history
    schools: tuple[str, ...] = ()      # school names from education
    towns: tuple[str, ...] = ()        # the consultant's city and region as typed
    referees: tuple[str, ...] = ()     # referee names and referee companies
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    kind: str     # one of: name employer school town place referee handle url email phone dates (see _SENTENCES)
    text: str     # the words of the pitch that matched (as written in the pitch)


_SUFFIXES = set("ab aktiebolag publ ltd limited inc oy oyj as asa gmbh ag hb kb group sverige sweden nordic".split())
_GENERIC = set("""
bank banken consulting consultants konsult konsulter group gruppen tech technology technologies teknik solutions
losningar systems system data digital it universitet universitetet university hogskola hogskolan tekniska teknisk
technical institute institutet institut skola skolan college school akademi akademin academy sverige sveriges sweden
swedish svenska svensk nordic norden international services service partner partners software cloud labs works design
development utveckling management security sakerhet energy energi finance finans media health network networks
telecom insurance forsakring forsakringar holding holdings invest capital industries industri global europe
scandinavia kungliga royal business economics ekonomi center centre studio innovation products analytics agency
engineering automation logistics retail testing test quality advisory ventures interactive creative mobile online
apps code cyber agile experts people talent recruitment staffing bemanning marketing sales support training education
utbildning systemutveckling research medical care bygg construction fastigheter transport travel food games music
sport new company companies corporation cars bolaget foretag firma""".split())
# Also ordinary words: counted only capitalised (or, for "åre", "ås", "hård", "bäck", only with the diacritic).
_ORDINARY = set("""
lund boden kista ale mora sala salem nacka tumba koping flen trosa heby kumla nybro mark bro bjuv are as hard back
bang lang per bo hans klara axel stig liv dag rune gun iris ester rosa saga love tim lo vi mi ask alm ek lind bjork
bjorn gran berg holm strom dal sjo strand hall sand nord vik hed falk sten will bill may june april august grace hope
joy rose frank max king young green white brown black long rut else his app tea dan frans frost kvist gren blom lilja
ros svan rask stark varg hjort stal""".split())
_TECH = set("aws gcp sql api css php sap crm erp ios ux ui qa ai ml bi it hr db pm sre dev app web js go".split())
_SMALL = set("and och of the for i vid at in pa & von af av de der van la du di da el al bin den".split())

# Swedish schools whose common short form is not the acronym of their name: "full names = short forms".
_SCHOOL_ALIASES = [(tuple(n.strip() for n in names.split(",")), tuple(short.split())) for names, short in (
    entry.split("=") for entry in """
kungliga tekniska hogskolan, royal institute of technology = KTH; chalmers = Chalmers CTH
linkopings universitet, linkoping university = LiU; lunds tekniska hogskola = LTH
lunds universitet, lund university = LU; karolinska institutet, karolinska institute = KI Karolinska
malardalens universitet, malardalen university = MDU MDH; stockholms universitet, stockholm university = SU
handelshogskolan i stockholm, stockholm school of economics = HHS SSE; uppsala universitet, uppsala university = UU
sveriges lantbruksuniversitet, swedish university of agricultural sciences = SLU; malmo universitet = MAU
blekinge tekniska hogskola, blekinge institute of technology = BTH; goteborgs universitet, university of gothenburg = GU
umea universitet, umea university = UmU; lulea tekniska universitet, lulea university of technology = LTU
linneuniversitetet, linnaeus university = LNU; orebro universitet, orebro university = ORU; karlstads universitet = KAU
mittuniversitetet, mid sweden university = MIUN; jonkoping university, hogskolan i jonkoping = JU JTH""".replace(
        "\n", ";").split(";") if entry.strip())]

_GENITIVE = r"(?::s|['’]s|['’]|s)?"
_SEP = r"[\s\-‐]+"


def _clean(text: str) -> tuple[str, list[int]]:
    """`text` NFKC without diacritics or invisible characters, and where each character came from (lower() keeps it)."""
    kept = [(part, index) for index, char in enumerate(text) if unicodedata.category(char) != "Cf"  # ZWSP, SHY…
            for part in unicodedata.normalize("NFKD", char) if not unicodedata.combining(part)]
    return "".join(part for part, _ in kept), [index for _, index in kept]


def _fold(text: str) -> str:
    return " ".join(_clean(text)[0].lower().split())


# Kind, words (cleaned, as written) and when a match counts: "any" case, "capital", "exact" case, "accent" written.
_Form = NamedTuple("_Form", [("kind", str), ("cased", str), ("mode", str)])


def _form(kind: str, words: str, acronym: bool = False) -> _Form | None:
    cased = " ".join(_clean(words)[0].split())
    folded = cased.lower()
    if len(folded) < 2:
        return None
    if acronym:
        return _Form(kind, cased, "exact" if len(folded) == 2 or folded in _ORDINARY else "any")
    if folded in _ORDINARY and any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", words)):
        return _Form(kind, cased, "accent")
    if folded in _ORDINARY or (len(folded) == 2 and " " not in folded):
        return _Form(kind, cased, "capital")
    return _Form(kind, cased, "any")


def _name_forms(kind: str, full: str, skip: frozenset[str] = frozenset()) -> list[_Form | None]:
    parts = {full, *full.split(), *(part for word in full.split() for part in re.split(r"[-‐]", word))}
    return [_form(kind, part) for part in parts if len(part) >= 2 and _fold(part) not in _SMALL | skip]


def _org_forms(kind: str, name: str) -> list[_Form | None]:
    name, words = " ".join(name.split()), name.replace("(publ)", " ").split()
    while len(words) > 1 and _fold(words[-1]).strip(".,") in _SUFFIXES | _SMALL:  # "IKEA of Sweden AB"
        words.pop()
    core = " ".join(words).rstrip(",. ")
    forms = [_form(kind, name), _form(kind, core)]
    words = re.findall(r"[^\W_]+", core)
    for word in words:
        folded = _fold(word)
        if word.isupper() and len(word) >= 2 and folded not in _GENERIC | _SUFFIXES:
            forms.append(_form(kind, word, acronym=True))  # "KTH Royal Institute of Technology"
        elif len(folded) >= 4 and folded not in _GENERIC:
            forms.append(_form(kind, word))
            if folded.endswith("s") and len(folded) >= 5 and folded[:-1] not in _GENERIC:
                forms.append(_form(kind, word[:-1]))  # "Linköpings" → "Linköping"
    initials = [w[0] for w in words if _fold(w) not in _SMALL]
    if len(initials) >= 2 and _fold("".join(initials)) not in _TECH:
        forms.append(_form(kind, "".join(initials).upper(), acronym=True))
    folded_name = _fold(name)
    for full_names, short in _SCHOOL_ALIASES:
        if any(re.search(rf"\b{re.escape(f)}\b", folded_name) for f in full_names) or folded_name in map(_fold, short):
            forms += [_form(kind, f) for f in full_names] + [_form(kind, s, acronym=True) for s in short]
    return forms


def _town_forms(town: str) -> list[_Form | None]:
    core = re.sub(r"\s+(?:län|lan|kommun|stad|county|municipality)$", "", town.strip(), flags=re.I)
    genitive = core[:-1] if core != town.strip() and core.endswith("s") else core  # "Stockholms län"
    return [_form("town", town), _form("town", core), _form("town", genitive)]


@functools.lru_cache(maxsize=4096)
def _regex(cased: str) -> re.Pattern:
    words = _SEP.join(re.escape(word) for word in re.split(_SEP, cased.lower()) if word)
    return re.compile(rf"(?<![^\W_]){words}{_GENITIVE}(?![^\W_])")


_PLACES = [form for name in {*COUNTIES, *(c.removesuffix(" län").removesuffix("s") for c in COUNTIES), *_COUNTY_ALIASES,
                              *(town.replace("_", " ") for spec in _TOWNS.values() for town in spec.split())}
           if (form := _form("place", name))]
_TLDS = "se|com|org|net|io|dev|nu|eu|uk|de|fi|no|dk|info|me|app|ai|co|tech|cloud|page|biz|xyz|online|site|blog"
_SKILL_DOMAINS = {"asp.net", "vb.net", "ado.net", "ml.net", "socket.io"}
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_MONTH = (r"jan(?:uari|uary)?|feb(?:ruari|ruary)?|mar(?:s|ch)?|apr(?:il)?|maj|may|jun[ei]?|jul[iy]?|"
          r"aug(?:usti|ust)?|sep(?:t|tember)?|o[ck]t(?:ober)?|nov(?:ember)?|dec(?:ember)?|varen|hosten|"
          r"sommaren|vintern|spring|summer|autumn|fall|winter|q[1-4]")
_STRUCTURED = (
    ("email", re.compile(r"(?<![\w.+-])[\w.+'-]+\s*(?:@|[\[(]\s*(?:at|snabel-a)\s*[\])])\s*[\w-]+"
                         r"(?:(?:\.|\s*[\[(]\s*(?:dot|punkt)\s*[\])]\s*)[\w-]+)+", re.I)),
    ("url", re.compile(r"(?:\bhttps?://|\bwww\.)[^\s<>\"]*[^\s<>\".,;:!?)\]'’]", re.I)),
    ("url", re.compile(rf"(?<![\w@.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{_TLDS})(?![\w-])"
                       r"(?:/[^\s<>\"]*[^\s<>\".,;:!?)\]'’])?", re.I)),
    ("handle", re.compile(r"(?<![\w.@+-])@[A-Za-z0-9_](?:[\w.]*\w)?")),
    ("phone", re.compile(r"(?<![\w+])(?:\+|00|\(0|0)[\d\s\-–./()]{5,}\d(?!\d)")),
    ("phone", re.compile(r"(?<![\w-])(?:19|20)?\d{6}[-+]?\d{4}(?![\w-])")),  # personal and organisation numbers
    ("dates", re.compile(r"\b(?:%s)\b" % "|".join((  # a span; since, from, until a year; a month and a year
        rf"{_YEAR}\s*(?:[-–—‐‑/]|\b(?:till|to|until|through|och|and)\b)\s*(?:{_YEAR}|\d\d|nu|now|present|idag|today)",
        rf"(?:sedan|since|fran|from|until|till|fram till|t\.?o\.?m\.?|fr\.?o\.?m\.?)\s+(?:(?:{_MONTH})\.?\s+)?{_YEAR}",
        rf"(?:{_MONTH})\.?\s+(?:of\s+)?{_YEAR}", rf"{_YEAR}[-/.](?:0?[1-9]|1[0-2])", rf"(?:0?[1-9]|1[0-2])/{_YEAR}")))),
)


def _own_phone(phone: str) -> str | None:
    digits = re.sub(r"^(?:00)?46", "", re.sub(r"\D", "", phone)).lstrip("0")
    between = r"[\s\-./()]*"
    return None if len(digits) < 6 else rf"(?:\+\s?46|0046|0)\s*(?:\(0\))?{between}" + between.join(digits) + r"(?!\d)"


def _accepted(form: _Form, cased: str, start: int, written: str) -> bool:
    if form.mode == "accent":
        return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", written))
    if form.mode == "capital":
        return cased[start].isupper()
    return form.mode == "any" or cased.startswith(form.cased, start)


def findings(pitch: str, ids: Identifiers) -> list[Finding]:
    """What in `pitch` identifies the consultant described by `ids`, in the order it is written."""
    cased, where = _clean(pitch)
    folded = cased.lower()
    spans: list[tuple[int, int, str]] = []  # in `folded`
    own = [("phone", _own_phone(p)) for p in filter(None, ids.phones)]
    own += [("email", re.escape(_fold(e))) for e in filter(None, ids.emails)]
    for kind, pattern in [*_STRUCTURED, *((kind, re.compile(p)) for kind, p in own if p)]:
        for match in pattern.finditer(folded):
            digits = sum(c.isdigit() for c in match.group(0))
            if not (kind == "url" and match.group(0) in _SKILL_DOMAINS or kind == "phone" and digits < 7):
                spans.append((*match.span(), kind))
    forms = [f for full in filter(None, ids.names) for f in _name_forms("name", full)]
    forms += [f for ref in filter(None, ids.referees)
              for f in _name_forms("referee", ref, frozenset(_SUFFIXES | _GENERIC)) + _org_forms("referee", ref)]
    forms += [f for org in filter(None, ids.employers) for f in _org_forms("employer", org)]
    forms += [f for school in filter(None, ids.schools) for f in _org_forms("school", school)]
    forms += [f for town in filter(None, ids.towns) for f in _town_forms(town)]
    for form in [*{f for f in forms if f and _fold(f.cased) not in _GENERIC}, *_PLACES]:
        for match in _regex(form.cased).finditer(folded):
            if _accepted(form, cased, match.start(), pitch[where[match.start()]:where[match.end() - 1] + 1]):
                spans.append((*match.span(), form.kind))
    chosen: list[tuple[int, int, str]] = []  # the longest match wins; of equal ones, the most specific kind
    for start, end, kind in sorted(((where[s], where[e - 1] + 1, k) for s, e, k in spans),
                                   key=lambda c: (c[0] - c[1], _PRIORITY.index(c[2]), c[0])):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, kind))
    return list(dict.fromkeys(Finding(kind, pitch[start:end]) for start, end, kind in sorted(chosen)))


_SENTENCES = {
    "name": lambda words: gettext("It names you or part of your name (%(words)s).", words=words),
    "employer": lambda words: gettext("It names an employer of yours (%(words)s).", words=words),
    "school": lambda words: gettext("It names a school you attended (%(words)s).", words=words),
    "town": lambda words: gettext("It names your town or region (%(words)s).", words=words),
    "place": lambda words: gettext("It names a place (%(words)s); the card shows your county.", words=words),
    "referee": lambda words: gettext("It names a referee or a referee's company (%(words)s).", words=words),
    "handle": lambda words: gettext("It contains a social media handle (%(words)s).", words=words),
    "url": lambda words: gettext("It contains a web address (%(words)s).", words=words),
    "email": lambda words: gettext("It contains an e-mail address (%(words)s).", words=words),
    "phone": lambda words: gettext("It contains a phone number or an ID number (%(words)s).", words=words),
    "dates": lambda words: gettext("It contains dates (%(words)s); write a number of years instead.", words=words),
}


def reasons(found: list[Finding]) -> list[str]:
    """One translated sentence per kind of finding, naming the words found; needs an app context."""
    words: dict[str, dict[str, None]] = {}  # in order, once each
    for finding in found:
        words.setdefault(finding.kind, {})["".join(c for c in finding.text if unicodedata.category(c) != "Cf")] = None
    return [_SENTENCES[kind](", ".join(words[kind])) for kind in _SENTENCES if kind in words]
