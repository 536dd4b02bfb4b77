"""Consent settings come from the environment; the defaults offer no analytics and last 182 days."""
from portal import create_app


def test_defaults_and_environment(monkeypatch, app_config):
    assert create_app(app_config).config["ANALYTICS_SCRIPT_URL"] is None
    assert create_app(app_config).config["CONSENT_MAX_AGE_DAYS"] == 182
    monkeypatch.setenv("ANALYTICS_SCRIPT_URL", "https://www.googletagmanager.com/gtag/js?id=G-1")
    monkeypatch.setenv("ANALYTICS_CONNECT_SRC", "https://*.google-analytics.com https://*.analytics.google.com")
    monkeypatch.setenv("CONSENT_MAX_AGE_DAYS", "90")
    config = create_app(app_config).config
    assert config["ANALYTICS_SCRIPT_URL"].endswith("id=G-1") and config["CONSENT_MAX_AGE_DAYS"] == 90
    assert config["ANALYTICS_CONNECT_SRC"] == ("https://*.google-analytics.com", "https://*.analytics.google.com")
