"""Sparklines: a line per run of published months, the numbers read aloud in the label."""

from __future__ import annotations

import re

from beatbook.core.sparkline import sparkline


def test_an_unpublished_month_breaks_the_line_and_the_last_month_is_marked():
    svg = sparkline([1, 4, None, 2, 8], "Crimes per month: Jan 1, Feb 4, Mar not published, Apr 2, May 8")
    assert svg.count("<polyline") == 2
    assert 'role="img" aria-label="Crimes per month: Jan 1, Feb 4, Mar not published, Apr 2, May 8"' in svg
    ys = [float(y) for y in re.findall(r",([\d.]+)", svg.split("<polyline")[2].split("/>")[0])]
    assert ys[1] < ys[0]  # 8 is drawn above 2 (SVG y grows downwards)
    assert svg.count("<circle") == 1  # the latest month


def test_a_single_month_between_gaps_is_a_dot_and_labels_are_escaped():
    svg = sparkline([None, 3, None], 'The "Crown" & <Anchor>')
    assert "<polyline" not in svg and svg.count("<circle") == 1
    assert 'aria-label="The &quot;Crown&quot; &amp; &lt;Anchor&gt;"' in svg


def test_all_zero_or_empty_values_draw_a_flat_line_or_nothing():
    assert "NaN" not in sparkline([0, 0, 0], "none") and "<polyline" in sparkline([0, 0, 0], "none")
    assert "<polyline" not in sparkline([], "none")
