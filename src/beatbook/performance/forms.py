"""The dashboard's choices (scope and period), the board pack's quarter, and an owner's commentary."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from beatbook.geography.models import Force
from beatbook.performance.registry import Period, indicators
from beatbook.performance.scopes import scopes_of
from beatbook.performance.services import latest_complete_quarter, period_choices

KIND_LABELS = {"force": "Force", "sector": "Sector", "cluster": "Cluster"}


def scope_choices(force: Force) -> list[tuple[str, str]]:
    return [(s.key, f"{KIND_LABELS[s.kind]}: {s.name}") for s in scopes_of(force)]


class ChoicesForm(forms.Form):
    def _choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        cast(forms.ChoiceField, self.fields[name]).choices = choices


class DashboardForm(ChoicesForm):
    scope = forms.ChoiceField(label="Force, sector or cluster", help_text="Whose figures to show")
    period = forms.ChoiceField(
        help_text="A quarter or a calendar year; the default is the latest quarter with every month of crime data"
    )

    def __init__(self, force: Force, data: Any = None) -> None:
        self.force = force
        default = latest_complete_quarter(force.slug)
        query = {"scope": force.slug, "period": default.label, **(data.dict() if data is not None else {})}
        super().__init__(query)
        self._choices("scope", scope_choices(force))
        self._choices("period", period_choices(force.slug))

    def clean_period(self) -> Period:
        return Period.parse(self.cleaned_data["period"])


class QuarterForm(ChoicesForm):
    quarter = forms.ChoiceField(help_text="The quarter the pack reports, e.g. 2025Q4")

    def __init__(self, force: Force, data: Any = None) -> None:
        query = {"quarter": latest_complete_quarter(force.slug).label, **(data.dict() if data is not None else {})}
        super().__init__(query)
        self._choices("quarter", quarters(force))

    def clean_quarter(self) -> Period:
        return Period.parse(self.cleaned_data["quarter"])


def quarters(force: Force) -> list[tuple[str, str]]:
    return [(label, text) for label, text in period_choices(force.slug) if "Q" in label]


class CommentaryForm(ChoicesForm):
    indicator = forms.ChoiceField(widget=forms.HiddenInput, label="Indicator")
    scope = forms.ChoiceField(widget=forms.HiddenInput, label="Force or cluster")
    quarter = forms.ChoiceField(widget=forms.HiddenInput, label="Quarter")
    text = forms.CharField(
        label="Commentary",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the figure means and what is being done about it (up to 2,000 characters)",
    )

    def __init__(self, force: Force, data: Any = None) -> None:
        super().__init__(data)
        self._choices("indicator", [(i.code, i.name) for i in indicators()])
        self._choices("scope", scope_choices(force))
        self._choices("quarter", quarters(force))

    def clean_quarter(self) -> Period:
        return Period.parse(self.cleaned_data["quarter"])

    def problems(self) -> list[str]:
        """Each error after the name of its field in words ("Commentary: ..."), never its parameter."""
        labels = {name: f"{field.label}: " for name, field in self.fields.items()}
        return [f"{labels.get(name, '')}{message}" for name, errors in self.errors.items() for message in errors]

    def figure_name(self) -> str:
        """The figure the commentary is on, in words, as far as the form tells it."""
        fields = cast(dict[str, Any], self.fields)
        names = [dict(fields[f].choices).get(self.data.get(f, ""), "") for f in ("indicator", "scope")]
        return ", ".join(n for n in names if n)
