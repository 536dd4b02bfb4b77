"""How templates name a representative: by name while they represent the organisation, afterwards
only by their former role (R-BUY-6, R-SUP-6, R-PAR-2). Registered by create_app."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from portal.services.organisations.representatives import is_current


def representative_name(user, organisation_id: int) -> str:
    """The person's name while they represent the organisation; afterwards only their former role."""
    return user.name if is_current(user, organisation_id) else str(_l("Former representative"))


def register(app: Flask) -> None:
    app.add_template_global(representative_name)
