"""Safeguarding's business rules: the repeat register, ASB Case Review candidates, counts by ward, and
the verbs that record a case review, a DASH assessment and its MARAC referral (each audited).

The register looks back from the newest incident of the log, not from today: a log is imported in
batches, and the register must say the same thing about the same file whenever it is read.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

from django.conf import settings
from django.db import transaction
from django.db.models import Max, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from beatbook.core import audit
from beatbook.core.models import AuditAction
from beatbook.core.retention import default_review_date
from beatbook.safeguarding import dash
from beatbook.safeguarding.models import (
    CaseReview,
    CaseReviewStatus,
    DashAssessment,
    Incident,
    IncidentLog,
    MaracReferral,
    RiskLevel,
)
from beatbook.safeguarding.thresholds import CaseReviewRule, Complaint, case_review_verdict, repeat_count


@dataclass(frozen=True)
class RepeatPerson:
    pseudonym: str
    role: str  # victim | caller
    incidents: int  # within the window
    last: datetime
    wards: tuple[str, ...]


def window() -> tuple[int, int]:
    return settings.BEATBOOK_REPEAT_MIN_INCIDENTS, settings.BEATBOOK_REPEAT_WINDOW_DAYS


def as_of() -> datetime | None:
    """The newest incident of the log: the register's 'now'."""
    return Incident.objects.aggregate(newest=Max("occurred_at"))["newest"]


def repeat_register(incidents: QuerySet[Incident], role: str) -> list[RepeatPerson]:
    """Victims (or callers) with at least the minimum number of incidents within the window before as_of."""
    newest = as_of()
    if newest is None:
        return []
    least, days = window()
    recent = incidents.filter(occurred_at__gt=newest - timedelta(days=days)).exclude(**{role: ""})
    by_person: dict[str, list[tuple[datetime, str]]] = defaultdict(list)
    for person, when, ward in recent.values_list(role, "occurred_at", "ward__name"):
        by_person[person].append((when, ward or "not located"))
    people = [
        RepeatPerson(person, role, len(rows), max(w for w, _ in rows), tuple(sorted({ward for _, ward in rows})))
        for person, rows in by_person.items()
        if repeat_count([w for w, _ in rows], days) >= least
    ]
    return sorted(people, key=lambda p: (-p.incidents, p.pseudonym))


def repeat_counts_by_ward(incidents: QuerySet[Incident]) -> list[dict[str, Any]]:
    """For each ward, how many repeat victims and repeat callers had an incident there: no pseudonym."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for role in ("victim", "caller"):
        for person in repeat_register(incidents, role):
            for ward in person.wards:
                counts[ward][role] += 1
    return [{"ward": ward, "victims": c["victim"], "callers": c["caller"]} for ward, c in sorted(counts.items())]


def case_review_rule() -> CaseReviewRule:
    return CaseReviewRule(
        complaints=settings.BEATBOOK_ASB_REVIEW_COMPLAINTS,
        window_months=settings.BEATBOOK_ASB_REVIEW_WINDOW_MONTHS,
        reported_within_months=settings.BEATBOOK_ASB_REVIEW_REPORTED_WITHIN_MONTHS,
        hate_incidents=settings.BEATBOOK_ASB_REVIEW_HATE_INCIDENTS,
    )


def complaints_of(incidents: QuerySet[Incident], person: str) -> list[Complaint]:
    """The person's complaints: incidents they called in as the victim (asb or hate-motivated), in local
    time (an application's window is counted in the force's days)."""
    rows = incidents.filter(caller=person).values_list("occurred_at", "reported_at", "asb", "hate")
    return [
        Complaint(timezone.localtime(occurred), timezone.localtime(reported), asb, hate)
        for occurred, reported, asb, hate in rows
    ]


def case_review_candidates(incidents: QuerySet[Incident]) -> list[tuple[str, str]]:
    """(pseudonym, reason) of every caller whose complaints meet the local threshold."""
    rule, found = case_review_rule(), []
    callers = incidents.filter(asb=True).exclude(caller="").values_list("caller", flat=True).distinct()
    for person in sorted(set(callers)):
        verdict = case_review_verdict(complaints_of(incidents, person), rule)
        if verdict.met:
            found.append((person, verdict.reason))
    return found


def is_synthetic_shown() -> bool:
    """Whether the stored log is synthetic: every page showing its records carries the banner."""
    return IncidentLog.objects.filter(synthetic=True).exists()


def incidents_needing_school_notification() -> QuerySet[Incident]:
    """Domestic-abuse incidents with children present (Operation Encompass), newest first; the hook
    the school-notification app reads, with no dependency either way."""
    return Incident.objects.filter(domestic_abuse=True, children_present=True).order_by("-occurred_at")


def review_date() -> date:
    """The first MoPI review date of a new safeguarding record."""
    return default_review_date(settings.BEATBOOK_SAFEGUARDING_REVIEW_DAYS)


def is_synthetic(pseudonym: str, incident: Incident | None = None) -> bool:
    """Whether a record about `pseudonym` is synthetic: its incident is, the pseudonym is a synthetic one
    (SYN-), or the person appears in a synthetic incident of the log. One rule for every record kind."""
    if (incident is not None and incident.synthetic) or pseudonym.startswith("SYN-"):
        return True
    return Incident.objects.involving(pseudonym).filter(synthetic=True).exists()


def apply_for_case_review(request: HttpRequest, person: str, applied_on: date) -> CaseReview:
    """Record an application; the threshold is judged on the log as it stands now, counting the complaints
    reported in the window before the application's date."""
    verdict = case_review_verdict(complaints_of(Incident.objects.all(), person), case_review_rule(), applied_on)
    with transaction.atomic():
        review = CaseReview(
            person=person,
            applied_on=applied_on,
            threshold_met=verdict.met,
            threshold_reason=verdict.reason[:300],
            synthetic=is_synthetic(person),
            review_date=review_date(),
        )
        review.stamp(request.user)
        review.save()
        audit.record(request, AuditAction.CREATE, review, threshold_met=verdict.met)
    return review


