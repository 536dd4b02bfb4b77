"""Errors are pages in the person's language, never a trace; unclassified routes fail closed."""
from portal.security import PUBLIC, allow


def test_404_in_swedish_and_english(client):
    sv = client.get("/finns-inte")
    assert sv.status_code == 404 and "Hittades inte" in sv.get_data(as_text=True)
    en = client.get("/finns-inte", headers={"Accept-Language": "en"})
    assert "Not found" in en.get_data(as_text=True)


def test_405_is_a_page(client):
    response = client.post("/healthz")
    assert response.status_code in (400, 405)
    assert "<!DOCTYPE html>" in response.get_data(as_text=True)


def test_unexpected_exception_is_a_500_page_without_a_trace(app, client):
    @allow(PUBLIC)
    def explode():
        raise RuntimeError("secret internals")

    app.add_url_rule("/explode", "explode", explode)
    response = client.get("/explode", headers={"Accept-Language": "en"})
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong" in body and "secret internals" not in body and "Traceback" not in body


def test_a_route_nobody_classified_is_refused(app, client):
    app.add_url_rule("/unclassified", "unclassified", lambda: "should never be served")
    response = client.get("/unclassified")
    assert response.status_code == 403 and "should never be served" not in response.get_data(as_text=True)


def test_request_too_large_is_413(app, client, csrf_off):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/auth/register", data={"name": "x" * 5000}, headers={"Accept-Language": "en"})
    assert response.status_code == 413 and "larger than we accept" in response.get_data(as_text=True)
