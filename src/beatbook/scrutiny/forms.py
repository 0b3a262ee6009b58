"""Forms of the scrutiny pages: a new meeting, its findings, and a use-of-powers case by reference."""

from __future__ import annotations

from typing import Any

from django import forms

from beatbook.core.months import add_months
from beatbook.scrutiny.models import MAX_SAMPLE, Meeting, PowersCase, SampledSearch

MONTH_FORMATS = ["%Y-%m", "%Y-%m-%d"]


class MonthField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(input_formats=MONTH_FORMATS, **kwargs)

    def to_python(self, value: Any) -> Any:
        found = super().to_python(value)
        return found.replace(day=1) if found is not None else None


class MeetingForm(forms.ModelForm):
    first_month = MonthField(help_text="The first month of the period reviewed (YYYY-MM)")
    last_month = MonthField(help_text="The last month of the period reviewed (YYYY-MM)")
    seed = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=2**62,
        help_text="Leave empty for a new random seed; give the seed of an earlier draw to draw the same records",
    )

    class Meta:
        model = Meeting
        fields = ["group", "held_on", "first_month", "last_month", "sample_size", "seed"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"})}

    def clean_sample_size(self) -> int:
        size = self.cleaned_data["sample_size"]
        if not 1 <= size <= MAX_SAMPLE:
            raise forms.ValidationError(f"Draw between 1 and {MAX_SAMPLE} searches.")
        return size

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last, held = data.get("first_month"), data.get("last_month"), data.get("held_on")
        if first and last and last < first:
            self.add_error("last_month", "The last month comes before the first.")
        if last and held and held < add_months(last, 1):
            self.add_error(
                "held_on",
                f"Held on is before the end of the period reviewed (last month: {last:%B %Y}): the group "
                f"reviews searches of months that have ended, so give 1 {add_months(last, 1):%B %Y} or later.",
            )
        return data


class FindingsForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["findings", "force_response", "published"]
        widgets = {"findings": forms.Textarea(attrs={"rows": 5}), "force_response": forms.Textarea(attrs={"rows": 5})}


SearchFindingFormSet: Any = forms.modelformset_factory(
    SampledSearch,
    fields=["verdict", "finding"],
    extra=0,
    widgets={"finding": forms.Textarea(attrs={"rows": 2})},
)


class CaseForm(forms.ModelForm):
    class Meta:
        model = PowersCase
        fields = ["reference", "power", "verdict", "finding"]
        widgets = {"finding": forms.Textarea(attrs={"rows": 2})}
