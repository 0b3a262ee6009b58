"""Scrutiny meetings: the reproducible draw on the City's real searches of January 2023, supervisors'
forms (audited), and the public summary that shows only published meetings and published fields."""

from __future__ import annotations

import datetime as dt

import pytest

from beatbook.core.models import AuditAction, AuditEvent
from beatbook.scrutiny import sampling
from beatbook.scrutiny.models import Meeting, PowersCase, SampledSearch, Verdict
from beatbook.scrutiny.services import create_meeting
from tests.conftest import loaded_for_module
from tests.scrutiny.factories import draft_meeting, published_meeting
from tests.stopsearch.conftest import stop_and_search_files

JANUARY = dt.date(2023, 1, 1)


@pytest.fixture(scope="module")
def january(django_db_setup, django_db_blocker):
    with loaded_for_module(django_db_blocker, stop_and_search_files(["2023-01"])):
        yield


@pytest.fixture
def searches(january, db):
    """January 2023's published searches, for one test."""


def _drawn(seed: int, size: int = 10) -> list[int]:
    return [s.pk for s in sampling.draw("city-of-london", JANUARY, JANUARY, size, seed)[0]]


def test_the_same_seed_draws_the_same_searches_and_another_seed_others(searches):
    total = sampling.period_searches("city-of-london", JANUARY, JANUARY).count()
    assert total > 20
    assert _drawn(7) == _drawn(7) and len(set(_drawn(7))) == 10
    assert _drawn(7) != _drawn(8)
    assert sorted(_drawn(7, size=10_000)) == sorted(
        sampling.period_searches("city-of-london", JANUARY, JANUARY).values_list("pk", flat=True)
    )


def test_a_period_without_searches_is_refused_and_nothing_is_saved(searches, personas):
    data = {"group": "G", "held_on": "2023-03-01", "first_month": "2022-01", "last_month": "2022-02"}
    response = personas.client("supervisor").post("/scrutiny/manage/new/", {**data, "sample_size": 5})
    assert response.status_code == 400 and "No stop and search of the force was published" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_supervisor_records_a_meeting_and_beatbook_draws_and_copies_the_sample(searches, personas):
    data = {"group": "Scrutiny Group", "held_on": "2023-03-01", "first_month": "2023-01", "last_month": "2023-01"}
    response = personas.client("supervisor").post("/scrutiny/manage/new/", {**data, "sample_size": 6, "seed": 99})
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/scrutiny/manage/{meeting.pk}/"
    assert meeting.seed == 99 and meeting.sampled.count() == 6 and not meeting.published
    assert [s.stop_search_id for s in meeting.sampled.all()] == _drawn(99, size=6)
    first = meeting.sampled.first()
    assert first.type == first.stop_search.type and first.date == first.stop_search.date
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="scrutiny.meeting")
    assert event.detail["seed"] == 99 and event.detail["population"] == meeting.population


