"""Results by ward, cluster and group: Wilson intervals, fewer than 10 not shown, the change between waves,
CSV of aggregates only; and who may read which survey."""

from __future__ import annotations

import csv
import datetime as dt
import io
from types import SimpleNamespace

import pytest

from beatbook.core.models import AuditEvent
from beatbook.surveys.models import Access, SurveyKind, Wave
from beatbook.surveys.results import survey_results
from beatbook.surveys.services import create_survey, take_response
from beatbook.surveys.templatetags.surveys import p_value, percent, shown_change
from tests.surveys.conftest import submitted

pytestmark = pytest.mark.django_db


def _wave(survey, name: str, year: int) -> Wave:
    return Wave.objects.create(survey=survey, name=name, opens=dt.date(year, 1, 1), closes=dt.date(2999, 1, 1))


def _answers(wave, ward, group: str, good: int, other: int) -> None:
    for choice, count in (("Good", good), ("Poor", other)):
        for _ in range(count):
            take_response(wave, submitted(wave.survey, ward, group, choice), address=f"10.0.0.{_}")


@pytest.fixture
def two_waves(survey, city, settings):
    settings.BEATBOOK_SURVEY_RESPONSES_PER_ADDRESS = 1000
    ward = city.sectors.first().clusters.first().wards.first()
    first, second = _wave(survey, "Spring", 2024), _wave(survey, "Autumn", 2025)
    _answers(first, ward, "resident", 9, 11)  # 9/20 = 45%
    _answers(first, ward, "visitor", 2, 3)  # 5 visitors: fewer than 10
    _answers(first, ward, "worker", 5, 5)  # 10 workers: withheld, or All less residents would give the visitors
    _answers(second, ward, "resident", 24, 6)  # 24/30 = 80%
    return survey, ward


def test_shares_with_wilson_intervals_and_fewer_than_10_suppressed(two_waves):
    survey, ward = two_waves
    results = survey_results(survey)
    good_job = results.questions[0]
    overall = good_job.overall
    assert (overall.breakdown, overall.label) == ("All respondents", "All")
    spring, autumn = overall.cells
    assert (spring.proportion.part, spring.proportion.base) == (16, 35)
    assert autumn.proportion.value == pytest.approx(0.8)
    assert autumn.proportion.lower == pytest.approx(0.6269, abs=5e-4) and autumn.proportion.upper == pytest.approx(
        0.9049, abs=5e-4
    )
    rows = {(r.breakdown, r.label): r for r in good_job.rows}
    visitors = rows[("Respondent group", "Visitors")]
    assert visitors.cells[0].suppressed and visitors.cells[0].proportion is None and visitors.change is None
    residents = rows[("Respondent group", "Residents")]
    assert (
        residents.change is not None
        and residents.change.difference == pytest.approx(0.35)
        and residents.change.significant()
    )
    assert ("Ward", ward.name) in rows and ("Cluster", ward.cluster.name) in rows
    assert results.responses == [35, 30]


def test_a_lone_hidden_row_takes_the_next_smallest_with_it(survey, city, settings):
    """All less the groups shown, or a cluster less its wards shown, must not give a row of fewer than 10."""
    settings.BEATBOOK_SURVEY_RESPONSES_PER_ADDRESS = 1000
    cluster = city.sectors.first().clusters.first()
    big, small = cluster.wards.order_by("name")[:2]
    wave = _wave(survey, "Spring", 2025)
    _answers(wave, big, "resident", 12, 8)  # 20 residents of the big ward
    _answers(wave, big, "worker", 7, 5)  # 12 workers of the big ward
    _answers(wave, small, "visitor", 2, 3)  # 5 visitors of the small ward: hidden
    rows = {(r.breakdown, r.label): r.cells[0] for r in survey_results(survey).questions[0].rows}
    assert rows[("All respondents", "All")].proportion.base == 37
    assert rows[("Respondent group", "Visitors")].suppressed
    workers, residents = rows[("Respondent group", "Workers")], rows[("Respondent group", "Residents")]
    assert workers.withheld and workers.proportion is None  # the next smallest group
    assert residents.proportion.base == 20 and not residents.withheld
    assert rows[("Cluster", cluster.name)].proportion.base == 37  # one cluster: nothing to subtract
    assert rows[("Ward", small.name)].suppressed
    assert rows[("Ward", big.name)].withheld and rows[("Ward", big.name)].proportion is None


def test_the_page_shows_the_chart_table_and_suppression(two_waves, personas):
    survey, _ = two_waves
    page = personas.client("supervisor").get(f"/surveys/{survey.pk}/results/").content.decode()
    assert "<svg" in page and "fewer than 10 responses" in page and "withheld: it would reveal" in page
    assert '80% <span class="ci">(63–90; n=30)</span>' in page
    assert "▲" in page  # residents 45% -> 80%, significant


