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
