"""Surveys of the public (confidence) and of victims (feedback): questions, waves, invitations, responses.

A response holds no personal data: only the ward, the respondent group and the answers. Contact
details a respondent offers for follow-up are kept apart (`FollowUpContact`), for supervisors only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils import timezone

from beatbook.core.models import TimeStampedModel
from beatbook.core.roles import SURVEY_READERS, SURVEY_VICTIM_READERS, has_role
from beatbook.geography.models import Ward


class SurveyKind(models.TextChoices):
    CONFIDENCE = "confidence", "Public confidence"
    VICTIM = "victim", "Victim feedback (results for supervisors only)"
    OTHER = "other", "Other"


class Access(models.TextChoices):
    OPEN = "open", "Open: anyone with the link to the wave"
    INVITATION = "invitation", "By invitation: one response per single-use link"


class QuestionKind(models.TextChoices):
    SINGLE = "single", "Single choice"
    AGREE = "agree", "Agree/disagree (5 points)"
    YES_NO = "yes_no", "Yes/no"
    FREE_TEXT = "free_text", "Free text"


class RespondentGroup(models.TextChoices):
    RESIDENT = "resident", "I live here"
    WORKER = "worker", "I work here"
    VISITOR = "visitor", "I am visiting"
    BUSINESS = "business", "I run or represent a business here"


class SurveyQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> SurveyQuerySet:
        """Readers of results see every survey but victim feedback, which only its readers see."""
        if has_role(user, *SURVEY_VICTIM_READERS):
            return self
        if has_role(user, *SURVEY_READERS):
            return self.exclude(kind=SurveyKind.VICTIM)
        return self.none()


class Survey(TimeStampedModel):
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=SurveyKind.choices, default=SurveyKind.CONFIDENCE)
    access = models.CharField(
        max_length=16,
        choices=Access.choices,
        default=Access.OPEN,
        help_text="Victim feedback is always by invitation (one link per victim, used once).",
    )
    introduction = models.TextField(blank=True, help_text="Shown to respondents above the questions.")
    demonstration = models.BooleanField(default=False, help_text="Synthetic demonstration records")

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """One question; `favourable` names the answers counted in the reported share (e.g. excellent, good)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=16, choices=QuestionKind.choices)
    text = models.CharField(max_length=300)
    choices = models.JSONField(default=list, blank=True, help_text="The answers, in order (single choice)")
    favourable = models.JSONField(default=list, blank=True, help_text="The answers counted in the reported share")
    measure = models.CharField(
        max_length=200, blank=True, help_text="What the share measures, e.g. 'excellent or good'"
    )
    required = models.BooleanField(default=False)

    class Meta:
        ordering = ["survey", "position", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def counted(self) -> bool:
        return self.kind != QuestionKind.FREE_TEXT


class Wave(TimeStampedModel):
    """A round of a survey, open for responses from `opens` to `closes` (both days included)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="waves")
    name = models.CharField(max_length=100, help_text="e.g. Spring 2025")
    opens = models.DateField()
    closes = models.DateField()

    class Meta:
        ordering = ["survey", "opens", "id"]

    def __str__(self) -> str:
        return f"{self.survey}: {self.name}"

    def is_open(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.opens <= today <= self.closes


class Invitation(models.Model):
    """A single-use link to one wave; its signed token carries the id, `used` marks it answered."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="invitations")
    created = models.DateTimeField(auto_now_add=True)
    used = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"invitation {self.pk} to {self.wave}"


class Response(models.Model):
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="responses")
    submitted = models.DateTimeField(default=timezone.now)
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="+")
    group = models.CharField(max_length=16, choices=RespondentGroup.choices)
    invitation = models.OneToOneField(Invitation, null=True, blank=True, on_delete=models.SET_NULL)
    demonstration = models.BooleanField(default=False, help_text="A synthetic demonstration response")

    def __str__(self) -> str:
        return f"response {self.pk} to {self.wave}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")]

    def __str__(self) -> str:
        return f"answer {self.pk}"


class FollowUpContact(models.Model):
    """Contact details a respondent chose to give: kept apart from the answers, read by supervisors (audited)."""

    response = models.OneToOneField(Response, on_delete=models.CASCADE, related_name="contact")
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)

    def __str__(self) -> str:
        return f"follow-up contact {self.pk}"  # never the name or address: this text reaches the audit log


class Submission(models.Model):
    """One submission to an open wave from a hashed address (never the address itself), for the rate limit."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="+")
    address_hash = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["wave", "address_hash", "at"], name="survey_submission_rate")]

    def __str__(self) -> str:
        return f"submission {self.pk}"
