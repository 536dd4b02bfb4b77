"""Processors, transfers and the record of processing (issue 15, R-SEC-1)."""
