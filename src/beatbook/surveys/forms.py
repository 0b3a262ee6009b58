"""Forms of the survey builder, and the respondents' form built from a survey's questions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from beatbook.core.public_forms import Honeypot
from beatbook.geography.models import Ward
from beatbook.surveys.models import QuestionKind, RespondentGroup, Survey, SurveyKind, Wave


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class SurveyForm(forms.ModelForm):
    standard = forms.BooleanField(
        required=False,
        initial=True,
        label="Start with the standard questions",
        help_text="Public confidence: the Crime Survey for England and Wales and Public Attitude Survey measures, "
        "feeling safe by day and after dark, knowing how to contact the ward officer. Victim feedback: five "
        "short questions. Ward and respondent group are always asked.",
    )

    class Meta:
        model = Survey
        fields = ["title", "kind", "access", "introduction"]

    def __init__(self, *args: Any, may_make_victim_surveys: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not may_make_victim_surveys:
            self.fields["kind"].choices = [c for c in SurveyKind.choices if c[0] != SurveyKind.VICTIM]  # type: ignore[attr-defined]


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(choices=QuestionKind.choices, label="Kind of question")
    text = forms.CharField(max_length=300, label="Question")
    choices = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label="Answers",
        help_text="Single choice only: one answer per line, at least two. Agree/disagree and yes/no questions "
        "get their standard answers.",
    )
    favourable = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label="Answers counted in the results",
        help_text="Single choice only: one per line, each one of the answers above; the results report their share.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") != QuestionKind.SINGLE:
            return {**data, "choices": [], "favourable": []}
        choices, favourable = _lines(data.get("choices", "")), _lines(data.get("favourable", ""))
        if len(choices) < 2:
            raise ValidationError({"choices": "A single-choice question needs at least two answers, one per line."})
        unknown = [f for f in favourable if f not in choices]
        if unknown:
            raise ValidationError({"favourable": f"Not among the answers: {', '.join(unknown)}."})
        return {**data, "choices": choices, "favourable": favourable}


class WaveForm(forms.ModelForm):
    class Meta:
        model = Wave
        fields = ["name", "opens", "closes"]
        widgets = {"opens": forms.DateInput(attrs={"type": "date"}), "closes": forms.DateInput(attrs={"type": "date"})}
        help_texts = {"opens": "First day of responses", "closes": "Last day of responses (included)"}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("opens") and data.get("closes") and data["closes"] < data["opens"]:
            raise ValidationError({"closes": "The wave must close on or after the day it opens."})
        return data


class InvitationForm(forms.Form):
    count = forms.IntegerField(
        min_value=1, max_value=500, initial=20, label="Number of links", help_text="Each link takes one response."
    )


class ResponseForm(Honeypot):
    """Ward and respondent group first (always asked), then the survey's questions, then optional contact."""

    ward = forms.ModelChoiceField(
        queryset=Ward.objects.none(), label="Which ward is this about?", empty_label="Choose a ward"
    )
    group = forms.ChoiceField(
        choices=RespondentGroup.choices, widget=forms.RadioSelect, label="Which describes you best in this ward?"
    )

    def __init__(self, *args: Any, survey: Survey, wards: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = wards  # type: ignore[attr-defined]
        self.questions = list(survey.questions.all())
        for q in self.questions:
            self.fields[f"q{q.pk}"] = _question_field(q)
        self.fields["follow_up"] = forms.BooleanField(
            required=False,
            label="I would like the police to contact me about my answers",
            help_text="Optional. Your contact details are kept apart from your answers and seen only by supervisors.",
        )
        self.fields["contact_name"] = forms.CharField(required=False, max_length=200, label="Your name (optional)")
        self.fields["contact_email"] = forms.EmailField(required=False, label="Email address")
        self.fields["contact_phone"] = forms.CharField(required=False, max_length=40, label="Phone number")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        offered = any(data.get(f) for f in ("contact_name", "contact_email", "contact_phone"))
        if offered and not data.get("follow_up"):
            raise ValidationError(
                {"follow_up": "Tick this box if you want us to contact you, or leave the contact fields empty."}
            )
        if data.get("follow_up") and not (data.get("contact_email") or data.get("contact_phone")):
            raise ValidationError(
                {"contact_email": "Give an email address or a phone number so that we can reach you."}
            )
        return data

    def question_fields(self) -> list[forms.BoundField]:
        return [self[f"q{q.pk}"] for q in self.questions]

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}", "") for q in self.questions}

    def contact(self) -> dict[str, str] | None:
        if not self.cleaned_data.get("follow_up"):
            return None
        return {k: self.cleaned_data[f"contact_{k}"] for k in ("name", "email", "phone")}


def _question_field(q: Any) -> forms.Field:
    if q.kind == QuestionKind.FREE_TEXT:
        return forms.CharField(
            required=q.required,
            label=q.text,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text="Please do not include names or other details that identify anyone.",
        )
    return forms.ChoiceField(
        required=q.required, label=q.text, choices=[(c, c) for c in q.choices], widget=forms.RadioSelect
    )
