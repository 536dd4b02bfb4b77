"""One shape for a POST that runs a domain action: on success commit, flash and redirect (post/redirect/get);
on a refusal roll back and show the page again with the reason, so nothing is ever half-written."""
from __future__ import annotations

from typing import Callable

from flask import flash

from portal.extensions import db
from portal.htmx import hx_redirect
from portal.services import DomainError


def run(action: Callable[[], object], *, done: str, to: str, refused: Callable[[int, str], object],
        status: int | Callable[[DomainError], int] = 409):
    """`action()`; then `done` flashed and a redirect to `to`, or `refused(status, message)` after a rollback."""
    try:
        action()
    except DomainError as error:
        db.session.rollback()
        return refused(status(error) if callable(status) else status, str(error.message))
    db.session.commit()
    flash(done, "success")
    return hx_redirect(to)
