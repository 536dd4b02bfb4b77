"""The plain data that matching reads and returns: a profile document, an assignment query, a ranking.

These types are the boundary between the profile and assignment models and the matching engine
(R-MATCH-1): the engine never imports those models, so either side can change without the other.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypedDict


class SkillEntry(TypedDict):
    name: str
    level: int  # 1-5
    years: int


class LanguageEntry(TypedDict):
    name: str
    level: str  # CEFR: A1 A2 B1 B2 C1 C2


class CertificateEntry(TypedDict):
    name: str
    issuer: str


class EarlierAssignment(TypedDict):
    client_id: int
    rating: int | None  # 1-5, or None when not rated


class ProfileDocument(TypedDict):
    consultant_id: int
    title: str
    summary: str
    skills: list[SkillEntry]
    languages: list[LanguageEntry]
    certificates: list[CertificateEntry]
    industries: list[str]
    interests: list[str]
    history_text: str
    region: str
    remote: str  # remote / onsite / hybrid
    available_from: date | None
    extent: int  # percent
    hourly_rate: int  # SEK
    excluded_client_ids: list[int]
    restricted: bool
    earlier_assignments: list[EarlierAssignment]
    updated_at: datetime | None


class MustSkill(TypedDict, total=False):
    name: str  # as the buyer wrote it: "C/C++", "minst fem års erfarenhet av Java"
    min_level: int
    min_years: int


class ShouldSkill(TypedDict):
    name: str
    weight: int  # 1-5


class MustLanguage(TypedDict, total=False):
    name: str
    min_level: str  # CEFR


@dataclass
class AssignmentQuery:
    client_id: int | None
    must_skills: list[MustSkill] = field(default_factory=list)
    should_skills: list[ShouldSkill] = field(default_factory=list)
    languages: list[MustLanguage] = field(default_factory=list)
    text: str = ""
    region: str | None = None
    remote_ok: bool = False
    start: date | None = None
    extent: int | None = None
    rate_ceiling: int | None = None


@dataclass
class MustCheck:
    requirement: str  # "skill" or "language"
    name: str
    min_level: str | None
    passed: bool
    found: str | None  # what the profile holds, e.g. "Kubernetes (4)"
    alternative: str | None = None  # which of "C/C++" the profile met, for a requirement of alternatives
    min_years: int | None = None  # years the requirement asks for ("minst fem års erfarenhet")
    years: int | None = None  # the profile's years with the skill, when years were asked for


@dataclass
class ShouldMatch:
    name: str
    weight: int
    matched_as: str | None  # the profile's own spelling, or None when missing
    level: int
    points: float


@dataclass
class Factor:
    code: str  # text, availability, extent, region, rate, rating, same_client, certificates, languages
    points: float
    detail: dict = field(default_factory=dict)


@dataclass
class Miss:
    """A rule a near miss misses, by how much (near_misses.py): availability, rate or extent."""

    code: str
    detail: dict = field(default_factory=dict)  # days_late / rate, ceiling, percent / offered, wanted


@dataclass
class Explanation:
    musts: list[MustCheck] = field(default_factory=list)
    shoulds: list[ShouldMatch] = field(default_factory=list)
    terms: dict[str, list[str]] = field(default_factory=dict)  # field -> matched terms
    factors: list[Factor] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)  # empty unless the candidate is a near miss

    @property
    def total(self) -> float:
        return round(sum(s.points for s in self.shoulds) + sum(f.points for f in self.factors), 2)


@dataclass
class Candidate:
    consultant_id: int
    score: float
    explanation: Explanation

    @property
    def near_miss(self) -> bool:
        return bool(self.explanation.misses)


@dataclass
class Ranking:
    candidates: list[Candidate]
    passed_musts: int  # how many profiles pass every must requirement and were not left out
    left_out: dict[str, int]  # reason -> count (restricted, unavailable, excluded_client); no names
    near_misses: list[Candidate] = field(default_factory=list)  # below the candidates, each with its misses
    near_missed: dict[str, int] = field(default_factory=dict)  # miss code -> how many near misses miss it
    near_total: int = 0  # how many profiles are near misses (not counted as left out)
