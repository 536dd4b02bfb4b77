"""Retention texts that other capabilities declare at import time (the inventory's Art. 15 texts) but
that must read the schedule when rendered: a lazy string that looks the rule up on each use."""
from __future__ import annotations

from flask_babel import LazyString


def _render(category: str, person_kind: str | None, template) -> str:
    from portal.services.retention import schedule  # at render time: the schedule reads the database

    rule = schedule.rule(category, person_kind)
    return str(template(schedule.duration(rule.period_days)))


def period_text(category: str, template, person_kind: str | None = None) -> LazyString:
    """`template(period)` → a lazy string with the rule's period in it, in the reader's language."""
    return LazyString(_render, category, person_kind, template)
