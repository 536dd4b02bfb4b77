"""The adequacy list as the migration seeds it (the suite wipes every table before each test)."""
from __future__ import annotations

from datetime import date

import pytest

from portal.extensions import db
from portal.services.actors import SYSTEM
from portal.services.records import processors, transfers

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
TODAY = date(2026, 12, 12)


@pytest.fixture
def adequacy(app):
    transfers.seed()
    db.session.commit()


def make_processor(name="Norrsken Hosting AB", country="SE", integration="hosting", *, signed=date(2025, 2, 3),
                   with_file=True, **fields):
    data = processors.ProcessorInput(name=name, service=fields.pop("service", "Hosting"), data_categories="All",
                                     country_code=country, integration=integration,
                                     dpa_signed_on=signed if with_file else None, **fields)
    agreement = processors.Agreement("dpa.pdf", PDF) if with_file else None
    processor = processors.register(SYSTEM, data, agreement, today=TODAY)
    db.session.commit()
    return processor


@pytest.fixture(autouse=True)
def english_request(app):
    """Services word their refusals in the request's language: English here."""
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield
