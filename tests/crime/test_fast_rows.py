"""The column-at-a-time checks of quote-free files against the row-by-row Python rules: the same
file stores the same rows and quarantines the same lines with the same field and reason,
whichever path reads it (crime.fast_rows, ADR 4).

Generated rows mix good values with the edge of every rule (lengths in characters and bytes,
numbers Python reads in unusual forms, months in other digits, unknown categories, ragged rows,
blank lines), and the quote-free line reader is held to Python's csv module.
"""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beatbook.crime import fast_rows
from beatbook.crime.ingest import _FileIngest, ingest_paths
from beatbook.crime.models import Crime, Outcome, QuarantinedRow
from beatbook.crime.police_uk.categories import CATEGORY_SLUGS
from tests.crime.csvs import IN_CITY, OUTSIDE_CITY, write_csv

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the column checks write CSV for PostgreSQL's COPY (ADR 4)"
    ),
]

REPORTED = ("rows_read", "rows_stored", "quarantined", "outside_force_area", "without_location", "repeated_crime_ids")
CRIME_FIELDS = [f.name for f in Crime._meta.concrete_fields if f.name not in ("id", "source_file")]
OUTCOME_FIELDS = [f.name for f in Outcome._meta.concrete_fields if f.name not in ("id", "source_file")]

# Any text a field of a quote-free file can hold: no comma, quote, backslash or line break.
free_text = st.text(
    alphabet=st.characters(blacklist_characters='\r\n,"\\\x00', blacklist_categories=("Cs",)), max_size=12
)


def _or_text(*values: str) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(values), free_text)


HEX_ID = st.text("0123456789abcdef", min_size=64, max_size=64)
crime_ids = st.one_of(HEX_ID, _or_text("", "XYZ123", "A" * 64, "0" * 63, "0" * 65, " " + "0" * 63))
months = _or_text("2024-03", "2024-3", "2024-02", " 2024-03", "\u0662\u0660\u0662\u0664-03", "2024-13", "0000-03")
forces = _or_text("City of London Police", "", "x" * 100, "x" * 101, "\u00e9" * 100, "\u00e9" * 101)
coordinates = st.one_of(
    st.sampled_from([IN_CITY, OUTSIDE_CITY, ("", ""), ("13.4050", "52.5200"), ("2.0", "61.0"), ("2.0000001", "61")]),
    st.tuples(
        _or_text("-0.0884", " -0.0884", "+0.1", "1e-1", "nan", "inf", "-0.088400", ""),
        _or_text("51.5135", "5.15135e1", "51.5135 ", "north", "", "51"),
    ),
)
locations = _or_text("On or near Threadneedle Street", "", "x" * 200, "x" * 201, "\u00fc" * 200, "\u00fc" * 201)
lsoa_codes = _or_text("E01032739", "", "x" * 16, "x" * 17)
categories = _or_text(*CATEGORY_SLUGS, "Jaywalking", "other theft", " Other theft")
outcomes = _or_text("", "Under investigation", "x" * 200, "x" * 201)
contexts = _or_text("", "words", "x" * 5_000)


@st.composite
def street_rows(draw) -> list[str]:
    lng, lat = draw(coordinates)
    return [
        draw(crime_ids),
        draw(months),
        draw(forces),
        draw(forces),
        lng,
        lat,
        draw(locations),
        draw(lsoa_codes),
        draw(forces),
        draw(categories),
        draw(outcomes),
        draw(contexts),
    ]


@st.composite
def outcome_rows(draw) -> list[str]:
    lng, lat = draw(coordinates)
    row = [draw(crime_ids), draw(months), draw(forces), draw(forces), lng, lat, draw(locations)]
    return [*row, draw(lsoa_codes), draw(forces), draw(outcomes)]


def _read_and_forget(path, model, fields: list[str], fast: bool, chunk_rows: int) -> tuple:
    """What ingesting `path` reports and stores, through one path; then rolled back."""
    plain: list[int] = []
    with pytest.MonkeyPatch.context() as patch:
        if fast:
            load_plain = _FileIngest._load_plain
            patch.setattr(_FileIngest, "_load_plain", lambda *args: plain.append(1) or load_plain(*args))
        else:
            patch.setattr(fast_rows, "eligible", lambda *args: False)
        with transaction.atomic():
            report = ingest_paths([path], chunk_rows=chunk_rows).files[0]
            stored = list(model.objects.order_by("line").values_list(*fields))
            quarantined = list(QuarantinedRow.objects.order_by("line").values_list("line", "field", "reason", "raw"))
            transaction.set_rollback(True)
    assert plain == ([1] if fast else [])
    return report.status, report.reason, [getattr(report, name) for name in REPORTED], stored, quarantined


def _both_paths(folder, kind: str, rows: list[list[str]], chunk_rows: int = 3) -> tuple[tuple, tuple]:
    model, fields = (Crime, CRIME_FIELDS) if kind == "street" else (Outcome, OUTCOME_FIELDS)
    path = write_csv(folder, "2024-03", kind, rows)
    return _read_and_forget(path, model, fields, True, chunk_rows), _read_and_forget(path, model, fields, False, 3)


def _now_and_then(rows: st.SearchStrategy[list[str]]) -> st.SearchStrategy[list[list[str]]]:
    """Rows, now and then one a field short or long, or a blank line."""
    odd = st.one_of(rows.map(lambda r: r[:-1]), rows.map(lambda r: [*r, "x"]), st.just([]))
    return st.lists(st.one_of(rows, rows, rows, rows, odd), min_size=1, max_size=9)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=_now_and_then(street_rows()), chunk_rows=st.sampled_from([1, 3, 20_000]))
def test_street_rows_are_judged_alike_by_columns_and_by_rows(city, tmp_path, rows, chunk_rows):
    by_columns, by_rows = _both_paths(tmp_path, "street", rows, chunk_rows)
    assert by_columns == by_rows


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=_now_and_then(outcome_rows()), chunk_rows=st.sampled_from([1, 3, 20_000]))
def test_outcome_rows_are_judged_alike_by_columns_and_by_rows(city, tmp_path, rows, chunk_rows):
    by_columns, by_rows = _both_paths(tmp_path, "outcomes", rows, chunk_rows)
    assert by_columns == by_rows


def test_a_field_longer_than_csv_reads_refuses_the_file_on_both_paths(city, tmp_path):
    from tests.crime.csvs import street_row

    long_context = street_row(2)
    long_context[11] = "x" * 131_073
    for rows, line in (([street_row(1), [], long_context, street_row(3)], 4), ([street_row(1), long_context], 3)):
        by_columns, by_rows = _both_paths(tmp_path, "street", [*rows, street_row(4)], chunk_rows=20_000)
        assert by_columns == by_rows
        assert by_columns[:3] == (
            "refused",
            f"it is not CSV from line {line} (field larger than field limit (131072)); "
            "most often a quote opened on that line is never closed",
            [1, 0, 0, 0, 0, 0],
        )
