"""The forms of SARA problems; every field has help text and every error names its field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from beatbook.accounts.models import PartnerOrganisation
from beatbook.core.roles import Role
from beatbook.crime.models import CATEGORY_CHOICES
from beatbook.geography.models import Force, Ward
from beatbook.hub.pages import HUB_PAGES
from beatbook.problems.models import Problem, Response, Section, Stage
from beatbook.problems.spec import Period, SpecError, parse_polygon

TRIANGLE = ("victim", "offender", "location", "guardian", "handler", "manager")


def officers() -> Any:
    return get_user_model().objects.filter(groups__name=Role.OFFICER.value, is_active=True).order_by("username")


def force_wards() -> Any:
    force = Force.objects.configured()
    return Ward.objects.of_force(force) if force is not None else Ward.objects.none()


class ProblemForm(forms.ModelForm):
    categories = forms.MultipleChoiceField(
        choices=CATEGORY_CHOICES, required=False, widget=forms.CheckboxSelectMultiple, help_text="None ticked: all."
    )
    shared_sections = forms.MultipleChoiceField(
        choices=Section.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Shared with the partners named",
        help_text="Partners always see the title, stage, review date and the summary for partners; "
        "nothing else unless ticked.",
    )

    class Meta:
        model = Problem
        fields = [
            "title", "description", "partner_summary", "shared_sections", "wards", "centre_lat", "centre_lng",
            "radius_m", "polygon", "categories", "source", "owner", "supporting_officers", "partners", "priority",
            "review_date", *TRIANGLE,
        ]  # fmt: skip
        widgets = {
            "review_date": forms.DateInput(attrs={"type": "date"}),
            "wards": forms.CheckboxSelectMultiple,
            "partners": forms.CheckboxSelectMultiple,
            "supporting_officers": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
            "partner_summary": forms.Textarea(attrs={"rows": 3}),
            "polygon": forms.Textarea(attrs={"rows": 2}),
            **{name: forms.Textarea(attrs={"rows": 2}) for name in TRIANGLE},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["wards"].queryset = force_wards()  # type: ignore[attr-defined]
        self.fields["owner"].queryset = officers()  # type: ignore[attr-defined]
        self.fields["owner"].help_text = "The Dedicated Ward Officer who owns the problem."
        self.fields["supporting_officers"].queryset = officers()  # type: ignore[attr-defined]
        self.fields["partners"].queryset = PartnerOrganisation.objects.all()  # type: ignore[attr-defined]
        self.fields[
            "wards"
        ].help_text = "The problem's area: wards, a radius around a point, or a polygon (one of the three)."

    def clean_polygon(self) -> str:
        text = (self.cleaned_data.get("polygon") or "").strip()
        if not text:
            return ""
        try:
            parse_polygon(text)
        except SpecError as exc:
            raise forms.ValidationError(exc.message) from None
        return text

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        centre = (data.get("centre_lat"), data.get("centre_lng"), data.get("radius_m"))
        if any(v is not None for v in centre) and not all(v is not None for v in centre):
            self.add_error("radius_m", "A radius area needs a latitude, a longitude and a radius.")
        kinds = _area_kinds(data, all(v is not None for v in centre))
        if not kinds:
            self.add_error("wards", "Give the problem's area: at least one ward, a radius or a polygon.")
        elif len(kinds) > 1:
            self.add_error("wards", f"Give one kind of area, not {' and '.join(kinds)}: the assessment counts one.")
        return data


def _area_kinds(data: dict[str, Any], has_radius: bool) -> list[str]:
    """The kinds of area given: the wards field, a radius, a polygon."""
    given = {"wards": bool(data.get("wards")), "a radius": has_radius, "a polygon": bool(data.get("polygon"))}
    return [kind for kind, present in given.items() if present]


class MoveForm(forms.Form):
    stage = forms.ChoiceField(choices=Stage.choices, help_text="The SARA stage to move the problem to.")
    note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="Why, kept in the problem's history."
    )


class ResponseForm(forms.ModelForm):
    class Meta:
        model = Response
        fields = ["kind", "action", "owner", "partner", "start", "end", "status", "notes"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = officers()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The end is before the start.")
        return data


class PeriodField(forms.CharField):
    def to_python(self, value: Any) -> Period | None:  # type: ignore[override]
        text = (value or "").strip()
        if not text:
            return None
        try:
            return Period.parse(text, str(self.label or "period"))
        except SpecError as exc:
            raise forms.ValidationError(exc.message) from None


class AssessmentForm(forms.Form):
    before = PeriodField(label="Before", help_text="First and last month before the response, YYYY-MM:YYYY-MM.")
    after = PeriodField(label="After", help_text="First and last month after the response began, YYYY-MM:YYYY-MM.")
    buffer = forms.IntegerField(
        min_value=0, max_value=5000, initial=200, label="Buffer (metres)",
        help_text="Width of the ring around the response area where crime might move to (0: none).",
    )  # fmt: skip
    control = forms.ModelMultipleChoiceField(
        queryset=Ward.objects.none(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Control wards",
        help_text="Wards that stand for what would have happened without the response; suggestions are shown above.",
    )
    control_polygon = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Control area drawn on the map",
        help_text="A GeoJSON polygon (WGS84 longitude/latitude), instead of or besides control wards; "
        "its crimes are counted by map point. Drawn on the map below, or pasted here.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["control"].queryset = force_wards()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        before, after = data.get("before"), data.get("after")
        if before and after and after.first <= before.last:
            self.add_error("after", "The after period must start after the before period ends.")
        if not data.get("control") and not data.get("control_polygon") and "control_polygon" not in self.errors:
            self.add_error("control", "Choose at least one control ward, or draw a control area on the map.")
        return data

    def clean_control_polygon(self) -> dict[str, Any] | None:
        text = (self.cleaned_data.get("control_polygon") or "").strip()
        if not text:
            return None
        try:
            return parse_polygon(text, "control_polygon")
        except SpecError as exc:
            raise forms.ValidationError(exc.message) from None


#: Hub pages a snapshot may come from: the Hub's own pages (each draws a chart, a table or a map).
SNAPSHOT_PAGES = tuple(name.removeprefix("hub:") for name, _ in HUB_PAGES)


def hub_address(text: str) -> tuple[str, str, str]:
    """(page name, path, query) of a Hub page's address; any host in it is ignored."""
    from urllib.parse import urlsplit

    from django.urls import Resolver404, resolve

    parts = urlsplit(text.strip())
    try:
        match = resolve(parts.path or "/")
    except Resolver404:
        match = None
    if match is None or match.namespace != "hub" or match.url_name not in SNAPSHOT_PAGES:
        labels = [label for _, label in HUB_PAGES]
        raise forms.ValidationError(f"Give the address of a Hub page: {', '.join(labels[:-1])} or {labels[-1]}.")
    return f"hub:{match.url_name}", parts.path, parts.query


class SnapshotForm(forms.Form):
    address = forms.CharField(
        max_length=1200,
        label="Hub page address",
        help_text="Copied from the address bar of the Hub page, with its filters, e.g. "
        "/hub/hotspots/?area=ward:bishopsgate.",
    )
    title = forms.CharField(max_length=200, help_text="What it shows, e.g. “Hotspots of theft, Bishopsgate, 2025”.")
    note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="What it tells us about the problem."
    )

    def clean_address(self) -> tuple[str, str, str]:
        return hub_address(self.cleaned_data["address"])


class AttachForm(SnapshotForm):
    """The Hub pages' own "Attach to a problem" control: the page's address comes from the page."""

    problem = forms.ModelChoiceField(
        queryset=Problem.objects.none(),
        label="Problem",
        help_text="An open problem you may change (your own; any, for a supervisor).",
    )
    field_order = ["problem", "title", "note", "address"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["problem"].queryset = Problem.objects.extendable_by(user)  # type: ignore[attr-defined]
