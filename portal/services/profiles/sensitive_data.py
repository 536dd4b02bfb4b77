"""The sensitive-data guard (R-CON-8): free text that discloses special-category data is refused.

The rule. Profile text may *talk about* a special-category subject as work; it may not *say
something about the person*. Every free-text and name field a consultant fills (summary, title,
interests, industries, descriptions, skill and language names, certificates, reference statements,
file names, LinkedIn texts, the card pitch) passes `check_fields` before anything is stored or
shared. How text is read (case, invisible characters, punctuation inside words, inflections,
compounds, typos, file names without å/ä/ö) is in `sensitive.normalise` and `sensitive.vocabulary`;
the words per category are in `sensitive.terms_*`, phrase rules ("of Kurdish descent", "half X",
"har MS", a same-sex spouse) in `sensitive.patterns`; how the words around a term decide (personal
cue, activity, work marker, employer, a personal heading such as "Intressen:") is in
`sensitive.judge` and `sensitive.cues`.

Judgement calls, documented: pregnancy counts as health data; parental leave is not special-category.
"HBTQ"/"LGBTQ" alone is a topic (an HBTQ-certified workplace); "HBTQ-person", "gay", "lesbian" are
identity words. Citizenship and country of birth are data the policy asks for (R-CON-6), so a bare
nationality is not ethnic origin; ethnic words (Kurdish, Sami, Roma, "ethnicity"), a nationality with
a word of origin ("av somaliskt ursprung"), mixed heritage and a family's flight are. A language skill,
even a mother tongue ("Samiska", "Tigrinja (modersmål)"), is a skill. Being employed by a union,
church, party or clinic is an employer, not membership.
Staff add words in the staff page (`add_term`); the guard reads them with the built-in ones. The
labelled sentences in tests/data/ and `python -m bench.sensitive_guard` measure precision and recall.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import sqlalchemy as sa
from flask import has_app_context
from flask_babel import LazyString
from flask_babel import gettext, lazy_gettext as _l

from portal.extensions import db
from portal.models import SensitiveDataRefusal, SensitiveTerm
from portal.services import DomainError, audit
from portal.services.actors import Actor
from portal.services.profiles.sensitive import judge, normalise, vocabulary

LABELS = {
    "religion": _l("religion or belief"),
    "trade_union": _l("trade-union membership"),
    "health": _l("health or illness"),
    "sexual_orientation": _l("sexual orientation"),
    "ethnic_origin": _l("ethnic origin"),
    "political_opinion": _l("political opinions"),
    "biometric": _l("biometric data"),
    "genetic": _l("genetic data"),
}
ROLES = {"identity": _l("Describes a person (refused unless the text is about work)"),
         "topic": _l("A subject (refused only when the text is about the writer)")}
LANGUAGES = {"sv": _l("Swedish"), "en": _l("English"), "any": _l("Both")}
TERM_LENGTH = 80
BUILTIN = tuple(vocabulary.builtin())


@dataclass(frozen=True)
class Finding:
    kind: str
    label: LazyString  # the kind's name, in the reader's language


class SensitiveDataError(DomainError):
    """A free-text field disclosed special-category data (R-CON-8)."""

    def __init__(self, field: str, field_label: LazyString | str, finding: Finding):
        super().__init__(gettext("%(field)s seems to contain information about %(kind)s. Such information must not be "
                            "in your profile; please remove it.", field=field_label, kind=finding.label),
                         field=field)
        self.finding = finding


def find(text: str | None, terms: tuple[vocabulary.Term, ...] = BUILTIN) -> Finding | None:
    """The first special-category disclosure in `text` (Swedish or English), or None."""
    if not text or not text.strip():
        return None
    kind = judge.judge(text, terms)
    return Finding(kind, LABELS[kind]) if kind else None


def vocabulary_now() -> tuple[vocabulary.Term, ...]:
    """The built-in words and those staff added (outside an application: the built-in ones)."""
    if not has_app_context():
        return BUILTIN
    added = db.session.execute(sa.select(SensitiveTerm.key, SensitiveTerm.kind, SensitiveTerm.role,
                                         SensitiveTerm.language).order_by(SensitiveTerm.id)).all()
    return _with_added(tuple(tuple(row) for row in added))


@lru_cache(maxsize=4)
def _with_added(added: tuple[tuple[str, str, str, str], ...]) -> tuple[vocabulary.Term, ...]:
    """The same tuple for the same staff words, so the judge's lookup tables are built once, not per save."""
    if not added:
        return BUILTIN
    return BUILTIN + tuple(vocabulary.Term(tuple(key.split()), kind, role == "identity", language,
                                           fuzzy=len(key) >= 7 and " " not in key)
                           for key, kind, role, language in added)


