"""`python -m bench.pages [--update] [--profile] [--seconds S] [--ranking-100k]`: how fast the portal's pages are.

Every page a person uses, served by gunicorn (2 sync workers, 127.0.0.1) from the demo data, is loaded by wrk
(16 connections, S seconds each; signed-in pages with the session cookie of the demo login, staff through
TOTP with the demo secret), and compared with a hello-world Flask app under the same gunicorn in the same run
(measured for 3 s before and after each page; the mean of those two is that page's yardstick). Reported per page: requests per second as a
ratio to hello world, and p50/p95/p99 latency. The run fails (exit 1) on any response that is not 2xx or any
socket error, and when a page's ratio is more than 20 % below the one in results.json; `--update` rewrites
results.json. `--profile` prints what cProfile says one request of each page spends its time on.
`--ranking-100k` measures the recruiter's ranking page over 100,000 profiles instead (bench/pages/big_pool.py).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess  # nosec B404  # runs wrk with fixed arguments
import tempfile
import time
from pathlib import Path

from bench.pages import server

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"
SCRIPT = HERE / "report.lua"
DATA = Path(tempfile.gettempdir()) / "portal-bench-pages"
CONNECTIONS, THREADS = 16, 2
TOLERANCE = 0.2  # a ratio more than 20 % below the committed one fails the run

# page -> (demo login or None, path with {published}/{shortlisting} for the demo assignment ids)
PAGES = {
    "public_home": (None, "/"),
    "public_assignments": (None, "/assignments"),
    "public_assignment": (None, "/assignments/{published}"),
    "consultant_start": ("konsult", "/consultant/"),
    "consultant_profile": ("konsult", "/consultant/profile"),
    "consultant_privacy_centre": ("konsult", "/privacy/"),
    "buyer_start": ("kopare2", "/buyer/"),
    "buyer_assignment_shortlist": ("kopare2", "/buyer/assignments/{shortlisting}"),
    "supplier_start": ("leverantor", "/supplier/"),
    "partner_start": ("partner", "/partner/"),
    "staff_start": ("rekryterare", "/staff/"),
    "staff_ranking": ("rekryterare", "/staff/assignments/{shortlisting}/ranking"),
}


def wrk(url: str, seconds: int, cookie: str = "", connections: int = CONNECTIONS) -> dict:
    """One bounded wrk run against `url`; requests per second, latency percentiles in ms, failures."""
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: `make bench-tools` (or apt-get install wrk)")
    result = subprocess.run(  # nosec B603 B607
        ["wrk", f"-t{THREADS}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(SCRIPT), url],
        env=dict(os.environ, BENCH_COOKIE=cookie, BENCH_USER_AGENT=server.USER_AGENT), capture_output=True, text=True, check=True)
    line = next(l for l in result.stdout.splitlines() if l.startswith("BENCH "))
    raw = json.loads(line[len("BENCH "):])
    return {"rps": round(raw["requests"] / (raw["duration_us"] / 1e6), 1), "requests": raw["requests"],
            "p50_ms": raw["p50_us"] / 1000, "p95_ms": raw["p95_us"] / 1000, "p99_ms": raw["p99_us"] / 1000,
            "non2xx": raw["non2xx"], "socket_errors": raw["socket_errors"]}


HELLO_SECONDS = 3  # the yardstick beside each page: enough requests (about 15,000) for a steady rate


def demo_ids(env: dict[str, str]) -> dict[str, int]:
    """The demo assignments the page paths name: a published one, and the one with a shortlist."""
    os.environ.update(env)
    import sqlalchemy as sa

    from portal import create_app
    from portal.extensions import db
    from portal.models import Assignment

    app = create_app()
    with app.app_context():
        first = {state: db.session.scalar(sa.select(Assignment.id).where(Assignment.state == state)
                                          .order_by(Assignment.id)) for state in ("published", "shortlisting")}
    return first


def logins(base: str) -> dict[str, str]:
    from portal.demo.seed import DEMO_PASSWORD, DEMO_TOTP_SECRET, demo_email

    cookies = {}
    for login in sorted({login for login, _ in PAGES.values() if login}):
        secret = DEMO_TOTP_SECRET if login == "rekryterare" else None
        cookies[login] = server.sign_in(base, demo_email(login), DEMO_PASSWORD, secret)
    return cookies


def run_pages(seconds: int, profile: bool) -> dict:
    """Every page, each between two runs of hello world: its ratio is to the mean of those two, so a machine
    whose load drifts during the run (another process finishing) moves the yardstick with the page."""
    port, hello_port = server.free_port(), server.free_port()
    env = server.demo_env(DATA, port)
    print("loading the demo data into a fresh database ...", flush=True)
    server.load_demo(DATA, env)
    ids = demo_ids(env)
    pages = {}
    with server.gunicorn("bench.pages.hello:app", hello_port, env, DATA) as hello_base, \
            server.gunicorn("wsgi:app", port, env, DATA) as base:
        hellos = [wrk(hello_base + "/", HELLO_SECONDS)]
        print(f"hello world: {hellos[0]['rps']:.0f} requests/s", flush=True)
        cookies = logins(base)
        for name, (login, template) in PAGES.items():
            path = template.format(**ids)
            cookie = cookies.get(login, "") if login else ""
            status = server.status_of(base + path, cookie)
            if status != 200:
                raise SystemExit(f"{name} {path} answered {status} before the load")
            pages[name] = {"path": path, "login": login, **wrk(base + path, seconds, cookie)}
            hellos.append(wrk(hello_base + "/", HELLO_SECONDS))
            yardstick = (hellos[-2]["rps"] + hellos[-1]["rps"]) / 2
            pages[name].update(hello_rps=round(yardstick, 1), ratio=round(pages[name]["rps"] / yardstick, 3))
            print(f"  {name:<28} {pages[name]['rps']:7.1f} requests/s, p95 {pages[name]['p95_ms']:.0f} ms, "
                  f"ratio {pages[name]['ratio']:.3f} (hello world {yardstick:.0f})", flush=True)
        if profile:
            from bench.pages import profiling

            profiling.profile_pages({n: (p["path"], cookies.get(p["login"], "")) for n, p in pages.items()})
    shutil.rmtree(DATA, ignore_errors=True)
    rates = [h["rps"] for h in hellos]
    return {"run": _run_facts(seconds), "hello": {"before": hellos[0], "after": hellos[-1], "lowest": min(rates),
                                                  "highest": max(rates), "rps": round(sum(rates) / len(rates), 1),
                                                  "failed": sum(h["non2xx"] + h["socket_errors"] for h in hellos)},
            "pages": pages}


def _run_facts(seconds: int) -> dict:
    return {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": platform.node(),
            "cores": os.cpu_count(), "load_average": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version(), "gunicorn": f"{server.WORKERS} sync workers",
            "wrk": f"{THREADS} threads, {CONNECTIONS} connections, {seconds} s per page"}


def check(result: dict, committed: dict | None) -> list[str]:
    """Why this run fails: responses not 2xx, socket errors, ratios more than 20 % below the committed."""
    failures = []
    for name, page in result["pages"].items():
        if page["non2xx"] or page["socket_errors"]:
            failures.append(f"{name}: {page['non2xx']} responses not 2xx, {page['socket_errors']} socket errors")
        before = (committed or {}).get("pages", {}).get(name)
        if before and page["ratio"] < before["ratio"] * (1 - TOLERANCE):
            failures.append(f"{name}: ratio {page['ratio']:.3f} is more than {TOLERANCE:.0%} below the committed "
                            f"{before['ratio']:.3f}")
    if result["hello"]["failed"]:
        failures.append(f"hello world: {result['hello']['failed']} failed responses")
    return failures


def table(result: dict, committed: dict | None) -> str:
    facts = result["run"]
    lines = ["## Page speed (`python -m bench.pages`)", "",
             f"{facts['when']}, {facts['machine']}, {facts['cores']} cores (load average at the end "
             f"{', '.join(str(x) for x in facts['load_average'])}); gunicorn {facts['gunicorn']}, wrk "
             f"{facts['wrk']}; hello world {result['hello']['rps']:.0f} requests/s on average, "
             f"{result['hello']['lowest']:.0f}–{result['hello']['highest']:.0f} over the {HELLO_SECONDS} s runs "
             f"before and after each page.", "",
             "| page | path | requests/s | hello world beside it | ratio to hello world | committed ratio | p50 | p95 | "
             "p99 | not 2xx |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name, page in result["pages"].items():
        before = (committed or {}).get("pages", {}).get(name, {}).get("ratio")
        lines.append(f"| {name} | `{page['path']}` | {page['rps']:.1f} | {page['hello_rps']:.0f} | {page['ratio']:.3f} | "
                     f"{'' if before is None else f'{before:.3f}'} | {page['p50_ms']:.0f} ms | {page['p95_ms']:.0f} ms | "
                     f"{page['p99_ms']:.0f} ms | {page['non2xx']} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.pages")
    parser.add_argument("--update", action="store_true", help="write this run's figures to results.json")
    parser.add_argument("--profile", action="store_true", help="cProfile one request of each page")
    parser.add_argument("--seconds", type=int, default=10, help="wrk run per page (default 10)")
    parser.add_argument("--ranking-100k", action="store_true", help="the staff ranking page over 100,000 profiles")
    args = parser.parse_args()
    committed = json.loads(RESULTS.read_text()) if RESULTS.exists() else None
    if args.ranking_100k:
        from bench.pages import big_pool

        figure = big_pool.run(args.seconds, CONNECTIONS, wrk)
        print(json.dumps(figure, indent=1))
        if args.update:
            RESULTS.write_text(json.dumps({**(committed or {}), "ranking_100k": figure}, indent=1) + "\n")
        raise SystemExit(1 if figure["non2xx"] or figure["socket_errors"] else 0)
    result = run_pages(args.seconds, args.profile)
    print(table(result, committed))
    failures = check(result, None if args.update else committed)
    if args.update or committed is None:
        kept = {"ranking_100k": committed["ranking_100k"]} if committed and "ranking_100k" in committed else {}
        RESULTS.write_text(json.dumps({**result, **kept}, indent=1, ensure_ascii=False) + "\n")
        print(f"written to {RESULTS}")
    for failure in failures:
        print(f"FAIL {failure}")
    raise SystemExit(1 if failures else 0)


if __name__ == "__main__":
    main()
