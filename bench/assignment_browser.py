"""`python -m bench.assignment_browser [--assignments N] [--rounds R]`: the consultants' assignment browser
(R-CON-1) over N published assignments (default 5,000), in process. Target: p95 < 50 ms with filters.

A fresh migrated SQLite database (bench/app.py) gets N published assignments with 2–5 requirements each,
written the way buyers write them ("minst fem års erfarenhet av Java", "React eller Vue"), and N/5 drafts and
closed ones that must never show. Then, for each filter combination, R timed runs (after warm-up) of
 - the service, `browse.search(browse.parse(args))`, as the view calls it (a fresh session each run), and
 - the page, GET /consultant/assignments?... through the Flask test client, signed in as a consultant,
   with every request hook (access table, session, CSP, audit of nothing) as in production.
Reported: p50 and p95 in ms, and the ratio of each p95 to a yardstick in the same run: for the service the
unfiltered first page, for the page the bare health check (GET /healthz, one `SELECT 1`) of the same app.
"""
from __future__ import annotations

import argparse
import math
import os
import random
import shutil
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from bench.app import make_app

DATA = Path(__file__).resolve().parent / "data-assignment-browser"
TODAY = date.today()
TARGET_MS = 50.0
SKILLS = ["Python", "Java", "Kotlin", "JavaScript", "TypeScript", "React", "Vue", "Kubernetes", "Terraform",
          "PostgreSQL", "AWS", "Azure", "C#", ".NET", "Go", "Kafka", "Spark", "Scrum", "UX design", "SAP S/4HANA"]
PHRASES = ["{s}", "minst fem års erfarenhet av {s}", "at least 3 years of {s}", "{s} eller {t}", "{s}, {t} och SQL",
           "Erfarenhet av {s} i offentlig sektor", "{s}/{t}"]
ROLES = ["Backend developer", "Frontend developer", "Data engineer", "Cloud architect", "Project manager",
         "Test lead", "Security specialist", "Scrum master", "UX designer", "SAP consultant"]
PLACES = ["Stockholm", "Göteborg", "Malmö", "Uppsala", "Örebro", "Linköping", "Umeå", "Luleå", "Västerås", ""]
WORDS = ("system plattform kunder ärenden integration säkerhet data migrering moln tjänster agila team "
         "förvaltning utveckling arkitektur betalningar logistik energi hälsa offentlig bank försäkring").split()

# name -> query string: the combinations a consultant uses, alone and together.
CASES = {
    "unfiltered, first page": {},
    "unfiltered, page 50": {"page": "50"},
    "one word": {"q": "kubernetes"},
    "two words": {"q": "säkerhet integration"},
    "one skill (synonyms)": {"skills": "Postgres"},
    "two skills": {"skills": "Java, Kubernetes"},
    "place + remote": {"region": "stockholm", "remote": ["hybrid", "remote"]},
    "start + extent + rate": {"start_from": (TODAY + timedelta(days=30)).isoformat(), "extent_min": "80",
                              "rate": "1000"},
    "word + skill + place": {"q": "moln", "skills": "Python", "region": "Göteborg"},
    "everything": {"q": "data", "skills": "Python", "region": "Stockholm", "remote": ["hybrid", "remote"],
                   "start_from": TODAY.isoformat(), "start_until": (TODAY + timedelta(days=150)).isoformat(),
                   "extent_min": "50", "extent_max": "100", "rate": "900"},
    "nothing found": {"q": "zzzzzz"},
}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1)]


def _requirement(rng: random.Random) -> str:
    s, t = rng.sample(SKILLS, 2)
    return rng.choice(PHRASES).format(s=s, t=t)


