"""The Community Profile in the web UI: a form to pick the year, the profile as a page, and the PDF
download. Every profile shown or downloaded is written to the audit log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from beatbook.core import audit
from beatbook.core.access import role_required
from beatbook.core.models import AuditAction
from beatbook.core.roles import REPORT_READERS
from beatbook.reports import render as files
from beatbook.reports.forms import ProfileForm
from beatbook.reports.profile import CommunityProfile, community_profile

OBJECT_TYPE = "reports.community_profile"


def _audit(request: HttpRequest, profile: CommunityProfile, fmt: str, size: int) -> None:
    year = profile.year
    audit.record(
        request,
        AuditAction.EXPORT if fmt == "pdf" else AuditAction.VIEW,
        object_type=OBJECT_TYPE,
        object_id=f"{year.force_slug}/{year.year}",
        object_repr=profile.title,
        format=fmt,
        bytes=size,
    )


@role_required(*REPORT_READERS)
def community_profile_page(request: HttpRequest) -> HttpResponse:
    force = settings.BEATBOOK_FORCE
    if "year" not in request.GET:
        return render(request, "reports/community_profile.html", {"form": ProfileForm(force)})
    form = ProfileForm(force, request.GET)
    if not form.is_valid():
        return render(request, "reports/community_profile.html", {"form": form}, status=400)
    profile = community_profile(force, form.cleaned_data["year"])
    user: Any = request.user
    made_for = user.get_full_name() or user.get_username()
    if form.cleaned_data["format"] == "pdf":
        body = files.render(profile, "pdf", made_for)
        _audit(request, profile, "pdf", len(body))
        response = HttpResponse(body, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{files.filename(profile, "pdf")}"'
        return response
    context: dict[str, Any] = {"form": form, "profile": profile, "pdf_url": _pdf_url(profile)}
    response = render(request, "reports/community_profile.html", context)
    _audit(request, profile, "html", len(response.content))
    return response


def _pdf_url(profile: CommunityProfile) -> str:
    return f"{reverse('reports:community_profile')}?year={profile.year.year}&format=pdf"
