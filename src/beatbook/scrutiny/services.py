"""The verbs of a scrutiny meeting: record it and draw its sample, record the findings, add a case."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest

from beatbook.core import audit
from beatbook.core.models import AuditAction
from beatbook.crime.models import StopSearch
from beatbook.scrutiny import sampling
from beatbook.scrutiny.models import Meeting, PowersCase, SampledSearch

#: The fields of a search copied into the sample: what data.police.uk publishes, less the location.
COPIED = (
    "date",
    "type",
    "legislation",
    "object_of_search",
    "outcome",
    "outcome_linked_to_object_of_search",
    "removal_of_more_than_outer_clothing",
    "age_range",
    "gender",
    "officer_defined_ethnicity",
)


def sampled_from(search: StopSearch, meeting: Meeting, position: int) -> SampledSearch:
    values = {name: getattr(search, name) for name in COPIED}
    return SampledSearch(meeting=meeting, position=position, stop_search=search, **values)


@transaction.atomic
def create_meeting(meeting: Meeting, *, by: Any, request: HttpRequest | None = None) -> Meeting:
    """Save the meeting and draw its sample (EmptyPeriod, and nothing saved, when the period has none)."""
    if meeting.seed is None:
        meeting.seed = sampling.new_seed()
    searches, meeting.population = sampling.draw(
        meeting.force_slug, meeting.first_month, meeting.last_month, meeting.sample_size, meeting.seed
    )
    meeting.stamp(by)
    meeting.save()
    SampledSearch.objects.bulk_create(sampled_from(s, meeting, i) for i, s in enumerate(searches, start=1))
    drawn, population = len(searches), meeting.population
    if request is not None:
        audit.record(request, AuditAction.CREATE, meeting, seed=meeting.seed, drawn=drawn, population=population)
    else:
        audit.record_command(
            "beatbook demo", AuditAction.CREATE, meeting, seed=meeting.seed, drawn=drawn, population=population
        )
    return meeting


@transaction.atomic
def save_findings(request: HttpRequest, form: Any, formset: Any) -> Meeting:
    """The group's findings overall and per search, the force's response and whether it is published."""
    meeting: Meeting = form.save(commit=False)
    meeting.stamp(request.user)
    meeting.save()
    changed = [f.instance.position for f in formset.forms if f.has_changed()]
    formset.save()
    audit.record(request, AuditAction.CHANGE, meeting, changes=audit.form_changes(form), searches_changed=changed)
    return meeting


@transaction.atomic
def add_case(request: HttpRequest, meeting: Meeting, form: Any) -> PowersCase:
    case: PowersCase = form.save(commit=False)
    case.meeting = meeting
    case.stamp(request.user)
    case.save()
    audit.record(request, AuditAction.CREATE, case, meeting=meeting.pk)
    return case
