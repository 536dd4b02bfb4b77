"""Timesheets (R-CON-3): the consultant's weekly hours on an engagement, and their approval.

weeks: Monday-start ISO weeks in Stockholm and their URL form; reporting: drafts, saving days and
whole weeks, submitting, correcting approved weeks; approval and reminders: the approver's side.
Absence is "not working" only, never a reason: a reason such as sick leave is health data."""
