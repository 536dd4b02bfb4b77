"""Consultants answer the questions about them (R-CON-1, R-CON-9) in the portal or from the mail link,
and see every disclosure of their data: what, to whom, when, on which consent."""
from __future__ import annotations

from datetime import date

from flask import abort, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal import actions
from portal.consultant.views import bp
from portal.extensions import db
from portal.htmx import render
from portal.request_actor import current_actor
from portal.security import PUBLIC, allow
from portal.services import DomainError
from portal.services.matching import explanations
from portal.models import RELEASABLE_FIELDS
from portal.services.shortlists import consent_requests, disclosures, picks, showings
from portal.services.accounts.tokens import TokenError
from portal.links import external_url


def answer_link(token: str) -> str:
    """The link in the question's mail."""
    return external_url("consultant.answer_by_mail", token=token)


def _answer_value() -> bool | None:
    return {"yes": True, "no": False}.get(request.form.get("answer", ""))


def _page(status: int = 200, error: str | None = None):
    questions = consent_requests.of_consultant(current_user)
    entries = picks.of_consultant(current_user)
    locale = str(get_locale())
    why = {e.id: explanations.why_suggested(e, locale) for e in entries}
    return render("consultant/requests.html", status=status, error=error, requests=questions, why=why,
                  entries=entries, disclosures=disclosures.of_consultant(current_user),
                  showings=showings.of_consultant(current_user), field_labels=disclosures.FIELD_LABELS,
                  releasable=RELEASABLE_FIELDS, today=date.today())


@bp.route("/requests")
def requests_page():
    return _page()


@bp.route("/requests/<int:request_id>/answer", methods=["POST"])
def request_answer(request_id: int):
    question = consent_requests.for_consultant(current_user, request_id)
    if question is None:
        abort(404)
    yes = _answer_value()
    if yes is None:
        return _page(400, _("Answer yes or no."))
    return actions.run(
        lambda: consent_requests.answer(current_actor(), question, yes, via="portal",
                                        fields=request.form.getlist("fields")),
        done=_("Thank you: your answer is saved.") if yes else _("Thank you: we send nothing about you to the client."),
        to=url_for("consultant.requests_page"), refused=_page,
        status=lambda error: 422 if error.field == "fields" else 409)


@bp.route("/requests/<int:request_id>/withdraw", methods=["POST"])
def request_withdraw(request_id: int):
    """Take back a yes to meet before anything is released (R-CON-9)."""
    question = consent_requests.for_consultant(current_user, request_id)
    if question is None:
        abort(404)
    return actions.run(lambda: consent_requests.withdraw(current_actor(), question),
                       done=_("Your yes is taken back: the client sees “not available” and nothing about you is sent."),
                       to=url_for("consultant.requests_page"), refused=_page)


@bp.route("/releases/<int:disclosure_id>/stop", methods=["POST"])
def release_stop(disclosure_id: int):
    """Stop further use of what was released: the client is told to delete it (R-CON-9, R-RIGHTS-1)."""
    disclosure = disclosures.of_consultant_by_id(current_user, disclosure_id)
    if disclosure is None:
        abort(404)
    return actions.run(lambda: disclosures.end(current_actor(), disclosure),
                       done=_("The client may no longer use what was released, and we have told them to delete it."),
                       to=url_for("consultant.requests_page"), refused=_page)


@bp.route("/shortlists/<int:entry_id>/human-review", methods=["POST"])
def request_human_review(entry_id: int):
    """R-MATCH-3: ask for a person to review the matching; lands in the privacy officer's queue."""
    entry = picks.of_consultant_by_id(current_user, entry_id)
    if entry is None:
        abort(404)
    return actions.run(lambda: explanations.ask_human_review(current_actor(), current_user, entry),
                       done=_("Your request for a human review is sent to our privacy officer. You can follow it "
                              "in your privacy centre."),
                       to=url_for("consultant.requests_page"), refused=_page, status=422)


@bp.route("/answer/<token>", methods=["GET", "POST"])
@allow(PUBLIC)
def answer_by_mail(token: str):
    """The mail link: GET shows the question, POST answers it; the link works once."""
    try:
        question = consent_requests.request_from_token(token)
        if request.method == "POST":
            yes = _answer_value()
            if yes is None:
                raise DomainError(_("Answer yes or no."))
            consent_requests.answer_by_token(token, yes, request.remote_addr, fields=request.form.getlist("fields"))
            db.session.commit()
            return render("consultant/answer_by_mail.html", question=question, answered=True, error=None)
        if question.status != "pending":
            raise DomainError(_("This question is already answered or no longer open."))
    except DomainError as error:
        db.session.rollback()
        if error.field == "fields":  # the link is still good: ask again, with the reason
            return render("consultant/answer_by_mail.html", question=question, answered=False,
                          error=str(error.message), token=token, releasable=RELEASABLE_FIELDS,
                          field_labels=disclosures.FIELD_LABELS, status=422)
        return _mail_error(str(error.message))
    except TokenError as error:
        db.session.rollback()
        return _mail_error(str(error.message))
    return render("consultant/answer_by_mail.html", question=question, answered=False, error=None, token=token,
                  releasable=RELEASABLE_FIELDS, field_labels=disclosures.FIELD_LABELS)


def _mail_error(message: str):
    return render("consultant/answer_by_mail.html", question=None, answered=False, error=message, status=400)