def test_the_csv_holds_aggregates_only_and_is_audited(two_waves, personas):
    survey, ward = two_waves
    response = personas.client("officer_a").get(f"/surveys/{survey.pk}/results.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    visitors = [
        r for r in rows if r["group"] == "Visitors" and r["wave"] == "Spring" and r["question"].startswith("Taking")
    ]
    assert visitors[0]["note"] == "fewer than 10 responses" and visitors[0]["responses"] == ""
    workers = [
        r for r in rows if r["group"] == "Workers" and r["wave"] == "Spring" and r["question"].startswith("Taking")
    ]
    assert workers[0]["note"].startswith("withheld") and workers[0]["responses"] == workers[0]["percent"] == ""
    autumn_all = [
        r for r in rows if r["group"] == "All" and r["wave"] == "Autumn" and r["question"].startswith("Taking")
    ][0]
    assert (autumn_all["responses"], autumn_all["favourable"], autumn_all["percent"]) == ("30", "24", "80.0")
    assert set(rows[0]) == {
        "question",
        "measure",
        "breakdown",
        "group",
        "wave",
        "responses",
        "favourable",
        "percent",
        "ci95_low_percent",
        "ci95_high_percent",
        "note",
    }
    assert AuditEvent.objects.filter(action="export", object_type="surveys.survey", object_id=str(survey.pk)).exists()


def test_a_survey_without_responses_says_so(survey, personas):
    response = personas.client("analyst").get(f"/surveys/{survey.pk}/results/")
    assert response.status_code == 200 and "No responses yet" in response.content.decode()


def test_victim_feedback_is_for_supervisors_only(personas):
    victim = create_survey("After your report", SurveyKind.VICTIM, Access.INVITATION, "", personas["supervisor"])
    for name in ("officer_a", "analyst"):
        assert personas.client(name).get(f"/surveys/{victim.pk}/results/").status_code == 404
        assert personas.client(name).get(f"/surveys/{victim.pk}/").status_code == 404
    assert personas.client("supervisor").get(f"/surveys/{victim.pk}/results/").status_code == 200
    assert "After your report" not in personas.client("analyst").get("/surveys/").content.decode()


def test_follow_up_contacts_are_for_supervisors_and_audited(survey, wave, city, personas):
    ward = city.sectors.first().clusters.first().wards.first()
    contact = {"name": "Ann", "email": "ann@example.org", "phone": ""}
    take_response(wave, submitted(survey, ward, contact=contact), address="192.0.2.1")
    assert personas.client("officer_a").get(f"/surveys/{survey.pk}/contacts/").status_code == 403
    assert "ann@example.org" not in personas.client("analyst").get(f"/surveys/{survey.pk}/results/").content.decode()
    page = personas.client("supervisor").get(f"/surveys/{survey.pk}/contacts/")
    assert page.status_code == 200 and "ann@example.org" in page.content.decode()
    event = AuditEvent.objects.get(action="view", object_type="surveys.survey")
    assert event.username == "supervisor" and event.detail["personal_data"] == "follow-up contacts"


def test_a_builder_makes_a_survey_adds_a_question_and_a_wave(personas):
    client = personas.client("analyst")
    response = client.post(
        "/surveys/new/", {"title": "Night time", "kind": "confidence", "access": "open", "standard": ""}
    )
    survey_url = response["Location"]
    assert response.status_code == 302
    bad = client.post(survey_url + "questions/", {"kind": "single", "text": "Which?", "choices": "Only one"})
    assert bad.status_code == 400 and "at least two answers" in bad.content.decode()
    client.post(survey_url + "questions/", {"kind": "single", "text": "Which?", "choices": "A\nB", "favourable": "A"})
    wrong_dates = client.post(survey_url + "waves/", {"name": "W", "opens": "2025-02-01", "closes": "2025-01-01"})
    assert wrong_dates.status_code == 400 and "must close on or after" in wrong_dates.content.decode()
    assert (
        client.post(survey_url + "waves/", {"name": "W", "opens": "2025-01-01", "closes": "2025-02-01"}).status_code
        == 302
    )
    page = client.get(survey_url).content.decode()
    assert "Which?" in page and "results: chose A" in page and "1 Jan 2025" in page
    assert personas.client("officer_a").post(survey_url + "waves/", {"name": "X"}).status_code == 403


def test_only_a_reader_of_victim_feedback_may_make_a_victim_survey(personas):
    response = personas.client("analyst").post(
        "/surveys/new/", {"title": "V", "kind": "victim", "access": "invitation"}
    )
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()


def test_the_change_shown_is_between_the_percentages_shown_and_a_tiny_p_is_not_zero():
    def cell(value: float) -> SimpleNamespace:
        return SimpleNamespace(proportion=SimpleNamespace(value=value))

    row = SimpleNamespace(cells=[cell(0.544), cell(0.536)])
    assert (percent(0.544), percent(0.536), shown_change(row)) == ("54", "54", "+0 pts")
    assert shown_change(SimpleNamespace(cells=[cell(0.45), cell(0.80)])) == "+35 pts"
    assert (p_value(0.0004), p_value(0.0123)) == ("p<0.001", "p=0.012")
