"""R-STAFF-1: every URL rule × every role gets exactly the access this table says.

A route that is not in EXPECTED fails the suite: whoever adds a route must classify it here.
"""
from __future__ import annotations

import pytest
from werkzeug.routing.converters import NumberConverter

from tests.conftest import sign_in
from tests import factories
from portal.extensions import db

ANON = "anonymous"
PEOPLE = ["consultant", "buyer", "supplier", "partner"]
STAFF = ["staff:admin", "staff:recruiter", "staff:privacy_officer", "staff:finance"]
EVERYONE = [ANON, *PEOPLE, *STAFF]
SIGNED_IN = [*PEOPLE, *STAFF]
ALL_STAFF = STAFF

EXPECTED: dict[str, list[str]] = {
    "static": EVERYONE,
    "public.index": EVERYONE,
    "public.privacy_policy": EVERYONE,
    "consent.settings": EVERYONE,
    "consent.decide": EVERYONE,
    "public.healthz": EVERYONE,
    "public.favicon": EVERYONE,
    "public.assignments_list": EVERYONE,
    "public.assignment": EVERYONE,
    "auth.login": EVERYONE,
    "auth.login_code": EVERYONE,
    "auth.logout": SIGNED_IN,
    "auth.register": EVERYONE,
    "auth.register_organisation": EVERYONE,
    "auth.check_mail": EVERYONE,
    "auth.resend_verification": EVERYONE,
    "auth.verify_email": EVERYONE,
    "auth.forgot_password": EVERYONE,
    "auth.reset_password": EVERYONE,
    "auth.accept_invitation": EVERYONE,
    "auth.consultant_terms": EVERYONE,
    "auth.accept_consultant_terms": SIGNED_IN,
    "auth.set_language": EVERYONE,
    "auth.claim_consultant": EVERYONE,
    "auth.account": SIGNED_IN,
    "auth.change_password": SIGNED_IN,
    "auth.change_language": SIGNED_IN,
    "auth.two_factor_start": SIGNED_IN,
    "auth.two_factor_confirm": SIGNED_IN,
    "auth.two_factor_disable": SIGNED_IN,
    "auth.login_recovery": EVERYONE,
    "auth.unlock": EVERYONE,
    "auth.recovery_codes_renew": SIGNED_IN,
    "auth.end_session": SIGNED_IN,
    "auth.end_other_sessions": SIGNED_IN,
    "staff.account_deactivate": ["staff:admin"],
    "staff.account_reactivate": ["staff:admin"],
    "consultant.index": ["consultant"],
    "consultant.ratings_page": ["consultant"],
    "consultant.profile": ["consultant"],
    "consultant.profile_section": ["consultant"],
    "consultant.save_contact": ["consultant"],
    "consultant.save_identity": ["consultant"],
    "consultant.save_payment": ["consultant"],
    "consultant.save_competence": ["consultant"],
    "consultant.save_availability": ["consultant"],
    "consultant.suggest_skills": ["consultant"],
    "consultant.add_entry": ["consultant"],
    "consultant.edit_entry": ["consultant"],
    "consultant.update_entry": ["consultant"],
    "consultant.remove_entry": ["consultant"],
    "consultant.upload_attachment": ["consultant"],
    "consultant.download_attachment": ["consultant"],
    "consultant.remove_attachment": ["consultant"],
    "consultant.start_import": ["consultant"],
    "consultant.import_preview": ["consultant"],
    "consultant.confirm_import": ["consultant"],
    "consultant.cancel_import": ["consultant"],
    "consultant.confirm_email": EVERYONE,
    "consultant.requests_page": ["consultant"],
    "consultant.request_answer": ["consultant"],
    "consultant.request_human_review": ["consultant"],
    "consultant.request_withdraw": ["consultant"],
    "consultant.release_stop": ["consultant"],
    "consultant.save_card_pitch": ["consultant"],
    "consultant.offers_page": ["consultant"],
    "consultant.offer_accept": ["consultant"],
    "consultant.offer_decline": ["consultant"],
    "consultant.apply": ["consultant"],  # issue 16: applications (R-CON-1)
    "consultant.applications": ["consultant"],
    "consultant.application_withdraw": ["consultant"],
    "consultant.time_week": ["consultant"],
    "consultant.time_day": ["consultant"],
    "consultant.time_correct": ["consultant"],
    "consultant.answer_by_mail": EVERYONE,
    "consultant.assignments": ["consultant"],  # issue 16: find assignments and saved searches (R-CON-1)
    "consultant.assignment": ["consultant"],
    "consultant.saved_searches_page": ["consultant"],
    "consultant.saved_search_create": ["consultant"],
    "consultant.saved_search_notify": ["consultant"],
    "consultant.saved_search_delete": ["consultant"],
    "consultant.saved_search_unsubscribe": EVERYONE,  # the mail's one-click link: the signed token decides
    "buyer.shortlist_meet": ["buyer"],
    "staff.shortlist": ["staff:admin", "staff:recruiter"],
    "staff.shortlist_add": ["staff:admin", "staff:recruiter"],
    "staff.ranking": ["staff:admin", "staff:recruiter"],
    "staff.ranking_pick": ["staff:admin", "staff:recruiter"],
    "staff.shortlist_remove": ["staff:admin", "staff:recruiter"],
    "staff.shortlist_approve": ["staff:admin", "staff:recruiter"],
    "staff.shortlist_ask_interest": ["staff:admin", "staff:recruiter"],
    "staff.shortlist_release": ["staff:admin", "staff:recruiter"],
    "staff.shortlist_redraft": ["staff:admin", "staff:recruiter"],
    "staff.shortlist_select": ["staff:admin", "staff:recruiter"],
    "buyer.index": ["buyer"],
    "buyer.invite_colleague": ["buyer"],
    "supplier.index": ["supplier"],
    "supplier.invite_colleague": ["supplier"],
    "partner.index": ["partner"],
    "partner.invite_colleague": ["partner"],
    "buyer.remove_colleague": ["buyer"],
    "supplier.remove_colleague": ["supplier"],
    "partner.remove_colleague": ["partner"],
    "buyer.contact_details_page": ["buyer"],
    "supplier.contact_details_page": ["supplier"],
    "partner.contact_details_page": ["partner"],
    "buyer.assignments_list": ["buyer"],
    "buyer.assignment_new": ["buyer"],
    "buyer.assignment": ["buyer"],
    "buyer.assignment_edit": ["buyer"],
    "buyer.assignment_state": ["buyer"],
    "buyer.assignment_rate": ["buyer"],
    "supplier.assignments_open": ["supplier"],
    "supplier.assignment": ["supplier"],
    "supplier.assignment_comment": ["supplier"],
    "supplier.offer_new": ["supplier"],
    "supplier.offers_list": ["supplier"],
    "supplier.offer": ["supplier"],
    "supplier.offer_withdraw": ["supplier"],
    "supplier.consultants": ["supplier"],
    "buyer.time_approvals": ["buyer"],  # issue 16: approving weeks (R-BUY-1); the object check is the service's
    "buyer.time_approval": ["buyer"],
    "supplier.time_approvals": ["supplier"],  # R-SUP-1: when the engagement says the supplier approves
    "supplier.time_approval": ["supplier"],
    "partner.partnership": ["partner"],
    "partner.document": ["partner"],
    "support.index": PEOPLE,
    "support.detail": PEOPLE,
    "support.message": PEOPLE,
    "support.close": PEOPLE,
    "privacy.index": SIGNED_IN,
    "privacy.withdraw_consent": SIGNED_IN,
    "privacy.open_request": SIGNED_IN,
    "privacy.object_to": SIGNED_IN,
    "privacy.request_detail": SIGNED_IN,
    "privacy.request_extract": SIGNED_IN,
    "privacy.download_my_data": SIGNED_IN,
    "privacy.reply": SIGNED_IN,
    "privacy.policy_seen": SIGNED_IN,
    "privacy.restriction": SIGNED_IN,
    "privacy.restrict": SIGNED_IN,
    "privacy.lift_restriction": SIGNED_IN,
    "privacy.rectification": SIGNED_IN,
    "privacy.new_dispute": SIGNED_IN,
    "privacy.open_dispute": SIGNED_IN,
    "privacy.download_zip": SIGNED_IN,
    "privacy.start_transfer": SIGNED_IN,
    "privacy.transfer_detail": SIGNED_IN,
    "privacy.extract": SIGNED_IN,
    "privacy.transfer_link": EVERYONE,
    "privacy.transfer_file": EVERYONE,
    "privacy.schema": EVERYONE,
    "privacy.ask": EVERYONE,
    "privacy.erasure_preview": SIGNED_IN,
    "privacy.erasure_confirm": SIGNED_IN,
    "privacy.erasure_done": EVERYONE,
    "privacy.erasure_receipt": EVERYONE,
    "privacy.erasure_receipt_text": EVERYONE,
    "privacy.ask_sent": EVERYONE,
    "privacy.confirm": EVERYONE,
    "public.privacy_policy_versions": EVERYONE,
    "public.privacy_policy_version": EVERYONE,
    "staff.index": ALL_STAFF,
    "staff.organisations": ["staff:admin", "staff:recruiter"],
    "staff.organisation": ["staff:admin", "staff:recruiter"],
    "staff.decide": ["staff:admin", "staff:recruiter"],
    "staff.agreement": ["staff:admin", "staff:recruiter"],
    "staff.invite": ["staff:admin", "staff:recruiter"],
    "staff.representative_end": ["staff:admin", "staff:recruiter"],
    "staff.partnership": ["staff:admin", "staff:recruiter"],
    "staff.partner_contact_add": ["staff:admin", "staff:recruiter"],
    "staff.partner_contact_remove": ["staff:admin", "staff:recruiter"],
    "staff.partner_document_add": ["staff:admin", "staff:recruiter"],
    "staff.partner_document_remove": ["staff:admin", "staff:recruiter"],
    "staff.erasure_queue": ["staff:admin", "staff:privacy_officer"],
    "staff.assignments_queue": ["staff:admin", "staff:recruiter"],
    "staff.assignment": ["staff:admin", "staff:recruiter"],
    "staff.assignment_state": ["staff:admin", "staff:recruiter"],
    "staff.application_shortlist": ["staff:admin", "staff:recruiter"],
    "staff.application_decline": ["staff:admin", "staff:recruiter"],
    "staff.offers_queue": ["staff:admin", "staff:recruiter"],
    "staff.offer": ["staff:admin", "staff:recruiter"],
    "staff.offer_state": ["staff:admin", "staff:recruiter"],
    "staff.requests_queue": ["staff:admin", "staff:recruiter"],
    "staff.service_request": ["staff:admin", "staff:recruiter"],
    "staff.request_reply": ["staff:admin", "staff:recruiter"],
    "staff.request_take": ["staff:admin", "staff:recruiter"],
    "staff.request_close": ["staff:admin", "staff:recruiter"],
    "staff.consultants": ["staff:recruiter", "staff:finance"],
    "staff.consultant": ["staff:recruiter", "staff:finance"],
    "staff.consultant_attachment": ["staff:recruiter"],
    "staff.privacy_queue": ["staff:privacy_officer"],
    "staff.privacy_request": ["staff:privacy_officer"],
    "staff.privacy_extract": ["staff:privacy_officer"],
    "staff.privacy_start": ["staff:privacy_officer"],
    "staff.privacy_assign": ["staff:privacy_officer"],
    "staff.privacy_answer": ["staff:privacy_officer"],
    "staff.privacy_message": ["staff:privacy_officer"],
    "staff.privacy_refuse": ["staff:privacy_officer"],
    "staff.privacy_extend": ["staff:privacy_officer"],
    "staff.dispute_correct": ["staff:privacy_officer"],
    "staff.dispute_reject": ["staff:privacy_officer"],
    "staff.restriction_lift": ["staff:privacy_officer"],
    "staff.privacy_erase": ["staff:privacy_officer"],
    "staff.erasure_item": ["staff:privacy_officer"],
    "staff.erasure_item_erase": ["staff:privacy_officer"],
    "staff.legal_holds_page": ["staff:privacy_officer"],
    "staff.legal_hold_place": ["staff:privacy_officer"],
    "staff.legal_hold_lift": ["staff:privacy_officer"],
    "staff.skills_page": ["staff:admin", "staff:recruiter"],
    "staff.add_skill_synonym": ["staff:admin", "staff:recruiter"],
    "staff.delete_skill_synonym": ["staff:admin", "staff:recruiter"],
    "staff.outbox": ["staff:admin"],
    "staff.outbox_mail": ["staff:admin"],
    "staff.audit_log": ["staff:admin", "staff:privacy_officer"],
    "staff.audit_verify": ["staff:admin", "staff:privacy_officer"],
    "staff.sensitive_data_statistics": ["staff:admin", "staff:privacy_officer"],
    "staff.add_sensitive_term": ["staff:admin", "staff:privacy_officer"],
    "staff.remove_sensitive_term": ["staff:admin", "staff:privacy_officer"],
    "staff.cookie_registry_list": ["staff:admin"],
    "staff.cookie_new": ["staff:admin"],
    "staff.cookie_edit": ["staff:admin"],
    "staff.cookie_delete": ["staff:admin"],
    "staff.consent_lookup": ["staff:privacy_officer"],
    "staff.campaigns_list": ["staff:admin"],
    "staff.campaign_new": ["staff:admin"],
    "staff.campaign_create": ["staff:admin"],
    "staff.campaign": ["staff:admin"],
    "staff.campaign_send": ["staff:admin"],
    "staff.campaign_handover": ["staff:admin"],
    "marketing.unsubscribe": EVERYONE,  # the signed token is the authority (RFC 8058 one-click)
    "auth.keep_account": EVERYONE,  # the signed warning link is the authority: no sign-in needed to keep it
    "auth.keep_account_confirm": EVERYONE,
    "staff.legal_hold_renew_page": ["staff:privacy_officer"],
    "staff.legal_hold_renew": ["staff:privacy_officer"],
    "staff.retention_schedule": ["staff:admin", "staff:privacy_officer"],
    "staff.retention_run_report": ["staff:admin", "staff:privacy_officer"],
    "staff.records_page": ["staff:privacy_officer"],
    "staff.records_csv": ["staff:privacy_officer"],
    "staff.records_pdf": ["staff:privacy_officer"],
    "staff.processors_list": ["staff:privacy_officer"],
    "staff.processor_new": ["staff:privacy_officer"],
    "staff.processor_edit": ["staff:privacy_officer"],
    "staff.processor_agreement": ["staff:privacy_officer"],
    "staff.adequacy_list": ["staff:privacy_officer"],
    "consultant.tender_naming": ["consultant"],  # LOU: consent to be named in a tender response (R-CON-4)
    "staff.tender_cv": ["staff:admin", "staff:recruiter"],  # who handle shortlists export the tender CV
    "marketing.choices": PEOPLE,
    "consultant.engagements": ["consultant"],
    "consultant.engagement": ["consultant"],
    "buyer.engagements": ["buyer"],
    "buyer.engagement": ["buyer"],
    "supplier.engagements": ["supplier"],
    "supplier.engagement": ["supplier"],
    "staff.engagements": ["staff:admin", "staff:recruiter", "staff:finance"],
    "staff.engagement": ["staff:admin", "staff:recruiter", "staff:finance"],
    "staff.engagement_extend": ["staff:admin", "staff:recruiter"],
    "staff.engagement_end_early": ["staff:admin", "staff:recruiter"],
    "staff.engagement_approvers": ["staff:admin", "staff:recruiter"],
    "marketing.save_choices": PEOPLE,
}

