"""Assignments: requests and their states, supplier offers, requirement statistics, ratings."""
