"""Engagements (R-CON-3, R-BUY-1, R-SUP-1): created at fill, recorded changes, approvers, what each side sees."""
