"""The shared skill vocabulary: one skill whatever people call it ("Postgres" = "PostgreSQL")."""
from __future__ import annotations

import re

import sqlalchemy as sa

from portal.extensions import db
from portal.models import Skill, SkillAlias

# Canonical name → other names people write. Staff extend the table; this is the seed.
COMMON_ALIASES = {
    "PostgreSQL": ["Postgres", "psql", "pgsql"],
    "JavaScript": ["JS", "ECMAScript"],
    "TypeScript": ["TS"],
    "Kubernetes": ["k8s", "kube"],
    "C#": ["csharp", "c sharp"],
    "Microsoft Azure": ["Azure"],
    "Amazon Web Services": ["AWS"],
    "Google Cloud Platform": ["GCP", "Google Cloud"],
    "React": ["React.js", "ReactJS"],
    "Vue.js": ["Vue", "VueJS"],
    "Node.js": ["Node", "NodeJS"],
    "Machine learning": ["ML"],
    "Continuous integration": ["CI", "CI/CD"],
    ".NET": ["dotnet", "dot net"],
    "Microsoft SQL Server": ["MSSQL", "SQL Server"],
}


def key_of(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()[:100]


def find(name: str) -> Skill | None:
    key = key_of(name)
    skill = db.session.scalar(sa.select(Skill).where(Skill.key == key))
    if skill is None:
        alias = db.session.scalar(sa.select(SkillAlias).where(SkillAlias.key == key))
        skill = alias.skill if alias else None
    return skill


def resolve(name: str) -> Skill:
    """The skill this name means, created the first time someone names it."""
    skill = find(name)
    if skill is None:
        skill = Skill(name=re.sub(r"\s+", " ", name).strip()[:100], key=key_of(name))
        db.session.add(skill)
        db.session.flush()
    return skill


def add_alias(skill: Skill, alias: str) -> None:
    key = key_of(alias)
    if key != skill.key and db.session.scalar(sa.select(SkillAlias.id).where(SkillAlias.key == key)) is None:
        db.session.add(SkillAlias(key=key, skill_id=skill.id))
        db.session.flush()


def seed_aliases() -> None:
    """Idempotent: the common skills and their other names."""
    for name, aliases in COMMON_ALIASES.items():
        skill = resolve(name)
        for alias in aliases:
            add_alias(skill, alias)


def suggest(prefix: str, limit: int = 10) -> list[str]:
    """Names of existing skills starting with (or containing) what was typed."""
    key = key_of(prefix)
    if not key:
        return []
    pattern = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    query = (sa.select(Skill.name).where(Skill.key.like(pattern, escape="\\"))
             .order_by(sa.func.length(Skill.key), Skill.key).limit(limit))
    return list(db.session.scalars(query))


def all_names(limit: int = 500) -> list[str]:
    return list(db.session.scalars(sa.select(Skill.name).order_by(Skill.key).limit(limit)))
