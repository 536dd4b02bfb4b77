"""Swedish by default, English by Accept-Language, a switch in the header, the person's setting."""
import re

from portal.extensions import db
from portal.models import User


def test_swedish_by_default(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="sv">' in html and "Logga in" in html


def test_english_by_accept_language(client):
    html = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.8"}).get_data(as_text=True)
    assert '<html lang="en">' in html and "Sign in" in html


def test_switch_in_the_header_is_remembered_this_visit(client, csrf_off):
    response = client.post("/auth/language", data={"language": "en", "next": "/privacy-policy"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/privacy-policy")
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)


def test_switch_refuses_foreign_next(client, csrf_off):
    response = client.post("/auth/language", data={"language": "en", "next": "https://evil.example/"})
    assert response.headers["Location"].endswith("/")
    assert "evil" not in response.headers["Location"]


def test_signed_in_persons_setting_wins(login_as):
    portal = login_as("consultant", locale="en")
    html = portal.get("/consultant/", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert '<html lang="en">' in html
    portal.post("/auth/language", data={"language": "sv", "next": "/consultant/"})
    assert db.session.get(User, portal.user.id).locale == "sv"


def test_every_message_has_a_swedish_translation(repo_root, tmp_path):
    """A string added without its Swedish text fails here (`make translations-update`, then translate)."""
    import subprocess
    import sys

    from babel.messages.pofile import read_po

    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
                    "-k", "_l", "-k", "lazy_gettext", "--ignore-dirs", ".*",  # not the default ".* ._": templates/_partials too
                    "-o", str(pot), "--no-location", "."],
                   cwd=repo_root, check=True, capture_output=True)
    with open(pot, "rb") as handle:
        in_code = {m.id for m in read_po(handle) if m.id}
    with open(repo_root / "translations" / "sv" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalog = read_po(handle)
    translated = {m.id for m in catalog if m.id and (m.string if isinstance(m.string, str) else all(m.string))}
    assert sorted(map(str, in_code - translated)) == [], "messages without a Swedish translation"
    missing = [m.id for m in catalog if m.id and not (m.string if isinstance(m.string, str) else all(m.string))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert missing == [] and fuzzy == []
    problems = [(str(message.id), [str(e) for e in errors]) for message, errors in catalog.check()]
    assert problems == [], "pybabel compile would refuse these"
    placeholders = re.compile(r"%\(\w+\)[sd]")
    for message in catalog:
        if message.id and isinstance(message.id, str):
            assert sorted(placeholders.findall(message.id)) == sorted(placeholders.findall(message.string)), message.id


def test_dates_and_times_read_as_flask_babel_writes_them_in_both_languages(app):
    """The filters look a language's patterns up once (portal/templating.py); what they print must stay
    Flask-Babel's: the reader's zone across both summer-time shifts, naive values as UTC, every named format."""
    from datetime import date, datetime, timedelta, timezone

    from flask_babel import format_date, format_datetime

    from portal.templating import _date, _datetime

    values = [datetime(2026, 3, 29, 0, 59), datetime(2026, 3, 29, 1, 0), datetime(2026, 10, 25, 0, 59, 59),
              datetime(2026, 10, 25, 1, 0), datetime(2026, 12, 31, 23, 30),
              datetime(2026, 7, 1, 12, 0, tzinfo=timezone.utc), datetime(2026, 7, 1, 12, 0, tzinfo=timezone(timedelta(hours=-5)))]
    for language in ("sv", "en"):
        with app.test_request_context(headers={"Accept-Language": language}):
            for value in values:
                assert _datetime(value, "d MMM HH:mm") == format_datetime(value, "d MMM HH:mm")
                for fmt in ("short", "medium", "long", "full", "d MMM y"):
                    assert _datetime(value, fmt) == format_datetime(value, fmt)
                    assert _date(value.date(), fmt) == format_date(value.date(), fmt)
                    assert _date(value, fmt) == format_date(value, fmt)
            assert _datetime(None) == _date(None) == "–"
    with app.test_request_context(headers={"Accept-Language": "sv"}):
        assert _datetime(datetime(2026, 12, 8, 3, 4)) == "8 dec. 2026 04:04:00"  # UTC → Stockholm
        assert _date(date(2026, 6, 19), "full") == "fredag 19 juni 2026"
