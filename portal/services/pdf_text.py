"""PDFs with real text (fpdf2, pure Python) in the built-in Helvetica: an A4 document with a footer, headings,
labelled lines and bullet items. The built-in fonts are Latin-1, so every text goes through `plain()`."""
from __future__ import annotations

import re
import unicodedata

from fpdf import FPDF

# The few typographic marks our texts use get their plain twins.
_PLAIN = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "...", "→": "->",
                        "·": "-", "\u00a0": " ", "\u202f": " ", "\t": " "})
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def plain(value) -> str:
    """Latin-1 text for the built-in font: a letter outside it keeps its base letter when it has one (Ő → O),
    else becomes "?"; control and invisible format characters (bidi overrides) go."""
    text = _CONTROL.sub("", str(value if value is not None else "").translate(_PLAIN))
    out = []
    for char in text:
        if ord(char) < 256:
            out.append(char)
        elif unicodedata.category(char) != "Cf":
            out.append("".join(c for c in unicodedata.normalize("NFKD", char) if ord(c) < 256) or "?")
    return "".join(out)


class PlainDocument(FPDF):
    def __init__(self, footer_text: str):
        super().__init__(format="A4")
        self.footer_text = footer_text
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(15, 15, 15)

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 6, plain(f"{self.footer_text} - {self.page_no()}"), align="C")

    def heading(self, text, size: int = 13) -> None:
        self.ln(3)
        self.set_font("Helvetica", style="B", size=size)
        self.multi_cell(0, 7, plain(text), new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", size=10)

    def line(self, label, value) -> None:
        self.set_font("Helvetica", style="B", size=10)
        self.multi_cell(0, 5, plain(label), new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", size=10)
        self.multi_cell(0, 5, plain(value) or "-", new_x="LMARGIN", new_y="NEXT")

    def paragraph(self, text) -> None:
        self.set_font("Helvetica", size=10)
        self.multi_cell(0, 5, plain(text), new_x="LMARGIN", new_y="NEXT")

    def items(self, values: list[str]) -> None:
        self.set_font("Helvetica", size=10)
        for value in values:
            self.multi_cell(0, 5, "- " + plain(value), new_x="LMARGIN", new_y="NEXT")
