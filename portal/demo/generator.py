"""A seeded generator of varied, realistic consultant profiles as plain dicts (demo data, benchmarks).

Deterministic for a seed, about 60 % Swedish and 40 % English text, skills in the spellings people
really type. No special-category data (R-CON-8): tests run the sensitive-data guard over its text.
E-mail domains are under .invalid and phone numbers in PTS's range reserved for fiction
(070-174 06 05 – 070-174 06 99), so nothing generated can reach a real person.

`ground_truth_relevance` grades a profile for an assignment, for ranking benchmarks:
3 the profile's role family is the assignment's and it has every must-have skill;
2 same family with at least half of the must-haves, or a related family with all of them;
1 same or related family, or at least half of the must-haves (when there are any);
0 otherwise. Skills are compared by canonical name, so "k8s" counts as "Kubernetes".
"""
from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterator
from datetime import date, timedelta

from portal.demo.archetypes import (
    ARCHETYPES, CITIES, COMPANY_PARTS, DEGREES, EMAIL_DOMAINS, FIRST_NAMES, INDUSTRIES, INTERESTS, LANGUAGES,
    LAST_NAMES, RELATED, SCHOOLS, SKILLS,
)

BASE_DATE = date(2026, 12, 1)  # fixed, so a seed gives the same profiles on any day
CEFR = ("A2", "B1", "B2", "C1", "C2")
_CANONICAL = {variant.lower(): name for name, variants in SKILLS.items() for variant in (name, *variants)}
_ARCHETYPE_NAMES = tuple(ARCHETYPES)

_SV_OPENINGS = ("{title} med {years} års erfarenhet av {a}, {b} och {c}.",
                "Erfaren {title_lower} som har arbetat med {a} och {b} i {years} år.",
                "Jag är {title_lower} och har {years} års erfarenhet, främst av {a} och {b}.")
_SV_MIDDLES = ("Har levererat system till kunder inom {industry_lower}.",
               "Trivs bäst i team där kodkvalitet och samarbete går hand i hand.",
               "Van att ta ansvar från kravställning till drift.",
               "Har lett mindre team och coachat juniora kollegor.",
               "Gillar att förenkla komplexa lösningar och dokumentera tydligt.")
_SV_CLOSINGS = ("Söker uppdrag där {c} är centralt.", "Tillgänglig för uppdrag i {city} eller på distans.",
                "Vill gärna fördjupa mig i {d}.", "")
_EN_OPENINGS = ("{title} with {years_en} of experience in {a}, {b} and {c}.",
                "Experienced {title} who has worked with {a} and {b} for {years_en}.",
                "I have worked as {title} for {years_en}, mainly with {a} and {b}.")
_EN_MIDDLES = ("Has delivered systems to clients in {industry_lower}.",
               "Thrives in teams where code quality and collaboration go hand in hand.",
               "Used to owning the whole chain from requirements to operations.",
               "Has led small teams and mentored junior colleagues.",
               "Enjoys simplifying complex solutions and documenting them clearly.")
_EN_CLOSINGS = ("Looking for assignments where {c} is central.", "Available in {city} or remotely.",
                "Keen to go deeper into {d}.", "")
_SV_DUTIES = ("Utvecklade och förvaltade {a}-baserade tjänster.", "Ansvarade för {a} och {b} i ett agilt team.",
              "Införde {a} och förbättrade leveranstakten.", "Arbetade med {a}, {b} och nära kontakt med verksamheten.")
_EN_DUTIES = ("Built and maintained services based on {a}.", "Responsible for {a} and {b} in an agile team.",
              "Introduced {a} and improved the delivery cadence.", "Worked with {a}, {b} and close to the business.")


def canonical_skill(name: str) -> str:
    """The one name of a skill however it was spelled ("k8s" → "Kubernetes"); unknown names stripped."""
    cleaned = " ".join(name.split())
    return _CANONICAL.get(cleaned.lower(), cleaned)


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return "".join(c for c in folded if c.isalnum())


def _month(rng: random.Random, year: int) -> date:
    return date(year, 1 + int(rng.random() * 12), 1)


def _company(rng: random.Random) -> str:
    first, second, suffix = (rng.choice(part) for part in COMPANY_PARTS)
    return f"{first}{second} {suffix}"


