"""The one place mail goes through: queue in the outbox, deliver by SMTP when MAIL_URL is set."""
from __future__ import annotations

import json
import smtplib
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import force_locale

from portal.extensions import db
from portal.models import OutboxMail, User, utcnow

MAX_ATTEMPTS = 5


def queue(to: User | str, subject, template: str, locale: str | None = None, headers: dict | None = None,
          **context) -> OutboxMail:
    """Render `templates/mail/<template>.txt` in the recipient's language and put it in the outbox.
    `subject` is a lazy string, or a callable for a subject with a value in it (called in that language)."""
    user = to if isinstance(to, User) else None
    address = user.email if user else to
    with force_locale(locale or (user.locale if user else None) or current_app.config["BABEL_DEFAULT_LOCALE"]):
        body = render_template(f"mail/{template}.txt", user=user, **context)
        subject_text = str(subject() if callable(subject) else subject)
    mail = OutboxMail(user_id=user.id if user else None, to_address=address, subject=subject_text, body_text=body,
                      headers_json=json.dumps(headers) if headers else None)
    db.session.add(mail)
    db.session.flush()
    # Lets the web layer send right after its commit, without a query on every request.
    db.session.info["mail_queued"] = True
    return mail


def _smtp(url: str) -> smtplib.SMTP:
    parts = urlsplit(url)
    cls = smtplib.SMTP_SSL if parts.scheme == "smtps" else smtplib.SMTP
    smtp = cls(parts.hostname or "localhost", parts.port or (465 if parts.scheme == "smtps" else 25), timeout=10)
    if parts.scheme == "smtp+starttls":
        smtp.starttls()
    if parts.username:
        smtp.login(unquote(parts.username), unquote(parts.password or ""))
    return smtp


def send_unstored(address: str, subject, template: str, locale: str | None = None, **context) -> bool:
    """Send one mail now, without an outbox row: for the erasure receipt, whose address must not stay
    behind (R-RIGHTS-4). False when there is no MAIL_URL or the server refused; nothing is retried."""
    url = current_app.config.get("MAIL_URL")
    if not url:
        return False
    with force_locale(locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        body = render_template(f"mail/{template}.txt", user=None, **context)
        subject_text = str(subject)
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = current_app.config["MAIL_FROM"], address, subject_text
    message.set_content(body)
    try:
        with _smtp(url) as smtp:
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        current_app.logger.warning("mail.unstored_failed error=%s", type(exc).__name__)
        return False
    return True


def deliver_pending(limit: int = 100) -> int:
    """Send what waits in the outbox; returns how many were sent. Commits each mail on its own."""
    url = current_app.config.get("MAIL_URL")
    if not url:
        return 0
    pending = list(db.session.scalars(
        sa.select(OutboxMail)
        .where(OutboxMail.sent_at.is_(None), OutboxMail.attempts < MAX_ATTEMPTS)
        .order_by(OutboxMail.id).limit(limit)
    ))
    if not pending:
        return 0
    sent = 0
    try:
        smtp = _smtp(url)
    except (OSError, smtplib.SMTPException) as exc:
        current_app.logger.warning("mail.connect_failed error=%s", type(exc).__name__)
        return 0
    with smtp:
        for mail in pending:
            message = EmailMessage()
            message["From"] = current_app.config["MAIL_FROM"]
            message["To"] = mail.to_address
            message["Subject"] = mail.subject
            for name, value in json.loads(mail.headers_json or "{}").items():
                message[name] = value
            message.set_content(mail.body_text)
            mail.attempts += 1
            try:
                smtp.send_message(message)
                mail.sent_at = utcnow()
                sent += 1
            except smtplib.SMTPException as exc:
                mail.last_error = type(exc).__name__
            db.session.commit()
    return sent
