"""Time reporting, approval and reminders (R-CON-3, R-BUY-1, R-SUP-1)."""
