"""The purposes we process on legitimate interest (R-LI, R-BUY-3), each with its basis."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Purpose:
    code: str
    label: object
    basis: object


PURPOSES = (
    Purpose("improve_services", _l("Improving and personalising our services"),
            _l("Our interest in offering services that fit the people who use them (GDPR Art. 6(1)(f)).")),
    Purpose("fraud_prevention", _l("Detecting and preventing fraud"),
            _l("Our and our clients' interest in not being defrauded (Art. 6(1)(f), recital 47).")),
    Purpose("security", _l("Securing our networks and systems"),
            _l("Our interest in keeping data safe from unauthorised access (Art. 6(1)(f), recital 49).")),
    Purpose("usage_analysis", _l("Understanding how people use our sites"),
            _l("Our interest in sites that work well; analytics cookies only with your consent.")),
    Purpose("assignment_contact", _l("Contacting you about assignments that may interest you"),
            _l("Our interest, and yours, in matching consultants with assignments (R-CON-1).")),
    Purpose("campaign_measurement", _l("Measuring our campaigns"),
            _l("Our interest in knowing which of our communications work.")),
    Purpose("marketing", _l("Marketing: events, offers, surveys, market research"),
            _l("Direct marketing as a legitimate interest (recital 47); you may object at any time, "
               "and we then stop at once (Art. 21(3)).")),
)
BY_CODE = {p.code: p for p in PURPOSES}
