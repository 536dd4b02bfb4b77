"""Engagements (R-CON-3, R-BUY-1, R-SUP-1, R-STAFF-2): the work that follows a filled assignment.

create: an engagement per selection when staff fill an assignment (consultant, buyer, supplier if the
consultant came through a supplier's offer, period, rate, extent, approvers, a "start" change);
changes: extension and early end as recorded changes, and the end passing; approvers: who approves the
weekly hours (members of the buyer, or of the supplier for its own consultants); access: each audience's
scoped queries, where another tenant's engagement is simply not found; shown: what each audience may
read of one (the buyer only the name the consultant released, the supplier only its own offer's rate)."""
