"""The MoPI review queue of the safeguarding role's records: its own (DASH assessments, ASB Case Reviews,
support plans, Community MARAC cases), school notifications and missing-person briefings, in one list.

Each kind is read through its model's `visible_to(user)`; keeping or deleting is core.retention's verbs.
(Community intelligence has its own queue, for the intelligence role: intel/review/.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from beatbook.core.access import get_for_user
from beatbook.core.retention import Reviewable
from beatbook.missing.models import MissingBriefing
from beatbook.safeguarding.models import CaseReview, DashAssessment, MaracCase, SupportPlan
from beatbook.schools.models import SchoolNotification


@dataclass(frozen=True)
class Kind:
    slug: str
    label: str
    model: type[Reviewable]


KINDS = {
    kind.slug: kind
    for kind in (
        Kind("dash", "DASH assessment", DashAssessment),
        Kind("case-review", "ASB Case Review", CaseReview),
        Kind("plan", "Support plan", SupportPlan),
        Kind("marac-case", "Community MARAC case", MaracCase),
        Kind("school-notification", "School notification", SchoolNotification),
        Kind("missing-briefing", "Missing-person briefing", MissingBriefing),
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
