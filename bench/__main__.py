"""`python -m bench [--quick] [--profiles N]`: latency, rebuild, index delay and nDCG of the matching engine."""
from __future__ import annotations

import argparse
import math
import os
import platform
import statistics
import time
from pathlib import Path

from bench import generator
from bench.app import make_app
from bench.baseline import Fts5

DATA = Path(__file__).resolve().parent / "data"
RESULTS = Path(__file__).resolve().parent / "results.md"
ROUNDS = 5


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1)]


def ndcg(ranked: list[int], grades: dict[int, int], ideal: list[int], k: int = 10) -> float:
    dcg = sum((2 ** grades.get(c, 0) - 1) / math.log2(i + 2) for i, c in enumerate(ranked[:k]))
    best = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal[:k]))
    return dcg / best if best else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--quick", action="store_true", help="5,000 profiles; results.md is not written")
    parser.add_argument("--profiles", type=int, default=None)
    args = parser.parse_args()
    n = args.profiles or (5_000 if args.quick else 100_000)
    print(f"generating {n:,} profiles ...", flush=True)
    docs, truths = generator.profiles(n)
    by_id = {d["consultant_id"]: d for d in docs}
    app = make_app(DATA)
    from portal.extensions import db
    from portal.services.matching import ranker, search, skills

    with app.app_context():
        search.set_document_loader(by_id.get)
        search.set_id_source(lambda: list(by_id))
        print("rebuilding the index ...", flush=True)
        t0, cpu0 = time.perf_counter(), time.process_time()
        search.rebuild(procs=1)
        rebuild_s, rebuild_cpu = time.perf_counter() - t0, time.process_time() - cpu0
        print(f"  rebuild: {rebuild_s:.1f} s ({rebuild_cpu:.1f} s of CPU)", flush=True)
        index = search.current_index()
        table = skills.default_table()
        fts = Fts5(docs, table)
        labelled = generator.assignments()
        latency = {name: [] for name in LATENCY_ROWS}
        latency_set = labelled[:20]
        runs = {"ours": lambda item: ranker.rank(item.query, 20, index=index, synonyms=table),
                "bm25": lambda item: fts.search(item.bm25_text),
                "bm25_filtered": lambda item: fts.search_filtered(item.query)}
        for item in latency_set:  # warm-up
            for run in runs.values():
                run(item)
        for _ in range(ROUNDS):
            for item in latency_set:
                for name, run in runs.items():
                    t = time.perf_counter()
                    result = run(item)
                    latency[name].append((time.perf_counter() - t) * 1000)
                    if name == "ours":
                        assert all(c.explanation.musts or not item.query.must_skills for c in result.candidates)
        rankers = {
            "ours": lambda item: [c.consultant_id for c in ranker.rank(item.query, 10, index=index,
                                                                     synonyms=table).candidates],
            "bm25": lambda item: fts.search(item.bm25_text, 10),
            "bm25_filtered": lambda item: fts.search_filtered(item.query, 10),
            "bm25_filtered_rate": lambda item: fts.search_filtered(item.query, 10, rate_rule=True),
            "filtered_rate_by_id": lambda item: fts.search_filtered(item.query, 10, rate_rule=True, by_id=True),
        }
        quality = {name: [] for name in rankers}
        for item in labelled:
            kinds = {item.kind} | generator.RELATED[item.kind]  # every other archetype grades 0
            grades = {d["consultant_id"]: generator.grade(t, item) for d, t in zip(docs, truths) if t.archetype in kinds}
            grades = {c: g for c, g in grades.items() if g}
            ideal = sorted(grades.values(), reverse=True)[:10]
            for name, run in rankers.items():
                quality[name].append(ndcg(run(item), grades, ideal))
        delays = []
        for k in range(10):
            doc = dict(by_id[k + 1])
            marker = f"zqmarker{k}"
            doc["title"] = f"{doc['title']} {marker}"
            t = time.perf_counter()
            by_id[k + 1] = doc
            search.enqueue(k + 1)
            db.session.commit()
            search.drain()
            probe = generator.AssignmentQuery(client_id=None, text=marker)
            while k + 1 not in [c.consultant_id for c in ranker.rank(probe, 5, index=index, synonyms=table).candidates]:
                search.drain()
            delays.append((time.perf_counter() - t) * 1000)
    report(n, (rebuild_s, rebuild_cpu), latency, quality, delays, write=not args.quick and n >= 100_000)


LATENCY_ROWS = {"ours": "ours (Whoosh + points, with explanation)", "bm25": "BM25 raw (FTS5, every word OR-ed)",
                "bm25_filtered": "BM25 + the ranker's hard filters and term pruning (FTS5)"}
QUALITY_ROWS = {
    "ours": "ours",
    "bm25": "BM25 raw (sees none of the rules)",
    "bm25_filtered": "BM25 + the ranker's hard filters and term pruning",
    "bm25_filtered_rate": "BM25 + filters + the grades' rate rule (rate ≤ ceiling + 10 %)",
    "filtered_rate_by_id": "filters + rate rule, profiles in id order (no text at all)",
}


def report(n, rebuild, latency, quality, delays, write: bool) -> None:
    rebuild_s, rebuild_cpu = rebuild
    p95 = {name: percentile(values, 95) for name, values in latency.items()}
    lines = [
        "# Matching bench results", "",
        f"Run: `python -m bench` on {platform.node() or 'this machine'}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores shared with other test runs (load average at the end: "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}), {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        f"{n:,} generated profiles (seeded, 13 archetypes, Swedish and English, skill spelling variants).", "",
        f"## Latency: top-20 for 20 assignments × {ROUNDS}, in one process", "",
        "| ranker | p50 | p95 | p95 / ours | target |", "| --- | --- | --- | --- | --- |",
        *(f"| {label} | {percentile(latency[name], 50):.1f} ms | {p95[name]:.1f} ms | {p95[name] / p95['ours']:.2f} | "
          f"{'< 100 ms, ≤ the fair baseline' if name == 'ours' else ''} |" for name, label in LATENCY_ROWS.items()),
        "",
        "## Engine", "",
        "| measure | value | target |", "| --- | --- | --- |",
        f"| full rebuild (`search.rebuild`, one writer), wall clock | {rebuild_s:.1f} s | < 90 s |",
        f"| full rebuild, CPU time of the process | {rebuild_cpu:.1f} s | |",
        f"| enqueue → visible in a ranking, p50 / max of {len(delays)} | {percentile(delays, 50):.0f} ms / "
        f"{max(delays):.0f} ms | < 1 s |", "",
        f"## nDCG@10 against grades from the generator's rules — the ranker's own rules; not a quality claim", "",
        f"{len(quality['ours'])} generated assignments. The grades (`bench/generator.py` `grade()`) apply exactly the "
        "ranker's hard rules (musts, languages, availability, exclusions) and a rate rule, so a ranker that applies "
        "the same rules scores high whatever its text ranking does. Blind judgments: `python -m bench.quality report`.",
        "", "| ranker | nDCG@10 |", "| --- | --- |",
        *(f"| {label} | {statistics.mean(quality[name]):.3f} |" for name, label in QUALITY_ROWS.items()), "",
    ]
    text = "\n".join(lines)
    print(text)
    if write:
        RESULTS.write_text(text)
        print(f"written to {RESULTS}")


if __name__ == "__main__":
    main()
