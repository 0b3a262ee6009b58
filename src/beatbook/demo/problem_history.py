"""The demo's past SARA problems: one in each cluster taken through the SARA stages and closed in the
history quarter with an assessment the problems app computes from the published crime data (its
before period the quarter two before, its after period the quarter before), and one opened in the
quarter and still open.

They are made through the problems app's own verbs, then dated back to when they would have
happened: the app stamps today's time on what it records. Every title and description says it is a
demonstration; running again finds them by title and adds nothing.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model

from beatbook.core.months import add_months
from beatbook.demo.history_time import at
from beatbook.geography.models import Ward
from beatbook.hub.services import published_months
from beatbook.performance.registry import Period
from beatbook.problems import services
from beatbook.problems.controls import suggest_controls
from beatbook.problems.models import Assessment, ChangeKind, Problem, ProblemChange, Response, ResponseType, Stage
from beatbook.problems.spec import Period as Months
from beatbook.problems.spec import SpecError

LABEL = "Demonstration: "
NOTE = "Demonstration record, made by `beatbook demo` for the performance history; not a real plan."
#: One problem per cluster closed with an assessment: (ward, what, police.uk categories, response).
CLOSED = [
    ("Coleman Street", "Burglary of offices", ["burglary"], "Security surveys of the offices hit"),
    ("Bridge", "Theft from the person near Monument station", ["theft-from-the-person"], "Patrols at rush hour"),
    ("Portsoken", "Violence and disorder by the Middlesex Street estate", ["violent-crime", "public-order"],
     "Evening patrols with the estate's housing officers"),
    ("Cordwainer", "Theft in the bars and cafés around Bank", ["theft-from-the-person", "other-theft"],
     "Bag hooks and table signs in the premises"),
    ("Aldersgate", "Bicycle theft from the racks by the Barbican", ["bicycle-theft"], "Bike marking and better racks"),
    ("Farringdon Without", "Shoplifting along Fleet Street and Ludgate Hill", ["shoplifting"],
     "Shared radio scheme for the retailers"),
]  # fmt: skip
#: One problem per cluster opened in the quarter and still being worked on: (ward, what, categories).
OPEN = [
    ("Cornhill", "Anti-social behaviour on the Royal Exchange steps", ["anti-social-behaviour"]),
    ("Billingsgate", "Vehicle crime in the Lower Thames Street car parks", ["vehicle-crime"]),
    ("Lime Street", "Theft from the person in the Leadenhall Market bars", ["theft-from-the-person"]),
    ("Vintry", "Bicycle theft on the riverside", ["bicycle-theft"]),
    ("Cripplegate", "Anti-social behaviour on the Barbican podium", ["anti-social-behaviour"]),
    ("Queenhithe", "Criminal damage along the riverside walk", ["criminal-damage-arson"]),
]


def _title(ward: str, what: str) -> str:
    return f"{LABEL}{what}, {ward} (past record)"


def ensure_problem_history(quarter: Period) -> int:
    """Add the problems once; the number added."""
    officer = get_user_model().objects.filter(username="demo-officer").first()
    if officer is None:
        return 0
    made = 0
    for n, (ward, what, categories, action) in enumerate(CLOSED):
        problem = _open(officer, ward, what, categories, opened=at(quarter, -6, 3 + 2 * n))
        if problem is not None:
            _work_and_close(problem, officer, quarter, n, action)
            made += 1
    for n, (ward, what, categories) in enumerate(OPEN):
        problem = _open(officer, ward, what, categories, opened=at(quarter, n % 3, 5 + 3 * n))
        if problem is not None and n % 2:
            _dated(problem.move_to(Stage.ANALYSIS, by=officer, note="Demonstration record"), at(quarter, 2, 26))
        made += problem is not None
    return made


def _open(officer: Any, ward_name: str, what: str, categories: list[str], opened: datetime) -> Problem | None:
    title = _title(ward_name, what)
    ward = Ward.objects.filter(name=ward_name).first()
    if ward is None or Problem.objects.filter(title=title).exists():
        return None
    fields = {"title": title, "description": f"{NOTE}\n{what} in {ward_name} ward, raised at the cluster panel.",
              "wards": [ward], "categories": categories, "owner": officer, "source": "panel"}  # fmt: skip
    problem = services.open_problem(None, fields, by=officer, note="Demonstration record")
    _dated(problem.history.get(kind=ChangeKind.CREATE), opened)
    Problem.objects.filter(pk=problem.pk).update(created=opened, modified=opened)
    problem.refresh_from_db()  # so that the verbs' saves keep the date
    return problem


def _dated(change: ProblemChange, when: datetime) -> None:
    """Date a history row to when it would have happened (an update, not a save: the history is append-only)."""
    ProblemChange.objects.filter(pk=change.pk).update(at=when)


def _work_and_close(problem: Problem, officer: Any, quarter: Period, n: int, action: str) -> None:
    """Analysis in the opening month, the response from the quarter before, assessed and closed in the quarter."""
    _dated(problem.move_to(Stage.ANALYSIS, by=officer, note="Demonstration record"), at(quarter, -6, 17 + n))
    _dated(problem.move_to(Stage.RESPONSE, by=officer, note="Demonstration record"), at(quarter, -3, 1 + n))
    _respond(problem, officer, add_months(quarter.first, -3), action, at(quarter, -3, 1 + n))
    _dated(problem.move_to(Stage.ASSESSMENT, by=officer, note="Demonstration record"), at(quarter, 0, 6 + n))
    _assess(problem, officer, quarter, at(quarter, 0, 8 + n))
    closed = at(quarter, 1, 4 + 2 * n)
    _dated(problem.move_to(Stage.CLOSED, by=officer, note="Demonstration record"), closed)
    Problem.objects.filter(pk=problem.pk).update(modified=closed)


def _respond(problem: Problem, officer: Any, start: date, action: str, when: datetime) -> None:
    kind = ResponseType.objects.order_by("pk").first()
    if kind is None:
        return
    response = Response(kind=kind, action=action, owner=officer, start=start, status="done")
    services.add_response(None, problem, response, by=officer)
    Response.objects.filter(pk=response.pk).update(created=when, modified=when)
    _dated(problem.history.filter(kind=ChangeKind.RESPONSE).latest("id"), when)


def _rest_of_force(problem: Problem) -> tuple[str, ...]:
    """The force's wards outside the problem's cluster (the assessment leaves its buffer ring out)."""
    clusters = problem.wards.values_list("cluster_id", flat=True)
    return tuple(
        Ward.objects.of_force(services.force_slug()).exclude(cluster_id__in=clusters).values_list("code", flat=True)
    )


def _assess(problem: Problem, officer: Any, quarter: Period, when: datetime) -> None:
    """The quarter before the response against the response's quarter, with the two best-matched
    control wards, as an officer would run it on the problem's page (the rest of the force when no
    ward matched: three months of small counts can leave the response area's series flat)."""
    before = Months(add_months(quarter.first, -6), add_months(quarter.first, -4))
    after = Months(add_months(quarter.first, -3), add_months(quarter.first, -1))
    try:
        spec = services.spec_of_problem(problem, before=before, after=after, buffer_m=200.0)
        controls = tuple(m.code for m in suggest_controls(spec, published_months(spec.force_slug))[:2])
        controls = controls or _rest_of_force(problem)
        chosen = services.spec_of_problem(problem, before=before, after=after, buffer_m=200.0, control_wards=controls)
        saved = services.run_assessment(None, problem, chosen, by=officer)
    except SpecError:
        return  # no crime published for a period: the problem closes without an assessment
    Assessment.objects.filter(pk=saved.pk).update(created=when, modified=when)
    _dated(problem.history.filter(kind=ChangeKind.ASSESSMENT).latest("id"), when)
