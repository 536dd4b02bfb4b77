"""Personnummer and bankgiro encrypted at rest, key rotation, refusal to start without keys (R-SEC-2)."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from cryptography.fernet import Fernet

from portal.config import ConfigError
from portal.extensions import db
from portal.services import encryption
from portal.services.profiles import sections
from portal.services.actors import SYSTEM
from tests.profiles.helpers import VALID_BANKGIRO, VALID_PNR, profile_of


def _raw():
    return db.session.execute(sa.text(
        "SELECT personnummer_encrypted, bankgiro_encrypted FROM consultant_profiles")).one()


def test_raw_columns_hold_no_plain_numbers(app, make_user):
    profile = profile_of(make_user())
    sections.update_identity(SYSTEM, profile, personnummer=VALID_PNR, national_id=None, national_id_country=None,
                             date_of_birth=None, gender=None, citizenship="SE", work_permit=None,
                             work_permit_expires=None)
    sections.update_payment(SYSTEM, profile, bankgiro=VALID_BANKGIRO, f_tax="F", company_name=None,
                            company_org_number=None)
    db.session.commit()
    pnr, bankgiro = _raw()
    for plain in ("19811218", "9876", "811218"):
        assert plain not in pnr
    assert "5050" not in bankgiro and "1055" not in bankgiro
    assert sections.personnummer(profile) == VALID_PNR and sections.bankgiro(profile) == VALID_BANKGIRO


def test_rotation_reencrypts_with_the_current_key(app, make_user):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    app.config["FIELD_ENCRYPTION_KEYS"] = old
    profile = profile_of(make_user())
    sections.update_identity(SYSTEM, profile, personnummer=VALID_PNR, national_id=None, national_id_country=None,
                             date_of_birth=None, gender=None, citizenship=None, work_permit=None,
                             work_permit_expires=None)
    db.session.commit()
    app.config["FIELD_ENCRYPTION_KEYS"] = f"{new},{old}"
    result = app.test_cli_runner().invoke(args=["keys", "rotate"])
    assert result.exit_code == 0 and "re-encrypted 1 values" in result.output
    app.config["FIELD_ENCRYPTION_KEYS"] = new  # the old key is gone; the value still opens
    db.session.expire_all()
    assert sections.personnummer(profile_of(profile.user)) == VALID_PNR
    app.config["FIELD_ENCRYPTION_KEYS"] = old
    with pytest.raises(encryption.InvalidToken):
        encryption.decrypt(_raw()[0])


def test_keys_generate_prints_a_fernet_key(app):
    output = app.test_cli_runner().invoke(args=["keys", "generate"]).output.strip()
    Fernet(output.encode())


def test_production_refuses_to_start_without_keys(monkeypatch):
    from portal import create_app

    monkeypatch.setenv("PORTAL_CONFIG", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 48)
    monkeypatch.delenv("FIELD_ENCRYPTION_KEYS", raising=False)
    with pytest.raises(ConfigError, match="FIELD_ENCRYPTION_KEYS"):
        create_app()
