"""The portal with its demo data in a folder of its own, served by gunicorn on 127.0.0.1, and demo sign-ins."""
from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess  # nosec B404  # runs our own gunicorn and flask CLI, arguments fixed below
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
WORKERS = 2
# Flask-Login's "strong" session protection ties a session to its browser: sign-in, checks and wrk send this.
USER_AGENT = "portal-bench-pages/1"


def demo_env(data: Path, port: int) -> dict[str, str]:
    """The environment of `make run`, with every file the portal writes inside `data`."""
    env = dict(os.environ, PORTAL_CONFIG="demo", PUBLIC_URL=f"http://127.0.0.1:{port}",
               DATABASE_URL=f"sqlite:///{data / 'portal.sqlite3'}", SEARCH_INDEX_DIR=str(data / "index"),
               UPLOAD_DIR=str(data / "uploads"), AUDIT_ANCHOR_PATH=str(data / "audit-anchors.jsonl"),
               ERASURE_LOG_PATH=str(data / "erasure-log.jsonl"))
    env.pop("MAIL_URL", None)
    return env


def load_demo(data: Path, env: dict[str, str]) -> None:
    """A fresh database with the demo data (`flask db upgrade`, `flask demo load`)."""
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    for command in (["db", "upgrade"], ["demo", "load"]):
        subprocess.run([str(BIN / "flask"), "--app", "wsgi", *command], cwd=ROOT, env=env, check=True,  # nosec B603
                       stdout=subprocess.DEVNULL)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(app_spec: str, port: int, env: dict[str, str], data: Path):
    """`app_spec` under gunicorn with WORKERS sync workers on 127.0.0.1:`port` until the block ends."""
    empty = data / "gunicorn-empty.conf.py"  # so the repository's gunicorn.conf.py (gthread) is not read
    empty.write_text("")
    log = (data / "gunicorn.log").open("a")  # the portal logs every request; kept out of the report
    process = subprocess.Popen(  # nosec B603
        [str(BIN / "gunicorn"), "-c", str(empty), "-w", str(WORKERS), "-k", "sync", "-b", f"127.0.0.1:{port}",
         "--timeout", "120", "--log-level", "warning", app_spec], cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30).close()  # nosec B310  # our server
                break
            except OSError:  # refused while gunicorn starts; URLError and timeouts are OSErrors too
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"gunicorn for {app_spec} did not start")
                time.sleep(0.3)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sign_in(base: str, email: str, password: str, totp_secret: str | None = None) -> str:
    """Sign in as a demo login (with its TOTP code for staff); the Cookie header value of the session."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", USER_AGENT)]

    def post(path: str, fields: dict[str, str]) -> str:
        page = opener.open(base + path, timeout=30).read().decode()  # nosec B310  # our server
        token = _CSRF.search(page)
        if token is None:
            raise SystemExit(f"no CSRF token on {path}")
        data = urllib.parse.urlencode({**fields, "csrf_token": token.group(1) or token.group(2)}).encode()
        with opener.open(urllib.request.Request(base + path, data=data), timeout=30) as answer:  # nosec B310
            return answer.geturl()

    landed = post("/auth/login", {"email": email, "password": password})
    if totp_secret is not None:
        import pyotp

        landed = post("/auth/login/code", {"code": pyotp.TOTP(totp_secret).now()})
    if "/auth/" in urllib.parse.urlsplit(landed).path:
        raise SystemExit(f"signing in as {email} ended on {landed}")
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def status_of(url: str, cookie: str) -> int:
    """The status of one GET, redirects not followed (a redirect is a failure for a page bench)."""
    opener = urllib.request.build_opener(_NoRedirect)
    opener.addheaders = [("User-Agent", USER_AGENT)]
    try:
        with opener.open(urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {}),
                         timeout=60) as answer:  # nosec B310  # our server
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code
