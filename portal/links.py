"""Links that leave the site (mails, transfer pages): built from PUBLIC_URL, never from the request.

A request's Host header is chosen by whoever sends it; a reset asked for with `Host: evil.example`
must still mail a link to the portal (issue 12, finding 5)."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, has_request_context, url_for


def public_origin() -> str:
    parts = urlsplit(current_app.config["PUBLIC_URL"])
    return f"{parts.scheme}://{parts.netloc}"


def external_url(endpoint: str, **values) -> str:
    """An absolute URL for `endpoint` on the configured public origin; works in CLI commands too."""
    if has_request_context():
        path = url_for(endpoint, **values)
    else:
        with current_app.test_request_context():
            path = url_for(endpoint, **values)
    return public_origin() + path
