"""The options of the hotspot map and near-repeat pages, with the defaults and checks of
`beatbook analyse hotspots` and `beatbook analyse near-repeat`: a value the command refuses,
the page refuses too, on its field (status 400)."""

from __future__ import annotations

import math
from typing import Any

from django import forms

from beatbook.analysis.spacing import cell_size_floor
from beatbook.hub import services
from beatbook.hub.analyses import month_lag_days, time_band_meaning
from beatbook.hub.forms import HubFilterForm
from beatbook.hub.hotspot_time import DEFAULT_SLICE_MONTHS, SLICE_MONTHS

DEFAULT_ALPHA = 0.05
FDR_CHOICES = [("bh", "Benjamini-Hochberg (false discovery rate)"), ("none", "None")]
SLICE_NAMES = {1: "Months", 2: "Two months", 3: "Quarters (3 months)", 6: "Half years (6 months)"}


def _number(placeholder: str) -> forms.TextInput:
    return forms.TextInput(attrs={"inputmode": "decimal", "placeholder": placeholder})


class HotspotForm(HubFilterForm):
    """The hotspot map: cell size, significance level, correction and time slices."""

    cell_size = forms.FloatField(
        required=False,
        label="Cell size (metres)",
        widget=_number("automatic"),
        help_text="Default: automatic, never below the spacing of the police.uk map points (about 50 m in the City).",
    )
    alpha = forms.FloatField(
        required=False, label="Significance level", widget=_number(f"{DEFAULT_ALPHA}"), help_text="Default 0.05."
    )
    fdr = forms.ChoiceField(required=False, label="Correction for many cells", choices=FDR_CHOICES)
    slice = forms.TypedChoiceField(
        required=False,
        label="Time slices (classes over time)",
        # The default first: a form without the parameter shows what is used.
        choices=[(str(n), SLICE_NAMES[n]) for n in sorted(SLICE_MONTHS, key=lambda n: n != DEFAULT_SLICE_MONTHS)],
        coerce=int,
        empty_value=DEFAULT_SLICE_MONTHS,  # type: ignore[arg-type]  # the stubs say str; Django returns it as given
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.spacing = math.nan  # median distance between neighbouring map points, once the selection is made

    def clean_cell_size(self) -> float | None:
        size = self.cleaned_data.get("cell_size")
        if size is not None and not (math.isfinite(size) and size > 0):
            raise forms.ValidationError("Give a number of metres greater than 0, or leave it empty for automatic.")
        return size

    def clean_alpha(self) -> float:
        alpha = self.cleaned_data.get("alpha")
        if alpha is None:
            return DEFAULT_ALPHA
        if not 0 < alpha < 1:
            raise forms.ValidationError("Give a number between 0 and 1, e.g. 0.05.")
        return alpha

    def clean_fdr(self) -> str:
        return self.cleaned_data.get("fdr") or "bh"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.selection is not None:
            self.spacing = services.map_point_spacing(self.selection)
            self._check_floor(data.get("cell_size"))
        return data

    def _check_floor(self, size: float | None) -> None:
        """Refuse cells smaller than the spacing of the map points: they only add empty cells."""
        floor = cell_size_floor(self.spacing)
        if size is not None and size < floor:
            assert self.selection is not None
            self.add_error(
                "cell_size",
                f"{size:g} m is below the floor of {floor:g} m: police.uk places crimes at anonymous map points, "
                f"which lie a median {self.spacing:.0f} m from their nearest neighbour in "
                f"{self.selection.force_name}'s data of these months, so smaller cells only add empty cells "
                "around each point.",
            )

    @property
    def fdr_on(self) -> bool:
        return self.cleaned_data.get("fdr") != "none"


class BandsField(forms.CharField):
    """Comma-separated band edges, non-negative and increasing (the command's ``Numbers``)."""

    def __init__(self, default: str, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": default, "inputmode": "decimal"}))
        super().__init__(required=False, **kwargs)
        self.default = default

    def to_python(self, value: Any) -> list[float]:  # type: ignore[override]
        text = (value or "").strip() or self.default
        try:
            numbers = [float(part) for part in text.split(",")]
        except ValueError:
            message = f"“{text}” is not a list of numbers: write edges like {self.default}."
            raise forms.ValidationError(message) from None
        finite = all(math.isfinite(n) for n in numbers)
        if len(numbers) < 2 or not finite or numbers[0] < 0 or any(b <= a for a, b in zip(numbers, numbers[1:])):
            raise forms.ValidationError(
                f"“{text}”: give at least two edges, non-negative and increasing, e.g. {self.default}."
            )
        return numbers


#: The command's defaults.
SPACE_BANDS = "0,100,200,400"
TIME_BANDS = "0,15,45,75,105"
DEFAULT_PERMUTATIONS = 99
MAX_PERMUTATIONS = 999
#: Near repeats are studied one crime type at a time; burglary is the classic case.
NEAR_REPEAT_DEFAULT = ("burglary",)


class NearRepeatForm(HubFilterForm):
    """The Knox test: space and time bands, permutations and their seed; burglary by default."""

    default_categories = NEAR_REPEAT_DEFAULT
    default_categories_label = "burglary"
    space_bands = BandsField(SPACE_BANDS, label="Distance bands (metres)", help_text=f"Edges; default {SPACE_BANDS}.")
    time_bands = BandsField(
        TIME_BANDS,
        label="Time bands (days)",
        help_text=f"Edges; default {TIME_BANDS}: same month, 1, 2 and 3 months apart.",
    )
    permutations = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PERMUTATIONS,
        label="Permutations",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": str(DEFAULT_PERMUTATIONS)}),
        help_text=f"Default {DEFAULT_PERMUTATIONS}, at most {MAX_PERMUTATIONS}.",
    )
    seed = forms.IntegerField(
        required=False,
        min_value=0,
        label="Seed",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "1"}),
        help_text="Default 1: the same seed gives the same p-values.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].help_text = "None ticked: burglary, the classic near-repeat crime."

    def clean_permutations(self) -> int:
        value = self.cleaned_data.get("permutations")
        return DEFAULT_PERMUTATIONS if value is None else value

    def clean_seed(self) -> int:
        value = self.cleaned_data.get("seed")
        return 1 if value is None else value

    def clean_time_bands(self) -> list[float]:
        edges = self.cleaned_data["time_bands"]
        problem = month_band_problem(edges)
        if problem:
            raise forms.ValidationError(problem)
        return edges


