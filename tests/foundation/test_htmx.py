"""One helper decides page or fragment; redirects and errors that htmx understands."""
from tests.conftest import hx

EN = {"Accept-Language": "en"}


def test_full_page_without_htmx_fragment_with_it(client):
    page = client.get("/auth/login")
    fragment = client.get("/auth/login", headers=hx())
    assert page.get_data(as_text=True).startswith("<!DOCTYPE html>")
    body = fragment.get_data(as_text=True)
    assert "<html" not in body and 'id="login-title"' in body and 'id="messages"' in body
    assert "HX-Request" in page.headers["Vary"] and "HX-Request" in fragment.headers["Vary"]


def test_boosted_and_history_restore_requests_get_the_whole_page(client):
    for headers in (hx(**{"HX-Boosted": "true"}), hx(**{"HX-History-Restore-Request": "true"})):
        assert client.get("/auth/login", headers=headers).get_data(as_text=True).startswith("<!DOCTYPE html>")


def test_invalid_form_from_htmx_is_a_422_fragment(client, csrf_off):
    response = client.post("/auth/register", data={}, headers={**hx(), **EN})
    assert response.status_code == 422
    assert "<html" not in response.get_data(as_text=True)
    assert "Enter your name." in response.get_data(as_text=True)


def test_login_redirect_for_htmx_is_hx_redirect(client):
    response = client.get("/consultant/", headers=hx())
    assert response.status_code == 204 and "/auth/login" in response.headers["HX-Redirect"]


def test_error_pages_are_fragments_for_htmx(client):
    response = client.get("/does-not-exist", headers={**hx(), **EN})
    assert response.status_code == 404 and "<html" not in response.get_data(as_text=True)
    assert "Not found" in response.get_data(as_text=True)


def test_redirect_to_the_same_page_with_only_an_anchor_is_a_refresh_for_htmx(login_as):
    """A browser treats location = same page + #anchor as a jump: nothing reloads, no message shows."""
    client = login_as("consultant").client
    same_page = client.post("/auth/account/two-factor", headers=hx(**{"HX-Current-URL": "http://localhost/auth/account"}))
    assert same_page.status_code == 204 and same_page.headers["HX-Refresh"] == "true"
    assert "HX-Redirect" not in same_page.headers
    elsewhere = client.post("/auth/account/two-factor", headers=hx(**{"HX-Current-URL": "http://localhost/consultant/"}))
    assert elsewhere.headers["HX-Redirect"] == "/auth/account#two-factor"
