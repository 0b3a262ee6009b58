"""Officers' engagement pages: plan and change events, record what was raised, work ward priorities."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from beatbook.accounts.models import profile_of
from beatbook.core.access import role_required
from beatbook.core.roles import ENGAGEMENT_PLANNERS, PRIORITY_PUBLISHERS, PROBLEM_OWNERS, has_role
from beatbook.engagement import services
from beatbook.engagement.access import get_event_for_user, get_issue_for_user, get_priority_for_user
from beatbook.engagement.forms import EventForm, IssueFormSet, OutcomeForm, PriorityForm
from beatbook.engagement.models import Event, Priority
from beatbook.workforce.models import works_attendance_queue

PER_PAGE = 25


@role_required(*ENGAGEMENT_PLANNERS)
def plan(request: HttpRequest) -> HttpResponse:
    """Upcoming events first, then past ones, with their outcome state."""
    events = Event.objects.visible_to(request.user).select_related("event_type", "cluster", "organiser")
    now = timezone.now()
    page = Paginator(events.filter(end__lt=now).order_by("-start"), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "engagement/plan.html",
        {
            "upcoming": events.filter(end__gte=now).order_by("start"),
            "page": page,
            "works_queue": works_attendance_queue(request.user),
        },
    )


@role_required(*ENGAGEMENT_PLANNERS)
def event_new(request: HttpRequest) -> HttpResponse:
    profile = profile_of(request.user)
    initial = {"cluster": profile.cluster_id} if profile and profile.cluster_id else {}
    return _event_form(request, Event(), initial)


@role_required(*ENGAGEMENT_PLANNERS)
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event, can_change = get_event_for_user(request, pk)
    if not can_change:
        raise PermissionDenied("Only officers of the event's cluster and supervisors change it.")
    return _event_form(request, event, {})


def _event_form(request: HttpRequest, event: Event, initial: dict[str, Any]) -> HttpResponse:
    form = EventForm(request.POST or None, instance=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        adding = event._state.adding
        saved = services.save_event(request, form.save(commit=False), list(form.cleaned_data["wards"]))
        messages.success(request, f"{'Planned' if adding else 'Saved'}: {saved.title}.")
        return redirect("engagement:event", pk=saved.pk)
    status = 400 if form.is_bound else 200
    return render(request, "engagement/event_form.html", {"form": form, "event": event}, status=status)


@role_required(*ENGAGEMENT_PLANNERS)
def event_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    event, can_change = get_event_for_user(request, pk)
    if not can_change:
        raise PermissionDenied("Only officers of the event's cluster and supervisors record its outcome.")
    refusal = event.outcome_refusal(timezone.now())
    if refusal:
        context = {"event": event, "refusal": refusal}
        return render(request, "engagement/outcome.html", context, status=400 if request.method == "POST" else 200)
    data = request.POST or None
    form = OutcomeForm(data, instance=event)
    issues = IssueFormSet(data, form_kwargs={"wards": _wards_of(event)}, prefix="issue")
    if request.method == "POST" and form.is_valid() and issues.is_valid():
        raised = [
            services.RaisedIssue(f.cleaned_data["ward"], f.cleaned_data["text"])
            for f in issues
            if f.cleaned_data.get("text")
        ]
        services.record_outcome(
            request, event, form.cleaned_data["attendance"], form.cleaned_data["actions_promised"], raised
        )
        messages.success(request, f"Outcome recorded: {len(raised)} issue(s) added.")
        return redirect("engagement:event", pk=event.pk)
    context = {"event": event, "form": form, "issues": issues, "raised": event.issues.select_related("ward")}
    return render(request, "engagement/outcome.html", context, status=400 if form.is_bound else 200)


def _wards_of(event: Event) -> Any:
    named = event.wards.all()
    return named if named.exists() else event.cluster.wards.all()


@require_POST
@role_required(*ENGAGEMENT_PLANNERS)
def issue_priority(request: HttpRequest, pk: int) -> HttpResponseBase:
    issue, can_change = get_issue_for_user(request, pk)
    if not can_change:
        raise PermissionDenied("Only officers of the event's cluster and supervisors make its issues priorities.")
    refusal = issue.event.outcome_refusal(timezone.now())
    if refusal:
        messages.error(request, f"Not made a ward priority. {refusal}")
        return redirect("engagement:event", pk=issue.event_id)
    priority = services.priority_from_issue(request, issue)
    messages.success(request, f"A priority of {priority.ward.name} ward, waiting for a supervisor to publish it.")
    return redirect("engagement:event", pk=issue.event_id)


@require_POST
@role_required(*PROBLEM_OWNERS)
def issue_problem(request: HttpRequest, pk: int) -> HttpResponseBase:
    issue, can_change = get_issue_for_user(request, pk)
    if not can_change:
        raise PermissionDenied("Only officers of the event's cluster open SARA problems from its issues.")
    problem = services.problem_from_issue(request, issue)
    messages.success(request, f"SARA problem “{problem.title}” opened at Scanning, owned by you.")
    return redirect("problems:detail", pk=problem.pk)


@role_required(*ENGAGEMENT_PLANNERS)
def priorities(request: HttpRequest) -> HttpResponse:
    rows = Priority.objects.visible_to(request.user).select_related("ward", "published_by", "event")
    shown = request.GET.get("show", "all")
    if shown == "drafts":
        rows = rows.filter(published=False)
    elif shown == "published":
        rows = rows.filter(published=True)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "shown": shown, "can_publish": has_role(request.user, *PRIORITY_PUBLISHERS)}
    return render(request, "engagement/priorities.html", {**context, "query": f"show={shown}"})


@role_required(*ENGAGEMENT_PLANNERS)
def priority_edit(request: HttpRequest, pk: int) -> HttpResponse:
    priority, can_change = get_priority_for_user(request, pk)
    if not can_change:
        raise PermissionDenied("Only officers of the ward's cluster and supervisors change its priorities.")
    form = PriorityForm(request.POST or None, instance=priority)
    can_publish = has_role(request.user, *PRIORITY_PUBLISHERS)
    if request.method == "POST" and form.is_valid():
        if request.POST.get("publish"):  # the "Save and publish" button (the form has a field named "action")
            services.save_and_publish_priority(request, form.save(commit=False))
            messages.success(request, f"Saved and published on the public page of {priority.ward.name} ward.")
        else:
            services.save_priority(request, form.save(commit=False))
            messages.success(request, f"Saved the priority of {priority.ward.name} ward.")
        return redirect("engagement:priorities")
    context = {"form": form, "priority": priority, "can_publish": can_publish}
    return render(request, "engagement/priority_form.html", context, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
@role_required(*PRIORITY_PUBLISHERS)
def priority_publish(request: HttpRequest, pk: int) -> HttpResponseBase:
    """GET: what publishing (or withdrawing) will show or hide, and a button to do it; POST: done."""
    priority, _ = get_priority_for_user(request, pk)
    if request.method == "GET":
        return render(request, "engagement/priority_publish.html", {"priority": priority})
    if request.POST.get("withdraw"):
        services.withdraw_priority(priority, request.user, request=request)
        messages.success(request, f"Withdrawn from the public page of {priority.ward.name} ward.")
    else:
        services.publish_priority(priority, request.user, request=request)
        messages.success(request, f"Published on the public page of {priority.ward.name} ward.")
    return redirect("engagement:priorities")