def _lags_text(upto: float) -> str:
    """ "0 days (same month), 28–31 days (1 month), ...": the lags police.uk months can have."""
    parts = ["0 days (same month)"]
    for k in range(1, max(3, int(upto // 28) + 2)):
        low, high = month_lag_days(k)
        parts.append(f"{low}–{high} days ({k} month{'s' if k > 1 else ''})")
        if low > upto:
            break
    return ", ".join(parts)


def month_band_problem(edges: list[float]) -> str:
    """Why day bands cannot be read from month-only data, or "" when every band holds whole months."""
    why = (
        "police.uk publishes months, not dates, so each crime is dated the first of its month and two crimes "
        f"are {_lags_text(edges[-1])} apart. Put the edges between those, e.g. {TIME_BANDS}."
    )
    for edge in edges:
        for k in range(int(edge // 28) + 2):
            low, high = month_lag_days(k)
            if low < edge <= high:
                months = f"{k} month{'s' if k != 1 else ''}"
                return f"The edge {edge:g} splits the pairs {months} apart between two bands: {why}"
    for lo, hi in zip(edges[:-1], edges[1:]):
        meaning, _ = time_band_meaning(lo, hi)
        if meaning == "no whole-month lag":
            return f"The band {lo:g}–{hi:g} days holds no pair of crimes: {why}"
    return ""
