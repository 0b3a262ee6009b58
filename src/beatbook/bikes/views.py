"""Bike marking: the owner's public form, and officers' search, entry, bike page and counts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from beatbook.bikes import counts as bike_counts
from beatbook.bikes import services
from beatbook.bikes.access import get_bike_for_user
from beatbook.bikes.forms import BikeForm, DeleteForm, OwnerBikeForm, SearchForm
from beatbook.bikes.models import Source
from beatbook.core import audit, charts
from beatbook.core.access import role_required
from beatbook.core.models import AuditAction
from beatbook.core.roles import BIKE_COUNT_READERS, BIKE_EDITORS, BIKE_OWNER_READERS

#: Where the thank-you page finds the bike just registered, in the owner's session.
REGISTERED_KEY = "bikes.registered"


def register(request: HttpRequest) -> HttpResponse:
    form = OwnerBikeForm(request.POST or None)
    if request.method == "POST":
        if services.too_many_registrations(request):
            form.add_error(None, "Too many bikes registered from this address in the last hour: please try later.")
            return render(request, "bikes/register.html", {"form": form}, status=429)
        if form.is_robot():
            return redirect("bikes:registered")  # told nothing: a robot learns nothing
        if form.is_valid():
            bike = services.register(request, form.save(commit=False), Source.OWNER)
            # For the thank-you page only (the owner's own session): the codes to keep, no personal data.
            request.session[REGISTERED_KEY] = {"marking_code": bike.marking_code, "frame_number": bike.frame_number}
            return redirect("bikes:registered")
    return render(request, "bikes/register.html", {"form": form}, status=400 if form.is_bound else 200)


def registered(request: HttpRequest) -> HttpResponse:
    """Thanks, repeating the bike's marking code and frame number (once: read from the session)."""
    return render(request, "bikes/registered.html", {"bike": request.session.pop(REGISTERED_KEY, None)})


@role_required(*BIKE_OWNER_READERS)
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        context["found"] = services.search(request, form.cleaned_data["q"])
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "bikes/search.html", context, status=status)


@role_required(*BIKE_OWNER_READERS)
def new(request: HttpRequest) -> HttpResponse:
    form = BikeForm(request.POST or None, initial={"event": request.GET.get("event")})
    if request.method == "POST" and form.is_valid():
        bike = services.register(request, form.save(commit=False), Source.OFFICER)
        messages.success(request, f"Bike {bike.marking_code} registered.")
        return redirect("bikes:new")
    return render(request, "bikes/new.html", {"form": form}, status=400 if form.is_bound else 200)


@role_required(*BIKE_OWNER_READERS)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    bike = get_bike_for_user(request, pk)
    audit.record(request, AuditAction.VIEW, bike)  # the owner's name and contact details are personal data
    return render(request, "bikes/detail.html", {"bike": bike})


@role_required(*BIKE_EDITORS)
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    bike = get_bike_for_user(request, pk)
    form = BikeForm(request.POST if request.method == "POST" else None, instance=bike)
    if request.method == "POST" and form.is_valid():
        services.change(request, form)
        messages.success(request, f"Bike {bike.marking_code} saved.")
        return redirect("bikes:detail", bike.pk)
    if not form.is_bound:
        audit.record(request, AuditAction.VIEW, bike)  # the form shows the owner's details
    return render(request, "bikes/edit.html", {"form": form, "bike": bike}, status=400 if form.is_bound else 200)


@role_required(*BIKE_EDITORS)
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page (GET), then the deletion (POST) with its reason."""
    bike = get_bike_for_user(request, pk)
    form = DeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        code = bike.marking_code
        services.delete(request, bike, form.cleaned_data["reason"])
        messages.success(request, f"Bike {code} and its owner's details deleted.")
        return redirect("bikes:search")
    return render(request, "bikes/delete.html", {"form": form, "bike": bike}, status=400 if form.is_bound else 200)


@role_required(*BIKE_COUNT_READERS)
def counts(request: HttpRequest) -> HttpResponse:
    months, error = _months(request)
    result = bike_counts.counts(settings.BEATBOOK_FORCE, *months) if months else None
    context = {
        "counts": result,
        "chart": _chart(result) if result else "",
        "error": error,
        "first": request.GET.get("from", ""),
        "last": request.GET.get("to", ""),
    }
    return render(request, "bikes/counts.html", context, status=400 if error else 200)


def _chart(result: bike_counts.Counts) -> str:
    labels = [f"{row.month:%b %Y}" for row in result.months]
    return charts.counts_beside_chart(
        labels,
        ("Bikes marked", [row.bikes_marked for row in result.months]),
        ("Bicycle thefts", [row.bicycle_thefts for row in result.months]),
        "Bikes marked and bicycle thefts per month",
    )


def _months(request: HttpRequest) -> tuple[Any, str]:
    """The months asked for (from, to as YYYY-MM), else those of the bikes marked; and an error, if any."""
    default = bike_counts.default_months()
    try:
        first = bike_counts.parse_month(request.GET["from"]) if request.GET.get("from") else None
        last = bike_counts.parse_month(request.GET["to"]) if request.GET.get("to") else None
    except ValueError as error:
        return default, f"Months: {error}"
    first = first or (default[0] if default else last)
    last = last or (default[1] if default else first)
    if first and last and last < first:
        return default, "Months: “to” is before “from”."
    return ((first, last) if first and last else None), ""
