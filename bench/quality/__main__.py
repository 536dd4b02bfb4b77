"""`python -m bench.quality pool|report`: build the grading pool and sheets, or report the graded quality."""
from __future__ import annotations

import argparse


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.quality")
    parser.add_argument("step", choices=["pool", "report"],
                        help="pool: rank, pool and write grading sheets and the key; report: score the grades")
    args = parser.parse_args()
    if args.step == "pool":
        from bench.quality import pool

        pool.build()
    else:
        from bench.quality import report

        report.main()


if __name__ == "__main__":
    main()
