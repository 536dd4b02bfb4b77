"""Builds the buyer's assignment page, its content an overview in parts (issue #18, R-BUY-1), and a part's own
form: whole, or for htmx only the part that changes. A part's save keeps every other part exactly as stored."""
from __future__ import annotations

from dataclasses import dataclass

from flask import flash, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from portal.buyer.forms import AssignmentForm, RatingForm, assignment_data, assignment_form
from portal.extensions import db
from portal.forms import EmptyForm, apply_domain_error, choices, parse_id
from portal.htmx import hx_redirect, is_htmx, render
from portal.models import EDITABLE_STATES, Assignment
from portal.request_actor import current_actor
from portal.services import DomainError
from portal.services.assignments import lifecycle, ratings, requirement_stats
from portal.services.assignments.lifecycle import StaleError
from portal.services.shortlists import disclosures, picks

PAGE = "buyer/assignment.html"
PART_PAGE = "buyer/assignment_part.html"


@dataclass(frozen=True)
class Part:
    title: object  # its heading
    change: object  # what its Change link changes, for screen readers: "Change the requirements"
    save: object  # its form's button
    fields: tuple[str, ...]  # AssignmentForm's fields it shows and saves


PARTS: dict[str, Part] = {
    "details": Part(_l("The assignment"), _l("the assignment's details"), _l("Save the assignment"),
                    ("title", "role", "description", "languages", "location", "remote", "start_date", "end_date",
                     "extent", "rate_ceiling", "consultants_wanted", "answer_deadline", "contact_person_id",
                     "show_buyer")),
    "requirements": Part(_l("Requirements"), _l("the requirements"), _l("Save the requirements"),
                         ("requirements",)),
    "procurement": Part(_l("Public procurement (LOU)"), _l("the public procurement details"),
                        _l("Save the procurement details"),
                        ("procurement_reference", "framework_agreement", "call_off_type", "evaluation_model",
                         "evaluation_criteria")),
}


def part_arg(name: str) -> str | None:
    """A part named in the query (`?saved=`, `?part=`), or None for anything else."""
    value = request.args.get(name)
    return value if value in PARTS else None


def stored_form(item: Assignment) -> AssignmentForm:
    """The form showing what is saved, at the assignment's current version."""
    return assignment_form(lifecycle.data_of(item), item.version, lifecycle.contact_choices(item.organisation))


def posted_form(item: Assignment, part: str) -> AssignmentForm:
    """The stored assignment with the posted part laid over it, so the whole form validates and saves as
    today; the version (the optimistic check) is only ever the posted one."""
    def in_part(key: str) -> bool:
        return key.split("-", 1)[0] in PARTS[part].fields  # "requirements-3-text" belongs to "requirements"

    merged = MultiDict([(key, value) for key, value in _as_formdata(stored_form(item))
                        if not in_part(key) and key != "version"])
    for key, values in request.form.lists():
        if in_part(key) or key == "version":
            merged.setlist(key, values)
    return assignment_form(contacts=lifecycle.contact_choices(item.organisation), formdata=merged)


def _leaves(fields):
    for f in fields:
        if f.type in ("FieldList", "FormField"):
            yield from _leaves(f)
        else:
            yield f


def _as_formdata(form: AssignmentForm) -> list[tuple[str, str]]:
    """The form's values as a browser would post them (an unticked box is not sent)."""
    pairs = []
    for f in _leaves(form):
        if f.type == "BooleanField":
            pairs += [(f.name, "y")] if f.data else []
        else:
            pairs.append((f.name, "" if f.data is None else str(f.data)))  # a date as ISO, a number as digits
    return pairs


def refuse(form: AssignmentForm, error: DomainError) -> None:
    """Show a refusal; one about the requirements goes above the form and beside the requirement rows."""
    if error.field == "requirements":
        form.form_errors.append(error.message)
        form.requirements_message = error.message
    else:
        apply_domain_error(form, error)


def revise(item: Assignment, form: AssignmentForm) -> tuple[int, bool]:
    """Check the form and revise the assignment with it: (200, sent back to staff review?) once committed,
    else (422 or 409 for a stale version, False) with the refusal on the form."""
    if not form.validate():
        return 422, False
    was_published = item.state == "published"
    try:
        version = parse_id(form.version.data)
        lifecycle.revise(current_actor(), item, assignment_data(form), version=-1 if version is None else version)
    except DomainError as error:
        db.session.rollback()
        refuse(form, error)
        return (409 if isinstance(error, StaleError) else 422), False
    db.session.commit()
    return 200, was_published and item.state == "submitted"


def flash_saved(sent_back: bool) -> None:
    if sent_back:
        flash(_("Your changes are saved and the assignment is back with us for review; it is listed again "
                "once we publish it. Suppliers who already offered are told what changed."), "success")
    else:
        flash(_("Your changes are saved."), "success")


def context(item: Assignment, rating_form: RatingForm | None = None) -> dict:
    """What the assignment page shows: its state, shortlist, evaluation, content in parts and rating."""
    if rating_form is None:
        rating_form = RatingForm(formdata=None)
    rateable = ratings.rateable(item)
    rating_form.consultant_id.choices = choices([(0, _("The assignment as a whole")), *rateable])
    return {"assignment": item, "form": EmptyForm(), "rating_form": rating_form,
            "stats": requirement_stats.for_assignment(item), "few": requirement_stats.FEW,
            "offer_count": lifecycle.offer_counts([item.id]).get(item.id, 0),
            "transitions": lifecycle.allowed_transitions(item, "buyer"), "ratings": ratings.ratings_of(item),
            "rated_names": dict(rateable),
            "shortlist": picks.buyer_rows(item), "release_labels": disclosures.FIELD_LABELS,
            "overview": stored_form(item), "parts": PARTS, "revisable": item.state in EDITABLE_STATES,
            "fragment": is_htmx()}


def page(page_context: dict, *, status: int = 200, part: str | None = None, saved: str | None = None,
         focus: str | None = None):
    """The page, or for htmx one part of its content in its summary state."""
    return render(PAGE, block=f"part_{part}" if part else None, status=status, saved=saved,
                  focus=focus or saved, **page_context)


def part_page(item: Assignment, part: str, form: AssignmentForm | None = None, status: int = 200):
    """One part's form: a page of its own, or for htmx the part in place, opened for change. A refusal
    (422, 409) focuses the first of the part's fields in error."""
    form = form or stored_form(item)
    fields = PARTS[part].fields
    for f in form:  # a refusal about a field this part does not show is said above its form
        if f.short_name not in fields and f.errors and f.type != "FieldList":
            form.form_errors.extend(f"{f.label.text}: {message}" for message in f.errors)
    invalid = [f.id for f in _leaves(getattr(form, name) for name in fields) if f.errors]
    return render(PART_PAGE, block="part_form", status=status, assignment=item, form=form, part=part,
                  parts=PARTS, refused=status >= 400, focus_field=invalid[0] if invalid else None,
                  fragment=is_htmx())


def part_saved(item: Assignment, part: str, sent_back: bool):
    """After a commit: htmx gets the part's fresh summary in place; a browser goes back to the part
    (post/redirect/get). Sent back to review, the whole page changes, so htmx loads it too."""
    if is_htmx() and not sent_back:
        return page(context(item), part=part, saved=part)
    flash_saved(sent_back)
    return hx_redirect(url_for("buyer.assignment", assignment_id=item.id, saved=part, _anchor=f"part-{part}"))
