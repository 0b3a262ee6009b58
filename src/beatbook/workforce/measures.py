"""The workforce's measures over a scope (force, sector, cluster) and calendar months.

- abstraction rate = hours abstracted / planned neighbourhood hours, where an officer's planned
  hours of a month are their weekly figure x the days they served in it / 7;
- volunteer hours = hours of Special Constables' and Police Cadets' deployments in the scope;
- the Special Constabulary's size = Specials serving on a month's first day, against the aim of
  multiplying the size on a baseline day by a target day (settings, README: Workforce);
- DWOs qualified = serving DWOs holding every required qualification, valid on the day.

Each returns what it counted, so a caller can tell "no records" (no data) from a true zero.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import QuerySet, Sum
from django.utils import timezone

from beatbook.core.months import add_months
from beatbook.performance.registry import Scope
from beatbook.workforce.models import Officer
from beatbook.workforce.records import Abstraction, Deployment, Qualification, QualificationType

DAYS_A_WEEK = Decimal(7)


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def in_scope(queryset: QuerySet, scope: Scope, cluster_field: str = "cluster") -> QuerySet:
    """Records of the scope's force, sector or cluster (through `cluster_field`)."""
    if scope.kind == "cluster":
        return queryset.filter(**{f"{cluster_field}_id": scope.cluster_id})
    if scope.kind == "sector":
        return queryset.filter(**{f"{cluster_field}__sector_id": scope.sector_id})
    return queryset


# --- abstractions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    abstracted: Decimal
    planned: Decimal

    @property
    def percent(self) -> float | None:
        """Abstracted as a percentage of planned hours; None when no hours were planned."""
        return None if not self.planned else float(100 * self.abstracted / self.planned)


def dwos_in(scope: Scope, first: date, last: date) -> QuerySet[Officer]:
    officers = Officer.objects.of_force(scope.force_slug).dwos().serving_between(first, last)
    return in_scope(officers, scope)


def planned_hours(officer: Officer, first: date, last: date) -> Decimal:
    return officer.planned_hours_per_week * officer.served_days(first, last) / DAYS_A_WEEK


def rate_of(officers: QuerySet[Officer] | list[Officer], first: date, last: date) -> Rate:
    """The officers' hours abstracted and planned from `first` to `last` (days); days yet to come are
    not served yet, so the current month's rate is of its days so far."""
    last = min(last, timezone.localdate())
    officers = list(officers)
    abstracted = Abstraction.objects.filter(officer__in=officers).between(first, last).aggregate(h=Sum("hours"))["h"]
    planned = sum((planned_hours(o, first, last) for o in officers), Decimal(0))
    return Rate(abstracted or Decimal(0), planned)


def abstraction_rate(scope: Scope, months: list[date]) -> Rate:
    """The scope's DWOs over `months` (consecutive first days)."""
    first, last = months[0], month_end(months[-1])
    return rate_of(dwos_in(scope, first, last), first, last)


def monthly_abstraction_rates(scope: Scope, months: list[date]) -> list[Rate]:
    return [abstraction_rate(scope, [month]) for month in months]


def months_without_abstractions(force_slug: str, months: list[date]) -> list[date]:
    """The months (first days) in which the force recorded no abstraction at all: their abstraction
    went unrecorded, and a zero there would be a guess."""
    if not months:
        return []
    records = Abstraction.objects.filter(officer__force__slug=force_slug).between(months[0], month_end(months[-1]))
    recorded = {day.replace(day=1) for day in records.dates("date", "month")}
    return [month for month in months if month not in recorded]


def officer_rates(officers: QuerySet[Officer], month: date) -> list[tuple[Officer, Rate]]:
    """Each officer's rate in one month (the supervisors' table)."""
    last = month_end(month)
    return [(officer, rate_of([officer], month, last)) for officer in officers]


# --- volunteers ---------------------------------------------------------------------------------


