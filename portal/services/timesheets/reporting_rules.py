"""What one day of a time report may hold (R-CON-3), checked before anything is written.

Hours: a number from 0 to 24, with a decimal point or comma ("7.5", "7,5") or as "7:30"; stored as
whole minutes. A day outside the engagement's period takes nothing. "Not working" is all we record of
an absence: such a day has no hours and no comment, because the comment is where a reason ("sjuk",
"sick leave") would go, and a reason is health data (R-CON-8). For the same reason a comment needs hours
(it says what was worked on), and every comment runs through the sensitive-data guard. A refusal names
the field it belongs to, so the page shows it beside that field."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flask_babel import format_date, format_decimal, gettext as _

from portal.services import DomainError
from portal.services.profiles import sensitive_data
from portal.services.profiles.sensitive import normalise
from portal.services.timesheets.weeks import Period

MAX_MINUTES = 24 * 60
COMMENT_LENGTH = 200
_DECIMAL = re.compile(r"(\d{1,3})(?:[.,](\d{1,2}))?")
_CLOCK = re.compile(r"(\d{1,2}):([0-5]\d)")


def field_name(kind: str, day: date) -> str:
    """The form field of one day's value: "hours-2026-12-07", "not_working-…", "comment-…"."""
    return f"{kind}-{day.isoformat()}"


@dataclass(frozen=True)
class Cell:
    """One day as the consultant typed it."""

    day: date
    hours: str = ""
    not_working: bool = False
    comment: str = ""


@dataclass(frozen=True)
class DayValue:
    """One day as it is stored: minutes worked, or not working; an optional comment."""

    day: date
    minutes: int
    not_working: bool
    comment: str

    @property
    def is_empty(self) -> bool:
        return not self.minutes and not self.not_working and not self.comment


class CellErrors(DomainError):
    """One or more days were refused; nothing of the save is kept. `errors`: field → message;
    `findings`: the sensitive-data findings, counted (without their text) by the view."""

    def __init__(self, errors: dict[str, str], findings: list[tuple[sensitive_data.Finding, str]] | None = None):
        super().__init__(_("Nothing was saved. Correct the marked days and save again."), field=next(iter(errors)))
        self.errors = errors
        self.findings = findings or []


def minutes_of(text: str | None, day: date) -> int:
    """Minutes from the hours as written; a DomainError (on the day's hours field) when not 0–24 h."""
    name = field_name("hours", day)
    text = (text or "").strip().replace("\u2212", "-")
    if not text:
        return 0
    if text.startswith("-"):
        raise DomainError(_("Hours cannot be negative."), field=name)
    if clock := _CLOCK.fullmatch(text):
        minutes = int(clock.group(1)) * 60 + int(clock.group(2))
    elif decimal := _DECIMAL.fullmatch(text):
        whole, fraction = decimal.group(1), decimal.group(2) or "0"
        minutes = int(whole) * 60 + round(int(fraction) * 60 / 10 ** len(fraction))
    else:
        raise DomainError(_("Write the hours as a number, for example 7.5."), field=name)
    if minutes > MAX_MINUTES:
        raise DomainError(_("A day has at most 24 hours."), field=name)
    return minutes


def hours_text(minutes: int | None) -> str:
    """Minutes as hours in the reader's language: 450 → "7.5" ("7,5" in Swedish); 0 → "0"."""
    return format_decimal((minutes or 0) / 60, format="0.##")


def day_text(day: date) -> str:
    return format_date(day, "EEEE d MMMM")


def check_cell(period: Period, cell: Cell) -> DayValue:
    """The day as stored, or a DomainError naming the first field that is wrong."""
    if not period.holds_day(cell.day):
        raise DomainError(_("%(day)s is outside the assignment's period (%(start)s to %(end)s), so no time can "
                            "be reported for it.", day=day_text(cell.day), start=format_date(period.start),
                            end=format_date(period.end)), field=field_name("hours", cell.day))
    minutes = minutes_of(cell.hours, cell.day)
    comment = (cell.comment or "").strip()
    if cell.not_working and minutes:
        raise DomainError(_("A day you did not work has no hours: clear the hours or the “Not working” box."),
                          field=field_name("hours", cell.day))
    if cell.not_working and comment:
        raise DomainError(_("Leave the comment empty on a day you did not work: we record only that you did not "
                            "work, never why."), field=field_name("comment", cell.day))
    if comment and not minutes:
        raise DomainError(_("A comment says what you worked on: write the day's hours, or leave the comment "
                            "empty."), field=field_name("comment", cell.day))
    if len(comment) > COMMENT_LENGTH:
        raise DomainError(_("A comment is at most %(count)d characters.", count=COMMENT_LENGTH),
                          field=field_name("comment", cell.day))
    return DayValue(cell.day, minutes, bool(cell.not_working), comment)


class SensitiveCommentError(DomainError):
    """A comment disclosed special-category data such as health (R-CON-8)."""

    def __init__(self, name: str, finding: sensitive_data.Finding):
        super().__init__(_("The comment seems to contain information about %(kind)s. Do not write why you did "
                           "not work, or anything about your health: write only what you worked on.",
                           kind=finding.label), field=name)
        self.finding = finding


# A day's comment is always about its writer's day, so the guard reads it as a personal field (as under a
# heading "Personal:"): a topic word such as "sjuk" or "migrän" is refused there, while work stays allowed
# ("Worked on the patient journal system"). The guard's vocabulary lacks some everyday reasons for being
# away that are health data in a time report; these words add them, for comments only.
PERSONAL_FRAME = "Personal: "
ABSENCE_HEALTH_WORDS = frozenset((
    "sick", "ill", "fever", "flu", "influenza", "feber", "febrig", "förkyld", "förkylning", "influensa",
    "vab", "vabb", "vabbar", "vabbade", "vabbat", "läkarbesök", "läkartid", "tandläkare", "tandläkarbesök",
    "dentist", "vårdcentral", "vårdcentralen", "sjukhusbesök"))


def check_comment(value: DayValue) -> None:
    """The sensitive-data guard on the day's comment, read as a text about its writer."""
    if not value.comment:
        return
    name = field_name("comment", value.day)
    finding = sensitive_data.find(PERSONAL_FRAME + value.comment, sensitive_data.vocabulary_now())
    if finding is None and ABSENCE_HEALTH_WORDS.intersection(normalise.words(value.comment)):
        finding = sensitive_data.Finding("health", sensitive_data.LABELS["health"])
    if finding is not None:
        raise SensitiveCommentError(name, finding)


def check_cells(period: Period, cells: list[Cell]) -> list[DayValue]:
    """Every day checked; CellErrors with every refusal (one per day) when any day is wrong."""
    values, errors, findings = [], {}, []
    for cell in cells:
        try:
            value = check_cell(period, cell)
            check_comment(value)
        except SensitiveCommentError as error:
            errors[error.field] = error.message
            findings.append((error.finding, error.field))
        except DomainError as error:
            errors[error.field] = error.message
        else:
            values.append(value)
    if errors:
        raise CellErrors(errors, findings)
    return values
