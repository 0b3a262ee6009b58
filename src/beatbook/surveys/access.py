"""The one way to a survey or a wave: through `Survey.objects.visible_to(user)` (else 404)."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from beatbook.core.access import get_for_user
from beatbook.core.roles import SURVEY_BUILDERS, has_role
from beatbook.surveys.models import Survey, Wave


def get_survey_for_user(request: HttpRequest, pk: int) -> tuple[Survey, bool]:
    """The survey and whether the user may change it (add questions, waves, invitations)."""
    survey: Survey = get_for_user(request, Survey.objects.all(), pk)
    return survey, has_role(request.user, *SURVEY_BUILDERS)


def get_wave_for_user(request: HttpRequest, pk: int) -> tuple[Wave, bool]:
    wave = Wave.objects.filter(pk=pk).select_related("survey").first()
    if wave is None:
        raise Http404(f"No wave with id {pk!r} that you may see.")
    survey, can_change = get_survey_for_user(request, wave.survey_id)
    return wave, can_change
