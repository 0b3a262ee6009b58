from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from beatbook.core.models import AuditAction

EARLIEST, LATEST = date(2000, 1, 1), date(2999, 12, 31)


class AuditFilterForm(forms.Form):
    """The audit log's filters; every field is optional and an empty form lists everything."""

    user = forms.CharField(required=False, max_length=150, label="Account or command")
    action = forms.ChoiceField(required=False, choices=[("", "Any action"), *AuditAction.choices])
    object_type = forms.CharField(
        required=False, max_length=64, label="Object type", help_text="For example core.auditevent or auth.user"
    )
    object_id = forms.CharField(required=False, max_length=64, label="Object id")
    date_from = forms.DateField(required=False, label="From (date)", widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(required=False, label="To (date)", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict:
        data = super().clean() or {}
        for name in ("date_from", "date_to"):
            if data.get(name) and not EARLIEST <= data[name] <= LATEST:
                self.add_error(name, f"Enter a date between {EARLIEST:%-d %B %Y} and {LATEST:%-d %B %Y}.")
                data.pop(name, None)
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The end date is before the start date.")
        return data


class ReviewForm(forms.Form):
    """A MoPI review: keep the record until a later date, or delete its personal data (core.retention.apply_review)."""

    decision = forms.ChoiceField(
        choices=[("keep", "Keep it, and review it again"), ("remove", "Delete its personal data")],
        widget=forms.RadioSelect,
    )
    next_review = forms.DateField(
        required=False,
        label="Next review date",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="When keeping it",
    )
    reason = forms.CharField(max_length=500, label="Reason", help_text="Why it is kept or deleted (MoPI review)")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "keep":
            upcoming: date | None = data.get("next_review")
            if upcoming is None:
                self.add_error("next_review", "Give the next review date of a record that is kept.")
            elif upcoming <= timezone.localdate():
                self.add_error("next_review", "The next review date must be after today.")
        return data
