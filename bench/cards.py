"""`python -m bench.cards [--profiles N] [--cards M]`: what proving a card k-anonymous costs.

The pool is N generated consultants (portal.demo.generator) in a fresh SQLite database. For M of them the
bench drafts the card for a published assignment (`cards.draft`: bands, the k count per ladder step, the
refinement back) and, as the baseline in the same process, reads the same consultant's profile as the
drafter must anyway (`candidate_profiles.profile_dict`). It prints milliseconds per card (p50, p95) and
the ratio draft / profile read, and the k reached (min, median). A pick is a recruiter's click, not a
hot path: the figure says whether a pick stays well under a second as the pool grows.
"""
from __future__ import annotations

import argparse
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

from bench.__main__ import percentile
from bench.app import make_app

DATA = Path(__file__).resolve().parent / "data-cards"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.cards")
    parser.add_argument("--profiles", type=int, default=5_000)
    parser.add_argument("--cards", type=int, default=50)
    args = parser.parse_args()
    app = make_app(DATA)
    with app.app_context(), app.test_request_context():
        import sqlalchemy as sa

        from portal.demo import generator
        from portal.demo.profiles import create_consultant
        from portal.extensions import db
        from portal.models import Assignment, AssignmentRequirement, Organisation, User
        from portal.services.matching import skills
        from portal.services.shortlists import candidate_profiles, cards

        skills.seed_defaults()
        started = time.perf_counter()
        for record in generator.generate(args.profiles, seed=2026):
            create_consultant(record, "-")
        db.session.commit()
        print(f"{args.profiles:,} profiles loaded in {time.perf_counter() - started:.1f} s", flush=True)
        buyer = Organisation(name="Bench buyer AB", org_number="5560000001", kind="buyer", status="approved")
        db.session.add(buyer)
        db.session.flush()
        today = date.today()
        assignment = Assignment(organisation_id=buyer.id, title="Bench", role="Data engineer", description="-",
                                state="shortlisting", start_date=today + timedelta(days=30),
                                answer_deadline=today + timedelta(days=10))
        assignment.requirements = [AssignmentRequirement(kind="must", text="Python", position=0),
                                   AssignmentRequirement(kind="should", text="PostgreSQL", weight=3, position=1)]
        db.session.add(assignment)
        db.session.commit()
        people = db.session.scalars(sa.select(User).where(User.role == "consultant").order_by(User.id)
                                    .limit(args.cards)).all()
        drafts, reads, ks = [], [], []
        for person in people:
            t0 = time.perf_counter()
            candidate_profiles.profile_dict(person)
            t1 = time.perf_counter()
            _card, k = cards.draft(person, assignment)
            t2 = time.perf_counter()
            reads.append((t1 - t0) * 1000)
            drafts.append((t2 - t1) * 1000)
            ks.append(k)
        print(f"card draft: p50 {statistics.median(drafts):.1f} ms, p95 {percentile(drafts, 95):.1f} ms; "
              f"profile read (baseline): p50 {statistics.median(reads):.2f} ms; "
              f"ratio draft/read {statistics.median(drafts) / statistics.median(reads):.0f}x; "
              f"k reached: min {min(ks)}, median {statistics.median(ks):.0f}")


if __name__ == "__main__":
    main()
