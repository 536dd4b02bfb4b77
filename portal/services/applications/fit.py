"""How well a consultant's own profile meets each must and should requirement of an assignment (R-CON-1,
R-MATCH-3): "met", "partly" or "missing", each with short reasons in words.

The requirements are read exactly as the ranking reads them (matching.requirements.parse, the synonym
table staff edit, matching.search.is_language), and the profile as the index holds it
(matching.documents.load_document), so what the consultant reads here agrees with the matching
explanation staff see: a requirement the explanation counts as met is "met" here.
"partly" says the profile holds the skill but with fewer years than asked, or only some of several skills
the requirement names together ("Java, Spring och SQL").
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _

from portal.models import Assignment, AssignmentRequirement, User
from portal.services.matching import documents, requirements, search, skill_tokens, skills

MET, PARTLY, MISSING = "met", "partly", "missing"
STATUSES = (MET, PARTLY, MISSING)


@dataclass
class RequirementFit:
    requirement: AssignmentRequirement
    status: str  # "met" | "partly" | "missing"
    reasons: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.requirement.kind


def fit(consultant: User, assignment: Assignment) -> list[RequirementFit]:
    """One RequirementFit per must and should requirement, in the assignment's order."""
    document = documents.load_document(consultant.id)
    table = skills.load_table()
    vocabulary = skill_tokens.load(table)
    own: dict[str, tuple[str, int, int]] = {}
    languages: dict[str, str] = {}
    if document is not None:
        for entry in document["skills"]:
            own.setdefault(table.canonical_id(entry["name"]), (entry["name"], entry["level"], entry["years"]))
        languages = {search.language_key(lang["name"]): lang["level"] for lang in document["languages"]}
    # A language is checked against the profile's languages, a should requirement's too ("Engelska").
    return [_language_fit(r, languages) if search.is_language(r.text)
            else _skill_fit(r, requirements.parse(r.text, vocabulary), own, table)
            for r in assignment.requirements if r.kind in ("must", "should")]


def _language_fit(requirement: AssignmentRequirement, languages: dict[str, str]) -> RequirementFit:
    level = languages.get(search.language_key(requirement.text))
    if level:
        return RequirementFit(requirement, MET, [
            _("Your profile shows %(language)s at level %(level)s.", language=requirement.text, level=level)])
    return RequirementFit(requirement, MISSING, [
        _("Your profile does not show the language %(language)s.", language=requirement.text)])


def _skill_fit(requirement: AssignmentRequirement, read: requirements.Requirement,
               own: dict[str, tuple[str, int, int]], table: skills.SynonymTable) -> RequirementFit:
    """Per group of the requirement the best alternative the profile holds, then the years asked for."""
    met, short, lacking = [], [], []
    for group in read.groups:
        held = [own[cid] for cid in dict.fromkeys(table.canonical_id(name) for name in group) if cid in own]
        if not held:
            lacking.append(group)
            continue
        best = max(held, key=lambda mine: (mine[2], mine[1]))  # the most years, then the highest level
        (met if best[2] >= read.min_years else short).append(best)
    reasons = [_("Your profile shows %(skill)s at level %(level)d with %(years)d years.",
                 skill=name, level=level, years=years) for name, level, years in met]
    reasons += [_("Your profile shows %(skill)s with %(years)d years; the requirement asks for at least "
                  "%(min)d.", skill=name, years=years, min=read.min_years) for name, _level, years in short]
    reasons += [_("Your profile does not show %(skills)s.", skills=_either(group)) for group in lacking]
    if not read.known and lacking:
        reasons.append(_("The requirement names no skill we recognise; your answer when you apply can explain "
                         "how you meet it."))
    if not met and not short:
        return RequirementFit(requirement, MISSING, reasons)
    return RequirementFit(requirement, MET if not short and not lacking else PARTLY, reasons)


def _either(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return _("%(names)s or %(last)s", names=", ".join(names[:-1]), last=names[-1])


def summary(fits: list[RequirementFit]) -> dict[str, int]:
    """How many requirements are met, partly met and missing."""
    return {status: sum(1 for f in fits if f.status == status) for status in STATUSES}
