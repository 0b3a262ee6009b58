"""Areas drawn on the map (a problem's polygon, an assessment's control polygon), the Hub pages'
"Attach to a problem" control, and harm-weighted scanning."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from click.testing import CliRunner
from shapely.geometry import Point

from beatbook.cli import main
from beatbook.problems.assessment import assess
from beatbook.problems.models import Problem, Snapshot, Stage
from beatbook.problems.spec import AssessmentSpec
from tests.problems.conftest import make_problem
from tests.problems.test_assessment_counts import BEFORE, CONTROL, _rows, _wards, _weights_file, spec

#: A rectangle around St Paul's, far from Liverpool Street: a control area drawn on the map.
WEST, SOUTH, EAST, NORTH = -0.1010, 51.5125, -0.0955, 51.5150
RECTANGLE = [[WEST, SOUTH], [EAST, SOUTH], [EAST, NORTH], [WEST, NORTH], [WEST, SOUTH]]
ST_PAULS = {"type": "Polygon", "coordinates": [RECTANGLE]}
#: Its corners taken out of order: the outline crosses itself.
BOWTIE = {"type": "Polygon", "coordinates": [[RECTANGLE[i] for i in (0, 2, 1, 3, 0)]]}
ASSESS = {"before": "2024-01:2024-03", "after": "2024-04:2024-06", "buffer": "150"}


def _drawn_control_counts() -> list[int]:
    """Crimes of the files inside the City and inside the rectangle, before and after."""
    city = _wards()
    inside = [0, 0]
    for month, lng, lat in _rows(None):
        if WEST < lng < EAST and SOUTH < lat < NORTH and any(w.covers(Point(lng, lat)) for w in city.values()):
            inside[0 if month in BEFORE else 1] += 1
    return inside


def _with(**changes) -> AssessmentSpec:
    """The fixture's radius assessment with another control area."""
    return replace(spec(), **{"control_wards": (), **changes})


def test_a_drawn_control_area_counts_as_the_files_alone_and_beside_wards(data):
    drawn = assess(_with(control_polygon=ST_PAULS))
    expected = _drawn_control_counts()
    assert [drawn["counts"]["control"][k] for k in ("before", "after")] == expected and expected[0] > 0
    assert drawn["options"]["control_polygon"] == ST_PAULS and drawn["options"]["control"] == []
    wards = assess(_with(control_wards=CONTROL))["counts"]["control"]
    both = assess(_with(control_wards=CONTROL, control_polygon=ST_PAULS))["counts"]["control"]
    # The rectangle lies in Castle Baynard and Farringdon Without's neighbours: each crime counts once.
    assert max(wards["before"], expected[0]) <= both["before"] <= wards["before"] + expected[0]
    again = AssessmentSpec.from_options(drawn["options"])
    assert again.control_polygon == ST_PAULS  # a saved assessment is re-run with its drawn control area


def test_the_assessment_page_takes_a_drawn_control_area_and_refuses_a_crossed_one(data, personas):
    problem = make_problem(personas["officer_a"])
    client = personas.client("officer_a")
    page = client.get(f"/problems/{problem.pk}/assessment/").content.decode()
    assert 'id="area-map"' in page and 'data-polygon-field="id_control_polygon"' in page
    assert "area-draw.js" in page and '"layer": "response"' in page  # the problem's own area, for reference
    crossed = client.post(f"/problems/{problem.pk}/assessment/", {**ASSESS, "control_polygon": json.dumps(BOWTIE)})
    assert crossed.status_code == 400
    assert "crosses itself" in crossed.context["form"].errors["control_polygon"][0]
    neither = client.post(f"/problems/{problem.pk}/assessment/", ASSESS)
    assert neither.status_code == 400 and "draw a control area" in neither.context["form"].errors["control"][0]
    done = client.post(
        f"/problems/{problem.pk}/assessment/", {**ASSESS, "control_polygon": json.dumps(ST_PAULS)}, follow=True
    )
    assert "a polygon drawn on the map" in done.content.decode()
    saved = problem.assessments.get()
    assert saved.inputs["control_polygon"] == ST_PAULS and saved.inputs["control"] == []
    rerun = client.get(f"/problems/{problem.pk}/assessment/").context["form"].initial
    assert json.loads(rerun["control_polygon"]) == ST_PAULS


def test_beatbook_assess_takes_a_control_polygon_file(data, tmp_path):
    path = tmp_path / "control.geojson"
    path.write_text(json.dumps({"type": "Feature", "geometry": ST_PAULS, "properties": {}}))
    args = ["assess", "--radius", "51.5178,-0.0823,200", "--buffer", "150", "--before", "2024-01:2024-03"]
    args += ["--after", "2024-04:2024-06"]
    result = CliRunner().invoke(main, [*args, "--control-polygon", str(path), "--json"])
    assert result.exit_code == 0, result.output
    page = assess(_with(control_polygon=ST_PAULS))
    assert json.loads(result.output)["counts"] == page["counts"]
    missing = CliRunner().invoke(main, args)
    assert missing.exit_code == 2 and "--control, --control-polygon" in missing.output