def fill(n: int) -> int:
    """N published assignments and N/5 others, in bulk; returns the consultant's id."""
    import sqlalchemy as sa

    from portal.extensions import db
    from portal.models import Assignment, AssignmentRequirement, Organisation, User
    from portal.services.accounts.passwords import hash_password
    from portal.services.matching import skills

    rng = random.Random(2026)
    skills.seed_defaults()
    organisations = [Organisation(kind="buyer", name=f"Bench Köpare {i} AB", org_number=f"55{i:08d}",
                                  status="approved") for i in range(20)]
    db.session.add_all(organisations)
    consultant = User(email="bench.konsult@example.se", password_hash=hash_password("bench password 2026"),
                      role="consultant", name="Bench Konsult", email_verified_at=datetime(2026, 1, 1))
    db.session.add(consultant)
    db.session.flush()
    now = datetime.utcnow()
    rows, requirements = [], []
    for i in range(n + n // 5):
        state = "published" if i < n else rng.choice(["draft", "submitted", "shortlisting", "filled", "cancelled"])
        role = rng.choice(ROLES)
        description = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 120)))
        start = TODAY + timedelta(days=rng.randint(0, 180))
        rows.append({"id": i + 1, "organisation_id": rng.choice(organisations).id, "title": f"{role} {i}",
                     "description": description, "role": role, "languages": "Svenska", "location": rng.choice(PLACES),
                     "remote": rng.choice(["onsite", "hybrid", "remote"]), "start_date": start,
                     "end_date": start + timedelta(days=180), "extent": rng.choice([40, 50, 60, 80, 100]),
                     "rate_ceiling": rng.choice([None, 800, 950, 1100, 1250, 1400]), "consultants_wanted": 1,
                     "answer_deadline": TODAY + timedelta(days=rng.randint(1, 30)),
                     "show_buyer": rng.random() < 0.3, "state": state, "version": 1, "created_at": now,
                     "updated_at": now, "published_at": now - timedelta(minutes=i) if state != "draft" else None})
        for position in range(rng.randint(2, 5)):
            kind = "must" if position < 2 else "should"
            requirements.append({"assignment_id": i + 1, "kind": kind, "text": _requirement(rng),
                                 "weight": None if kind == "must" else rng.randint(1, 5), "position": position})
    db.session.execute(sa.insert(Assignment), rows)
    db.session.execute(sa.insert(AssignmentRequirement), requirements)
    db.session.commit()
    return consultant.id


def like_ids(filters) -> list[int]:
    """The alternative measured against the in-process view (browse_index.py): SQL `LIKE` for every word over
    the title, role, description and requirement texts, as PostgreSQL and SQLite would both run it."""
    import sqlalchemy as sa

    from portal.extensions import db
    from portal.models import Assignment, AssignmentRequirement
    from portal.services.applications import browse_index

    def contains(column, word):
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return column.ilike(f"%{escaped}%", escape="\\")

    where = [browse_index.open_condition(TODAY)]
    for word in filters.tokens:
        in_requirements = sa.select(AssignmentRequirement.id).where(
            AssignmentRequirement.assignment_id == Assignment.id, contains(AssignmentRequirement.text, word)).exists()
        where.append(sa.or_(contains(Assignment.title, word), contains(Assignment.role, word),
                            contains(Assignment.description, word), in_requirements))
    if filters.region:
        where.append(contains(Assignment.location, filters.region))
    return list(db.session.scalars(sa.select(Assignment.id).where(*where)
                                   .order_by(Assignment.published_at.desc(), Assignment.id.desc())))


def _time(run, rounds: int, warm: int = 3) -> dict[str, list[float]]:
    """Wall-clock and CPU milliseconds per run: on a shared machine the CPU time is what the code costs."""
    for _ in range(warm):
        run()
    wall, cpu = [], []
    for _ in range(rounds):
        started, used = time.perf_counter(), time.process_time()
        run()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    return {"wall": wall, "cpu": cpu}


