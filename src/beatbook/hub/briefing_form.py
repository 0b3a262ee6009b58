"""The tasking briefing's choices: an area (an officer's own cluster by default), one month
(the latest published by default), how many recent months the hotspots and premises compare,
and crime categories."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.http import HttpRequest, QueryDict

from beatbook.accounts.models import profile_of
from beatbook.hub.forms import FORCE, HubFilterForm, MonthField, _page_words, area_value
from beatbook.hub.selection import runs_text
from beatbook.hub.services import SelectionError, published_months, select

WINDOWS = [("3", "3 months, to this one"), ("1", "This month only")]
DEFAULT_WINDOW = 3
_AREA_OPTIONS = ("--ward", "--cluster", "--sector")


class BriefingForm(HubFilterForm):
    """Area, month, recent months and categories; ``selection`` is the month when valid."""

    window = forms.TypedChoiceField(
        choices=WINDOWS,
        coerce=int,
        required=False,
        empty_value=None,
        label="Hotspots and premises over",
        help_text="Compared with the 12 months before (hotspots) and the same months a year earlier (premises).",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["from"], self.fields["to"]
        self.fields["month"] = MonthField(
            required=False, label="Month", help_text="Default: the latest published month."
        )
        self.order_fields(["area", "month", "window", "category"])

    def clean_window(self) -> int:
        return int(self.cleaned_data.get("window") or DEFAULT_WINDOW)

    def clean(self) -> dict[str, Any]:
        data = forms.Form.clean(self) or {}
        if self.errors:
            return data
        published = published_months(self.force.slug)
        month = data.get("month") or (published[-1] if published else None)
        if month is not None and published and month not in published:
            self.add_error("month", _unpublished(month, published))
            return data
        kind, _, key = (data.get("area") or FORCE).partition(":")
        try:
            self.selection = select(
                self.force.slug,
                tuple(data.get("category") or ()),
                month,
                month,
                **({kind: key} if kind != FORCE else {}),
            )
        except SelectionError as exc:
            if exc.option in _AREA_OPTIONS:
                self.add_error("area", _page_words(str(exc)))
            else:
                self.empty_reason = _page_words(str(exc))
        return data

    @property
    def window_months(self) -> int:
        return int(self.cleaned_data.get("window") or DEFAULT_WINDOW)

    def query(self, **changes: Any) -> str:
        params = QueryDict(super().query(**changes), mutable=True)
        for name in ("month", "window"):
            value = changes.get(name, self.data.get(name, ""))
            if value:
                params[name] = value
        return params.urlencode()


def _unpublished(month: date, published: list[date]) -> str:
    if month > published[-1]:
        return f"{month:%Y-%m} is after the latest published month, {published[-1]:%Y-%m}."
    if month < published[0]:
        return f"{month:%Y-%m} is before the first published month, {published[0]:%Y-%m}."
    return f"No data were published for {month:%Y-%m}: police.uk data are stored for {runs_text(published)}."


def briefing_query(request: HttpRequest, force_slug: str) -> QueryDict:
    """The request's query, with the defaults written in: the officer's own cluster as the
    area, the month a period ends in or else the latest published month. Links to the PDF and
    the downloads then name them."""
    query = request.GET.copy()
    profile = profile_of(request.user)
    if "area" not in query and profile is not None and profile.cluster is not None:
        query["area"] = area_value("cluster", profile.cluster.code)
    published = published_months(force_slug)
    if not query.get("month") and query.get("to"):
        query["month"] = str(query.get("to"))  # from a page with a period: the briefing of its last month
    elif not query.get("month") and published:
        query["month"] = f"{published[-1]:%Y-%m}"
    return query
