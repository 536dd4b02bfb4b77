"""Every page of every role is valid HTML in both languages, checked by the W3C Nu checker (npm vnu-jar) in one
batch (issue #18: the site map walks them all)."""
from __future__ import annotations

import json
import subprocess

import sqlalchemy as sa

from portal.extensions import db
from portal.models import User
from portal.demo import seed
from tests import site_map
from tests.conftest import sign_in


def _collect(app, tmp_path) -> dict:
    app.config["WTF_CSRF_ENABLED"] = False
    site_map.load_demo()
    with app.test_request_context():
        urls = site_map.urls(app)
    pages = {}
    for language in ("sv", "en"):
        # signed-in pages follow the person's own setting, the visitor's follow the browser
        db.session.execute(sa.update(User).values(locale=language))
        db.session.commit()
        for who in site_map.LOGINS:
            client = app.test_client()
            client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
            email = site_map.demo_email(who)
            if email:
                sign_in(client, db.session.scalar(sa.select(User).where(User.email == email)), seed.DEMO_PASSWORD)
            for url in urls:
                response = client.get(url)
                if response.status_code < 500 and response.mimetype == "text/html" and response.status_code != 303:
                    html = response.get_data(as_text=True)
                    assert f'<html lang="{language}">' in html, f"{who} {url}"
                    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
                    assert "<" not in title, f"{who} {url}: markup in the title"  # vnu reads it as text
                    pages[(language, who, url, response.status_code)] = html
            # form errors and error pages are pages too
            pages[(language, who, "/auth/register [422]", 422)] = client.post(
                "/auth/register", data={"email": "x"}).get_data(as_text=True)
            pages[(language, who, "/404", 404)] = client.get("/nothing-here").get_data(as_text=True)
    return pages


def test_every_page_is_valid_html(app, tmp_path, repo_root):
    pages = _collect(app, tmp_path)
    assert len(pages) > 300
    names = {}
    for i, ((language, who, url, status), html) in enumerate(sorted(pages.items())):
        path = tmp_path / f"page{i:04d}.html"
        path.write_text(html, encoding="utf-8")
        names[str(path)] = f"{language} {who} {url} ({status})"
    vnu = repo_root / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    result = subprocess.run(["java", "-Xss1024k", "-jar", str(vnu), "--errors-only", "--format", "json", *names],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    problems = [f"{names.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: line {m.get('lastLine')}: "
                f"{m['message']}" for m in messages]
    assert problems == [], "\n".join(problems[:40])
