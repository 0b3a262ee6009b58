"""The forms of community intelligence: telling us (public, partner, officer), grading, sanitising,
sharing, linking, and the triage queue's filters."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings

from beatbook.accounts.models import PartnerOrganisation
from beatbook.core.public_forms import Honeypot
from beatbook.geography.locate import locate
from beatbook.geography.models import Cluster, Ward
from beatbook.intel.models import Assessment, HandlingCode, Intel, SourceEvaluation, Status, Theme
from beatbook.premises.models import LicensedPremises
from beatbook.problems.picker import ProblemChoice, choice_for

TEXT_LIMIT = 5000


def _choices(form: forms.Form, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])


def _wards() -> Any:
    return Ward.objects.of_force(settings.BEATBOOK_FORCE).order_by("name")


class WhereMixin(forms.Form):
    """Where it happened: a ward chosen, or a point located in its ward (both given: they must agree)."""

    ward = forms.ModelChoiceField(
        queryset=Ward.objects.none(), required=False, empty_label="Not sure", label="Ward (if you know it)"
    )
    lat = forms.FloatField(required=False, label="Latitude", min_value=-90, max_value=90, help_text="Optional")
    lng = forms.FloatField(required=False, label="Longitude", min_value=-180, max_value=180, help_text="Optional")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "ward").queryset = _wards()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lat, lng = data.get("lat"), data.get("lng")
        if (lat is None) != (lng is None):
            self.add_error("lng" if lat is not None else "lat", "Give both the latitude and the longitude, or neither.")
        elif lat is not None and lng is not None:
            found = locate(lat, lng, settings.BEATBOOK_FORCE)
            if found is None:
                self.add_error("lat", f"The point {lat:.5f}, {lng:.5f} is outside the force's wards.")
            elif data.get("ward") and data["ward"] != found:
                self.add_error("ward", f"The point given is in {found} ward, not {data['ward']}.")
            else:
                data["ward"] = found
        return data


class PublicSubmissionForm(Honeypot, WhereMixin):
    original_text = forms.CharField(
        label="What do you want to tell us?",
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What you saw or heard, when, and who or what was involved. Please do not use this form to report "
        "a crime happening now: call 999.",
    )
    place = forms.CharField(
        required=False, max_length=300, label="Where?", help_text="A street, building or landmark in the City"
    )
    submitter_name = forms.CharField(required=False, max_length=200, label="Your name (optional)")
    submitter_contact = forms.CharField(
        required=False,
        max_length=200,
        label="A telephone number or email address (optional)",
        help_text="Leave one and you get a private link to add more later. Leave none to stay anonymous.",
    )
    field_order = ["original_text", "place", "ward", "lat", "lng", "submitter_name", "submitter_contact", "website"]


class StaffSubmissionForm(WhereMixin):
    original_text = forms.CharField(
        label="Intelligence", max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 6})
    )
    place = forms.CharField(required=False, max_length=300, label="Where?")
    submitter_name = forms.CharField(
        required=False, max_length=200, label="Source's name", help_text="If the source is not you; optional"
    )
    submitter_contact = forms.CharField(required=False, max_length=200, label="Source's contact details")
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.filter(active=True), required=False, widget=forms.CheckboxSelectMultiple
    )

    field_order = ["original_text", "place", "ward", "lat", "lng", "themes", "submitter_name", "submitter_contact"]


class FollowUpForm(forms.Form):
    text = forms.CharField(label="What would you like to add?", max_length=TEXT_LIMIT, widget=forms.Textarea)


def _chosen(choices: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A blank first choice: a form opened on an ungraded item must not hold a grade nobody chose."""
    return [("", "Choose…"), *choices]


class GradeForm(forms.Form):
    source_evaluation = forms.ChoiceField(choices=_chosen(SourceEvaluation.choices), label="Source evaluation")
    assessment = forms.ChoiceField(choices=_chosen(Assessment.choices), label="Intelligence assessment")
    handling_code = forms.ChoiceField(choices=_chosen(HandlingCode.choices), label="Handling code")
    handling_conditions = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Handling conditions",
        help_text="Required for code C: what a recipient may and may not do with it. A supervisor approves them.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        conditions = data.get("handling_conditions", "").strip()
        if data.get("handling_code") == HandlingCode.C and not conditions:
            self.add_error("handling_conditions", "Handling code C needs its conditions written down.")
        if data.get("handling_code") == HandlingCode.P and conditions:
            self.add_error("handling_conditions", "Conditions are for handling code C: choose C, or leave this empty.")
        return data


class SanitiseForm(forms.Form):
    sanitised_text = forms.CharField(
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Sanitised text",
        help_text="What may be shared: remove anything that could identify the source (names, where they live or "
        "work, when and how they came to know it). Another intelligence officer approves it.",
    )


class ShareForm(forms.Form):
    """Share an item with a partner organisation it is not yet shared with."""

    organisation = forms.ModelChoiceField(
        queryset=PartnerOrganisation.objects.none(),
        label="Partner organisation",
        error_messages={"invalid_choice": "Choose an organisation from the list: this item is already shared with it."},
    )
    reason = forms.CharField(max_length=500, label="Why they need it", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, item: Intel, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        already = item.shares.values("organisation_id")
        _choices(self, "organisation").queryset = PartnerOrganisation.objects.exclude(pk__in=already).order_by("name")

    @property
    def has_choices(self) -> bool:
        offered = _choices(self, "organisation").queryset
        return offered is not None and offered.exists()


class LinksForm(forms.Form):
    ward = forms.ModelChoiceField(queryset=Ward.objects.none(), required=False, empty_label="Not located")
    premises = forms.ModelChoiceField(
        queryset=LicensedPremises.objects.none(), required=False, empty_label="None", label="Premises"
    )
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.filter(active=True), required=False, widget=forms.CheckboxSelectMultiple
    )
    problem = forms.CharField(
        required=False,
        max_length=64,
        label="SARA problem",
        help_text="The reference of the problem this bears on (e.g. SARA-12), if any: find it by its title below",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "ward").queryset = _wards()
        _choices(self, "premises").queryset = LicensedPremises.objects.filter(
            register__force_slug=settings.BEATBOOK_FORCE
        ).order_by("name")

    def clean_problem(self) -> ProblemChoice | None:
        typed = self.cleaned_data.get("problem", "").strip()
        if not typed:
            return None
        choice = choice_for(typed)
        if choice is None:
            raise forms.ValidationError(f"No SARA problem has the reference {typed!r}: find it by its title.")
        return choice


class ProblemSearchForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=100,
        label="Find a SARA problem",
        help_text="Words of its title, or its reference (SARA-12)",
    )
    item = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput, label="Intelligence item")


class QueueFilterForm(forms.Form):
    cluster = forms.ModelChoiceField(queryset=Cluster.objects.none(), required=False, empty_label="Every cluster")
    status = forms.ChoiceField(choices=[("", "Open items"), *Status.choices], required=False)
    q = forms.CharField(required=False, max_length=100, label="Search", help_text="Reference or words in the text")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "cluster").queryset = Cluster.objects.filter(sector__force__slug=settings.BEATBOOK_FORCE)
