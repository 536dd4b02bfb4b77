"""Every page a person can open, per demo login: walked by the HTML and accessibility checks.

GET routes without arguments are found from the URL map; routes with arguments get real ids
from OBJECT_PAGES, so a new page is checked as soon as it exists.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask import url_for

from portal.extensions import db
from portal.models import (
    Assignment, ConsentRequest, CookieEntry, DataTransfer, ErasureQueueItem, Organisation, OutboxMail, PrivacyRequest,
    ReferenceStatement,
)
from portal.demo import seed
from portal.services.accounts import tokens

LOGINS = {  # who → demo e-mail local part
    "anonymous": None, "consultant": "konsult", "buyer": "kopare", "supplier": "leverantor",
    "partner": "partner", "staff": "admin", "buyer2": "kopare2",
}
SKIP = {"static", "public.healthz"}


def _first(model):
    return db.session.scalar(sa.select(model.id).order_by(model.id).limit(1))


def _shortlisting():
    return db.session.scalar(sa.select(Assignment.id).where(Assignment.state == "shortlisting").limit(1))


def _pending_question():
    return db.session.scalar(sa.select(ConsentRequest.id).where(ConsentRequest.status == "pending").limit(1))


def _unused_transfer():
    return db.session.scalar(sa.select(DataTransfer.id).where(DataTransfer.used_at.is_(None)).limit(1))


def object_pages() -> dict[str, list[str]]:
    """Pages that need an object id or a token, by endpoint."""
    user_id = db.session.scalar(sa.text("SELECT id FROM users ORDER BY id LIMIT 1"))
    return {
        "staff.organisation": [url_for("staff.organisation", organisation_id=_first(Organisation))],
        "staff.outbox_mail": [url_for("staff.outbox_mail", mail_id=_first(OutboxMail))],
        "auth.verify_email": [url_for("auth.verify_email", token=tokens.issue("verify_email", {"user": user_id}))],
        "auth.reset_password": [url_for("auth.reset_password", token="bad-token")],
        "staff.cookie_edit": [url_for("staff.cookie_edit", entry_id=_first(CookieEntry))],
        "privacy.request_detail": [url_for("privacy.request_detail", request_id=_first(PrivacyRequest))],
        "staff.privacy_request": [url_for("staff.privacy_request", request_id=_first(PrivacyRequest))],
        "staff.erasure_item": [url_for("staff.erasure_item", item_id=_first(ErasureQueueItem))],
        "privacy.confirm": [url_for("privacy.confirm", token=tokens.issue("privacy_request", {"request": 1}))],
        "privacy.transfer_detail": [url_for("privacy.transfer_detail", transfer_id=_first(DataTransfer))],
        "privacy.transfer_link": [url_for("privacy.transfer_link", token="bad-token"), url_for(
            "privacy.transfer_link", token=tokens.issue("data_transfer", {"transfer": _unused_transfer()}))],
        "privacy.schema": [],  # JSON, not a page: tests/privacy/test_portability.py
        "privacy.transfer_file": [],  # a ZIP download
        "public.privacy_policy_version": [url_for("public.privacy_policy_version", published="2019-04-15")],
        "staff.shortlist": [url_for("staff.shortlist", assignment_id=_shortlisting(), q="konsult")],
        "staff.ranking": [url_for("staff.ranking", assignment_id=_shortlisting())],
        "buyer.assignment": [url_for("buyer.assignment", assignment_id=_shortlisting())],
        "privacy.new_dispute": [url_for("privacy.new_dispute", kind="reference_statement", object_id=_first(
            ReferenceStatement))],
        "consultant.answer_by_mail": [
            url_for("consultant.answer_by_mail", token=tokens.issue("consent_answer", {"request": _pending_question()})),
            url_for("consultant.answer_by_mail", token="bad-token")],
    }


def urls(app) -> list[str]:
    """Every GET page, in a stable order, with real ids where a route needs one."""
    found, extra = [], object_pages()
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint in SKIP or "GET" not in rule.methods:
            continue
        if rule.arguments:
            found += extra.get(rule.endpoint, [])
        else:
            found.append(url_for(rule.endpoint))
    return found


def load_demo():
    for _ in seed.load():
        pass
    from portal.services import mail

    mail.queue(seed.demo_email("konsult"), "Demo", "reset_password", link="http://localhost/x")
    db.session.commit()
    from portal.services.matching import search

    search.rebuild()  # as `flask demo load` does: the ranking page has candidates to show


def demo_email(who: str) -> str | None:
    local = LOGINS[who]
    return seed.demo_email(local) if local else None
