"""The anonymous pitch (R-CON-9, R-BUY-7): the only free text of a consultant that reaches a buyer
before their yes. The consultant writes it for anonymous cards; it is checked against everything the
profile says identifies them (name, employers, schools, town, referees, contact details) and against
every Swedish place name we know, and refused with the reason when it matches. A pitch that a later
profile change makes identifying (a new employer, say) is left off new cards until it is rewritten."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.models import ConsultantProfile
from portal.services import DomainError
from portal.services.profiles import sensitive_data
from portal.services.profiles.sections import saved
from portal.services.shortlists.pitch_check import Identifiers, findings, reasons
from portal.services.actors import Actor

MAX_LENGTH = 500


def identifiers(profile: ConsultantProfile) -> Identifiers:
    user = profile.user
    referees = [r.referee_name for r in profile.references] + [r.company for r in profile.references if r.company]
    return Identifiers(
        names=tuple(n for n in (user.name,) if n), employers=tuple(e.employer for e in profile.employment),
        schools=tuple(e.school for e in profile.education),
        towns=tuple(t for t in (profile.city, profile.region) if t), referees=tuple(referees),
        emails=tuple(e for e in (user.email, profile.pending_email) if e),
        phones=tuple(p for p in (user.phone,) if p))


def problems(profile: ConsultantProfile, text: str) -> list[str]:
    """Why `text` could identify this consultant, one sentence per kind of identifier; [] when it cannot."""
    return reasons(findings(text, identifiers(profile)))


def update(actor: Actor, profile: ConsultantProfile, *, pitch: str | None) -> None:
    """Save the pitch, or refuse it with every reason; an empty pitch removes it (cards show facts only)."""
    text = " ".join((pitch or "").split())
    if len(text) > MAX_LENGTH:
        raise DomainError(_l("Keep the pitch to 500 characters."), field="card_pitch")
    if text:
        sensitive_data.check_fields({"card_pitch": (_l("Anonymous pitch"), text)})
        found = problems(profile, text)
        if found:
            raise DomainError(" ".join(found), field="card_pitch")
    profile.card_pitch = text or None
    saved(actor, profile, "card_pitch")


def usable(profile: ConsultantProfile | None) -> str | None:
    """The pitch for a new card: only while it still passes the check against the profile as it is now."""
    if profile is None or not profile.card_pitch:
        return None
    return None if problems(profile, profile.card_pitch) else profile.card_pitch
