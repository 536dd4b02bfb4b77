"""The signed one-click unsubscribe link (RFC 8058): no sign-in, once, tampered or expired → 4xx, replay harmless;
and the suppression list: a suppressed address is not mailed again after re-registration (issue 14)."""
from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import MarketingSuppression, User
from portal.services.accounts import tokens
from portal.services.actors import Actor
from portal.services.marketing import suppression
from portal.services.privacy import erasure, marketing
from tests.marketing.helpers import compose, mails_to, unsubscribe_path

EN = {"Accept-Language": "en"}


def _sent_to(login_as, make_user, **user):
    person = make_user("consultant", locale="en", **user)
    db.session.commit()
    staff = login_as("staff", staff_roles="admin")
    campaign = compose(staff)
    assert staff.post(f"/staff/campaigns/{campaign.id}/send", data={"confirm": "y"}).status_code == 303
    (mail,) = mails_to(person)
    return person, campaign, unsubscribe_path(mail), staff


def test_one_click_post_without_sign_in_or_csrf_token(app, login_as, make_user):
    person, campaign, path, _ = _sent_to(login_as, make_user)
    app.config["WTF_CSRF_ENABLED"] = True  # the real setting: only this route takes a POST without a token
    client = app.test_client()
    page = client.get(path, headers=EN)
    assert page.status_code == 200 and 'id="unsubscribe-button"' in page.get_data(as_text=True)
    assert marketing.choices(person)["events"]  # a GET changes nothing (link scanners)
    response = client.post(path, data={"List-Unsubscribe": "One-Click"}, headers=EN)
    assert response.status_code == 200 and "you are unsubscribed" in response.get_data(as_text=True)
    db.session.expire_all()
    assert marketing.choices(person) == {"newsletter": True, "events": False, "offers": True, "surveys": True}
    db.session.refresh(campaign)
    assert campaign.unsubscribed_count == 1
    assert suppression.is_suppressed(person.email.upper(), "events")  # normalised
    again = client.post(path, data={"List-Unsubscribe": "One-Click"}, headers=EN)  # replay: harmless
    assert again.status_code == 200 and "already unsubscribed" in again.get_data(as_text=True)
    assert "already unsubscribed" in client.get(path, headers=EN).get_data(as_text=True)
    db.session.refresh(campaign)
    assert campaign.unsubscribed_count == 1


def test_the_page_button_still_needs_the_csrf_token(app, login_as, make_user):
    person, _, path, _ = _sent_to(login_as, make_user)
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    assert client.post(path, data={}).status_code == 400
    assert client.post(path, data={"List-Unsubscribe": "yes"}).status_code == 400
    assert marketing.choices(person)["events"]
    other = app.test_client()
    assert other.post("/marketing/choices", data={"events": "y"}).status_code in (302, 303, 400)  # not exempt


def test_tampered_expired_and_foreign_tokens_are_4xx_with_a_page(app, login_as, make_user):
    person, _, path, _ = _sent_to(login_as, make_user)
    token = path.rsplit("/", 1)[1]
    client = app.test_client()
    tampered = f"/unsubscribe/{token[:-3]}abc"
    for url in (tampered, "/unsubscribe/x", "/unsubscribe/" + tokens.issue("verify_email", {"user": person.id})):
        for response in (client.get(url, headers=EN), client.post(url, data={"List-Unsubscribe": "One-Click"},
                                                                    headers=EN)):
            assert response.status_code == 400, url
            assert "not valid" in response.get_data(as_text=True)
    bad_topic = tokens.issue("unsubscribe", {"u": person.id, "t": "politics", "c": None})
    assert client.get(f"/unsubscribe/{bad_topic}").status_code == 400
    app.config["TOKEN_MAX_AGE"] = {**app.config["TOKEN_MAX_AGE"], "unsubscribe": -1}
    expired = client.get(path, headers=EN)
    assert expired.status_code == 400 and "expired" in expired.get_data(as_text=True)
    assert marketing.choices(person)["events"]


def test_a_suppressed_address_is_not_mailed_after_re_registration(login_as, make_user):
    person, _, path, staff = _sent_to(login_as, make_user, email="lena@example.se")
    assert staff.post(path, data={"List-Unsubscribe": "One-Click"}).status_code == 200
    receipt = erasure.execute(Actor(user=person), person)
    db.session.commit()
    assert "suppression" in [i["category"] for i in receipt["kept"]]  # the receipt says it is kept
    assert db.session.get(User, person.id).email != "lena@example.se"
    assert db.session.scalar(sa.select(sa.func.count(MarketingSuppression.id))) >= 1  # kept on purpose
    again = make_user("consultant", email="lena@example.se", locale="en")
    db.session.commit()
    assert marketing.choices(again)["events"] is False  # opt-in is blank for this topic
    campaign = compose(staff)
    assert staff.post(f"/staff/campaigns/{campaign.id}/send", data={"confirm": "y"}).status_code == 303
    assert mails_to(again) == []
    # An explicit new opt-in clears the suppression for that topic (the person's own act, signed in).
    marketing.set_choices(Actor(user=again), again, {"events": True})
    db.session.commit()
    assert not suppression.is_suppressed("lena@example.se", "events")
    campaign = compose(staff)
    staff.post(f"/staff/campaigns/{campaign.id}/send", data={"confirm": "y"})
    assert len(mails_to(again)) == 1


def test_an_objector_re_registering_gets_nothing_until_they_opt_in(make_user):
    person = make_user("buyer", email="olle@example.se")
    marketing.object_to_marketing(Actor(user=person), person)
    db.session.delete(person)
    db.session.commit()
    again = make_user("supplier", email="olle@example.se")
    db.session.commit()
    assert not any(marketing.choices(again).values())
    assert not marketing.may_send_marketing(again, "newsletter")
    marketing.set_choices(Actor(user=again), again, {"newsletter": True})
    db.session.commit()
    assert marketing.choices(again) == {"newsletter": True, "events": False, "offers": False, "surveys": False}


def test_a_link_for_an_erased_account_says_so_without_error(app, make_user):
    person = make_user("consultant")
    token = tokens.issue("unsubscribe", {"u": person.id, "t": "events", "c": None})
    db.session.delete(person)
    db.session.commit()
    client = app.test_client()
    assert client.get(f"/unsubscribe/{token}").status_code == 200
    assert client.post(f"/unsubscribe/{token}", data={"List-Unsubscribe": "One-Click"}).status_code == 200
