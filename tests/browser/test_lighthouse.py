"""Public pages score 100 in every Lighthouse category (issue #18): performance, accessibility, best practices
(a favicon, no console errors) and SEO (a meta description), run by the npm `lighthouse` package in Debian's
Chromium against the real app. Every public page in Swedish, the main ones in English too."""
from __future__ import annotations

import json
import os
import subprocess

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import Assignment
from tests import site_map
from tests.browser.conftest import CHROMIUM

pytestmark = pytest.mark.browser
PUBLIC = ["/", "/assignments", "/privacy-policy", "/privacy-policy/versions", "/cookies", "/auth/login",
          "/auth/register", "/auth/register/organisation", "/auth/password/forgot"]
MAIN = ["/", "/assignments", "/auth/login"]


def _scores(repo_root, language: str, urls: list[str]) -> list[dict]:
    script = repo_root / "tests" / "browser" / "lighthouse_scores.mjs"
    result = subprocess.run(["node", str(script), language, *urls], capture_output=True, text=True, timeout=600,
                            cwd=repo_root, env={**os.environ, "CHROME_PATH": CHROMIUM})
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


@pytest.mark.parametrize("language, paths", [("sv", PUBLIC), ("en", MAIN)])
def test_public_pages_score_100_in_every_category(app, live_server, repo_root, language, paths):
    site_map.load_demo()
    published = db.session.scalar(sa.select(Assignment.id).where(Assignment.state == "published").limit(1))
    assert published, "the demo data has a published assignment"
    urls = [live_server + path for path in [*paths, f"/assignments/{published}"]]
    problems = []
    for page in _scores(repo_root, language, urls):
        assert page["error"] is None, page
        assert set(page["scores"]) == {"performance", "accessibility", "best-practices", "seo"}
        if any(score != 1 for score in page["scores"].values()):
            problems.append(f"{page['url']}: {page['scores']} {page['failed']}")
    assert problems == [], "\n".join(problems)
