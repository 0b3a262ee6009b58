"""Professional judgement raises a DASH level, never lowers it: a high score is always referred to the MARAC."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.utils import timezone

from beatbook.safeguarding import services
from beatbook.safeguarding.models import DashAssessment, MaracReferral
from tests.safeguarding.conftest import PERSON, repeat_person
from tests.safeguarding.test_pages import dash_answers

pytestmark = pytest.mark.django_db
REFUSED = "Professional judgement can only raise the level"


@pytest.fixture
def client(personas):
    repeat_person(personas.cluster_a.wards.first())
    return personas.client("safeguarding")


def _post(client, yes: int, override: str):
    form = {"victim": PERSON, "override_level": override, "override_reason": "Judgement", **dash_answers(yes)}
    return client.post("/safeguarding/dash/new/", form)


@pytest.mark.parametrize(
    ("yes", "override"),
    [(9, "standard"), (10, "standard"), (10, "medium"), (13, "medium"), (14, "medium"), (14, "high"), (16, "medium")],
)
def test_a_judgement_that_does_not_raise_the_level_is_refused_naming_the_field(client, yes, override):
    response = _post(client, yes, override)
    assert response.status_code == 400 and REFUSED in response.text
    assert "Professional judgement</label>" in response.text.split(REFUSED)[0].rsplit('<div class="field">', 1)[1]
    assert not DashAssessment.objects.exists() and not MaracReferral.objects.exists()


def test_score_16_with_medium_judgement_is_refused_as_the_reviewer_found_it(client):
    response = _post(client, 16, "medium")
    assert "the score (16) gives High, so Medium would not raise it" in response.text


@pytest.mark.parametrize(
    ("yes", "override", "referred"),
    [(9, "medium", False), (9, "high", True), (10, "high", True), (13, "high", True)],
)
def test_a_judgement_that_raises_the_level_is_stored(client, yes, override, referred):
    assert _post(client, yes, override).status_code == 302
    assessment = DashAssessment.objects.get()
    assert assessment.final_level == override and assessment.raised_by_judgement
    assert MaracReferral.objects.exists() == referred


def test_a_high_score_with_no_judgement_is_referred(client):
    assert _post(client, 14, "").status_code == 302
    assert MaracReferral.objects.get().reason == "high risk: DASH score 14"


def test_the_service_refuses_a_lower_judgement_and_a_stored_one_never_lowers_the_level(personas, client):
    request = RequestFactory().post("/")
    request.user = personas["safeguarding"]
    with pytest.raises(ValueError, match="only raise"):
        services.assess(request, {"victim": PERSON, "override_level": "medium", **dash_answers(16)})
    stored = DashAssessment(
        victim=PERSON, answers={}, score=16, level="high", override_level="medium", review_date=timezone.localdate()
    )
    assert stored.final_level == "high" and not stored.raised_by_judgement


def test_the_migration_refers_a_high_score_a_lower_judgement_left_unreferred(personas):
    from importlib import import_module

    from django.apps import apps

    from beatbook.core.models import AuditEvent

    migration = import_module("beatbook.safeguarding.migrations.0003_refer_high_scores_a_judgement_lowered")
    today = timezone.localdate()
    lowered = DashAssessment.objects.create(
        victim=PERSON, answers={}, score=16, level="high", override_level="medium", review_date=today
    )
    medium = DashAssessment.objects.create(victim=PERSON, answers={}, score=12, level="medium", review_date=today)
    migration.refer_unreferred_high_scores(apps, None)
    migration.refer_unreferred_high_scores(apps, None)  # once only
    referral = MaracReferral.objects.get()
    assert referral.assessment == lowered and "set aside" in referral.reason
    assert not MaracReferral.objects.filter(assessment=medium).exists()
    assert AuditEvent.objects.filter(object_type="safeguarding.maracreferral", action="create").count() == 1
