"""The sensitive-data guard (R-CON-8): free text that discloses special-category data is refused.

Minimal local version written against the agreed interface; the full guard (Swedish and English
rules, labelled test sentences, refusal statistics) replaces this module at merge.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from portal.services import DomainError, audit
from portal.services.actors import SYSTEM

KIND_LABELS = {
    "religion": _l("religion or belief"), "trade_union": _l("trade-union membership"),
    "health": _l("health or illness"), "sexual_orientation": _l("sexual orientation"),
    "ethnic_origin": _l("ethnic origin"), "political_opinion": _l("political opinion"),
    "biometric": _l("biometric data"), "genetic": _l("genetic data"),
}
# First-person disclosures only: "experience in the health-care sector" stays allowed.
PATTERNS = {
    "religion": r"\b(i am|i'm|jag är) (a )?(christian|muslim|jewish|buddhist|hindu|atheist|kristen|muslim|judisk)",
    "trade_union": r"\b(member of|medlem i) (the )?(trade union|union|facket|unionen|saco|tco|lo)\b",
    "health": r"\b(diagnos|diagnosed|sjukskriven|sick leave|burnout|utbränd|depression|diabetes|cancer|adhd)",
    "sexual_orientation": r"\b(i am|i'm|jag är) (gay|lesbian|bisexual|homosexual|homosexuell|bisexuell)",
    "ethnic_origin": r"\b(my ethnicity|min etnicitet|ethnic origin is|etniskt ursprung är)",
    "political_opinion": r"\b(i vote for|jag röstar på|member of the party|medlem i partiet)",
    "biometric": r"\b(fingerprint|fingeravtryck|iris scan|ansiktsbiometri)",
    "genetic": r"\b(my dna|mitt dna|genetic test|gentest)",
}


@dataclass(frozen=True)
class Finding:
    kind: str


class SensitiveDataError(DomainError):
    def __init__(self, field: str, label, finding: Finding):
        message = _l("“%(label)s” seems to contain information about %(kind)s. Please remove it: we do not "
                     "store that kind of information in profiles.", label=label, kind=KIND_LABELS[finding.kind])
        super().__init__(message, field=field)
        self.finding = finding


def check_fields(fields: dict[str, tuple[object, str | None]]) -> None:
    """Raise SensitiveDataError for the first field whose text discloses special-category data."""
    for field, (label, text) in fields.items():
        if not text:
            continue
        for kind, pattern in PATTERNS.items():
            if re.search(pattern, text, re.IGNORECASE):
                raise SensitiveDataError(field, label, Finding(kind))


def record_refusal(finding: Finding, field: str) -> None:
    """Count a refusal without its text."""
    audit.record(SYSTEM, "sensitive_data.refused", detail={"kind": finding.kind, "field": field})
