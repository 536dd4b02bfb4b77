"""Generalised facts for an anonymous card (R-BUY-7, R-CON-9): bands, not values.

A buyer who sees an exact rate (1150), an exact start date (2027-01-01) and exact years per skill can
recognise the same consultant on two shortlists, or behind a card after her yes on another assignment.
So a card shows each fact at a level of detail (`Detail`) no finer than a band:

| fact | finest shown | coarser steps | why |
| --- | --- | --- | --- |
| hourly rate | a 100 SEK band (1100–1199) | 200, 500 SEK, hidden | an exact rate is a fingerprint |
| availability | "within two weeks", else the month | the quarter, hidden | an exact date is a fingerprint |
| years per skill | 0–2, 3–5, 6–10, 10+ | hidden | exact years across skills identify |
| certificates | name and issuer, never the year | dropped | a year dates a person's career |
| languages | name and CEFR level | level hidden, dropped one by one | |
| extent, remote | as given | hidden | |
| region | the county, never the town | hidden | |
| skills | those the assignment asks for | dropped, rarest first | the substance of fit |

The bands are fixed, never fitted to the data, so the choice of band itself tells nothing. Which
detail a card may keep is decided by `portal.services.shortlists.k_anonymity`: it coarsens in the order
of this table from the top, the requested skills last, then puts back whatever k allows.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal

RATE_WIDTHS = (100, 200, 500)
YEAR_BANDS = ((0, 2, "0–2"), (3, 5, "3–5"), (6, 10, "6–10"), (11, None, "10+"))
SOON_DAYS = 14


@dataclass(frozen=True)
class Facts:
    """One consultant's structured facts, keyed for comparison (skill key, casefolded names)."""

    consultant_id: int
    region: str | None = None
    rate: Decimal | None = None
    available_from: date | None = None
    extent: int | None = None
    remote: str | None = None
    skills: dict[str, tuple[str, int]] = field(default_factory=dict)          # key -> (name, years)
    languages: dict[str, tuple[str, str]] = field(default_factory=dict)       # lower name -> (name, level)
    certificates: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # lower -> shown


@dataclass(frozen=True)
class Detail:
    """How much of each fact a card shows; None or False hides the fact."""

    skills: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    certificates: tuple[tuple[str, str], ...] = ()
    rate_width: int | None = RATE_WIDTHS[0]
    availability: str | None = "month"      # "month", "quarter" or None
    years: bool = True
    language_levels: bool = True
    extent: bool = True
    remote: bool = True
    region: bool = True

    def but(self, **changes) -> Detail:
        return replace(self, **changes)


def years_band(years: int) -> tuple[int, int | None, str]:
    for low, high, label in YEAR_BANDS:
        if high is None or years <= high:
            return low, high, label
    return YEAR_BANDS[-1]


def rate_band(rate: Decimal | int | float, width: int) -> tuple[int, int]:
    """The band [low, high] of `width` SEK that holds `rate` (1150 at 100 → 1100–1199)."""
    low = int(Decimal(rate) // width) * width
    return low, low + width - 1


def soon_limit(today: date) -> date:
    return today + timedelta(days=SOON_DAYS)


def availability(available_from: date | None, today: date, granularity: str) -> dict | None:
    """{"soon": True}, {"month": "2027-01"} or {"quarter": "2027-Q1"}; None when not stated."""
    if available_from is None:
        return None
    if available_from <= soon_limit(today):
        return {"soon": True}
    if granularity == "quarter":
        return {"quarter": f"{available_from.year}-Q{(available_from.month - 1) // 3 + 1}"}
    return {"month": f"{available_from.year}-{available_from.month:02d}"}


def period_of(value: dict, today: date) -> tuple[date | None, date]:
    """The dates a shown availability stands for: (after, up to and including)."""
    if value.get("soon"):
        return None, soon_limit(today)
    if "month" in value:
        year, month = (int(part) for part in value["month"].split("-"))
        first, months = date(year, month, 1), 1
    else:
        year, quarter = value["quarter"].split("-Q")
        first, months = date(int(year), (int(quarter) - 1) * 3 + 1, 1), 3
    month_after = first.month - 1 + months
    end = date(first.year + month_after // 12, month_after % 12 + 1, 1) - timedelta(days=1)
    return max(first - timedelta(days=1), soon_limit(today)), end


def shown(facts: Facts, detail: Detail, today: date) -> dict:
    """The card's facts at `detail`: a key is absent when hidden, None when the consultant gave none."""
    card: dict = {
        "skills": [{"name": facts.skills[k][0], **({"years": years_band(facts.skills[k][1])[2]} if detail.years else {})}
                   for k in detail.skills if k in facts.skills],
        "languages": [{"name": facts.languages[k][0],
                       **({"level": facts.languages[k][1]} if detail.language_levels else {})}
                      for k in detail.languages if k in facts.languages],
        "certificates": [{"name": facts.certificates[k][0], "issuer": facts.certificates[k][1]}
                         for k in detail.certificates if k in facts.certificates],
    }
    if detail.rate_width:
        card["rate"] = None if facts.rate is None else dict(zip(("low", "high"), rate_band(facts.rate,
                                                                                           detail.rate_width)))
    if detail.availability:
        card["available"] = availability(facts.available_from, today, detail.availability)
    if detail.extent:
        card["extent"] = facts.extent
    if detail.remote:
        card["remote"] = facts.remote
    if detail.region:
        card["region"] = facts.region
    return card
