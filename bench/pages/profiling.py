"""What one request of each page spends its time on: cProfile of a request through the app in this process."""
from __future__ import annotations

import cProfile
import pstats
from http.cookies import SimpleCookie

from bench.pages.server import ROOT, USER_AGENT

TOP = 10
HEADERS = {"User-Agent": USER_AGENT}


def profile_pages(pages: dict[str, tuple[str, str]]) -> None:
    """pages: name -> (path, Cookie header of the signed-in session) as the wrk runs used them. Prints, per
    page, our functions and templates by cumulative time, and the functions costing most time of their own."""
    from portal import create_app

    app = create_app()  # the served portal's environment is this process's (bench.pages.demo_ids set it)
    for name, (path, cookie) in pages.items():
        client = app.test_client()
        for morsel in SimpleCookie(cookie).values():
            client.set_cookie(morsel.key, morsel.value, domain="127.0.0.1")
        client.get(path, base_url="http://127.0.0.1", headers=HEADERS)  # warm: templates compiled, caches filled
        profiler = cProfile.Profile()
        profiler.enable()
        response = client.get(path, base_url="http://127.0.0.1", headers=HEADERS)
        profiler.disable()
        stats = pstats.Stats(profiler).stats
        rows = [(cum, own, calls, f"{file.removeprefix(str(ROOT) + '/')}:{line}({func})")
                for (file, line, func), (_, calls, own, cum, _) in stats.items()]
        total = sum(own for _, own, _, _ in rows)
        print(f"\n### {name} {path}: status {response.status_code}, {total * 1000:.0f} ms under cProfile")
        print("  ours, by cumulative time:")
        for cum, _, calls, where in sorted((r for r in rows if r[3].startswith(("portal", "templates"))),
                                           reverse=True)[:TOP]:
            print(f"    {cum * 1000:6.1f} ms  {calls:5d}×  {where}")
        print("  most time of their own:")
        for _, own, calls, where in sorted(rows, key=lambda r: r[1], reverse=True)[:5]:
            print(f"    {own * 1000:6.1f} ms  {calls:5d}×  {where}")
