"""Survey business rules: building a survey, invitations, and taking a response (once, within limits)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from beatbook.core.public_forms import keyed_address_hash
from beatbook.surveys.models import (
    Access,
    Answer,
    FollowUpContact,
    Invitation,
    Question,
    QuestionKind,
    Response,
    Submission,
    Survey,
    SurveyKind,
    Wave,
)
from beatbook.surveys.templates_standard import CONFIDENCE, KIND_CHOICES, VICTIM, StandardQuestion

INVITATION_SALT = "beatbook.surveys.invitation"
STANDARD = {SurveyKind.CONFIDENCE: CONFIDENCE, SurveyKind.VICTIM: VICTIM}


class ResponseRefused(Exception):
    """A response that cannot be taken: the message says why, for the respondent."""


@transaction.atomic
def create_survey(title: str, kind: str, access: str, introduction: str, by: Any, standard: bool = True) -> Survey:
    """A survey, with the standard questions of its kind when `standard`; victim feedback is by invitation."""
    if kind == SurveyKind.VICTIM:
        access = Access.INVITATION
    survey = Survey(title=title, kind=kind, access=access, introduction=introduction)
    survey.stamp(by)
    survey.save()
    for question in STANDARD.get(SurveyKind(kind), []) if standard else []:
        add_standard_question(survey, question)
    return survey


def add_standard_question(survey: Survey, q: StandardQuestion) -> Question:
    return Question.objects.create(
        survey=survey,
        position=survey.questions.count() + 1,
        kind=q.kind,
        text=q.text,
        choices=list(q.choices),
        favourable=list(q.favourable),
        measure=q.measure,
    )


def add_question(survey: Survey, kind: str, text: str, choices: list[str], favourable: list[str]) -> Question:
    """A builder's own question; agree/disagree and yes/no questions get their fixed answers."""
    measure = "chose " + " or ".join(favourable) if favourable else ""
    if kind in KIND_CHOICES:
        choices, favourable, measure = KIND_CHOICES[QuestionKind(kind)]
    if kind == QuestionKind.FREE_TEXT:
        choices, favourable = [], []
    return add_standard_question(survey, StandardQuestion(kind, text, list(choices), list(favourable), measure))


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(invitation.pk, salt=INVITATION_SALT)


def make_invitations(wave: Wave, count: int) -> list[str]:
    """`count` new single-use links' tokens for `wave`."""
    created = Invitation.objects.bulk_create([Invitation(wave=wave) for _ in range(count)])
    if any(i.pk is None for i in created):  # backends that do not return ids from a bulk insert
        created = list(Invitation.objects.filter(wave=wave).order_by("-pk")[:count])
    return [invitation_token(i) for i in created]


def invitation_from_token(token: str) -> Invitation | None:
    try:
        pk = signing.loads(token, salt=INVITATION_SALT)
    except signing.BadSignature:
        return None
    return Invitation.objects.select_related("wave__survey").filter(pk=pk).first()


def address_hash(wave: Wave, address: str | None) -> str:
    """A keyed hash of the address, per wave: the rate limit needs to recognise it, never to read it."""
    return keyed_address_hash(address, scope=f"survey-rate:{wave.pk}")


def check_rate(wave: Wave, address: str | None, now: dt.datetime | None = None) -> str:
    """The address's hash when it may respond to the open wave again; refused past the limit."""
    now = now or timezone.now()
    since = now - dt.timedelta(hours=settings.BEATBOOK_SURVEY_RATE_WINDOW_HOURS)
    Submission.objects.filter(wave=wave, at__lt=since).delete()  # hashes are kept no longer than needed
    digest = address_hash(wave, address)
    if (
        Submission.objects.filter(wave=wave, address_hash=digest).count()
        >= settings.BEATBOOK_SURVEY_RESPONSES_PER_ADDRESS
    ):
        raise ResponseRefused("Too many responses have come from your connection today. Please try again tomorrow.")
    return digest


@dataclass
class Submitted:
    ward: Any
    group: str
    answers: dict[int, str]  # question id -> the choice or the text
    contact: dict[str, str] | None = None


@transaction.atomic
def take_response(
    wave: Wave, submitted: Submitted, invitation: Invitation | None = None, address: str | None = None
) -> Response:
    """Store one response to `wave`: through an unused invitation, or within the open wave's rate limit."""
    if not wave.is_open():
        raise ResponseRefused(
            f"This survey is closed: it was open from {wave.opens:%d %B %Y} to {wave.closes:%d %B %Y}."
        )
    if invitation is not None:
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.used is not None:
            raise ResponseRefused("This invitation has already been used: each link takes one response.")
        invitation.used = timezone.now()
        invitation.save(update_fields=["used"])
    elif wave.survey.access != Access.OPEN:
        raise ResponseRefused("This survey is by invitation: please use the link you were sent.")
    else:
        Submission.objects.create(wave=wave, address_hash=check_rate(wave, address))
    response = Response.objects.create(wave=wave, ward=submitted.ward, group=submitted.group, invitation=invitation)
    _store_answers(response, submitted.answers)
    if submitted.contact:
        FollowUpContact.objects.create(response=response, **submitted.contact)
    return response


def _store_answers(response: Response, answers: dict[int, str]) -> None:
    questions = {q.pk: q for q in response.wave.survey.questions.all()}
    rows = []
    for pk, value in answers.items():
        if not value:
            continue
        free = questions[pk].kind == QuestionKind.FREE_TEXT
        rows.append(Answer(response=response, question_id=pk, choice="" if free else value, text=value if free else ""))
    Answer.objects.bulk_create(rows)
