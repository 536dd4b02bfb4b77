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
        fts = Fts5(docs)
        labelled = generator.assignments()
        ours_ms, base_ms = [], []
        latency_set = labelled[:20]
        for item in latency_set:  # warm-up
            ranker.rank(item.query, 20, index=index, synonyms=table)
            fts.search(item.bm25_text)
        for _ in range(ROUNDS):
            for item in latency_set:
                t = time.perf_counter()
                ranking = ranker.rank(item.query, 20, index=index, synonyms=table)
                ours_ms.append((time.perf_counter() - t) * 1000)
                assert all(c.explanation.musts or not item.query.must_skills for c in ranking.candidates)
                t = time.perf_counter()
                fts.search(item.bm25_text)
                base_ms.append((time.perf_counter() - t) * 1000)
        ours_ndcg, base_ndcg = [], []
        for item in labelled:
            kinds = {item.kind} | generator.RELATED[item.kind]  # every other archetype grades 0
            grades = {d["consultant_id"]: generator.grade(t, item) for d, t in zip(docs, truths) if t.archetype in kinds}
            grades = {c: g for c, g in grades.items() if g}
            ideal = sorted(grades.values(), reverse=True)[:10]
            ours = [c.consultant_id for c in ranker.rank(item.query, 10, index=index, synonyms=table).candidates]
            ours_ndcg.append(ndcg(ours, grades, ideal))
            base_ndcg.append(ndcg(fts.search(item.bm25_text, 10), grades, ideal))
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
    report(n, (rebuild_s, rebuild_cpu), ours_ms, base_ms, ours_ndcg, base_ndcg, delays, write=not args.quick and n >= 100_000)


def report(n, rebuild, ours_ms, base_ms, ours_ndcg, base_ndcg, delays, write: bool) -> None:
    rebuild_s, rebuild_cpu = rebuild
    o50, o95, b50, b95 = (percentile(ours_ms, 50), percentile(ours_ms, 95), percentile(base_ms, 50),
                          percentile(base_ms, 95))
    lines = [
        "# Matching bench results", "",
        f"Run: `python -m bench` on {platform.node() or 'this machine'}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores shared with other test runs (load average at the end: "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}), {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        f"{n:,} generated profiles (seeded, 13 archetypes, Swedish and English, skill spelling variants).", "",
        "| measure | ours (Whoosh + points, with explanation) | baseline (SQLite FTS5 BM25) | target |",
        "| --- | --- | --- | --- |",
        f"| top-20 latency p50, 20 assignments × {ROUNDS} | {o50:.1f} ms | {b50:.1f} ms | |",
        f"| top-20 latency p95 | {o95:.1f} ms | {b95:.1f} ms | ours ≤ baseline and < 100 ms |",
        f"| ratio ours / baseline (p95) | {o95 / b95:.2f} | | ≤ 1 |",
        f"| nDCG@10, {len(ours_ndcg)} labelled assignments | {statistics.mean(ours_ndcg):.3f} | "
        f"{statistics.mean(base_ndcg):.3f} | ours higher |",
        f"| full rebuild (`search.rebuild`, one writer), wall clock | {rebuild_s:.1f} s | | < 90 s |",
        f"| full rebuild, CPU time of the process | {rebuild_cpu:.1f} s | | |",
        f"| enqueue → visible in a ranking, p50 / max of {len(delays)} | {percentile(delays, 50):.0f} ms / "
        f"{max(delays):.0f} ms | | < 1 s |", "",
    ]
    text = "\n".join(lines)
    print(text)
    if write:
        RESULTS.write_text(text)
        print(f"written to {RESULTS}")


if __name__ == "__main__":
    main()
