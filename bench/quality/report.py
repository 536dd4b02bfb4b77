"""`python -m bench.quality report`: nDCG@10 and recall@20 per ranker from the blind grades, with 95 % intervals.

Per assignment, a ranker's list (pool_key.json "runs") is scored against the grades of that assignment's
pooled pairs: gain 2^grade − 1 (the mean grade when several graders judged a pair), an ideal list of the
best graded pairs, relevant = grade ≥ 2. A pair without a grade, and a profile a ranker returned below the
pooled depth that no other ranker pooled, counts as 0; the report says how many there were. Assignments
with no pair graded ≥ 1 (nDCG) or none relevant (recall) have no defined score and are left out, counted.
The intervals are a percentile bootstrap over assignments (BOOTSTRAP resamples, fixed seed).
"""
from __future__ import annotations

import json
import math
import platform
import random
import statistics
import time

from bench.quality import KEY, POOLED, RANKER_LABELS, RESULTS
from bench.quality.grades import read_grades

BOOTSTRAP = 10_000
BOOTSTRAP_SEED = 17
K_NDCG, K_RECALL = 10, 20


def _dcg(gains: list[float]) -> float:
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def _interval(values: list[float], rng: random.Random) -> tuple[float, float]:
    if not values:
        return math.nan, math.nan
    means = sorted(statistics.fmean(rng.choices(values, k=len(values))) for _ in range(BOOTSTRAP))
    return means[int(0.025 * BOOTSTRAP)], means[int(0.975 * BOOTSTRAP) - 1]


def scores(key: dict, grades: dict[str, list[tuple[int, str]]]):
    """Per ranker: {assignment: nDCG@10}, {assignment: recall@20}, and the unjudged items in its lists."""
    by_pair: dict[tuple[str, str], float] = {}
    for pid, pair in key["pairs"].items():
        if pid in grades:
            by_pair[(pair["assignment"], pair["profile"])] = statistics.fmean(g for g, _ in grades[pid])
    assignments = sorted({p["assignment"] for p in key["pairs"].values()})
    result = {}
    for name in POOLED:
        ndcg, recall, unjudged = {}, {}, 0
        for a in assignments:
            graded = {p: g for (x, p), g in by_pair.items() if x == a}
            ranked = key["runs"][name].get(a, [])
            unjudged += sum(1 for p in ranked[:K_RECALL] if p not in graded)
            ideal = _dcg(sorted((2 ** g - 1 for g in graded.values()), reverse=True)[:K_NDCG])
            if ideal > 0:
                ndcg[a] = _dcg([2 ** graded.get(p, 0) - 1 for p in ranked[:K_NDCG]]) / ideal
            relevant = {p for p, g in graded.items() if g >= 2}
            if relevant:
                recall[a] = len(relevant & set(ranked[:K_RECALL])) / len(relevant)
        result[name] = (ndcg, recall, unjudged)
    return assignments, result


def _agreement(grades: dict[str, list[tuple[int, str]]]) -> str:
    multiple = [[g for g, _ in given] for given in grades.values() if len(given) > 1]
    if not multiple:
        return "Each graded pair has one grade (no agreement between graders to report)."
    exact = sum(1 for g in multiple if max(g) == min(g)) / len(multiple)
    close = sum(1 for g in multiple if max(g) - min(g) <= 1) / len(multiple)
    return (f"{len(multiple)} pair{'s have' if len(multiple) > 1 else ' has'} more than one grade: {exact:.0%} agree exactly, {close:.0%} within one "
            "grade; the mean grade is used.")


def main() -> None:
    key = json.loads(KEY.read_text(encoding="utf-8"))
    grades = read_grades()
    assignments, result = scores(key, grades)
    known = set(key["pairs"])
    judged = sum(1 for pid in known if pid in grades)
    stale = sorted(set(grades) - known)
    rng = random.Random(BOOTSTRAP_SEED)  # nosec B311  # a repeatable bootstrap, not a secret
    pooled = ", ".join(f"{key['pooled'][name]} of {RANKER_LABELS[name]}" for name in POOLED)
    lines = [
        "# Ranking quality from blind relevance judgments", "",
        f"Report: `python -m bench.quality report`, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"Python {platform.python_version()}.",
        f"Pool: {key['pool_size']:,} profiles from `portal.demo.generator` (seed {key['seed']}), "
        f"{len(assignments)} assignments written as buyers write them (bench/quality/assignments.jsonl). Graded: "
        f"the top {pooled} and {key['random']} random "
        "profiles per assignment, merged, shuffled and anonymised; the graders saw neither rankers nor ranks.",
        f"Pairs: {len(known)}; graded {judged}; **unjudged {len(known) - judged}** (count as 0)"
        + (f"; {len(stale)} grades of pairs no longer in the pool were ignored" if stale else "") + ".",
        _agreement({pid: g for pid, g in grades.items() if pid in known}), "",
        f"nDCG@{K_NDCG} (gain 2^grade − 1) and recall@{K_RECALL} (relevant = grade ≥ 2), mean over assignments "
        f"with a 95 % percentile-bootstrap interval over assignments ({BOOTSTRAP:,} resamples, seed {BOOTSTRAP_SEED}).",
        "", f"| ranker | nDCG@{K_NDCG} | 95 % CI | recall@{K_RECALL} | 95 % CI | items in top {K_RECALL} unjudged |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, (ndcg, recall, unjudged) in result.items():
        n_lo, n_hi = _interval(list(ndcg.values()), rng)
        r_lo, r_hi = _interval(list(recall.values()), rng)
        lines.append(f"| {RANKER_LABELS[name]} | {_mean(ndcg)} | {_span(n_lo, n_hi)} | {_mean(recall)} | "
                     f"{_span(r_lo, r_hi)} | {unjudged} |")
    ours = result["ours"][0]
    lines += ["", "Paired difference of nDCG@10, ours minus the other ranker, over the assignments both can be scored "
              "on (an interval that excludes 0 is a difference the assignments support):", "",
              "| against | mean difference | 95 % CI |", "| --- | --- | --- |"]
    for name, (ndcg, _, _) in result.items():
        if name == "ours":
            continue
        diffs = [ours[a] - ndcg.get(a, 0.0) for a in ours]
        lo, hi = _interval(diffs, rng)
        lines.append(f"| {RANKER_LABELS[name]} | {f'{statistics.fmean(diffs):+.3f}' if diffs else '–'} | "
                     f"{_span(lo, hi, '+.3f')} |")
    no_ndcg = [a for a in assignments if a not in ours]
    no_recall = [a for a in assignments if a not in result["ours"][1]]
    lines += ["", f"Left out for want of graded relevance: nDCG {len(no_ndcg)} assignments"
              f"{' (' + ', '.join(no_ndcg) + ')' if no_ndcg else ''}; recall {len(no_recall)}"
              f"{' (' + ', '.join(no_recall) + ')' if no_recall else ''}.", ""]
    text = "\n".join(lines)
    print(text)
    RESULTS.write_text(text, encoding="utf-8")
    print(f"written to {RESULTS}")


def _mean(values: dict[str, float]) -> str:
    return f"{statistics.fmean(values.values()):.3f}" if values else "–"


def _span(low: float, high: float, spec: str = ".3f") -> str:
    return "–" if math.isnan(low) else f"{low:{spec}} to {high:{spec}}"
