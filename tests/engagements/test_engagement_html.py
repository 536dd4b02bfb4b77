"""Every engagement page and its refusals are valid HTML in both languages (W3C Nu checker), including the
fill form's terms on the shortlist page: the site map walks the demo's pages, not their 422 states."""
from __future__ import annotations

import json
import subprocess

from portal.extensions import db
from tests.engagements.conftest import EN, via_supplier


def test_engagement_pages_and_refusals_are_valid_html(scene, login_as, tmp_path, repo_root):
    supplier = login_as("supplier", name="Sam Supplier")
    via_supplier(scene.assignment, scene.consultant.user, supplier.user, rate=1000)
    db.session.commit()
    shortlist = f"/staff/assignments/{scene.assignment.id}/shortlist"
    pages = {"fill form": scene.staff.get(shortlist, headers=EN), "fill refused": scene.fill(rate="x")}
    assert scene.fill(rate="1300").status_code == 303
    engagement = scene.engagement()
    for portal, prefix in ((scene.consultant, "consultant"), (scene.buyer, "buyer"), (supplier, "supplier"),
                           (scene.staff, "staff")):
        for language in ("en", "sv"):
            for url in (f"/{prefix}/engagements", f"/{prefix}/engagements/{engagement.id}"):
                pages[f"{language} {url}"] = portal.get(url, headers={"Accept-Language": language})
    staff = f"/staff/engagements/{engagement.id}"
    pages["extend refused"] = scene.staff.post(f"{staff}/extend", data={"new_end": "", "reason": ""}, headers=EN)
    pages["approvers refused"] = scene.staff.post(f"{staff}/approvers", data={}, headers=EN)
    pages["empty list"] = scene.staff.get("/staff/engagements?phase=upcoming&page=2", headers=EN)
    names = {}
    for n, (label, response) in enumerate(pages.items()):
        assert response.status_code in (200, 422), label
        path = tmp_path / f"page{n:02d}.html"
        path.write_text(response.get_data(as_text=True), encoding="utf-8")
        names[str(path)] = label
    vnu = repo_root / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    result = subprocess.run(["java", "-Xss1024k", "-jar", str(vnu), "--errors-only", "--format", "json", *names],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    problems = [f"{names.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: line {m.get('lastLine')}: "
                f"{m['message']}" for m in messages]
    assert problems == [], "\n".join(problems)
