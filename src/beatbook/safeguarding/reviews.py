"""The MoPI review queue of the safeguarding role's records: its own (DASH assessments, ASB Case Reviews,
support plans, Community MARAC cases), school notifications and missing-person briefings, in one list.

Each kind is read through its model's `visible_to(user)`; keeping or deleting is core.retention's verbs.
(Community intelligence has its own queue, for the intelligence role: intel/review/.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone

from beatbook.core.access import get_for_user
from beatbook.core.retention import Reviewable
from beatbook.missing.models import MissingBriefing
from beatbook.safeguarding.models import CaseReview, DashAssessment, MaracCase, MaracReferral, SupportPlan
from beatbook.schools.models import SchoolNotification

REMOVED = "Removed at review"


def _day(value: Any) -> str:
    return f"{timezone.localtime(value) if isinstance(value, datetime) else value:%-d %B %Y}" if value else "—"


def _dash(record: DashAssessment) -> list[tuple[str, str]]:
    referred = "Yes" if MaracReferral.objects.filter(assessment=record).exists() else "No"
    level = f"score {record.score}, {record.get_final_level_display()} risk"
    return [("Victim", record.victim or REMOVED), ("Risk", level), ("Referred to the MARAC", referred)]


def _case_review(record: CaseReview) -> list[tuple[str, str]]:
    met = "Met" if record.threshold_met else "Not met"
    return [
        ("Applicant", record.person or REMOVED),
        ("Applied on", _day(record.applied_on)),
        ("Threshold", met),
        ("Status", record.get_status_display()),
    ]


def _plan(record: SupportPlan) -> list[tuple[str, str]]:
    still_open = record.actions.filter(done_on__isnull=True).count()
    return [
        ("Victim", record.victim or REMOVED),
        ("Status", record.get_status_display()),
        ("Next review with the victim", _day(record.next_review_on)),
        ("Open actions", str(still_open)),
    ]


def _marac_case(record: MaracCase) -> list[tuple[str, str]]:
    still_open = record.actions.filter(done_on__isnull=True).count()
    return [
        ("Victim", record.victim or REMOVED),
        ("Meeting", _day(record.meeting_on)),
        ("Status", record.get_status_display()),
        ("Open actions", str(still_open)),
    ]


def _notification(record: SchoolNotification) -> list[tuple[str, str]]:
    return [
        ("School", str(record.school or "Not assigned")),
        ("Incident", _day(record.occurred_at)),
        ("Status", record.get_status_display()),
    ]


def _briefing(record: MissingBriefing) -> list[tuple[str, str]]:
    return [
        ("Kind", record.get_kind_display()),
        ("Risk", record.get_risk_display()),
        ("Last seen", _day(record.last_seen_at)),
        ("State", record.state),
    ]


@dataclass(frozen=True)
class Kind:
    slug: str
    label: str
    model: type[Reviewable]
    url_name: str  # the record's own page
    summarise: Callable[[Any], list[tuple[str, str]]]  # what the reviewer needs to decide, in a few lines

    def title(self, record: Any) -> str:
        """ "DASH assessment 7", "Community MARAC case MC-0001": the label once."""
        name = str(record)
        return name if name.startswith(self.label) else f"{self.label} {name}"

    def url(self, record: Any) -> str:
        return reverse(self.url_name, kwargs={"pk": record.pk})


KINDS = {
    kind.slug: kind
    for kind in (
        Kind("dash", "DASH assessment", DashAssessment, "safeguarding:dash", _dash),
        Kind("case-review", "ASB Case Review", CaseReview, "safeguarding:case_review", _case_review),
        Kind("plan", "Support plan", SupportPlan, "safeguarding:plan", _plan),
        Kind("marac-case", "Community MARAC case", MaracCase, "safeguarding:marac_case", _marac_case),
        Kind("school-notification", "School notification", SchoolNotification, "schools:notification", _notification),
        Kind("missing-briefing", "Missing-person briefing", MissingBriefing, "missing:briefing", _briefing),
    )
}


@dataclass(frozen=True)
class Due:
    kind: Kind
    record: Any


def _due(kind: Kind, user: Any) -> QuerySet:
    manager: Any = kind.model.objects  # type: ignore[attr-defined]
    return manager.visible_to(user).due_for_review()


def due_for_review(user: Any) -> list[Due]:
    """Every record of every kind the user may see whose review date has come, the oldest date first."""
    rows = [Due(kind, record) for kind in KINDS.values() for record in _due(kind, user)]
    return sorted(rows, key=lambda d: (d.record.review_date, d.kind.slug, d.record.pk))


def get_reviewable_for_user(request: HttpRequest, slug: str, pk: int) -> tuple[Kind, Any]:
    kind = KINDS.get(slug)
    if kind is None:
        raise Http404("No such kind of record.")
    manager: Any = kind.model.objects  # type: ignore[attr-defined]
    return kind, get_for_user(request, manager.all(), pk)
