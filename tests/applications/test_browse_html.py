"""R-CON-1: the browser's pages are valid HTML (W3C Nu checker) in the states the site map does not reach: a
refused filter (400), no results, the fit of a real profile, the saved searches and their unsubscribe pages."""
from __future__ import annotations

import json
import subprocess

from portal.extensions import db
from portal.services.applications import browse, saved_searches
from tests.applications.test_browse import market  # noqa: F401  (the fixture)
from tests.applications.test_saved_search import _opted_in
from tests.search.test_ranking_page import make_profile


def test_browser_pages_are_valid_html(market, app, tmp_path, repo_root):  # noqa: F811
    consultant, _hidden, _shown = market
    make_profile(consultant.user, skills=[("Python", 4)], languages=[("Svenska", "C2")])
    db.session.commit()
    token = saved_searches.issue(_opted_in(consultant))
    urls = ["/consultant/assignments", "/consultant/assignments?extent_min=abc&q=%3Cscript%3E",
            "/consultant/assignments?q=zzz", "/consultant/assignments?remote=hybrid&region=%C3%96rebro&rate=x",
            "/consultant/saved-searches", f"/consultant/saved-searches/unsubscribe/{token}",
            "/consultant/saved-searches/unsubscribe/bad",
            *(f"/consultant/assignments/{i}" for i in browse.matching_ids(browse.Filters()))]
    pages = {}
    for i, url in enumerate(urls):
        response = consultant.get(url, headers={"Accept-Language": "en"})
        assert response.status_code in (200, 400), (url, response.status_code)
        pages[f"page{i}.html"] = (url, response.get_data(as_text=True))
    done = app.test_client().post(f"/consultant/saved-searches/unsubscribe/{token}",
                                  data={"List-Unsubscribe": "One-Click"})
    pages["done.html"] = ("unsubscribed", done.get_data(as_text=True))
    names = {}
    for name, (url, html) in pages.items():
        (tmp_path / name).write_text(html, encoding="utf-8")
        names[str(tmp_path / name)] = url
    vnu = repo_root / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    result = subprocess.run(["java", "-Xss1024k", "-jar", str(vnu), "--errors-only", "--format", "json", *names],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    problems = [f"{names.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: line {m.get('lastLine')}: "
                f"{m['message']}" for m in messages]
    assert problems == [], "\n".join(problems[:40])
