"""`beatbook analyse` as a user runs it: a subprocess against the test database."""

from __future__ import annotations

from beatbook.crime.ingest import ingest_paths
from beatbook.crime.models import Crime
from tests.conftest import shipped_street_file
from tests.hub.conftest import read_geojson


def test_analyse_in_a_subprocess(city_committed, run_cli, tmp_path):
    ingest_paths([shipped_street_file(m) for m in ("2025-11", "2025-12")])
    out = tmp_path / "places.geojson"
    result = run_cli("analyse", "concentration", "--category", "theft-from-the-person", "--out", str(out))
    assert result.returncode == 0, result.stderr
    located = Crime.objects.filter(ward__isnull=False, easting__isnull=False, category="theft-from-the-person")
    assert f"crimes        {located.count():,} located in the area" in result.stdout
    assert (
        "2025-11..2025-12: 2 months (default: the latest 2 published months), data published for all" in result.stdout
    )
    assert sum(f["properties"]["crimes"] for f in read_geojson(out)["features"]) == located.count() > 0

    refused = run_cli("analyse", "hotspots", "--ward", "Atlantis")
    assert refused.returncode == 2 and "Invalid value for '--ward': no ward 'Atlantis'" in refused.stderr

    listed = run_cli("analyse", "--help")
    assert all(name in listed.stdout for name in ("hotspots", "near-repeat", "concentration", "trends", "premises"))
