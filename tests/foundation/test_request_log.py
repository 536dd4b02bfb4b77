"""Request log lines say what and how long, never who: no e-mail, path, token or IP."""
import json
import logging

from tests import factories
from tests.conftest import sign_in


def test_log_lines_carry_no_personal_data(client, csrf_off, caplog):
    user = factories.make_user(email="very.personal@example.se")
    with caplog.at_level(logging.INFO, logger="portal.request"):
        sign_in(client, user)
        client.get("/auth/verify/some-secret-token")
    lines = [r.getMessage() for r in caplog.records if r.name == "portal.request"]
    assert lines, "requests were not logged"
    for line in lines:
        entry = json.loads(line)
        assert set(entry) == {"method", "endpoint", "status", "ms", "role", "htmx"}
        assert "very.personal" not in line and "some-secret-token" not in line and "127.0.0.1" not in line


def test_development_server_request_lines_are_dropped(app):
    import logging

    record = logging.LogRecord("werkzeug", logging.INFO, __file__, 1,
                               '127.0.0.1 - - [25/Nov/2026 10:00:00] "%s" %s %s\n',
                               ("GET /auth/verify/secret HTTP/1.1", "200", "-"), None)
    assert not logging.getLogger("werkzeug").filters[0].filter(record)
    startup = logging.LogRecord("werkzeug", logging.INFO, __file__, 1, " * Running on http://127.0.0.1:5000", (), None)
    assert logging.getLogger("werkzeug").filters[0].filter(startup)
