"""Timesheets (R-CON-3): weekly hours per engagement, their approval and reminders; absence is only "not working"."""
