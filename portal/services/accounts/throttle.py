"""Throttling per account and per address, with exponential back-off (ASVS 2.2.1, 11.1.4).

Flask-Limiter caps requests per address per worker; this counts *failures* per account and per IP
in the same storage (RATELIMIT_STORAGE_URI: Redis shares the counts between workers and hosts;
memory:// only within one process). After FREE_FAILURES failures an account is locked for one
minute, then two, four … up to an hour; success clears it. The lock answers the same whether or not
the account exists, so it tells nobody which addresses have accounts."""
from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from flask import current_app
from limits.storage import Storage, storage_from_string

FREE_FAILURES = 5          # per account, within WINDOW
FREE_FAILURES_PER_IP = 30  # many people may share one address (an office, a mobile network)
WINDOW = 60 * 60           # failures are forgotten an hour after the first of them
FIRST_LOCK, LONGEST_LOCK = 60, 60 * 60


@dataclass(frozen=True)
class Verdict:
    wait_seconds: int
    locked_now: bool = False  # this failure started a new lock of the account

    @property
    def wait_minutes(self) -> int:
        return max(1, math.ceil(self.wait_seconds / 60))


def _storage() -> Storage:
    cached = current_app.extensions.get("portal_throttle")
    if cached is None:
        cached = storage_from_string(current_app.config["RATELIMIT_STORAGE_URI"])
        current_app.extensions["portal_throttle"] = cached
    return cached


def _key(kind: str, scope: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]  # no address in Redis
    return f"portal-throttle/{kind}/{scope}/{digest}"


def _remaining(storage: Storage, key: str) -> int:
    if storage.get(key) <= 0:
        return 0
    return max(0, math.ceil(storage.get_expiry(key) - time.time()))


def wait(kind: str, account: str | None, ip: str | None) -> int:
    """Seconds until `account` / `ip` may try `kind` again; 0 when they may now."""
    if not current_app.config.get("THROTTLE_ENABLED", True):
        return 0
    storage = _storage()
    waits = [_remaining(storage, _key(kind, "lock", account)) if account else 0,
             _remaining(storage, _key(kind, "iplock", ip)) if ip else 0]
    return max(waits)


def _lock(storage: Storage, key: str, seconds: int) -> None:
    storage.clear(key)
    storage.incr(key, seconds)


def failed(kind: str, account: str | None, ip: str | None) -> Verdict:
    """Count one failure; lock the account (and the address) once past the free failures. Requests
    that mail someone (registration, reset) count every attempt this way, against the address."""
    if not current_app.config.get("THROTTLE_ENABLED", True):
        return Verdict(0)
    storage = _storage()
    locked_now = False
    if account:
        failures = storage.incr(_key(kind, "failures", account), WINDOW)
        if failures >= FREE_FAILURES:
            seconds = min(LONGEST_LOCK, FIRST_LOCK * 2 ** (failures - FREE_FAILURES))
            _lock(storage, _key(kind, "lock", account), seconds)
            locked_now = True
    if ip:
        failures = storage.incr(_key(kind, "ipfailures", ip), WINDOW)
        if failures >= FREE_FAILURES_PER_IP:
            seconds = min(LONGEST_LOCK, FIRST_LOCK * 2 ** (failures - FREE_FAILURES_PER_IP))
            _lock(storage, _key(kind, "iplock", ip), seconds)
    return Verdict(wait(kind, account, ip), locked_now)


def succeeded(kind: str, account: str) -> None:
    """The right password or code: the account's failures are forgotten (the address's are not)."""
    if not current_app.config.get("THROTTLE_ENABLED", True):
        return
    storage = _storage()
    for scope in ("failures", "lock"):
        storage.clear(_key(kind, scope, account))


def unlock(account: str, kinds: tuple[str, ...] = ("login", "totp")) -> None:
    """The owner followed the link in the lockout mail."""
    for kind in kinds:
        succeeded(kind, account)