def volunteer_hours(scope: Scope, months: list[date]) -> list[Decimal | None]:
    """Deployment hours a month in the scope; None for a month with no deployment recorded anywhere
    in the force (nobody recorded then), zero for a month recorded elsewhere but not here."""
    deployments = Deployment.objects.filter(officer__force__slug=scope.force_slug)
    scoped = in_scope(deployments, scope) if scope.kind != "force" else deployments
    values: list[Decimal | None] = []
    for month in months:
        window = {"date__range": (month, month_end(month))}
        if not deployments.filter(**window).exists():
            values.append(None)
            continue
        values.append(scoped.filter(**window).aggregate(h=Sum("hours"))["h"] or Decimal(0))
    return values


@dataclass(frozen=True)
class SpecialsAim:
    baseline_date: date
    baseline: int
    target_date: date
    multiple: int

    @property
    def target(self) -> int:
        return self.baseline * self.multiple

    def expected_on(self, day: date) -> float:
        """Where a straight line from the baseline to the aim stands on `day` (the trajectory)."""
        span = (self.target_date - self.baseline_date).days
        share = min(max((day - self.baseline_date).days / span, 0.0), 1.0) if span > 0 else 1.0
        return self.baseline + (self.target - self.baseline) * share


def specials_serving(force_slug: str, day: date) -> int:
    return Officer.objects.of_force(force_slug).specials().serving(day).count()


def specials_aim(force_slug: str) -> SpecialsAim:
    baseline_date = date.fromisoformat(settings.BEATBOOK_SPECIALS_BASELINE_DATE)
    return SpecialsAim(
        baseline_date=baseline_date,
        baseline=specials_serving(force_slug, baseline_date),
        target_date=date.fromisoformat(settings.BEATBOOK_SPECIALS_TARGET_DATE),
        multiple=settings.BEATBOOK_SPECIALS_MULTIPLE,
    )


def specials_by_month(force_slug: str, first: date, last: date) -> list[tuple[date, int]]:
    """Specials serving on each month's first day from `first` to `last` (months)."""
    months, month = [], first
    while month <= last:
        months.append((month, specials_serving(force_slug, month)))
        month = add_months(month, 1)
    return months


def specials_recorded(force_slug: str) -> bool:
    return Officer.objects.of_force(force_slug).specials().exists()


def specials_recorded_from(force_slug: str) -> date | None:
    """The first day a Special Constable's record covers (their start, or the day the record was made
    when no start is known); None without a Special."""
    found = Officer.objects.of_force(force_slug).specials().values_list("start_date", "created")
    days = [start or timezone.localtime(created).date() for start, created in found]
    return min(days, default=None)


# --- training -----------------------------------------------------------------------------------


def required_types() -> list[QualificationType]:
    return list(QualificationType.objects.filter(active=True, required_of_dwos=True))


def missing_qualifications(officer: Officer, required: list[QualificationType], day: date) -> list[QualificationType]:
    """The required qualifications `officer` does not hold valid on `day`."""
    held = {q.kind_id for q in officer.qualifications.all() if q.valid_on(day)}
    return [kind for kind in required if kind.pk not in held]


@dataclass(frozen=True)
class QualifiedShare:
    qualified: int
    serving: int

    @property
    def percent(self) -> float | None:
        return None if not self.serving else 100 * self.qualified / self.serving


def qualified_share(scope: Scope, day: date) -> QualifiedShare:
    """Serving DWOs of the scope on `day` holding every required qualification valid that day."""
    required = required_types()
    officers = dwos_in(scope, day, day).prefetch_related("qualifications")
    qualified = sum(1 for officer in officers if not missing_qualifications(officer, required, day))
    return QualifiedShare(qualified, len(officers))


def qualifications_recorded(force_slug: str) -> bool:
    return Qualification.objects.filter(officer__force__slug=force_slug).exists()


def qualifications_recorded_from(force_slug: str) -> date | None:
    """The earliest day a recorded qualification of the force's officers was achieved."""
    found = Qualification.objects.filter(officer__force__slug=force_slug).order_by("achieved")
    return found.values_list("achieved", flat=True).first()
