"""`python -m bench.pages --ranking-100k`: the recruiter's ranking page over 100,000 consultant profiles.

The demo data, plus generated profiles (portal.demo.generator, the demo's seed, so the first 200 are the
demo's own) up to PROFILES, written with bulk inserts (creating 100,000 accounts one by one through the
services takes the better part of an hour); then `flask search rebuild` reads them back from the database
as production does, and wrk loads the staff ranking page of the demo assignment with a shortlist
(must: Python and Swedish; should: PostgreSQL, Kubernetes) at 16 connections. Target: p95 < 100 ms.
"""
from __future__ import annotations

import os
import shutil
import subprocess  # nosec B404  # our own flask CLI
import time
from itertools import islice

from bench.pages import server

PROFILES = 100_000
BATCH = 5_000
TARGET_P95_MS = 100


def _insert_profiles(env: dict[str, str]) -> None:
    os.environ.update(env)
    import sqlalchemy as sa

    from portal import create_app
    from portal.demo import generator
    from portal.demo.profiles import GENERATED, SEED
    from portal.extensions import db
    from portal.models import (ConsultantProfile, EmploymentEntry, ProfileIndustry, ProfileInterest, ProfileLanguage,
                               ProfileSkill, User, utcnow)
    from portal.services.matching import skills
    from portal.services.profiles.linkedin_merge import loose_date

    app = create_app()
    with app.app_context(), app.test_request_context():
        skill_ids: dict[str, int] = {}
        user_id = db.session.scalar(sa.select(sa.func.max(User.id))) + 1
        profile_id = (db.session.scalar(sa.select(sa.func.max(ConsultantProfile.id))) or 0) + 1
        records = islice(generator.generate(PROFILES, seed=SEED), GENERATED, None)  # the demo made the first ones
        now = utcnow()
        while chunk := list(islice(records, BATCH)):
            users, profiles, parts = [], [], {ProfileSkill: [], ProfileLanguage: [], ProfileIndustry: [],
                                              ProfileInterest: [], EmploymentEntry: []}
            for record in chunk:
                users.append({"id": user_id, "email": record["email"], "password_hash": "-", "role": "consultant",
                              "name": record["name"], "phone": record["phone"], "locale": "sv",
                              "email_verified_at": now, "created_at": now, "last_active_at": now})
                profiles.append({"id": profile_id, "user_id": user_id, "city": record["city"],
                                 "region": record["region"], "country": "SE", "title": record["title"],
                                 "summary": record["summary"], "available_from": loose_date(record["available_from"]),
                                 "extent": record["extent"], "remote": record["remote"],
                                 "hourly_rate": record["hourly_rate"], "created_at": now, "updated_at": now})
                seen = set()
                for item in record["skills"]:
                    if item["name"] not in skill_ids:
                        skill_ids[item["name"]] = skills.resolve(item["name"]).id
                    if skill_ids[item["name"]] not in seen:
                        seen.add(skill_ids[item["name"]])
                        parts[ProfileSkill].append({"profile_id": profile_id, "skill_id": skill_ids[item["name"]],
                                                    "level": item["level"], "years": item["years"]})
                parts[ProfileLanguage] += [{"profile_id": profile_id, **lang} for lang in record["languages"]]
                parts[ProfileIndustry] += [{"profile_id": profile_id, "name": n} for n in record["industries"]]
                parts[ProfileInterest] += [{"profile_id": profile_id, "text": t} for t in record["interests"]]
                parts[EmploymentEntry] += [{"profile_id": profile_id, "employer": e["employer"], "title": e["title"],
                                            "start": loose_date(e["start"]), "end": loose_date(e["end"]),
                                            "description": e["description"]} for e in record["employment"]]
                user_id, profile_id = user_id + 1, profile_id + 1
            db.session.execute(sa.insert(User), users)
            db.session.execute(sa.insert(ConsultantProfile), profiles)
            for model, rows in parts.items():
                db.session.execute(sa.insert(model), rows)
            db.session.commit()
            print(f"  {profile_id - 1:,} profiles", flush=True)


def run(seconds: int, connections: int, wrk) -> dict:
    from bench.pages.__main__ import DATA, demo_ids, logins

    started = time.perf_counter()
    port = server.free_port()
    env = server.demo_env(DATA, port)
    print("loading the demo data, then generated profiles up to 100,000 ...", flush=True)
    server.load_demo(DATA, env)
    _insert_profiles(env)
    t = time.perf_counter()
    subprocess.run([str(server.BIN / "flask"), "--app", "wsgi", "search", "rebuild"], cwd=server.ROOT, env=env,  # nosec B603
                   check=True, stdout=subprocess.DEVNULL)
    rebuild_s = time.perf_counter() - t
    ids = demo_ids(env)
    path = f"/staff/assignments/{ids['shortlisting']}/ranking"
    with server.gunicorn("wsgi:app", port, env, DATA) as base:
        cookie = logins(base)["rekryterare"]
        status = server.status_of(base + path, cookie)
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
        figure = wrk(base + path, seconds, cookie, connections)
    shutil.rmtree(DATA, ignore_errors=True)
    return {**figure, "path": path, "profiles": PROFILES, "connections": connections, "seconds": seconds,
            "rebuild_s": round(rebuild_s, 1), "setup_s": round(time.perf_counter() - started - seconds, 1),
            "load_average": [round(x, 2) for x in os.getloadavg()], "when": time.strftime("%Y-%m-%d %H:%M UTC"),
            "target_p95_ms": TARGET_P95_MS, "meets_target": figure["p95_ms"] < TARGET_P95_MS}
