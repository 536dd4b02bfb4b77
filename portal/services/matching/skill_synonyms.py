"""Skill names made comparable: case, spacing and punctuation ignored, synonyms from a table staff edit.

A skill's *key* is its name lower-cased with everything but letters and digits removed ("C#" keeps
its sharp as "csharp", "C++" its pluses). The synonym table maps an alias key to a canonical name;
the index stores keys as the consultant typed them and a query expands to every key of the same
canonical skill, so a synonym edited by staff works at once, without rebuilding the index.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import SkillSynonym
from portal.services import DomainError, audit
from portal.services.actors import Actor

_NOT_ALNUM = re.compile(r"[^0-9a-zåäöéü]+")

# canonical -> aliases (spellings that differ only in case, spaces or punctuation need no entry); seeded into the table by the migration and by seed_defaults().
DEFAULT_SYNONYMS: dict[str, list[str]] = {
    "Kubernetes": ["k8s", "kube"],
    "JavaScript": ["JS", "ECMAScript", "ES6"],
    "TypeScript": ["TS"],
    "PostgreSQL": ["Postgres", "psql", "pgsql"],
    "C#": ["Visual C#"],
    ".NET": ["dotnet", ".NET Core", "ASP.NET"],
    "React": ["React.js"],
    "Node.js": ["Node"],
    "Google Cloud": ["GCP", "Google Cloud Platform"],
    "AWS": ["Amazon Web Services"],
    "Azure": ["Microsoft Azure"],
    "Machine learning": ["ML", "maskininlärning"],
    "Vue.js": ["Vue"],
    "Angular": ["AngularJS"],
    "Golang": ["Go"],
    "Python": ["py", "python3"],
    "Spring Boot": ["Spring"],
    "CI/CD": ["continuous delivery", "continuous integration"],
    "Terraform": ["TF", "HCL"],
    "Embedded C": ["embedded", "inbyggda system"],
    "Scrum": ["agile scrum"],
    "UX design": ["UX", "user experience", "användarupplevelse"],
    "Penetration testing": ["pentest", "pen testing", "penetrationstester"],
    "Test automation": ["automated testing", "automatiserad testning"],
    "SAP S/4HANA": ["S4HANA", "S/4", "SAP S4"],
    "Apache Kafka": ["Kafka"],
    "Apache Spark": ["Spark", "PySpark"],
    "Kotlin": ["kt"],
    "Project management": ["projektledning", "PM"],
}


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """The comparable form of a skill name: 'Node.js', 'node js' and 'NODEJS' all give 'nodejs'."""
    lowered = name.strip().lower().replace("#", "sharp").replace("+", "plus")
    return _NOT_ALNUM.sub("", lowered)


@dataclass
class SynonymTable:
    """alias key -> canonical name, with the reverse map built once."""

    aliases: dict[str, str] = field(default_factory=dict)
    _variants: dict[str, set[str]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for alias_key, canonical in self.aliases.items():
            self._variants.setdefault(key(canonical), {key(canonical)}).add(alias_key)

    def canonical_id(self, name: str) -> str:
        k = key(name)
        return key(self.aliases[k]) if k in self.aliases else k

    def canonical_name(self, name: str) -> str:
        return self.aliases.get(key(name), name.strip())

    def variants(self, name: str) -> set[str]:
        """Every key that means the same skill as `name` (the keys the index may hold)."""
        cid = self.canonical_id(name)
        return self._variants.get(cid, {cid})

    @classmethod
    def from_pairs(cls, pairs) -> SynonymTable:
        return cls({key(alias): canonical for alias, canonical in pairs})


def default_table() -> SynonymTable:
    return SynonymTable.from_pairs((a, c) for c, aliases in DEFAULT_SYNONYMS.items() for a in aliases)


def load_table() -> SynonymTable:
    rows = db.session.execute(sa.select(SkillSynonym.alias, SkillSynonym.canonical)).all()
    return SynonymTable.from_pairs(rows)


def synonyms() -> list[SkillSynonym]:
    return list(db.session.scalars(sa.select(SkillSynonym).order_by(SkillSynonym.canonical, SkillSynonym.alias)))


def add(actor: Actor, alias: str, canonical: str) -> SkillSynonym:
    """Make `alias` mean `canonical`. Refuses loops, blanks and an alias that already means something."""
    alias, canonical = alias.strip(), canonical.strip()
    if not key(alias):
        raise DomainError(_l("Write the spelling to recognise, with at least one letter or digit."), field="alias")
    if not key(canonical):
        raise DomainError(_l("Write the skill it means, with at least one letter or digit."), field="canonical")
    if key(alias) == key(canonical):
        raise DomainError(_l("A spelling cannot be a synonym of itself."), field="alias")
    if len(alias) > 80 or len(canonical) > 80:
        raise DomainError(_l("Skill names are at most 80 characters."), field="alias")
    existing = db.session.scalar(sa.select(SkillSynonym).where(SkillSynonym.alias_key == key(alias)))
    if existing is not None:
        raise DomainError(_l("“%(alias)s” already means “%(canonical)s”.", alias=existing.alias,
                             canonical=existing.canonical), field="alias")
    if db.session.scalar(sa.select(SkillSynonym.id).where(SkillSynonym.alias_key == key(canonical))):
        raise DomainError(_l("“%(name)s” is itself a synonym; choose the skill it means.", name=canonical),
                          field="canonical")
    synonym = SkillSynonym(alias_key=key(alias), alias=alias, canonical=canonical)
    db.session.add(synonym)
    db.session.flush()
    audit.record(actor, "skill_synonym.add", obj=synonym, detail={"alias_key": synonym.alias_key})
    return synonym


def delete(actor: Actor, synonym_id: int) -> None:
    synonym = db.session.get(SkillSynonym, synonym_id)
    if synonym is None:
        raise DomainError(_l("This synonym no longer exists."))
    audit.record(actor, "skill_synonym.delete", obj=synonym, detail={"alias_key": synonym.alias_key})
    db.session.delete(synonym)
    db.session.flush()


def seed_defaults() -> int:
    """Insert the default synonyms that are missing; returns how many were added."""
    present = set(db.session.scalars(sa.select(SkillSynonym.alias_key)))
    added = 0
    for canonical, aliases in DEFAULT_SYNONYMS.items():
        for alias in aliases:
            if key(alias) not in present:
                db.session.add(SkillSynonym(alias_key=key(alias), alias=alias, canonical=canonical))
                present.add(key(alias))
                added += 1
    db.session.flush()
    return added
