"""The skill vocabulary: one key for every spelling, the synonyms staff edit, and the skills profiles name.

A skill's *key* is its name case-folded with everything but letters and digits removed ("C#" keeps
its sharp as "csharp", "C++" its pluses). The named skills (`Skill.key`) and the synonym table
(`SkillSynonym.alias_key`) hold the same key, so "Postgres" typed in a profile and "Postgres" in an
assignment both mean PostgreSQL, through the same rows staff edit at /staff/skills. The index stores
keys as the consultant typed them and a query expands to every key of the same canonical skill, so a
synonym staff add works at once, without rebuilding the index.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import sqlalchemy as sa
from flask_babel import gettext, lazy_gettext as _l

from portal.extensions import db
from portal.models import Skill, SkillSynonym
from portal.services import DomainError, audit
from portal.services.actors import Actor

KEY_LENGTH = 100  # skills.key; a synonym's alias_key is at most SYNONYM_LENGTH
SYNONYM_LENGTH = 80

# canonical -> aliases (spellings that differ only in case, spaces or punctuation need no entry); seeded
# into the table by seed_defaults() and, frozen, by the migrations.
DEFAULT_SYNONYMS: dict[str, list[str]] = {
    "Kubernetes": ["k8s", "kube"],
    "JavaScript": ["JS", "ECMAScript", "ES6"],
    "TypeScript": ["TS"],
    "PostgreSQL": ["Postgres", "psql", "pgsql"],
    "C#": ["Visual C#"],
    ".NET": ["dotnet", ".NET Core", "ASP.NET", "ASP.NET Core"],
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
    "CI/CD": ["CI", "continuous delivery", "continuous integration"],
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
    "Microsoft SQL Server": ["MSSQL", "SQL Server"],
}

# Skills free text must recognise although no synonym names them (the tokenizer's vocabulary, with the
# synonyms and the skills profiles name); not seeded as rows, so a skill is still created when first named.
DEFAULT_SKILLS: tuple[str, ...] = (
    "Java", "C", "C++", "F#", "R", "Objective-C", "Swift", "Rust", "Ruby", "Ruby on Rails", "PHP", "Scala",
    "Perl", "Dart", "Flutter", "Elixir", "Erlang", "Haskell", "Clojure", "Lua", "MATLAB", "Fortran", "COBOL",
    "Visual Basic", "VB.NET", "Bash", "PowerShell", "SQL", "PL/SQL", "T-SQL", "NoSQL", "MySQL", "MongoDB",
    "Redis", "Elasticsearch", "Oracle", "Docker", "Linux", "Git", "HTML", "CSS", "Sass", "GraphQL", "REST",
    "Django", "Flask", "FastAPI", "Express.js", "Next.js", "Nuxt.js", "Svelte", "jQuery", "Three.js", "D3.js",
    "Ansible", "Jenkins", "OpenShift", "Helm", "Power BI", "Tableau", "Excel", "Figma", "Jira", "Unity",
    "Unreal Engine", "Qt", "ABAP", "Salesforce", "SharePoint", "Dynamics 365", "Blazor", "Xamarin",
    "Entity Framework", "WPF", "Hibernate", "Maven", "Gradle", "Pandas", "NumPy", "TensorFlow", "PyTorch",
    "scikit-learn", "Hadoop", "Snowflake", "Databricks", "dbt", "Airflow", "RabbitMQ", "gRPC", "WebAssembly",
)


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """The comparable form of a skill name: 'Node.js', 'node js' and 'NODEJS' all give 'nodejs'."""
    folded = unicodedata.normalize("NFKC", name).casefold().replace("#", "sharp").replace("+", "plus")
    # Letters of every script count, so no name (Cyrillic, "Ørsted") shrinks to another skill's key.
    return "".join(ch for ch in folded if ch.isalnum())[:KEY_LENGTH]


@dataclass
class SynonymTable:
    """alias key -> canonical name, with the reverse map built once."""

    aliases: dict[str, str] = field(default_factory=dict)
    spellings: dict[str, str] = field(default_factory=dict)  # alias key -> the alias as written ("Visual C#")
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
        pairs = list(pairs)
        return cls({key(alias): canonical for alias, canonical in pairs}, {key(alias): alias for alias, _ in pairs})


def default_table() -> SynonymTable:
    return SynonymTable.from_pairs((a, c) for c, aliases in DEFAULT_SYNONYMS.items() for a in aliases)


def load_table() -> SynonymTable:
    rows = db.session.execute(sa.select(SkillSynonym.alias, SkillSynonym.canonical)).all()
    return SynonymTable.from_pairs(rows)


# --- the synonyms staff edit -------------------------------------------------------------------

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
    if max(len(alias), len(canonical), len(key(alias))) > SYNONYM_LENGTH:
        raise DomainError(_l("Skill names are at most 80 characters."), field="alias")
    existing = db.session.scalar(sa.select(SkillSynonym).where(SkillSynonym.alias_key == key(alias)))
    if existing is not None:
        raise DomainError(gettext("“%(alias)s” already means “%(canonical)s”.", alias=existing.alias,
                             canonical=existing.canonical), field="alias")
    if db.session.scalar(sa.select(SkillSynonym.id).where(SkillSynonym.alias_key == key(canonical))):
        raise DomainError(gettext("“%(name)s” is itself a synonym; choose the skill it means.", name=canonical),
                          field="canonical")
    if key(alias) in {key(c) for c in db.session.scalars(sa.select(SkillSynonym.canonical).distinct())}:
        # one level only: the ranking maps an alias to its canonical skill, never further
        raise DomainError(_l("Other spellings already mean this skill; it cannot become a synonym itself."),
                          field="alias")
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


# --- the skills profiles name --------------------------------------------------------------------

def _tidy(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip()


def _meaning(name: str) -> str:
    """The canonical name when `name` is a synonym, else `name` itself, tidied."""
    canonical = db.session.scalar(sa.select(SkillSynonym.canonical).where(SkillSynonym.alias_key == key(name)))
    return _tidy(canonical or name)


def find(name: str) -> Skill | None:
    """The named skill this spelling means ("Postgres" → PostgreSQL); None while nobody has named it."""
    k = key(_meaning(name))
    return db.session.scalar(sa.select(Skill).where(Skill.key == k)) if k else None


def resolve(name: str) -> Skill:
    """The skill this name means, created under its canonical name the first time someone names it."""
    skill = find(name)
    if skill is None:
        canonical = _meaning(name)
        if not key(canonical):
            raise DomainError(_l("Write the skill with at least one letter or digit."), field="name")
        skill = Skill(name=canonical[:KEY_LENGTH], key=key(canonical))
        db.session.add(skill)
        db.session.flush()
    return skill


def _distinct(names: Iterable[str], table: SynonymTable) -> dict[str, str]:
    """key -> canonical name, the first spelling of each skill winning."""
    found: dict[str, str] = {}
    for name in names:
        canonical = table.canonical_name(name)
        found.setdefault(key(canonical), canonical)
    return found


def suggest(prefix: str, limit: int = 10) -> list[str]:
    """Skills whose name or synonym contains what was typed ("k8s" → Kubernetes), shortest first."""
    typed = key(prefix)
    if not typed:
        return []
    # keys hold letters and digits only, so the LIKE pattern needs no escaping
    named = db.session.scalars(sa.select(Skill.name).where(Skill.key.contains(typed))
                               .order_by(sa.func.length(Skill.key), Skill.key).limit(limit))
    table = load_table()
    meant = [canonical for alias_key, canonical in table.aliases.items()
             if typed in alias_key or typed in key(canonical)]
    found = _distinct([*named, *meant], table)
    return [found[k] for k in sorted(found, key=lambda k: (len(k), k)) if _shareable(found[k])][:limit]


def all_names(limit: int = 500) -> list[str]:
    """Every skill a profile can name: the named skills and the synonyms' canonical skills."""
    named = db.session.scalars(sa.select(Skill.name).order_by(Skill.key).limit(limit))
    table = load_table()
    found = _distinct([*named, *table.aliases.values()], table)
    return [found[k] for k in sorted(found) if _shareable(found[k])][:limit]


def _shareable(name: str) -> bool:
    """A skill named before the guard read skill names is never suggested if it is special-category (R-CON-8)."""
    from portal.services.profiles import sensitive_data  # profiles imports matching, not the other way at load

    return sensitive_data.find(name) is None
