"""Password hashing with argon2id: RFC 9106's low-memory profile (argon2-cffi's default)."""
from functools import cache

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context

STRONG = "RFC_9106_LOW_MEMORY"
# The suite signs people in thousands of times; only a TESTING app may ask for the cheapest parameters,
# which are still argon2id (config.TestConfig).
_PROFILES = {STRONG: profiles.RFC_9106_LOW_MEMORY, "CHEAPEST": profiles.CHEAPEST}


@cache
def _hasher(profile: str) -> PasswordHasher:
    return PasswordHasher.from_parameters(_PROFILES[profile])


@cache
def _dummy_hash(profile: str) -> str:
    # Verified against when the e-mail is unknown, so both answers take the same time.
    return _hasher(profile).hash("timing-equaliser")


def _profile() -> str:
    if has_app_context() and current_app.testing:
        return current_app.config.get("ARGON2_PROFILE", STRONG)
    return STRONG


def hash_password(password: str) -> str:
    return _hasher(_profile()).hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when the password matches; always spends one argon2 verification."""
    profile = _profile()
    try:
        return _hasher(profile).verify(password_hash or _dummy_hash(profile), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher(_profile()).check_needs_rehash(password_hash)
