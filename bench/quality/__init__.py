"""Blind relevance judgments of the ranking (issue #17): pooled candidates, grading sheets, and the report.

`python -m bench.quality pool` ranks the assignments in assignments.jsonl over a generated pool of
profiles (POOL_SIZE from portal.demo.generator with SEED) with several rankers, merges their top
candidates with a few random ones, and writes anonymised, shuffled grading sheets (to_grade/) and the
private key (pool_key.json). Graders who never see the code write grades/batch_<n>.tsv. `python -m
bench.quality report` computes nDCG@10 and recall@20 per ranker with bootstrap intervals (results.md).
"""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
ASSIGNMENTS = HERE / "assignments.jsonl"
KEY = HERE / "pool_key.json"
TO_GRADE = HERE / "to_grade"
GRADES = HERE / "grades"
RESULTS = HERE / "results.md"

# The demo's own generator and seed: the first 200 profiles are exactly the demo's generated ones. 2,000
# profiles over 18 role families is about 110 per family, a mid-sized brokerage: a precise assignment has
# a handful to a few dozen fitting consultants, a vague one hundreds.
SEED = 2026
POOL_SIZE = 2000

POOLED = {"ours": 10, "bm25_filtered": 10, "bm25": 10}  # ranker -> how many of its top candidates are graded
RANDOM = 5  # random profiles per assignment, so the graders also see clear misses
RUN_DEPTH = 20  # each ranker's list is kept this deep (recall@20)
MAX_PAIRS = 1000
RANKER_LABELS = {
    "ours": "ours (Whoosh + points)",
    "bm25_filtered": "BM25 + the ranker's hard filters and term pruning",
    "bm25": "BM25 raw (every word OR-ed, no rule)",
}
