"""The buyer's approvers approve or reject their consultants' weeks (R-BUY-1, R-CON-3); the pages are
shared with the suppliers' portal (portal/organisation_time_views.py)."""
from portal.buyer.views import bp
from portal.organisation_time_views import register

register(bp, "buyer")