def record_case_review_meeting(
    request: HttpRequest, review: CaseReview, *, meeting_on: date, partners_present: str, outcome: str
) -> None:
    refused = review.recording_refused()
    if refused:
        raise ValueError(refused)
    with transaction.atomic():
        before = review.status
        review.meeting_on, review.partners_present, review.outcome = meeting_on, partners_present, outcome
        review.status = CaseReviewStatus.CLOSED if outcome else CaseReviewStatus.MEETING
        review.stamp(request.user)
        review.save()
        audit.record(request, AuditAction.CHANGE, review, changes={"status": [before, review.status]})


def assess(request: HttpRequest, data: dict[str, Any]) -> DashAssessment:
    """Store a DASH assessment; high risk (by score or override) is referred to the MARAC at once."""
    answers = {str(n): data[f"q{n}"] for n in range(1, len(dash.QUESTIONS) + 1)}
    points = dash.score(answers)
    override = data.get("override_level") or ""
    if override and not dash.raises(dash.level_for(points), override):
        raise ValueError(f"Professional judgement may only raise the level; {override} does not raise score {points}.")
    incident = data.get("incident")
    with transaction.atomic():
        assessment = DashAssessment(
            victim=data["victim"],
            incident=incident,
            incident_ref=incident.incident_id if incident else "",
            answers=answers,
            score=points,
            level=dash.level_for(points),
            override_level=override,
            override_reason=data.get("override_reason") or "",
            notes=data.get("notes") or "",
            synthetic=is_synthetic(data["victim"], incident),
            review_date=review_date(),
        )
        assessment.stamp(request.user)
        assessment.save()
        audit.record(request, AuditAction.CREATE, assessment, score=points, level=assessment.final_level)
        if assessment.final_level == RiskLevel.HIGH:
            refer_to_marac(request, assessment)
    return assessment


def refer_to_marac(request: HttpRequest, assessment: DashAssessment) -> MaracReferral:
    by_override = assessment.override_level == RiskLevel.HIGH and assessment.level != RiskLevel.HIGH
    reason = "professional judgement (override)" if by_override else f"high risk: DASH score {assessment.score}"
    referral = MaracReferral(
        assessment=assessment, referred_on=timezone.localdate(), reason=reason, referred_by=cast(Any, request.user)
    )
    referral.stamp(request.user)
    referral.save()
    audit.record(request, AuditAction.CREATE, referral, reason=reason)
    return referral
