"""The record of processing activities as CSV (one row per item, a `section` column) and as a PDF for the
supervisory authority, in the reader's language. fpdf2 writes the PDF: pure Python, real text objects.
"""
from __future__ import annotations

import csv
import io

from flask_babel import lazy_gettext as _l

from portal.services.pdf_text import PlainDocument, plain

CSV_FIELDS = ("section", "name", "purpose", "legal_basis", "data_subjects", "data_categories", "recipients",
              "transfer", "retention", "detail")
_SEP = "; "


def _cell(value) -> str:
    """No spreadsheet formulas out of a cell (CSV injection)."""
    text = str(value or "")
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(record: dict) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\r\n")
    writer.writeheader()

    def row(**values) -> None:
        writer.writerow({key: _cell(value) for key, value in values.items()})

    transfers = _SEP.join(f"{p['name']} ({p['country']})" for p in record["transfers"])
    for a in record["activities"]:
        row(section="activity", purpose=a["purpose"], legal_basis=_SEP.join(a["legal_bases"]),
            data_subjects=_SEP.join(a["data_subjects"]), data_categories=_SEP.join(a["data_categories"]),
            recipients=_SEP.join(a["recipients"]), retention=_SEP.join(a["retention"]), transfer=transfers)
    for p in record["processors"]:
        row(section="processor", name=p["name"], purpose=p["service"], data_categories=p["data_categories"],
            transfer=f"{p['country']}: {p['basis']}",
            detail=f"DPA {p['dpa_signed_on'] or '-'}; review {p['review_on'] or '-'}")
    for r in record["retention"]:
        row(section="retention", name=r["category"], data_subjects=r["person_kind"], legal_basis=r["legal_basis"],
            retention=r["period"], detail=r["plain_words"])
    for m in record["security"]:
        row(section="security", name=m["measure"], detail=m["detail"])
    return out.getvalue()


def to_pdf(record: dict) -> bytes:
    controller = record["controller"]
    title = _l("Record of processing activities (GDPR Art. 30)")
    pdf = PlainDocument(f"{controller['name']} - {title}")
    pdf.set_title(plain(title))
    pdf.set_author(plain(controller["name"]))
    pdf.add_page()
    pdf.heading(title, 16)
    pdf.line(_l("Controller"), f"{controller['name']}, {controller['org_number']}, {controller['address']}, "
                                 f"{controller['email']}, {controller['phone']}")
    pdf.line(_l("Prepared for"), record["authority"]["name"])
    pdf.line(_l("Date"), record["generated_on_text"])
    pdf.heading(_l("Processing activities"))
    for a in record["activities"]:
        pdf.heading(a["purpose"], 11)
        pdf.line(_l("Legal basis"), _SEP.join(a["legal_bases"]))
        pdf.line(_l("Categories of people"), _SEP.join(a["data_subjects"]))
        pdf.line(_l("Categories of data (tables)"), ", ".join(a["data_categories"]))
        pdf.line(_l("Recipients"), _SEP.join(a["recipients"]))
        pdf.line(_l("Retention"), _SEP.join(a["retention"]))
    pdf.heading(_l("Processors and transfers outside the EEA"))
    if not record["processors"]:
        pdf.paragraph(_l("No processors are registered."))
    for p in record["processors"]:
        pdf.heading(p["name"], 11)
        pdf.line(_l("Service"), p["service"])
        pdf.line(_l("Categories of data"), p["data_categories"])
        pdf.line(_l("Location and transfer basis"), f"{p['country']}: {p['basis']}")
        pdf.line(_l("Data-processing agreement signed"), p["dpa_signed_on"])
    pdf.heading(_l("Retention schedule"))
    for r in record["retention"]:
        pdf.line(f"{r['category']} ({r['person_kind']}): {r['period']}", f"{r['plain_words']} {r['legal_basis']}.")
    pdf.heading(_l("Security measures (GDPR Art. 32)"))
    for m in record["security"]:
        pdf.line(m["measure"], m["detail"])
    return bytes(pdf.output())
