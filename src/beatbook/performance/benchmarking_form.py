"""The benchmarking page's choices: the forces to compare with and the months."""

from __future__ import annotations

from django import forms
from django.conf import settings

from beatbook.performance.benchmarking import ForceOption, parse_period
from beatbook.performance.registry import Period


class BenchmarkForm(forms.Form):
    compare = forms.MultipleChoiceField(
        label="Compare with",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Forces whose data.police.uk street-level files are ingested; their months are in brackets.",
    )
    period = forms.CharField(
        label="Months",
        required=False,
        max_length=10,
        help_text="A month (2020-01), a quarter (2025Q4) or a year (2025). Empty: the latest month every chosen "
        "force published.",
    )

    def __init__(self, *args, options: list[ForceOption], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.options = options
        self.fields["compare"].choices = [  # type: ignore[attr-defined]
            (o.slug, f"{o.name} ({o.span})") for o in options if o.slug != settings.BEATBOOK_FORCE
        ]

    def clean_period(self) -> Period | None:
        text = self.cleaned_data["period"].strip()
        if not text:
            return None
        try:
            return parse_period(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None

    def chosen(self) -> list[ForceOption]:
        """The user's force (when it has data), then the forces chosen, in the page's order."""
        slugs = set(self.cleaned_data.get("compare") or ()) | {settings.BEATBOOK_FORCE}
        return [o for o in self.options if o.slug in slugs]

    def problems(self) -> list[str]:
        """Each error as "parameter: message", for the page's summary and the CSV's 400."""
        return [f"{name}: {message}" for name, errors in self.errors.items() for message in errors]
