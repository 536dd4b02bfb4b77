"""What erasure would delete and keep, and why (Art. 17, R-RIGHTS-4, R-CON-11, R-BUY-6, R-SUP-6, R-PAR-2).

`plan(user)` says, per category, what is deleted now and what is kept, on which ground and until
when, and whether a ground blocks the erasure altogether (an ongoing assignment, a legal hold).
Nothing is changed here: erasure.execute() carries out a fresh plan, erasure_receipt reports it.

Every key of `personal_data.collect()` has a category in TABLES, taken from the inventory
(tests/privacy/test_inventory.py and test_erasure_service.py fail when a table is not declared).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import (
    Assignment, AssignmentState, CLOSED_STATES, LegalHold, Offer, OfferState, ShortlistEntry, ShortlistState,
    SupplierConsultant, User,
)
from portal.services.privacy import inventory, privacy_requests
from portal.services.retention import schedule


def kept_until(category: str, start: date) -> date:
    """The day after a kept category's retention period (the schedule's) has run from `start`."""
    return start + timedelta(days=schedule.period_days(category) + 1)


def bookkeeping_years() -> int:
    return schedule.period_days("bookkeeping") // schedule.YEAR

CATEGORIES = {
    "account": _l("Your account: name, e-mail, phone, job title, password, two-factor key and recovery codes, "
                  "the browsers you are signed in with"),
    "profile": _l("Your consultant profile: contact, identity, payment, skills, history, references"),
    "files": _l("Files you uploaded (CV, certificates, letters)"),
    "search": _l("Your profile in our search index"),
    "memberships": _l("Your memberships of organisations and invitations"),
    "mail": _l("Mail to you waiting in or sent from our outbox"),
    "authored": _l("Your name on assignments, comments, ratings, offers and documents of your organisation"),
    "supplier_records": _l("Supplier records about you and offers of you"),
    "shortlists": _l("Shortlists, questions we asked you and what we released to clients"),
    "service_requests": _l("Your questions to us and their messages"),
    "preferences": _l("Communication preferences, objections and policy notices"),
    "consent": _l("The link between your account and your cookie choices"),
    "privacy_messages": _l("Messages in your privacy requests"),
    "rights": _l("Your restrictions, disputes of data and transfers of your data"),
    "legal_holds": _l("Lifted legal holds"),
    "privacy_requests": _l("Your privacy requests: kind, dates and state only (name, e-mail and texts removed)"),
    "security_log": _l("Security log entries: what was done when, by account number only"),
    "placements": _l("Placements you were part of: your name, the agreed rate and the dates"),
    "suppression": _l("Your no to marketing, as a keyed hash of your address only, so that we never mail you "
                      "marketing again"),
    # Issue 16 (erasure_work): applications and the work that follows.
    "applications": _l("Your applications to assignments with your answers and rate, your saved searches and "
                       "your yes to be named in tender responses"),
    "time_reports": _l("Weeks of hours never approved (drafts, submitted and rejected weeks) with their days, "
                       "and reminders about weeks"),
    "approvals": _l("Your name on engagements and weeks of hours you set up, changed, approved or rejected, and "
                    "your role as approver of consultants' hours"),
    "engagements": _l("Engagements you worked on and their approved weeks: your name, the rate, the dates and "
                      "the minutes per day; comments and “not working” marks removed"),
}
# Grounds for keeping: the policy's refusal grounds, and two the law gives for records we must keep.
KEEP_GROUNDS = {
    "bookkeeping": privacy_requests.REFUSAL_GROUNDS["bookkeeping"],
    "security_log": _l("Security log: accountability and security of processing (GDPR Art. 5(2), 32)"),
    "accountability": _l("Proof that we handled your privacy requests (GDPR Art. 5(2), 12)"),
    "objection": _l("Your objection to marketing holds only while we remember it (GDPR Art. 17(3)(b), 21(3))"),
}
BLOCKING_GROUNDS = ("ongoing_assignment", "legal_hold")

# Every table personal_data.collect() returns → the category of the plan that handles it: declared in
# the inventory (portal/services/privacy/inventory.py), with what erasure does to it and why.
TABLES = inventory.erasure_tables()


@dataclass
class Block:
    ground: str
    what: str  # the assignment's title; empty for a legal hold (its reason is for staff only)
    until: date | None = None


@dataclass
class Item:
    category: str
    count: int
    ground: str | None = None
    until: date | None = None

    @property
    def label(self):
        return CATEGORIES[self.category]

    @property
    def ground_label(self):
        return KEEP_GROUNDS.get(self.ground) if self.ground else None


@dataclass
class ErasurePlan:
    user_id: int
    today: date
    blocks: list[Block] = field(default_factory=list)
    deleted: list[Item] = field(default_factory=list)
    kept: list[Item] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return not self.blocks

    def block_labels(self) -> list[tuple]:
        return [(privacy_requests.REFUSAL_GROUNDS[b.ground], b.what, b.until) for b in self.blocks]


def year_end(day: date, years: int) -> date:
    """The last day of the year `years` after the year of `day`: when a bookkeeping record may go."""
    return date(day.year + years, 12, 31)


def placements(user: User) -> tuple[list[ShortlistEntry], list[Offer]]:
    """Shortlist picks released to a client, and offers shortlisted, on filled assignments."""
    entries = list(db.session.scalars(
        sa.select(ShortlistEntry).join(Assignment, ShortlistEntry.assignment_id == Assignment.id)
        .where(ShortlistEntry.consultant_id == user.id, ShortlistEntry.removed_at.is_(None),
               ShortlistEntry.state == ShortlistState.RELEASED.value,
               Assignment.state == AssignmentState.FILLED.value)))
    offers = list(db.session.scalars(
        sa.select(Offer).join(Assignment, Offer.assignment_id == Assignment.id)
        .where(Offer.supplier_consultant_id.in_(supplier_record_ids(user)),
               Offer.state == OfferState.SHORTLISTED.value, Assignment.state == AssignmentState.FILLED.value)))
    return entries, offers


def supplier_record_ids(user: User):
    """The ids of the supplier records that are this person: claimed by the account or under its address."""
    return sa.select(SupplierConsultant.id).where(sa.or_(SupplierConsultant.claimed_by_user_id == user.id,
                                                         SupplierConsultant.email == user.email))


def _ongoing(assignment: Assignment, today: date) -> bool:
    return assignment.end_date is None or assignment.end_date >= today


def active_holds(user: User, today: date | None = None) -> list[LegalHold]:
    """The person's legal holds in force today: each one blocks the erasure."""
    today = today or date.today()
    holds = db.session.scalars(sa.select(LegalHold).where(LegalHold.user_id == user.id).order_by(LegalHold.id))
    return [h for h in holds if h.is_active(today)]


