"""The retention schedule: one rule per (data category, person kind), read from `retention_rules`.

The rows are seeded by migration a3c9e1f04b21 from the policy (seed/integritetspolicy-2019-04-15.txt,
"Hur länge sparar vi dina uppgifter?") and REQUIREMENTS.md; DEFAULTS below is the same seed, used when
the table is empty (a wiped test database) so that no text ever falls back to a second, written-out
truth. Every sentence people read about periods is built here from a rule (`plain_words`).
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import LazyString, gettext, lazy_gettext as _l, ngettext

from portal.extensions import db
from portal.models.retention import RetentionRule
from portal.services.privacy import inventory_texts as t

YEAR = 365
ANY = "any"


@dataclass(frozen=True)
class Default:
    category: str
    person_kind: str
    trigger: str
    period_days: int
    warn_days: int | None
    legal_basis: str
    source: str


# Keep in step with the migration's seed (tests/retention/test_schedule.py compares them).
DEFAULTS: tuple[Default, ...] = (
    Default("consultant_account", "consultant", "last_activity", 3 * YEAR, 30, "contract",
            "Policy 2019-04-15, Konsult: inactive accounts deleted after 3 years; R-CON-11"),
    Default("representative", "representative", "membership_or_agreement_end", 30, None, "contract_or_interest",
            "Policy 2019-04-15, Konsultköpare/Konsultleverantörer; R-BUY-6, R-SUP-6; grace of the agreement"),
    Default("partner_contact", "partner", "membership_or_agreement_end", 30, None, "interest",
            "Policy 2019-04-15, Partners; R-PAR-2; grace of the agreement"),
    Default("privacy_request", ANY, "closed", 3 * YEAR, None, "rights",
            "GDPR Art. 5(2), 12: proof that a request was handled; R-RIGHTS"),
    Default("audit_event", ANY, "recorded", 2 * YEAR, None, "log",
            "GDPR Art. 5(2), 32: the security log; R-SEC-2"),
    Default("outbox_mail", ANY, "sent", 90, None, "contract_or_interest",
            "Inventory outbox_mails: 90 days; R-BUY-2"),
    Default("security_log", ANY, "recorded", 2 * YEAR, None, "log",
            "GDPR Art. 32: records of sign-ins and security events, as the audit log; R-SEC-2"),
    Default("bookkeeping", ANY, "financial_year_end", 7 * YEAR, None, "bookkeeping",
            "Bokföringslagen (1999:1078) 7 kap. 2 §: seven years after the end of the year; R-RIGHTS-4"),
    # Seeded by migration 9f7c816c3f80 (issue 16).
    Default("application", "consultant", "assignment_closed", YEAR, None, "contract",
            "Issue 16: kept a year after the assignment closed (or the engagement from it ended), to answer "
            "questions about the choice; R-CON-1, R-CON-10"),
)

LEGAL_BASES = {
    "contract": t.CONTRACT,
    "contract_or_interest": t.CONTRACT_OR_INTEREST,
    "interest": t.INTEREST,
    "rights": t.RIGHTS_BASIS,
    "log": t.LOG_BASIS,
    "bookkeeping": t.BOOKKEEPING_BASIS,
}

PERSON_KINDS = {
    "consultant": _l("Consultants"),
    "representative": _l("Representatives of buyers and suppliers"),
    "partner": _l("Partner contacts"),
    ANY: _l("Everyone"),
}

TRIGGERS = {
    "last_activity": _l("Last sign-in or use of the account"),
    "membership_or_agreement_end": _l("The person stops representing the organisation, or its agreement ends"),
    "closed": _l("The request is closed"),
    "recorded": _l("The entry is recorded"),
    "sent": _l("The mail is sent"),
    "financial_year_end": _l("The end of the financial year"),
    "assignment_closed": _l("The assignment closes, or the engagement from it ends"),
}

CATEGORIES = {
    "consultant_account": _l("Consultant accounts"),
    "representative": _l("Representatives' accounts"),
    "partner_contact": _l("Partner contacts"),
    "privacy_request": _l("Privacy requests"),
    "audit_event": _l("Audit log"),
    "outbox_mail": _l("Mail sent by the portal"),
    "security_log": _l("Security log"),
    "bookkeeping": _l("Bookkeeping material"),
    "application": _l("Applications to assignments"),
}

# Each takes (period, warning) as words and gives the sentence, in the language of the moment it is read.
_SENTENCES = {
    "consultant_account": lambda p, w: gettext(
        "Consultant accounts that have not been used for %(period)s are deleted. %(warn)s before, we send you "
        "a mail with a link to keep your account; signing in also keeps it.", period=p, warn=w),
    "representative": lambda p, w: gettext(
        "The data of a representative of a buyer or supplier is deleted %(period)s after they stop "
        "representing the company or the company's agreement with us ends.", period=p),
    "partner_contact": lambda p, w: gettext(
        "The data of a partner contact is deleted %(period)s after they stop representing the partner or "
        "the partnership ends.", period=p),
    "privacy_request": lambda p, w: gettext(
        "Privacy requests are kept for %(period)s after they are closed, as proof that we handled them.", period=p),
    "audit_event": lambda p, w: gettext("The log of who did what with your data is kept for %(period)s.", period=p),
    "outbox_mail": lambda p, w: gettext("Mail the portal sent you is kept for %(period)s.", period=p),
    "security_log": lambda p, w: gettext("Security records of sign-ins are kept for %(period)s.", period=p),
    "bookkeeping": lambda p, w: gettext(
        "Bookkeeping material (placements and the offers behind them, engagements and their approved hours) is "
        "kept for %(period)s after the end of the financial year, as the Swedish Bookkeeping Act requires.",
        period=p),
    "application": lambda p, w: gettext(
        "Applications to assignments, with their answers, are deleted %(period)s after the assignment closes, or "
        "after the engagement that came from it ends.", period=p),
}


def _from_default(d: Default) -> RetentionRule:
    return RetentionRule(category=d.category, person_kind=d.person_kind, trigger=d.trigger,
                         period_days=d.period_days, warn_days=d.warn_days, legal_basis=d.legal_basis,
                         source=d.source)


def rules() -> list[RetentionRule]:
    """Every rule, in the schedule's order (the seed's order for the known categories)."""
    stored = list(db.session.scalars(sa.select(RetentionRule).order_by(RetentionRule.id)))
    if not stored:
        return [_from_default(d) for d in DEFAULTS]
    order = {d.category: i for i, d in enumerate(DEFAULTS)}
    return sorted(stored, key=lambda r: (order.get(r.category, len(order)), r.id or 0))


def rule(category: str, person_kind: str | None = None) -> RetentionRule:
    """The rule for a category (and person kind, when the category has several); LookupError if none."""
    found = [r for r in rules() if r.category == category
             and (person_kind is None or r.person_kind in (person_kind, ANY))]
    if person_kind is not None:
        found.sort(key=lambda r: r.person_kind == ANY)  # the specific rule before the general one
    if not found:
        raise LookupError(f"no retention rule for {category!r} / {person_kind!r}")
    return found[0]


def period_days(category: str, person_kind: str | None = None) -> int:
    return rule(category, person_kind).period_days


def duration(days: int) -> str:
    """'3 years' or '30 days' in the current language: whole years read as years."""
    if days % YEAR == 0:
        return ngettext("%(num)d year", "%(num)d years", days // YEAR)
    return ngettext("%(num)d day", "%(num)d days", days)


def _words(category: str, period: int, warn: int | None) -> str:
    sentence = _SENTENCES.get(category)
    if sentence is None:
        return gettext("Kept for %(period)s.", period=duration(period))
    return sentence(duration(period), duration(warn or 0))


def plain_words(rule: RetentionRule) -> LazyString:
    """The rule as one sentence for the person it is about; lazy, so it is rendered in the reader's
    language when used. Built from the rule's numbers only (no person's text), through plain gettext."""
    return LazyString(_words, rule.category, rule.period_days, rule.warn_days)


def label(rule: RetentionRule) -> dict:
    """The rule's keys as readable labels, for the staff page."""
    return {"category": CATEGORIES.get(rule.category, rule.category),
            "person_kind": PERSON_KINDS.get(rule.person_kind, rule.person_kind),
            "trigger": TRIGGERS.get(rule.trigger, rule.trigger),
            "legal_basis": LEGAL_BASES.get(rule.legal_basis, rule.legal_basis),
            "period": duration(rule.period_days),
            "warn": duration(rule.warn_days) if rule.warn_days else None}


def person_kind_of(role: str) -> str:
    """The schedule's person kind for an account role (staff and others: everyone's rules only)."""
    return {"consultant": "consultant", "buyer": "representative", "supplier": "representative",
            "partner": "partner"}.get(role, ANY)
