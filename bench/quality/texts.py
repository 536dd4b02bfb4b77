"""What a grader reads: an assignment as the buyer wrote it, and a profile without anything that names the person.

The profile text is built from the ProfileDocument the ranker reads (title, skills with level and years,
languages, certificates, industries, interests, summary, earlier roles and degrees, region, way of working,
availability, extent, rate); no name, e-mail, phone, employer, id, ranker, score or rank.
"""
from __future__ import annotations

from datetime import date

from portal.models import Assignment, AssignmentRequirement
from portal.services.matching.records import ProfileDocument

REMOTE = {"remote": "remote", "onsite": "on site", "hybrid": "hybrid (partly remote)"}


def assignment_model(record: dict) -> Assignment:
    """A transient Assignment (never added to a session), so the portal's own query_for() reads it."""
    item = Assignment(organisation_id=record["client"], title=record["title"], role=record["role"],
                      description=record["description"], languages=record["languages"],
                      location=record["location"], remote=record["remote"],
                      start_date=date.fromisoformat(record["start"]), extent=record["extent"],
                      rate_ceiling=record["rate_ceiling"])
    requirements = [("must", text, None) for text in record["must"]]
    requirements += [("should", text, weight) for text, weight in record["should"]]
    item.requirements = [AssignmentRequirement(kind=kind, text=text, weight=weight, position=n)
                         for n, (kind, text, weight) in enumerate(requirements)]
    return item


def raw_text(record: dict) -> str:
    """Everything the assignment says, for plain BM25."""
    return " ".join([record["title"], record["role"], record["description"], *record["must"],
                     *(text for text, _ in record["should"]), record["languages"], record["location"]])


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", " ") + " SEK/h"


def assignment_text(record: dict) -> str:
    lines = [f"**{record['title']}** — role: {record['role']}", "", record["description"], ""]
    if record["must"]:
        lines.append("Must requirements (ska-krav):")
        lines += [f"- {text}" for text in record["must"]]
    if record["should"]:
        lines.append("Should requirements (bör-krav), weight 1–5:")
        lines += [f"- {text} (weight {weight})" for text, weight in record["should"]]
    lines += [
        f"Languages: {record['languages'] or 'not stated'}",
        f"Location: {record['location'] or 'not stated'}; way of working: {REMOTE.get(record['remote'], record['remote'])}",
        f"Start: {record['start']}; extent: {record['extent']} %",
        f"Rate ceiling: {_money(record['rate_ceiling']) if record['rate_ceiling'] else 'not stated'}",
    ]
    return "\n".join(lines)


def profile_text(doc: ProfileDocument) -> str:
    skills = "; ".join(f"{s['name']} — {s['years']} year{'' if s['years'] == 1 else 's'}, level {s['level']} of 5" for s in doc["skills"])
    languages = ", ".join(f"{l['name']} {l['level']}" for l in doc["languages"])
    certificates = "; ".join(f"{c['name']} ({c['issuer']})" if c["issuer"] else c["name"] for c in doc["certificates"])
    history = [line for line in doc["history_text"].splitlines() if line.strip()]
    available = doc["available_from"].isoformat() if doc["available_from"] else "now"
    lines = [
        f"**{doc['title'] or '(no title)'}**",
        f"Skills: {skills or 'none listed'}",
        f"Languages: {languages or 'none listed'}",
        *([f"Certificates: {certificates}"] if certificates else []),
        f"Industries: {', '.join(doc['industries']) or 'not stated'}; interests: {', '.join(doc['interests']) or '-'}",
        f"Summary: {doc['summary'] or '-'}",
        "Earlier roles and education (newest first):" if history else "Earlier roles: not stated",
        *(f"- {line}" for line in history),
        f"Region: {doc['region'] or 'not stated'}; works: {REMOTE.get(doc['remote'], doc['remote'])}",
        f"Available from: {available}, at {doc['extent']} %",
        f"Hourly rate: {_money(doc['hourly_rate']) if doc['hourly_rate'] else 'not stated'}",
    ]
    return "\n".join(lines)

