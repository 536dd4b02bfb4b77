"""Direct transfer to another controller (Art. 20(2), R-RIGHTS-6): a signed, expiring, single-use link.

The person names the receiver: an e-mail address (the link goes through our mail outbox) or an
HTTPS endpoint (we POST {"download_url", "expires_at", "schema_url", "controller"} to it with a short
timeout). The endpoint must be https, carry no credentials and resolve only to public addresses, so
nobody can point our server at our own network; hosts in TRANSFER_ALLOWED_INSECURE_HOSTS (tests, a
local receiver) skip the scheme and address checks. Every step is audited: created, sent or failed,
downloaded. The ZIP is built when the link is followed, so it holds the data as it is then.
"""
from __future__ import annotations

import http.client
import ipaddress
import json
import socket
import ssl
import urllib.error
import urllib.request
from datetime import timedelta
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext, lazy_gettext as _l

from portal.extensions import db
from portal.models import DataTransfer, PrivacyRequest, User, utcnow
from portal.services import DomainError, audit, mail
from portal.services.accounts import tokens
from portal.services.privacy import portability, privacy_requests
from portal.services.actors import Actor
from portal.links import external_url

PURPOSE = "data_transfer"
TIMEOUT_SECONDS = 5
STATES = {"pending": _l("Being sent"), "sent": _l("Link sent"), "failed": _l("Sending failed"),
          "downloaded": _l("Downloaded")}
KINDS = {"email": _l("E-mail"), "endpoint": _l("HTTPS endpoint"), "request": _l("Your privacy request")}


def lifetime() -> timedelta:
    return timedelta(seconds=current_app.config["TOKEN_MAX_AGE"][PURPOSE])


