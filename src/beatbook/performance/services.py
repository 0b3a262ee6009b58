"""The framework's figures for a scope and a period: what the dashboard, the board pack and the
command all show, computed in one place so that they cannot disagree."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from beatbook.core import audit
from beatbook.core.models import AuditAction
from beatbook.core.months import add_months
from beatbook.core.sparkline import sparkline
from beatbook.geography.models import Force
from beatbook.hub.services import published_months
from beatbook.performance.models import Commentary, Target
from beatbook.performance.registry import Aim, Figure, Good, Indicator, Period, Scope, Status, get, indicators
from beatbook.performance.scopes import scopes_of

#: Where each module of indicators reads its data, for the definition page.
SOURCES = {
    "crime": "police.uk street-level crime (Open Government Licence v3.0), as ingested",
    "safeguarding": "the safeguarding incident log (imported by the force; counts only)",
    "problems": "SARA problems and their assessments in beatbook",
    "engagement": "engagement events recorded in beatbook",
    "surveys": "public confidence surveys run in beatbook",
    "intelligence": "community intelligence recorded in beatbook (counts only)",
    "workforce": "workforce records in beatbook",
}
#: Units whose one is not the plural less its "s".
SINGULAR = {"people": "person"}
STATUS_SHAPES = {Status.GREEN: "●", Status.AMBER: "▲", Status.RED: "■", Status.NONE: "–", Status.UNRATED: "○"}


@dataclass(frozen=True)
class Row:
    """One indicator's figure for the scope and period, judged against its (force's) target."""

    indicator: Indicator
    figure: Figure
    status: Status

    @property
    def shape(self) -> str:
        return STATUS_SHAPES[self.status]

    @property
    def status_word(self) -> str:
        if self.status != Status.NONE:
            return str(self.status.label)
        return "No target" if self.figure.has_data else "No data"

    @property
    def value_text(self) -> str:
        return self.figure.headline or value_text(self.indicator, self.figure.value)

    @property
    def unit_text(self) -> str:
        """The unit after the value, without the "%" the value already shows; singular for one."""
        if self.figure.headline:
            return self.figure.headline_unit
        return unit_words(self.indicator, self.figure.value)

    @property
    def figure_text(self) -> str:
        """The figure with its unit, as one phrase: "6.2 events per cluster", "2 → 8 ASB incidents"."""
        return f"{self.value_text} {self.unit_text}".rstrip()

    @property
    def target_text(self) -> str:
        return target_text(self.indicator)

    @property
    def sparkline(self) -> str:
        values = [None if v is None else round(v, 1) for v in self.figure.series]
        if not any(v is not None for v in values):
            return ""
        first, last = self.figure.series_months[0], self.figure.series_months[-1]
        label = f"{self.indicator.name} by month, {first:%b %Y} to {last:%b %Y}: " + ", ".join(
            "no data" if v is None else f"{v:g}" for v in values
        )
        return sparkline(values, label)  # type: ignore[arg-type]


@dataclass(frozen=True)
class AimRows:
    aim: Aim
    rows: list[Row]


def value_text(item: Indicator, value: float | None) -> str:
    if value is None:
        return "No data"
    if item.unit.startswith("% change"):
        return f"{value:+.1f}%"
    if item.unit.startswith("%"):
        return f"{value:.1f}%"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def unit_words(item: Indicator, value: float | None) -> str:
    """The unit to read after the value: a "%" already printed is not said twice, and one is one
    ("1 problem", "1 event per cluster")."""
    if value is None:
        return ""
    if value_text(item, value).endswith("%"):
        return item.unit.removeprefix("%").strip()
    if value != 1:
        return item.unit
    first, _, rest = item.unit.partition(" ")
    return " ".join(w for w in (SINGULAR.get(first, first.removesuffix("s")), rest) if w)


def figure_text(item: Indicator, value: float | None) -> str:
    """The value with its unit ("12 items", "57.7% of victims"), or "No data"."""
    return f"{value_text(item, value)} {unit_words(item, value)}".rstrip()


def target_text(item: Indicator) -> str:
    """Which way the target is met, its value in the unit, and how far from it is still amber:
    "at most 20.0% of victims (amber up to 25.0%)", "at least 6 events per cluster (amber from 4)"."""
    if item.target is None:
        return "No target"
    down = item.good == Good.DOWN
    text = f"{'at most' if down else 'at least'} {figure_text(item, item.target)}"
    if not item.tolerance:
        return text
    edge = item.target + item.tolerance if down else item.target - item.tolerance
    return f"{text} (amber {'up to' if down else 'from'} {value_text(item, edge)})"


def with_force_target(item: Indicator, targets: dict[str, Target]) -> Indicator:
    """The indicator with the force's own target when one is set in the admin."""
    own = targets.get(item.code)
    return dataclasses.replace(item, target=own.value, tolerance=own.tolerance) if own else item


