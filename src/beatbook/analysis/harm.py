"""Harm-weighted crime counts from a per-category weight table.

Crime counts treat a shoplifting and a robbery alike. A harm index weights each category,
e.g. the Cambridge Crime Harm Index (days of imprisonment of the starting-point sentence;
Sherman, Neyroud & Neyroud 2016, *Policing* 10(3), 171-183) or the ONS Crime Severity
Score (mean sentence severity per offence). Those weights are per offence code; a force
maps them onto police.uk categories in its own way, so beatbook ships **no weights of its
own**: the default, :data:`UNWEIGHTED`, counts every crime as 1.

Weight table format (CSV, UTF-8, one record per line)::

    # lines starting with '#' are comments, e.g. where the table came from
    category,weight,source
    burglary,1.0,"force table v3, 2024"
    ...

* ``category``: a police.uk category slug (see :data:`CATEGORIES`); every slug must
  appear exactly once, so no category is weighted by accident. Give 0 to leave one out
  (e.g. anti-social-behaviour, which is not a crime and has no CCHI value).
* ``weight``: a finite number >= 0.
* ``source``: optional, free text saying where the weight comes from.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from beatbook.analysis.results import Result

#: police.uk crime category slugs (data.police.uk/docs/method/crime-street/).
CATEGORIES: tuple[str, ...] = (
    "anti-social-behaviour",
    "bicycle-theft",
    "burglary",
    "criminal-damage-arson",
    "drugs",
    "other-theft",
    "possession-of-weapons",
    "public-order",
    "robbery",
    "shoplifting",
    "theft-from-the-person",
    "vehicle-crime",
    "violent-crime",
    "other-crime",
)

REQUIRED_COLUMNS = ("category", "weight")
OPTIONAL_COLUMNS = ("source",)


class HarmWeightsError(ValueError):
    """A harm weight table is malformed; the message names the file, line and field."""

    def __init__(self, path: str | Path, line: int | None, field: str, problem: str) -> None:
        self.path, self.line, self.field, self.problem = str(path), line, field, problem
        where = f"{path}, line {line}" if line is not None else str(path)
        super().__init__(f"{where}, field '{field}': {problem}")


@dataclass(frozen=True)
class HarmWeights(Result):
    """A weight per police.uk category, with a label saying what the weights are."""

    label: str
    weights: Mapping[str, float]
    sources: Mapping[str, str] = field(default_factory=dict)
    path: str | None = None


#: The shipped default: no harm weighting at all.
UNWEIGHTED = HarmWeights(
    label="unweighted: every crime counts 1",
    weights=dict.fromkeys(CATEGORIES, 1.0),
    sources=dict.fromkeys(CATEGORIES, "unweighted default"),
)


def _parse_weight(text: str, path: Path, line: int) -> float:
    """A weight cell as a finite, non-negative float."""
    try:
        value = float(text)
    except ValueError:
        raise HarmWeightsError(path, line, "weight", f"{text!r} is not a number") from None
    if not math.isfinite(value) or value < 0:
        raise HarmWeightsError(path, line, "weight", f"{text!r} must be a finite number >= 0")
    return value


def _parse_category(text: str, seen: Mapping[str, float], path: Path, line: int) -> str:
    """A category cell: a known police.uk slug not listed before."""
    category = text.strip()
    if category not in CATEGORIES:
        problem = f"{category!r} is not a police.uk category slug"
        raise HarmWeightsError(path, line, "category", problem)
    if category in seen:
        raise HarmWeightsError(path, line, "category", f"{category!r} appears twice")
    return category


def _records(path: Path) -> Iterable[tuple[int, list[str]]]:
    """(line number, cells) of every non-blank, non-comment line."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        for number, text in enumerate(handle, start=1):
            if text.strip() and not text.lstrip().startswith("#"):
                yield number, next(csv.reader([text]))


