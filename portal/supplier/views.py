"""The suppliers' portal (see portal/organisation_portal.py for the pages every representative shares)."""
from portal.organisation_portal import blueprint

bp = blueprint("supplier")

from portal.supplier import offer_views  # noqa: E402,F401  (registers the offer routes on bp)
from portal.supplier import engagement_views  # noqa: E402,F401  (registers the engagement routes on bp)
from portal.supplier import time_views  # noqa: E402,F401  (registers the time approval routes on bp)
