"""Field encryption at rest (R-SEC-2): Fernet with a list of keys, the first one current.

The only module that knows the keys. Values are stored as Fernet tokens (text); old keys stay
readable until `flask keys rotate` has re-encrypted every value with the current key.
"""
from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app


def generate_key() -> str:
    return Fernet.generate_key().decode()


def _derived_key(secret: str) -> str:
    """Demo and test only: a stable key from SECRET_KEY, so nobody has to configure one."""
    return base64.urlsafe_b64encode(hashlib.sha256(f"field-encryption:{secret}".encode()).digest()).decode()


def _keys() -> list[str]:
    configured = current_app.config.get("FIELD_ENCRYPTION_KEYS")
    if configured:
        return [k.strip() for k in configured.split(",") if k.strip()]
    # config.load refuses to start a production app without keys; only demo/test get here.
    return [_derived_key(current_app.config["SECRET_KEY"])]


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in _keys()])


def encrypt(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str | None) -> str | None:
    """The plain value; raises InvalidToken when no configured key opens it."""
    if token is None:
        return None
    return _fernet().decrypt(token.encode()).decode()


def rotate(token: str | None) -> str | None:
    """The same value encrypted with the current key."""
    if token is None:
        return None
    return _fernet().rotate(token.encode()).decode()


__all__ = ["InvalidToken", "decrypt", "encrypt", "generate_key", "rotate"]
