"""The actor of the current request: who is signed in, and from which address (STYLE rule 3).

Views build it here and pass it into services, which never read the request themselves.
"""
from __future__ import annotations

from flask import g, request
from flask_login import current_user

from portal.services.actors import Actor


def current_actor() -> Actor:
    if "actor" not in g:
        user = current_user if current_user.is_authenticated else None
        g.actor = Actor(user=user._get_current_object() if user else None, ip=request.remote_addr)
    return g.actor