def test_the_problem_form_draws_on_a_map_and_refuses_a_crossed_polygon(data, personas):
    client = personas.client("officer_a")
    page = client.get("/problems/new/").content.decode()
    assert 'data-polygon-field="id_polygon"' in page and 'data-radius-field="id_radius_m"' in page
    assert '"layer": "ward"' in page  # wards drawn to find one's way without a tile server
    form = {"title": "Drawn", "polygon": json.dumps(BOWTIE), "source": "hub", "owner": personas["officer_a"].pk}
    response = client.post("/problems/new/", {**form, "priority": "medium"})
    assert response.status_code == 400 and "crosses itself" in response.context["form"].errors["polygon"][0]
    created = client.post("/problems/new/", {**form, "priority": "medium", "polygon": json.dumps(ST_PAULS)})
    assert created.status_code == 302
    assert json.loads(Problem.objects.get(title="Drawn").polygon) == ST_PAULS


def test_a_hub_page_attaches_its_view_to_an_open_problem_of_the_user(data, personas):
    own = make_problem(personas["officer_a"])
    closed = make_problem(personas["officer_a"], title="Closed one")
    closed.move_to(Stage.CLOSED, by=personas["officer_a"])
    others = make_problem(personas["officer_b"], title="Officer B's")
    client = personas.client("officer_a")
    hub = client.get("/hub/hotspots/?area=force&category=theft-from-the-person").content.decode()
    assert 'action="/problems/attach"' in hub and f'<option value="{own.pk}">{own.title} (Scanning)' in hub
    assert "Closed one" not in hub and "Officer B&#x27;s" not in hub
    assert 'value="/hub/hotspots/?area=force&amp;category=theft-from-the-person"' in hub
    address = "/hub/hotspots/?area=force&category=theft-from-the-person"
    response = client.post("/problems/attach", {"problem": own.pk, "address": address, "title": "Theft hotspots"})
    assert response.status_code == 302 and response["Location"] == address
    snapshot = Snapshot.objects.get(problem=own)
    assert (snapshot.page, snapshot.query, snapshot.title) == ("hub:hotspots", address.split("?")[1], "Theft hotspots")
    assert snapshot.data_version and own.history.filter(kind="snapshot").exists()
    refused = client.post("/problems/attach", {"problem": others.pk, "address": address, "title": "x"})
    assert refused.status_code == 400 and "problem" in refused.context["form"].errors
    elsewhere = client.post("/problems/attach", {"problem": own.pk, "address": "/problems/", "title": "x"})
    assert elsewhere.status_code == 400 and "address" in elsewhere.context["form"].errors
    assert 'action="/problems/attach"' not in personas.client("analyst").get(address).content.decode()


def test_the_attach_control_is_offered_to_a_supervisor_for_any_open_problem(data, personas):
    problem = make_problem(personas["officer_b"], title="Officer B's")
    page = personas.client("supervisor").get("/hub/?area=force").content.decode()
    assert f'<option value="{problem.pk}">Officer B&#x27;s (Scanning)' in page
    assert "Attach this view to a problem" in page


def test_scanning_is_harm_weighted_where_a_table_is_loaded(data, personas, settings, tmp_path):
    settings.BEATBOOK_HARM_WEIGHTS = ""
    client = personas.client("officer_a")
    plain = client.get("/problems/scanning/").context["suggestions"]
    assert plain and all("harm" not in s.extra for s in plain)
    settings.BEATBOOK_HARM_WEIGHTS = _weights_file(tmp_path, {"theft-from-the-person": 10.0, "violent-crime": 5.0})
    page = client.get("/problems/scanning/")
    weighed = page.context["suggestions"]
    harms = [s.extra["harm"]["harm"] for s in weighed]
    assert harms == sorted(harms, reverse=True) and harms[0] > 0
    assert {s.key for s in weighed} == {s.key for s in plain}  # the same suggestions, reordered
    top = weighed[0]
    counts = _counts(top, page.context["form"].selection.months)
    assert top.extra["harm"]["harm"] == pytest.approx(
        10 * counts.get("theft-from-the-person", 0) + 5 * counts.get("violent-crime", 0), abs=0.05
    )
    text = page.content.decode()
    assert "Harm-weighted:" in text and "Ordered by harm" in text and "weighted by" in text
    client.post(f"/problems/scanning/take-up?{page.context['query']}", {"key": top.key})
    assert "Harm " in Problem.objects.get(suggestion_key=top.key).description


def _counts(suggestion, months) -> dict[str, int]:
    """Crimes per category of a suggestion's place or area, counted from the stored crimes."""
    from collections import Counter

    from beatbook.crime.models import Crime
    from beatbook.geography.projection import to_bng

    rows = Crime.objects.filter(month__in=months, easting__isnull=False)
    if suggestion.categories:
        rows = rows.filter(category__in=suggestion.categories)
    if suggestion.centre is None:
        return Counter(rows.filter(ward_id__in=suggestion.ward_ids).values_list("category", flat=True))
    x, y = to_bng([suggestion.centre[1]], [suggestion.centre[0]])
    near = [
        c for c, e, n in rows.values_list("category", "easting", "northing")
        if (e - x[0]) ** 2 + (n - y[0]) ** 2 <= suggestion.radius_m**2
    ]  # fmt: skip
    return Counter(near)
