"""The audit log pages, and the error pages every part of beatbook shares."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone

from beatbook.core import audit
from beatbook.core.access import role_required
from beatbook.core.forms import AuditFilterForm
from beatbook.core.models import AuditAction, AuditEvent, AuditEventQuerySet
from beatbook.core.roles import AUDIT_READERS
from beatbook.core.services import csv_lines, filter_events

EVENTS_PER_PAGE = 50
logger = logging.getLogger(__name__)


def _filtered(request: HttpRequest) -> tuple[AuditFilterForm, AuditEventQuerySet]:
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.visible_to(request.user).select_related("user")
    if form.is_valid():
        events = filter_events(events, form.cleaned_data)
    elif form.is_bound:
        events = events.none()
    return form, events


def _filters_given(form: AuditFilterForm) -> dict[str, str]:
    cleaned = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return {name: str(value) for name, value in cleaned.items() if value}


@role_required(*AUDIT_READERS)
def audit_log(request: HttpRequest) -> HttpResponse:
    form, events = _filtered(request)
    filters = _filters_given(form)
    detail: dict[str, Any] = {"filters": filters} if filters else {}
    audit.record(request, AuditAction.SEARCH if filters else AuditAction.VIEW, object_type="core.auditevent", **detail)
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "core/audit_log.html", {"form": form, "page": page, "query": query.urlencode()})


@role_required(*AUDIT_READERS)
def audit_export(request: HttpRequest) -> HttpResponseBase:
    form, events = _filtered(request)
    if form.is_bound and not form.is_valid():
        return render(request, "core/audit_log.html", {"form": form, "page": None, "query": ""}, status=400)
    audit.record(
        request,
        AuditAction.EXPORT,
        object_type="core.auditevent",
        filters=_filters_given(form),
    )
    response = StreamingHttpResponse(csv_lines(events.iterator()), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="beatbook-audit-{stamp}.csv"'
    return response


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.user.is_authenticated:  # someone signed in asked for what their role does not allow
        audit.record(request, AuditAction.REFUSED, status=403)
    return render(request, "403.html", {"reason": str(exception) if str(exception) else ""}, status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """The styled page when it can be drawn; a plain one when drawing it fails too (e.g. no database)."""
    try:
        return render(request, "500.html", status=500)
    except Exception:
        logger.exception("The error page itself failed")
        plain = loader.render_to_string("500-plain.html", {"data_attribution": settings.BEATBOOK_DATA_ATTRIBUTION})
        return HttpResponse(plain, status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
