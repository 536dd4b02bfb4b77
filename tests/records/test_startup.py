"""An integration cannot be turned on without its processor's DPA (GDPR Art. 28, R-SEC-1): the portal refuses
to start and says which integration, which setting and what to record; with the DPA it starts."""
from __future__ import annotations

from datetime import date

import pytest

from portal import create_app
from portal.config import ConfigError
from portal.services.records import integrations
from tests.records.conftest import make_processor

REQUIRED = {"PROCESSOR_AGREEMENTS_REQUIRED": True}


def test_an_integration_without_a_dpa_refuses_to_start_and_says_why(make_app):
    with pytest.raises(ConfigError) as refused:
        make_app(**REQUIRED, ENABLED_INTEGRATIONS=("sms",))
    message = str(refused.value)
    assert "sms integration is enabled by ENABLED_INTEGRATIONS" in message
    assert "data-processing agreement" in message and "Processors" in message


def test_an_external_mail_server_is_the_mail_integration(make_app):
    with pytest.raises(ConfigError, match=r"mail integration is enabled by MAIL_URL \(host smtp.example.net\)"):
        make_app(**REQUIRED, MAIL_URL="smtp://smtp.example.net:587")


def test_analytics_is_an_integration(make_app):
    with pytest.raises(ConfigError, match="analytics integration is enabled by ANALYTICS_SCRIPT_URL"):
        make_app(**REQUIRED, ANALYTICS_SCRIPT_URL="https://stats.example.net/script.js")


def test_with_the_dpa_on_record_it_starts(make_app, adequacy):
    make_processor(name="Postilaatikko Mail Oy", country="FI", integration="mail")
    app = make_app(**REQUIRED, MAIL_URL="smtp://smtp.example.net:587")
    assert app.config["MAIL_URL"]


def test_a_processor_without_the_file_does_not_count(make_app, adequacy):
    make_processor(name="Postilaatikko Mail Oy", country="FI", integration="mail", with_file=False)
    with pytest.raises(ConfigError, match="no processor for 'mail'"):
        make_app(**REQUIRED, MAIL_URL="smtp://smtp.example.net:587")


def test_a_lapsed_transfer_basis_refuses_too(app, adequacy):
    make_processor(name="Thames Text Messaging Ltd", country="GB", integration="sms")
    app.config.update(REQUIRED, ENABLED_INTEGRATIONS=("sms",))
    assert integrations.refusals(app.config, date(2026, 12, 12)) == []
    [reason] = integrations.refusals(app.config, date(2032, 1, 1))
    assert "no transfer is allowed any more (Thames Text Messaging Ltd)" in reason


def test_a_local_relay_and_no_integration_start_without_a_dpa(make_app):
    assert make_app(**REQUIRED, MAIL_URL="smtp://127.0.0.1:25")
    assert make_app(**REQUIRED)


def test_an_unknown_integration_name_is_refused(make_app):
    with pytest.raises(ConfigError, match="'telepathy', which is no integration"):
        make_app(**REQUIRED, ENABLED_INTEGRATIONS=("telepathy",))


def test_a_fresh_database_still_migrates(tmp_path, app_config):
    """`flask db upgrade` builds the app before the processors table exists: the check waits for it."""
    url = "sqlite:///" + str(tmp_path / "fresh.sqlite3")
    app = create_app({**app_config, **REQUIRED, "SQLALCHEMY_DATABASE_URI": url, "ENABLED_INTEGRATIONS": ("sms",)})
    with app.app_context():
        from flask_migrate import upgrade

        from portal.extensions import db

        upgrade()
        db.engine.dispose()
    with pytest.raises(ConfigError, match="sms integration"):
        create_app({**app_config, **REQUIRED, "SQLALCHEMY_DATABASE_URI": url, "ENABLED_INTEGRATIONS": ("sms",)})


def test_the_environment_names_integrations(monkeypatch, make_app):
    monkeypatch.setenv("ENABLED_INTEGRATIONS", "Hosting, sms")
    with pytest.raises(ConfigError) as refused:
        make_app(**REQUIRED)
    assert "hosting integration" in str(refused.value) and "sms integration" in str(refused.value)


def test_the_test_and_demo_configs_enable_no_external_integration():
    from portal.config import DemoConfig, TestConfig

    for config in (DemoConfig, TestConfig):
        settings = {key: getattr(config, key) for key in dir(config) if key.isupper()}
        assert integrations.enabled(settings) == {}
