"""The forms of safeguarding: a DASH assessment, an ASB Case Review application and its meeting."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from beatbook.safeguarding import dash
from beatbook.safeguarding.models import CaseReview, CaseReviewStatus, Incident, RiskLevel

PSEUDONYM_HELP = "The pseudonym the incident log gives the person (e.g. SYN-V012), never a name."
#: What a pseudonym looks like (letters, digits and - _ . /, no space): a name is refused with a message saying so.
PSEUDONYM_FORMAT = re.compile(r"[A-Za-z0-9][A-Za-z0-9_./-]*")
#: The ASB Case Review (the Community Trigger) began on 20 October 2014 (2014 Act, ss.104-105).
CASE_REVIEW_FROM = date(2014, 10, 20)


def clean_pseudonym(value: str) -> str:
    """A person of the incident log, by the pseudonym the log gives them: every record links to their
    incidents, so a name, or a pseudonym the log does not hold, would be a record about nobody."""
    pseudonym = value.strip()
    if Incident.objects.involving(pseudonym).exists():
        return pseudonym
    if not PSEUDONYM_FORMAT.fullmatch(pseudonym):
        raise forms.ValidationError(
            f"{pseudonym!r} is not a pseudonym: give the one the incident log uses (e.g. SYN-V012), never a name."
        )
    raise forms.ValidationError(
        f"No incident of the imported log involves {pseudonym!r}: give the pseudonym the log uses."
    )


def not_in_the_past(value: date, what: str) -> date:
    if value < timezone.localdate():
        raise forms.ValidationError(f"{what} is in the past ({value:%-d %B %Y}): give today or a later date.")
    return value


class DashForm(forms.Form):
    victim = forms.CharField(max_length=64, help_text=PSEUDONYM_HELP)
    incident = forms.CharField(
        max_length=64, required=False, label="Incident id", help_text="The incident of the log assessed (optional)"
    )
    override_level = forms.ChoiceField(
        choices=[("", "No override: the score's level")] + list(RiskLevel.choices),
        required=False,
        label="Professional judgement",
        help_text="Raise the level above the score's when your judgement says so (it never lowers it); give the "
        "reason below.",
    )
    override_reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n, question in enumerate(dash.questions(), start=1):
            self.fields[f"q{n}"] = forms.ChoiceField(
                label=f"{n}. {question}", choices=dash.ANSWERS, widget=forms.RadioSelect, initial="not_known"
            )

    def questions(self) -> list[forms.BoundField]:
        return [self[f"q{n}"] for n in range(1, len(dash.QUESTIONS) + 1)]

    def details(self) -> list[forms.BoundField]:
        return [self[name] for name in ("victim", "incident")]

    def judgement(self) -> list[forms.BoundField]:
        return [self[name] for name in ("override_level", "override_reason", "notes")]

    def clean_victim(self) -> str:
        return clean_pseudonym(self.cleaned_data["victim"])

    def clean_incident(self) -> Incident | None:
        ref = self.cleaned_data.get("incident", "").strip()
        if not ref:
            return None
        found = Incident.objects.filter(incident_id=ref).first()
        if found is None:
            raise forms.ValidationError(f"No incident {ref!r} is in the imported log.")
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("override_level") and not (data.get("override_reason") or "").strip():
            self.add_error("override_reason", "Give the reason for your professional judgement.")
        self._refuse_a_lower_judgement(data)
        incident = data.get("incident")
        victim = data.get("victim", "")
        if incident is not None and victim and victim not in (incident.victim, incident.caller):
            self.add_error("incident", f"Incident {incident.incident_id} does not involve {victim}.")
        return data

    def _refuse_a_lower_judgement(self, data: dict[str, Any]) -> None:
        """Professional judgement only raises the level: a high score is always referred to the MARAC."""
        chosen = data.get("override_level")
        answers = {str(n): data.get(f"q{n}") or "" for n in range(1, len(dash.QUESTIONS) + 1)}
        if not chosen or "" in answers.values():
            return
        points = dash.score(answers)
        level = dash.level_for(points)
        if not dash.raises(level, chosen):
            given, named = RiskLevel(level).label, RiskLevel(chosen).label
            self.add_error(
                "override_level",
                f"Professional judgement can only raise the level: the score ({points}) gives {given}, "
                f"so {named} would not raise it: choose a higher level, or no override.",
            )


class CaseReviewApplicationForm(forms.Form):
    person = forms.CharField(max_length=64, help_text=PSEUDONYM_HELP)
    applied_on = forms.DateField(
        initial=timezone.localdate, help_text="The date of the application (YYYY-MM-DD)", label="Applied on"
    )

    def clean_person(self) -> str:
        person = clean_pseudonym(self.cleaned_data["person"])
        open_review = CaseReview.objects.filter(person=person).exclude(status=CaseReviewStatus.CLOSED).first()
        if open_review is not None:
            raise forms.ValidationError(
                f"{person} already has an open application (ASB Case Review {open_review.pk}, applied on "
                f"{open_review.applied_on:%-d %B %Y}): record its outcome before another is made."
            )
        return person

    def clean_applied_on(self) -> date:
        applied_on: date = self.cleaned_data["applied_on"]
        if applied_on > timezone.localdate():
            raise forms.ValidationError("The application date is in the future: give the day it was received.")
        if applied_on < CASE_REVIEW_FROM:
            raise forms.ValidationError(
                f"The application date is before the ASB Case Review began ({CASE_REVIEW_FROM:%-d %B %Y})."
            )
        return applied_on


class CaseReviewMeetingForm(forms.Form):
    """The review meeting, and its outcome (which closes the review: nothing is recorded after it)."""

    meeting_on = forms.DateField(help_text="The date of the review meeting (YYYY-MM-DD)", label="Meeting on")
    partners_present = forms.CharField(max_length=300, help_text="Agencies at the meeting, e.g. council, housing")
    outcome = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
        help_text="The recommendations told to the applicant; empty while the review continues",
    )

    def __init__(self, *args: Any, review: CaseReview, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.review = review

    def clean_meeting_on(self) -> date:
        meeting_on: date = self.cleaned_data["meeting_on"]
        if meeting_on < self.review.applied_on:
            raise forms.ValidationError(
                f"The meeting date is before the application ({self.review.applied_on:%-d %B %Y}): "
                "a review meets after it is applied for."
            )
        if meeting_on > timezone.localdate():
            raise forms.ValidationError("The meeting date is in the future: record the meeting once it is held.")
        return meeting_on

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        refused = self.review.recording_refused()
        if refused:
            raise forms.ValidationError(refused)
        return data
