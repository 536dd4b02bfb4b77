"""One day's retention run (`flask retention run`): warn, delete, expire kept data, write the report.

Order: warnings the person answered by being active are closed; due deletions are carried out through
the erasure service (files, search index, storage hygiene and the erasure log all follow; a legal hold
or an ongoing assignment refuses, counted as "held" or "blocked"); inactive consultants are warned;
then every kept category expires (expiry.expire_kept). Each deletion commits on its own, so one refusal
never undoes another; each profile leaves the search index at once, and the index files are rewritten
once at the end (not once per person, which on a full index would take the run hours). A day has one
report: a second run that day changes nothing. The dry run computes the same lists and counts and
writes nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Callable, Iterable

import sqlalchemy as sa
from flask_babel import force_locale, lazy_gettext as _l

from portal.extensions import db
from portal.models import RetentionRun, User, utcnow
from portal.services import DomainError, audit
from portal.services.actors import Actor
from portal.services.matching import search
from portal.services.privacy import erasure, erasure_plan, legal_holds, restrictions
from portal.services.retention import expiry, inactivity, memberships_end
from portal.services.retention.inactivity import Due

WARN_BATCH = 200
DELETED = {"delete": "deleted_inactive", "delete_representative": "deleted_representatives",
           "delete_partner": "deleted_partners"}
COUNT_LABELS = {
    "warned": _l("Inactive consultants warned"),
    "deleted_inactive": _l("Inactive consultants deleted"),
    "deleted_representatives": _l("Former representatives deleted"),
    "deleted_partners": _l("Former partner contacts deleted"),
    "held": _l("Not deleted: a legal hold"),
    "blocked": _l("Not deleted: an ongoing assignment"),
    "restricted": _l("Not deleted: processing restricted (the privacy officer decides)"),
    "hold_reviews": _l("Legal holds whose review was mailed to the privacy officer"),
    "active_again": _l("Warnings answered by signing in or using the account"),
}
COUNT_KEYS = tuple(COUNT_LABELS)


@dataclass
class Outcome:
    today: date
    dry_run: bool
    due: list[Due] = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    report: RetentionRun | None = None
    already_ran: bool = False


def clock(today: date | None) -> tuple[date, datetime]:
    """The run's day and time: `--today` means the end of that day (everything due that day is due)."""
    if today is None:
        now = utcnow()
        return now.date(), now
    return today, inactivity.last_day(today)


def plan(now: datetime) -> list[Due]:
    """Everyone the run would act on now, deletions first (an account is never warned and deleted at once)."""
    return inactivity.to_delete(now) + memberships_end.to_delete(now) + inactivity.to_warn(now)


def report_for(day: date) -> RetentionRun | None:
    return db.session.scalar(sa.select(RetentionRun).where(RetentionRun.run_on == day))


def _users(ids: list[int]) -> dict[int, User]:
    return {u.id: u for u in db.session.scalars(sa.select(User).where(User.id.in_(ids)))}


def _refusal(user: User, today: date) -> str | None:
    """Why erasure would refuse now: "held" (a legal hold), "restricted", "blocked" (an ongoing assignment),
    or None."""
    if restrictions.active(user.id):
        return "restricted"
    grounds = {b.ground for b in erasure_plan.plan(user, today).blocks}
    if not grounds:
        return None
    return "held" if "legal_hold" in grounds else "blocked"


def _delete(actor: Actor, due: Due, today: date, counts: dict, commit: Callable[[], None]) -> bool:
    """Erase one due person, or count why not; True when erased. A hold is looked up first (one query);
    anything else that refuses (an ongoing assignment) is the erasure's own fresh plan, which refuses
    before changing anything, so the plan is computed once per person. A restricted person is kept for the
privacy officer: they may have asked for restriction instead of erasure."""
    user = db.session.get(User, due.user_id)
    if erasure_plan.active_holds(user, today):
        counts["held"] += 1
        return False
    if restrictions.active(user.id):  # Art. 18(1)(b), (c): a restriction may be asked for instead of erasure
        counts["restricted"] += 1
        return False
    try:
        with force_locale("en"):  # the refusal's text is for nobody here; a run has no request
            erasure.execute(actor, user, today, purge_index=False)
    except DomainError:
        db.session.rollback()
        counts["blocked"] += 1
        return False
    commit()
    counts[DELETED[due.action]] += 1
    return True


def _carry_out(actor: Actor, outcome: Outcome, now: datetime, link_for: Callable[[str], str], counts: dict,
               commit: Callable[[], None], progress) -> None:
    """Deletions (listed first), then warnings, loaded and committed in batches of WARN_BATCH."""
    warn_ids = [d.user_id for d in outcome.due if d.action == "warn"]
    periods, erased, people = inactivity.periods(), [], {}
    for due in (progress(outcome.due) if progress else outcome.due):
        if due.action != "warn":
            if _delete(actor, due, outcome.today, counts, commit):
                erased.append(due.user_id)
            continue
        if due.user_id not in people:  # the next batch, in one query, right after the last commit
            start = warn_ids.index(due.user_id)
            people = _users(warn_ids[start:start + WARN_BATCH])
        inactivity.warn(actor, people[due.user_id], now, link_for, periods)
        counts["warned"] += 1
        if counts["warned"] % WARN_BATCH == 0:
            commit()
    commit()
    if erased:  # one rewrite of the index segments for all, instead of one per person
        search.remove_now(erased[-1], purge=True)


def run(actor: Actor, today: date | None = None, *, dry_run: bool = False, link_for: Callable[[str], str],
        progress: Callable[[list[Due]], Iterable[Due]] | None = None,
        commit: Callable[[], None] = db.session.commit) -> Outcome:
    """Carry out (or, dry, list) what the schedule says is due; returns the outcome and its report."""
    day, now = clock(today)
    outcome = Outcome(today=day, dry_run=dry_run)
    if not dry_run and (existing := report_for(day)) is not None:
        outcome.report, outcome.counts, outcome.already_ran = existing, dict(existing.counts), True
        return outcome
    started = utcnow()
    counts = dict.fromkeys(COUNT_KEYS, 0)
    if not dry_run:
        counts["active_again"] = inactivity.stale_warnings()
        commit()
    outcome.due = plan(now)
    if dry_run:
        for due in outcome.due:
            key = "warned" if due.action == "warn" else DELETED[due.action]
            refused = None if due.action == "warn" else _refusal(db.session.get(User, due.user_id), day)
            counts[refused or key] += 1
    else:
        _carry_out(actor, outcome, now, link_for, counts, commit, progress)
    counts["expired"] = dict(expiry.expire_kept(actor, now, dry_run=dry_run))
    if not dry_run:
        counts["hold_reviews"] = legal_holds.remind_hold_reviews(actor, now)
    outcome.counts = counts
    if dry_run:
        return outcome
    outcome.report = RetentionRun(run_on=day, started_at=started, finished_at=utcnow(), counts=counts)
    db.session.add(outcome.report)
    db.session.flush()
    audit.record(actor, "retention.run", obj=outcome.report, detail={"run_on": day.isoformat()})
    commit()
    return outcome
