"""From a problem to a ward priority ("You said, we did"): the engagement app keeps priorities
and a supervisor publishes them there; a problem only proposes one, naming itself as the source."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db import transaction
from django.http import HttpRequest

from beatbook.engagement.models import Priority, PrioritySource
from beatbook.engagement.services import propose_priority
from beatbook.geography.locate import locate
from beatbook.geography.models import Ward
from beatbook.problems.forms import force_wards
from beatbook.problems.models import ChangeKind, Problem, ResponseStatus


class PriorityForm(forms.Form):
    ward = forms.ModelChoiceField(queryset=Ward.objects.none(), help_text="The ward whose page will show it.")
    issue = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), help_text="The issue, as the public would put it."
    )
    issue_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), help_text="When it was raised.")
    action = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="What the police did (“we did”)."
    )
    action_date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = force_wards()  # type: ignore[attr-defined]


def initial_priority(problem: Problem, force_slug: str) -> dict[str, Any]:
    """The problem's ward (its first, or the one holding its centre), its summary for partners
    (written to be read outside the police), and the responses done."""
    ward = problem.wards.first()
    if ward is None and problem.centre_lat is not None and problem.centre_lng is not None:
        ward = locate(problem.centre_lat, problem.centre_lng, force_slug)
    done = problem.responses.filter(status=ResponseStatus.DONE).order_by("end", "start")
    dates = [d for r in done if (d := r.end or r.start) is not None]
    return {
        "ward": ward,
        "issue": problem.partner_summary or problem.title,
        "issue_date": problem.created.date(),
        "action": "; ".join(r.action for r in done),
        "action_date": max(dates, default=None),
    }


def propose_from_problem(request: HttpRequest, problem: Problem, data: dict[str, Any]) -> Priority:
    """A ward priority from the problem, waiting for a supervisor to publish it in engagement."""
    with transaction.atomic():
        priority = propose_priority(
            ward=data["ward"],
            issue=data["issue"],
            issue_date=data["issue_date"] or date.today(),
            by=request.user,
            source=PrioritySource.PROBLEM,
            reference=f"problem {problem.pk}",
            action=data.get("action") or "",
            action_date=data.get("action_date"),
        )
        problem.log(by=request.user, kind=ChangeKind.EDIT, note=f"Proposed as a ward priority of {data['ward']}")
    return priority
