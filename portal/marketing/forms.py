"""The person's marketing choices: one box per topic (e-mail), and a confirmation after an objection."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField

from portal.forms import Form


class ChoicesForm(Form):
    newsletter = BooleanField(_l("Newsletters"))
    events = BooleanField(_l("Invitations to events"))
    offers = BooleanField(_l("Offers and programmes"))
    surveys = BooleanField(_l("Surveys, competitions and market research"))
    confirm = BooleanField(_l("Yes, I want marketing from you again: this withdraws my objection."))

    TOPICS = ("newsletter", "events", "offers", "surveys")