def _check_header(cells: list[str], path: Path, line: int | None) -> list[str]:
    """The column names, refusing missing or unknown columns."""
    names = [c.strip().lower() for c in cells]
    for name in REQUIRED_COLUMNS:
        if name not in names:
            raise HarmWeightsError(path, line, name, "required column is missing from the header")
    for name in names:
        if name not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS:
            problem = "unknown column (expected category, weight, source)"
            raise HarmWeightsError(path, line, name, problem)
    return names


def load_weights(path: str | Path, label: str | None = None) -> HarmWeights:
    """Read a harm weight table in the CSV format described in this module.

    Parameters
    ----------
    path : str or Path
        The CSV file.
    label : str, optional
        What the weights are, e.g. "Cambridge Crime Harm Index (force mapping 2024)";
        defaults to "harm weights from <file name>".

    Raises
    ------
    HarmWeightsError
        On a missing or unknown column, an unknown or repeated category, a weight that is
        not a finite number >= 0, a line with the wrong number of cells, or a category
        missing from the table. The message names the file, line and field.
    """
    path = Path(path)
    records = iter(_records(path))
    header_line, header = next(records, (None, None))
    if header is None:
        raise HarmWeightsError(path, None, "category", "the file has no header and no weights")
    names = _check_header(header, path, header_line)
    weights, sources = _read_rows(records, names, path)
    missing = [c for c in CATEGORIES if c not in weights]
    if missing:
        raise HarmWeightsError(path, None, "category", f"no weight for {', '.join(missing)}")
    return HarmWeights(label or f"harm weights from {path.name}", weights, sources, str(path))


def _read_rows(
    records: Iterable[tuple[int, list[str]]], names: list[str], path: Path
) -> tuple[dict[str, float], dict[str, str]]:
    """Weights and sources by category from the data lines."""
    weights: dict[str, float] = {}
    sources: dict[str, str] = {}
    for line, cells in records:
        if len(cells) != len(names):
            problem = f"expected {len(names)} cells, found {len(cells)}"
            raise HarmWeightsError(path, line, names[-1], problem)
        row = dict(zip(names, cells))
        category = _parse_category(row["category"], weights, path, line)
        weights[category] = _parse_weight(row["weight"], path, line)
        sources[category] = row.get("source", "").strip()
    return weights, sources


@dataclass(frozen=True)
class HarmCounts(Result):
    """Crime counts and harm-weighted counts per category, labelled with the weights used."""

    label: str
    counts: Mapping[str, int]
    harm: Mapping[str, float]
    total_count: int
    total_harm: float


def harm_from_counts(counts: Mapping[str, int], weights: HarmWeights = UNWEIGHTED) -> HarmCounts:
    """Harm-weighted counts from crime counts per category.

    Parameters
    ----------
    counts : mapping of str to int
        Crimes per police.uk category slug.
    weights : HarmWeights
        The weight table (default :data:`UNWEIGHTED`).

    Raises
    ------
    ValueError
        If a category has no weight in the table.

    Notes
    -----
    Harm = sum over categories of count x weight (Sherman, L., Neyroud, P. W. & Neyroud, E.
    (2016). The Cambridge Crime Harm Index. *Policing* 10(3), 171-183).
    """
    unknown = sorted(set(counts) - set(weights.weights))
    if unknown:
        raise ValueError(f"no harm weight for categories {', '.join(unknown)} in '{weights.label}'")
    harm = {c: n * weights.weights[c] for c, n in counts.items()}
    return HarmCounts(
        label=weights.label,
        counts=dict(counts),
        harm=harm,
        total_count=int(sum(counts.values())),
        total_harm=float(sum(harm.values())),
    )


def harm_counts(categories: Iterable[str], weights: HarmWeights = UNWEIGHTED) -> HarmCounts:
    """Harm-weighted counts from one category slug per crime (see :func:`harm_from_counts`)."""
    return harm_from_counts(dict(Counter(str(c) for c in categories)), weights)