def _says_no_to_marketing(data: dict) -> bool:
    """Whether erasure keeps the address's hash on the suppression list (marketing.remember_before_erasure)."""
    topics = ("newsletters", "events", "offers", "surveys")
    refused = any(row.get(t) is False for row in data.get("communication_preferences", []) for t in topics)
    return bool(data.get("marketing_suppressions") or data.get("marketing_objections") or refused)


def plan(user: User, today: date | None = None) -> ErasurePlan:
    """What erasure would do now; nothing is changed."""
    today = today or date.today()
    result = ErasurePlan(user_id=user.id, today=today)
    for hold in active_holds(user, today):
        result.blocks.append(Block("legal_hold", "", hold.until))
    entries, offers = placements(user)
    ended = []
    for placement in [*entries, *offers]:
        if _ongoing(placement.assignment, today):
            result.blocks.append(Block("ongoing_assignment", placement.assignment.title, placement.assignment.end_date))
        else:
            ended.append(placement.assignment.end_date)
    contact_for = db.session.scalars(sa.select(Assignment).where(Assignment.contact_person_id == user.id))
    for assignment in contact_for:
        if assignment.state not in CLOSED_STATES or (assignment.state == AssignmentState.FILLED.value
                                                    and _ongoing(assignment, today)):
            result.blocks.append(Block("ongoing_assignment", assignment.title, assignment.end_date))

    from portal.services.privacy import erasure_work, personal_data

    data = personal_data.collect(user)
    work = erasure_work.plan(user, data, today)  # applications, engagements, time reports
    result.blocks += work.blocks
    counts: dict[str, int] = dict(work.deleted)
    for table, rows in data.items():
        category = TABLES.get(table)
        if category is None:
            raise RuntimeError(f"erasure does not handle the table {table}")
        if table in ("privacy_requests", "audit_events", "users", "marketing_suppressions") or not rows \
                or table in erasure_work.TABLES:
            continue
        counts[category] = counts.get(category, 0) + len(rows)
    counts["account"] = 1
    if counts.get("profile"):
        counts["search"] = 1
    kept_placements = len(entries) + len(offers)
    if kept_placements:
        counts["shortlists"] = max(counts.get("shortlists", 0) - len(entries), 0)
        counts["supplier_records"] = max(counts.get("supplier_records", 0) - len(offers), 0)
    result.deleted = [Item(c, n) for c, n in counts.items() if n]
    result.deleted.sort(key=lambda i: list(CATEGORIES).index(i.category))
    if kept_placements:
        result.kept.append(Item("placements", kept_placements, "bookkeeping",
                                year_end(max(d or today for d in ended) if ended else today, bookkeeping_years())))
    result.kept += work.kept
    requests = data["privacy_requests"]
    if requests:
        closed = [datetime.fromisoformat(r["closed_at"]).date() for r in requests if r.get("closed_at")]
        until = kept_until("privacy_request", max(closed + [today]))
        result.kept.append(Item("privacy_requests", len(requests), "accountability", until))
    if _says_no_to_marketing(data):  # one address, however many topics it said no to
        result.kept.append(Item("suppression", 1, "objection"))
    events = data["audit_events"]
    if events:
        result.kept.append(Item("security_log", len(events), "security_log",
                                kept_until("audit_event", today)))
    return result
