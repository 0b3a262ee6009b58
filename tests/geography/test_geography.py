"""The City of London geography: configuration, loading, locating points."""

from __future__ import annotations

import json

import numpy as np
import pytest
from shapely import Point

from beatbook.geography.config import ForceConfigError, read_force_config
from beatbook.geography.locate import WardLocator, locate, locate_many
from beatbook.geography.models import Cluster, Sector, Ward
from beatbook.geography.projection import to_bng
from beatbook.geography.services import load_geography
from tests.conftest import DATA_DIR, FORCE_CONFIG, city_config

EAST = {
    "Coleman Street",
    "Bishopsgate",
    "Broad Street",
    "Cornhill",
    "Lime Street",
    "Aldgate",
    "Portsoken",
    "Langbourn",
    "Candlewick",
    "Bridge",
    "Tower",
    "Billingsgate",
}
WEST = {
    "Farringdon Without",
    "Castle Baynard",
    "Farringdon Within",
    "Queenhithe",
    "Vintry",
    "Dowgate",
    "Bread Street",
    "Cordwainer",
    "Walbrook",
    "Cheap",
    "Bassishaw",
    "Aldersgate",
    "Cripplegate",
}


def test_sectors_have_exactly_the_published_wards(city):
    by_sector = {s.name: {w.name for c in s.clusters.all() for w in c.wards.all()} for s in Sector.objects.all()}
    assert by_sector == {"East": EAST, "West": WEST}
    assert {c.name for c in Cluster.objects.filter(sector__name="East")} == {
        "Liverpool Street",
        "Monument",
        "Fenchurch Street",
    }
    assert {c.name for c in Cluster.objects.filter(sector__name="West")} == {"Bank", "Barbican", "Fleet Street"}
    assert all(c.split_is_configurable for c in Cluster.objects.all())


def test_wards_have_codes_areas_and_centroids(city):
    wards = Ward.objects.all()
    assert wards.count() == 25
    assert {w.code for w in wards} == {f"E0500{n}" for n in range(9288, 9313)}
    # The City is about 2.9 km2 (ONS Standard Area Measurements; these are simplified shapes).
    assert sum(w.area_m2 for w in wards) == pytest.approx(2.9e6, rel=0.05)
    for ward in wards:
        assert ward.geometry.contains(Point(ward.centroid_lng, ward.centroid_lat))


def test_loading_again_updates_in_place(city):
    ids = dict(Ward.objects.values_list("code", "id"))
    report = load_geography(city_config())
    assert (report.wards_created, report.wards_updated) == (0, 25)
    assert dict(Ward.objects.values_list("code", "id")) == ids


def test_moving_a_ward_to_another_cluster(city, tmp_path):
    text = (
        FORCE_CONFIG.read_text()
        .replace('"Cheap", "Cordwainer"', '"Cordwainer"')
        .replace('"Aldersgate", "Bassishaw"', '"Aldersgate", "Cheap", "Bassishaw"')
    )
    text = text.replace('boundaries = "../data', f'boundaries = "{DATA_DIR.parent.parent}/data')
    config = tmp_path / "moved.toml"
    config.write_text(text)
    load_geography(read_force_config(config))
    assert Ward.objects.get(name="Cheap").cluster.name == "Barbican"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace('"Cheap", ', ""), "wards in the boundary file but in no cluster: Cheap"),
        (lambda t: t.replace('"Tower"]', '"Tower", "Cheap"]'), "ward 'Cheap' is in both cluster"),
        (lambda t: t.replace('"Tower"]', '"Tower", "Atlantis"]'), "ward 'Atlantis' is not in the boundary file"),
        (lambda t: t.replace('id = "city-of-london"', ""), "`id` is missing"),
        (lambda t: t + "\n[[[", "cannot read the force configuration"),
    ],
)
def test_bad_configuration_is_refused_with_its_place(tmp_path, change, message):
    text = FORCE_CONFIG.read_text().replace('boundaries = "../data', f'boundaries = "{DATA_DIR.parent.parent}/data')
    config = tmp_path / "bad.toml"
    config.write_text(change(text))
    with pytest.raises(ForceConfigError, match=message) as error:
        read_force_config(config)
    assert str(config) in str(error.value)


def test_bad_boundary_file_is_refused(tmp_path):
    boundaries = tmp_path / "wards.json"
    boundaries.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"WD13CD": "E1", "WD13NM": "Bowtie"},
                        "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]},
                    }
                ],
            }
        )
    )
    with pytest.raises(ForceConfigError, match="feature 1 \\(Bowtie\\) is not a valid polygon"):
        read_force_config(FORCE_CONFIG, boundaries)


def test_locate_points(city):
    assert locate(51.5135, -0.0884, "city-of-london").name == "Cornhill"
    assert locate(51.5155, -0.0983, "city-of-london").name == "Cheap"  # St Paul's tube, Cheapside
    assert locate(51.5290, -0.1192, "city-of-london") is None  # Camden
    assert locate(51.5135, -0.0884, "another-force") is None


def test_locate_many_matches_locate_one_by_one(city):
    rng = np.random.default_rng(7)
    lats = rng.uniform(51.508, 51.522, 400)
    lngs = rng.uniform(-0.114, -0.071, 400)
    lats[:3] = np.nan
    many = locate_many(lats, lngs, "city-of-london")
    locator = WardLocator(Ward.objects.all())
    one_by_one = [(locator.locate(a, b) or Ward(pk=-1)).pk for a, b in zip(lats, lngs)]
    assert many.tolist() == one_by_one
    assert (many[:3] == -1).all() and (many >= 0).sum() > 100


def test_british_national_grid_against_ordnance_survey():
    # OS "A guide to coordinate systems in Great Britain", worked example (Caister water tower):
    # ETRS89 52°39'28.8282"N 1°42'57.8663"E is E 651409.903, N 313177.270 (OSTN15). Without the
    # OSTN15 grid, pyproj's Helmert transformation is within a few metres.
    lat = 52 + 39 / 60 + 28.8282 / 3600
    lng = 1 + 42 / 60 + 57.8663 / 3600
    easting, northing = to_bng([lng], [lat])
    assert easting[0] == pytest.approx(651409.903, abs=5)
    assert northing[0] == pytest.approx(313177.270, abs=5)
