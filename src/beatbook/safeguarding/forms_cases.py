"""The forms of support plans and Community MARAC cases."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from beatbook.accounts.models import PartnerOrganisation
from beatbook.core.roles import SAFEGUARDING_OWNERS
from beatbook.safeguarding.forms import PSEUDONYM_HELP, clean_pseudonym, not_in_the_past
from beatbook.safeguarding.models import CaseStatus, MaracReferral

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _owners() -> Any:
    """Plan owners: safeguarding officers (who hold the victim's records)."""
    names = [role.value for role in SAFEGUARDING_OWNERS]
    return get_user_model().objects.filter(is_active=True, groups__name__in=names).distinct().order_by("username")


class SupportPlanForm(forms.Form):
    victim = forms.CharField(max_length=64, help_text=PSEUDONYM_HELP)
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, help_text="What the victim wants; the plan's aim"
    )
    owner: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(), help_text="The safeguarding officer who leads the plan"
    )
    next_review_on = forms.DateField(label="Next review", widget=DATE, help_text="When the plan is reviewed")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _owners()  # type: ignore[attr-defined]

    def clean_victim(self) -> str:
        return clean_pseudonym(self.cleaned_data["victim"])

    def clean_next_review_on(self) -> date:
        return not_in_the_past(self.cleaned_data["next_review_on"], "The next review")


class ActionForm(forms.Form):
    text = forms.CharField(label="Action", max_length=300, help_text="What will be done")
    owner_name = forms.CharField(label="Owner", max_length=200, help_text="Who does it: a person and their agency")
    due_on = forms.DateField(label="Due", widget=DATE, help_text="By when")

    def clean_due_on(self) -> date:
        return not_in_the_past(self.cleaned_data["due_on"], "The due date")


class PlanReviewForm(forms.Form):
    next_review_on = forms.DateField(label="Next review", widget=DATE)
    status = forms.ChoiceField(choices=CaseStatus.choices)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upcoming = data.get("next_review_on")
        if data.get("status") == CaseStatus.OPEN and upcoming is not None:
            try:
                not_in_the_past(upcoming, "The next review of an open plan")
            except forms.ValidationError as error:
                self.add_error("next_review_on", error)
        return data


def _referral_label(referral: MaracReferral) -> str:
    return f"DASH {referral.assessment_id}: {referral.assessment.victim}, referred {referral.referred_on:%-d %b %Y}"


class MaracCaseForm(forms.Form):
    victim = forms.CharField(max_length=64, help_text=PSEUDONYM_HELP + " Partners never see it.")
    meeting_on = forms.DateField(label="Meeting date", widget=DATE, help_text="The Community MARAC that hears it")
    shared_summary = forms.CharField(
        label="Summary for partners",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="Partners named on the case read this: no name, address or date of birth",
    )
    risk_notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False, help_text="Safeguarding only"
    )
    organisations = forms.ModelMultipleChoiceField(
        queryset=PartnerOrganisation.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Partners invited",
        help_text="Organisations invited to the meeting: they see the case's summary and their own actions",
    )
    referral: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=MaracReferral.objects.none(),
        required=False,
        label="MARAC referral",
        empty_label="None: the case was not referred by a DASH assessment",
        help_text="The DASH assessment's referral the case hears (referrals with no case yet)",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["referral"]
        field.queryset = MaracReferral.objects.filter(
            case__isnull=True, assessment__personal_data_removed_at__isnull=True
        ).select_related("assessment")
        field.label_from_instance = _referral_label

    def clean_victim(self) -> str:
        return clean_pseudonym(self.cleaned_data["victim"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        referral, victim = data.get("referral"), data.get("victim")
        if referral is not None and victim and referral.assessment.victim != victim:
            self.add_error(
                "referral",
                f"The referral is of DASH {referral.assessment_id}, about {referral.assessment.victim}, not {victim}.",
            )
        return data


class MaracActionForm(ActionForm):
    organisation = forms.ModelChoiceField(
        queryset=PartnerOrganisation.objects.all(),
        required=False,
        empty_label="The police",
        help_text="The organisation that owns the action (it is invited to the case if it was not)",
    )
    owner_name = forms.CharField(label="Owner", max_length=200, help_text="The person in that organisation")


class MaracMeetingForm(forms.Form):
    attended = forms.ModelMultipleChoiceField(
        queryset=PartnerOrganisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Partners present",
    )
    outcome = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, help_text="Safeguarding only: what was decided"
    )
    status = forms.ChoiceField(choices=CaseStatus.choices, help_text="Close the case when no action remains")

    def __init__(self, *args: Any, case: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        invited = PartnerOrganisation.objects.filter(pk__in=case.attendances.values("organisation"))
        self.fields["attended"].queryset = invited  # type: ignore[attr-defined]

    def clean_status(self) -> str:
        status: str = self.cleaned_data["status"]
        open_actions = self.case.actions.filter(done_on__isnull=True).select_related("organisation")
        if status == CaseStatus.CLOSED and open_actions:
            named = "; ".join(
                f"{a.text} ({a.organisation or 'the police'}, due {a.due_on:%-d %b %Y})" for a in open_actions
            )
            raise forms.ValidationError(
                f"The case cannot close while an action remains open: {named}. Mark each done first."
            )
        return status
