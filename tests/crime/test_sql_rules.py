"""PostgreSQL's SQL rules against the Python rules: the same file stores the same rows and
quarantines the same lines with the same field and reason, whichever path reads it (ADR 4).

Generated rows mix good values with the edge of every rule (lengths in characters and bytes,
numbers Python reads and SQL does not, months in other digits, unknown categories).
"""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beatbook.crime import raw_load
from beatbook.crime.ingest import ingest_paths
from beatbook.crime.models import Crime, Outcome, QuarantinedRow
from beatbook.crime.police_uk.categories import CATEGORY_SLUGS
from tests.crime.csvs import IN_CITY, OUTSIDE_CITY, write_csv

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the SQL rules are PostgreSQL's raw path (ADR 4)"),
]

REPORTED = ("rows_read", "rows_stored", "quarantined", "outside_force_area", "without_location", "repeated_crime_ids")
CRIME_FIELDS = [f.name for f in Crime._meta.concrete_fields if f.name not in ("id", "source_file")]
OUTCOME_FIELDS = [f.name for f in Outcome._meta.concrete_fields if f.name not in ("id", "source_file")]

# Any text a quote-free CSV field can hold (the raw path's files): no comma, quote, backslash or line break.
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


def _read_and_forget(path, model, fields: list[str], sql_path: bool) -> tuple:
    """What ingesting `path` reports and stores, through one path; then rolled back."""
    copies: list[int] = []
    with pytest.MonkeyPatch.context() as patch:
        if sql_path:
            copy_raw = raw_load.copy_raw
            patch.setattr(raw_load, "copy_raw", lambda *args: copies.append(1) or copy_raw(*args))
        else:
            patch.setattr(raw_load, "eligible", lambda *args: False)
        with transaction.atomic():
            report = ingest_paths([path]).files[0]
            stored = list(model.objects.order_by("line").values_list(*fields))
            quarantined = list(QuarantinedRow.objects.order_by("line").values_list("line", "field", "reason", "raw"))
            transaction.set_rollback(True)
    assert copies == ([1] if sql_path else [])
    return report.status, report.reason, [getattr(report, name) for name in REPORTED], stored, quarantined


def _both_paths(folder, kind: str, rows: list[list[str]]) -> tuple[tuple, tuple]:
    model, fields = (Crime, CRIME_FIELDS) if kind == "street" else (Outcome, OUTCOME_FIELDS)
    path = write_csv(folder, "2024-03", kind, rows)
    return _read_and_forget(path, model, fields, True), _read_and_forget(path, model, fields, False)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(street_rows(), min_size=1, max_size=8))
def test_street_rows_are_judged_alike_in_sql_and_in_python(city, tmp_path, rows):
    with_sql, with_python = _both_paths(tmp_path, "street", rows)
    assert with_sql == with_python


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(outcome_rows(), min_size=1, max_size=8))
def test_outcome_rows_are_judged_alike_in_sql_and_in_python(city, tmp_path, rows):
    with_sql, with_python = _both_paths(tmp_path, "outcomes", rows)
    assert with_sql == with_python


def test_a_field_longer_than_csv_reads_refuses_the_file_on_both_paths(city, tmp_path):
    from tests.crime.csvs import street_row

    long_context = street_row(2)
    long_context[11] = "x" * 131_073
    with_sql, with_python = _both_paths(tmp_path, "street", [street_row(1), long_context])
    assert with_sql == with_python
    assert with_sql[:2] == (
        "refused",
        "it is not CSV from line 3 (field larger than field limit (131072)); "
        "most often a quote opened on that line is never closed",
    )