def check_fields(fields: dict[str, tuple[LazyString | str, str | None]]) -> None:
    """Raise SensitiveDataError for the first field (form name → (label, text)) with a finding."""
    terms = vocabulary_now()
    for name, (label, text) in fields.items():
        if (finding := find(text, terms)) is not None:
            raise SensitiveDataError(name, label, finding)


def record_refusal(finding: Finding, field: str) -> None:
    """Count one refusal for the staff statistics: its kind and field, never the text or the person.

    A view calls it after rolling back the refused save, then commits: nothing of that save is stored."""
    db.session.add(SensitiveDataRefusal(kind=finding.kind, field=field[:64]))
    db.session.flush()


def refusal_counts() -> list[tuple[str, int]]:
    """(kind, how many refusals), most frequent first."""
    count = sa.func.count(SensitiveDataRefusal.id)
    rows = db.session.execute(sa.select(SensitiveDataRefusal.kind, count).group_by(SensitiveDataRefusal.kind)
                              .order_by(count.desc(), SensitiveDataRefusal.kind))
    return [(kind, n) for kind, n in rows]


def refusal_counts_by_field() -> list[tuple[str, str, int]]:
    """(kind, field, how many refusals), most frequent first."""
    count = sa.func.count(SensitiveDataRefusal.id)
    rows = db.session.execute(sa.select(SensitiveDataRefusal.kind, SensitiveDataRefusal.field, count)
                              .group_by(SensitiveDataRefusal.kind, SensitiveDataRefusal.field)
                              .order_by(count.desc(), SensitiveDataRefusal.kind, SensitiveDataRefusal.field))
    return [(kind, field, n) for kind, field, n in rows]


# --- the words staff add -------------------------------------------------------------------------

def terms() -> list[SensitiveTerm]:
    return list(db.session.scalars(sa.select(SensitiveTerm).order_by(SensitiveTerm.kind, SensitiveTerm.key)))


def add_term(actor: Actor, term: str, kind: str, role: str, language: str) -> SensitiveTerm:
    """Add a word or phrase to the guard. Refuses blanks, unknown choices and a term already there."""
    key = " ".join(normalise.words(term or ""))
    if not key:
        raise DomainError(_l("Write the word or phrase, with at least one letter."), field="term")
    if len(term.strip()) > TERM_LENGTH:
        raise DomainError(_l("A term is at most 80 characters."), field="term")
    for value, allowed, field in ((kind, LABELS, "kind"), (role, ROLES, "role"), (language, LANGUAGES, "language")):
        if value not in allowed:
            raise DomainError(_l("Choose one of the options."), field=field)
    if db.session.scalar(sa.select(SensitiveTerm.id).where(SensitiveTerm.key == key,
                                                           SensitiveTerm.language == language)):
        raise DomainError(_l("This term is already in the list."), field="term")
    row = SensitiveTerm(term=term.strip(), key=key, kind=kind, role=role, language=language)
    db.session.add(row)
    db.session.flush()
    audit.record(actor, "sensitive_term.add", obj=row, detail={"kind": kind, "role": role, "language": language})
    return row


def remove_term(actor: Actor, term_id: int) -> None:
    row = db.session.get(SensitiveTerm, term_id)
    if row is None:
        raise DomainError(_l("This term no longer exists."))
    audit.record(actor, "sensitive_term.remove", obj=row, detail={"kind": row.kind})
    db.session.delete(row)
    db.session.flush()
