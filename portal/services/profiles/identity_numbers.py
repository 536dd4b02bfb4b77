"""Swedish identity and payment numbers: validate with python-stdnum, normalise, mask."""
from __future__ import annotations

import re
from datetime import date

from flask_babel import lazy_gettext as _l
from stdnum import luhn
from stdnum.exceptions import ValidationError
from stdnum.se import orgnr, personnummer

from portal.services import DomainError


def _invalid_personnummer() -> DomainError:
    return DomainError(_l("This is not a valid personnummer. Check the date and the last four digits "
                          "(YYYYMMDD-NNNN)."), field="personnummer")


def _as_birth_number(value: str) -> str:
    """A coordination number (samordningsnummer, day + 60) as the personnummer of the same date,
    for python-stdnum's date check; the checksum is checked on the number as written."""
    digits = re.sub(r"\D", "", value)
    tail = digits[-10:]
    if len(tail) == 10 and 61 <= int(tail[4:6]) <= 91:
        if not luhn.is_valid(tail):
            raise _invalid_personnummer()
        shifted = tail[:4] + f"{int(tail[4:6]) - 60:02d}" + tail[6:9]
        shifted += luhn.calc_check_digit(shifted)
        return digits[:-10] + shifted
    return value


def normalise_personnummer(value: str) -> str:
    """YYYYMMDD-NNNN; checks checksum and date (python-stdnum), accepts coordination numbers."""
    value = value.strip()
    try:
        birth_number = personnummer.validate(_as_birth_number(value))
        birth = personnummer.get_birth_date(birth_number)
    except ValidationError:
        raise _invalid_personnummer() from None
    digits = re.sub(r"\D", "", value)
    if len(digits) == 10:
        digits = f"{birth.year // 100}" + digits
    return f"{digits[:8]}-{digits[8:]}"


def birth_date_of(number: str) -> date:
    return personnummer.get_birth_date(_as_birth_number(number))


def mask_personnummer(number: str | None) -> str | None:
    return f"{number[:8]}-****" if number else None


def normalise_bankgiro(value: str) -> str:
    """NNN-NNNN or NNNN-NNNN: seven or eight digits whose last is a Luhn check digit."""
    digits = re.sub(r"[\s-]", "", value or "")
    if not digits.isdigit() or len(digits) not in (7, 8) or not luhn.is_valid(digits):
        raise DomainError(_l("This is not a valid bankgiro number: it has 7 or 8 digits and the last one is "
                             "a check digit. Check for a typing error."), field="bankgiro")
    return f"{digits[:-4]}-{digits[-4:]}"


def mask_bankgiro(number: str | None) -> str | None:
    return f"****-{number[-2:]}" if number else None


def normalise_org_number(value: str) -> str:
    try:
        return orgnr.compact(orgnr.validate(value.strip()))
    except ValidationError:
        raise DomainError(_l("This is not a valid Swedish organisation number (NNNNNN-NNNN)."),
                          field="company_org_number") from None
