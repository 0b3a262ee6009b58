"""Forms of the engagement pages: every field says what it wants, every refusal names the field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone

from beatbook.core.public_forms import Honeypot
from beatbook.engagement.models import AttendanceRequest, Audience, Event, EventType, Priority
from beatbook.geography.models import Cluster, Ward
from beatbook.workforce.models import Officer, Team

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _limit(form: forms.BaseForm, name: str, queryset: Any) -> None:
    """Offer only `queryset` in a model choice field (the force's own clusters, wards, officers)."""
    field: Any = form.fields[name]
    field.queryset = queryset


def force_clusters() -> Any:
    return Cluster.objects.filter(sector__force__slug=settings.BEATBOOK_FORCE).order_by("name")


def force_wards() -> Any:
    return Ward.objects.of_force(settings.BEATBOOK_FORCE).select_related("cluster").order_by("name")


def serving_officers() -> Any:
    return Officer.objects.of_force(settings.BEATBOOK_FORCE).serving().order_by("name")


class EventForm(forms.ModelForm):
    audiences = forms.MultipleChoiceField(
        choices=Audience.choices, required=False, widget=forms.CheckboxSelectMultiple, help_text="Who it is for"
    )
    wards = forms.ModelMultipleChoiceField(
        queryset=Ward.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only wards of the chosen cluster; none ticked: the whole cluster",
    )

    class Meta:
        model = Event
        fields = [
            "title", "event_type", "description", "start", "end", "address", "latitude", "longitude",
            "cluster", "wards", "team", "organiser", "audiences", "is_public", "cancelled",
        ]  # fmt: skip
        widgets = {"start": DATETIME, "end": DATETIME}
        labels = {"is_public": "Public (shown on the ward pages, feeds and API)"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, "cluster", force_clusters())
        _limit(self, "wards", force_wards())
        _limit(self, "team", Team.objects.filter(force__slug=settings.BEATBOOK_FORCE))
        _limit(self, "organiser", serving_officers())
        _limit(self, "event_type", EventType.objects.all())
        for name in ("start", "end"):
            field: Any = self.fields[name]
            field.input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
            field.help_text = "Date and time, London time"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", "The event ends before it starts.")
        if data.get("cluster"):
            strays = [w.name for w in data.get("wards") or [] if w.cluster_id != data["cluster"].pk]
            if strays:
                self.add_error("wards", f"Not in the {data['cluster'].name} cluster: {', '.join(strays)}.")
        _check_point(self, data)
        return data


def _check_point(form: forms.BaseForm, data: dict[str, Any]) -> None:
    lat, lng = data.get("latitude"), data.get("longitude")
    if (lat is None) != (lng is None):
        form.add_error("longitude" if lng is None else "latitude", "Give both latitude and longitude, or neither.")
    if lat is not None and not -90 <= lat <= 90:
        form.add_error("latitude", "A latitude lies between -90 and 90.")
    if lng is not None and not -180 <= lng <= 180:
        form.add_error("longitude", "A longitude lies between -180 and 180.")


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["attendance", "actions_promised"]
        widgets = {"actions_promised": forms.Textarea(attrs={"rows": 3})}


class IssueForm(forms.Form):
    ward = forms.ModelChoiceField(queryset=Ward.objects.none(), required=False)
    text = forms.CharField(
        required=False, label="Issue raised", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, wards: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, "ward", wards if wards is not None else Ward.objects.none())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("text") and not data.get("ward"):
            self.add_error("ward", "Choose the ward the issue is about.")
        if data.get("ward") and not data.get("text"):
            self.add_error("text", "Write the issue raised, or leave the ward empty.")
        return data


IssueFormSet = forms.formset_factory(IssueForm, extra=3, max_num=20)


class PriorityForm(forms.ModelForm):
    class Meta:
        model = Priority
        fields = ["issue", "issue_date", "action", "action_date"]
        widgets = {
            "issue_date": DATE,
            "action_date": DATE,
            "issue": forms.Textarea(attrs={"rows": 3}),
            "action": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action_date") and data.get("issue_date") and data["action_date"] < data["issue_date"]:
            self.add_error("action_date", "The action is dated before the issue was raised.")
        if data.get("action_date") and not data.get("action"):
            self.add_error("action", "Say what was done on the action date.")
        return data


class AttendanceRequestForm(Honeypot, forms.ModelForm):
    class Meta:
        model = AttendanceRequest
        fields = [
            "organisation", "contact_name", "contact_email", "contact_phone",
            "date", "start_time", "end_time", "place", "topic",
        ]  # fmt: skip
        widgets = {"date": DATE, "start_time": TIME, "end_time": TIME, "topic": forms.Textarea(attrs={"rows": 4})}
        labels = {"contact_name": "Your name", "contact_email": "Your email", "contact_phone": "Phone (optional)"}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date") and data["date"] < timezone.localdate():
            self.add_error("date", "The date has passed: give a date from today on.")
        if data.get("start_time") and data.get("end_time") and data["end_time"] <= data["start_time"]:
            self.add_error("end_time", "The meeting ends before it starts.")
        return data


class AssignForm(forms.Form):
    officer = forms.ModelChoiceField(queryset=Officer.objects.none(), help_text="Who will attend")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, "officer", serving_officers())


class AcceptForm(AssignForm):
    event_type = forms.ModelChoiceField(queryset=EventType.objects.all(), label="Type of event")
    cluster = forms.ModelChoiceField(queryset=Cluster.objects.none(), help_text="The cluster the meeting is in")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, "cluster", force_clusters())


class DeclineForm(forms.Form):
    reason = forms.CharField(
        max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), help_text="Sent to the requester"
    )
