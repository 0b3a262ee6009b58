"""Supervisors' pages for officers and teams, and the officers' published photos."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control

from beatbook.core.access import role_required
from beatbook.core.roles import WORKFORCE_EDITORS
from beatbook.workforce import services
from beatbook.workforce.access import get_officer_for_user, get_photo_for_user, get_team_for_user
from beatbook.workforce.forms import OfficerForm, TeamForm
from beatbook.workforce.models import Officer, Team

PER_PAGE = 30


@role_required(*WORKFORCE_EDITORS)
def people(request: HttpRequest) -> HttpResponse:
    officers = Officer.objects.visible_to(request.user).of_force(settings.BEATBOOK_FORCE)
    officers = officers.select_related("cluster").prefetch_related("teams").order_by("end_date", "cluster", "name")
    page = Paginator(officers, PER_PAGE).get_page(request.GET.get("page"))
    teams = Team.objects.visible_to(request.user).filter(force__slug=settings.BEATBOOK_FORCE)
    return render(request, "workforce/people.html", {"page": page, "teams": teams})


@role_required(*WORKFORCE_EDITORS)
def officer_new(request: HttpRequest) -> HttpResponse:
    return _edit(request, OfficerForm, Officer(), "officer")


@role_required(*WORKFORCE_EDITORS)
def officer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, OfficerForm, get_officer_for_user(request, pk), "officer")


@role_required(*WORKFORCE_EDITORS)
def team_new(request: HttpRequest) -> HttpResponse:
    return _edit(request, TeamForm, Team(), "team")


@role_required(*WORKFORCE_EDITORS)
def team_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, TeamForm, get_team_for_user(request, pk), "team")


def _edit(request: HttpRequest, form_class: type[ModelForm], record: Officer | Team, kind: str) -> HttpResponse:
    form = form_class(request.POST or None, request.FILES or None, instance=record)
    if request.method == "POST" and form.is_valid():
        adding = record._state.adding
        saved = services.save_record(request, form)
        messages.success(request, f"{'Added' if adding else 'Saved'}: {saved}.")
        return redirect("workforce:people")
    context = {"form": form, "record": record, "kind": kind}
    return render(request, "workforce/edit.html", context, status=400 if form.is_bound else 200)


@cache_control(max_age=300)  # a withdrawn photo stops being served within minutes
def photo(request: HttpRequest, pk: int) -> HttpResponse:
    """Served from our own storage (no other host), only as `get_photo_for_user` allows. Read whole and
    closed at once: a re-encoded photo is small (photos.SIDE pixels at most)."""
    officer = get_photo_for_user(request, pk)
    with officer.photo.open("rb") as file:
        return HttpResponse(file.read(), content_type="image/jpeg")


@role_required(*WORKFORCE_EDITORS)
def officer_delete(request: HttpRequest, pk: int) -> HttpResponse:
    return _delete(request, get_officer_for_user(request, pk), "officer")


@role_required(*WORKFORCE_EDITORS)
def team_delete(request: HttpRequest, pk: int) -> HttpResponse:
    return _delete(request, get_team_for_user(request, pk), "team")


def _delete(request: HttpRequest, record: Officer | Team, kind: str) -> HttpResponse:
    """Ask first; refuse, and say why, while records name it (an officer who left is ended by end date)."""
    pointing = services.records_pointing_at(record)
    if request.method == "POST" and not pointing:
        services.delete_record(request, record)
        messages.success(request, f"Deleted: {record}.")
        return redirect("workforce:people")
    members = record.officers.count() if isinstance(record, Team) else 0
    context = {"record": record, "kind": kind, "pointing": pointing, "members": members}
    return render(request, "workforce/delete.html", context, status=409 if request.method == "POST" else 200)