def measure(app, rounds: int) -> dict:
    from urllib.parse import urlencode

    from werkzeug.datastructures import MultiDict

    from portal.extensions import db
    from portal.services.applications import browse

    app.config["WTF_CSRF_ENABLED"] = False
    client = app.test_client()
    response = client.post("/auth/login", data={"email": "bench.konsult@example.se",
                                               "password": "bench password 2026"})
    assert response.status_code in (302, 303), response.status_code
    figures = {}

    def service(args):
        def run():
            with app.test_request_context():
                results = browse.search(browse.parse(MultiDict(
                    [(k, v) for k, vs in args.items() for v in (vs if isinstance(vs, list) else [vs])])))
                assert results.total >= 0
                db.session.remove()
        return run

    def like(args):
        def run():
            with app.test_request_context():
                like_ids(browse.parse(MultiDict(
                    [(k, v) for k, vs in args.items() for v in (vs if isinstance(vs, list) else [vs])])))
                db.session.remove()
        return run

    def page(url):
        def run():
            got = client.get(url, headers={"Accept-Language": "sv"})
            assert got.status_code == 200, (url, got.status_code)
        return run

    health = _time(page("/healthz"), rounds)
    figures["yardstick: GET /healthz"] = {"page": health}
    for name, args in CASES.items():
        url = "/consultant/assignments" + ("?" + urlencode(args, doseq=True) if args else "")
        with app.test_request_context():
            total = browse.search(browse.parse(MultiDict(
                [(k, v) for k, vs in args.items() for v in (vs if isinstance(vs, list) else [vs])]))).total
        figures[name] = {"found": total, "service": _time(service(args), rounds), "page": _time(page(url), rounds)}
        if ("q" in args or "region" in args) and "skills" not in args:
            figures[name]["like"] = _time(like(args), rounds)
    return figures


def report(figures: dict, n: int, rounds: int) -> bool:
    base_service = percentile(figures["unfiltered, first page"]["service"]["wall"], 95)
    health = figures["yardstick: GET /healthz"]["page"]
    base_page = percentile(health["wall"], 95)
    print(f"\n{n:,} published assignments, {rounds} runs per case, SQLite, in process; load average "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    print(f"yardsticks (p95): service, unfiltered first page {base_service:.1f} ms; page, GET /healthz "
          f"{base_page:.1f} ms (CPU {percentile(health['cpu'], 95):.1f} ms)\n")
    print("| case | found | service p50 | service p95 | × unfiltered | page p50 | page p95 | × /healthz "
          "| page CPU p95 |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    ok = True
    for name, f in figures.items():
        if "service" not in f:
            continue
        s50, s95 = percentile(f["service"]["wall"], 50), percentile(f["service"]["wall"], 95)
        p50, p95 = percentile(f["page"]["wall"], 50), percentile(f["page"]["wall"], 95)
        ok = ok and p95 < TARGET_MS
        print(f"| {name} | {f['found']:,} | {s50:.1f} ms | {s95:.1f} ms | {s95 / base_service:.2f} | "
              f"{p50:.1f} ms | {p95:.1f} ms | {p95 / base_page:.1f} | {percentile(f['page']['cpu'], 95):.1f} ms |")
    print("\nThe alternative, SQL LIKE per word (ids only, no page loaded), for the cases with words or a place:")
    print("| case | LIKE p50 | LIKE p95 | this service p50 | this service p95 |\n| --- | --- | --- | --- | --- |")
    for name, f in figures.items():
        if "like" in f:
            print(f"| {name} | {percentile(f['like']['wall'], 50):.1f} ms | {percentile(f['like']['wall'], 95):.1f} ms "
                  f"| {percentile(f['service']['wall'], 50):.1f} ms | {percentile(f['service']['wall'], 95):.1f} ms |")
    print(f"\npage p95 (wall clock) under {TARGET_MS:.0f} ms in every case: {'yes' if ok else 'NO'}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.assignment_browser")
    parser.add_argument("--assignments", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    app = make_app(DATA)
    with app.app_context():
        started = time.perf_counter()
        fill(args.assignments)
        print(f"written {args.assignments:,} published assignments (+{args.assignments // 5:,} others) in "
              f"{time.perf_counter() - started:.1f} s", flush=True)
    ok = report(measure(app, args.rounds), args.assignments, args.rounds)
    shutil.rmtree(DATA, ignore_errors=True)
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