def effective_indicators() -> list[Indicator]:
    targets = {t.indicator: t for t in Target.objects.all()}
    return [with_force_target(i, targets) for i in indicators()]


def effective_indicator(code: str) -> Indicator:
    """The indicator ``code`` with the force's own target (KeyError naming it when undefined), as the
    dashboard judges it: every page that shows a status must agree with the dashboard's."""
    return with_force_target(get(code), {t.indicator: t for t in Target.objects.filter(indicator=code)})


def source_of(item: Indicator) -> str:
    module = item.compute.__module__.rsplit(".", 1)[-1]
    return SOURCES.get(module, module)


def framework(scope: Scope, period: Period) -> list[AimRows]:
    """Every indicator's figure for the scope and period, grouped under the four aims."""
    rows = [Row(i, figure := i.compute(scope, period), i.status(figure)) for i in effective_indicators()]
    return [AimRows(aim, [r for r in rows if r.indicator.aim == aim]) for aim in Aim]


def latest_complete_quarter(force_slug: str, today: date | None = None) -> Period:
    """The latest quarter whose three months of street crime are all published; the last quarter
    that has ended when none is."""
    published = set(published_months(force_slug))
    for month in sorted(published, reverse=True):
        quarter = Period.parse(f"{month.year}Q{(month.month - 1) // 3 + 1}")
        if all(m in published for m in quarter.months):
            return quarter
    today = today or timezone.localdate()
    ended = add_months(today.replace(day=1), -3)
    return Period.parse(f"{ended.year}Q{(ended.month - 1) // 3 + 1}")


def period_choices(force_slug: str, today: date | None = None) -> list[tuple[str, str]]:
    """Quarters and years from the first published month (or the last two years) to today, newest first,
    as (label, what the list shows): none that starts after today, and the one under way marked "to date"."""
    today = today or timezone.localdate()
    published = published_months(force_slug)
    first_year = published[0].year if published else today.year - 1
    labels: list[str] = []
    for year in range(today.year, first_year - 1, -1):
        labels += [f"{year}Q{q}" for q in (4, 3, 2, 1) if date(year, 3 * q - 2, 1) <= today] + [str(year)]
    return [(label, choice_text(Period.parse(label), today)) for label in labels]


def choice_text(period: Period, today: date) -> str:
    return f"{period.label} (to date)" if period.unfinished(today) else period.label


def scope_for(force: Force, key: str) -> Scope | None:
    return next((s for s in scopes_of(force) if s.key == key), None)


def commentaries(period: Period, scope_keys: list[str]) -> dict[tuple[str, str], Commentary]:
    found = Commentary.objects.filter(period=period.label, scope_key__in=scope_keys)
    return {(c.scope_key, c.indicator): c for c in found}


def save_commentary(request: Any, code: str, scope_key: str, period: Period, text: str) -> Commentary:
    """Write (or rewrite) the commentary of one figure; the audit log keeps every version."""
    with transaction.atomic():
        found = Commentary.objects.select_for_update().filter(indicator=code, scope_key=scope_key, period=period.label)
        item = found.first() or Commentary(indicator=code, scope_key=scope_key, period=period.label)
        before = item.text
        item.text = text
        item.stamp(request.user)
        item.save()
        audit.record(
            request, AuditAction.CREATE if not before else AuditAction.CHANGE, item, changes={"text": [before, text]}
        )
    return item
