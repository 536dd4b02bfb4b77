"""Who may enter where: one table, enforced before every request (R-STAFF-1)."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, g, redirect, request, url_for
from flask_login import current_user


@dataclass(frozen=True)
class Access:
    """`public`: anyone. Otherwise signed in, with one of `roles` (empty: any role) and, for
    staff, one of `staff_roles` (empty: any staff role)."""

    public: bool = False
    roles: frozenset[str] = frozenset()
    staff_roles: frozenset[str] = frozenset()

    def allows(self, user) -> bool:
        if self.public:
            return True
        if not user.is_authenticated:
            return False
        if self.roles and user.role not in self.roles:
            return False
        if self.staff_roles:
            return user.role == "staff" and bool(user.staff_role_set & self.staff_roles)
        return True


PUBLIC = Access(public=True)
SIGNED_IN = Access()


def roles(*names: str) -> Access:
    return Access(roles=frozenset(names))


def staff(*staff_roles: str) -> Access:
    """Staff with any of these sub-roles; admins do not pass automatically (need-to-know)."""
    return Access(roles=frozenset({"staff"}), staff_roles=frozenset(staff_roles))


# Each blueprint's default; a view may narrow or widen it with @allow(...).
BLUEPRINT_ACCESS: dict[str, Access] = {
    "public": PUBLIC,
    "auth": PUBLIC,
    "consent": PUBLIC,
    "privacy": SIGNED_IN,
    "consultant": roles("consultant"),
    "buyer": roles("buyer"),
    "supplier": roles("supplier"),
    "partner": roles("partner"),
    "staff": roles("staff"),
    # Service requests: everyone with an account except staff, who answer them in the back office.
    "support": roles("consultant", "buyer", "supplier", "partner"),
}


def allow(access: Access):
    """Declare a view's access rule, overriding its blueprint's default."""

    def mark(view):
        view.portal_access = access
        return view

    return mark


def access_for(app: Flask, endpoint: str | None) -> Access | None:
    """The rule for an endpoint; None (refused) for app-level routes nobody classified."""
    if endpoint == "static":
        return PUBLIC
    view = app.view_functions.get(endpoint) if endpoint else None
    if view is not None and hasattr(view, "portal_access"):
        return view.portal_access
    blueprint = endpoint.rpartition(".")[0] if endpoint else ""
    return BLUEPRINT_ACCESS.get(blueprint) if blueprint else None


def enforce_access():
    """before_request: fail closed for unknown endpoints; 401 → login, 403 otherwise."""
    if request.endpoint is None:  # 404 / 405: let routing say so
        return None
    access = access_for(current_app, request.endpoint)
    if access is None:
        current_app.logger.error("security.unclassified_endpoint endpoint=%s", request.endpoint)
        abort(403)
    if access.allows(current_user):
        return None
    if not current_user.is_authenticated:
        return login_redirect()
    abort(403)


def login_redirect():
    from portal.htmx import hx_redirect

    return hx_redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def safe_next(target: str | None, fallback: str) -> str:
    """Only same-site relative paths; anything else goes to the fallback."""
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return fallback
    return target


def home_for(user) -> str:
    """The portal a signed-in person lands on."""
    return url_for(f"{user.role}.index")


CSP_DIRECTIVES: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",), "script-src": ("'self'",), "style-src": ("'self'",),
    "img-src": ("'self'", "data:"), "font-src": ("'self'",), "connect-src": ("'self'",),
    "object-src": ("'none'",), "base-uri": ("'self'",), "form-action": ("'self'",),
    "frame-ancestors": ("'none'",),
}


def allow_source(directive: str, source: str) -> None:
    """Widen this response's CSP only: e.g. the analytics host after the visitor said yes."""
    if "csp_extra" not in g:
        g.csp_extra = {}
    g.csp_extra.setdefault(directive, set()).add(source)


def content_security_policy(extra: dict[str, set[str]] | None = None) -> str:
    extra = extra or {}
    return "; ".join(" ".join((directive, *sources, *sorted(extra.get(directive, ()))))
                     for directive, sources in CSP_DIRECTIVES.items())


CSP = content_security_policy()


def set_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", content_security_policy(g.get("csp_extra")))
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
    if current_user.is_authenticated and "Cache-Control" not in headers:
        headers["Cache-Control"] = "no-store"
    return response
