"""Bike marking: the owner's public form, and officers' search, entry, bike page and counts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from beatbook.bikes import counts as bike_counts
from beatbook.bikes import services
from beatbook.bikes.access import get_bike_for_user
from beatbook.bikes.forms import BikeForm, OwnerBikeForm, SearchForm
from beatbook.bikes.models import Source
from beatbook.core import audit
from beatbook.core.access import role_required
from beatbook.core.models import AuditAction
from beatbook.core.roles import BIKE_COUNT_READERS, BIKE_OWNER_READERS


def register(request: HttpRequest) -> HttpResponse:
    form = OwnerBikeForm(request.POST or None)
    if request.method == "POST":
        if services.too_many_registrations(request):
            form.add_error(None, "Too many bikes registered from this address in the last hour: please try later.")
            return render(request, "bikes/register.html", {"form": form}, status=429)
        if form.is_robot():
            return redirect("bikes:registered")  # told nothing: a robot learns nothing
        if form.is_valid():
            services.register(request, form.save(commit=False), Source.OWNER)
            return redirect("bikes:registered")
    return render(request, "bikes/register.html", {"form": form}, status=400 if form.is_bound else 200)


def registered(request: HttpRequest) -> HttpResponse:
    return render(request, "bikes/registered.html")


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


@role_required(*BIKE_COUNT_READERS)
def counts(request: HttpRequest) -> HttpResponse:
    months, error = _months(request)
    result = bike_counts.counts(settings.BEATBOOK_FORCE, *months) if months else None
    context = {
        "counts": result,
        "error": error,
        "first": request.GET.get("from", ""),
        "last": request.GET.get("to", ""),
    }
    return render(request, "bikes/counts.html", context, status=400 if error else 200)


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
