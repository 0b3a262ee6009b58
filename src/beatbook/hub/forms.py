"""The Hub's page filters: area, months and crime categories, read from the URL so that a
page's address holds the choice. Every bad value becomes a message on its field, never a 500."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from beatbook.core.months import parse_month
from beatbook.crime.models import DataKind
from beatbook.crime.police_uk.categories import CATEGORY_NAMES
from beatbook.geography.models import Cluster, Force, Sector, Ward
from beatbook.hub.selection import Selection
from beatbook.hub.services import SelectionError, select

#: The command-line option a SelectionError names, and the form field it belongs to.
_OPTION_FIELDS = {"--from": "from", "--to": "to", "--ward": "area", "--cluster": "area", "--sector": "area"}
FORCE = "force"


def area_choices(force: Force) -> list[tuple[str, Any]]:
    """The force, then its sectors, clusters and wards, as ``kind:key`` values."""
    sectors = Sector.objects.filter(force=force).order_by("name")
    clusters = Cluster.objects.filter(sector__force=force).order_by("name")
    wards = Ward.objects.of_force(force).order_by("name")
    return [
        (FORCE, f"{force.name} (whole force)"),
        ("Sectors", [(f"sector:{s.code}", f"{s.name} sector") for s in sectors]),
        ("Clusters", [(f"cluster:{c.code}", f"{c.name} cluster") for c in clusters]),
        ("Wards", [(f"ward:{w.slug}", w.name) for w in wards]),
    ]


def area_value(kind: str, key: str) -> str:
    return FORCE if kind == FORCE else f"{kind}:{key}"


class MonthField(forms.CharField):
    """A ``YYYY-MM`` month (the browser's month picker), as the first day of the month."""

    # Plain text, not the browser's month picker: an empty picker shows dashes, not the default month.
    widget = forms.TextInput(attrs={"placeholder": "YYYY-MM", "inputmode": "numeric", "size": 8})

    def to_python(self, value: Any) -> date | None:  # type: ignore[override]
        text = (value or "").strip()
        if not text:
            return None
        try:
            return parse_month(text)
        except ValueError:
            raise forms.ValidationError(f"“{text}” is not a month: use YYYY-MM, for example 2025-01.") from None


class HubFilterForm(forms.Form):
    """Area, first and last month, categories. ``selection`` is set when the form is valid."""

    area = forms.ChoiceField(required=False, label="Area")
    category = forms.MultipleChoiceField(
        required=False,
        label="Crime categories",
        choices=sorted(CATEGORY_NAMES.items(), key=lambda kv: str(kv[1])),
        widget=forms.CheckboxSelectMultiple,
        help_text="None ticked: all categories.",
    )
    #: Categories used when none is ticked (a page may narrow its default, e.g. to the night-time economy).
    default_categories: tuple[str, ...] = ()
    default_categories_label = "all"
    #: The filters every Hub page has; a page's own options come after them.
    base_field_names: tuple[str, ...] = ("area", "from", "to", "category")
    #: Whose published months the period follows (stop and search has months of its own).
    data_kind: str = DataKind.STREET

    def __init__(self, force: Force, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.force = force
        self.selection: Selection | None = None
        self.empty_reason = ""  # why there is nothing to show (no data stored), when no field is at fault
        self.fields["area"].choices = area_choices(force)  # type: ignore[attr-defined]
        self.fields["from"] = MonthField(required=False, label="From", help_text="Default: 12 months to “To”.")
        self.fields["to"] = MonthField(required=False, label="To", help_text="Default: the latest published month.")
        self.order_fields(["area", "from", "to", "category"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        kind, _, key = (data.get("area") or FORCE).partition(":")
        try:
            self.selection = select(
                self.force.slug,
                tuple(data.get("category") or self.default_categories),
                data.get("from"),
                data.get("to"),
                kind=self.data_kind,
                **({kind: key} if kind != FORCE else {}),
            )
        except SelectionError as exc:
            if exc.option is None and "give at most one" not in str(exc):
                self.empty_reason = _page_words(str(exc))
            else:
                self.add_error(_OPTION_FIELDS.get(exc.option or ""), _page_words(str(exc)))
        return data

    def export_options(self) -> dict[str, Any]:
        """The page's own options, as an export's metadata states them."""
        return {k: v for k, v in self.cleaned_data.items() if k not in self.base_field_names}

    def query(self, **changes: Any) -> str:
        """The URL query of this form's values with ``changes``, for links that keep the choice."""
        from django.http import QueryDict

        params = QueryDict(mutable=True)
        for name in ("area", "from", "to"):
            value = changes.get(name, self.data.get(name, ""))
            if value:
                params[name] = value
        given = self.data.getlist("category") if hasattr(self.data, "getlist") else []
        params.setlist("category", changes.get("category", given))
        return params.urlencode()


def _page_words(message: str) -> str:
    """A selection message written for the command line, reworded for the page."""
    for option, field in (("--from", "“From”"), ("--to", "“To”"), ("`beatbook ingest`", "the ingest")):
        message = message.replace(option, field)
    return message[0].upper() + message[1:] + ("" if message.endswith(".") else ".")
