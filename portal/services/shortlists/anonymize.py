"""What a buyer sees of a shortlisted consultant before the consultant has said yes (R-BUY-7, R-CON-9).

A buyer browses anonymized shortlists (R-BUY-7); a profile is disclosed only after the consultant
agrees (R-CON-9). Until then the buyer gets `anonymized_card(profile, assignment_id, locale=...)`:

| field | kept? | why |
| --- | --- | --- |
| consultant_id | removed; a pseudonym instead | the id links a person across shortlists and to other data |
| pseudonym | added: "Candidate K-7Q3F" | stable within one assignment, different across assignments, HMAC of the app secret, so not reversible and not linkable |
| name, e-mail, phone | removed | direct identifiers |
| city | removed; region (county) instead | a town narrows a person down; an unknown town gives no region rather than the town |
| photo, date of birth, age, gender, citizenship, IDs, interests, anything not listed here | removed | not needed to judge fit; age is not shown at all, not even as a band |
| title, summary | kept, redacted | needed to judge fit; free text may name the person, employers, contacts (see redaction.py) |
| skills (name, level, years), languages (name, level), certificates (name, issuer, year) | kept | the substance of fit; a certificate's issuer (e.g. "Microsoft") names no person |
| available_from, extent, hourly_rate, remote | kept | needed to judge fit |
| employment: title, description, start and end year | kept, redacted, years only | the history without its employers: employer name → "[employer]"; months dropped, because exact dates and an employer name together identify |
| education: degree, start and end year | kept, years only | the school → "[school]": in a small programme, school + degree + year identifies a person |

The city is also taken out of the free text: where the summary says "Stockholm" the buyer reads the
county ("Stockholms län") or, for an unknown town, "[location]". Every mask is in the
locale asked for, through Flask-Babel (msgids in English; the Swedish catalogue gives "[namn]",
"[e-post]", "[telefon]", "[länk]", "[id-nummer]", "[adress]", "[arbetsgivare]", "[ett företag]",
"[lärosäte]", "[ort]" and "Kandidat"). Everything here needs an app context (the secret, Babel).
"""
from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable
from datetime import date, datetime

from flask import current_app
from flask_babel import force_locale, gettext
from flask_babel import lazy_gettext as _l

from portal.services.shortlists.redaction import redact_marked, render
from portal.services.shortlists.regions import county_of

PLACEHOLDERS = {
    "name": _l("[name]"), "email": _l("[e-mail]"), "phone": _l("[phone]"), "link": _l("[link]"),
    "id": _l("[id number]"), "address": _l("[address]"), "employer": _l("[employer]"),
    "company": _l("[a company]"), "school": _l("[school]"), "location": _l("[location]"),
}
_PURPOSE = b"portal.anonymize.pseudonym.v1"
# Crockford-like: no 0/O, 1/I/L or U, so a code read aloud or retyped survives.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE_LENGTH = 4


def _key() -> bytes:
    secret = current_app.config["SECRET_KEY"]
    return hmac.new(secret.encode() if isinstance(secret, str) else secret, _PURPOSE, hashlib.sha256).digest()


def _code(consultant_id: int, assignment_id: int, attempt: int = 0) -> str:
    message = f"{assignment_id}:{consultant_id}" + (f":{attempt}" if attempt else "")
    number = int.from_bytes(hmac.new(_key(), message.encode(), hashlib.sha256).digest()[:8], "big")
    chars = []
    for _ in range(_CODE_LENGTH):
        number, index = divmod(number, len(_ALPHABET))
        chars.append(_ALPHABET[index])
    return "K-" + "".join(chars)


def _label(code: str, locale: str | None) -> str:
    if locale is None:
        return gettext("Candidate %(code)s", code=code)
    with force_locale(locale):
        return gettext("Candidate %(code)s", code=code)


def pseudonym(consultant_id: int, assignment_id: int, *, locale: str | None = None) -> str:
    """ "Candidate K-7Q3F" in `locale` (default: the request's): the same for one consultant in one assignment,
    unrelated across assignments, and not computable without SECRET_KEY. Within a shortlist use
    `pseudonyms`, which also rules out two candidates sharing a code (about 1 in 40,000 for 20)."""
    return _label(_code(consultant_id, assignment_id), locale)


