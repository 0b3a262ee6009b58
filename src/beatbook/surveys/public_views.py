"""Answering a survey: no account, one response per invitation link, or open waves within a rate limit."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from beatbook.core.audit import client_ip
from beatbook.geography.models import Ward
from beatbook.surveys.forms import ResponseForm
from beatbook.surveys.models import Access, Invitation, SurveyKind, Wave
from beatbook.surveys.services import ResponseRefused, Submitted, invitation_from_token, take_response


@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    """An open wave of an open survey (victim feedback is never open)."""
    wave = get_object_or_404(
        Wave.objects.select_related("survey").exclude(survey__kind=SurveyKind.VICTIM), pk=pk, survey__access=Access.OPEN
    )
    return _answer(request, wave, None)


@require_http_methods(["GET", "POST"])
def invited(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_from_token(token)
    if invitation is None:
        raise Http404("This survey link is not valid: please check it was copied in full.")
    return _answer(request, invitation.wave, invitation)


def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/thanks.html")


def _answer(request: HttpRequest, wave: Wave, invitation: Invitation | None) -> HttpResponse:
    wards = Ward.objects.of_force(settings.BEATBOOK_FORCE).order_by("name")
    refusal = _refusal(wave, invitation)
    form = ResponseForm(request.POST if request.method == "POST" else None, survey=wave.survey, wards=wards)
    if request.method == "POST" and refusal is None:
        if form.is_valid() and form.is_robot():
            return redirect("surveys:thanks")  # a bot filled the hidden field: it is told nothing
        if form.is_valid():
            submitted = Submitted(form.cleaned_data["ward"], form.cleaned_data["group"], form.answers(), form.contact())
            try:
                take_response(wave, submitted, invitation, client_ip(request))
            except ResponseRefused as refused:
                refusal = str(refused)
            else:
                return redirect("surveys:thanks")
    status = 400 if request.method == "POST" else 200
    return render(request, "surveys/respond.html", {"wave": wave, "form": form, "refusal": refusal}, status=status)


def _refusal(wave: Wave, invitation: Invitation | None) -> str | None:
    if not wave.is_open():
        return f"This survey is closed: it was open from {wave.opens:%d %B %Y} to {wave.closes:%d %B %Y}."
    if invitation is not None and invitation.used is not None:
        return "This invitation has already been used: each link takes one response. Thank you for answering."
    return None
