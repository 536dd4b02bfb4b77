"""A supplier approves its own consultants' weeks when the engagement says so (R-SUP-1, R-CON-3); the
pages are shared with the buyers' portal (portal/organisation_time_views.py)."""
from portal.organisation_time_views import register
from portal.supplier.views import bp

register(bp, "supplier")
