"""Consultants answer the questions about them (R-CON-1, R-CON-9) in the portal or from the mail link,
and see every disclosure of their data: what, to whom, when, on which consent."""
from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal.consultant.views import bp
from portal.extensions import db
from portal.htmx import hx_redirect, render
from portal.request_actor import current_actor
from portal.security import PUBLIC, allow
from portal.services import DomainError
from portal.services.matching import explanations
from portal.services.shortlists import consent_requests, disclosures
from portal.services.accounts.tokens import TokenError
from portal.links import external_url


def answer_link(token: str) -> str:
    """The link in the question's mail."""
    return external_url("consultant.answer_by_mail", token=token)


def _answer_value() -> bool | None:
    return {"yes": True, "no": False}.get(request.form.get("answer", ""))


def _page(status: int = 200, error: str | None = None):
    questions = consent_requests.of_consultant(current_user)
    locale = str(get_locale())
    why = {q.id: explanations.why_suggested(q.shortlist_entry, locale) for q in questions}
    return render("consultant/requests.html", status=status, error=error, requests=questions, why=why,
                  disclosures=disclosures.of_consultant(current_user), field_labels=disclosures.FIELD_LABELS)


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
    try:
        consent_requests.answer(current_actor(), question, yes, via="portal")
    except DomainError as error:
        db.session.rollback()
        return _page(409, str(error.message))
    db.session.commit()
    flash(_("Thank you: your answer is saved.") if yes else _("Thank you: we send nothing about you to the client."),
          "success")
    return hx_redirect(url_for("consultant.requests_page"))


@bp.route("/requests/<int:request_id>/human-review", methods=["POST"])
def request_human_review(request_id: int):
    """R-MATCH-3: ask for a person to review the matching; lands in the privacy officer's queue."""
    question = consent_requests.for_consultant(current_user, request_id)
    if question is None:
        abort(404)
    try:
        explanations.ask_human_review(current_actor(), current_user, question)
    except DomainError as error:
        db.session.rollback()
        return _page(422, str(error.message))
    db.session.commit()
    flash(_("Your request for a human review is sent to our privacy officer. You can follow it in your "
            "privacy centre."), "success")
    return hx_redirect(url_for("consultant.requests_page"))


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
            consent_requests.answer_by_token(token, yes, request.remote_addr)
            db.session.commit()
            return render("consultant/answer_by_mail.html", question=question, answered=True, error=None)
        if question.status != "pending":
            raise DomainError(_("This question is already answered or no longer open."))
    except (TokenError, DomainError) as error:
        db.session.rollback()
        return render("consultant/answer_by_mail.html", question=None, answered=False, error=str(error.message),
                      status=400)
    return render("consultant/answer_by_mail.html", question=question, answered=False, error=None, token=token)
