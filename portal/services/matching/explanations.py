"""A ranking explanation kept with a shortlist pick, and the consultant's "why was I suggested?" (R-MATCH-3)."""
from __future__ import annotations

import dataclasses
import json

from flask_babel import force_locale
from flask_babel import gettext as _

from portal.models import PrivacyRequest, ShortlistEntry, User
from portal.services.matching import ranker
from portal.services.privacy import privacy_requests
from portal.services.actors import Actor
from portal.services.matching.records import Explanation, Factor, Miss, MustCheck, ShouldMatch


def dumps(explanation: Explanation) -> str:
    return json.dumps(dataclasses.asdict(explanation), ensure_ascii=False, sort_keys=True)


def loads(text: str) -> Explanation:
    data = json.loads(text)
    return Explanation(musts=[MustCheck(**m) for m in data.get("musts", [])],
                       shoulds=[ShouldMatch(**s) for s in data.get("shoulds", [])],
                       terms={k: list(v) for k, v in data.get("terms", {}).items()},
                       factors=[Factor(**f) for f in data.get("factors", [])],
                       misses=[Miss(**m) for m in data.get("misses", [])])


def why_suggested(entry: ShortlistEntry, locale: str) -> list[str]:
    """Plain sentences: the ranking's explanation (a near miss's says what it misses), or, for a hand pick,
    the recruiter's reason in words."""
    if entry.explanation_json:
        return ranker.explain_in_plain_words(loads(entry.explanation_json), locale)
    with force_locale(locale):
        return [_("A recruiter picked you by hand for this reason: %(reason)s", reason=entry.reason),
                _("No automatic ranking was used for this choice.")]


def ask_human_review(actor: Actor, consultant: User, entry: ShortlistEntry) -> PrivacyRequest:
    """The consultant asks a person to review why they were matched (Art. 22(3), R-MATCH-3): a privacy
    request of kind human_review in the privacy officer's queue, naming the assignment. Open to everyone
    who was picked for a shortlist, whether or not a question was sent."""
    details = f"Human review of the matching for the assignment “{entry.assignment.title}” " \
              f"(assignment {entry.assignment_id}, shortlist entry {entry.id})."
    return privacy_requests.open_for_user(actor, consultant, "human_review", details)
