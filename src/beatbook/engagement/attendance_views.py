"""Requests for police attendance: the public form, and the Business team's queue."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from beatbook.core import audit
from beatbook.core.access import role_required
from beatbook.core.models import AuditAction
from beatbook.core.roles import ATTENDANCE_HANDLERS
from beatbook.engagement import attendance
from beatbook.engagement.access import get_request_for_user
from beatbook.engagement.forms import AcceptForm, AssignForm, AttendanceRequestForm, DeclineForm
from beatbook.engagement.models import AttendanceRequest, RequestStatus
from beatbook.workforce.models import works_attendance_queue

PER_PAGE = 25


def queue_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """The handlers' roles, and then membership of a team that handles requests (or a supervisor)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not works_attendance_queue(request.user):
            raise PermissionDenied("The requests for attendance are worked by the Business team and supervisors.")
        return view(request, *args, **kwargs)

    return role_required(*ATTENDANCE_HANDLERS)(wrapper)


def request_attendance(request: HttpRequest) -> HttpResponse:
    form = AttendanceRequestForm(request.POST or None)
    if request.method == "POST":
        if attendance.too_many_requests(request):
            form.add_error(None, "Too many requests from this address in the last hour: please try again later.")
            return render(request, "engagement/request_form.html", {"form": form}, status=429)
        if form.is_robot():
            return redirect("engagement:request_sent")  # told nothing: a robot learns nothing
        if form.is_valid():
            attendance.submit_request(request, form.save(commit=False))
            return redirect("engagement:request_sent")
    return render(request, "engagement/request_form.html", {"form": form}, status=400 if form.is_bound else 200)


def request_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "engagement/request_sent.html")


@queue_required
def request_queue(request: HttpRequest) -> HttpResponse:
    rows = AttendanceRequest.objects.visible_to(request.user).select_related("assigned_to")
    shown = request.GET.get("show", "open")
    rows = rows.open() if shown == "open" else rows.order_by("-date", "-pk")
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "engagement/requests.html", {"page": page, "shown": shown, "query": f"show={shown}"})


@queue_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_request_for_user(request, pk)
    audit.record(request, AuditAction.VIEW, item)  # the requester's contact details are personal data
    return _detail(request, item)


def _detail(request: HttpRequest, item: AttendanceRequest, status: int = 200, **forms: object) -> HttpResponse:
    initial = {"officer": item.assigned_to_id}
    context = {
        "item": item,
        "open": item.status in (RequestStatus.NEW, RequestStatus.ASSIGNED),
        "assign_form": forms.get("assign_form") or AssignForm(initial=initial, prefix="assign"),
        "accept_form": forms.get("accept_form") or AcceptForm(initial=initial, prefix="accept"),
        "decline_form": forms.get("decline_form") or DeclineForm(prefix="decline"),
    }
    return render(request, "engagement/request.html", context, status=status)


@require_POST
@queue_required
def request_assign(request: HttpRequest, pk: int) -> HttpResponseBase:
    item = get_request_for_user(request, pk)
    form = AssignForm(request.POST, prefix="assign")
    if not form.is_valid():
        return _detail(request, item, 400, assign_form=form)
    return _decided(request, item, lambda: attendance.assign_request(request, item, form.cleaned_data["officer"]))


@require_POST
@queue_required
def request_accept(request: HttpRequest, pk: int) -> HttpResponseBase:
    item = get_request_for_user(request, pk)
    form = AcceptForm(request.POST, prefix="accept")
    if not form.is_valid():
        return _detail(request, item, 400, accept_form=form)
    data = form.cleaned_data
    return _decided(
        request,
        item,
        lambda: attendance.accept_request(request, item, data["officer"], data["event_type"], data["cluster"]),
    )


@require_POST
@queue_required
def request_decline(request: HttpRequest, pk: int) -> HttpResponseBase:
    item = get_request_for_user(request, pk)
    form = DeclineForm(request.POST, prefix="decline")
    if not form.is_valid():
        return _detail(request, item, 400, decline_form=form)
    return _decided(request, item, lambda: attendance.decline_request(request, item, form.cleaned_data["reason"]))


def _decided(request: HttpRequest, item: AttendanceRequest, decide: Callable[[], object]) -> HttpResponseBase:
    try:
        decide()
    except attendance.AlreadyDecided as refused:
        messages.error(request, str(refused))
        return redirect("engagement:request", pk=item.pk)
    item.refresh_from_db()
    messages.success(request, f"Request of {item.organisation}: {item.get_status_display().lower()}.")
    if item.status == RequestStatus.ACCEPTED and item.event_id:
        return redirect("engagement:event", pk=item.event_id)
    return redirect("engagement:requests")
