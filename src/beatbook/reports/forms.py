"""The Community Profile's choices: the year, and whether to read it as a page or download a PDF."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from beatbook.hub import services
from beatbook.reports.year import FIRST_YEAR, NoPublishedData, ReportYear, report_year


def published_years(force_slug: str) -> list[int]:
    return sorted({m.year for m in services.published_months(force_slug)})


class ProfileForm(forms.Form):
    year = forms.IntegerField(label="Year", min_value=FIRST_YEAR)
    format = forms.ChoiceField(
        label="Format",
        choices=[("html", "Read it here (HTML)"), ("pdf", "Download a PDF")],
        initial="html",
        required=False,
    )

    def __init__(self, force_slug: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.force_slug = force_slug
        self.report_year: ReportYear | None = None
        years = published_years(force_slug)
        self.fields["year"].max_value = timezone.localdate().year  # type: ignore[attr-defined]
        self.fields["year"].widget.attrs.update(min=FIRST_YEAR, max=timezone.localdate().year)
        self.fields["year"].help_text = (
            f"Years with published crime data: {', '.join(map(str, years))}."
            if years
            else "No crime data are loaded yet."
        )

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        try:
            self.report_year = report_year(self.force_slug, year)
        except NoPublishedData as exc:
            raise forms.ValidationError(f"{str(exc)[0].upper()}{str(exc)[1:]}.") from None
        return year

    def clean_format(self) -> str:
        return self.cleaned_data.get("format") or "html"
