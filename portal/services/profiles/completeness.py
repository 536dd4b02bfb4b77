"""The completeness meter: what a consultant still lacks to be matched well (R-CON-1)."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from portal.models import ConsultantProfile, User


@dataclass(frozen=True)
class Completeness:
    percent: int
    missing: list[tuple[str, object]]  # (section anchor, what to add)

    @property
    def complete(self) -> bool:
        return not self.missing


def measure(profile: ConsultantProfile, user: User) -> Completeness:
    checks = [
        ("contact", _l("a phone number"), bool(user.phone)),
        ("contact", _l("your address"), bool(profile.city and profile.street)),
        ("identity", _l("a personnummer or another national ID"),
         bool(profile.personnummer_encrypted or profile.national_id)),
        ("identity", _l("your citizenship"), bool(profile.citizenship)),
        ("payment", _l("a bankgiro number"), bool(profile.bankgiro_encrypted)),
        ("payment", _l("your F-skatt status"), bool(profile.f_tax)),
        ("competence", _l("a title"), bool(profile.title)),
        ("competence", _l("a summary"), bool(profile.summary)),
        ("competence", _l("at least three skills"), len(profile.skills) >= 3),
        ("competence", _l("a language"), bool(profile.languages)),
        ("competence", _l("an industry you know"), bool(profile.industries)),
        ("competence", _l("an employment"), bool(profile.employment)),
        ("competence", _l("an education"), bool(profile.education)),
        ("availability", _l("when you are available"), profile.available_from is not None),
        ("availability", _l("the extent you can work"), profile.extent is not None),
        ("availability", _l("remote or on-site work"), bool(profile.remote)),
        ("availability", _l("your hourly rate"), profile.hourly_rate is not None),
        ("references", _l("a reference"), bool(profile.references)),
    ]
    missing = [(anchor, label) for anchor, label, done in checks if not done]
    return Completeness(round(100 * (len(checks) - len(missing)) / len(checks)), missing)
