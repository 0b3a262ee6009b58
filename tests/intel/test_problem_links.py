"""Intelligence linked to SARA problems (docs/adr/0013): the intelligence officer picks a problem by reference
and title only; a problem's page shows each reader at most the sanitised texts they may read, or a count."""

from __future__ import annotations

import pytest
from django.apps import apps

from beatbook.core.models import AuditAction, AuditEvent
from beatbook.intel.models import Intel
from beatbook.problems.references import problem_id_of
from tests.intel.conftest import ORIGINAL, SANITISED, ready_item, received_item, ward_of
from tests.problems.conftest import make_problem

pytestmark = pytest.mark.django_db
POLICE_ONLY = ("POLICE-ONLY-DESCRIPTION", "Pickpocketing at the station entrances", "Commuters with phones")


@pytest.fixture
def problem(personas):
    return make_problem(personas["officer_a"], partners=[personas.organisation_x], shared=["area", "analysis"])


@pytest.mark.parametrize(
    "typed, expected",
    [("SARA-12", 12), ("sara 12", 12), ("P-012", 12), ("#12", 12), ("12", 12), ("SARA-2026-004", None), ("", None)],
)
def test_a_typed_reference_names_a_problem_or_none(typed, expected):
    assert problem_id_of(typed) == expected


def test_the_picker_shows_the_intelligence_officer_reference_and_title_only(personas, problem):
    page = personas.client("intelligence").get("/intel/problems/", {"q": "liverpool"})
    assert page.status_code == 200
    assert f"SARA-{problem.pk}" in page.text and problem.title in page.text
    assert not any(secret in page.text for secret in POLICE_ONLY)
    assert f"/problems/{problem.pk}/" not in page.text  # no way onto the plan itself
    event = AuditEvent.objects.get(action=AuditAction.SEARCH, object_type="problems.problem")
    assert (event.username, event.detail["query"], event.detail["found"]) == (
        "intelligence",
        "liverpool",
        [f"SARA-{problem.pk}"],
    )


def test_the_picker_finds_by_reference_and_leads_back_to_the_item(personas, problem):
    item = received_item(None)
    page = personas.client("intelligence").get("/intel/problems/", {"q": f"SARA-{problem.pk}", "item": item.pk})
    assert f"/intel/{item.pk}/?problem=SARA-{problem.pk}" in page.text
    chosen = personas.client("intelligence").get(f"/intel/{item.pk}/", {"problem": f"SARA-{problem.pk}"})
    assert f'value="SARA-{problem.pk}"' in chosen.text


def test_the_picker_refuses_an_unknown_item_and_a_bad_one(personas, problem):
    client = personas.client("intelligence")
    assert client.get("/intel/problems/", {"q": "x", "item": 999999}).status_code == 404
    bad = client.get("/intel/problems/", {"q": "x", "item": "abc"})
    assert bad.status_code == 400 and "Intelligence item" in bad.text


@pytest.mark.parametrize("persona", ["officer_a", "analyst", "supervisor", "partner_x", "safeguarding", "admin"])
def test_the_picker_is_the_intelligence_officers_only(personas, problem, persona):
    assert personas.client(persona).get("/intel/problems/", {"q": "liverpool"}).status_code == 403


def test_an_unknown_reference_is_refused_naming_the_field(personas, problem):
    item = received_item(None)
    page = personas.client("intelligence").post(f"/intel/{item.pk}/links/", {"problem": "SARA-999999"})
    assert page.status_code == 400 and "No SARA problem has the reference" in page.text
    assert Intel.objects.get(pk=item.pk).problem is None


def test_the_item_page_names_the_linked_problem_by_reference_and_title_only(personas, problem):
    item = received_item(None, problem=problem)
    page = personas.client("intelligence").get(f"/intel/{item.pk}/")
    assert f"SARA-{problem.pk}</strong> {problem.title}" in page.text
    assert not any(secret in page.text for secret in POLICE_ONLY)


def test_an_officer_reads_the_sanitised_text_and_a_count_never_the_original(personas, problem):
    ready_item(personas, ward_of(personas.cluster_a), problem=problem)
    received_item(ward_of(personas.cluster_a), problem=problem)  # not yet sanitised
    page = personas.client("officer_a").get(f"/problems/{problem.pk}/")
    assert page.status_code == 200
    assert SANITISED in page.text and "1 linked intelligence item (held by the intelligence unit)" in page.text
    assert ORIGINAL not in page.text and "07700 900123" not in page.text and "Example Court" not in page.text
    event = AuditEvent.objects.get(action=AuditAction.VIEW, object_type="intel.intel")
    assert event.detail["problem"] == problem.pk and event.detail["held"] == 1 and len(event.detail["shown"]) == 1


@pytest.mark.parametrize("persona", ["officer_b", "analyst"])
def test_readers_outside_the_items_scope_see_a_count(personas, problem, persona):
    ready_item(personas, ward_of(personas.cluster_a), problem=problem)
    page = personas.client(persona).get(f"/problems/{problem.pk}/")
    assert "1 linked intelligence item (held by the intelligence unit)" in page.text
    assert SANITISED not in page.text and ORIGINAL not in page.text


def test_a_partner_sees_nothing_of_it_even_when_the_item_is_shared_with_them(personas, problem):
    from tests.intel.conftest import share_with

    item = ready_item(personas, ward_of(personas.cluster_a), problem=problem)
    share_with(item, personas.organisation_x, personas["intelligence"])
    page = personas.client("partner_x").get(f"/problems/{problem.pk}/")
    assert page.status_code == 200
    assert "Linked intelligence" not in page.text and "intelligence unit" not in page.text
    assert SANITISED not in page.text and item.reference not in page.text
    assert not AuditEvent.objects.filter(object_type="intel.intel").exists()


def test_another_partners_problem_is_a_404(personas, problem):
    ready_item(personas, ward_of(personas.cluster_a), problem=problem)
    assert personas.client("partner_y").get(f"/problems/{problem.pk}/").status_code == 404


def test_no_linked_intelligence_says_so(personas, problem):
    page = personas.client("supervisor").get(f"/problems/{problem.pk}/")
    assert "No intelligence is linked to this problem." in page.text


def test_the_migration_links_matching_references_and_keeps_the_others(personas, problem):
    from importlib import import_module

    migration = import_module("beatbook.intel.migrations.0003_problem_link")
    matched = received_item(None, problem_ref=f"SARA-{problem.pk}")
    unmatched = received_item(None, problem_ref="SARA-2026-004")
    missing = received_item(None, problem_ref="#999999")
    migration.link_references(apps, None)
    for item in (matched, unmatched, missing):
        item.refresh_from_db()
    assert (matched.problem, matched.problem_ref) == (problem, "")
    assert (unmatched.problem, unmatched.problem_ref) == (None, "SARA-2026-004")
    assert (missing.problem, missing.problem_ref) == (None, "#999999")


def test_linking_a_problem_replaces_the_old_text_reference(personas, problem):
    item = received_item(None, problem_ref="the pickpocketing one")
    page = personas.client("intelligence").get(f"/intel/{item.pk}/")
    assert "the pickpocketing one" in page.text
    personas.client("intelligence").post(f"/intel/{item.pk}/links/", {"problem": f"SARA-{problem.pk}"})
    item.refresh_from_db()
    assert (item.problem, item.problem_ref) == (problem, "")
