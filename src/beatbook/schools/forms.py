"""The forms of school notifications: an incident to notify, a school of the register, a closure,
and the period of the timeliness page."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone

from beatbook.core.forms import EARLIEST, LATEST
from beatbook.geography.models import Ward
from beatbook.schools.models import Phase, School, SchoolClosure

URN = re.compile(r"^\d{6,7}$")


def _wards() -> Any:
    return Ward.objects.of_force(settings.BEATBOOK_FORCE).order_by("name")


class NotificationForm(forms.Form):
    incident_ref = forms.CharField(
        label="Incident reference", max_length=64, help_text="The force's incident number; it is not sent to the school"
    )
    incident_date = forms.DateField(label="Date of the incident", widget=forms.DateInput(attrs={"type": "date"}))
    incident_time = forms.TimeField(
        label="Time of the incident",
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text="24-hour clock, e.g. 19:30",
    )
    ward = forms.ModelChoiceField(queryset=Ward.objects.none(), required=False, empty_label="Not known")
    school = forms.ModelChoiceField(queryset=School.objects.filter(active=True), help_text="The child's school")
    child_name = forms.CharField(label="Child's name", max_length=200, help_text="As the school knows the child")
    year_group = forms.CharField(max_length=40, required=False, help_text="Optional, e.g. Year 4")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = _wards()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, time = data.get("incident_date"), data.get("incident_time")
        if day and time:
            data["occurred_at"] = timezone.make_aware(datetime.combine(day, time))
            if data["occurred_at"] > timezone.now():
                self.add_error("incident_time", "The incident's date and time is in the future.")
        return data


class SchoolForm(forms.ModelForm):
    phases = forms.MultipleChoiceField(choices=Phase.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = School
        fields = ["name", "urn", "address", "ward", "phases", "key_adult", "deputy_key_adult", "team_email", "active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = _wards()  # type: ignore[attr-defined]

    def clean_urn(self) -> str:
        urn = self.cleaned_data["urn"].strip()
        if urn and not URN.match(urn):
            raise forms.ValidationError("A URN is six or seven digits.")
        return urn


class ClosureForm(forms.ModelForm):
    first_day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    last_day = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}), help_text="The last day without school (the first, for one day)"
    )

    class Meta:
        model = SchoolClosure
        fields = ["name", "school", "first_day", "last_day"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].empty_label = "Every school"  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first_day"), data.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", "The last day is before the first.")
        return data


class PeriodForm(forms.Form):
    first = forms.DateField(label="Incidents from", widget=forms.DateInput(attrs={"type": "date"}), required=False)
    last = forms.DateField(label="to", widget=forms.DateInput(attrs={"type": "date"}), required=False)

    DEFAULT_DAYS = 90

    def period(self) -> tuple[date, date]:
        today = timezone.localdate()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        last = data.get("last") or today
        return data.get("first") or last - timedelta(days=self.DEFAULT_DAYS), last

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("first", "last"):  # a date outside these overflows when the default period is counted back
            if data.get(name) and not EARLIEST <= data[name] <= LATEST:
                self.add_error(name, f"Enter a date between {EARLIEST:%-d %B %Y} and {LATEST:%-d %B %Y}.")
                data.pop(name, None)
        if data.get("first") and data.get("last") and data["last"] < data["first"]:
            self.add_error("last", "The end of the period is before its start.")
        return data


class AssignForm(forms.Form):
    """The child and their school, for a task opened from the incident log (which names neither)."""

    school = forms.ModelChoiceField(queryset=School.objects.filter(active=True), help_text="The child's school")
    child_name = forms.CharField(label="Child's name", max_length=200, help_text="As the school knows the child")
    year_group = forms.CharField(max_length=40, required=False, help_text="Optional, e.g. Year 4")
