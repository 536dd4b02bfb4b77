"""What templates may ask of the retention schedule: its sentences, in the reader's language.
Registered by create_app, like the other capabilities' template globals."""
from __future__ import annotations

from flask import Flask

from portal.services.retention import schedule


def sentence(category: str, person_kind: str | None = None):
    return schedule.plain_words(schedule.rule(category, person_kind))


def sentences(role: str | None = None) -> list:
    """Every rule's sentence; for a role, the rules about that kind of person and about everyone."""
    kind = schedule.person_kind_of(role) if role else None
    return [schedule.plain_words(r) for r in schedule.rules()
            if kind is None or r.person_kind in (kind, schedule.ANY)]


def register(app: Flask) -> None:
    app.add_template_global(sentence, "retention_sentence")
    app.add_template_global(sentences, "retention_sentences")
    app.add_template_global(schedule.duration, "retention_duration")