def pseudonyms(consultant_ids: Iterable[int], assignment_id: int, *, locale: str | None = None) -> dict[int, str]:
    """A distinct pseudonym per consultant of one shortlist. On a clash of codes, the lower id keeps
    its code and the other gets the next attempt's code; the order of `consultant_ids` does not
    matter. Without a clash every pseudonym equals `pseudonym(id, assignment_id)`. A clash depends on
    who else is listed, so a caller that shows a shortlist over time should store each label when
    the candidate is picked rather than recompute it."""
    taken: set[str] = set()
    result: dict[int, str] = {}
    for consultant_id in sorted(set(consultant_ids)):
        attempt = 0
        code = _code(consultant_id, assignment_id)
        while code in taken:
            attempt += 1
            code = _code(consultant_id, assignment_id, attempt)
        taken.add(code)
        result[consultant_id] = _label(code, locale)
    return result


def _masks(locale: str) -> dict[str, str]:
    with force_locale(locale):
        return {kind: str(text) for kind, text in PLACEHOLDERS.items()}


def redact(text: str, *, known_names: Iterable[str] = (), known_employers: Iterable[str] = (),
           locale: str = "sv") -> str:
    """`text` with names, e-mail addresses, phone numbers, URLs, ID numbers, addresses and employers
    replaced by bracketed masks in `locale` (what and how: portal/services/shortlists/redaction.py)."""
    if not text:
        return text
    return render(redact_marked(text, known_names, known_employers), _masks(locale))


def generalise_location(city: str | None, region: str | None) -> str | None:
    """The county (län) the person is in: from `region` when it names a county (or a town in one),
    else from `city`. Never the city itself; None when neither is known to us."""
    return county_of(region) or county_of(city)


def _year(value) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, (date, datetime)):
        return value.year
    if isinstance(value, int):
        return value
    match = re.match(r"\s*(\d{4})", str(value))
    return int(match.group(1)) if match else None


def _iso(value) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if isinstance(value, (date, datetime)) else str(value)


def _without_city(text: str | None, city: str | None, county: str | None, location: str) -> str | None:
    if not text or not city or not city.strip():
        return text
    pattern = re.compile(rf"(?<![\w-]){re.escape(city.strip())}(?::s|s)?(?![\w-])", re.IGNORECASE)
    return pattern.sub(county or location, text)


def anonymized_card(profile: dict, assignment_id: int, *, locale: str) -> dict:
    """Only what the buyer may see of `profile` (a plain dict in the profile's shape); see the
    module docstring for what is kept, what is removed and why."""
    places = _masks(locale)
    names = [profile.get("name") or ""]
    employers = [job.get("employer") or "" for job in profile.get("employment") or ()]
    county = generalise_location(profile.get("city"), profile.get("region"))

    def clean(text):  # the city goes after the other passes, so that it cannot split an address
        if not text:
            return text
        marked = _without_city(redact_marked(text, names, employers), profile.get("city"), county, places["location"])
        return render(marked, places)

    return {
        "pseudonym": pseudonym(profile["consultant_id"], assignment_id, locale=locale),
        "title": clean(profile.get("title")),
        "summary": clean(profile.get("summary")),
        "region": county,
        "skills": [{"name": clean(s.get("name")), "level": s.get("level"), "years": s.get("years")}
                   for s in profile.get("skills") or ()],
        "languages": [{"name": lang.get("name"), "level": lang.get("level")} for lang in profile.get("languages") or ()],
        "certificates": [{"name": clean(c.get("name")), "issuer": clean(c.get("issuer")), "year": _year(c.get("year"))}
                         for c in profile.get("certificates") or ()],
        "employment": [{"employer": places["employer"], "title": clean(job.get("title")),
                        "description": clean(job.get("description")),
                        "start_year": _year(job.get("start")), "end_year": _year(job.get("end"))}
                       for job in profile.get("employment") or ()],
        "education": [{"school": places["school"], "degree": clean(e.get("degree")),
                       "start_year": _year(e.get("start")), "end_year": _year(e.get("end"))}
                      for e in profile.get("education") or ()],
        "available_from": _iso(profile.get("available_from")),
        "extent": profile.get("extent"),
        "hourly_rate": profile.get("hourly_rate"),
        "remote": profile.get("remote"),
    }
