"""Command-line groups, one per noun: users, audit, mail, privacy, assignments, offers, shortlists, keys, search,
demo."""
from __future__ import annotations

import click
import pyotp
from flask import Flask

from portal.extensions import db
from portal.cli_retention import retention_group
from portal.cli_engagements import engagements_group
from portal.cli_time import time_group
from portal.cli_applications import applications_group


def register(app: Flask) -> None:
    app.cli.add_command(users)
    app.cli.add_command(audit_group)
    app.cli.add_command(mail_group)
    app.cli.add_command(demo)
    app.cli.add_command(assignments_group)
    app.cli.add_command(keys)
    app.cli.add_command(privacy)
    app.cli.add_command(search_group)
    app.cli.add_command(shortlists_group)
    app.cli.add_command(offers_group)
    app.cli.add_command(retention_group)
    app.cli.add_command(engagements_group)
    app.cli.add_command(time_group)
    app.cli.add_command(applications_group)


@click.group(help="People who log in.")
def users():
    pass


@users.command("create-staff", help="Create a staff account; prints its TOTP provisioning URI.")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--roles", default="recruiter", show_default=True, help="Space-separated staff roles.")
@click.password_option()
def create_staff(email, name, roles, password):
    from portal.models import Role, StaffRole, User
    from portal.services.accounts import registration, two_factor
    from portal.services.accounts.passwords import hash_password

    wanted = roles.split()
    unknown = set(wanted) - {r.value for r in StaffRole}
    if unknown:
        raise click.UsageError(f"unknown staff roles: {' '.join(sorted(unknown))}")
    if registration.find_by_email(email):
        raise click.UsageError("an account with this e-mail exists")
    from portal.services.accounts import password_strength

    from flask import current_app

    with current_app.test_request_context(headers={"Accept-Language": "en"}):  # the reasons, in English
        reasons = password_strength.weakness(password, [email, name]) if len(password) >= 12 else ["At least 12 characters."]
    if reasons:
        raise click.UsageError("choose a stronger password: " + " ".join(reasons))
    secret = two_factor.new_secret()
    user = User(email=registration.normalise_email(email), password_hash=hash_password(password), role=Role.STAFF.value,
                staff_roles=" ".join(wanted), name=name, totp_secret=secret, totp_enabled=True,
                email_verified_at=db.func.now())
    db.session.add(user)
    db.session.commit()
    click.echo(f"created; add this to an authenticator app: {two_factor.provisioning_uri(user, secret)}")


@users.command("totp-code", help="Print the current TOTP code of an account (demo and support use).")
@click.argument("email")
def totp_code(email):
    from portal.services.accounts import registration

    user = registration.find_by_email(email)
    if user is None or not user.totp_secret:
        raise click.UsageError("no such account with two-factor sign-in")
    click.echo(pyotp.TOTP(user.totp_secret).now())


@click.group("audit", help="The hash-chained audit log.")
def audit_group():
    pass


@audit_group.command("verify", help="Recompute the chain and check it against the anchors; exit 1 when an "
                                    "event was changed or removed.")
def audit_verify():
    from portal.services import audit_anchors

    report = audit_anchors.verify()
    if not report.ok:
        _audit_broken(report)
    click.echo(f"audit log intact: {report.checked} events, {len(audit_anchors.read_anchors())} anchors")


def _audit_broken(report):
    click.echo(f"audit log BROKEN at event {report.broken_at}: {report.reason} "
               f"({report.checked} events before it are intact)", err=True)
    raise SystemExit(1)


@audit_group.command("anchor", help="Verify, then append the chain's head to the anchor file and mail it to the "
                                    "privacy officers (run daily). Refuses, exit 1, when the log is broken.")
def audit_anchor():
    from portal.services import audit_anchors, mail

    report = audit_anchors.verify()
    if not report.ok:  # anchoring a tampered head would vouch for it
        _audit_broken(report)
    anchor = audit_anchors.write_anchor()
    officers = audit_anchors.mail_anchor(anchor)
    db.session.commit()
    mail.deliver_pending(limit=100)
    click.echo(f"anchored event {anchor['seq']} in {audit_anchors.anchor_path()}; mailed to {officers} privacy officer(s)")


