"""What templates may ask of time reporting: an engagement's weeks with their states (R-CON-3).
Registered by create_app, like the other capabilities' template globals."""
from __future__ import annotations

from flask import Flask

from portal.services.timesheets import reporting


def register(app: Flask) -> None:
    app.add_template_global(reporting.week_rows, "engagement_weeks")
    app.add_template_global(reporting.STATE_LABELS, "TIME_REPORT_STATE_LABELS")
