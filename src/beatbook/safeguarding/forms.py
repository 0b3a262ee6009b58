"""The forms of safeguarding: a DASH assessment, an ASB Case Review application and its meeting."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from beatbook.safeguarding import dash
from beatbook.safeguarding.models import Incident, RiskLevel

PSEUDONYM_HELP = "The pseudonym the incident log gives the person (e.g. SYN-V012), never a name."


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


class CaseReviewMeetingForm(forms.Form):
    meeting_on = forms.DateField(help_text="The date of the review meeting (YYYY-MM-DD)", label="Meeting on")
    partners_present = forms.CharField(max_length=300, help_text="Agencies at the meeting, e.g. council, housing")
    outcome = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
        help_text="The recommendations told to the applicant; empty while the review continues",
    )