def _public(host: str) -> bool:
    """True when every address the host resolves to is a public one."""
    try:
        infos = socket.getaddrinfo(host, 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise DomainError(gettext("We could not find the server %(host)s. Check the address.", host=host),
                          field="destination") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global or address.is_multicast:
            return False
    return True


def check_endpoint(url: str) -> str:
    """The URL if it is safe to POST to; DomainError with the reason otherwise."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018  (raises ValueError on a bad port)
    except ValueError:
        raise DomainError(_l("This is not a valid web address."), field="destination") from None
    if parts.username is not None or parts.password is not None:
        raise DomainError(_l("The address must not contain a user name or password."), field="destination")
    if not host:
        raise DomainError(_l("This is not a valid web address."), field="destination")
    trusted = host.lower() in {h.lower() for h in current_app.config["TRANSFER_ALLOWED_INSECURE_HOSTS"]}
    if parts.scheme == "http" and not trusted:
        raise DomainError(_l("The address must start with https:// so the link travels encrypted."),
                          field="destination")
    if parts.scheme not in ("https", "http"):
        raise DomainError(_l("Only https:// web addresses can receive your data."), field="destination")
    if not trusted and not _public(host):
        raise DomainError(_l("This address points to a private or local network; give the receiver's "
                             "public https:// address."), field="destination")
    return url


def parse_destination(value: str | None) -> tuple[str, str]:
    """("endpoint", url) or ("email", address); a DomainError says what is wrong."""
    from portal.services.accounts.registration import normalise_email

    text = (value or "").strip()
    if not text:
        raise DomainError(_l("Enter the receiver's https:// address or e-mail address."), field="destination")
    if len(text) > 500:
        raise DomainError(_l("Write at most %(max)d characters.", max=500), field="destination")
    if "://" in text or text.lower().startswith(("http:", "https:")):
        return "endpoint", check_endpoint(text)
    if "@" not in text or ":" in text.split("@")[0]:
        raise DomainError(_l("Enter an e-mail address or a web address that starts with https://."),
                          field="destination")
    try:
        return "email", normalise_email(text)
    except DomainError:
        raise DomainError(_l("Enter a valid e-mail address."), field="destination") from None


def _new(actor: Actor, user: User, kind: str, destination: str) -> tuple[DataTransfer, str]:
    now = utcnow()
    transfer = DataTransfer(user_id=user.id, kind=kind, destination=destination, state="pending",
                            created_at=now, expires_at=now + lifetime())
    db.session.add(transfer)
    db.session.flush()
    token = tokens.issue(PURPOSE, {"transfer": transfer.id})
    audit.record(actor, "data_transfer.create", subject=user, obj=transfer, detail={"kind": kind})
    return transfer, token


def start(actor: Actor, user: User, destination: str | None, *, page_link,
          file_link) -> tuple[DataTransfer, str | None]:
    """Record the transfer and send the link by mail now; for an endpoint, return the download link
    for `deliver`, which the caller runs after its commit. `page_link`/`file_link(token)` make the URLs."""
    kind, where = parse_destination(destination)
    transfer, token = _new(actor, user, kind, where)
    if kind == "email":
        mail.queue(where, _l("Personal data sent to you from Customersonly AB"), "data_transfer",
                   locale=user.locale, sender=user, link=page_link(token), expires_at=transfer.expires_at,
                   schema_url=schema_url())
        _mark(actor, transfer, "sent")
        return transfer, None
    return transfer, file_link(token)  # the token is never stored: only its receiver has it


def schema_url() -> str:
    return external_url("privacy.schema", name="portability")


def deliver(actor: Actor, transfer: DataTransfer, download_url: str) -> DataTransfer:
    """POST the link to the endpoint (short timeout, no redirects); record success or failure."""
    body = json.dumps({"download_url": download_url, "expires_at": transfer.expires_at.isoformat() + "Z",
                       "schema_url": schema_url(),
                       "controller": current_app.config["CONTROLLER"]["name"]}).encode()
    request = urllib.request.Request(transfer.destination, data=body, method="POST",
                                     headers={"Content-Type": "application/json",
                                              "User-Agent": "Customersonly-portal/1 (data portability)"})
    opener = _opener(transfer.destination)
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            status = response.status
        error = None if 200 <= status < 300 else f"HTTP {status}"
    except urllib.error.HTTPError as exc:
        error = f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        error = (reason if isinstance(reason, str) else str(reason) or type(reason).__name__)[:100]
    transfer.error = error
    _mark(actor, transfer, "failed" if error else "sent")
    return transfer


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect could lead to an address we refused; the receiver must answer itself."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: PLR0913
        return None


class _PublicPeerConnection(http.client.HTTPSConnection):
    """Checks the address actually connected to, after DNS: a name that resolved to a public address
    when we checked it and to a private one now (DNS rebinding) is refused before anything is sent."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        create = self._create_connection

        def checked(*a, **kw):  # before TLS starts: not a byte goes to a private address
            sock = create(*a, **kw)
            peer = ipaddress.ip_address(sock.getpeername()[0].split("%")[0])
            if not peer.is_global or peer.is_multicast:
                sock.close()
                raise OSError("private address")
            return sock

        self._create_connection = checked


class _PublicHTTPS(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_PublicPeerConnection, req, context=self._context)


def _opener(url: str) -> urllib.request.OpenerDirector:
    handlers = [_NoRedirect]
    host = (urlsplit(url).hostname or "").lower()
    if host not in {h.lower() for h in current_app.config["TRANSFER_ALLOWED_INSECURE_HOSTS"]}:
        handlers.append(_PublicHTTPS(context=ssl.create_default_context()))
    return urllib.request.build_opener(*handlers)


def _mark(actor: Actor, transfer: DataTransfer, state: str) -> None:
    transfer.state = state
    db.session.flush()
    detail = {"kind": transfer.kind, "state": state}
    if transfer.kind == "endpoint":
        detail["host"] = urlsplit(transfer.destination).hostname
    audit.record(actor, f"data_transfer.{state}", subject=transfer.user_id, obj=transfer, detail=detail)


def download(actor: Actor, token: str) -> tuple[DataTransfer, bytes]:
    """Spend the link once and build the ZIP; tampered, expired or used links raise TokenError."""
    payload = tokens.read(PURPOSE, token)
    transfer = db.session.get(DataTransfer, payload.get("transfer"))
    if transfer is None:
        raise tokens.TokenError(_l("This link is not valid. Check that you copied all of it."))
    if transfer.used_at is not None:
        raise tokens.TokenError(_l("This link has already been used."))
    if transfer.expires_at <= utcnow():
        raise tokens.TokenError(_l("This link has expired. Ask for a new one."))
    tokens.spend(PURPOSE, token)
    transfer.used_at = utcnow()
    transfer.state = "downloaded"
    db.session.flush()
    audit.record(actor, "data_transfer.download", subject=transfer.user_id, obj=transfer,
                 detail={"kind": transfer.kind})
    user = db.session.get(User, transfer.user_id)
    return transfer, portability.zip_bytes(user)


def check_link(token: str) -> DataTransfer:
    """The transfer a link is for, if it can still be used (for the page before the download)."""
    payload = tokens.read(PURPOSE, token)
    transfer = db.session.get(DataTransfer, payload.get("transfer"))
    if transfer is None or transfer.used_at is not None:
        raise tokens.TokenError(_l("This link has already been used."))
    if transfer.expires_at <= utcnow():
        raise tokens.TokenError(_l("This link has expired. Ask for a new one."))
    return transfer


def for_person(user: User) -> list[DataTransfer]:
    return list(db.session.scalars(sa.select(DataTransfer).where(DataTransfer.user_id == user.id)
                                   .order_by(DataTransfer.id.desc())))


def get_for_person(user: User, transfer_id: int) -> DataTransfer | None:
    transfer = db.session.get(DataTransfer, transfer_id)
    return transfer if transfer is not None and transfer.user_id == user.id else None


def self_service(actor: Actor, user: User) -> bytes:
    """The "Download my data (ZIP)" button, audited."""
    audit.record(actor, "personal_data.portability_download", subject=user, obj=user)
    return portability.zip_bytes(user)


def prepare(actor: Actor, request: PrivacyRequest) -> str | None:
    """Executor for "portability" requests: a single-use link to the ZIP, for the person."""
    if request.user_id is None:
        return None
    user = db.session.get(User, request.user_id)
    transfer, token = _new(actor, user, "request", request.email)
    _mark(actor, transfer, "sent")
    link = external_url("privacy.transfer_link", token=token)
    return (f"Here are the personal data you gave us, as JSON and CSV in a ZIP file with a description of "
            f"every field. The link works once, until {transfer.expires_at:%Y-%m-%d %H:%M} UTC: {link}")


def register() -> None:
    privacy_requests.register_executor("portability", prepare)


def load_demo(consultant: User | None):
    """`flask demo load`: the demo consultant sent their data to another firm once (idempotent)."""
    from portal.services.actors import SYSTEM

    if consultant is None or db.session.scalar(sa.select(DataTransfer.id).where(DataTransfer.user_id == consultant.id)):
        return
    sent = utcnow() - timedelta(days=3)
    transfer = DataTransfer(user_id=consultant.id, kind="email", destination="rekrytering@nyttbolag.example",
                            state="downloaded", created_at=sent, expires_at=sent + lifetime(),
                            used_at=sent + timedelta(hours=2))
    db.session.add(transfer)
    db.session.flush()
    audit.record(SYSTEM, "data_transfer.create", subject=consultant, obj=transfer, detail={"kind": "email", "demo": True})
    waiting = DataTransfer(user_id=consultant.id, kind="endpoint", destination="https://import.nyttbolag.example/gdpr",
                           state="sent", created_at=utcnow(), expires_at=utcnow() + lifetime())
    db.session.add(waiting)
    db.session.flush()
    audit.record(SYSTEM, "data_transfer.create", subject=consultant, obj=waiting, detail={"kind": "endpoint", "demo": True})
    yield "data transfers: one downloaded, one link waiting"
