"""Demonstration surveys and messaging: a confidence survey with two waves of synthetic responses,
a victim-feedback survey, a few subscribers and one sent message. Every record is labelled as a
demonstration; running it again adds nothing."""

from __future__ import annotations

import datetime as dt

import numpy as np
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from beatbook.geography.models import Ward
from beatbook.messaging.models import OutboxStatus, Subscriber, SubscriberTopic, Topic
from beatbook.messaging.services import send_message
from beatbook.surveys.models import Access, Answer, QuestionKind, Response, Survey, SurveyKind, Wave
from beatbook.surveys.services import create_survey

TITLE = "City confidence survey (demonstration)"
VICTIM_TITLE = "Victim feedback (demonstration)"
#: Synthetic responses per wave and group: businesses stay under 10, to show the suppression rule.
GROUP_SIZES = {"resident": 60, "worker": 90, "visitor": 40, "business": 7}
SUBSCRIBERS = ["resident.one@example.invalid", "resident.two@example.invalid", "bar.manager@example.invalid"]


@transaction.atomic
def ensure_demo_surveys() -> list[str]:
    if Survey.objects.filter(title=TITLE, demonstration=True).exists():
        return ["Demonstration surveys and messages: already there."]
    wards = list(Ward.objects.of_force(settings.BEATBOOK_FORCE).order_by("name"))
    rng = np.random.default_rng(10)
    today = timezone.localdate()
    survey = _survey(TITLE, SurveyKind.CONFIDENCE, Access.OPEN)
    earlier = Wave.objects.create(
        survey=survey, name="Last year", opens=today - dt.timedelta(days=400), closes=today - dt.timedelta(days=330)
    )
    current = Wave.objects.create(
        survey=survey, name="This year", opens=today - dt.timedelta(days=20), closes=today + dt.timedelta(days=60)
    )
    made = _responses(earlier, wards, rng, lift=0.0) + _responses(current, wards, rng, lift=0.12)
    victim = _survey(VICTIM_TITLE, SurveyKind.VICTIM, Access.INVITATION)
    victim_wave = Wave.objects.create(
        survey=victim, name="This quarter", opens=today - dt.timedelta(days=60), closes=today + dt.timedelta(days=30)
    )
    made += _responses(victim_wave, wards, rng, lift=0.0, sizes={"resident": 12, "worker": 14})
    sent = _messaging(wards[0])
    return [
        f"Demonstration surveys: 2 surveys, {made} synthetic responses; "
        f"messaging: {len(SUBSCRIBERS)} subscribers, {sent} emails marked sent."
    ]


def _survey(title: str, kind: str, access: str) -> Survey:
    survey = create_survey(title, kind, access, "Demonstration survey: its responses are synthetic.", None)
    survey.demonstration = True
    survey.save(update_fields=["demonstration"])
    return survey


def _responses(
    wave: Wave, wards: list[Ward], rng: np.random.Generator, lift: float, sizes: dict[str, int] | None = None
) -> int:
    """Synthetic respondents: each question's favourable answers chosen with a probability near 0.55 + `lift`."""
    questions = [q for q in wave.survey.questions.all() if q.kind != QuestionKind.FREE_TEXT]
    responses = [
        Response(
            wave=wave,
            ward=wards[int(rng.integers(len(wards)))],
            group=group,
            demonstration=True,
            submitted=_submitted(wave, rng),
        )
        for group, n in (sizes or GROUP_SIZES).items()
        for _ in range(n)
    ]
    Response.objects.bulk_create(responses)
    responses = list(Response.objects.filter(wave=wave).order_by("pk"))
    answers = []
    for response in responses:
        for q in questions:
            favourable = rng.random() < 0.55 + lift + (0.1 if response.group == "resident" else 0.0)
            pool = q.favourable if favourable else [c for c in q.choices if c not in q.favourable]
            answers.append(Answer(response=response, question=q, choice=pool[int(rng.integers(len(pool)))]))
    Answer.objects.bulk_create(answers)
    return len(responses)


def _submitted(wave: Wave, rng: np.random.Generator) -> dt.datetime:
    """A moment within the wave's open days that has passed: a response counts in the period it was
    submitted in, so a wave's synthetic responses must not all be stamped on the day the demo ran."""
    now = timezone.now()
    last = min(wave.closes, timezone.localdate())
    day = wave.opens + dt.timedelta(days=int(rng.integers(max((last - wave.opens).days + 1, 1))))
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(int(rng.integers(7, 22)))))
    return min(moment, now)


def _messaging(ward: Ward) -> int:
    for email in SUBSCRIBERS:
        subscriber = Subscriber.objects.create(email=email, confirmed=timezone.now(), demonstration=True)
        subscriber.wards.add(ward)
        SubscriberTopic.objects.create(subscriber=subscriber, topic=Topic.EVENTS)
    message = send_message(
        "Cluster panel meeting next Tuesday (demonstration)",
        "Demonstration message: come and tell your ward officers what matters to you.",
        ward,
        None,
        Topic.EVENTS,
        None,
        demonstration=True,
    )
    # Demonstration addresses are not real: the emails are marked sent, never handed to a mail server.
    return message.emails.update(status=OutboxStatus.SENT, sent=timezone.now(), attempts=1)
