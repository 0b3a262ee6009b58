"""police.uk location artefacts and coverage notes, computed from the data for any force."""

from __future__ import annotations

from datetime import date

from beatbook.crime.models import Crime
from beatbook.geography.models import Ward
from beatbook.hub import services
from beatbook.hub.artefacts import place_type
from tests.hub.conftest import ok

LATEST = (date(2025, 1, 1), date(2025, 12, 1))


def test_place_types_are_recognised_and_streets_are_not():
    assert place_type("On or near Supermarket") == "Supermarket"
    assert place_type("On or near police station") == "Police Station"
    assert place_type("On or near Bishopsgate") is None
    assert place_type("On or near Liverpool Street") is None


def test_location_artefacts_count_the_selections_crimes_at_each_place_type(data):
    selection = services.select("city-of-london")
    artefacts = {a.place_type: a for a in services.location_artefacts(selection)}
    in_period = Crime.objects.filter(ward__isnull=False, easting__isnull=False, month__range=LATEST)
    for kind in ("Supermarket", "Police Station", "Parking Area"):
        at = in_period.filter(location=f"On or near {kind}")
        assert artefacts[kind].crimes == at.count() > 0, kind
        assert artefacts[kind].map_points == at.values_list("easting", "northing").distinct().count()
    counts = [a.crimes for a in artefacts.values()]
    assert counts == sorted(counts, reverse=True)
    output = ok("concentration")
    assert f'"On or near Police Station" {artefacts["Police Station"].crimes:,} crimes' in output
    assert "recorded at a police station" in output


def test_coverage_notes_name_the_wards_without_a_crime_placed_inside(data):
    covered = set(
        Crime.objects.filter(ward__isnull=False, easting__isnull=False, month__range=LATEST).values_list(
            "ward__name", flat=True
        )
    )
    expected = sorted(set(Ward.objects.values_list("name", flat=True)) - covered)
    notes = services.coverage_notes(services.select("city-of-london"))
    assert [n.ward for n in notes] == expected and "Walbrook" in expected
    output = ok("trends", "--ward", "Walbrook")
    assert "Walbrook: no police.uk map point inside it has any stored crime" in output
    assert "its zero is a data effect" in output
    tower = ok("trends", "--ward", "Tower")
    assert "coverage" not in tower


def test_coverage_notes_give_the_last_month_with_a_crime_inside(data):
    ward = Ward.objects.get(slug="tower")
    Crime.objects.filter(ward=ward, month__gte=date(2025, 4, 1)).delete()
    notes = services.coverage_notes(services.select("city-of-london", (), date(2025, 4, 1), ward="Tower"))
    assert [(n.ward, n.last_month) for n in notes] == [("Tower", date(2025, 3, 1))]
    assert "since 2025-03" in notes[0].describe()