@audit_group.command("segments", help="List the chain's segments: months closed, anchored and deleted.")
def audit_segments_list():
    from portal.services.retention import audit_segments

    for s in audit_segments.listing():
        state = (f"deleted {s.deleted_at:%Y-%m-%d}" if s.deleted_at else
                 f"anchored {s.anchored_at:%Y-%m-%d}" if s.anchored_at else "not anchored")
        click.echo(f"{s.number:>5}  events {s.first_seq}-{s.last_seq}  {s.first_at:%Y-%m-%d}..{s.last_at:%Y-%m-%d}  "
                   f"{s.closing_hash[:16]}  {state}")


@click.group("mail", help="The outbox.")
def mail_group():
    pass


@mail_group.command("send", help="Deliver what waits in the outbox (needs MAIL_URL).")
def mail_send():
    from portal.services import mail

    click.echo(f"sent {mail.deliver_pending(limit=10_000)} mails")


@click.group(help="Privacy requests and the privacy policy.")
def privacy():
    pass


@privacy.command("digest", help="Mail the privacy officers today's overdue, near-due and new requests (run daily).")
def privacy_digest():
    from portal.services import mail
    from portal.services.privacy import digest

    count = digest.send()
    db.session.commit()
    mail.deliver_pending()
    click.echo(f"digest queued for {count} privacy officers")


@privacy.command("purge-unverified", help="Delete visitors' requests never confirmed before their link expired (run daily).")
def privacy_purge_unverified():
    from portal.services.privacy import retention
    from portal.services.actors import SYSTEM

    count = retention.purge_unverified(SYSTEM)
    db.session.commit()
    click.echo(f"deleted {count} unconfirmed privacy requests")


@privacy.command("process-erasures", help="Erase the queued representatives whose due date has passed (run daily).")
def privacy_process_erasures():
    from flask_babel import force_locale

    from portal.services import DomainError
    from portal.services.privacy import erasure
    from portal.services.actors import SYSTEM

    done = blocked = 0
    with force_locale("en"):
        for item in erasure.due_queue_items():
            item_id = item.id
            try:
                erasure.erase_queue_item(SYSTEM, item)
            except DomainError as error:  # a legal hold or an ongoing assignment: it waits, and staff see why
                db.session.rollback()
                blocked += 1
                click.echo(f"queue item {item_id} not erased: {error.message}")
            else:
                db.session.commit()
                done += 1
    click.echo(f"erased {done} queued people; {blocked} blocked")


@privacy.command("reapply-erasures", help="After restoring a backup: erase again everyone in the erasure log "
                                         "that the restored database still holds (safe to run again).")
def privacy_reapply_erasures():
    from flask_babel import force_locale

    from portal.services import DomainError
    from portal.services.actors import SYSTEM
    from portal.services.privacy import erasure_log

    users, addresses = erasure_log.people_to_erase()
    done = blocked = 0
    with force_locale("en"):
        for who in [*users, *addresses]:
            label = f"account {who.id}" if not isinstance(who, str) else "an address"
            try:
                erasure_log.erase_again(SYSTEM, who)
            except DomainError as error:  # e.g. a legal hold in the backup: staff decide, the log keeps it
                db.session.rollback()
                blocked += 1
                click.echo(f"{label} not erased: {error.message}")
            else:
                db.session.commit()
                done += 1
    click.echo(f"erased again {done} people from {erasure_log.log_path()}; {blocked} blocked")


@privacy.command("notify-policy", help="Tell every active account about a material policy change; once each.")
def privacy_notify_policy():
    from portal.services import mail
    from portal.services.privacy import policy, policy_notices
    from portal.services.actors import SYSTEM

    version = policy.current()
    if not version.material:
        click.echo(f"the current policy ({version.published}) is not marked material: nothing to notify")
        return
    count = policy_notices.notify(SYSTEM, version)
    db.session.commit()
    mail.deliver_pending(limit=10_000)
    click.echo(f"notice of the {version.published} policy queued for {count} people")


@click.group(help="Demo data.")
def demo():
    pass


