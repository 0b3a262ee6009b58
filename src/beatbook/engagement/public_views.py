"""Public engagement pages: events per force, ward and cluster, an event's page, and calendar feeds."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from beatbook.core.roles import ENGAGEMENT_PLANNERS, PROBLEM_OWNERS, has_role
from beatbook.engagement.access import get_event_for_user
from beatbook.engagement.ical import calendar_of
from beatbook.engagement.public import public_events
from beatbook.geography.models import Cluster, Force, Ward

PER_PAGE = 20
FEED_DAYS_BACK = 90  # a feed keeps recent past events, so a calendar does not lose what it showed


def events(request: HttpRequest) -> HttpResponse:
    rows = public_events().filter(cluster__sector__force__slug=_force())
    return _listing(request, f"{_force_name()} events", rows, {})


def ward_events(request: HttpRequest, slug: str) -> HttpResponse:
    ward = _ward(slug)
    return _listing(request, f"Police events in {ward.name} ward", public_events().for_ward(ward), {"ward": ward})


def cluster_events(request: HttpRequest, code: str) -> HttpResponse:
    cluster = _cluster(code)
    rows = public_events().filter(cluster=cluster)
    return _listing(request, f"Police events in {cluster.name} cluster", rows, {"cluster": cluster})


def _listing(request: HttpRequest, heading: str, rows: Any, context: dict[str, Any]) -> HttpResponse:
    upcoming = rows.upcoming(timezone.now())
    page = Paginator(upcoming, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "engagement/events.html", {"heading": heading, "page": page, **context})


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event, can_change = get_event_for_user(request, pk)
    context: dict[str, Any] = {"event": event, "can_change": can_change, "wards": event.ward_list()}
    if has_role(request.user, *ENGAGEMENT_PLANNERS):
        context["raised"] = event.issues.select_related("ward", "priority", "problem")
        context["can_open_problem"] = can_change and has_role(request.user, *PROBLEM_OWNERS)
        context["outcome_refusal"] = event.outcome_refusal(timezone.now())
    return render(request, "engagement/event.html", context)


def force_calendar(request: HttpRequest) -> HttpResponse:
    rows = public_events().filter(cluster__sector__force__slug=_force())
    return _feed(request, rows, _force_name(), "events")


def ward_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    ward = _ward(slug)
    return _feed(request, public_events().for_ward(ward), f"{ward.name} ward: police events", f"events-{ward.slug}")


def cluster_calendar(request: HttpRequest, code: str) -> HttpResponse:
    cluster = _cluster(code)
    rows = public_events().filter(cluster=cluster)
    return _feed(request, rows, f"{cluster.name} cluster: police events", f"events-{cluster.code}")


def _feed(request: HttpRequest, rows: Any, name: str, filename: str) -> HttpResponse:
    since = timezone.now() - timedelta(days=FEED_DAYS_BACK)
    body = calendar_of(rows.filter(end__gte=since).order_by("start"), name, request.build_absolute_uri("/")[:-1])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


def _force() -> str:
    return settings.BEATBOOK_FORCE


def _force_name() -> str:
    force = Force.objects.configured()
    return force.name if force else "the force"


def _ward(slug: str) -> Ward:
    return get_object_or_404(Ward.objects.of_force(_force()).select_related("cluster"), slug=slug)


def _cluster(code: str) -> Cluster:
    return get_object_or_404(Cluster.objects.filter(sector__force__slug=_force()), code=code)
