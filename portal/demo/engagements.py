"""Demo engagements (issue 16, R-CON-3, R-BUY-1, R-SUP-1): Klara Konsult works for Nordvik Energi (Karl Köpare
approves her weeks) on an assignment she applied to, filled the way staff fill one (pick, card, yes, release,
selection: filling makes the engagement, services/engagements/create.py; this module dates it back), and
for Skärgårdsbanken through the supplier Kodkraft, whose Lena Leverantör approves. Weeks in every state: two
approved (one with a "not working" day), one rejected with a comment, one waiting for approval, one draft.
Dates are relative to today, so the demo stays current. Called by seed.load(); idempotent."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Iterator

import sqlalchemy as sa

from portal.extensions import db
from portal.links import external_url
from portal.models import (Assignment, AssignmentRequirement, AssignmentState, Engagement, EngagementApprover,
                           EngagementChange, Organisation, Selection, SupplierConsultant, TimeEntry, TimeReport,
                           User, utcnow)
from portal.services import audit
from portal.services.actors import Actor, SYSTEM
from portal.services.shortlists import consent_requests, disclosures, picks, selections
from portal.demo import applications

TITLE = "Systemutvecklare mätdataplattform"
RATE = 1100
EXTENT = 50  # half time on each of Klara's two engagements: 4 hours a day
MINUTES = 240
WEEKS_BACK = 5
# weeks before this one → state of the report, the buyer's comment
WEEKS = {5: ("approved", ""), 4: ("approved", ""),
         3: ("rejected", "Onsdagen ser ut att ha åtta timmar för mycket; rätta och skicka igen."),
         2: ("submitted", ""), 1: ("draft", "")}
COMMENTS = {0: "Uppstart och genomgång av mätdataflödet.", 2: "Arbetsmöte hos kunden i Västerås."}


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def load(people: dict[str, User], today: date | None = None) -> Iterator[str]:
    today = today or date.today()
    recruiter, klara, buyer = people.get("rekryterare"), people.get("konsult"), people.get("kopare")
    if recruiter is None or klara is None or buyer is None or not buyer.memberships:
        return
    staff = Actor(user=recruiter)
    start = monday(today) - timedelta(weeks=WEEKS_BACK)
    selection = _nordvik_selection(staff, klara, buyer, start)
    engagement = _engagement(selection, buyer.memberships[0].organisation_id, None, [buyer], start, "buyer")
    if engagement is not None:
        _weeks(engagement, buyer, WEEKS, today)
        yield f"engagement #{engagement.id}: Klara Konsult at Nordvik Energi, weeks in every state"
    yield from _via_supplier(people, klara, today)


def _nordvik_selection(staff: Actor, klara: User, buyer: User, start: date) -> Selection:
    """A Nordvik assignment filled by the usual path: pick, approved card, the buyer asks, Klara says yes."""
    organisation = buyer.memberships[0].organisation
    assignment = db.session.scalar(sa.select(Assignment).where(Assignment.title == TITLE,
                                                               Assignment.organisation_id == organisation.id))
    if assignment is None:
        assignment = Assignment(
            organisation_id=organisation.id, created_by_id=buyer.id, contact_person_id=buyer.id, title=TITLE,
            role="Back-end developer", description="Python-utvecklare till Nordvik Energis plattform för mätdata.",
            languages="Svenska", location="Västerås", remote="hybrid", start_date=start,
            end_date=start + timedelta(weeks=26), extent=EXTENT, rate_ceiling=1200, consultants_wanted=1,
            answer_deadline=start - timedelta(days=14), show_buyer=True, state=AssignmentState.SHORTLISTING.value,
            published_at=utcnow() - timedelta(days=60))
        assignment.requirements = [AssignmentRequirement(kind="must", text="Python", position=0),
                                   AssignmentRequirement(kind="should", text="PostgreSQL", weight=3, position=1)]
        db.session.add(assignment)
        db.session.flush()
        audit.record(SYSTEM, "assignment.create", obj=assignment, detail={"demo": True, "state": assignment.state})
    found = selections.of_assignment(assignment)
    if found:
        return found[0]
    entry = picks.add(staff, assignment, klara.id, "Ansökte själv; stark i Python och mätdata.")
    picks.approve_card(staff, entry)
    # she applied herself: the engagement takes its rate from her application
    applications.application(klara, assignment, "shortlisted", RATE, "Stark i Python och mätdata.", staff.user)
    request = consent_requests.ask_to_meet(Actor(user=buyer), organisation, entry, _link)
    consent_requests.answer(Actor(user=klara), request, True, via="portal", fields=["name", "contact", "profile"])
    disclosures.release(staff, entry, reason="Kunden vill träffa henne inför start.",
                        ends_on=start + timedelta(weeks=40))
    from portal.services.engagements.create import Terms  # filling makes the engagement: at the demo's rate

    return selections.record(staff, assignment, [entry.id], "Bäst svar på kraven; kunden valde efter intervju.",
                             terms={entry.id: Terms(rate=RATE)})[0]


def _link(token: str) -> str:
    return external_url("consultant.answer_by_mail", token=token)


def _engagement(selection: Selection, buyer_id: int, supplier_id: int | None, approvers: list[User],
                start: date, kind: str) -> Engagement | None:
    """The selection's engagement (made here, or completed if filling it already made one); None once it
    has weeks, so a second load changes nothing."""
    engagement = db.session.scalar(sa.select(Engagement).where(Engagement.selection_id == selection.id))
    if engagement is not None and db.session.scalar(
            sa.select(TimeReport.id).where(TimeReport.engagement_id == engagement.id).limit(1)):
        return None
    planned_end = start + timedelta(weeks=26)
    made = engagement is None
    if made:
        engagement = Engagement(assignment_id=selection.assignment_id, selection_id=selection.id,
                                consultant_id=selection.consultant_id, buyer_organisation_id=buyer_id,
                                start_date=start, end_date=planned_end, rate=RATE, extent=EXTENT,
                                created_by_id=selection.decided_by_id)
        db.session.add(engagement)
    engagement.supplier_organisation_id, engagement.approved_by_kind = supplier_id, kind
    engagement.start_date, engagement.extent, engagement.state = start, EXTENT, "active"
    db.session.flush()
    wanted = {u.id for u in approvers}
    for approver in list(engagement.approvers):
        if approver.user_id not in wanted:
            engagement.approvers.remove(approver)
    have = {a.user_id for a in engagement.approvers}
    engagement.approvers.extend(EngagementApprover(user_id=i) for i in sorted(wanted - have))
    _changes(engagement, selection.decided_by_id, planned_end)
    db.session.flush()
    if made:  # filling usually made it, audited there
        audit.record(SYSTEM, "engagement.create", subject=engagement.consultant_id, obj=engagement,
                     detail={"demo": True})
    return engagement


def _changes(engagement: Engagement, staff_id: int | None, planned_end: date) -> None:
    """The recorded start, then an extension by eight weeks agreed with the buyer."""
    start = next((c for c in engagement.changes if c.kind == "start"), None)
    if start is None:
        start = EngagementChange(kind="start", reason="Uppdraget tillsatt.", recorded_by_id=staff_id)
        engagement.changes.append(start)
    start.old_end_date, start.new_end_date = None, planned_end
    extended = planned_end + timedelta(weeks=8)
    if not any(c.kind == "extension" for c in engagement.changes):
        engagement.changes.append(EngagementChange(
            kind="extension", old_end_date=planned_end, new_end_date=extended, recorded_by_id=staff_id,
            reason="Kunden förlänger inför nästa etapp."))
    engagement.end_date = extended


def _weeks(engagement: Engagement, approver: User, weeks: dict[int, tuple[str, str]], today: date) -> None:
    this_monday = monday(today)
    for back, (state, comment) in weeks.items():
        week = this_monday - timedelta(weeks=back)
        report = TimeReport(engagement_id=engagement.id, consultant_id=engagement.consultant_id, week_start=week,
                            state=state, created_at=_at(week, 4, 15), updated_at=_at(week, 4, 16))
        for offset in range(5):
            day = week + timedelta(days=offset)
            away = back == 4 and offset == 4  # a "not working" day: never why
            minutes = 0 if away else MINUTES + (480 if state == "rejected" and offset == 2 else 0)
            report.entries.append(TimeEntry(day=day, minutes=minutes, not_working=away,
                                            comment="" if away else COMMENTS.get(offset, "")))
        if state != "draft":
            report.submitted_at = _at(week, 4, 16)
        if state in ("approved", "rejected"):
            report.decided_at, report.decided_by_id = _at(week, 8, 9), approver.id
            report.decision_comment = comment or None
        db.session.add(report)
    db.session.flush()


def _at(week: date, day: int, hour: int) -> datetime:
    return datetime.combine(week + timedelta(days=day), time(hour))


def _via_supplier(people: dict[str, User], klara: User, today: date) -> Iterator[str]:
    """The filled Scrum master assignment: Klara came through Kodkraft (her claimed supplier consultant), so
    the supplier's representative approves her weeks (approved_by_kind "supplier")."""
    supplier = people.get("leverantor")
    filled = db.session.scalar(sa.select(Assignment).where(Assignment.state == AssignmentState.FILLED.value)
                               .order_by(Assignment.id))
    claimed = db.session.scalar(sa.select(SupplierConsultant).where(SupplierConsultant.claimed_by_user_id == klara.id)
                                .order_by(SupplierConsultant.id))
    selection = filled and next((s for s in selections.of_assignment(filled) if s.consultant_id == klara.id), None)
    if supplier is None or claimed is None or selection is None or filled.title == TITLE:
        return
    organisation = db.session.get(Organisation, claimed.organisation_id)
    start = monday(today) - timedelta(weeks=2)
    engagement = _engagement(selection, filled.organisation_id, organisation.id, [supplier], start, "supplier")
    if engagement is None:
        return
    filled.start_date = min(filled.start_date, start)  # the work began before the planned date
    _weeks(engagement, supplier, {2: ("approved", ""), 1: ("submitted", "")}, today)
    yield f"engagement #{engagement.id}: Klara Konsult at Skärgårdsbanken via {organisation.name}, supplier approves"
