"""The forms of briefings: a new briefing (with its photo), renewal, and removal at review."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone

from beatbook.geography.models import Cluster
from beatbook.missing import photos
from beatbook.missing.models import Kind, Risk

LOCAL_DATETIME = {"type": "datetime-local"}


def _future(value: Any) -> Any:
    if value <= timezone.now():
        raise forms.ValidationError("This must be in the future.")
    return value


class BriefingForm(forms.Form):
    kind = forms.ChoiceField(label="Who", choices=Kind.choices, widget=forms.RadioSelect, initial=Kind.MISSING)
    name = forms.CharField(max_length=200, help_text="The name the person uses")
    age = forms.IntegerField(min_value=0, max_value=120, required=False, help_text="Years; optional")
    photo = forms.FileField(
        required=False,
        help_text=f"JPEG, PNG or WebP, at most {settings.BEATBOOK_MISSING_PHOTO_MAX_KB} KB; its metadata is removed",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=1000, help_text="Appearance and clothing"
    )
    last_seen_place = forms.CharField(label="Last seen where", max_length=300)
    last_seen_at = forms.DateTimeField(label="Last seen when", widget=forms.DateTimeInput(attrs=LOCAL_DATETIME))
    risk = forms.ChoiceField(choices=Risk.choices, widget=forms.RadioSelect)
    if_found = forms.CharField(label="What to do if found", widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)
    clusters = forms.ModelMultipleChoiceField(
        queryset=Cluster.objects.none(), widget=forms.CheckboxSelectMultiple, help_text="Whose officers are briefed"
    )
    review_at = forms.DateTimeField(
        label="Review by",
        widget=forms.DateTimeInput(attrs=LOCAL_DATETIME),
        help_text="The briefing leaves officers' view at this time unless it is renewed",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        clusters = Cluster.objects.filter(sector__force__slug=settings.BEATBOOK_FORCE).order_by("name")
        self.fields["clusters"].queryset = clusters  # type: ignore[attr-defined]

    def clean_photo(self) -> bytes | None:
        upload = self.cleaned_data.get("photo")
        return photos.checked_jpeg(upload) if upload else None

    def clean_last_seen_at(self) -> Any:
        value = self.cleaned_data["last_seen_at"]
        if value > timezone.now():
            raise forms.ValidationError("The time last seen is in the future.")
        return value

    def clean_review_at(self) -> Any:
        return _future(self.cleaned_data["review_at"])


class RenewForm(forms.Form):
    review_at = forms.DateTimeField(
        label="New review time", widget=forms.DateTimeInput(attrs=LOCAL_DATETIME), validators=[_future]
    )


class RemoveForm(forms.Form):
    reason = forms.CharField(
        max_length=500, help_text="Why the personal data is no longer needed (recorded in the audit log)"
    )


class FoundForm(forms.Form):
    """A tick, not one tap: a briefing found by mistake leaves every officer's view at once."""

    confirm = forms.BooleanField(
        label="I confirm the person is found",
        help_text="Officers stop seeing the briefing at once, and the safeguarding officer who wrote it is told.",
        error_messages={"required": "Tick “I confirm the person is found” to record it."},
        widget=forms.CheckboxInput(attrs={"aria-describedby": "found-hint"}),
    )
