"""Every URL of beatbook, requested as each of the ten personas, answers as declared in expectations.py."""

from __future__ import annotations

import pytest

from beatbook.core import audit
from beatbook.core.models import AuditAction
from beatbook.geography.models import Denominator
from beatbook.problems.models import Response, ResponseType
from tests.access.expectations import ADMIN_PREFIX_DEFAULT, EXPECTATIONS
from tests.access.urls import Route, all_routes, sample_url
from tests.engagement.factories import engagement_samples
from tests.personas import PASSWORD, PERSONAS
from tests.problems.conftest import make_problem
from tests.workforce.factories import workforce_samples

PROBLEM_PAGES = (
    "detail",
    "edit",
    "move",
    "response_new",
    "snapshot_new",
    "priority_new",
    "assessment",
    "plan",
    "plan_pdf",
)

pytestmark = pytest.mark.django_db
MARKER = "MATRIX-PRIVATE-7f3c"  # in the sample objects: a refused page must never show it
POLICE_UK_SAMPLES = {
    "api:police-uk-force": {"force": "city-of-london"},
    "api:police-uk-neighbourhoods": {"force": "city-of-london"},
    "api:police-uk-crimes-street": {"category": "all-crime"},
    "api:police-uk-outcomes-for-crime": {"persistent_id": "0" * 64},
}
CATCH_ALL = {p: (404 if p == "admin" else 302) for p in PERSONAS}  # an unknown admin address
OLD_STYLE_OBJECT_ADDRESS = dict.fromkeys(PERSONAS, 302)  # admin/<app>/<model>/<id>/ redirects to its change page


def _expected(route: Route) -> dict[str, int] | None:
    if route.name in EXPECTATIONS:
        return EXPECTATIONS[route.name]
    if route.name.startswith(ADMIN_PREFIX_DEFAULT[0]):
        return ADMIN_PREFIX_DEFAULT[1]
    if route.route.startswith("admin/") and route.params == ("url",):
        return CATCH_ALL
    if route.route.startswith("admin/") and route.params == ("object_id",) and route.name == route.route:
        return OLD_STYLE_OBJECT_ADDRESS
    return None


@pytest.fixture
def samples(personas, city) -> dict[str, dict]:
    """Objects holding MARKER, and the arguments of routes that need them."""
    audit.record(None, AuditAction.VIEW, personas.organisation_x, user=personas["supervisor"], note=MARKER)
    Denominator.objects.create(force=city, kind="residents", value=1000, as_of="2021", source=MARKER)
    ward = city.sectors.first().clusters.first().wards.first()
    problem = make_problem(personas["officer_a"], partners=[personas.organisation_x], description=MARKER)
    Response.objects.create(problem=problem, kind=ResponseType.objects.first(), action=MARKER)
    intel = _intel_sample(personas)
    type(intel).objects.filter(pk=intel.pk).update(problem=problem)  # the problem page shows linked intelligence
    survey, wave, token, message = _survey_and_message_samples(personas)
    engagement = engagement_samples(personas, MARKER)
    _performance_samples(city)
    return {
        **workforce_samples(personas, MARKER),
        **engagement,
        **{f"intel:{name}": {"pk": intel.pk} for name in INTEL_ITEM_ROUTES},
        "intel:follow_up": {"token": INTEL_TOKEN},
        **{
            f"surveys:{name}": {"pk": survey.pk}
            for name in ("detail", "add_question", "add_wave", "results", "results_csv", "contacts")
        },
        "surveys:invitations": {"pk": wave.pk},
        "surveys:respond": {"pk": wave.pk},
        "surveys:invited": {"token": token},
        "messaging:detail": {"pk": message.pk},
        "messaging:confirm": {"token": "sample-token"},
        "messaging:unsubscribe": {"token": "sample-token"},
        **_safeguarding_samples(personas),
        **_schools_samples(personas),
        **_missing_samples(personas),
        **_campaign_and_bike_samples(personas),
        **_partnership_and_scrutiny_samples(personas),
        "public:ward": {"slug": ward.slug},
        "hub:export": {"table": "dashboard-categories", "fmt": "csv"},
        "stopsearch:export": {"table": "stop-and-search-outcome", "fmt": "csv"},
        "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        **POLICE_UK_SAMPLES,
        "api:police-uk-neighbourhood": {"force": city.slug, "neighbourhood": ward.code},
        "api:police-uk-boundary": {"force": city.slug, "neighbourhood": ward.code},
        **{f"problems:{name}": {"pk": problem.pk} for name in PROBLEM_PAGES},
        "api:problem-assessment": {"problem_id": problem.pk},
        "performance:definition": {"code": "crime"},
    }


def _performance_samples(city) -> None:
    """A force's own target and a figure's commentary, for their admin pages."""
    from beatbook.performance.models import Commentary, Target

    Target.objects.create(indicator="crime", value=-5.0, tolerance=5.0, reason=MARKER)
    Commentary.objects.create(indicator="crime", scope_key=city.slug, period="2025Q4", text=MARKER)


def _safeguarding_samples(personas) -> dict[str, dict]:
    from tests.safeguarding.conftest import matrix_samples

    return matrix_samples(personas, MARKER)


