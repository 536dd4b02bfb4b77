"""LOU (R-CON-4): the tender-response CV staff export as a PDF, with only what the consultant released.

Two yeses are needed, both in force when staff export: the consultant's yes to being named in this
assignment's tender response (tender.py) and a release of their data for this assignment (a Disclosure,
R-CON-9). The PDF is built from the release's own record (what the buyer was shown), never from the live
profile, so nothing the consultant did not release can reach it: no personal identity number, bank details,
gender, birth date or sensitive data, which a release never holds. Within a release it leaves out the
consultant's own hourly rate (the tender's price is ours to state) and referees' contact details (a public
document should not spread third parties' contact details; the buyer may ask for them). Every export is
audited as a disclosure-related access to the consultant's data.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import format_date, gettext, lazy_gettext as _l

from portal.extensions import db
from portal.models import RELEASABLE_FIELDS, Assignment, Disclosure, ShortlistEntry, User
from portal.services import DomainError, audit
from portal.services.actors import Actor
from portal.services.applications import tender
from portal.services.pdf_text import PlainDocument, plain
from portal.services.privacy import restrictions

# The PDF's built-in fonts are Latin-1 (Swedish letters included): typographic marks get their plain twins,
# anything else a "?"; control characters go, so no user text can break the document.
_PROFILE_LABELS = {"title": _l("Title"), "summary": _l("Summary"), "city": _l("City"), "region": _l("Region"),
                   "available_from": _l("Available from"), "extent": _l("Extent (percent of full time)"),
                   "remote": _l("Where the consultant works")}


@dataclass(frozen=True)
class Candidate:
    """One shortlisted consultant of a LOU assignment, as the staff page lists them."""

    entry: ShortlistEntry
    naming: str  # "in_force" | "withdrawn" | "none"
    released: tuple[str, ...]  # RELEASABLE_FIELDS released for this assignment and still in force

    @property
    def exportable(self) -> bool:
        return self.naming == "in_force" and "name" in self.released


def releases(consultant_id: int, assignment_id: int, today: date | None = None) -> list[Disclosure]:
    """The consultant's releases for this assignment that are still in force today."""
    today = today or date.today()
    found = db.session.scalars(sa.select(Disclosure).where(Disclosure.consultant_id == consultant_id,
                                                           Disclosure.assignment_id == assignment_id)
                               .order_by(Disclosure.id))
    return [d for d in found if d.in_force(today)]


def candidates(assignment: Assignment, entries: list[ShortlistEntry], today: date | None = None) -> list[Candidate]:
    """The active shortlist entries with whether each may be named and what each released (for staff)."""
    namings = tender.of_assignment(assignment)
    rows = []
    for entry in entries:
        if not entry.is_active:
            continue
        naming = namings.get(entry.consultant_id)
        state = "none" if naming is None else ("withdrawn" if naming.withdrawn_at else "in_force")
        fields = {f for d in releases(entry.consultant_id, assignment.id, today) for f in d.fields}
        rows.append(Candidate(entry, state, tuple(f for f in RELEASABLE_FIELDS if f in fields)))
    return rows


def _released(consultant: User, assignment: Assignment, today: date) -> tuple[dict, list[str], list[int]]:
    if not tender.in_force(consultant.id, assignment.id):
        raise DomainError(_l("The consultant has not said yes to being named in this tender response (or has "
                             "withdrawn it): no tender CV can be exported."))
    found = releases(consultant.id, assignment.id, today)
    content: dict = {}
    for disclosure in found:
        content.update(json.loads(disclosure.released_json))
    fields = [f for f in RELEASABLE_FIELDS if any(f in d.fields for d in found)]
    if "name" not in fields:
        raise DomainError(_l("No release of the consultant's name to this client is in force: a tender CV "
                             "names the consultant, so it needs their yes and a release first."))
    restrictions.refuse_if_restricted(consultant.id)
    if restrictions.is_restricted(consultant, "references"):
        content.pop("references", None)
    if isinstance(content.get("profile"), dict):
        content["profile"] = restrictions.without_restricted(content["profile"], consultant.id)
    return content, fields, [d.id for d in found]


