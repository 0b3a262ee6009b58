"""A confidence survey with the standard questions and a wave open today."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from beatbook.surveys.models import Access, SurveyKind, Wave
from beatbook.surveys.services import Submitted, create_survey


@pytest.fixture
def survey(personas):
    return create_survey("City confidence", SurveyKind.CONFIDENCE, Access.OPEN, "", personas["analyst"])


@pytest.fixture
def wave(survey):
    today = timezone.localdate()
    return Wave.objects.create(
        survey=survey, name="Now", opens=today - dt.timedelta(days=1), closes=today + dt.timedelta(days=30)
    )


def answers_for(survey, choice_of_first: str) -> dict[int, str]:
    """The first question (good job) answered with `choice_of_first`, the rest left blank."""
    first = survey.questions.order_by("position").first()
    return {first.pk: choice_of_first}


def submitted(survey, ward, group: str = "resident", good_job: str = "Good", contact=None) -> Submitted:
    return Submitted(ward, group, answers_for(survey, good_job), contact)
