"""Redaction of free text a buyer will read (R-BUY-7, issue 5): what identifies a person goes.

Passes run in this order, because earlier ones contain material later ones would half-match (an
e-mail address holds a name, a URL holds a name and digits, a personnummer looks like a phone):

| pass | example | becomes |
| --- | --- | --- |
| e-mail, also "anna [at] x [dot] se" | anna.svensson@firma.se | [e-mail] |
| URL and domain name | linkedin.com/in/anna-s, www.x.se, https://… | [link] |
| personnummer, samordningsnummer, organisation number | 19850315-1234, 556677-8899 | [id number] |
| phone (Swedish and international) | 070-123 45 67, +46 (0)8 463 03 00 | [phone] |
| other ID-like digit runs (6+ digits, 4-4-4 groups) | 123456789 | [id number] |
| street address, box, postal code (+ the town after it) | Storgatan 3B, 116 45 Stockholm | [address] |
| employers given by the caller | Nordkod AB, "Nordkod" | [employer] |
| other company names by legal suffix | Acme Consulting, Foo GmbH | [a company] |
| the person's own names, any case, possessives | Anna, ANNA, Annas, Anna's | [name] |
| other personal names, conservatively | "Mr Smith", "Erik Lindqvist", "Andersson" | [name] |

Conservative name detection means: a capitalised given name from a list of common ones, with up to
two capitalised words after it; a capitalised word after a title (Mr, Dr, Herr, Fru …); a
capitalised "-sson" surname; a capitalised surname with a typical Swedish ending (-berg, -ström,
-qvist …) right after another capitalised word that does not start the sentence. Own names that are
also ordinary words ("Per", "Berg", "Lund") are only matched capitalised, so "per timme" survives.
Adjacent masks of one kind merge ("Anna Svensson" → one [name]). Skill names that look like
domains (ASP.NET, socket.io) are kept. No pass ever stops inside an address, number or name: each
match is replaced whole, and masks are inserted only after all passes have run.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use marks around a kind while the passes run
KINDS = ("name", "email", "phone", "link", "id", "address", "employer", "company")

_W = r"A-Za-zÀ-ÖØ-öø-ÿĀ-ž"  # letters (Latin with diacritics) for names and words
_CAP = rf"[A-ZÀ-ÖØ-ÞĀ-Ž][{_W}]+"

EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+'-]+\s*(?:@|[\[({]\s*(?:at|snabel-a)\s*[\])}])\s*[\w-]+"
    r"(?:(?:\.|\s*[\[({]\s*(?:dot|punkt)\s*[\])}]\s*)[\w-]+)+", re.IGNORECASE)
URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"]+", re.IGNORECASE)
_TLDS = "se|com|org|net|io|dev|nu|eu|uk|de|fi|no|dk|info|me|app|ai|co|tech|cloud|page|biz|invalid|example"
DOMAIN = re.compile(rf"(?<![\w@.-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+(?:{_TLDS})(?![\w-])(?:/[^\s<>\"]*)?")
_SKILL_DOMAINS = {"asp.net", "vb.net", "ado.net", "socket.io", "chart.js", "ml.net"}
PERSONAL_NUMBER = re.compile(
    r"(?<![\d\w])(?:(?:19|20)?\d{6}[-+ ]\d{4}|(?:19|20)\d{10}|[1-9]\d{9})(?![\d\w])")
PHONE = re.compile(r"(?<![\w+/])(?:\+|00|\(0\)|\(|0)(?:[\d \-/()]|\.(?=\d)){5,}\d|(?<![\w-])\d{3}[-.]\d{3}[-.]\d{4}(?!\d)")
LONG_NUMBER = re.compile(r"(?<![\d])(?:\d{4}(?:[ -]\d{4}){2,}|\d{6,})(?!\d)")
_STREET = (r"gatan|gata|vägen|väg|gränd|gränden|torget|torg|backe|backen|allé|allén|stigen|leden|kajen"
           r"|esplanaden|promenaden|platsen|stråket|slingan|ringen|street|road|avenue|lane")
ADDRESS = re.compile(
    rf"(?:(?:{_CAP}\s+){{0,2}}[{_W}]*(?:{_STREET})\s+\d{{1,4}}(?:[A-Za-z]|\s[A-Z])?(?!\w)"
    r"(?:\s*,?\s*(?:lgh|lägenhet|vån|tr)\.?\s*\d+)?"
    rf"|\b\d{{1,5}}[A-Za-z]?\s+(?:{_CAP}\s+){{1,3}}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Drive|Way|Square)\b\.?"
    r"|\b(?:Box|Postbox|Pl)\s+\d{1,6}\b)", re.UNICODE)
POSTAL_CODE = re.compile(rf"(?<![\d,.])(?:SE-?\s?)?\d{{3}} \d{{2}}(?![\d%,.]\d|\d)(?:\s+{_CAP})?"
                         rf"|\bSE-?\d{{5}}\b(?:\s+{_CAP})?")
_SUFFIX = r"AB|HB|KB|Aktiebolag|Ltd|Limited|Inc|LLC|GmbH|AG|Oy|Oyj|A/S|ASA|AS|plc|Corp|Corporation|Consulting"
COMPANY = re.compile(
    rf"(?:[A-ZÀ-ÞĀ-Ž0-9][\w&.'-]*|&)(?:\s+(?:[A-ZÀ-ÞĀ-Ž0-9][\w&.'-]*|&|och|and|of)){{0,4}}"
    rf"\s+(?:{_SUFFIX})(?::s|['’]s)?(?![\w-])")
_TITLES = r"Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Herr|Fru|Fröken"
TITLED_NAME = re.compile(rf"\b(?:{_TITLES})\.?\s+(?:[A-Z]\.\s*)?{_CAP}(?:[-\s]{_CAP})?")
SSON_NAME = re.compile(rf"(?<![\w-])[A-ZÀ-ÞĀ-Ž][{_W}]{{2,}}sson(?:s|['’]s)?(?![\w-])")
_SURNAME_END = r"sson|son|berg|ström|strom|qvist|kvist|gren|lund|holm|dahl|blad|stedt|ander|gård"
PAIRED_NAME = re.compile(rf"(?<![.!?:]\s)(?<!^)(?<![\w-]){_CAP}\s+[A-ZÀ-ÞĀ-Ž][{_W}]*(?:{_SURNAME_END})"
                         rf"(?:s|['’]s)?(?![\w-])", re.MULTILINE)
_NOT_NAMES = {"lesson", "lessons"}

GIVEN_NAMES = frozenset("""
Agnes Agnieszka Ahmed Aino Ali Alice Alva Amara Amir Anders Andreas Anna Anneli Anton Arvid Astrid Axel
Björn Camilla Carl Caroline Cecilia Charlotte Christer Christina Dan Daniel David Dmitri Dragan Ebba Elias
Elif Elin Elisabeth Ella Ellen Emil Emilia Emma Erik Eva Fatima Filip Frida Fredrik Gustav Göran Hanna
Helena Henrik Hugo Ida Ingrid Isak Jakob James Jennifer Jessica Johan Johanna Johannes John Jonas
Jonathan Josefin Juan Karin Karl Katarina Kerstin Kristina Kwame Lars Leila Leo Lena Lina Linda
Linnea Lisa Louise Lucas Lucía Magnus Maja Malin Maria Marie Martin Mats Matilda Mattias Mehmet Mei
Michael Mikael Mikko Mirela Mohammed Måns Nils Niklas Nora Ola Olga Olivia Olle Oskar Patrik Peter
Priya Rahul Rasmus Robert Sara Sarah Sebastian Simon Sofia Sofie Stefan Sven Thomas Tobias Tomas Tomasz
Ulf Ulrika Viktor Wei Wilma William Åsa Åke Örjan
""".split())
_WORD_LIKE_NAMES = frozenset("""
per mark will may bill rose june april august grace hope joy berg lund holm ek sten strand dal lind björk
gran alm ås bo vik nord sol ask dahl by hed kung vinter sommar""".split())
_GIVEN = "|".join(sorted((re.escape(n) for n in GIVEN_NAMES), key=len, reverse=True))
GIVEN_NAME = re.compile(rf"(?<![\w-])(?:{_GIVEN})(?:-{_CAP})?(?:['’]s|s)?(?:\s+(?:[A-Z]\.\s*)?{_CAP}(?:-{_CAP})?){{0,2}}(?![\w-])")

_MERGE = re.compile(rf"({_OPEN}(name|address|employer|company){_CLOSE})(?:[ \t]*[,-]?[ \t]*{_OPEN}\2{_CLOSE})+")
_INITIAL_BEFORE = re.compile(rf"\b[A-ZÀ-ÞĀ-Ž]\.\s*(?={_OPEN}name{_CLOSE})")


def _mark(kind: str) -> str:
    return f"{_OPEN}{kind}{_CLOSE}"


def _sub(pattern: re.Pattern, kind: str, text: str) -> str:
    return pattern.sub(_mark(kind), text)


def _trailing_punctuation(kind: str):
    def replace(match: re.Match) -> str:
        found = match.group(0)
        kept = found.rstrip(".,;:!?)]}'\"")
        if kind == "link" and kept.casefold() in _SKILL_DOMAINS:
            return found
        return _mark(kind) + found[len(kept):]
    return replace


def _phone(match: re.Match) -> str:
    found = match.group(0)
    digits = sum(c.isdigit() for c in found)
    return _mark("phone") if 7 <= digits <= 15 else found


def _own_name_patterns(known_names: Iterable[str]) -> list[re.Pattern]:
    forms: set[str] = set()
    for full in known_names:
        if not full or not full.strip():
            continue
        for word in full.split():
            forms.update(part for part in re.split(r"[-‐]", word) if len(part) >= 2)
            if "-" in word:
                forms.add(word)
    patterns = []
    possessive = r"(?:['’]s|['’]|:s|s)?"
    for form in sorted(forms, key=len, reverse=True):
        escaped = re.escape(form)
        if form.casefold() in _WORD_LIKE_NAMES:  # only the capitalised (or upper-case) form is a name
            capital = re.escape(form[0].upper() + form[1:].lower())
            patterns.append(re.compile(rf"(?<![\w-])(?:{capital}|{re.escape(form.upper())}){possessive}(?![\w-])"))
        else:
            patterns.append(re.compile(rf"(?<![\w-]){escaped}{possessive}(?![\w-])", re.IGNORECASE))
    return patterns


def _employer_patterns(known_employers: Iterable[str]) -> list[re.Pattern]:
    patterns = []
    for employer in sorted({e.strip() for e in known_employers if e and e.strip()}, key=len, reverse=True):
        patterns.append(re.compile(rf"(?<![\w-]){re.escape(employer)}(?::s|['’]s|s)?(?![\w-])", re.IGNORECASE))
        core = re.sub(rf"(?:\s+(?:Sverige|Sweden|Group|Nordic|&\s*Co|{_SUFFIX})\.?)+$", "", employer).strip()
        if core != employer and len(core) >= 4:  # "Nordkod AB" also as plain "Nordkod"
            patterns.append(re.compile(rf"(?<![\w-]){re.escape(core)}(?::s|['’]s|s)?(?![\w-])"))
    return patterns


def _detected_name(match: re.Match) -> str:
    found = match.group(0)
    if found.casefold() in _NOT_NAMES:
        return found
    return _mark("name")


def redact_marked(text: str, known_names: Iterable[str] = (), known_employers: Iterable[str] = ()) -> str:
    """`text` with every finding replaced by a mark of its kind (see `render`)."""
    text = EMAIL.sub(_mark("email"), text)
    text = URL.sub(_trailing_punctuation("link"), text)
    text = DOMAIN.sub(_trailing_punctuation("link"), text)
    text = _sub(PERSONAL_NUMBER, "id", text)
    text = PHONE.sub(_phone, text)
    text = _sub(LONG_NUMBER, "id", text)
    text = _sub(ADDRESS, "address", text)
    text = _sub(POSTAL_CODE, "address", text)
    for pattern in _employer_patterns(known_employers):
        text = _sub(pattern, "employer", text)
    text = _sub(COMPANY, "company", text)
    for pattern in _own_name_patterns(known_names):
        text = _sub(pattern, "name", text)
    text = _sub(TITLED_NAME, "name", text)
    text = GIVEN_NAME.sub(_detected_name, text)
    text = SSON_NAME.sub(_detected_name, text)
    text = PAIRED_NAME.sub(_detected_name, text)
    text = _INITIAL_BEFORE.sub("", text)
    return _MERGE.sub(r"\1", text)


def render(marked: str, masks: dict[str, str]) -> str:
    """Marks replaced by the mask text of their kind."""
    return re.sub(rf"{_OPEN}(\w+){_CLOSE}", lambda m: masks[m.group(1)], marked)
