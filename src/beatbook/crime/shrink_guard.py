"""Refusing a newer download that would empty or shrink a stored month.

A truncated download (a header only, blank lines, rows of another month) would otherwise
replace a month of crimes with nothing and exit 0. A replacement must keep at least `min_share`
of the stored rows, and at least `min_share` of its own rows must be good; `allow` applies it
anyway (the report then says so).
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MIN_SHARE = 0.5


@dataclass(frozen=True)
class ShrinkGuard:
    min_share: float = DEFAULT_MIN_SHARE
    allow: bool = False

    def objection(self, *, stored: int, good: int, read: int, unit: str = "month") -> str:
        """Why replacing `stored` rows with `good` of `read` rows would lose data ("" when it would not);
        `unit` names what holds the stored rows (a month of crimes, a premises register)."""
        if stored == 0:
            return ""
        if good == 0:
            return f"it has no row to store ({read:,} read), and would empty a {unit} that holds {stored:,} rows"
        if good < self.min_share * stored:
            return (
                f"it has {good:,} good rows against the {stored:,} stored: fewer than "
                f"{self.min_share:.0%} of them, so it looks truncated"
            )
        if good < self.min_share * read:
            return (
                f"{read - good:,} of its {read:,} rows are quarantined: more than "
                f"{1 - self.min_share:.0%}, so it would replace the {stored:,} stored rows with a fraction"
            )
        return ""