# Allowed requests may still be refused by the object-level check (another organisation, nothing to
# act on yet); what must never happen to them is the access rule's 403 or a trip to the login page.
OBJECT_LEVEL_403 = {"buyer.invite_colleague", "supplier.invite_colleague", "partner.invite_colleague"}


def _url(app, rule) -> str:
    values = {}
    for arg in rule.arguments:
        numeric = isinstance(rule._converters[arg], NumberConverter)
        values[arg] = 999999 if numeric else ("x.css" if arg == "filename" else "x")
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **values)


def _client_for(app, who: str):
    client = app.test_client()
    if who == ANON:
        return client
    role, _, staff_role = who.partition(":")
    fields = {"staff_roles": staff_role} if staff_role else {}
    user = factories.make_user(role=role, **fields)
    db.session.commit()
    sign_in(client, user)
    return client


def test_every_route_is_classified(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - EXPECTED.keys() == set(), "routes nobody classified in EXPECTED"
    assert EXPECTED.keys() - endpoints == set(), "EXPECTED names routes that no longer exist"


def test_every_route_times_every_role(app, csrf_off):
    clients = {who: _client_for(app, who) for who in EVERYONE}
    failures = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.endpoint):
        if rule.endpoint == "auth.logout":
            continue  # signs the shared client out; covered by its own test below
        url = _url(app, rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            for who in EVERYONE:
                response = clients[who].open(url, method=method)
                to_login = response.status_code in (302, 303) and "/auth/login" in response.headers.get(
                    "Location", "") and not response.headers["Location"].endswith("/auth/login/code")
                denied = response.status_code == 403 or (to_login and rule.endpoint not in ("auth.login_code", "auth.login_recovery"))
                should_allow = who in EXPECTED[rule.endpoint]
                if should_allow and denied and not (response.status_code == 403 and rule.endpoint in OBJECT_LEVEL_403):
                    failures.append(f"{method} {rule.endpoint} as {who}: denied ({response.status_code})")
                if not should_allow:
                    expected_status = (302, 303) if who == ANON else (403,)
                    if response.status_code not in expected_status or (who == ANON and not to_login):
                        failures.append(f"{method} {rule.endpoint} as {who}: got {response.status_code}, "
                                        f"expected {expected_status}")
                assert response.status_code < 500, f"{method} {url} as {who}: {response.status_code}"
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("who", SIGNED_IN)
def test_logout_signs_out_every_role(app, csrf_off, who):
    client = _client_for(app, who)
    assert client.post("/auth/logout").status_code == 303
    assert client.get("/auth/account").status_code == 303
