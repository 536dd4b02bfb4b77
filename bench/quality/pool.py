"""`python -m bench.quality pool`: rank every assignment with each ranker, pool the tops, write sheets and the key.

Deterministic: the same generator seed and size, the same assignments and the same code give the same
pairs, ids, order and sheets. A pair's id is a hash of the assignment and the profile as the grader reads
them, so a pair whose texts did not change keeps its id and its grade; only pairs without a grade go on
new sheets, numbered after the batches graded so far, so no grader's file is ever overwritten.
"""
from __future__ import annotations

import hashlib
import json
import math
import random
import shutil
import tempfile
import time
from pathlib import Path

from bench.baseline import Fts5
from bench.quality import (
    ASSIGNMENTS, GRADES, KEY, MAX_PAIRS, POOL_SIZE, POOLED, RANDOM, RUN_DEPTH, SEED, TO_GRADE,
)
from bench.quality.grades import batch_number, read_grades
from bench.quality.texts import assignment_model, assignment_text, profile_text, raw_text

BATCH_MAX = 250
DATA = Path(tempfile.gettempdir()) / "portal-bench-quality"


def load_assignments() -> list[dict]:
    with ASSIGNMENTS.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def pair_id(assignment: dict, a_text: str, profile_key: str, p_text: str) -> str:
    digest = hashlib.sha256("\x1f".join([assignment["id"], a_text, profile_key, p_text]).encode()).hexdigest()
    return digest[:12]


def _profiles() -> tuple[dict[int, str], dict[int, dict]]:
    """The generated pool in the portal's own tables and index; consultant id -> profile key, -> document."""
    from portal.demo import generator
    from portal.demo.profiles import create_consultant
    from portal.extensions import db
    from portal.services.matching import documents, search, skills

    skills.seed_defaults()
    keys = {}
    for number, record in enumerate(generator.generate(POOL_SIZE, seed=SEED), 1):
        user = create_consultant(record, "-")
        keys[user.id] = f"gen{SEED}-{number:05d}"
    db.session.commit()
    search.rebuild()
    return keys, documents.load_documents(sorted(keys))


def _vocabulary(table):
    """The vocabulary the portal's ranking reads requirements with (None for an engine without one)."""
    try:
        from portal.services.matching import skill_tokens
    except ImportError:
        return None
    return skill_tokens.load(table)


def build() -> None:
    from bench.app import make_app

    started = time.perf_counter()
    app = make_app(DATA)
    with app.app_context(), app.test_request_context():
        from portal.services.matching import ranker, search, skills
        from portal.services.matching.assignment_ranking import query_for

        print(f"loading {POOL_SIZE:,} generated profiles (seed {SEED}) into a fresh database ...", flush=True)
        keys, docs = _profiles()
        index, table = search.current_index(), skills.load_table()
        fts = Fts5(list(docs.values()), table, _vocabulary(table))
        assignments = load_assignments()
        runs: dict[str, dict[str, list[str]]] = {name: {} for name in POOLED}
        for record in assignments:
            query = query_for(assignment_model(record))
            found = {
                # As the portal ranks (assignment_ranking.rank): synonyms and vocabulary from the database.
                "ours": [c.consultant_id for c in ranker.rank(query, RUN_DEPTH, index=index).candidates],
                "bm25_filtered": fts.search_filtered(query, RUN_DEPTH),
                "bm25": fts.search(raw_text(record), RUN_DEPTH),
            }
            for name, ids in found.items():
                runs[name][record["id"]] = [keys[i] for i in ids]
        by_key = {keys[i]: doc for i, doc in docs.items()}
    shutil.rmtree(DATA, ignore_errors=True)
    pairs, random_count = _pairs(assignments, runs, by_key)
    write(assignments, runs, pairs, random_count)
    print(f"pool built in {time.perf_counter() - started:.0f} s", flush=True)


def _pairs(assignments: list[dict], runs: dict, by_key: dict[str, dict]) -> tuple[list[dict], int]:
    """The pooled pairs per assignment, and how many random profiles each got: RANDOM, or fewer when the
    rankers agree so little that RANDOM would take the pool over MAX_PAIRS."""
    for random_count in range(RANDOM, 1, -1):
        pairs = _pooled(assignments, runs, by_key, random_count)
        total = sum(len(p["items"]) for p in pairs)
        if total <= MAX_PAIRS:
            return pairs, random_count
    sizes = ", ".join(f"{p['assignment']} {len(p['items'])}" for p in pairs)
    raise SystemExit(f"{total} pairs is more than {MAX_PAIRS} ({sizes}): pool fewer candidates or assignments")


