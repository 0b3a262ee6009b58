"""Safeguarding pages: the repeat register, a person's incidents, counts by ward, DASH and MARAC, ASB
Case Reviews. Every page is audited; pages with personal data are the safeguarding role's only."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from beatbook.core import audit
from beatbook.core.access import role_required
from beatbook.core.models import AuditAction
from beatbook.core.roles import SAFEGUARDING_COUNT_READERS, SAFEGUARDING_OWNERS
from beatbook.safeguarding import dash, services
from beatbook.safeguarding.access import (
    get_assessment_for_user,
    get_case_review_for_user,
    get_person_incidents_for_user,
)
from beatbook.safeguarding.forms import CaseReviewApplicationForm, CaseReviewMeetingForm, DashForm
from beatbook.safeguarding.models import CaseReview, DashAssessment, Incident, IncidentLog, MaracReferral

PER_PAGE = 25


def _page(request: HttpRequest, items: Any) -> Any:
    return Paginator(items, PER_PAGE).get_page(request.GET.get("page"))


def _listing(request: HttpRequest, items: list[Any], param: str) -> dict[str, Any]:
    """One of the register's lists, paged by its own parameter; its page links keep every other one."""
    others = request.GET.copy()
    others.pop(param, None)
    page = Paginator(items, PER_PAGE).get_page(request.GET.get(param))
    return {"page": page, "param": param, "query": others.urlencode()}


def _context(**extra: Any) -> dict[str, Any]:
    """What every page of the app needs: whether the log is synthetic (the banner) and the windows."""
    least, days = services.window()
    return {"synthetic": services.is_synthetic_shown(), "least": least, "days": days, **extra}


@role_required(*SAFEGUARDING_OWNERS)
def register(request: HttpRequest) -> HttpResponse:
    incidents = Incident.objects.visible_to(request.user)
    audit.record(request, AuditAction.VIEW, object_type="safeguarding.register")
    context = _context(
        victims=_listing(request, services.repeat_register(incidents, "victim"), "victims"),
        callers=_listing(request, services.repeat_register(incidents, "caller"), "callers"),
        candidates=_listing(request, services.case_review_candidates(incidents), "candidates"),
        rule=services.case_review_rule(),
        as_of=services.as_of(),
        log=IncidentLog.objects.first(),
    )
    return render(request, "safeguarding/register.html", context)


@role_required(*SAFEGUARDING_OWNERS)
def person(request: HttpRequest, pseudonym: str) -> HttpResponse:
    incidents = get_person_incidents_for_user(request, pseudonym)
    audit.record(request, AuditAction.VIEW, object_type="safeguarding.person", object_id=pseudonym)
    context = _context(
        pseudonym=pseudonym,
        incidents=incidents,
        assessments=DashAssessment.objects.visible_to(request.user).filter(victim=pseudonym),
        reviews=CaseReview.objects.visible_to(request.user).filter(person=pseudonym),
        synthetic=any(i.synthetic for i in incidents),
    )
    return render(request, "safeguarding/person.html", context)


@role_required(*SAFEGUARDING_COUNT_READERS)
def counts(request: HttpRequest) -> HttpResponse:
    """Repeat victims and callers by ward: counts only, for everyone who directs patrols."""
    audit.record(request, AuditAction.VIEW, object_type="safeguarding.counts")
    rows = services.repeat_counts_by_ward(Incident.objects.all())
    return render(request, "safeguarding/counts.html", _context(rows=rows, as_of=services.as_of()))


@role_required(*SAFEGUARDING_OWNERS)
def dash_new(request: HttpRequest) -> HttpResponse:
    form = DashForm(request.POST or None, initial={"victim": request.GET.get("victim", "")[:64]})
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "safeguarding/dash_form.html", _dash_context(form), status=400)
        assessment = services.assess(request, form.cleaned_data)
        level = assessment.get_final_level_display()
        referred = " and referred to the MARAC" if hasattr(assessment, "marac_referral") else ""
        messages.success(request, f"Assessment stored: score {assessment.score}, {level} risk{referred}.")
        return redirect("safeguarding:dash", pk=assessment.pk)
    return render(request, "safeguarding/dash_form.html", _dash_context(form))


def _dash_context(form: DashForm) -> dict[str, Any]:
    return _context(form=form, dash_wording=dash.wording_note())


@role_required(*SAFEGUARDING_OWNERS)
def dash_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request, pk)
    audit.record(request, AuditAction.VIEW, assessment)
    answers = [(n, q, assessment.answers.get(str(n), "")) for n, q in enumerate(dash.questions(), start=1)]
    referral = getattr(assessment, "marac_referral", None)
    context = _context(assessment=assessment, answers=answers, referral=referral, synthetic=assessment.synthetic)
    return render(request, "safeguarding/dash_detail.html", context)


@role_required(*SAFEGUARDING_OWNERS)
def marac(request: HttpRequest) -> HttpResponse:
    audit.record(request, AuditAction.VIEW, object_type="safeguarding.maracreferral")
    referrals = MaracReferral.objects.visible_to(request.user).select_related("assessment", "case")
    synthetic = referrals.filter(assessment__synthetic=True).exists()
    return render(request, "safeguarding/marac.html", _context(page=_page(request, referrals), synthetic=synthetic))


@role_required(*SAFEGUARDING_OWNERS)
def case_review_apply(request: HttpRequest) -> HttpResponse:
    form = CaseReviewApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        review = services.apply_for_case_review(request, form.cleaned_data["person"], form.cleaned_data["applied_on"])
        met = "meets" if review.threshold_met else "does not meet"
        messages.success(request, f"Application recorded: the log {met} the local threshold.")
        return redirect("safeguarding:case_review", pk=review.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "safeguarding/case_review_apply.html", _context(form=form), status=status)


@role_required(*SAFEGUARDING_OWNERS)
def case_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The review; POST records its meeting and outcome (refused once closed or deleted at review)."""
    review = get_case_review_for_user(request, pk)
    form = CaseReviewMeetingForm(request.POST or None, review=review, initial=_meeting_initial(review))
    if request.method == "POST":
        if form.is_valid():
            services.record_case_review_meeting(request, review, **form.cleaned_data)
            messages.success(request, "The review meeting is recorded.")
            return redirect("safeguarding:case_review", pk=review.pk)
        return render(request, "safeguarding/case_review.html", _context(review=review, form=form), status=400)
    audit.record(request, AuditAction.VIEW, review)
    return render(
        request, "safeguarding/case_review.html", _context(review=review, form=form, synthetic=review.synthetic)
    )


def _meeting_initial(review: CaseReview) -> dict[str, Any]:
    """A meeting recorded while the review continues: its form keeps what was recorded, for the outcome."""
    return {"meeting_on": review.meeting_on, "partners_present": review.partners_present, "outcome": review.outcome}
