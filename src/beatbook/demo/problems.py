"""The demo's SARA problems on the real City data, at different stages, one of them assessed.

Every record is labelled as a demonstration in its title and description; running the demo
again finds them by title and adds nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model

from beatbook.accounts.models import PartnerOrganisation
from beatbook.demo.accounts import DEMO_ORGANISATION
from beatbook.geography.models import Ward
from beatbook.hub.services import published_months
from beatbook.problems import services
from beatbook.problems.controls import suggest_controls
from beatbook.problems.models import Problem, Response, ResponseType, Section, Stage
from beatbook.problems.spec import Period, SpecError

LABEL = "Demonstration: "
NOTE = "Demonstration record, made by `beatbook demo` on the published City data; not a real plan."
LIVERPOOL_STREET = (51.5178, -0.0823)  # the station's concourse


def _station_problem(officer: Any, partner: PartnerOrganisation | None) -> dict[str, Any]:
    return {
        "title": f"{LABEL}Theft from the person around Liverpool Street station",
        "description": f"{NOTE}\nPickpocketing and phone snatches at the station entrances and on Bishopsgate.",
        "partner_summary": "Pickpocketing around the station entrances; we are working with partners on signage "
        "and bag hooks in nearby premises.",
        "shared_sections": [Section.AREA, Section.RESPONSES, Section.ASSESSMENT],
        "centre_lat": LIVERPOOL_STREET[0],
        "centre_lng": LIVERPOOL_STREET[1],
        "radius_m": 250,
        "categories": ["theft-from-the-person"],
        "owner": officer,
        "partners": [partner] if partner else [],
        "priority": "high",
        "victim": "Commuters and visitors distracted at the entrances, phones in hand or in open bags.",
        "offender": "Organised pickpockets working the rush hours; phone snatchers on bicycles.",
        "location": "Station entrances, the bus station and the Bishopsgate crossing: crowds and quick exits.",
        "guardian": "Station staff, British Transport Police, bar and café staff nearby.",
        "handler": "Offender managers of known prolific offenders.",
        "manager": "Network Rail (the station), the premises' licensees, the Corporation (the street).",
    }


def _other_problems(officer: Any) -> list[dict[str, Any]]:
    wards = {w.name: w for w in Ward.objects.all()}
    return [
        {
            "title": f"{LABEL}Violence near late-night premises, Farringdon Without",
            "description": f"{NOTE}\nAssaults and disorder at closing time around the late-night bars.",
            "wards": [wards["Farringdon Without"]] if "Farringdon Without" in wards else [],
            "categories": ["violent-crime", "public-order"],
            "owner": officer,
            "source": "panel",
            "stage": Stage.ANALYSIS,
            "location": "The streets between the late-night bars and the night bus stops.",
        },
        {
            "title": f"{LABEL}Shoplifting on Cheapside",
            "description": f"{NOTE}\nRetailers raised repeated shoplifting at the cluster panel.",
            "wards": [wards["Cheap"]] if "Cheap" in wards else [],
            "categories": ["shoplifting"],
            "owner": officer,
            "source": "panel",
        },
    ]


def _responses(problem: Problem, officer: Any, partner: PartnerOrganisation | None) -> None:
    kinds = {k.name: k for k in ResponseType.objects.all()}
    for kind, action, start, status in (
        ("Situational prevention", "Bag hooks and 'watch your phone' signs by the entrances", date(2025, 1, 6), "done"),
        ("Enforcement", "Plain-clothes patrols at the evening rush hour", date(2025, 1, 13), "under_way"),
    ):
        if not problem.responses.filter(action=action).exists():
            response = Response(kind=kinds[kind], action=action, owner=officer, partner=partner, start=start,
                                status=status)  # fmt: skip
            services.add_response(None, problem, response, by=officer)


def _assess(problem: Problem, officer: Any) -> str:
    """Assess the station problem: the latest 12 published months against the 12 before."""
    months = published_months(services.force_slug())
    if len(months) < 24 or problem.assessments.exists():
        return "already assessed" if problem.assessments.exists() else "not assessed: fewer than 24 months stored"
    before, after = Period(months[-24], months[-13]), Period(months[-12], months[-1])
    spec = services.spec_of_problem(problem, before=before, after=after, buffer_m=250.0)
    controls = tuple(m.code for m in suggest_controls(spec, months)[:2])
    try:
        chosen = services.spec_of_problem(problem, before=before, after=after, buffer_m=250.0, control_wards=controls)
        saved = services.run_assessment(None, problem, chosen, by=officer)
    except SpecError as exc:
        return f"not assessed: {exc}"
    return saved.result["verdict"]["headline"]


def ensure_demo_problems() -> list[str]:
    """Create the demo's problems once; return lines to print."""
    officer = get_user_model().objects.filter(username="demo-officer").first()
    if officer is None:
        return ["Problems: no demo officer to own them."]
    partner = PartnerOrganisation.objects.filter(name=DEMO_ORGANISATION).first()
    made = []
    for fields in [_station_problem(officer, partner), *_other_problems(officer)]:
        if not Problem.objects.filter(title=fields["title"]).exists():
            made.append(services.open_problem(None, fields, by=officer, note="Demonstration record"))
    station = Problem.objects.get(title=_station_problem(officer, partner)["title"])
    _responses(station, officer, partner)
    if not station.snapshots.exists():
        address = ("hub:hotspots", "/hub/hotspots/", "area=ward%3Abishopsgate&category=theft-from-the-person")
        services.attach_snapshot(None, station, address, "Theft from the person: hotspots of Bishopsgate ward",
                                 "The hot cells sit on the station entrances and Bishopsgate.", by=officer)  # fmt: skip
    if station.stage == Stage.SCANNING:
        for stage in (Stage.ANALYSIS, Stage.RESPONSE, Stage.ASSESSMENT):
            station.move_to(stage, by=officer, note="Demonstration record")
    outcome = _assess(station, officer)
    return [f"Problems: {len(made)} demonstration problems made; station problem: {outcome}"]
