"""The erasure log outside the database, so a restored backup can be erased again (R-RIGHTS-4, Art. 17).

A backup taken before an erasure still holds the person. Each committed erasure appends one JSON line to
an append-only file (ERASURE_LOG_PATH, by default instance/erasure-log.jsonl; keep it on other storage
than the database backups): the account number, or for a visitor without an account a keyed hash of
the address, never the address itself. After a restore, `flask privacy reapply-erasures` erases every
logged person the restored database still holds; already erased people (tombstones) and people the
backup never had are skipped, so running it twice changes nothing.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from portal.extensions import db
from portal.models import Invitation, OutboxMail, PrivacyRequest, SupplierConsultant, User, utcnow

ERASED_DOMAIN = "@erased.invalid"


def log_path() -> Path:
    configured = current_app.config.get("ERASURE_LOG_PATH")
    return Path(configured) if configured else Path(current_app.instance_path) / "erasure-log.jsonl"


def address_hash(address: str) -> str:
    """A keyed hash of an address: recognises it in a restored database, and tells nothing without the key."""
    key = hashlib.sha256(f"erasure-log:{current_app.config['SECRET_KEY']}".encode()).digest()
    return hmac.new(key, address.strip().lower().encode(), hashlib.sha256).hexdigest()


def append(*, user_ids=(), addresses=()) -> None:
    """One line per erased account or address (O_APPEND, fsync); called after the erasure is committed."""
    at = utcnow().isoformat(timespec="seconds") + "Z"
    lines = [{"at": at, "user_id": uid} for uid in sorted(user_ids)]
    lines += [{"at": at, "address": address_hash(a)} for a in sorted(set(addresses)) if a]
    if not lines:
        return
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(descriptor, "".join(json.dumps(line, sort_keys=True) + "\n" for line in lines).encode())
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def entries() -> tuple[list[int], set[str]]:
    """The logged account numbers (in order, once each) and address hashes."""
    path = log_path()
    users: dict[int, None] = {}
    addresses: set[str] = set()
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if isinstance(entry.get("user_id"), int):
                users[entry["user_id"]] = None
            elif isinstance(entry.get("address"), str):
                addresses.add(entry["address"])
    return list(users), addresses


def people_to_erase() -> tuple[list[User], list[str]]:
    """Who the (restored) database still holds of the log: live accounts, and visitors' addresses."""
    user_ids, hashes = entries()
    users = [u for uid in user_ids if (u := db.session.get(User, uid)) is not None
             and not u.email.endswith(ERASED_DOMAIN)]
    found: set[str] = set()
    if hashes:
        for column in (PrivacyRequest.email, SupplierConsultant.email, Invitation.email, OutboxMail.to_address):
            for address in db.session.scalars(sa.select(column).distinct()):
                if address and not address.endswith(ERASED_DOMAIN) and address_hash(address) in hashes:
                    found.add(address)
    return users, sorted(found)


def erase_again(actor, who: User | str) -> dict:
    """Erase one person of the log again: an account as erasure.execute does, an address as the
    visitor path of an erasure request does. Flushes; the command commits each person on their own."""
    from portal.services.privacy import erasure

    return erasure.execute(actor, who) if isinstance(who, User) else erasure._erase_address(actor, who)
