"""Page or fragment from one template, and redirects that htmx understands."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import make_response, redirect, render_template, request
from jinja2_fragments.flask import render_block

from portal.extensions import db


def is_htmx() -> bool:
    """A partial-page request: htmx, but not a boosted link or a history restore."""
    return (request.headers.get("HX-Request") == "true"
            and request.headers.get("HX-Boosted") != "true"
            and request.headers.get("HX-History-Restore-Request") != "true")


def render(template: str, block: str | None = None, status: int = 200, **context):
    """The whole page, or for htmx only what changes: the named `block` of the page template, or
    else the page's <main> (base.html renders just that when `htmx_fragment` is set).
    Always `Vary: HX-Request`, so caches keep the two apart."""
    if is_htmx() and block:
        body = render_block(template, block, **context)
    else:
        body = render_template(template, htmx_fragment=is_htmx(), **context)
    response = make_response(body, status)
    response.vary.add("HX-Request")
    return response


def render_then_commit(template: str, block: str | None = None, status: int = 200, **context):
    """render(), then commit what the view wrote (its audit of who was shown, best through
    audit.record_many_at_commit, which holds the log's lock for the commit only): a commit first would expire every
    row the page reads, and the template would load them again one query each. The page leaves only after the
    commit, so nothing is shown that the audit does not hold."""
    response = render(template, block, status, **context)
    db.session.commit()
    return response


def _only_fragment_differs(location: str, current: str | None) -> bool:
    if not current or "#" not in location:
        return False
    target, here = urlsplit(location), urlsplit(current)
    return (target.path, target.query) == (here.path, here.query)


def hx_redirect(location: str, status: int = 303):
    """A 303 for browsers; for htmx an HX-Redirect so the whole page changes. A browser treats a redirect
    to the same page with another #anchor as a jump and reloads nothing, so that one is a refresh."""
    if request.headers.get("HX-Request") == "true":
        response = make_response("", 204)
        if _only_fragment_differs(location, request.headers.get("HX-Current-URL")):
            response.headers["HX-Refresh"] = "true"
        else:
            response.headers["HX-Redirect"] = location
    else:
        response = redirect(location, status)
    response.vary.add("HX-Request")
    return response
