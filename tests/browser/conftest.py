"""What browser tests check: axe-core, reflow at 320 px, signing in. The live server and Chromium are fixtures of
tests/browser_fixtures.py, a plugin of the root conftest, so tests outside this folder share the one browser."""
from __future__ import annotations

import json
from pathlib import Path


from tests.browser_fixtures import CHROMIUM  # noqa: F401  (the Lighthouse test starts the same binary)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[dict]:
    """Run axe-core (from npm) in the page; WCAG 2.1 A and AA rules only."""
    # evaluate() runs outside the page's CSP, so our strict policy need not allow it.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]]


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
