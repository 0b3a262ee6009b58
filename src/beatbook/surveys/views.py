"""The survey builder and the results, for staff (core/roles.py names who)."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from beatbook.core import audit
from beatbook.core.access import role_required
from beatbook.core.models import AuditAction
from beatbook.core.roles import (
    SURVEY_BUILDERS,
    SURVEY_CONTACT_READERS,
    SURVEY_READERS,
    SURVEY_VICTIM_READERS,
    has_role,
)
from beatbook.surveys import services
from beatbook.surveys.access import get_survey_for_user, get_wave_for_user
from beatbook.surveys.charts import results_chart
from beatbook.surveys.export import result_lines
from beatbook.surveys.forms import InvitationForm, QuestionForm, SurveyForm, WaveForm
from beatbook.surveys.models import FollowUpContact, Survey
from beatbook.surveys.results import survey_results


@role_required(*SURVEY_READERS)
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    surveys = Survey.objects.visible_to(request.user).prefetch_related("waves")
    page = Paginator(surveys, 25).get_page(request.GET.get("page"))
    can_build = has_role(request.user, *SURVEY_BUILDERS)
    return render(request, "surveys/index.html", {"page": page, "can_build": can_build})


@role_required(*SURVEY_BUILDERS)
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    victims = has_role(request.user, *SURVEY_VICTIM_READERS)
    form = SurveyForm(request.POST if request.method == "POST" else None, may_make_victim_surveys=victims)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        survey = services.create_survey(
            d["title"], d["kind"], d["access"], d["introduction"], request.user, d["standard"]
        )
        audit.record(request, AuditAction.CREATE, survey)
        messages.success(
            request, f"Survey “{survey}” created with {survey.questions.count()} questions. Add a wave to open it."
        )
        return redirect("surveys:detail", pk=survey.pk)
    return render(request, "surveys/create.html", {"form": form}, status=400 if form.errors else 200)


@role_required(*SURVEY_READERS)
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey, can_change = get_survey_for_user(request, pk)
    return _detail(request, survey, can_change, QuestionForm(), WaveForm())


def _detail(
    request: HttpRequest, survey: Survey, can_change: bool, qform: QuestionForm, wform: WaveForm
) -> HttpResponse:
    context = {
        "survey": survey,
        "can_change": can_change,
        "question_form": qform,
        "wave_form": wform,
        "invitation_form": InvitationForm(),
        "waves": survey.waves.order_by("opens"),
        "can_read_contacts": has_role(request.user, *SURVEY_CONTACT_READERS),
    }
    return render(request, "surveys/detail.html", context, status=400 if qform.errors or wform.errors else 200)


@role_required(*SURVEY_BUILDERS)
@require_POST
def add_question(request: HttpRequest, pk: int) -> HttpResponse:
    survey, _ = get_survey_for_user(request, pk)
    form = QuestionForm(request.POST)
    if not form.is_valid():
        return _detail(request, survey, True, form, WaveForm())
    d = form.cleaned_data
    question = services.add_question(survey, d["kind"], d["text"], d["choices"], d["favourable"])
    audit.record(request, AuditAction.CHANGE, survey, question=question.text)
    messages.success(request, f"Question added: “{question.text}”.")
    return redirect("surveys:detail", pk=survey.pk)


@role_required(*SURVEY_BUILDERS)
@require_POST
def add_wave(request: HttpRequest, pk: int) -> HttpResponse:
    survey, _ = get_survey_for_user(request, pk)
    form = WaveForm(request.POST)
    if not form.is_valid():
        return _detail(request, survey, True, QuestionForm(), form)
    wave = form.save(commit=False)
    wave.survey = survey
    wave.stamp(request.user)
    wave.save()
    audit.record(request, AuditAction.CREATE, wave)
    messages.success(request, f"Wave “{wave.name}” added: open {wave.opens:%d %b %Y} to {wave.closes:%d %b %Y}.")
    return redirect("surveys:detail", pk=survey.pk)


@role_required(*SURVEY_BUILDERS)
@require_POST
def invitations(request: HttpRequest, pk: int) -> HttpResponse:
    """New single-use links, shown once (they are not stored: only their invitation's id is signed)."""
    wave, _ = get_wave_for_user(request, pk)
    form = InvitationForm(request.POST)
    if not form.is_valid():
        return render(request, "surveys/invitations.html", {"wave": wave, "form": form, "links": []}, status=400)
    tokens = services.make_invitations(wave, form.cleaned_data["count"])
    audit.record(request, AuditAction.CREATE, wave, invitations=len(tokens))
    links = [request.build_absolute_uri(reverse("surveys:invited", args=[t])) for t in tokens]
    return render(request, "surveys/invitations.html", {"wave": wave, "form": form, "links": links})


@role_required(*SURVEY_READERS)
@require_GET
def results(request: HttpRequest, pk: int) -> HttpResponse:
    survey, _ = get_survey_for_user(request, pk)
    found = survey_results(survey)
    has_data = any(found.responses)
    context = {"survey": survey, "results": found, "has_data": has_data, "chart": "", "chart_narrow": ""}
    if has_data and found.questions:
        title = f"{survey.title}: all respondents"
        context |= {"chart": results_chart(found, title), "chart_narrow": results_chart(found, title, narrow=True)}
    return render(request, "surveys/results.html", context)


@role_required(*SURVEY_READERS)
@require_GET
def results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The aggregates only (never a response): one line per question, breakdown, group and wave."""
    survey, _ = get_survey_for_user(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-results.csv"'
    csv.writer(response).writerows(result_lines(survey_results(survey)))
    audit.record(request, AuditAction.EXPORT, survey)
    return response


@role_required(*SURVEY_CONTACT_READERS)
@require_GET
def contacts(request: HttpRequest, pk: int) -> HttpResponse:
    """Respondents who asked to be contacted: personal data, so each reading is audited."""
    survey, _ = get_survey_for_user(request, pk)
    rows = FollowUpContact.objects.filter(response__wave__survey=survey).select_related(
        "response__wave", "response__ward"
    )
    page = Paginator(rows.order_by("-response__submitted"), 50).get_page(request.GET.get("page"))
    audit.record(request, AuditAction.VIEW, survey, personal_data="follow-up contacts", page=page.number)
    return render(request, "surveys/contacts.html", {"survey": survey, "page": page})
