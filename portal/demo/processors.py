"""Demo processors (R-SEC-1): hosting in Sweden, mail delivery in Finland (EEA) and text messages from the
United Kingdom (an adequacy decision), each with a signed DPA, so the register and the record show content.
The companies are invented; the agreements are one-page PDFs made here."""
from __future__ import annotations

from datetime import date
from typing import Iterator

import sqlalchemy as sa
from fpdf import FPDF

from portal.extensions import db
from portal.models import Processor
from portal.services.actors import SYSTEM
from portal.services.records import processors, transfers

DEMO = (
    # name, service, integration, data categories, country, signed, review
    ("Norrsken Hosting AB", "Hosting, databases and encrypted backups in Stockholm", "hosting",
     "Everything the portal stores: accounts, profiles, assignments, logs", "SE", date(2025, 2, 3), date(2027, 2, 3)),
    ("Postilaatikko Mail Oy", "Delivery of the portal's e-mail (SMTP)", "mail",
     "Names, e-mail addresses and the text of mails sent", "FI", date(2025, 4, 22), date(2027, 4, 22)),
    ("Thames Text Messaging Ltd", "Text messages for sign-in codes", "sms",
     "Mobile numbers and the text of messages", "GB", date(2025, 9, 15), date(2026, 9, 15)),
)


def agreement_pdf(name: str, signed: date) -> bytes:
    """A one-page stand-in for a signed data-processing agreement."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 7, f"Data-processing agreement (GDPR Art. 28) between Customersonly AB (controller) and "
                         f"{name} (processor), signed {signed.isoformat()}. Demo document.")
    return bytes(pdf.output())


def load() -> Iterator[str]:
    added = transfers.seed()
    if added:
        yield f"adequacy list: {added} decisions"
    if db.session.scalar(sa.select(Processor.id).limit(1)) is not None:
        return
    for name, service, integration, categories, country, signed, review in DEMO:
        data = processors.ProcessorInput(name=name, service=service, data_categories=categories, country_code=country,
                                         integration=integration, dpa_signed_on=signed, review_on=review)
        processors.register(SYSTEM, data, processors.Agreement(f"dpa-{integration}.pdf", agreement_pdf(name, signed)),
                            today=date.today())
        yield f"registered processor {name} ({country})"
