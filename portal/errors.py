"""Every error is a page in the person's language (or a fragment for htmx), never a trace."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError, SecurityError

from portal.htmx import render

MESSAGES = {
    400: (_l("Bad request"), _l("We could not understand the request. Go back and try again.")),
    403: (_l("Not allowed"), _l("You do not have access to this page.")),
    404: (_l("Not found"), _l("There is nothing here. Check the address, or go back to the start page.")),
    405: (_l("Not allowed"), _l("This page cannot be used that way.")),
    410: (_l("Gone"), _l("This is no longer available.")),
    413: (_l("Too large"), _l("What you sent is larger than we accept.")),
    422: (_l("Could not be processed"), _l("Some of what you entered could not be used.")),
    429: (_l("Too many attempts"), _l("You have tried too many times. Wait a minute and try again.")),
    500: (_l("Something went wrong"), _l("An error occurred on our side. Nothing you sent was lost "
                                         "in a half-saved state; please try again.")),
}


def _page(status: int, message=None):
    title, default = MESSAGES.get(status, MESSAGES[500])
    return render("errors/error.html", status=status, title=title, message=message or default)


def register_errorhandlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        message = _l("The form had expired or was not sent from this site. Reload the page and try again.")
        return _page(400, message)

    @app.errorhandler(SecurityError)
    def untrusted_host(error: SecurityError):
        # No page: building its links would need the very host we refuse. Nothing about us leaks.
        return "400 Bad Request: this host is not served here.\n", 400, {"Content-Type": "text/plain; charset=utf-8"}

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code and error.code < 400:
            return error
        return _page(error.code or 500)

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        if isinstance(error, HTTPException):
            return http_error(error)
        app.logger.exception("request.unhandled_error")
        from portal.extensions import db

        db.session.rollback()
        return _page(500)

    @app.errorhandler(InternalServerError)
    def internal(error):
        return _page(500)
