"""A seeded generator of consultant profile documents with known ground truth, and labelled assignments.

Profiles come from archetypes (bench/archetypes.py) in Swedish or English, with skills written in
several spellings, distracting mentions of other skills, availability, rates, exclusions and earlier
assignments. Each profile's truth (archetype, canonical skill levels) grades every assignment's
candidates 0-3, which is what nDCG is measured against.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bench.archetypes import ARCHETYPES, REGIONS, RELATED
from portal.services.matching import skills
from portal.services.matching.records import AssignmentQuery, ProfileDocument

BASE_DATE = date(2026, 1, 1)
START = BASE_DATE + timedelta(days=30)
COMPANIES = ["Nordbank", "Telia", "Volvo Cars", "Skatteverket", "Ericsson", "ICA", "Klarna", "Vattenfall",
             "Region Skåne", "Spotify", "Scania", "Folksam", "Postnord", "SEB", "H&M"]
TABLE = skills.default_table()
NAMES = sorted(ARCHETYPES)


@dataclass
class Truth:
    archetype: str
    levels: dict[str, int]  # canonical skill id -> level
    languages: set[str]
    available_from: date
    rate: int
    excluded: set[int]
    restricted: bool


def _level(rng: random.Random, seniority: int) -> int:
    return max(1, min(5, seniority + rng.choice((-1, 0, 0, 1))))


def profile(consultant_id: int, rng: random.Random) -> tuple[ProfileDocument, Truth]:
    kind = rng.choice(NAMES)
    arch = ARCHETYPES[kind]
    sv = rng.random() < 0.5
    seniority = rng.randint(1, 5)
    title = rng.choice(arch["title"][1 if sv else 0])
    chosen = [s for s in arch["core"] if rng.random() > 0.15] + rng.sample(arch["extra"], rng.randint(1, 3))
    skill_list, levels = [], {}
    for spellings in chosen:
        level = _level(rng, seniority)
        name = rng.choice(spellings)
        skill_list.append({"name": name, "level": level, "years": max(1, level * 2 + rng.randint(-2, 2))})
        levels[TABLE.canonical_id(name)] = level
    industry = rng.choice(arch["industries"])
    names = [s["name"] for s in skill_list]
    words = " ".join(rng.sample(arch["words_sv" if sv else "words_en"].split(), 3))
    other = ARCHETYPES[rng.choice(NAMES)]["core"][0][0]
    if sv:
        summary = (f"{title} med {seniority * 3} års erfarenhet av {', '.join(names[:2])}. Har arbetat med {words} "
                   f"inom {industry}.")
        if rng.random() < 0.3:
            summary += f" Nyfiken på {other} och vill lära mig mer."
    else:
        summary = (f"{title} with {seniority * 3} years of experience in {', '.join(names[:2])}. Worked on {words} "
                   f"in {industry}.")
        if rng.random() < 0.3:
            summary += f" Curious about {other} and keen to learn more."
    history = []
    for n in range(rng.randint(1, 3)):
        company, year = rng.choice(COMPANIES), 2024 - 3 * n
        task = " ".join(rng.sample(arch["words_sv" if sv else "words_en"].split(), 2))
        history.append(f"{year - 3}–{year} {rng.choice(arch['title'][1 if sv else 0])}, {company}: {task} "
                       f"{'med' if sv else 'with'} {rng.choice(names)}.")
    langs = [{"name": "Svenska" if sv else "Swedish", "level": rng.choice(["C2", "C2", "C1", "B1"])},
             {"name": "Engelska" if sv else "English", "level": rng.choice(["C1", "C2", "B2"])}]
    if rng.random() < 0.1:
        langs.append({"name": "German", "level": rng.choice(["A2", "B1", "B2"])})
    available = BASE_DATE + timedelta(days=rng.randint(0, 20) if rng.random() < 0.7 else rng.randint(60, 200))
    rate = 650 + seniority * 120 + rng.randint(-60, 120)
    excluded = [rng.randint(1, 10)] if rng.random() < 0.03 else []
    restricted = rng.random() < 0.01
    doc: ProfileDocument = {
        "consultant_id": consultant_id, "title": title, "summary": summary,
        "skills": skill_list, "languages": langs,
        "certificates": [{"name": n, "issuer": i} for n, i in arch["certs"] if rng.random() < 0.4],
        "industries": [industry], "interests": [rng.choice(names)], "history_text": " ".join(history),
        "region": rng.choice(REGIONS), "remote": rng.choice(["remote", "onsite", "hybrid"]),
        "available_from": available, "extent": rng.choice([50, 80, 100, 100]), "hourly_rate": rate,
        "excluded_client_ids": excluded, "restricted": restricted,
        "earlier_assignments": [{"client_id": rng.randint(1, 30), "rating": rng.choice([None, 2, 3, 4, 5])}
                                for _ in range(rng.choice([0, 0, 1, 2, 3]))],
        "updated_at": datetime(2026, 1, 1, 12, 0, 0),
    }
    truth = Truth(kind, levels, {"swedish" if l["name"] in ("Svenska", "Swedish") else l["name"].lower()
                                 for l in langs}, available, rate, set(excluded), restricted)
    return doc, truth


def profiles(n: int, seed: int = 20260101) -> tuple[list[ProfileDocument], list[Truth]]:
    rng = random.Random(seed)
    pairs = [profile(i, rng) for i in range(1, n + 1)]
    return [p for p, _ in pairs], [t for _, t in pairs]


@dataclass
class Labelled:
    kind: str
    query: AssignmentQuery
    bm25_text: str  # everything the assignment says, for the plain BM25 baseline


def assignments(seed: int = 7) -> list[Labelled]:
    """Three assignments per archetype (39): must, should, language, region, rate and start vary."""
    rng = random.Random(seed)
    out = []
    for variant in range(3):
        for kind in NAMES:
            arch = ARCHETYPES[kind]
            core, extra = arch["core"], arch["extra"]
            spelling = min(variant, len(core[0]) - 1)
            must = [{"name": core[0][spelling], "min_level": 3}]
            if variant == 1:
                must.append({"name": core[1][0], "min_level": 2})
            should = [{"name": core[2][0], "weight": 4}, {"name": extra[variant][0], "weight": 2 + variant}]
            sv = variant == 1
            title = arch["title"][1 if sv else 0][variant]
            text = f"{title}. {arch['words_sv' if sv else 'words_en']} {rng.choice(arch['industries'])}"
            query = AssignmentQuery(
                client_id=rng.randint(1, 10), must_skills=must, should_skills=should,
                languages=[{"name": "Swedish", "min_level": "B2"}] if variant != 2 else [],
                text=text, region=rng.choice(REGIONS), remote_ok=variant != 0, start=START,
                extent=rng.choice([80, 100]), rate_ceiling=900 + 150 * variant)
            words = [text, *(m["name"] for m in must), *(s["name"] for s in should),
                     *(l["name"] for l in query.languages)]
            out.append(Labelled(kind, query, " ".join(words)))
    return out


def grade(truth: Truth, labelled: Labelled) -> int:
    """Ground truth relevance 0-3 of one profile for one assignment."""
    q = labelled.query
    if truth.restricted or q.client_id in truth.excluded:
        return 0
    meets = all(truth.levels.get(TABLE.canonical_id(m["name"]), 0) >= m.get("min_level", 1) for m in q.must_skills)
    meets = meets and all(l["name"].lower() in truth.languages for l in q.languages)
    ready = truth.available_from <= q.start + timedelta(days=14) and truth.rate <= q.rate_ceiling * 1.1
    if truth.archetype == labelled.kind:
        return 3 if meets and ready else 1
    if truth.archetype in RELATED[labelled.kind] and meets and ready:
        return 1
    return 0
