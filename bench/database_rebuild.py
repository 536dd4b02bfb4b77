"""`python -m bench.database_rebuild [--profiles N]`: the index rebuilt from the real profile tables.

The main bench feeds the index from memory; this one writes N profiles made by the demo generator
(`portal.demo`, the same code as `flask demo load`) into a fresh SQLite database through the demo
loader, then times `search.rebuild()` as `flask search rebuild` runs it: reading the tables in
batches and writing the index. The baseline in the same run is the index write alone, fed the same
documents already read into memory, so the ratio is what reading the database costs on top.
"""
from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

from bench.app import make_app

DATA = Path(__file__).resolve().parent / "data-database-rebuild"


def fill(count: int) -> int:
    """Write `count` generated consultants with their profiles; returns how many were created."""
    from portal.demo import generator, profiles
    from portal.extensions import db
    from portal.services.accounts.passwords import hash_password

    password_hash = hash_password("bench-not-a-login")
    created = 0
    for record in generator.generate(count, seed=2026):
        created += profiles.create_consultant(record, password_hash) is not None
        if created % 500 == 0:
            db.session.commit()
    db.session.commit()
    return created


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.database_rebuild")
    parser.add_argument("--profiles", type=int, default=1_500)
    args = parser.parse_args()
    app = make_app(DATA)
    from portal.services.matching import documents, search

    with app.app_context():
        print(f"writing {args.profiles:,} generated profiles to the database ...", flush=True)
        created = fill(args.profiles)
        ids = list(documents.consultant_ids())

        started = time.perf_counter()
        in_memory = [doc for doc in documents.load_documents(ids).values()]
        read = time.perf_counter() - started
        started = time.perf_counter()
        search.current_index().rebuild(iter(in_memory))
        index_only = time.perf_counter() - started

        started = time.perf_counter()
        indexed = search.rebuild()
        full = time.perf_counter() - started
    print(f"profiles in the database: {created:,}; indexed by search.rebuild(): {indexed:,}")
    print(f"read the tables into documents: {read:.2f} s")
    print(f"baseline, index write from memory: {index_only:.2f} s")
    print(f"search.rebuild() from the tables: {full:.2f} s "
          f"({full / index_only:.2f}x the baseline; {indexed / full:,.0f} profiles/s)")
    shutil.rmtree(DATA, ignore_errors=True)


if __name__ == "__main__":
    main()
