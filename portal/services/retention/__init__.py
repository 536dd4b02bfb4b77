"""Retention: the schedule of how long each kind of data is kept, and the daily run that enforces it."""
