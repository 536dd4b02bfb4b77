"""The register of processors and where data may go (GDPR Art. 28, 44–46; R-SEC-1): the EEA always, outside it
only with an adequacy decision in force, the United States only with the DPF certification; the DPA a PDF."""
from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, Processor
from portal.services import DomainError
from portal.services.actors import SYSTEM
from portal.services.records import adequacy_seed, processors, transfers
from tests.records.conftest import PDF, PNG, TODAY, make_processor

pytestmark = pytest.mark.usefixtures("adequacy")


def _input(country="SE", **fields) -> processors.ProcessorInput:
    return processors.ProcessorInput(name=fields.pop("name", "Example AB"), service="Mail", data_categories="E-mail",
                                     country_code=country, **fields)


def _refused(data, agreement=None, today=TODAY) -> DomainError:
    with pytest.raises(DomainError) as caught:
        processors.register(SYSTEM, data, agreement, today=today)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(Processor.id))) == 0  # nothing half-written
    return caught.value


def test_a_processor_in_the_eea_is_registered_with_its_agreement_and_audited():
    processor = make_processor()
    assert processor.has_agreement and processor.dpa_size == len(PDF) and processor.dpa_filename == "dpa.pdf"
    assert processors.with_agreement("hosting") == [processor]
    assert processors.location(processor, TODAY)["eea"] is True
    actions = db.session.scalars(sa.select(AuditEvent.action)).all()
    assert "processor.register" in actions


@pytest.mark.parametrize("country", sorted(transfers.EEA))
def test_every_eea_country_is_allowed(country):
    assert transfers.check_location(country, dpf_certified=False, today=TODAY).eea


def test_a_country_without_an_adequacy_decision_is_refused_with_the_reason():
    error = _refused(_input("IN"))
    assert error.field == "country_code"
    assert "India" in error.message and "outside the EEA" in error.message and "adequacy" in error.message


def test_the_united_states_only_with_the_data_privacy_framework_certification():
    error = _refused(_input("US"))
    assert error.field == "dpf_certified" and "Data Privacy Framework" in error.message
    processor = processors.register(SYSTEM, _input("US", dpf_certified=True), None, today=TODAY)
    basis = processors.location(processor, TODAY)
    assert basis["allowed"] and "2023/1795" in basis["basis"] and "certified" in basis["basis"]


def test_an_adequate_country_is_allowed_until_its_decision_ends():
    processor = processors.register(SYSTEM, _input("GB"), None, today=TODAY)
    assert "2021/1772" in processors.location(processor, TODAY)["basis"]
    error = _refused(_input("GB"), today=date(2031, 12, 27))
    assert error.field == "country_code" and "not in force" in error.message


def test_an_empty_adequacy_list_allows_nothing_outside_the_eea():
    db.session.execute(sa.text("DELETE FROM adequacy_decisions"))
    assert "outside the EEA" in _refused(_input("CH")).message
    assert transfers.check_location("SE", dpf_certified=False, today=TODAY).eea


def test_an_unknown_location_is_refused():
    assert _refused(_input("XX")).field == "country_code"
    assert _refused(_input("")).field == "country_code"


@pytest.mark.parametrize("data, words", [
    (b"", "empty"),
    (PNG, "not a PDF"),
    (b"MZ\x90\x00" + b"\x00" * 200, "not a PDF"),
    (b"%PDF-1.4\n" + b"0" * processors.MAX_DPA_BYTES, "larger than 5 MB"),
])
def test_the_agreement_must_be_a_pdf_by_its_content_and_small(data, words):
    error = _refused(_input(dpa_signed_on=date(2025, 1, 1)), processors.Agreement("dpa.pdf", data))
    assert error.field == "dpa_file" and words in error.message


def test_a_pdf_named_otherwise_is_refused():
    error = _refused(_input(dpa_signed_on=date(2025, 1, 1)), processors.Agreement("dpa.exe", PDF))
    assert error.field == "dpa_file"


@pytest.mark.parametrize("fields, field", [
    ({"dpa_signed_on": date(2025, 6, 1), "review_on": date(2025, 5, 31)}, "review_on"),
    ({"dpa_signed_on": date(2027, 1, 1)}, "dpa_signed_on"),
    ({}, "dpa_signed_on"),  # a file without its signing date
])
def test_the_dates_must_make_sense(fields, field):
    assert _refused(_input(**fields), processors.Agreement("dpa.pdf", PDF)).field == field


def test_a_signing_date_without_the_file_is_refused():
    assert _refused(_input(dpa_signed_on=date(2025, 1, 1))).field == "dpa_file"


def test_an_unknown_integration_is_refused():
    assert _refused(_input(integration="telepathy")).field == "integration"


def test_an_update_keeps_the_file_unless_a_new_one_comes_and_is_audited():
    processor = make_processor()
    digest = processor.dpa_sha256
    changed = _input(name="Norrsken Hosting AB", integration="hosting", dpa_signed_on=date(2025, 2, 3),
                     review_on=date(2027, 1, 1))
    processors.update(SYSTEM, processor, changed, None, today=TODAY)
    assert processor.dpa_sha256 == digest and processor.review_on == date(2027, 1, 1)
    processors.update(SYSTEM, processor, changed, processors.Agreement("new.pdf", PDF + b"\n% v2\n"), today=TODAY)
    assert processor.dpa_sha256 != digest and processor.dpa_filename == "new.pdf"
    assert processors.read_agreement(SYSTEM, processor) == PDF + b"\n% v2\n"
    actions = db.session.scalars(sa.select(AuditEvent.action)).all()
    assert actions.count("processor.update") == 2 and "processor.dpa_download" in actions


def test_an_update_to_a_refused_location_changes_nothing():
    processor = make_processor()
    with pytest.raises(DomainError):
        processors.update(SYSTEM, processor, _input("CN", dpa_signed_on=date(2025, 2, 3)), None, today=TODAY)
    db.session.rollback()
    assert db.session.get(Processor, processor.id).country_code == "SE"


def test_the_seed_list_is_the_migrations_list_and_holds_the_issues_places():
    path = next(Path(__file__).resolve().parents[2].glob("migrations/versions/*_c5e8a2d97f46_*.py"))
    spec = importlib.util.spec_from_file_location("processors_migration", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    assert [tuple(row) for row in migration.SEED] == [tuple(row) for row in adequacy_seed.ADEQUACY]
    codes = {row[0] for row in adequacy_seed.ADEQUACY}
    assert codes == {"AD", "AR", "BR", "CA", "FO", "GG", "IL", "IM", "JP", "JE", "NZ", "KR", "CH", "GB", "US", "UY",
                     "EPO"}
    assert not codes & transfers.EEA
    assert {d.code for d in transfers.decisions()} == codes
