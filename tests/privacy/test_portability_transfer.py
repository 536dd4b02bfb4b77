"""Direct transfer to another controller (Art. 20(2), R-RIGHTS-6): the receiver gets a signed, expiring,
single-use link by mail or by a POST to its HTTPS endpoint; bad receivers are refused with 422;
tampered, expired and reused links give a clear 4xx; nobody sees another person's transfer."""
from __future__ import annotations

import io
import json
import re
import threading
import zipfile
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, DataTransfer, OutboxMail, PrivacyRequest, utcnow
from portal.services.privacy import data_transfer, privacy_requests

EN = {"Accept-Language": "en"}


class Receiver:
    """Another controller's endpoint on 127.0.0.1: records what we POST, answers `status`."""

    def __init__(self, status: int = 202):
        received = self.received = []
        answer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                received.append({"content_type": self.headers["Content-Type"], "json": json.loads(body)})
                self.send_response(answer.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.status = status
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/import"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(app):
    app.config["TRANSFER_ALLOWED_INSECURE_HOSTS"] = ("127.0.0.1",)
    server = Receiver()
    yield server
    server.close()


def _actions(user_id: int) -> list[str]:
    return list(db.session.scalars(sa.select(AuditEvent.action).where(AuditEvent.subject_id == user_id)
                                   .order_by(AuditEvent.id)))


@pytest.mark.parametrize("destination, message", [
    ("http://receiver.example.org/import", "must start with https://"),
    ("https://user:secret@receiver.example.org/import", "must not contain a user name or password"),
    ("https://10.1.2.3/import", "private or local network"),
    ("https://127.0.0.1/import", "private or local network"),
    ("https://[::1]/import", "private or local network"),
    ("https://169.254.169.254/latest", "private or local network"),
    ("ftp://receiver.example.org/import", "Only https://"),
    ("javascript://alert(1)", "Only https://"),
    ("not-an-address", "e-mail address or a web address"),
    ("anna@@example", "valid e-mail address"),
    ("", "Enter the receiver"),
])
def test_a_bad_receiver_is_refused_with_a_clear_message(login_as, destination, message):
    person = login_as("consultant")
    response = person.post("/privacy/transfers", data={"destination": destination}, headers=EN)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(DataTransfer.id))) == 0


def test_the_local_receiver_is_refused_unless_configured(app, login_as):
    app.config["TRANSFER_ALLOWED_INSECURE_HOSTS"] = ()
    person = login_as("consultant")
    response = person.post("/privacy/transfers", data={"destination": "http://127.0.0.1:9/import"}, headers=EN)
    assert response.status_code == 422 and "https://" in response.get_data(as_text=True)


def test_an_email_receiver_gets_a_link_that_works_once(app, login_as):
    person = login_as("consultant", name="Ebba Export", email="ebba@example.se")
    response = person.post("/privacy/transfers", data={"destination": " Ny.Controller@Example.org "})
    assert response.status_code == 303
    transfer = db.session.scalars(sa.select(DataTransfer)).one()
    assert (transfer.kind, transfer.destination, transfer.state) == ("email", "ny.controller@example.org", "sent")
    assert transfer.expires_at - transfer.created_at == timedelta(days=7)
    mail = db.session.scalars(sa.select(OutboxMail).where(OutboxMail.to_address == "ny.controller@example.org")).one()
    link = re.search(r"http://localhost(/privacy/transfer/\S+)", mail.body_text).group(1)
    assert "Ebba Export" in mail.body_text and "/privacy/schemas/portability.json" in mail.body_text

    receiver = app.test_client()  # a browser elsewhere, not signed in
    page = receiver.get(link, headers=EN)
    assert page.status_code == 200 and 'id="download-transfer"' in page.get_data(as_text=True)
    assert receiver.get(link).status_code == 200  # looking (a mail scanner) does not spend it
    download = receiver.post(link)
    assert download.status_code == 200 and download.mimetype == "application/zip"
    document = json.loads(zipfile.ZipFile(io.BytesIO(download.data)).read("portability.json"))
    assert document["tables"]["account"][0]["email"] == "ebba@example.se"
    again = receiver.post(link, headers=EN)
    assert again.status_code == 400 and "already been used" in again.get_data(as_text=True)
    assert receiver.get(link, headers=EN).status_code == 400
    db.session.refresh(transfer)
    assert transfer.state == "downloaded" and transfer.used_at is not None
    assert ["data_transfer.create", "data_transfer.sent", "data_transfer.download"] == [
        a for a in _actions(person.user.id) if a.startswith("data_transfer.")]
    detail = person.get(f"/privacy/transfers/{transfer.id}", headers=EN).get_data(as_text=True)
    assert "Downloaded" in detail and "ny.controller@example.org" in detail


