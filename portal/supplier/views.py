"""The suppliers' portal (see portal/organisation_portal.py for the pages every representative shares)."""
from portal.organisation_portal import blueprint

bp = blueprint("supplier")

from portal.supplier import offer_views  # noqa: E402,F401  (registers the offer routes on bp)
