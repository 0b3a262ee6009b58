"""police.uk's self-defined ethnicity grouped as the Census groups residents."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from beatbook.crime.police_uk.ethnicity import ETHNIC_GROUPS, ethnic_group
from tests.conftest import DATA_DIR


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("White - English/Welsh/Scottish/Northern Irish/British", "white"),
        ("White - Irish", "white"),
        ("Black/African/Caribbean/Black British - Caribbean", "black"),
        ("Asian/Asian British - Bangladeshi", "asian"),
        ("Mixed/Multiple ethnic groups - White and Black African", "mixed"),
        ("Other ethnic group - Any other ethnic group", "other"),
        ("Other ethnic group - Not stated", "not-stated"),
        ("", "not-recorded"),
        ("  ", "not-recorded"),
    ],
)
def test_each_description_falls_in_its_group(text, group):
    assert ethnic_group(text) == group


def test_every_description_in_the_shipped_files_has_a_group():
    counts: Counter[str] = Counter()
    for path in sorted((DATA_DIR / "police-uk" / "stop-and-search").glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            counts.update(ethnic_group(row["Self-defined ethnicity"]) for row in csv.DictReader(handle))
    assert set(counts) <= set(ETHNIC_GROUPS)
    assert counts["not-stated"] == 2116 and counts["not-recorded"] == 392  # as published, 2017-12..2023-01
    assert sum(counts.values()) == 7020
