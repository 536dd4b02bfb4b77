"""The partners' portal (see portal/organisation_portal.py for the pages every representative shares)."""
from portal.organisation_portal import blueprint

bp = blueprint("partner")

from portal.partner import partnership_views  # noqa: E402,F401  (registers the partnership routes on bp)
