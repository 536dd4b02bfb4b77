"""The suppliers' portal (see portal/organisation_portal.py for the pages every representative shares)."""
from portal.organisation_portal import blueprint

bp = blueprint("supplier")
