"""The header: the public's links stand alone; the rest are grouped, and a group of one is a link."""

from __future__ import annotations

import pytest

from beatbook.core.navigation import nav_for, nav_groups

pytestmark = pytest.mark.django_db


def _shape(user) -> list[tuple[str, list[str]]]:
    return [(g["label"], [i["label"] for i in g["items"]]) for g in nav_groups(nav_for(user, "/"))]


def test_the_public_sees_links_only(personas):
    from django.contrib.auth.models import AnonymousUser

    assert _shape(AnonymousUser()) == [
        ("", ["Crime map"]),
        ("", ["Stop and search"]),
        ("", ["Events"]),
        ("", ["Campaigns"]),
        ("", ["Tell us"]),
        ("", ["Scrutiny"]),
    ]


def test_a_supervisor_sees_menus_by_group(personas):
    shape = {label: items for label, items in _shape(personas["supervisor"]) if label}
    assert shape["Neighbourhood"][:3] == ["My area", "Hub", "Problems"]
    assert shape["Performance"] == [
        "Performance",
        "Board pack",
        "Community Profile",
        "Partnership",
        "Benchmarking",
        "Abstraction rates",
        "Volunteers",
        "Scrutiny meetings",
    ]
    assert shape["Administration"] == ["Officers and teams", "Abstractions", "Training", "Audit log"]


def test_a_group_of_one_link_is_that_link(personas):
    shape = _shape(personas["partner_x"])
    assert ("", ["Problems"]) in shape and ("", ["Partnership"]) in shape and all(label == "" for label, _ in shape)


def test_the_current_page_marks_its_group(personas):
    groups = nav_groups(nav_for(personas["supervisor"], "/workforce/"))
    assert [g["label"] for g in groups if g["current"]] == ["Administration"]


def test_officers_see_each_label_once(personas):
    """The public "Campaigns" and the officers' "Campaign plans" are two pages: two names."""
    labels = [label for _, items in _shape(personas["officer_a"]) for label in items]
    assert labels.count("Campaigns") == 1 and "Campaign plans" in labels and len(labels) == len(set(labels))


@pytest.mark.parametrize("writer", ["intelligence", "safeguarding"])
def test_the_commentary_writers_of_the_intelligence_and_safeguarding_units_reach_the_board_pack(personas, writer):
    labels = [label for _, items in _shape(personas[writer]) for label in items]
    assert "Performance" in labels and "Board pack" in labels
