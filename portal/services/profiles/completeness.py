"""The completeness meter: what a consultant still lacks to be matched well, and why it matters (R-CON-1)."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from portal.models import ConsultantProfile, User


@dataclass(frozen=True)
class Gap:
    section: str  # the profile section that holds it, also its anchor (section-<name>)
    label: object  # what to add
    why: object  # what it does for matching


@dataclass(frozen=True)
class Completeness:
    percent: int
    gaps: list[Gap]

    @property
    def complete(self) -> bool:
        return not self.gaps

    @property
    def missing(self) -> list[tuple[str, object]]:
        """(section anchor, what to add), for the meter's list."""
        return [(gap.section, gap.label) for gap in self.gaps]

    def for_section(self, section: str) -> list[Gap]:
        """What one section still lacks."""
        return [gap for gap in self.gaps if gap.section == section]


def measure(profile: ConsultantProfile, user: User) -> Completeness:
    checks = [
        ("contact", _l("a phone number"), _l("we ask you by phone when an assignment fits you"), bool(user.phone)),
        ("contact", _l("your address"), _l("contracts need it, and some assignments are matched on distance"),
         bool(profile.city and profile.street)),
        ("identity", _l("a personnummer or another national ID"),
         _l("needed before you can be proposed to a client or in a public procurement"),
         bool(profile.personnummer_encrypted or profile.national_id)),
        ("identity", _l("your citizenship"), _l("tells us whether an assignment needs a work permit"),
         bool(profile.citizenship)),
        ("payment", _l("a bankgiro number"), _l("needed to pay you for an assignment"),
         bool(profile.bankgiro_encrypted)),
        ("payment", _l("your F-skatt status"), _l("clients must know whether they deduct tax from your fee"),
         bool(profile.f_tax)),
        ("competence", _l("a title"), _l("the first thing a recruiter reads, and searched when matching"),
         bool(profile.title)),
        ("competence", _l("a summary"), _l("searched when matching you with assignments"), bool(profile.summary)),
        ("skills", _l("at least three skills"), _l("your skills and years decide how high you rank for an assignment"),
         len(profile.skills) >= 3),
        ("languages", _l("a language"), _l("many assignments ask for Swedish or English at a given level"),
         bool(profile.languages)),
        ("industries", _l("an industry you know"), _l("clients often ask for experience of their industry"),
         bool(profile.industries)),
        ("employment", _l("an employment"), _l("shows a recruiter the experience behind your skills"),
         bool(profile.employment)),
        ("education", _l("an education"), _l("some assignments and procurements ask for a degree"),
         bool(profile.education)),
        ("availability", _l("when you are available"),
         _l("you are proposed only for assignments that start when you are free"), profile.available_from is not None),
        ("availability", _l("the extent you can work"), _l("assignments are matched on the extent they need"),
         profile.extent is not None),
        ("availability", _l("remote or on-site work"), _l("assignments are matched on where the work is done"),
         bool(profile.remote)),
        ("availability", _l("your hourly rate"), _l("assignments are matched on their budget"),
         profile.hourly_rate is not None),
        ("references", _l("a reference"), _l("clients ask for references before they choose a consultant"),
         bool(profile.references)),
    ]
    gaps = [Gap(section, label, why) for section, label, why, done in checks if not done]
    return Completeness(round(100 * (len(checks) - len(gaps)) / len(checks)), gaps)
