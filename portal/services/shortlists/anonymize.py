"""Pseudonyms for anonymous cards (R-BUY-7): "Candidate K-7Q3F".

A pseudonym is stable within one assignment and different across assignments: an HMAC of the app
secret over (assignment, consultant), so it is neither reversible nor linkable without SECRET_KEY.
What a card shows besides the pseudonym, and why, is in card_bands.py and cards.py.
"""
from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable

from flask import current_app
from flask_babel import force_locale, gettext

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


def code(consultant_id: int, assignment_id: int) -> str:
    """The pseudonym's code alone ("K-7Q3F"), stored with a pick; templates put "Candidate" around it in
    the reader's language."""
    return _code(consultant_id, assignment_id)


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
