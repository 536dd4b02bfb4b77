"""Retention: the schedule, the run, kept data expiring, audit segments and hold reviews (issue 15)."""
