"""The MoPI review queue of safeguarding, school notifications and missing-person briefings: keep a record
with a reason and a new date, or delete its personal data (the skeleton stays for counts; audited)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from beatbook.core import audit, retention
from beatbook.core.access import role_required
from beatbook.core.forms import ReviewForm
from beatbook.core.models import AuditAction
from beatbook.core.roles import SAFEGUARDING_REVIEWERS
from beatbook.safeguarding.reviews import due_for_review, get_reviewable_for_user

PER_PAGE = 25


@role_required(*SAFEGUARDING_REVIEWERS)
def queue(request: HttpRequest) -> HttpResponse:
    audit.record(request, AuditAction.VIEW, object_type="safeguarding.review", listing="due for review")
    page = Paginator(due_for_review(request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "safeguarding/reviews.html", {"page": page})


@role_required(*SAFEGUARDING_REVIEWERS)
def review(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Keep or delete, through core.retention.apply_review: it refuses what the record's own rules refuse (an
    active missing-person briefing) and a record whose personal data is already deleted."""
    found_kind, record = get_reviewable_for_user(request, kind, pk)
    form = ReviewForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            done = retention.apply_review(record, request, form.cleaned_data)
        except retention.ReviewRefused as refused:
            error = str(refused)
        else:
            messages.success(request, f"{found_kind.label}: {done}")
            return redirect("safeguarding:reviews")
    # The page shows the record's summary: every rendering of it is a read.
    audit.record(request, AuditAction.VIEW, record, view="review")
    context = {
        "kind": found_kind,
        "record": record,
        "title": found_kind.title(record),
        "summary": found_kind.summarise(record),
        "record_url": found_kind.url(record),
        "form": form,
        "error": error,
    }
    return render(request, "safeguarding/review.html", context, status=400 if form.is_bound else 200)
