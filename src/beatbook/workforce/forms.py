"""Forms of the workforce pages: officers and teams, abstractions, deployments, qualifications, roster uploads."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from beatbook.core.roles import ATTENDANCE_HANDLERS
from beatbook.geography.models import Cluster
from beatbook.workforce import photos
from beatbook.workforce.models import Officer, Team
from beatbook.workforce.records import (
    MAX_HOURS,
    MIN_HOURS,
    Abstraction,
    AbstractionReason,
    Deployment,
    Qualification,
    QualificationType,
)

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class DateInput(forms.DateInput):
    input_type = "date"


class PhotoChecks:
    """The checks of an officer's photo and what may be published, for the page and the admin alike:
    an upload is re-encoded without its metadata (photos.py)."""

    cleaned_data: Any
    initial: Any
    instance: Any
    add_error: Any

    def clean_photo(self) -> Any:
        upload = self.cleaned_data.get("photo")
        if upload is False or upload is None:  # cleared, or unchanged
            return upload
        if upload is self.initial.get("photo"):
            return upload
        return photos.reencoded(upload)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}  # type: ignore[misc]
        if data.get("publish_phone") and not data.get("phone"):
            self.add_error("publish_phone", "There is no phone number to publish.")
        photo = data.get("photo")
        has_photo = bool(photo) or (photo is None and bool(self.instance.photo))
        if data.get("publish_photo") and not has_photo:
            self.add_error("publish_photo", "There is no photo to publish: upload one first.")
        return data


class OfficerForm(PhotoChecks, forms.ModelForm):
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
            "working_pattern",
            "planned_hours_per_week",
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


class OfficerAdminForm(PhotoChecks, forms.ModelForm):
    """The admin's officer form: the same photo checks as the supervisors' page."""

    photo = forms.FileField(required=False, help_text=OfficerForm.base_fields["photo"].help_text)

    class Meta:
        model = Officer
        fields = [*OfficerForm.Meta.fields, "force"]


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


class HoursField(forms.DecimalField):
    """Hours on one day, refused with the range allowed: the column's digit count ("no more than 2
    digits before the decimal point") says nothing a supervisor can act on."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("max_digits", None)
        kwargs.pop("decimal_places", None)
        kwargs.setdefault("widget", forms.NumberInput(attrs={"step": "0.25", "inputmode": "decimal"}))
        in_range = f"Give between {MIN_HOURS:g} and {MAX_HOURS:g} hours."
        messages = {"min_value": in_range, "max_value": in_range}
        messages["max_decimal_places"] = "Give the hours to two decimal places at most, e.g. 7.5 or 7.25."
        kwargs["error_messages"] = {**kwargs.get("error_messages", {}), **messages}
        super().__init__(min_value=MIN_HOURS, max_value=MAX_HOURS, decimal_places=2, **kwargs)


class AbstractionForm(forms.ModelForm):
    """An abstraction: a supervisor names the officer; an officer's own has no officer field."""

    class Meta:
        model = Abstraction
        fields = ["officer", "date", "hours", "reason", "note"]
        widgets = {"date": DateInput}
        field_classes = {"hours": HoursField}

    def __init__(self, *args: Any, own: Officer | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.own = own
        if own is not None:
            del self.fields["officer"]
        else:
            officers = Officer.objects.of_force(settings.BEATBOOK_FORCE).dwos().order_by("name")
            self.fields["officer"].queryset = officers  # type: ignore[attr-defined]
        reasons = AbstractionReason.objects.filter(active=True)
        if self.instance.pk:  # a record keeps its reason even if the force retired it since
            reasons = reasons | AbstractionReason.objects.filter(pk=self.instance.reason_id)
        self.fields["reason"].queryset = reasons  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        officer = self.own or data.get("officer")
        key = {"officer": officer, "date": data.get("date"), "reason": data.get("reason")}
        if all(key.values()) and Abstraction.objects.filter(**key).exclude(pk=self.instance.pk).exists():
            self.add_error("reason", "This officer already has an abstraction for this reason on this day: change it.")
        return data


class DeploymentForm(forms.ModelForm):
    class Meta:
        model = Deployment
        fields = ["officer", "date", "hours", "activity", "cluster"]
        widgets = {"date": DateInput}
        field_classes = {"hours": HoursField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        force = settings.BEATBOOK_FORCE
        self.fields["officer"].queryset = Officer.objects.of_force(force).volunteers()  # type: ignore[attr-defined]
        self.fields["officer"].label = "Special Constable or Police Cadet"
        self.fields["cluster"].queryset = Cluster.objects.filter(sector__force__slug=force)  # type: ignore[attr-defined]


class QualificationForm(forms.ModelForm):
    class Meta:
        model = Qualification
        fields = ["officer", "kind", "achieved", "expires"]
        widgets = {"achieved": DateInput, "expires": DateInput}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = Officer.objects.of_force(settings.BEATBOOK_FORCE)  # type: ignore[attr-defined]
        self.fields["kind"].queryset = QualificationType.objects.filter(active=True)  # type: ignore[attr-defined]

    def clean_achieved(self) -> date:
        achieved: date = self.cleaned_data["achieved"]
        if achieved > timezone.localdate():
            raise forms.ValidationError("Achieved is in the future: give the day it was passed or completed.")
        return achieved

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        achieved, expires = data.get("achieved"), data.get("expires")
        if achieved and expires and expires < achieved:
            self.add_error("expires", "The renewal date is before the day it was achieved.")
        return data


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label="Roster export (CSV)",
        help_text=f"CSV in UTF-8, at most {MAX_UPLOAD_BYTES // (1024 * 1024)} MB, with the columns the page lists. "
        "A file with any bad row stores nothing.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"The file is {upload.size // 1024} KB: at most 2 MB please.")
        return upload
