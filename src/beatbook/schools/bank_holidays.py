"""Bank holidays in England and Wales, as published by GOV.UK at https://www.gov.uk/bank-holidays
(the "england-and-wales" division of https://www.gov.uk/bank-holidays.json), 2024 to 2027.

Schools are closed on them whatever their terms say. A force adds later years (or Scotland's or
Northern Ireland's) with BEATBOOK_SCHOOL_BANK_HOLIDAYS; term holidays are `SchoolClosure` rows.
"""

from __future__ import annotations

from datetime import date

ENGLAND_AND_WALES = (
    # 2024
    "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26",
    # 2025
    "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26",
    # 2026 (Boxing Day falls on a Saturday: the substitute day is Monday 28 December)
    "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
    # 2027 (Christmas Day and Boxing Day fall at a weekend: substitute days 27 and 28 December)
    "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28",
)  # fmt: skip


def parse(dates: list[str] | tuple[str, ...]) -> frozenset[date]:
    """ISO dates to a set, naming the bad one (a setting read at start-up must fail loudly)."""
    parsed = set()
    for text in dates:
        try:
            parsed.add(date.fromisoformat(text.strip()))
        except ValueError:
            raise ValueError(f"Not a date (YYYY-MM-DD) in the bank holidays: {text!r}") from None
    return frozenset(parsed)