def _pooled(assignments: list[dict], runs: dict, by_key: dict[str, dict], random_count: int) -> list[dict]:
    everyone = sorted(by_key)
    pairs = []
    for record in assignments:
        rng = random.Random(f"{SEED}:{record['id']}")  # nosec B311  # a repeatable sample, not a secret
        returned: dict[str, list[str]] = {}
        for name, depth in POOLED.items():
            for key in runs[name][record["id"]][:depth]:
                returned.setdefault(key, []).append(name)
        for key in rng.sample(everyone, RANDOM)[:random_count]:  # the same first ones whatever the count
            returned.setdefault(key, []).append("random")
        a_text = assignment_text(record)
        items = []
        for key in sorted(returned):
            p_text = profile_text(by_key[key])
            items.append({"pair_id": pair_id(record, a_text, key, p_text), "assignment": record["id"],
                          "profile": key, "rankers": returned[key], "profile_text": p_text})
        rng.shuffle(items)
        pairs.append({"assignment": record["id"], "text": a_text, "items": items})
    random.Random(SEED).shuffle(pairs)  # nosec B311  # the order of assignments says nothing either
    return pairs


def write(assignments: list[dict], runs: dict, pairs: list[dict], random_count: int) -> None:
    graded = read_grades()
    next_batch = max((batch_number(p) for p in GRADES.glob("batch_*.tsv")), default=0) + 1
    shutil.rmtree(TO_GRADE, ignore_errors=True)
    TO_GRADE.mkdir(parents=True)
    GRADES.mkdir(exist_ok=True)
    groups = [{**g, "items": [i for i in g["items"] if i["pair_id"] not in graded]} for g in pairs]
    groups = [g for g in groups if g["items"]]
    new = sum(len(g["items"]) for g in groups)
    target = new / max(1, math.ceil(new / (BATCH_MAX - 10)))  # even sheets, under BATCH_MAX pairs each
    batches: list[list[dict]] = [[]]
    size = 0  # pairs on the last sheet; an assignment's pairs stay on one sheet
    for group in groups:
        if size and (size + len(group["items"]) / 2 > target or size + len(group["items"]) > BATCH_MAX):
            batches.append([])
            size = 0
        batches[-1].append(group)
        size += len(group["items"])
    batches = [b for b in batches if b]
    key = {"seed": SEED, "pool_size": POOL_SIZE, "pooled": POOLED, "random": random_count, "run_depth": RUN_DEPTH,
           "pairs": {}, "runs": runs}
    for group in pairs:
        for item in group["items"]:
            key["pairs"][item["pair_id"]] = {"assignment": item["assignment"], "profile": item["profile"],
                                             "rankers": item["rankers"], "batch": None}
    for n, batch in enumerate(batches, next_batch):
        _sheet(TO_GRADE / f"batch_{n}.md", n, batch)
        for group in batch:
            for item in group["items"]:
                key["pairs"][item["pair_id"]]["batch"] = n
    KEY.write_text(json.dumps(key, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    total = sum(len(g["items"]) for g in pairs)
    new = sum(len(g["items"]) for b in batches for g in b)
    print(f"{len(assignments)} assignments, {total} pairs ({total - new} graded already, {new} to grade in "
          f"{len(batches)} sheets: {', '.join(str(sum(len(g['items']) for g in b)) for b in batches)} pairs)")


def _sheet(path: Path, n: int, batch: list[dict]) -> None:
    count = sum(len(g["items"]) for g in batch)
    lines = [f"# Grading sheet, batch {n} ({count} pairs, {len(batch)} assignments)", "",
             "Read bench/quality/GRADING.md first. For every pair below write one line to "
             f"`bench/quality/grades/batch_{n}.tsv`: the pair id, a tab, the grade (0, 1, 2 or 3), a tab, your "
             "name or initials. Judge each profile against its assignment only, on its own: not against the other "
             "profiles on this sheet.", ""]
    number = 0
    for group in batch:
        lines += ["---", "", f"## Assignment {group['assignment']}", "", group["text"], ""]
        for item in group["items"]:
            number += 1
            lines += [f"### Pair `{item['pair_id']}` ({number} of {count}; assignment {group['assignment']})", "",
                      item["profile_text"], ""]
    path.write_text("\n".join(lines), encoding="utf-8")
