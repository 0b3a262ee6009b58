from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone

from beatbook.bikes.keys import normalise
from beatbook.bikes.models import BIKE_MARKING, MarkedBike
from beatbook.core.public_forms import Honeypot
from beatbook.engagement.models import Event
from beatbook.geography.models import Ward

FIELDS = [
    "owner_name",
    "owner_email",
    "owner_phone",
    "make",
    "model",
    "colour",
    "frame_number",
    "marking_code",
    "marked_on",
    "ward",
]


class BikeForm(forms.ModelForm):
    """What an officer enters at a marking event."""

    class Meta:
        model = MarkedBike
        fields = [*FIELDS, "event"]
        widgets = {"marked_on": forms.DateInput(attrs={"type": "date"})}
        labels = {"owner_name": "Owner's name", "owner_email": "Owner's email", "owner_phone": "Owner's telephone"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["marked_on"].initial = timezone.localdate
        self.fields["ward"].queryset = Ward.objects.of_force(settings.BEATBOOK_FORCE).order_by("name")  # type: ignore[attr-defined]
        if "event" in self.fields:  # officers' form only
            events = Event.objects.filter(event_type__slug=BIKE_MARKING).order_by("-start")
            self.fields["event"].queryset = events  # type: ignore[attr-defined]
            self.fields["event"].help_text = "The bike-marking event it was marked at, if any"

    def clean_frame_number(self) -> str:
        text = self.cleaned_data["frame_number"]
        if len(normalise(text)) < 4:
            raise forms.ValidationError("A frame number has at least 4 letters or digits.")
        return text.strip()

    def clean_marking_code(self) -> str:
        code = normalise(self.cleaned_data["marking_code"])
        if len(code) < 4:
            raise forms.ValidationError("A marking code has at least 4 letters or digits.")
        if MarkedBike.objects.filter(marking_code=code).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("This marking code is already registered: check the sticker and try again.")
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("owner_email") and not data.get("owner_phone"):
            self.add_error("owner_email", "Give an email address or a telephone number, so the owner can be told.")
        marked = data.get("marked_on")
        if marked and marked > timezone.localdate():
            self.add_error("marked_on", "The date the bike was marked cannot be in the future.")
        return data


class OwnerBikeForm(Honeypot, BikeForm):
    """The public form: the owner registers a bike they marked (a kit, or at an event)."""

    class Meta(BikeForm.Meta):
        fields = FIELDS
        labels = {"owner_name": "Your name", "owner_email": "Your email", "owner_phone": "Your telephone"}
        help_texts = {
            "marked_on": "The day the bike was marked",
            "owner_name": "Only police officers can see your name and contact details",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ward"].label = "Ward where you usually keep or ride it (optional)"


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Frame number or marking code",
        max_length=60,
        help_text="As written on the frame or sticker; spaces, dashes and case do not matter",
    )

    def clean_q(self) -> str:
        text = self.cleaned_data["q"]
        if len(normalise(text)) < 4:
            raise forms.ValidationError("Type at least 4 letters or digits of the frame number or marking code.")
        return text


class DeleteForm(forms.Form):
    """Why a record is deleted: a choice, so that no personal data is typed into the audit log."""

    reason = forms.ChoiceField(
        choices=[
            ("", "Choose a reason"),
            ("owner-asked", "The owner asked for it to be removed"),
            ("sold", "The bike was sold or given away"),
            ("mistake", "Entered by mistake or twice"),
            ("retention", "Kept longer than needed"),
        ],
        help_text="Written to the audit log with the marking code, never the owner's details",
    )
