"""Consultants find and apply for assignments (R-CON-1, R-CON-4): browser, fit, applications, saved searches, LOU tender naming and CV."""