@demo.command("load", help="Load the demo accounts and organisations; safe to run again.")
def demo_load():
    from flask import current_app

    from portal.demo import seed

    # The demo creates known accounts with a published password, a staff admin among them.
    if not (current_app.config["DEMO_MODE"] or current_app.config["TESTING"]):
        raise click.ClickException("refused: demo data loads only under PORTAL_CONFIG=demo (or test); "
                                   "this configuration would create public demo accounts in a real portal.")

    from portal.services.matching import search

    for line in seed.load():
        click.echo(line)
    db.session.commit()
    click.echo(f"search index: {search.rebuild()} consultant profiles")  # a usable index right after loading


@click.group("assignments", help="Assignment requests.")
def assignments_group():
    pass


@assignments_group.command("expire", help="Expire published assignments whose answer deadline has passed.")
def assignments_expire():
    from datetime import date

    from portal.services.assignments import lifecycle
    from portal.services.actors import SYSTEM

    count = lifecycle.expire_overdue(SYSTEM, date.today())
    db.session.commit()
    click.echo(f"expired {count} assignments")


@click.group("offers", help="Suppliers' offers of their consultants.")
def offers_group():
    pass


@offers_group.command("expire", help="Delete offers the consultant has not accepted within 14 days, and unclaimed "
                                     "consultant records older than 30 days.")
def offers_expire():
    from portal.services.assignments import offers
    from portal.services.actors import SYSTEM

    count = offers.expire_unaccepted(SYSTEM)
    db.session.commit()
    click.echo(f"deleted {count} unaccepted offers and unclaimed consultant records")


@click.group(help="Field-encryption keys (FIELD_ENCRYPTION_KEYS).")
def keys():
    pass


@keys.command("generate", help="Print a new key; put it first in FIELD_ENCRYPTION_KEYS, keep the old ones after it.")
def keys_generate():
    from portal.services import encryption

    click.echo(encryption.generate_key())


@keys.command("rotate", help="Re-encrypt every encrypted value with the current (first) key.")
def keys_rotate():
    from portal.services import audit
    from portal.services.profiles import sections
    from portal.services.actors import SYSTEM

    count = sections.rotate_keys()
    audit.record(SYSTEM, "keys.rotate", detail={"values": count})
    db.session.commit()
    click.echo(f"re-encrypted {count} values with the current key; the old keys can now be removed")


@click.group("search", help="The search index of consultant profiles.")
def search_group():
    pass


def _require_loader():
    from portal.services.matching import search

    try:
        search.document_loader()
        search.id_source()
    except search.NoDocumentLoader as error:
        click.echo(f"{error}: no profile model is connected to the search index yet, so there is nothing "
                   "to index. Connect one with search.set_document_loader() and search.set_id_source().", err=True)
        raise SystemExit(2) from None


@search_group.command("rebuild", help="Index every consultant profile again, from the database.")
@click.option("--procs", default=1, show_default=True, help="Writer processes (a multi-segment index when > 1).")
def search_rebuild(procs):
    from portal.services.matching import search

    _require_loader()
    ids = list(search.id_source()())
    with click.progressbar(length=len(ids), label="Indexing profiles") as bar:
        count = search.rebuild(progress=lambda _n: bar.update(1), procs=procs, ids=ids)
    click.echo(f"indexed {count} profiles")


@search_group.command("sync", help="Apply the pending profile changes (the outbox) to the index.")
def search_sync():
    from portal.services.matching import search

    _require_loader()
    click.echo(f"applied {search.drain()} pending changes")


@search_group.command("verify", help="Compare the index with the database; exit 1 when they differ.")
def search_verify():
    from portal.services.matching import search

    _require_loader()
    differences = search.verify()
    if not differences.any:
        click.echo("index and database agree")
        return
    for label, ids in (("missing from the index", differences.missing), ("in the index only", differences.extra),
                       ("older in the index", differences.stale)):
        if ids:
            click.echo(f"{label} ({len(ids)}): {' '.join(str(i) for i in ids)}")
    if differences.outdated:
        click.echo("the index was written with an older schema: run `flask search rebuild`")
    raise SystemExit(1)


@click.group("shortlists", help="Shortlists and the questions to consultants about them.")
def shortlists_group():
    pass


@shortlists_group.command("expire", help="Time out questions to consultants left unanswered past their deadline.")
def shortlists_expire():
    from portal.services.shortlists import consent_requests
    from portal.services.actors import SYSTEM

    count = consent_requests.expire_overdue(SYSTEM)
    db.session.commit()
    click.echo(f"timed out {count} unanswered questions")
