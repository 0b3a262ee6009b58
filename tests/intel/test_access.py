"""Who sees what: visible_to per persona, sanitised texts only outside the intelligence role, nothing of the
original in the HTML of a refused or a partner's page, and every view, search and export audited."""

from __future__ import annotations

import pytest
from django.utils import timezone

from beatbook.core.models import AuditAction, AuditEvent
from beatbook.intel.models import Intel, Theme
from tests.intel.conftest import ORIGINAL, SANITISED, ready_item, received_item, share_with, ward_of
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_with_x(personas, ward_a):
    item = ready_item(personas, ward_a)
    share_with(item, personas.organisation_x, personas["intelligence"])
    return item


def test_visible_to_each_persona(personas, shared_with_x, ward_a):
    waiting = received_item(ward_a)
    safeguarding_theme = ready_item(personas, ward_of(personas.cluster_b))
    safeguarding_theme.themes.add(Theme.objects.get(name="County lines"))
    seen = {
        name: set(Intel.objects.visible_to(personas.users.get(name)).values_list("pk", flat=True)) for name in PERSONAS
    }
    assert seen["intelligence"] == {shared_with_x.pk, waiting.pk, safeguarding_theme.pk}
    assert seen["partner_x"] == {shared_with_x.pk} and seen["partner_y"] == set()
    assert seen["officer_a"] == {shared_with_x.pk} and seen["officer_b"] == {safeguarding_theme.pk}
    assert seen["supervisor"] == {shared_with_x.pk, safeguarding_theme.pk}
    assert seen["safeguarding"] == {safeguarding_theme.pk}
    assert seen["analyst"] == seen["admin"] == seen["public"] == set()


def test_a_partner_sees_only_the_sanitised_text(personas, shared_with_x):
    for url in (f"/intel/{shared_with_x.pk}/", "/intel/shared/"):
        page = personas.client("partner_x").get(url).text
        assert SANITISED in page
        assert "ORIGINAL-SECRET" not in page and "07700" not in page and "Example Court" not in page


def test_nothing_of_the_original_on_a_refused_page(personas, shared_with_x):
    for name in PERSONAS:
        client = personas.client(name)
        for url in (f"/intel/{shared_with_x.pk}/", "/intel/queue/", "/intel/review/", "/intel/shared/"):
            page = client.get(url).content.decode()
            if name != "intelligence":
                assert "ORIGINAL-SECRET" not in page and "07700" not in page, (name, url)


def test_someone_elses_item_is_404(personas, shared_with_x):
    assert personas.client("partner_y").get(f"/intel/{shared_with_x.pk}/").status_code == 404
    assert personas.client("officer_b").get(f"/intel/{shared_with_x.pk}/").status_code == 404
    assert personas.client("intelligence").get(f"/intel/{shared_with_x.pk}/").status_code == 200


def test_the_intelligence_role_reads_the_original(personas, shared_with_x):
    page = personas.client("intelligence").get(f"/intel/{shared_with_x.pk}/").text
    assert ORIGINAL in page and "07700 900123" in page


def _events(action, object_type="intel.intel"):
    return AuditEvent.objects.filter(action=action, object_type=object_type)


def test_every_kind_of_access_is_audited(personas, shared_with_x):
    personas.client("partner_x").get(f"/intel/{shared_with_x.pk}/")
    view = _events(AuditAction.VIEW).get(username="partner_x", object_id=str(shared_with_x.pk))
    assert view.detail == {"lens": "sanitised"}
    personas.client("intelligence").get(f"/intel/{shared_with_x.pk}/")
    assert _events(AuditAction.VIEW).get(username="intelligence").detail == {"lens": "original"}
    personas.client("intelligence").get("/intel/queue/", {"q": "van"})
    assert _events(AuditAction.SEARCH).get(username="intelligence").detail == {"filters": {"q": "van"}}
    personas.client("officer_a").get("/intel/shared/")
    assert _events(AuditAction.VIEW).filter(username="officer_a", detail__listing="sanitised").exists()
    personas.client("analyst").get("/intel/counts/")
    assert _events(AuditAction.VIEW, "intel.counts").filter(username="analyst").exists()
    personas.client("analyst").get("/intel/counts.csv")
    assert _events(AuditAction.EXPORT, "intel.counts").filter(username="analyst").exists()
    personas.client("intelligence").get("/intel/review/")
    assert _events(AuditAction.VIEW).filter(username="intelligence", detail__listing="due for review").exists()


def test_no_audit_event_holds_the_text(personas, shared_with_x):
    client = personas.client("intelligence")
    client.post(f"/intel/{shared_with_x.pk}/sanitise/", {"sanitised_text": "A rewritten text 9c1e."})
    client.get(f"/intel/{shared_with_x.pk}/")
    every = " ".join(f"{e.changes} {e.detail} {e.object_repr}" for e in AuditEvent.objects.all())
    assert "ORIGINAL-SECRET" not in every and "9c1e" not in every and "07700" not in every


def test_the_queue_per_cluster(personas, ward_a):
    mine = received_item(ward_a)
    theirs = received_item(ward_of(personas.cluster_b))
    page = personas.client("intelligence").get("/intel/queue/", {"cluster": personas.cluster_a.pk}).text
    assert mine.reference in page and theirs.reference not in page
    bad = personas.client("intelligence").get("/intel/queue/", {"cluster": "nope"})
    assert bad.status_code == 400 and "Select a valid choice" in bad.text


def test_counts_by_ward_show_numbers_only(personas, ward_a, shared_with_x):
    received_item(ward_a, received_at=timezone.now())
    page = personas.client("officer_b").get("/intel/counts/").text
    row = page.split(f'<th scope="row">{ward_a.name}</th>')[1].split("</tr>")[0]
    assert '<td class="num">2</td>' in row and '<td class="num">1</td>' in row
    assert "ORIGINAL-SECRET" not in page and SANITISED not in page
    csv = personas.client("officer_b").get("/intel/counts.csv").content.decode()
    assert f"{ward_a.name},{ward_a.cluster.name},2,1" in csv