def test_an_endpoint_receiver_gets_the_link_by_post_and_downloads_once(app, login_as, receiver):
    person = login_as("consultant", email="erik@example.se")
    response = person.post("/privacy/transfers", data={"destination": receiver.url}, headers=EN)
    assert response.status_code == 303
    transfer = db.session.scalars(sa.select(DataTransfer)).one()
    assert (transfer.kind, transfer.state, transfer.error) == ("endpoint", "sent", None)
    [call] = receiver.received
    assert call["content_type"] == "application/json"
    body = call["json"]
    assert set(body) == {"download_url", "expires_at", "schema_url", "controller"}
    assert body["controller"] == "Customersonly AB" and body["schema_url"].endswith("/privacy/schemas/portability.json")
    path = urlsplit(body["download_url"]).path
    first = app.test_client().get(path)
    assert first.status_code == 200 and first.mimetype == "application/zip"
    second = app.test_client().get(path, headers=EN)
    assert second.status_code == 400 and "already been used" in second.get_data(as_text=True)
    sent = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "data_transfer.sent")).one()
    assert json.loads(sent.detail)["host"] == "127.0.0.1" and sent.subject_id == person.user.id
    download = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "data_transfer.download")).one()
    assert download.ip == "127.0.0.1" and download.subject_id == person.user.id


def test_a_receiver_that_refuses_is_recorded_and_shown(app, login_as, receiver):
    receiver.status = 500
    person = login_as("consultant")
    response = person.post("/privacy/transfers", data={"destination": receiver.url}, headers=EN)
    transfer = db.session.scalars(sa.select(DataTransfer)).one()
    assert transfer.state == "failed" and transfer.error == "HTTP 500"
    page = person.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert "Sending failed" in page and "HTTP 500" in page
    assert "data_transfer.failed" in _actions(person.user.id)


def test_a_receiver_that_does_not_answer_is_a_failure_not_an_error(app, login_as):
    app.config["TRANSFER_ALLOWED_INSECURE_HOSTS"] = ("127.0.0.1",)
    person = login_as("consultant")
    response = person.post("/privacy/transfers", data={"destination": "http://127.0.0.1:9/closed"})
    assert response.status_code == 303
    assert db.session.scalars(sa.select(DataTransfer)).one().state == "failed"


def _email_transfer(person) -> tuple[DataTransfer, str]:
    person.post("/privacy/transfers", data={"destination": "receiver@example.org"})
    transfer = db.session.scalars(sa.select(DataTransfer).order_by(DataTransfer.id.desc())).first()
    mail = db.session.scalars(sa.select(OutboxMail).order_by(OutboxMail.id.desc())).first()
    return transfer, re.search(r"http://localhost(/privacy/transfer/\S+)", mail.body_text).group(1)


def test_tampered_and_expired_links_are_refused(app, login_as):
    person = login_as("consultant")
    transfer, link = _email_transfer(person)
    stranger = app.test_client()
    tampered = stranger.get(link[:-3] + "abc", headers=EN)
    assert tampered.status_code == 400 and "not valid" in tampered.get_data(as_text=True)
    assert stranger.get(link + "x/data.zip").status_code == 400
    transfer.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    expired = stranger.post(link, headers=EN)
    assert expired.status_code == 400 and "expired" in expired.get_data(as_text=True)
    assert stranger.get(link + "/data.zip").status_code == 400
    assert db.session.get(DataTransfer, transfer.id).used_at is None


def test_another_persons_transfer_is_not_found(login_as):
    owner = login_as("consultant")
    transfer, _link = _email_transfer(owner)
    other = login_as("consultant")
    assert other.get(f"/privacy/transfers/{transfer.id}").status_code == 404
    assert owner.get(f"/privacy/transfers/{transfer.id}").status_code == 200
    assert b"receiver@example.org" not in other.get("/privacy/").data


def test_a_portability_request_started_by_staff_prepares_a_link(app, login_as):
    assert privacy_requests.EXECUTORS["portability"] is data_transfer.prepare
    person = login_as("consultant", email="petra@example.se")
    officer = login_as("staff", staff_roles="privacy_officer")
    assert person.post("/privacy/requests", data={"kind": "portability"}).status_code == 303
    request = db.session.scalars(sa.select(PrivacyRequest)).one()
    assert officer.post(f"/staff/privacy-requests/{request.id}/start").status_code == 303
    db.session.refresh(request)
    link = re.search(r"http://localhost(/privacy/transfer/\S+)", request.prepared_answer).group(1)
    download = app.test_client().post(link)
    assert download.status_code == 200 and download.mimetype == "application/zip"
    assert db.session.scalars(sa.select(DataTransfer)).one().kind == "request"


def test_the_connection_itself_must_reach_a_public_address(app):
    """DNS rebinding: a name checked as public that later resolves to 127.0.0.1 is refused at connect."""
    import urllib.request

    with app.test_request_context():
        opener = data_transfer._opener("https://receiver.example.org/import")
        server = Receiver()
        try:
            request = urllib.request.Request(server.url.replace("http://", "https://"), data=b"{}", method="POST")
            with pytest.raises(OSError, match="private address"):
                opener.open(request, timeout=5)
            assert server.received == []
        finally:
            server.close()