def test_a_meeting_before_the_end_of_the_period_it_reviews_is_refused_naming_the_fields(personas, db):
    data = {"group": "G", "first_month": "2023-01", "last_month": "2023-02", "sample_size": 5}
    response = personas.client("supervisor").post("/scrutiny/manage/new/", {**data, "held_on": "2023-02-20"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Held on is before the end of the period reviewed (last month: February 2023)" in page
    assert "give 1 March 2023 or later" in page and not Meeting.objects.exists()


def test_bad_meeting_input_names_the_fields(personas, db):
    data = {"group": "", "held_on": "2023-03-01", "first_month": "2023-05", "last_month": "2023-01"}
    response = personas.client("supervisor").post("/scrutiny/manage/new/", {**data, "sample_size": 500})
    page = response.content.decode()
    assert response.status_code == 400 and "This field is required" in page
    assert "Draw between 1 and 100 searches" in page and "The last month comes before the first" in page


def test_findings_are_recorded_audited_and_published(searches, personas):
    meeting = create_meeting(Meeting(**_fields()), by=personas["supervisor"])
    sampled = list(meeting.sampled.all())
    data = {
        "findings": "Grounds were well recorded.",
        "force_response": "Body-worn video reminders.",
        "published": "on",
    }
    data.update({"form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "3"})
    for i, s in enumerate(sampled):
        data.update({f"form-{i}-id": s.pk, f"form-{i}-verdict": "no_concern", f"form-{i}-finding": ""})
    data["form-1-verdict"], data["form-1-finding"] = "learning", "Object of search not written up clearly."
    response = personas.client("supervisor").post(f"/scrutiny/manage/{meeting.pk}/", data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.published and SampledSearch.objects.get(pk=sampled[1].pk).verdict == Verdict.LEARNING
    event = AuditEvent.objects.get(action=AuditAction.CHANGE, object_type="scrutiny.meeting")
    assert event.detail["searches_changed"] == [1, 2, 3]
    page = personas.client("public").get(f"/scrutiny/{meeting.pk}/").content.decode()
    assert "Grounds were well recorded." in page and "Body-worn video reminders." in page
    assert "Object of search not written up clearly." in page and "no concern 2" in page
    assert "Of the 3 searches reviewed, the group's view: no concern 2; learning point 1." in page


def test_only_searches_given_a_view_count_as_reviewed_on_the_public_pages(searches, personas):
    meeting = create_meeting(Meeting(**_fields(), published=True), by=personas["supervisor"])
    public = personas.client("public")
    page = public.get(f"/scrutiny/{meeting.pk}/").content.decode()
    assert "not reviewed yet 3" not in page and "Of the searches reviewed" not in page
    assert "The group has not yet given its view of any of the 3 searches drawn." in page
    assert "3 drawn at random, none reviewed yet." in public.get("/scrutiny/").content.decode()
    meeting.sampled.filter(position=2).update(verdict=Verdict.CONCERN)
    page = public.get(f"/scrutiny/{meeting.pk}/").content.decode()
    assert "Of the 1 search reviewed, the group's view: concern 1. The other 2 have not been reviewed yet." in page
    assert "1 of the 3 drawn" in page
    assert "3 drawn at random, 1 reviewed." in public.get("/scrutiny/").content.decode()


def _fields() -> dict:
    return {
        "group": "Scrutiny Group",
        "held_on": JANUARY.replace(month=3),
        "force_slug": "city-of-london",
        "first_month": JANUARY,
        "last_month": JANUARY,
        "sample_size": 3,
        "seed": 5,
    }


def test_the_public_reads_published_summaries_only_and_no_reference_of_a_case(personas, db):
    draft = draft_meeting(findings="DRAFT-FINDINGS")
    shown = published_meeting(findings="Published findings", held_on=JANUARY.replace(month=4))
    PowersCase.objects.create(meeting=shown, reference="UOF-2023-0042", power="Use of force", verdict="concern")
    public = personas.client("public")
    assert public.get(f"/scrutiny/{draft.pk}/").status_code == 404
    listing = public.get("/scrutiny/").content.decode()
    assert "Published findings" in listing and "DRAFT-FINDINGS" not in listing
    page = public.get(f"/scrutiny/{shown.pk}/").content.decode()
    assert "Use of force: concern" in page and "UOF-2023-0042" not in page
    assert "beatbook holds no records of the use of force" in page and "Open Government Licence" in page
    assert personas.client("supervisor").get(f"/scrutiny/{draft.pk}/").status_code == 200


def test_a_case_is_added_by_reference_and_audited(personas, db):
    meeting = draft_meeting()
    data = {"reference": "UOF-1", "power": "Handcuffing", "verdict": "no_concern", "finding": ""}
    assert personas.client("supervisor").post(f"/scrutiny/manage/{meeting.pk}/cases/", data).status_code == 302
    assert meeting.cases.get().reference == "UOF-1"
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="scrutiny.powerscase").exists()
    bad = personas.client("supervisor").post(f"/scrutiny/manage/{meeting.pk}/cases/", {"power": "x"})
    assert bad.status_code == 400 and "This field is required" in bad.content.decode()
    assert personas.client("officer_a").post(f"/scrutiny/manage/{meeting.pk}/cases/", data).status_code == 403


def test_the_public_opening_the_case_form_s_address_is_sent_to_sign_in(personas, db):
    url = f"/scrutiny/manage/{draft_meeting().pk}/cases/"
    response = personas.client("public").get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert personas.client("officer_a").get(url).status_code == 403
    assert personas.client("supervisor").get(url).status_code == 405


def test_the_demo_records_are_made_once_labelled_and_sample_the_real_searches(searches):
    from beatbook.demo.partnership import ensure_demo_partnership
    from beatbook.geography.models import Force
    from beatbook.partnership.models import Partnership

    force = Force.objects.get(slug="city-of-london")
    first, again = list(ensure_demo_partnership(force)), list(ensure_demo_partnership(force))
    assert first == again
    partnership = Partnership.objects.get()
    assert partnership.demonstration and sum(m.statutory for m in partnership.members.all()) == 5
    plan = partnership.plans.get()
    assert [p.title for p in plan.priorities.all()][-1] == "Reducing bicycle accidents"
    assert plan.priorities.count() == 6 and plan.demonstration
    meeting = Meeting.objects.get()
    assert meeting.demonstration and meeting.published and meeting.sampled.count() == 10
    assert [s.stop_search_id for s in meeting.sampled.all()] == _drawn(meeting.seed)
