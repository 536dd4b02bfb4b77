"""Where personal data may go (GDPR Art. 44–46, R-SEC-1): the EEA always; outside it only a country,
territory or organisation on the adequacy list with a decision in force, the United States only to
organisations certified under the EU-US Data Privacy Framework. Anything else is refused with the reason.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from babel import Locale
from flask_babel import format_date, get_locale, gettext as _, lazy_gettext as _l

from portal.extensions import db
from portal.models import AdequacyDecision
from portal.services import DomainError
from portal.services.records.adequacy_seed import ADEQUACY

EU = frozenset("AT BE BG HR CY CZ DK EE FI FR DE GR IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split())
EEA = EU | {"IS", "LI", "NO"}
ORGANISATIONS = {"EPO": _l("European Patent Organisation")}
# Babel's two-letter territories that are groupings or reserved codes, not places data can be kept.
_NOT_PLACES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}

SCOPES = {
    "all": _l("Every recipient in the country or territory"),
    "commercial": _l("Commercial organisations subject to PIPEDA only"),
    "private_sector": _l("Private-sector organisations covered by the national data protection law"),
    "dpf": _l("Only organisations certified under the EU-US Data Privacy Framework"),
    "organisation": _l("The international organisation itself"),
}
CERTIFIED = _l("the processor is certified under the EU-US Data Privacy Framework")


@dataclass(frozen=True)
class Basis:
    """Why a location is allowed: inside the EEA, or the decision that makes it adequate."""
    code: str
    eea: bool
    decision: AdequacyDecision | None = None

    def text(self) -> str:
        if self.eea:
            return str(_l("In the EEA: no transfer outside it"))
        words = _("Adequacy decision (GDPR Art. 45): %(decision)s of %(date)s", decision=self.decision.decision,
                   date=format_date(self.decision.decided_on, "long"))
        if self.decision.requires_certification:
            return f"{words}; {CERTIFIED}"
        return words


def country_name(code: str) -> str:
    """The place's name in the reader's language."""
    if code in ORGANISATIONS:
        return str(ORGANISATIONS[code])
    locale = get_locale() or Locale.parse("en")
    return locale.territories.get(code) or Locale.parse("en").territories.get(code) or code


def _codes(locale: Locale) -> list[str]:
    return [code for code in locale.territories if len(code) == 2 and code.isalpha() and code not in _NOT_PLACES]


def is_place(code: str) -> bool:
    return code in ORGANISATIONS or code in _codes(Locale.parse("en"))


def places() -> list[tuple[str, str]]:
    """(code, name) of every country and territory, and the organisations on the list, sorted by name."""
    locale = get_locale() or Locale.parse("en")
    found = {code: locale.territories[code] for code in _codes(locale)}
    found.update({code: str(name) for code, name in ORGANISATIONS.items()})
    return sorted(found.items(), key=lambda item: item[1])


def decisions() -> list[AdequacyDecision]:
    return list(db.session.scalars(sa.select(AdequacyDecision).order_by(AdequacyDecision.name)))


def decision_for(code: str) -> AdequacyDecision | None:
    return db.session.scalar(sa.select(AdequacyDecision).where(AdequacyDecision.code == code))


def in_force(decision: AdequacyDecision, today: date) -> bool:
    return decision.decided_on <= today and (decision.expires_on is None or today < decision.expires_on)


def check_location(code: str, *, dpf_certified: bool, today: date) -> Basis:
    """The basis for keeping data in `code`; DomainError with the reason when there is none."""
    code = (code or "").strip().upper()
    if not is_place(code):
        raise DomainError(_l("Choose the country where the processor stores and processes the data."),
                          field="country_code")
    if code in EEA:
        return Basis(code, eea=True)
    decision = decision_for(code)
    if decision is None:
        name = country_name(code)  # the reader's language is needed only to say no
        raise DomainError(_("%(country)s is outside the EEA and has no adequacy decision from the European "
                             "Commission, so personal data may not be transferred there (GDPR Art. 44–46). Choose "
                             "a processor that keeps the data in the EEA or in a country on the adequacy list.",
                             country=name), field="country_code")
    if not in_force(decision, today):
        name = country_name(code)
        raise DomainError(_("The adequacy decision for %(country)s (%(decision)s) is not in force on %(date)s, so "
                             "personal data may not be transferred there.", country=name,
                             decision=decision.decision, date=format_date(today, "long")), field="country_code")
    if decision.requires_certification and not dpf_certified:
        name = country_name(code)
        raise DomainError(_("Transfers to %(country)s are allowed only to organisations certified under the "
                             "EU-US Data Privacy Framework. Check the processor on the framework's list and tick "
                             "that it is certified, or choose another processor.", country=name),
                          field="dpf_certified")
    return Basis(code, eea=False, decision=decision)


def seed() -> int:
    """Add the adequacy list's missing rows (a wiped database, the demo); returns how many were added."""
    known = set(db.session.scalars(sa.select(AdequacyDecision.code)))
    added = 0
    for code, name, scope, decision, decided_on, expires_on, review_on, certification in ADEQUACY:
        if code not in known:
            db.session.add(AdequacyDecision(code=code, name=name, scope=scope, decision=decision,
                                            decided_on=decided_on, expires_on=expires_on, review_on=review_on,
                                            requires_certification=certification))
            added += 1
    db.session.flush()
    return added
