"""One reader of "YYYY-MM" months, for the Hub's forms and the police.uk API alike."""

from __future__ import annotations

from datetime import date

import pytest

from beatbook.api.errors import BadParameters
from beatbook.api.police_uk import params
from beatbook.core import months
from beatbook.hub import forms

GOOD = {"2024-01": date(2024, 1, 1), " 2025-12 ": date(2025, 12, 1), "0001-06": date(1, 6, 1)}
BAD = ["2024-13", "2024-00", "0000-01", "2024-1", "24-01", "2024/01", "2024-01-01", "January"]


def test_both_readers_use_the_one_month_reader():
    assert forms.parse_month is params.parse_month is months.parse_month


@pytest.mark.parametrize(("text", "month"), GOOD.items())
def test_a_month_reads_the_same_everywhere(text, month):
    assert months.parse_month(text) == month
    assert params.month(text) == month
    assert forms.MonthField().to_python(text) == month


@pytest.mark.parametrize("text", BAD)
def test_a_bad_month_is_refused_everywhere(text):
    with pytest.raises(ValueError):
        months.parse_month(text)
    with pytest.raises(BadParameters):
        params.month(text)
    with pytest.raises(forms.forms.ValidationError):
        forms.MonthField().to_python(text)
