"""The spacing of police.uk map points, and the cell-size floor it sets."""

from __future__ import annotations

import math

import numpy as np

from beatbook.analysis.spacing import automatic_cell_size, cell_size_floor, map_point_spacing


def test_spacing_of_a_lattice_is_its_step_and_repeated_points_count_once():
    xs, ys = np.meshgrid(np.arange(10) * 50.0, np.arange(8) * 50.0)
    x, y = np.repeat(xs.ravel(), 30), np.repeat(ys.ravel(), 30)  # many crimes at each map point
    assert map_point_spacing(x, y) == 50.0


def test_the_median_ignores_a_few_isolated_points():
    x = np.concatenate([np.arange(20) * 40.0, [5_000.0, 9_000.0]])
    assert map_point_spacing(x, np.zeros_like(x)) == 40.0


def test_fewer_than_two_points_have_no_spacing_and_no_floor():
    assert math.isnan(map_point_spacing([1.0, 1.0], [2.0, 2.0]))
    assert cell_size_floor(math.nan) == 0.0
    assert automatic_cell_size(9.6, math.nan) == 9.6


def test_the_floor_replaces_a_smaller_rule_size_rounded_up_to_ten_metres():
    assert cell_size_floor(51.3) == 51.0
    assert automatic_cell_size(9.6, 51.3) == 60.0
    assert automatic_cell_size(100.0, 51.3) == 100.0
