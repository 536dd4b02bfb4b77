"""The record of processing activities as CSV (one row per item, a `section` column) and as a PDF for the
supervisory authority, in the reader's language. fpdf2 writes the PDF: pure Python, real text objects.
"""
from __future__ import annotations

import csv
import io

from flask_babel import lazy_gettext as _l
from fpdf import FPDF

CSV_FIELDS = ("section", "name", "purpose", "legal_basis", "data_subjects", "data_categories", "recipients",
              "transfer", "retention", "detail")
_SEP = "; "
# The PDF's built-in fonts are Latin-1: the few typographic marks our texts use get their plain twins.
_PLAIN = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "...", "→": "->",
                        "\u00a0": " ", "\u202f": " "})


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


class _Document(FPDF):
    def __init__(self, footer_text: str):
        super().__init__(format="A4")
        self.footer_text = footer_text
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(15, 15, 15)

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 6, _plain(f"{self.footer_text} - {self.page_no()}"), align="C")


def _plain(text) -> str:
    return str(text).translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def _heading(pdf: FPDF, text, size: int = 13) -> None:
    pdf.ln(3)
    pdf.set_font("Helvetica", style="B", size=size)
    pdf.multi_cell(0, 7, _plain(text), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)


def _line(pdf: FPDF, label, value) -> None:
    pdf.set_font("Helvetica", style="B", size=10)
    pdf.multi_cell(0, 5, _plain(label), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, _plain(value or "-"), new_x="LMARGIN", new_y="NEXT")


def to_pdf(record: dict) -> bytes:
    controller = record["controller"]
    title = _l("Record of processing activities (GDPR Art. 30)")
    pdf = _Document(f"{controller['name']} · {title}".replace("·", "-"))
    pdf.set_title(_plain(title))
    pdf.set_author(_plain(controller["name"]))
    pdf.add_page()
    _heading(pdf, title, 16)
    _line(pdf, _l("Controller"), f"{controller['name']}, {controller['org_number']}, {controller['address']}, "
                                 f"{controller['email']}, {controller['phone']}")
    _line(pdf, _l("Prepared for"), record["authority"]["name"])
    _line(pdf, _l("Date"), record["generated_on_text"])
    _heading(pdf, _l("Processing activities"))
    for a in record["activities"]:
        _heading(pdf, a["purpose"], 11)
        _line(pdf, _l("Legal basis"), _SEP.join(a["legal_bases"]))
        _line(pdf, _l("Categories of people"), _SEP.join(a["data_subjects"]))
        _line(pdf, _l("Categories of data (tables)"), ", ".join(a["data_categories"]))
        _line(pdf, _l("Recipients"), _SEP.join(a["recipients"]))
        _line(pdf, _l("Retention"), _SEP.join(a["retention"]))
    _heading(pdf, _l("Processors and transfers outside the EEA"))
    if not record["processors"]:
        pdf.multi_cell(0, 5, _plain(_l("No processors are registered.")), new_x="LMARGIN", new_y="NEXT")
    for p in record["processors"]:
        _heading(pdf, p["name"], 11)
        _line(pdf, _l("Service"), p["service"])
        _line(pdf, _l("Categories of data"), p["data_categories"])
        _line(pdf, _l("Location and transfer basis"), f"{p['country']}: {p['basis']}")
        _line(pdf, _l("Data-processing agreement signed"), p["dpa_signed_on"])
    _heading(pdf, _l("Retention schedule"))
    for r in record["retention"]:
        _line(pdf, f"{r['category']} ({r['person_kind']}): {r['period']}", f"{r['plain_words']} {r['legal_basis']}.")
    _heading(pdf, _l("Security measures (GDPR Art. 32)"))
    for m in record["security"]:
        _line(pdf, m["measure"], m["detail"])
    return bytes(pdf.output())
