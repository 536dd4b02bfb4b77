"""Demo data for R-RIGHTS-3/5: one generated consultant has restricted their whole profile (the ranking counts
them as left out), and Klara Konsult disputes what her referee said (an open rectification in the queue)."""
from __future__ import annotations

from typing import Iterator

import sqlalchemy as sa

from portal.extensions import db
from portal.models import (ConsultantProfile, DataDispute, ProcessingRestriction, Reference, ReferenceStatement,
                           User)
from portal.services.privacy import disputes, restrictions
from portal.services.actors import Actor

RESTRICTION_REASON = "Min anställningshistorik stämmer inte; använd inte profilen förrän den är rättad."
DISPUTE_REASON = "Rut har aldrig varit min chef; hon var kund i projektet. Citatet är korrekt men rollen fel."


def load(people: dict[str, User]) -> Iterator[str]:
    named = {u.id for u in people.values() if u is not None}
    if db.session.scalar(sa.select(ProcessingRestriction.id).limit(1)) is None:
        generated = db.session.scalar(sa.select(User).join(ConsultantProfile, ConsultantProfile.user_id == User.id)
                                      .where(User.role == "consultant", User.id.not_in(named or {0}))
                                      .order_by(User.id).limit(1))
        if generated is not None:
            restrictions.restrict(Actor(generated), generated, [restrictions.WHOLE], RESTRICTION_REASON)
            yield f"restricted the profile of {generated.email}"
    klara = people.get("konsult")
    if klara is not None and db.session.scalar(sa.select(DataDispute.id).limit(1)) is None:
        statement_id = db.session.scalar(
            sa.select(ReferenceStatement.id).join(Reference, Reference.id == ReferenceStatement.reference_id)
            .join(ConsultantProfile, ConsultantProfile.id == Reference.profile_id)
            .where(ConsultantProfile.user_id == klara.id).order_by(ReferenceStatement.id).limit(1))
        if statement_id is not None:
            disputes.open_dispute(Actor(klara), klara, "reference_statement", statement_id, DISPUTE_REASON)
            yield f"{klara.email} disputes a reference statement"