def _profile(rng: random.Random, number: int) -> dict:
    archetype = rng.choice(_ARCHETYPE_NAMES)
    titles_en, titles_sv, core, further, certificates, industry_keys = ARCHETYPES[archetype]
    swedish = rng.random() < 0.6
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    city, region = rng.choice(CITIES)
    career = 1 + int(rng.random() ** 1.3 * 25)
    title = rng.choice(titles_sv if swedish else titles_en)
    if career >= 8 and rng.random() < 0.5:
        title = ("Senior " + (title[0].lower() + title[1:] if title[1:2].islower() else title)) if swedish \
            else ("Senior " + title)
    chosen = [s for s in core if rng.random() < 0.9] or [core[0]]
    chosen += rng.sample(further, k=min(len(further), int(rng.random() * 4)))
    skills = [{"name": rng.choice(SKILLS[s]), "level": min(5, 2 + int(rng.random() * 4) if s in core else
                                                            1 + int(rng.random() * 4)),
               "years": max(1, min(career, 1 + int(rng.random() * career)))} for s in chosen]
    industries = [INDUSTRIES[k][1 if swedish else 0] for k in rng.sample(industry_keys, k=1 + int(rng.random() * 2))]
    names = [s["name"] for s in skills]
    lower = title[0].lower() + title[1:] if title[1:2].islower() else title  # "SAP-konsult" stays
    words = {"title": title, "title_lower": lower, "years": career,
             "years_en": f"{career} year" if career == 1 else f"{career} years", "a": names[0], "b": names[min(1, len(names) - 1)], "c": names[min(2, len(names) - 1)],
             "d": names[-1], "city": city, "industry_lower": industries[0].lower()}
    openings, middles, closings = ((_SV_OPENINGS, _SV_MIDDLES, _SV_CLOSINGS) if swedish
                                   else (_EN_OPENINGS, _EN_MIDDLES, _EN_CLOSINGS))
    summary = " ".join(part for part in (rng.choice(openings), rng.choice(middles), rng.choice(closings)) if part)
    rate = 600 + min(1200, career * 40 + int(rng.random() * 300))
    return {
        "name": f"{first} {last}",
        "email": f"{_ascii(first)}.{_ascii(last)}{number}@{rng.choice(EMAIL_DOMAINS)}",
        "phone": f"+46 70 174 06 {5 + int(rng.random() * 95):02d}",
        "city": city, "region": region, "title": title, "summary": summary.format(**words),
        "skills": skills,
        "languages": _languages(rng, swedish),
        "industries": industries,
        "interests": rng.sample(INTERESTS, k=1 + int(rng.random() * 3)),
        "employment": _employment(rng, career, names, swedish, titles_sv if swedish else titles_en),
        "education": _education(rng, career),
        "certificates": [{"name": name, "issuer": issuer, "year": BASE_DATE.year - int(rng.random() * min(career, 8))}
                         for name, issuer in certificates if rng.random() < 0.45],
        "available_from": (BASE_DATE + timedelta(days=int(rng.random() * 180))).isoformat(),
        "extent": 20 + 10 * int(rng.random() * 9),
        "remote": rng.choice(("remote", "onsite", "hybrid", "hybrid")),
        "hourly_rate": min(1800, rate - rate % 25),
        "archetype": archetype,
    }


def _languages(rng: random.Random, swedish: bool) -> list[dict]:
    chosen = [{"name": "Svenska" if swedish else "Swedish", "level": "C2" if rng.random() < 0.85 else rng.choice(CEFR)},
              {"name": "Engelska" if swedish else "English", "level": rng.choice(CEFR[2:])}]
    if rng.random() < 0.3:
        english, svenska = rng.choice(LANGUAGES[2:])
        chosen.append({"name": svenska if swedish else english, "level": rng.choice(CEFR)})
    return chosen


def _employment(rng: random.Random, career: int, skills: list[str], swedish: bool, titles) -> list[dict]:
    jobs, start = [], _month(rng, BASE_DATE.year - career)
    count = 1 + min(4, int(rng.random() * (1 + career / 4)))
    for index in range(count):
        last = index == count - 1
        length = max(120, int((BASE_DATE - start).days / (count - index) * (0.6 + rng.random() * 0.4)))
        end = None if last and rng.random() < 0.6 else min(BASE_DATE, start + timedelta(days=length))
        end = end.replace(day=1) if end else None
        duty = rng.choice(_SV_DUTIES if swedish else _EN_DUTIES)
        jobs.append({"employer": _company(rng), "title": rng.choice(titles), "start": start.isoformat(),
                     "end": end.isoformat() if end else None,
                     "description": duty.format(a=rng.choice(skills), b=rng.choice(skills))})
        if end is None or end >= BASE_DATE:
            break
        start = end
    return list(reversed(jobs))


def _education(rng: random.Random, career: int) -> list[dict]:
    entries, end_year = [], BASE_DATE.year - career
    for _ in range(int(rng.random() * 2.6)):
        length = 2 + int(rng.random() * 4)
        entries.append({"school": rng.choice(SCHOOLS), "degree": rng.choice(DEGREES),
                        "start": date(end_year - length, 8, 1).isoformat(), "end": date(end_year, 6, 1).isoformat()})
        end_year -= length
    return entries


def generate(count: int, seed: int = 2026) -> Iterator[dict]:
    """`count` profiles, the same ones for the same seed."""
    rng = random.Random(seed)  # nosec B311  # repeatable demo data, not a secret
    for number in range(1, count + 1):
        yield _profile(rng, number)


def ground_truth_relevance(profile: dict, archetype: str, must_skills: list[str]) -> int:
    """Graded relevance 0–3 of a generated profile for an assignment (grading in the module docstring)."""
    has = {canonical_skill(s["name"]) for s in profile["skills"]}
    wanted = {canonical_skill(s) for s in must_skills}
    covered = len(wanted & has) / len(wanted) if wanted else 1.0
    same = profile["archetype"] == archetype
    related = profile["archetype"] in RELATED.get(archetype, ())
    if same and covered == 1.0:
        return 3
    if (same and covered >= 0.5) or (related and covered == 1.0):
        return 2
    if same or related or (wanted and covered >= 0.5):
        return 1
    return 0