def export(actor: Actor, assignment: Assignment, consultant: User, today: date | None = None) -> bytes:
    """The tender CV as PDF bytes, audited; DomainError (409) without a yes to be named or a release."""
    today = today or date.today()
    if not assignment.is_lou:
        raise DomainError(_l("This assignment is not a public procurement: there is no tender response."))
    content, fields, disclosure_ids = _released(consultant, assignment, today)
    data = to_pdf(assignment, content, today)
    audit.record(actor, "tender_cv.export", subject=consultant.id, obj=assignment,
                 detail={"fields": fields, "disclosures": disclosure_ids})
    return data


def _joined(*parts) -> str:
    return ", ".join(str(p) for p in parts if p not in (None, ""))


def _period(entry: dict) -> str:
    return " - ".join(str(x) for x in (entry.get("start"), entry.get("end")) if x)


def _listed(pdf: PlainDocument, title, values: list[str]) -> None:
    if values:
        pdf.heading(title, 11)
        pdf.items(values)


def _profile(pdf: PlainDocument, profile: dict) -> None:
    pdf.heading(_l("Profile"))
    for key, label in _PROFILE_LABELS.items():
        if profile.get(key) not in (None, ""):
            pdf.line(label, profile[key])
    _listed(pdf, _l("Skills"), [_joined(s.get("name"), s.get("level") and gettext("level %(level)s", level=s["level"]),
                                        s.get("years") and gettext("%(years)s years", years=s["years"]))
                                for s in profile.get("skills") or []])
    _listed(pdf, _l("Languages"), [_joined(x.get("name"), x.get("level")) for x in profile.get("languages") or []])
    _listed(pdf, _l("Certificates"), [_joined(c.get("name"), c.get("issuer"), c.get("year"))
                                      for c in profile.get("certificates") or []])
    if profile.get("employment"):
        pdf.heading(_l("Employment"), 11)
        for e in profile["employment"]:
            pdf.line(_joined(e.get("title"), e.get("employer")), _joined(_period(e), e.get("description")))
    _listed(pdf, _l("Education"), [_joined(e.get("degree"), e.get("school"), _period(e))
                                   for e in profile.get("education") or []])


def to_pdf(assignment: Assignment, content: dict, today: date) -> bytes:
    """The PDF of `content` (a release's record: name, email/phone, profile, references) for `assignment`."""
    title = _l("Tender response CV")
    pdf = PlainDocument(f"{plain(title)}: {plain(assignment.procurement_reference or assignment.title)}")
    pdf.set_title(plain(title))
    pdf.add_page()
    pdf.heading(content.get("name", ""), 16)
    pdf.line(_l("Assignment"), assignment.title)
    pdf.line(_l("Procurement reference"), assignment.procurement_reference)
    pdf.line(_l("Date"), format_date(today, "long"))
    if "email" in content or "phone" in content:
        pdf.heading(_l("Contact details"))
        pdf.line(_l("E-mail"), content.get("email"))
        pdf.line(_l("Phone"), content.get("phone"))
    if isinstance(content.get("profile"), dict):
        _profile(pdf, content["profile"])
    if content.get("references"):
        pdf.heading(_l("References"))
        for r in content["references"]:
            pdf.line(_joined(r.get("referee_name"), r.get("role"), r.get("company")),
                     _joined(r.get("relation"), *(r.get("statements") or [])))
    pdf.ln(4)
    pdf.set_font("Helvetica", style="I", size=8)
    pdf.multi_cell(0, 4, plain(_l("This CV holds only what the consultant released for this assignment, and is "
                                   "exported with their yes to being named in the tender response.")),
                   new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
