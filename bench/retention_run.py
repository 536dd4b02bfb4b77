"""`python -m bench.retention_run [--consultants N]`: `flask retention run`'s core over N consultants.

A fresh migrated SQLite database (bench/app.py) gets N consultants: most active in the last two years,
WARN of them inactive for 3 years minus 1–29 days (to be warned), DELETE of them inactive for more than
3 years and warned over 30 days ago (to be deleted). The ones to delete are full profiles from the demo
generator (`portal.demo.generator`, the same as `flask demo load`) and in the search index, so erasure
does its real work (rows, files, index, storage hygiene); the active majority are plain account rows,
which is all the run reads of them. Then `retention.run.run()` is timed as the command calls it,
committing as it goes. Target: under 60 s for 100,000.
"""
from __future__ import annotations

import argparse
import secrets
import shutil
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from bench.app import make_app

DATA = Path(__file__).resolve().parent / "data-retention-run"
TODAY = date(2026, 12, 12)
PERIOD, WARN = 3 * 365, 30


def fill(consultants: int, to_warn: int, to_delete: int) -> None:
    """The consultants, their last activity, and the warnings of those due for deletion."""
    import sqlalchemy as sa

    from portal.demo import generator, profiles
    from portal.extensions import db
    from portal.models import RetentionWarning, User
    from portal.services.matching import search

    noon = datetime.combine(TODAY, datetime.min.time()) + timedelta(hours=12)
    deleted_ids = []
    for record in generator.generate(to_delete, seed=2026):
        user = profiles.create_consultant(record, "!bench")
        user.last_active_at = noon - timedelta(days=PERIOD + 10 + len(deleted_ids) % 300)
        deleted_ids.append(user.id)
    db.session.flush()
    db.session.add_all(RetentionWarning(user_id=uid, last_active_at=db.session.get(User, uid).last_active_at,
                                        warned_at=noon - timedelta(days=WARN + 5), delete_on=TODAY,
                                        nonce=secrets.token_hex(16), state="sent") for uid in deleted_ids)
    db.session.commit()
    search.rebuild()
    rows, batch = [], 5_000
    for n in range(consultants - to_delete):
        inactive_days = PERIOD - WARN + 1 + n % (WARN - 1) if n < to_warn else n % 700
        rows.append({"email": f"bench{n}@example.se", "password_hash": "!bench", "role": "consultant",
                     "staff_roles": "", "name": f"Bench Consultant {n}", "locale": "sv" if n % 3 else "en",
                     "is_disabled": False, "totp_enabled": False, "session_epoch": 0,
                     "created_at": noon - timedelta(days=PERIOD + 400),
                     "last_active_at": noon - timedelta(days=inactive_days, minutes=n % 600)})
        if len(rows) == batch:
            db.session.execute(sa.insert(User), rows)
            rows = []
    if rows:
        db.session.execute(sa.insert(User), rows)
    db.session.commit()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.retention_run")
    parser.add_argument("--consultants", type=int, default=100_000)
    parser.add_argument("--warn", type=int, default=2_000)
    parser.add_argument("--delete", type=int, default=500)
    args = parser.parse_args()
    app = make_app(DATA)
    from portal.extensions import db
    from portal.services.actors import SYSTEM
    from portal.services.retention import run

    with app.app_context():
        print(f"writing {args.consultants:,} consultants ({args.warn:,} to warn, {args.delete:,} to delete) ...",
              flush=True)
        started = time.perf_counter()
        fill(args.consultants, args.warn, args.delete)
        print(f"written in {time.perf_counter() - started:.1f} s", flush=True)

        started = time.perf_counter()
        due = run.plan(run.clock(TODAY)[1])
        planned = time.perf_counter() - started

        started, cpu = time.perf_counter(), time.process_time()
        outcome = run.run(SYSTEM, TODAY, link_for=lambda token: f"https://portal.example/auth/keep-account/{token}",
                          commit=db.session.commit)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        again = time.perf_counter()
        second = run.run(SYSTEM, TODAY, link_for=lambda token: token, commit=db.session.commit)
        again = time.perf_counter() - again
    counts = {k: v for k, v in outcome.counts.items() if k != "expired"}
    print(f"planning alone (the two set queries and the representatives): {planned:.2f} s, {len(due):,} due")
    print(f"retention run: {wall:.2f} s wall, {cpu:.2f} s CPU; {args.consultants / wall:,.0f} consultants/s")
    print(f"counts: {counts}; expired: {outcome.counts['expired']}")
    print(f"second run the same day: {again:.3f} s, already_ran={second.already_ran}")
    shutil.rmtree(DATA, ignore_errors=True)


if __name__ == "__main__":
    main()
