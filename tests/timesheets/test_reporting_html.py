"""The time-report pages are valid HTML (W3C Nu checker) in every state they show (R-CON-3, issue 18)."""
from __future__ import annotations

import json
import subprocess
from datetime import timedelta

import sqlalchemy as sa
from flask import render_template_string

from portal.extensions import db
from portal.models import TimeReport
from tests.conftest import hx
from tests.timesheets.reporting_factories import engagement, last_week, week_form

EN = {"Accept-Language": "en"}
# The engagement page (built by another module) includes the weeks list; here a page of our own holds it.
WEEKS_PAGE = """{% extends "base.html" %}{% block content %}<h1>Assignment</h1>
{% include "consultant/_engagement_weeks.html" %}{% endblock %}"""


def _vnu(repo_root, tmp_path, pages: dict[str, str]) -> list[str]:
    paths = {}
    for i, (name, html) in enumerate(pages.items()):
        path = tmp_path / f"page{i}.html"
        path.write_text(html, encoding="utf-8")
        paths[str(path)] = name
    vnu = repo_root / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    result = subprocess.run(["java", "-jar", str(vnu), "--errors-only", "--format", "json", *paths],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [f"{paths.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: line {m.get('lastLine')}: "
            f"{m['message']}" for m in messages]


def test_every_state_of_the_week_page_is_valid_html(app, login_as, repo_root, tmp_path):
    consultant = login_as("consultant", locale="en")
    work = engagement(consultant.user)
    db.session.commit()
    url = f"/consultant/engagements/{work.id}/weeks/{last_week()}"
    first = f"/consultant/engagements/{work.id}/weeks/{last_week() - timedelta(weeks=3)}"
    pages = {"empty": consultant.get(url, headers=EN).get_data(as_text=True),
             "first week": consultant.get(first, headers=EN).get_data(as_text=True),
             "refused": consultant.post(url, headers=EN, data=week_form(last_week(), {
                 0: ("25", False, ""), 1: ("4", False, "sick leave"), 2: ("2", True, "")})).get_data(as_text=True)}
    consultant.post(url, data=week_form(last_week(), {0: ("8", False, "Design")}))
    pages["draft"] = consultant.get(url, headers=EN).get_data(as_text=True)
    report = db.session.scalar(sa.select(TimeReport))
    report.state, report.decision_comment = "rejected", "Wrong <day>"
    db.session.commit()
    pages["rejected"] = consultant.get(url, headers=EN).get_data(as_text=True)
    report.state = "approved"
    db.session.commit()
    pages["approved"] = consultant.get(url, headers=EN).get_data(as_text=True)
    consultant.post(f"{url}/correct")
    pages["correction"] = consultant.get(url, headers=EN).get_data(as_text=True)
    cell = consultant.post(f"{url}/days/{last_week()}", headers={**EN, **hx()},
                           data={f"hours-{last_week()}": "30"}).get_data(as_text=True)
    pages["cell"] = f"<!DOCTYPE html><html lang=en><title>x</title><table>{cell}</table>"
    with app.test_request_context(headers=EN):
        pages["weeks list"] = render_template_string(WEEKS_PAGE, engagement=work)
    assert all("<table" in html for html in pages.values())
    assert _vnu(repo_root, tmp_path, pages) == []
