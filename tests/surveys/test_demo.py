"""The demonstration surveys and messages: labelled, enough to show results and suppression, added once."""

from __future__ import annotations

import pytest

from beatbook.demo.surveys import TITLE, ensure_demo_surveys
from beatbook.messaging.models import Message, Subscriber
from beatbook.surveys.models import Response, Survey
from beatbook.surveys.results import survey_results

pytestmark = pytest.mark.django_db


def test_the_demo_shows_two_waves_a_change_and_a_suppressed_group(city):
    ensure_demo_surveys()
    assert ensure_demo_surveys() == ["Demonstration surveys and messages: already there."]
    survey = Survey.objects.get(title=TITLE)
    assert survey.demonstration and not Response.objects.filter(demonstration=False).exists()
    results = survey_results(survey)
    assert len(results.waves) == 2 and all(n > 150 for n in results.responses)
    rows = {(r.breakdown, r.label): r for r in results.questions[0].rows}
    assert rows[("Respondent group", "Businesses")].cells[0].suppressed
    assert rows[("All respondents", "All")].change is not None
    assert Subscriber.objects.filter(demonstration=True).count() == 3
    message = Message.objects.get(demonstration=True)
    assert message.recipients == 3 and message.emails.filter(status="sent").count() == 3
