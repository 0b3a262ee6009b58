"""Calendar months as the first day of the month: police.uk publishes months, not dates."""

from __future__ import annotations

import re
from datetime import date

MONTH = re.compile(r"(\d{4})-(\d{2})")


def parse_month(text: str) -> date:
    """``YYYY-MM`` (surrounding spaces allowed) as the first day of the month; ValueError otherwise."""
    match = MONTH.fullmatch(text.strip())
    if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < 1:
        raise ValueError(f"{text!r} is not a month written YYYY-MM")
    return date(int(match[1]), int(match[2]), 1)


def add_months(month: date, n: int) -> date:
    """The first day of the month ``n`` months after ``month``."""
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def month_range(first: date, last: date) -> list[date]:
    """Every month from ``first`` to ``last`` inclusive."""
    span = (last.year - first.year) * 12 + last.month - first.month
    return [add_months(first, n) for n in range(span + 1)]
