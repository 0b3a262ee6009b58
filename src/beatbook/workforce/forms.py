"""Supervisors' forms for officers and teams."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model

from beatbook.core.roles import ATTENDANCE_HANDLERS
from beatbook.geography.models import Cluster
from beatbook.workforce import photos
from beatbook.workforce.models import Officer, Team


class DateInput(forms.DateInput):
    input_type = "date"


class OfficerForm(forms.ModelForm):
    photo = forms.FileField(
        required=False,
        help_text=f"JPEG, PNG or WebP, at most {photos.MAX_BYTES // (1024 * 1024)} MB. Stored as a JPEG without "
        "its metadata (camera, place).",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    class Meta:
        model = Officer
        fields = [
            "name",
            "rank",
            "duty",
            "collar_number",
            "cluster",
            "teams",
            "user",
            "contact_email",
            "phone",
            "publish_phone",
            "photo",
            "publish_photo",
            "bio",
            "start_date",
            "end_date",
        ]
        widgets = {
            "teams": forms.CheckboxSelectMultiple,
            "start_date": DateInput,
            "end_date": DateInput,
            "bio": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        force = settings.BEATBOOK_FORCE
        self.fields["cluster"].queryset = Cluster.objects.filter(sector__force__slug=force)  # type: ignore[attr-defined]
        self.fields["teams"].queryset = Team.objects.filter(force__slug=force)  # type: ignore[attr-defined]
        accounts = get_user_model().objects.filter(groups__name__in=[r.value for r in ATTENDANCE_HANDLERS])
        self.fields["user"].queryset = accounts.distinct().order_by("username")  # type: ignore[attr-defined]
        self.fields["user"].label = "beatbook account"

    def clean_photo(self) -> Any:
        upload = self.cleaned_data.get("photo")
        if upload is False or upload is None:  # cleared, or unchanged
            return upload
        if upload is self.initial.get("photo"):
            return upload
        return photos.reencoded(upload)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("publish_phone") and not data.get("phone"):
            self.add_error("publish_phone", "There is no phone number to publish.")
        photo = data.get("photo")
        has_photo = bool(photo) or (photo is None and bool(self.instance.photo))
        if data.get("publish_photo") and not has_photo:
            self.add_error("publish_photo", "There is no photo to publish: upload one first.")
        return data


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name", "slug", "description", "contact_email", "serves", "handles_attendance_requests"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"slug": "Short name for addresses, e.g. business (letters, numbers, hyphens)"}

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        taken = Team.objects.filter(force__slug=settings.BEATBOOK_FORCE, slug=slug).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(f"Another team is called {slug!r}: choose another short name.")
        return slug
