"""Seeded fake consultants for the demo (minimal local version of the agreed interface)."""
from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Iterator

FIRST = ["Anna", "Erik", "Maria", "Lars", "Sara", "Johan", "Emma", "Omar", "Fatima", "Li", "Priya", "Jonas",
         "Elin", "Ahmed", "Sofia", "Mikael", "Nora", "David", "Hanna", "Ali"]
LAST = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
        "Gustafsson", "Lindqvist", "Berg", "Hassan", "Chen", "Patel", "Novak"]
CITIES = [("Stockholm", "Stockholm"), ("Göteborg", "Västra Götaland"), ("Malmö", "Skåne"), ("Uppsala", "Uppsala"),
          ("Umeå", "Västerbotten"), ("Linköping", "Östergötland")]
ARCHETYPES = {
    "backend": ("Backend developer", ["Python", "PostgreSQL", "Django", "Docker", "Kubernetes", "Go"]),
    "frontend": ("Frontend developer", ["TypeScript", "React", "CSS", "Accessibility", "Vue.js"]),
    "data": ("Data engineer", ["Python", "SQL", "Apache Spark", "Airflow", "dbt", "Azure"]),
    "pm": ("Project manager", ["Agile", "Scrum", "Stakeholder management", "SAFe", "Jira"]),
    "security": ("Security architect", ["ISO 27001", "Threat modelling", "Azure", "IAM", "GDPR"]),
}
SUMMARIES = [
    "Erfaren {t} med fokus på kvalitet och tydlig kommunikation i team.",
    "Experienced {t} who enjoys turning complex requirements into simple, robust solutions.",
]
INDUSTRIES = ["Bank och finans", "Energy", "Offentlig sektor", "Retail", "Telecom", "Hälso- och sjukvård"]
INTERESTS = ["Open source", "Hållbar IT", "Mentoring", "Cloud architecture", "Tillgänglighet"]
EMPLOYERS = ["Nordbank AB", "Vattenkraft AB", "Region Norr", "Handelshuset AB", "TeleNord AB", "Konsulthuset AB"]


def generate(count: int, seed: int = 2026) -> Iterator[dict]:
    rng = random.Random(seed)
    for n in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        city, region = rng.choice(CITIES)
        archetype = rng.choice(sorted(ARCHETYPES))
        title, skills = ARCHETYPES[archetype]
        start = date(2010 + rng.randrange(10), rng.randrange(1, 13), 1)
        middle = start + timedelta(days=365 * rng.randrange(2, 6))
        yield {
            "name": f"{first} {last}", "email": f"{first}.{last}.{n}@example.se".lower(),
            "phone": f"+46 70 {rng.randrange(100, 999)} {rng.randrange(10, 99)} {rng.randrange(10, 99)}",
            "city": city, "region": region, "title": title,
            "summary": rng.choice(SUMMARIES).format(t=title.lower()),
            "skills": [{"name": s, "level": rng.randrange(1, 6), "years": rng.randrange(0, 15)}
                       for s in rng.sample(skills, k=min(len(skills), rng.randrange(3, 6)))],
            "languages": [{"name": "Svenska", "level": "C2"}, {"name": "English", "level": rng.choice(["B2", "C1"])}],
            "industries": rng.sample(INDUSTRIES, k=2), "interests": rng.sample(INTERESTS, k=2),
            "employment": [
                {"employer": rng.choice(EMPLOYERS), "title": title, "start": start.isoformat(),
                 "end": middle.isoformat(), "description": "Utveckling och förvaltning."},
                {"employer": rng.choice(EMPLOYERS), "title": f"Senior {title.lower()}", "start": middle.isoformat(),
                 "end": None, "description": "Led a team of five."},
            ],
            "education": [{"school": rng.choice(["KTH", "Chalmers", "Lunds universitet", "Umeå universitet"]),
                           "degree": "MSc", "start": "2004-08-20", "end": "2009-06-05"}],
            "certificates": [{"name": "AWS Certified Solutions Architect", "issuer": "Amazon", "year": 2022}],
            "available_from": (date(2026, 12, 1) + timedelta(days=rng.randrange(0, 180))).isoformat(),
            "extent": rng.choice([50, 80, 100]), "remote": rng.choice(["remote", "onsite", "hybrid"]),
            "hourly_rate": rng.randrange(700, 1600, 50), "archetype": archetype,
        }
