"""The forms of a plan's page: an action of the implementation plan, and what a priority is tied to."""

from __future__ import annotations

from typing import Any

from django import forms

from beatbook.campaigns.models import Campaign
from beatbook.partnership.models import Action, Member, Priority
from beatbook.performance import registry
from beatbook.problems.models import Problem


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["action", "owner", "lead", "due", "status", "progress"]
        widgets = {
            "action": forms.Textarea(attrs={"rows": 2}),
            "due": forms.DateInput(attrs={"type": "date"}),
            "progress": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, priority: Priority, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the members of this plan's partnership can own its actions.
        self.fields["owner"].queryset = Member.objects.filter(partnership=priority.plan.partnership_id)  # type: ignore[attr-defined]


class PriorityForm(forms.ModelForm):
    codes = forms.CharField(
        required=False,
        label="Indicators",
        help_text="Codes of the performance framework's indicators, separated by commas or spaces",
    )

    class Meta:
        model = Priority
        fields = ["title", "description", "problems", "campaigns"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "problems": forms.CheckboxSelectMultiple,
            "campaigns": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "problems": "The SARA problems that work on this priority",
            "campaigns": "The campaigns that serve it",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["problems"].queryset = Problem.objects.order_by("title")  # type: ignore[attr-defined]
        self.fields["campaigns"].queryset = Campaign.objects.order_by("title")  # type: ignore[attr-defined]
        self.initial.setdefault("codes", " ".join(self.instance.indicator_codes or []))

    def clean_codes(self) -> list[str]:
        codes = list(dict.fromkeys(self.cleaned_data["codes"].replace(",", " ").split()))
        unknown = []
        for code in codes:
            try:
                registry.get(code)
            except KeyError:
                unknown.append(code)
        if unknown:
            raise forms.ValidationError(f"No indicator of the framework is called {', '.join(unknown)}.")
        return codes

    def save(self, commit: bool = True) -> Priority:
        self.instance.indicator_codes = self.cleaned_data["codes"]
        return super().save(commit)
