"""What browser tests check: axe-core, reflow at 320 px, signing in. The live server and Chromium are fixtures of
tests/browser_fixtures.py, a plugin of the root conftest, so tests outside this folder share the one browser."""
from __future__ import annotations

import functools
import json
from pathlib import Path


from tests.browser_fixtures import CHROMIUM  # noqa: F401  (the Lighthouse test starts the same binary)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


# Only what the assertions read crosses back from the page: the whole result (every passing node) costs more to
# serialise than axe takes to run.
AXE_RUN = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
  .then(result => result.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map(n => n.target)})))"""


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def with_axe(context):
    """Loads axe-core into every page of this context as it opens: a walk over many pages then need not send the
    script across for each one."""
    context.add_init_script(path=str(AXE))
    return context


def axe_violations(page) -> list[dict]:
    """Run axe-core (from npm) in the page; WCAG 2.1 A and AA rules only."""
    # evaluate() and init scripts run outside the page's CSP, so our strict policy need not allow them.
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(_axe_source())
    return page.evaluate(AXE_RUN, AXE_TAGS)


def assert_fits(page, width: int = 320) -> None:
    """No horizontal scroll at this width (WCAG 1.4.10 reflow)."""
    page.set_viewport_size({"width": width, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1)


def sign_in(page, base: str, user, password: str | None = None) -> None:
    """Sign in through the login form (and the TOTP step when the account has one)."""
    import re

    from tests import factories
    from tests.conftest import totp_code

    page.goto(base + "/auth/login")
    page.fill("#email", user.email)
    page.fill("#password", password or factories.PASSWORD)
    page.locator("main form button[type=submit]").click()
    if user.totp_secret:
        page.wait_for_url(re.compile(r"/auth/login/code$"))
        page.fill("#code", totp_code(user))
        page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(rf"/{user.role}/$"))


PUBLIC_ONLY = ("/auth/login", "/auth/register", "/auth/check-mail", "/auth/password", "/auth/verify",
               "/auth/invitation", "/privacy-policy", "/cookies")


def _access_roles(user) -> set[str]:
    """The person's names in the access table of tests/foundation/test_access_table.py."""
    if user is None:
        return {"anonymous"}
    return {user.role, *(f"staff:{role}" for role in user.staff_role_set)} if user.role == "staff" else {user.role}


def every_page(app, base: str, context_factory, locale: str, axe: bool = False, **context_options):
    """Every page of the site map for every demo login, in `locale`: yields (who, url, page) with the page loaded,
    its lang checked, and axe-core loaded when `axe`. Not opened: a page the access table closes to the person
    (its refusal is that table's test), the visitor's pages for a signed-in person (checked for the anonymous
    login). Skipped after opening: a 403 of one object, and a redirect (its target is walked at its own address)."""
    import sqlalchemy as sa

    from portal.demo import seed
    from portal.extensions import db
    from portal.models import User
    from tests import site_map
    from tests.foundation.test_access_table import EXPECTED

    # Signed-in pages follow the person's own setting, not the browser: give every demo login this language.
    db.session.execute(sa.update(User).values(locale=locale[:2]))
    db.session.commit()
    with app.test_request_context():
        urls = site_map.urls(app)
    routes = app.url_map.bind("127.0.0.1")
    for who in site_map.LOGINS:
        email = site_map.demo_email(who)
        user = db.session.scalar(sa.select(User).where(User.email == email)) if email else None
        roles = _access_roles(user)
        context = context_factory(locale=locale, **context_options)
        page = (with_axe(context) if axe else context).new_page()
        if user:
            sign_in(page, base, user, seed.DEMO_PASSWORD)
        for url in urls:
            if user and url.startswith(PUBLIC_ONLY):
                continue
            if not roles & set(EXPECTED[routes.match(url.partition("?")[0], method="GET")[0]]):
                continue
            response = page.goto(base + url)
            if response.status == 403 or page.url != base + url:
                continue
            assert page.evaluate("document.documentElement.lang") == locale[:2], f"{who} {url}"
            yield who, url, page
        page.context.close()
