"""Consultants find and apply for assignments (R-CON-1): the assignment browser with its filters and
full-text search (browse.py), how the consultant's own profile meets each must and should requirement
(fit.py), saved searches that mail new matches to those who opted in (saved_searches.py), applications
and their review (apply.py, review.py, card_preview.py) and LOU tender naming (tender.py, tender_cv.py)."""
