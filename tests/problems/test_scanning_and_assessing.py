"""Scanning suggestions on the shipped data, taking one up, the control-ward suggestion, and the
assessment through the page, the API and `beatbook assess`, which must give the same figures."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from beatbook.cli import main
from beatbook.problems import services
from beatbook.problems.controls import rank_controls
from beatbook.problems.models import Problem, Section
from beatbook.problems.spec import Period
from tests.problems.conftest import LIVERPOOL_STREET, make_problem

ASSESS = {
    "before": "2024-01:2024-03",
    "after": "2024-04:2024-06",
    "buffer": "150",
    "control": ["E05009305", "E05009297"],
}


def test_the_best_matched_control_is_ranked_first():
    rng = np.random.default_rng(7)
    target = rng.poisson(20, 12).astype(float)
    candidates = {
        ("W1", "Twice the target"): target * 2,  # the same shape: correlation 1
        ("W2", "Noise"): rng.poisson(20, 12).astype(float),
        ("W3", "Mirror"): 40 - target,  # correlation -1
        ("W4", "Flat"): np.full(12, 5.0),  # no correlation defined: left out
    }
    ranked = rank_controls(target, candidates)
    assert [m.code for m in ranked] == ["W1", "W2", "W3"]
    assert ranked[0].correlation == pytest.approx(1.0) and ranked[0].size_ratio == pytest.approx(2.0)
    assert ranked[-1].correlation == pytest.approx(-1.0)


def test_scanning_suggests_repeat_locations_and_a_taken_up_one_is_not_offered_again(data, personas):
    client = personas.client("officer_a")
    page = client.get("/problems/scanning/")
    suggestions = page.context["suggestions"]
    assert page.status_code == 200 and suggestions
    kinds = {s.kind for s in suggestions}
    assert {"Repeat location", "Persistent hotspot"} <= kinds, kinds
    first = next(s for s in suggestions if s.kind == "Repeat location")
    assert first.hub_url.startswith("/hub/?") and "crimes at the map point" in first.evidence[0]
    hotspot = next(s for s in suggestions if s.kind == "Persistent hotspot")
    assert (
        hotspot.hub_url.startswith("/hub/briefing/?area=force&month=2024-06") and "Gi* hot cell" in hotspot.evidence[0]
    )
    response = client.post(f"/problems/scanning/take-up?{page.context['query']}", {"key": first.key})
    problem = Problem.objects.get(suggestion_key=first.key)
    assert response.status_code == 302 and response["Location"] == f"/problems/{problem.pk}/"
    assert problem.owner == personas["officer_a"] and problem.radius_m == 100 and problem.source == "hub"
    again = client.get("/problems/scanning/").context["suggestions"]
    assert first.key not in {s.key for s in again}
    refused = client.post(f"/problems/scanning/take-up?{page.context['query']}", {"key": first.key})
    assert refused.status_code == 302 and refused["Location"] == f"/problems/scanning/?{page.context['query']}"
    refused = client.post("/problems/scanning/take-up", {"key": first.key}, follow=True)
    assert "no longer offered" in refused.content.decode()


def test_the_page_runs_an_assessment_saved_with_its_inputs_and_the_api_serves_it(data, personas):
    problem = make_problem(personas["officer_a"], radius_m=200)
    client = personas.client("officer_a")
    page = client.get(f"/problems/{problem.pk}/assessment/")
    assert page.context["suggested"], "control wards are suggested"
    response = client.post(f"/problems/{problem.pk}/assessment/", ASSESS, follow=True)
    assert "Assessment run and saved" in response.content.decode()
    saved = problem.assessments.get()
    assert saved.inputs["radius"] == [*LIVERPOOL_STREET, 200.0] and saved.data_version
    assert "Weighted displacement difference" in response.content.decode()
    assert "<svg" in response.content.decode()
    again = client.get(f"/problems/{problem.pk}/assessment/").context["form"]
    assert (
        sorted(again.initial["control"]) == sorted(ASSESS["control"]) and again.initial["before"] == ASSESS["before"]
    )  # re-runnable
    api = client.get(f"/api/problems/{problem.pk}/assessment").json()
    assert api["counts"] == saved.result["counts"] and api["statistics"] == saved.result["statistics"]
    assert api["options"]["before"] == "2024-01:2024-03" and api["data_version"] == saved.data_version
    assert "suggested_controls" not in saved.result and "suggested_controls" not in api  # the page suggests them


def test_the_command_gives_the_figures_of_the_page(data, personas):
    problem = make_problem(personas["officer_a"], radius_m=200)
    personas.client("officer_a").post(f"/problems/{problem.pk}/assessment/", ASSESS)
    saved = problem.assessments.get().result
    radius = f"{LIVERPOOL_STREET[0]},{LIVERPOOL_STREET[1]},200"
    args = ["assess", "--radius", radius, "--buffer", "150", "--control", "Farringdon Without,castle-baynard"]
    args += ["--before", ASSESS["before"], "--after", ASSESS["after"], "--category", "theft-from-the-person", "--json"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    for key in ("counts", "statistics", "periods", "monthly", "data_version", "verdict"):
        assert printed[key] == saved[key], key


def test_the_command_names_a_bad_option(data):
    result = CliRunner().invoke(
        main,
        [
            "assess",
            "--area",
            "Nowhere",
            "--control",
            "Tower",
            "--before",
            "2024-01:2024-03",
            "--after",
            "2024-04:2024-06",
        ],
    )
    assert result.exit_code == 2 and "'--area'" in result.output and "no ward 'Nowhere'" in result.output
    result = CliRunner().invoke(
        main, ["assess", "--area", "Tower", "--control", "Aldgate", "--before", "2024-01", "--after", "2024-04:2024-06"]
    )
    assert result.exit_code == 2 and "'--before'" in result.output


def test_a_bad_assessment_form_names_the_field(data, personas):
    problem = make_problem(personas["officer_a"])
    response = personas.client("officer_a").post(
        f"/problems/{problem.pk}/assessment/", {**ASSESS, "after": "2023-01:2023-02"}
    )
    assert response.status_code == 400
    assert "The after period must start after the before period ends." in response.content.decode()
    assert not problem.assessments.exists()


def _assessed(personas, shared):
    problem = make_problem(personas["officer_a"], partners=[personas.organisation_x], shared=shared)
    spec = services.spec_of_problem(
        problem,
        before=Period.parse(ASSESS["before"], "before"),
        after=Period.parse(ASSESS["after"], "after"),
        buffer_m=150.0,
        control_wards=tuple(ASSESS["control"]),
    )
    services.run_assessment(None, problem, spec, by=personas["officer_a"])
    return problem


def test_the_api_gives_a_partner_the_problems_area_only_when_the_area_is_shared(data, personas):
    partner = personas.client("partner_x")
    hidden = _assessed(personas, [Section.ASSESSMENT])
    options = partner.get(f"/api/problems/{hidden.pk}/assessment").json()["options"]
    assert options["before"] == ASSESS["before"] and options["buffer"] == 150.0  # the assessment, shared
    assert not {"area", "polygon", "radius"} & options.keys()  # the area, not shared
    page = partner.get(f"/problems/{hidden.pk}/assessment/").content.decode()
    assert "Weighted displacement difference" in page and "200 m around" not in page
    shown = _assessed(personas, [Section.ASSESSMENT, Section.AREA])
    assert partner.get(f"/api/problems/{shown.pk}/assessment").json()["options"]["radius"] == [*LIVERPOOL_STREET, 200.0]
    assert "200 m around" in partner.get(f"/problems/{shown.pk}/assessment/").content.decode()
    police = personas.client("officer_b").get(f"/api/problems/{hidden.pk}/assessment").json()["options"]
    assert police["radius"] == [*LIVERPOOL_STREET, 200.0] and police["area"] is None
    neither = _assessed(personas, [Section.AREA])
    assert partner.get(f"/api/problems/{neither.pk}/assessment").status_code == 404
