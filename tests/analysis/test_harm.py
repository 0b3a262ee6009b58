"""Harm weights: the unweighted default, the CSV format and its error messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beatbook.analysis.harm import (
    CATEGORIES,
    UNWEIGHTED,
    HarmWeightsError,
    harm_counts,
    harm_from_counts,
    load_weights,
)


def _table(rows: dict[str, str], header: str = "category,weight,source") -> str:
    lines = [header] + [f"{c},{w},test table" for c, w in rows.items()]
    return "\n".join(lines) + "\n"


def _write(tmp_path: Path, text: str, name: str = "weights.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _all(weight: str = "2") -> dict[str, str]:
    return dict.fromkeys(CATEGORIES, weight)


def test_the_shipped_default_is_unweighted_and_says_so():
    assert UNWEIGHTED.label == "unweighted: every crime counts 1"
    assert set(UNWEIGHTED.weights) == set(CATEGORIES) and len(CATEGORIES) == 14
    assert set(UNWEIGHTED.weights.values()) == {1.0}


@given(st.lists(st.sampled_from(CATEGORIES), max_size=200))
def test_unweighted_harm_equals_counts(crimes):
    result = harm_counts(crimes)
    assert result.harm == {c: float(n) for c, n in result.counts.items()}
    assert result.total_harm == result.total_count == len(crimes)


def test_load_weights_reads_the_documented_format(tmp_path):
    rows = _all("1")
    rows["robbery"], rows["anti-social-behaviour"] = "365.5", "0"
    text = "# CCHI mapped by an analyst, for the test\n\n" + _table(rows)
    weights = load_weights(_write(tmp_path, text), label="test harm index")
    assert weights.label == "test harm index"
    assert weights.weights["robbery"] == 365.5 and weights.weights["anti-social-behaviour"] == 0.0
    assert weights.sources["burglary"] == "test table"
    result = harm_from_counts({"robbery": 2, "burglary": 3, "anti-social-behaviour": 10}, weights)
    assert result.total_harm == pytest.approx(2 * 365.5 + 3, rel=1e-12)
    assert result.total_count == 15
    json.dumps(result.to_dict())


def test_source_column_is_optional_and_label_defaults_to_file_name(tmp_path):
    text = "category,weight\n" + "".join(f"{c},3\n" for c in CATEGORIES)
    weights = load_weights(_write(tmp_path, text, "force.csv"))
    assert weights.label == "harm weights from force.csv"
    assert set(weights.weights.values()) == {3.0}


def _bad(kind: str) -> tuple[str, str, str]:
    """(file text, expected line text, expected field) of a malformed table."""
    rows = _all()
    if kind == "not a number":
        rows["burglary"] = "lots"
        return _table(rows), "line 4", "weight"
    if kind == "negative":
        rows["drugs"] = "-1"
        return _table(rows), "line 6", "weight"
    if kind == "not finite":
        rows["drugs"] = "inf"
        return _table(rows), "line 6", "weight"
    if kind == "unknown category":
        return _table(rows) + "burglary-dwelling,1,x\n", "line 16", "category"
    if kind == "duplicate":
        return _table(rows) + "robbery,1,x\n", "line 16", "category"
    if kind == "missing column":
        return "category,source\nrobbery,x\n", "line 1", "weight"
    if kind == "unknown column":
        return _table(rows, "category,weight,source,wieght"), "line 1", "wieght"
    if kind == "cell count":
        text = _table(rows).replace("robbery,2,test table", "robbery,2,test,table")
        return text, "line 10", "source"
    if kind == "missing category":
        del rows["shoplifting"]
        return _table(rows), "no weight for shoplifting", "category"
    return "\n# only a comment\n", "no header", "category"


@pytest.mark.parametrize(
    "kind",
    [
        "not a number",
        "negative",
        "not finite",
        "unknown category",
        "duplicate",
        "missing column",
        "unknown column",
        "cell count",
        "missing category",
        "empty",
    ],
)
def test_bad_tables_name_file_line_and_field(tmp_path, kind):
    text, where, field = _bad(kind)
    path = _write(tmp_path, text)
    with pytest.raises(HarmWeightsError) as caught:
        load_weights(path)
    message = str(caught.value)
    assert str(path) in message and where in message and f"field '{field}'" in message
    assert caught.value.field == field and caught.value.path == str(path)
    assert isinstance(caught.value, ValueError)


def test_a_category_without_weight_is_refused():
    with pytest.raises(ValueError, match="no harm weight for categories burglary-dwelling"):
        harm_from_counts({"burglary-dwelling": 1})
