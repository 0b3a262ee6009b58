"""Answering a survey without an account: open waves (honeypot, rate limit), invitations (once each)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from beatbook.surveys.models import Access, Answer, FollowUpContact, Response, Submission, SurveyKind, Wave
from beatbook.surveys.services import create_survey, make_invitations

pytestmark = pytest.mark.django_db


def _form(survey, ward, **extra) -> dict[str, str]:
    questions = list(survey.questions.order_by("position"))
    data = {"ward": str(ward.pk), "group": "worker", f"q{questions[0].pk}": "Excellent"}
    data[f"q{questions[-1].pk}"] = "More patrols at night, please."  # the free-text question
    return {**data, **extra}


def test_the_standard_confidence_questions_are_ready(survey):
    texts = [q.text for q in survey.questions.order_by("position")]
    assert texts[0] == "Taking everything into account, how good a job do you think the police in this area are doing?"
    assert "The police in this area can be relied on to be there when you need them" in texts
    assert "The police in this area treat everyone fairly regardless of who they are" in texts
    assert any("after dark" in t for t in texts) and any("during the day" in t for t in texts)
    assert "Do you know how to contact your ward officer?" in texts
    assert survey.questions.get(position=1).favourable == ["Excellent", "Good"]


def test_a_member_of_the_public_answers_an_open_wave(wave, city):
    ward = city.sectors.first().clusters.first().wards.first()
    page = Client().get(f"/surveys/answer/{wave.pk}/")
    assert page.status_code == 200 and "Which describes you best in this ward?" in page.content.decode()
    assert "you need not say who you are" in page.content.decode()  # it offers contact fields, so never "we do not ask"
    assert "we do not ask who you are" not in page.content.decode()
    response = Client().post(f"/surveys/answer/{wave.pk}/", _form(wave.survey, ward), REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 302 and response["Location"] == "/surveys/answer/thanks/"
    stored = Response.objects.get()
    assert (stored.ward, stored.group) == (ward, "worker")
    assert set(Answer.objects.values_list("choice", "text")) == {
        ("Excellent", ""),
        ("", "More patrols at night, please."),
    }
    assert FollowUpContact.objects.count() == 0
    hashes = list(Submission.objects.values_list("address_hash", flat=True))
    assert len(hashes) == 1 and "192.0.2.7" not in hashes[0] and len(hashes[0]) == 64


def test_missing_ward_and_group_are_named_and_nothing_is_stored(wave):
    response = Client().post(f"/surveys/answer/{wave.pk}/", {})
    page = response.content.decode()
    assert response.status_code == 400 and "Please check the answers" in page
    assert page.count("This field is required.") == 4  # each in the summary at the top, and beside its field
    assert '<a href="#id_ward">' in page and '<a href="#id_group">' in page and 'id="id_group"' in page
    assert Response.objects.count() == 0


def test_the_honeypot_takes_nothing_and_tells_the_bot_nothing(wave, city):
    ward = city.sectors.first().clusters.first().wards.first()
    response = Client().post(f"/surveys/answer/{wave.pk}/", _form(wave.survey, ward, website="http://spam.example"))
    assert response.status_code == 302 and Response.objects.count() == 0


def test_an_address_past_the_rate_limit_is_refused(wave, city, settings):
    settings.BEATBOOK_SURVEY_RESPONSES_PER_ADDRESS = 2
    ward = city.sectors.first().clusters.first().wards.first()
    statuses = [Client().post(f"/surveys/answer/{wave.pk}/", _form(wave.survey, ward)).status_code for _ in range(3)]
    assert statuses == [302, 302, 400] and Response.objects.count() == 2
    other = Client().post(f"/surveys/answer/{wave.pk}/", _form(wave.survey, ward), REMOTE_ADDR="198.51.100.1")
    assert other.status_code == 302 and Response.objects.count() == 3


def test_contact_details_are_kept_apart_only_when_offered(wave, city):
    ward = city.sectors.first().clusters.first().wards.first()
    without_consent = Client().post(
        f"/surveys/answer/{wave.pk}/", _form(wave.survey, ward, contact_email="a@example.org")
    )
    assert without_consent.status_code == 400 and "Tick this box" in without_consent.content.decode()
    data = _form(wave.survey, ward, follow_up="on", contact_name="Ann", contact_email="ann@example.org")
    assert Client().post(f"/surveys/answer/{wave.pk}/", data).status_code == 302
    contact = FollowUpContact.objects.get()
    assert (contact.name, contact.email, contact.response.ward) == ("Ann", "ann@example.org", ward)


def test_a_closed_wave_says_so(survey, city):
    closed = Wave.objects.create(survey=survey, name="Old", opens=dt.date(2020, 1, 1), closes=dt.date(2020, 2, 1))
    ward = city.sectors.first().clusters.first().wards.first()
    response = Client().post(f"/surveys/answer/{closed.pk}/", _form(survey, ward))
    assert response.status_code == 400 and "This survey is closed" in response.content.decode()
    assert Response.objects.count() == 0


def test_an_invitation_link_takes_one_response(personas, city):
    survey = create_survey("After your report", SurveyKind.VICTIM, Access.OPEN, "", personas["supervisor"])
    assert survey.access == Access.INVITATION  # victim feedback is never open
    wave = Wave.objects.create(survey=survey, name="Q1", opens=dt.date(2000, 1, 1), closes=dt.date(2999, 1, 1))
    token = make_invitations(wave, 2)[0]
    ward = city.sectors.first().clusters.first().wards.first()
    first_question = survey.questions.order_by("position").first()
    data = {"ward": ward.pk, "group": "resident", f"q{first_question.pk}": "Fairly satisfied"}
    assert Client().post(f"/surveys/answer/invited/{token}/", data).status_code == 302
    again = Client().post(f"/surveys/answer/invited/{token}/", data)
    assert again.status_code == 400 and "already been used" in again.content.decode()
    assert Response.objects.filter(invitation__isnull=False).count() == 1
    assert Client().get(f"/surveys/answer/{wave.pk}/").status_code == 404  # no open link to victim feedback
    assert Client().get(f"/surveys/answer/invited/{token}x/").status_code == 404  # a forged or mangled link