INTEL_TOKEN = "matrix-follow-up-token"
INTEL_ITEM_ROUTES = ("item", "grade", "link", "sanitise", "approve_sanitised", "approve_handling", "share", "review")


def _intel_sample(personas):
    """A ready item in a ward of officer_a's cluster, shared with partner_x's organisation."""
    from django.utils import timezone

    from beatbook.intel.models import Intel, IntelShare
    from beatbook.intel.services import follow_up_key

    now = timezone.now()
    item = Intel.objects.create(
        reference="CI-MTRX-0001",
        source="public",
        original_text=MARKER,
        submitter_contact=MARKER,
        follow_up_key=follow_up_key(INTEL_TOKEN),
        ward=personas.cluster_a.wards.first(),
        review_date=now.date(),
        source_evaluation="1",
        assessment="A",
        handling_code="P",
        graded_at=now,
        sanitised_text="Sanitised sample",
        sanitised_at=now,
        sanitisation_approved_at=now,
    )
    IntelShare.objects.create(item=item, organisation=personas.organisation_x, shared_by=personas["intelligence"])
    return item


def _survey_and_message_samples(personas) -> tuple:
    """A survey with an open wave and an invitation; a message to officer_a's cluster holding MARKER."""
    import datetime as dt

    from beatbook.messaging.services import send_message
    from beatbook.surveys.models import Wave
    from beatbook.surveys.services import create_survey, make_invitations

    survey = create_survey(MARKER, "confidence", "open", "", personas["analyst"])
    wave = Wave.objects.create(survey=survey, name="W", opens=dt.date(2000, 1, 1), closes=dt.date(2999, 1, 1))
    message = send_message(MARKER, MARKER, None, personas.cluster_a, "", personas["officer_a"])
    return survey, wave, make_invitations(wave, 1)[0], message


def _schools_samples(personas) -> dict[str, dict]:
    from tests.schools.conftest import notification_for, school_in

    notification = notification_for(school_in(personas.cluster_a.wards.first()), personas, child_name=MARKER)
    pk = {"pk": notification.pk}
    return {
        "schools:notification": pk,
        "schools:notification_send": pk,
        "schools:notification_assign": pk,
        "schools:school_edit": {"pk": notification.school.pk},
    }


def _missing_samples(personas) -> dict[str, dict]:
    from tests.missing.conftest import active_briefing

    pk = {"pk": active_briefing(personas.cluster_a, name=MARKER).pk}
    return {f"missing:{name}": pk for name in ("briefing", "photo", "renew", "found", "remove")}


def _campaign_and_bike_samples(personas) -> dict[str, dict]:
    from tests.bikes.factories import bike_samples
    from tests.campaigns.factories import campaign_samples

    return {**campaign_samples(personas, MARKER), **bike_samples(MARKER)}


def _partnership_and_scrutiny_samples(personas) -> dict[str, dict]:
    from tests.partnership.factories import partnership_samples
    from tests.scrutiny.factories import scrutiny_samples

    return {**partnership_samples(personas, MARKER), **scrutiny_samples(MARKER)}


def test_every_url_has_a_declared_expectation():
    undeclared = [r.name for r in all_routes() if _expected(r) is None]
    assert undeclared == [], f"declare these in tests/access/expectations.py: {undeclared}"


def test_every_declared_url_exists():
    names = {r.name for r in all_routes()}
    assert sorted(set(EXPECTATIONS) - names) == []


def test_every_persona_gets_what_is_declared(personas, samples):
    clients = {name: personas.client(name) for name in PERSONAS}
    mismatches = []
    for route in all_routes():
        url = sample_url(route, samples)
        for persona, status in (_expected(route) or {}).items():
            response = clients[persona].get(url)
            if response.status_code != status:
                mismatches.append(f"{persona:13} GET {url} -> {response.status_code}, declared {status}")
            if response.status_code >= 300 and MARKER in response.content.decode(errors="replace"):
                mismatches.append(f"{persona:13} GET {url} -> refused, but the page shows private data")
    assert mismatches == []


def test_the_public_is_sent_to_sign_in_with_the_page_to_come_back_to(personas, samples):
    response = personas.client("public").get("/audit/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=/audit/"


def test_a_refused_page_says_why_and_offers_a_way_back(personas):
    response = personas.client("officer_a").get("/audit/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "This page is for: Supervisor, Administrator." in page and "Go to the home page" in page


def test_without_the_second_factor_every_page_asks_for_it(personas, samples):
    """An admin who gave only the password reaches nothing but the code page and sign-out."""
    from django.test import Client

    client = Client()
    client.post("/accounts/login/", {"username": "admin", "password": PASSWORD})
    exempt = {"logout", "logged_out", "two_factor_verify", "two_factor_setup"}
    leaks = []
    for route in all_routes():
        if route.name in exempt:
            continue
        response = client.get(sample_url(route, samples))
        if not (response.status_code == 302 and response["Location"].startswith("/account/two-factor/")):
            leaks.append(f"GET {sample_url(route, samples)} -> {response.status_code}")
    assert leaks == []
