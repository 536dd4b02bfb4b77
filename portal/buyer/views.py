"""The buyers' portal (see portal/organisation_portal.py for the pages every representative shares)."""
from portal.organisation_portal import blueprint

bp = blueprint("buyer")

from portal.buyer import assignment_views  # noqa: E402,F401  (registers the assignment routes on bp)
from portal.buyer import shortlist_views  # noqa: E402,F401  (registers the shortlist routes on bp)
from portal.buyer import engagement_views  # noqa: E402,F401  (registers the engagement routes on bp)
from portal.buyer import time_views  # noqa: E402,F401  (registers the time approval routes on bp)
