"""A partnership's plan, its implementation plan and its annual review pack: who reads what, the
indicators' figures and RAG, problems only as Problem.objects.visible_to allows, audited changes."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest

from beatbook.core.models import AuditAction, AuditEvent
from beatbook.partnership.models import Action, Member, Partnership
from beatbook.partnership.plain import plain_words
from beatbook.partnership.review import IndicatorLine
from beatbook.performance.registry import REGISTRY, Aim, Figure, Good, Indicator, Status, get, indicators
from beatbook.problems.models import Assessment, Section
from tests.campaigns.factories import published_campaign
from tests.partnership.factories import action_for, partnership_of, plan_with_priority
from tests.problems.conftest import make_problem

pytestmark = pytest.mark.django_db
CODE = "test-partnership-asb"


@pytest.fixture
def indicator(monkeypatch):
    """An indicator this test defines: 42 incidents for any scope, against a target of 40 (amber within 5)."""

    def compute(scope, period):
        return Figure(42.0, detail=f"{scope.kind} {period.label}")

    found = Indicator(CODE, "ASB incidents", Aim.PREVENT, "incidents", Good.DOWN, "Hub", "Counted.", compute, 40, 5)
    monkeypatch.setitem(REGISTRY, CODE, found)
    return found


@pytest.fixture
def priority(city, personas):
    return plan_with_priority(partnership_of(personas.organisation_x), indicator_codes=[CODE, "not-yet-written"])


def test_the_review_shows_each_indicators_figure_and_status_and_says_when_one_is_not_defined(
    priority, personas, indicator
):
    page = personas.client("analyst").get(f"/partnership/plans/{priority.plan.pk}/review/").content.decode()
    assert "ASB incidents" in page and "42 incidents" in page
    assert 'class="rag rag-amber"' in page and "Near target" in page
    assert "not-yet-written" in page and "Indicator not defined" in page


def test_the_review_judges_by_the_force_s_own_target_as_the_dashboard_does(priority, personas, indicator):
    from beatbook.performance.models import Target

    Target.objects.create(indicator=CODE, value=45, tolerance=0, reason="Delivery Group, test")
    page = personas.client("analyst").get(f"/partnership/plans/{priority.plan.pk}/review/").content.decode()
    assert 'class="rag rag-green"' in page and 'class="rag rag-amber"' not in page  # 42 against 45, lower is better


def test_the_review_gives_each_target_its_direction_unit_and_amber_band_and_the_counts_behind_a_figure(
    priority, personas, indicator
):
    page = personas.client("partner_x").get(f"/partnership/plans/{priority.plan.pk}/review/").content.decode()
    assert "at most 40 incidents (amber up to 45)" in page
    assert f"force {priority.plan.period.label}" in page  # the figure's detail: its counts


def test_partners_read_each_definition_in_plain_words_without_setting_names_or_admin_advice(priority, personas):
    priority.indicator_codes = [i.code for i in indicators()]
    priority.save()
    url = f"/partnership/plans/{priority.plan.pk}/review/"
    page = personas.client("partner_x").get(url).content.decode()
    assert "Repeat victimisation rate" in page and "No target or no data" not in page  # "No data", as the dashboard
    assert "BEATBOOK_" not in page and not re.search(r"\badmin\b|Default target", page, re.IGNORECASE)
    supervisor = personas.client("supervisor").get("/performance/indicators/repeat-victimisation/")
    assert "BEATBOOK_REPEAT_MIN_INCIDENTS" in supervisor.content.decode()  # the force's own still read the name


def test_plain_words_put_a_settings_value_for_its_name_and_drop_advice_to_whoever_configures_it(settings) -> None:
    settings.BEATBOOK_REPEAT_MIN_INCIDENTS, settings.BEATBOOK_REPEAT_WINDOW_DAYS = 4, 180
    text = (
        "Repeat victims: at least BEATBOOK_REPEAT_MIN_INCIDENTS incidents (3 by default) within "
        "BEATBOOK_REPEAT_WINDOW_DAYS (365) up to the end. Default target 20%, amber up to 25%: set the "
        "force's own in the admin."
    )
    assert plain_words(text) == "Repeat victims: at least 4 incidents within 180 days up to the end."
    graded = "Graded within BEATBOOK_INTEL_GRADING_TARGET_HOURS (72 hours by default; the target then) of receipt."
    assert (
        plain_words(graded)
        == f"Graded within {settings.BEATBOOK_INTEL_GRADING_TARGET_HOURS} hours (the target then) of receipt."
    )
    aim = "The number on the baseline day x the multiple (BEATBOOK_SPECIALS_* settings; default: double). Counted."
    assert plain_words(aim) == "The number on the baseline day x the multiple. Counted."
    assert plain_words("Counted. Amber from 4.") == "Counted. Amber from 4."


def test_partners_of_member_organisations_read_the_plan_and_others_get_404(priority, personas):
    action_for(priority)
    url = f"/partnership/plans/{priority.plan.pk}/"
    page = personas.client("partner_x").get(url)
    assert page.status_code == 200 and "Joint patrols of the estates" in page.content.decode()
    assert personas.client("partner_y").get(url).status_code == 404
    assert personas.client("partner_y").get(url + "review/").status_code == 404
    assert "Safer Example" not in personas.client("partner_y").get("/partnership/").content.decode()


def test_a_partner_sees_only_the_problems_shared_with_them_and_no_unshared_assessment(priority, personas):
    shared = make_problem(personas["officer_a"], partners=[personas.organisation_x], title="Shared problem")
    Assessment.objects.create(problem=shared, inputs={}, data_version="v", result={"verdict": {"headline": "FELL"}})
    hidden = make_problem(personas["officer_a"], title="Police-only problem")
    priority.problems.add(shared, hidden)
    url = f"/partnership/plans/{priority.plan.pk}/review/"

    partner = personas.client("partner_x").get(url).content.decode()
    assert "Shared problem" in partner and "Police-only problem" not in partner
    assert "FELL" not in partner and "not shared with your organisation" in partner
    shared.shared_sections = [Section.ASSESSMENT]
    shared.save()
    assert "FELL" in personas.client("partner_x").get(url).content.decode()
    officer = personas.client("officer_b").get(url).content.decode()
    assert "Shared problem" in officer and "Police-only problem" in officer


def test_the_review_shows_campaigns_with_their_reach_and_partners_only_published_ones(priority, personas):
    priority.campaigns.add(published_campaign(), published_campaign("draft", title="Draft drive", published=False))
    url = f"/partnership/plans/{priority.plan.pk}/review/"
    assert "Ask for Angela" in personas.client("partner_x").get(url).content.decode()
    assert "Draft drive" not in personas.client("partner_x").get(url).content.decode()
    assert "Draft drive" in personas.client("supervisor").get(url).content.decode()


def test_a_supervisor_adds_an_action_which_is_audited(priority, personas):
    owner = Member.objects.get(partnership=priority.plan.partnership, organisation=personas.organisation_x)
    data = {"action": "Late-night licensing visits", "owner": owner.pk, "lead": "Licensing team", "due": "2025-01-31"}
    data["status"] = "in_progress"
    response = personas.client("supervisor").post(f"/partnership/priorities/{priority.pk}/actions/new/", data)
    assert response.status_code == 302
    action = Action.objects.get(action="Late-night licensing visits")
    assert action.owner == owner and action.created_by == personas["supervisor"]
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="partnership.action")
    assert event.username == "supervisor" and event.changes["lead"] == [None, "Licensing team"]


def test_bad_action_input_names_the_field_and_an_owner_of_another_partnership_is_refused(priority, personas):
    other = Member.objects.create(
        partnership=Partnership.objects.create(name="Other", force_slug="x"), name="Elsewhere"
    )
    url = f"/partnership/priorities/{priority.pk}/actions/new/"
    response = personas.client("supervisor").post(url, {"action": "A", "owner": other.pk, "due": "soon"})
    page = response.content.decode()
    assert response.status_code == 400 and "Select a valid choice" in page and "Enter a valid date" in page
    assert not Action.objects.exists()


def test_an_action_past_its_date_and_not_done_is_shown_overdue(priority, personas):
    action_for(priority, due=dt.date(2000, 1, 1))
    action_for(priority, action="Finished work", due=dt.date(2000, 1, 1), status="done")
    page = personas.client("officer_a").get(f"/partnership/plans/{priority.plan.pk}/").content.decode()
    assert page.count("Overdue</span>") == 1 and "(1 overdue)" in page


def test_a_priority_takes_only_codes_of_the_framework_and_the_change_is_audited(priority, personas, indicator):
    url = f"/partnership/priorities/{priority.pk}/edit/"
    bad = personas.client("supervisor").post(url, {"title": "ASB", "codes": f"{CODE}, no-such-code"})
    assert bad.status_code == 400 and "No indicator of the framework is called no-such-code" in bad.content.decode()
    good = personas.client("supervisor").post(url, {"title": "ASB", "codes": CODE})
    assert good.status_code == 302
    priority.refresh_from_db()
    assert priority.indicator_codes == [CODE]
    event = AuditEvent.objects.get(action=AuditAction.CHANGE, object_type="partnership.priority")
    assert event.changes["indicator_codes"] == [[CODE, "not-yet-written"], [CODE]]


def test_only_supervisors_change_actions_and_someone_elses_action_is_404(priority, personas):
    action = action_for(priority)
    assert personas.client("officer_a").get(f"/partnership/actions/{action.pk}/edit/").status_code == 403
    assert personas.client("supervisor").get(f"/partnership/actions/{action.pk + 99}/edit/").status_code == 404


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_review_pdf_holds_the_headings_figures_and_actions(priority, personas, indicator, tmp_path):
    action_for(priority)
    response = personas.client("supervisor").get(f"/partnership/plans/{priority.plan.pk}/review.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "review.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    text = " ".join(text.split())  # table cells wrap their words across lines
    assert "Annual review: Plan 2024-25" in text and "1. Anti-social behaviour" in text
    assert "42 incidents" in text and "Near target" in text and "Joint patrols of the" in text
    assert "at most 40 incidents" in text and "(amber up to" in text  # the cell wraps its words
    assert "Open Government Licence" in text
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(tmp_path / "page")], check=True)
    assert list(tmp_path.glob("page-*.png"))
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, object_type="partnership.plan").count() == 1


def test_the_review_pack_reads_a_change_on_a_small_base_as_the_dashboard_does():
    """A change from 2 to 8 is "2 → 8 ...", not a bare "+300.0 % change": the pack reuses the dashboard's row."""
    crime = get("crime")
    small = Figure(300.0, detail="8 crimes against 2", headline="2 → 8", headline_unit="crimes, a year before → now")
    line = IndicatorLine("crime", crime, small, Status.AMBER)
    assert line.value_text == "2 → 8 crimes, a year before → now"
    assert line.status_word == "Near target"
    assert IndicatorLine("crime", crime, Figure.no_data("not published"), Status.NONE).status_word == "No data"
    assert IndicatorLine("nope", None, None, Status.NONE).value_text == "Indicator not defined"
