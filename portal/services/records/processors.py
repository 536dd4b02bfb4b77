"""The register of processors (GDPR Art. 28, 30(1)(d); R-SEC-1): who processes personal data for us, where,
and the signed data-processing agreement (a PDF, checked by its content, at most MAX_DPA_BYTES)."""
from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass
from datetime import date

import filetype
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import Processor
from portal.services import DomainError, audit
from portal.services.actors import Actor
from portal.services.profiles.file_types import safe_filename
from portal.services.records import integrations, transfers

MAX_DPA_BYTES = 5 * 1024 * 1024
FIELDS = ("name", "service", "integration", "data_categories", "country_code", "dpf_certified", "dpa_signed_on",
          "review_on")


@dataclass(frozen=True)
class ProcessorInput:
    name: str
    service: str
    data_categories: str
    country_code: str
    integration: str | None = None
    dpf_certified: bool = False
    dpa_signed_on: date | None = None
    review_on: date | None = None


@dataclass(frozen=True)
class Agreement:
    """An uploaded DPA file, before it is checked."""
    filename: str
    data: bytes


def processors() -> list[Processor]:
    return list(db.session.scalars(sa.select(Processor).order_by(Processor.name, Processor.id)))


def get(processor_id: int) -> Processor | None:
    return db.session.get(Processor, processor_id)


def with_agreement(integration: str) -> list[Processor]:
    """The processors behind an integration that have a DPA on record."""
    found = db.session.scalars(sa.select(Processor).where(Processor.integration == integration))
    return [p for p in found if p.has_agreement]


def check_pdf(agreement: Agreement) -> str:
    """The file's safe name; DomainError unless it is a PDF by content, not empty and not too large."""
    if not agreement.data:
        raise DomainError(_l("The file is empty."), field="dpa_file")
    if len(agreement.data) > MAX_DPA_BYTES:
        raise DomainError(_l("The agreement is larger than %(limit)d MB. Upload a smaller PDF.",
                             limit=MAX_DPA_BYTES // (1024 * 1024)), field="dpa_file")
    kind = filetype.guess(agreement.data)
    name = safe_filename(agreement.filename or "agreement.pdf")
    extension = posixpath.splitext(name)[1].lower()
    if kind is None or kind.mime != "application/pdf" or extension not in ("", ".pdf"):
        raise DomainError(_l("Upload the signed agreement as a PDF file; this file is not a PDF."), field="dpa_file")
    return name if extension else name + ".pdf"


def validate(data: ProcessorInput, *, has_file: bool, today: date) -> transfers.Basis:
    """Refuse what the register may not hold; the transfer basis of the location when it may."""
    if data.integration and data.integration not in integrations.INTEGRATIONS:
        raise DomainError(_l("Choose one of the listed integrations."), field="integration")
    basis = transfers.check_location(data.country_code, dpf_certified=data.dpf_certified, today=today)
    if data.dpa_signed_on and data.dpa_signed_on > today:
        raise DomainError(_l("The agreement cannot be signed on a date that has not come yet."),
                          field="dpa_signed_on")
    if data.review_on and data.dpa_signed_on and data.review_on < data.dpa_signed_on:
        raise DomainError(_l("The review date cannot be before the date the agreement was signed."),
                          field="review_on")
    if has_file and not data.dpa_signed_on:
        raise DomainError(_l("Enter the date the agreement was signed."), field="dpa_signed_on")
    if data.dpa_signed_on and not has_file:
        raise DomainError(_l("Upload the signed agreement (PDF) with its signing date."), field="dpa_file")
    return basis


def register(actor: Actor, data: ProcessorInput, agreement: Agreement | None, *, today: date) -> Processor:
    """A new processor, with its DPA when given; nothing is stored on refusal."""
    filename = check_pdf(agreement) if agreement is not None else None
    validate(data, has_file=agreement is not None, today=today)
    processor = Processor(**_columns(data))
    if agreement is not None:
        _attach(processor, filename, agreement.data)
    db.session.add(processor)
    db.session.flush()
    audit.record(actor, "processor.register", obj=processor,
                 detail={"country": processor.country_code, "dpa": processor.has_agreement})
    return processor


def update(actor: Actor, processor: Processor, data: ProcessorInput, agreement: Agreement | None, *,
           today: date) -> Processor:
    """Change the entry; a new file replaces the DPA, no file keeps the one on record."""
    filename = check_pdf(agreement) if agreement is not None else None
    validate(data, has_file=agreement is not None or processor.dpa_sha256 is not None, today=today)
    changed = [name for name, value in _columns(data).items() if getattr(processor, name) != value]
    for name, value in _columns(data).items():
        setattr(processor, name, value)
    if agreement is not None:
        _attach(processor, filename, agreement.data)
        changed.append("dpa_file")
    db.session.flush()
    audit.record(actor, "processor.update", obj=processor, detail={"fields": sorted(changed)})
    return processor


def read_agreement(actor: Actor, processor: Processor) -> bytes:
    """The signed DPA's bytes; every download is in the audit log."""
    audit.record(actor, "processor.dpa_download", obj=processor, detail={"sha256": processor.dpa_sha256})
    return processor.dpa_pdf


def location(processor: Processor, today: date) -> dict:
    """Where the processor keeps the data and on which basis; `allowed` False once the basis has lapsed."""
    try:
        basis = transfers.check_location(processor.country_code, dpf_certified=processor.dpf_certified, today=today)
    except DomainError as error:
        return {"country": transfers.country_name(processor.country_code), "eea": False, "allowed": False,
                "basis": error.message}
    return {"country": transfers.country_name(processor.country_code), "eea": basis.eea, "allowed": True,
            "basis": basis.text()}


def _columns(data: ProcessorInput) -> dict:
    return {"name": data.name.strip(), "service": data.service.strip(), "integration": data.integration or None,
            "data_categories": data.data_categories.strip(), "country_code": data.country_code.strip().upper(),
            "dpf_certified": bool(data.dpf_certified), "dpa_signed_on": data.dpa_signed_on,
            "review_on": data.review_on}


def _attach(processor: Processor, filename: str, data: bytes) -> None:
    processor.dpa_filename, processor.dpa_size = filename, len(data)
    processor.dpa_sha256, processor.dpa_pdf = hashlib.sha256(data).hexdigest(), data


def recipients_line() -> str:
    """'Name (Country), …' of every processor, for the register extract's recipients (Art. 15(1)(c))."""
    return ", ".join(f"{p.name} ({transfers.country_name(p.country_code)})" for p in processors())
