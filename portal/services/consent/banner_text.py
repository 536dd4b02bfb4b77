"""What the consent banner says, built from the registry in every language, and its stored
versions: the exact text and category list a visitor saw, kept for good (GDPR Art. 7(1))."""
from __future__ import annotations

import hashlib
import json
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale, format_timedelta
from flask_babel import gettext as _

from portal.extensions import db
from portal.models import BannerVersion, CookieCategory, CookieEntry
from portal.models.consent import OPTIONAL_CATEGORIES
from portal.services.consent import cookie_registry

MASTER_LANGUAGE = "en"


def _lifetime(days: int | None, kind: str) -> str:
    if days is None:
        return {"cookie": _("Until you close the browser"),
                "session_storage": _("Until you close the tab")}.get(kind) or _("Until you clear it")
    return format_timedelta(timedelta(days=days), granularity="day", threshold=1.0)


def offered_categories(registry: list[CookieEntry], analytics_configured: bool) -> list[str]:
    """Necessary always; another category only when the registry documents something in it, and
    statistics only when an analytics script is configured."""
    present = {entry.category for entry in registry}
    offered = [CookieCategory.NECESSARY.value]
    for category in OPTIONAL_CATEGORIES:
        if category in present and (category != CookieCategory.STATISTICS.value or analytics_configured):
            offered.append(category)
    return offered


def _category_texts(category: str, providers: str) -> tuple[str, str]:
    return {
        "necessary": (_("Strictly necessary"),
                      _("Needed for the site to work: your session and sign-in, protection of forms against "
                        "forgery (CSRF), and remembering your cookie choice itself. Always on; they need no "
                        "consent.")),
        "preferences": (_("Preferences"),
                        _("Remember choices you make, such as your language, after you close the browser.")),
        "statistics": (_("Statistics"),
                       _("Web analytics by %(providers)s: how the site is used, so that we can improve it.",
                         providers=providers)),
        "marketing": (_("Marketing"),
                      _("Measure our campaigns and show relevant content from us on other sites, with %(providers)s.",
                        providers=providers)),
    }[category]


def _recipients(rows: list[CookieEntry], controller: str) -> str:
    """Who receives what one category stores, from the registry's providers: the first layer names them."""
    parties = []
    for e in rows:
        if e.provider != controller:
            label = e.provider + (_(" (outside the EEA)") if e.leaves_eea else "")
            if label not in parties:
                parties.append(label)
    if not parties:
        return _("No third party receives anything: only %(controller)s uses it.", controller=controller)
    return _("Received by: %(parties)s.", parties="; ".join(parties))


def _content_in(language: str, registry: list[CookieEntry], offered: list[str]) -> dict:
    controller = current_app.config["CONTROLLER"]["name"]
    max_age = current_app.config["CONSENT_MAX_AGE_DAYS"]
    categories, third_parties, longest = [], [], 0
    for key in offered:
        rows = [e for e in registry if e.category == key]
        providers = sorted({e.provider for e in rows})
        name, description = _category_texts(key, ", ".join(providers))
        categories.append({"key": key, "name": name, "description": description,
                           "recipients": _recipients(rows, controller), "entries": [{
            "name": e.name, "kind": e.kind, "provider": e.provider,
            "purpose": e.purpose_sv if language == "sv" else e.purpose_en,
            "lifetime": _lifetime(e.lifetime_days, e.kind), "leaves_eea": e.leaves_eea,
        } for e in rows]})
        if key != CookieCategory.NECESSARY.value:
            for e in rows:
                if e.provider != controller:
                    label = e.provider + (_(" (outside the EEA)") if e.leaves_eea else "")
                    if label not in third_parties:
                        third_parties.append(label)
                longest = max(longest, e.lifetime_days or 0)
    optional = [c["name"] for c in categories if c["key"] != CookieCategory.NECESSARY.value]
    return {
        "language": language,
        "title": _("Cookies and your choice"),
        "intro": _("%(controller)s, which runs this site, stores or reads nothing on your device that the site "
                   "does not need, unless you say yes. The site works fully whatever you choose.",
                   controller=controller),
        "purposes": _("With your consent we would also use: %(purposes)s.", purposes=", ".join(optional).lower()),
        "recipients": (_("Data then goes to: %(parties)s.", parties="; ".join(third_parties)) if third_parties
                       else _("No data goes to anyone else.")),
        "lifetime": (_("These cookies last up to %(longest)s.", longest=_lifetime(longest, "cookie")) if longest
                     else _("These cookies last until you close the browser.")) + " "
                    + _("We remember your choice for %(days)d days.", days=max_age),
        "withdraw": _("You can change or withdraw your consent at any time under “Cookie settings” at the "
                      "bottom of every page."),
        "policy_link": _("Cookie policy: every cookie, its purpose and lifetime"),
        "privacy_link": _("Privacy policy"),
        "recipients_title": _("Who receives data, per category"),
        "accept_all": _("Accept all"), "reject_all": _("Reject all"), "choose": _("Choose"),
        "categories": categories,
    }


# The last content built in this process and what it was built from: every request reads the banner's content (for
# its digest, if not to show it), and building it in every language was a third of a public page's time. A change
# to the registry changes its fingerprint, so no worker serves a banner the registry no longer says.
_BUILT: dict = {}


def _fingerprint() -> tuple:
    """What changes whenever an entry is added, removed or edited (updated_at is set on every update)."""
    return tuple(db.session.execute(sa.select(
        sa.func.count(CookieEntry.id), sa.func.max(CookieEntry.id), sa.func.sum(CookieEntry.id),
        sa.func.max(CookieEntry.updated_at))).one())


def build(analytics_configured: bool | None = None) -> dict:
    """The banner's whole content, one entry per language, from the registry as it is now. The same content
    object is returned while nothing it is built from changes: callers read it, never change it."""
    if analytics_configured is None:
        analytics_configured = bool(current_app.config.get("ANALYTICS_SCRIPT_URL"))
    config = current_app.config
    key = (id(current_app._get_current_object()), _fingerprint(), analytics_configured, config["CONSENT_MAX_AGE_DAYS"],
           config["CONTROLLER"]["name"], tuple(config["LANGUAGES"]))
    if _BUILT.get("key") == key:
        return _BUILT["content"]
    content = _build(analytics_configured)
    _BUILT.clear()
    _BUILT.update(key=key, content=content)
    return content


def _build(analytics_configured: bool) -> dict:
    registry = cookie_registry.entries()
    offered = offered_categories(registry, analytics_configured)
    content = {}
    for language in current_app.config["LANGUAGES"]:
        with force_locale(language):
            content[language] = _content_in(language, registry, offered)
    content["offered"] = offered
    return content


def _hash(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False,
                                     separators=(",", ":")).encode()).hexdigest()


def _remembered(content: dict, name: str, compute) -> str:
    """A digest of the cached content is computed once, not on every request."""
    if _BUILT.get("content") is not content:
        return compute()
    if name not in _BUILT:
        _BUILT[name] = compute()
    return _BUILT[name]


def digest(content: dict) -> str:
    return _remembered(content, "digest", lambda: _hash(content))


def material_digest(content: dict) -> str:
    """What a visitor agrees to: the master-language text and the category list. A translation
    fix makes a new version but does not ask everyone again."""
    return _remembered(content, "material_digest",
                       lambda: _hash({"offered": content["offered"], "text": content[MASTER_LANGUAGE]}))


def version_for(content: dict) -> BannerVersion:
    """The stored version of this exact content, created the first time it is used."""
    key = digest(content)
    version = db.session.scalar(sa.select(BannerVersion).where(BannerVersion.digest == key))
    if version is None:
        version = BannerVersion(digest=key, material_digest=material_digest(content),
                                content=json.dumps(content, sort_keys=True, ensure_ascii=False))
        db.session.add(version)
        db.session.flush()
    return version


def content_of(version: BannerVersion) -> dict:
    return json.loads(version.content)


def get(version_id: int) -> BannerVersion | None:
    return db.session.get(BannerVersion, version_id)
