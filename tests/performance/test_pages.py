"""The dashboard, a definition, the board pack's page with its commentary, its PDF and the command:
the pack's figures are the dashboard's."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import pytest
from click.testing import CliRunner

from beatbook.core.models import AuditEvent
from beatbook.performance.board_pack import board_pack
from beatbook.performance.commands import board_pack_command
from beatbook.performance.models import Commentary, Target
from beatbook.performance.registry import Period
from beatbook.performance.scopes import cluster_scope
from beatbook.performance.services import framework
from tests.performance.factories import crimes, publish

MONTHS = [date(y, m, 1) for y in (2024, 2025) for m in (10, 11, 12)]


@pytest.fixture
def data(personas):
    files = publish(personas.cluster_a.sector.force.slug, *MONTHS)
    for month in MONTHS:
        crimes(files, month, personas.cluster_a.wards.first(), "robbery", 4 if month.year == 2024 else 8)
    return personas


def test_the_dashboard_defaults_to_the_latest_complete_quarter_and_links_each_definition(data) -> None:
    page = data.client("officer_a").get("/performance/")
    html = page.content.decode()
    assert page.status_code == 200 and "Performance: City of London Police, 2025Q4" in html
    assert "+100.0%" in html and "24 crimes against 12 a year before" in html  # 3 months of 8 against 4
    assert 'href="/performance/indicators/repeat-victimisation/"' in html
    assert "No data: no incident log has been imported" in html  # said, never a zero
    assert html.count('<svg class="sparkline"') >= 2


def test_a_cluster_and_a_year_are_chosen_and_a_bad_period_is_a_400_naming_it(data) -> None:
    client = data.client("analyst")
    key = cluster_scope(data.cluster_b).key
    page = client.get("/performance/", {"scope": key, "period": "2025"})
    assert page.status_code == 200 and f"Performance: {data.cluster_b.name}, 2025" in page.content.decode()
    bad = client.get("/performance/", {"scope": key, "period": "2025Q9"})
    assert bad.status_code == 400 and "Select a valid choice. 2025Q9" in bad.content.decode()


def test_a_definition_shows_the_forces_own_target_and_an_unknown_code_is_404(data) -> None:
    Target.objects.create(indicator="crime", value=-5.0, tolerance=2.0, reason="Delivery Group")
    page = data.client("supervisor").get("/performance/indicators/crime/").content.decode()
    assert "at most -5.0% change on a year before (amber up to -3.0%)" in page
    assert "Partnership &amp; Prevention Hub" in page
    assert "police.uk street-level crime" in page
    assert data.client("supervisor").get("/performance/indicators/nothing/").status_code == 404


def test_commentary_is_written_on_the_pack_audited_and_shown(data) -> None:
    client = data.client("analyst")
    form = {"indicator": "crime", "scope": "city-of-london", "quarter": "2025Q4", "text": "Robbery doubled."}
    response = client.post("/performance/board-pack/", form)
    assert response.status_code == 302 and response["Location"].endswith("?quarter=2025Q4#city-of-london-crime")
    client.post("/performance/board-pack/", {**form, "text": "Robbery doubled: Operation X began."})
    note = Commentary.objects.get()
    assert note.text == "Robbery doubled: Operation X began." and note.modified_by == data["analyst"]
    events = AuditEvent.objects.filter(object_type="performance.commentary").order_by("pk")
    assert [e.action for e in events] == ["create", "change"]
    assert events[1].changes["text"] == ["Robbery doubled.", "Robbery doubled: Operation X began."]
    page = client.get("/performance/board-pack/?quarter=2025Q4").content.decode()
    assert "Robbery doubled: Operation X began." in page
    bad = client.post("/performance/board-pack/", {**form, "scope": "nowhere"})
    assert bad.status_code == 400 and "Force or cluster: Select a valid choice" in bad.content.decode()
    assert Commentary.objects.count() == 1


def _pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "pack.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return " ".join(text.split())  # lines wrap where the page does


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_the_pdf_holds_the_dashboards_figures_and_is_audited(data, tmp_path) -> None:
    Commentary.objects.create(indicator="crime", scope_key="city-of-london", period="2025Q4", text="Owner's words.")
    response = data.client("supervisor").get("/performance/board-pack.pdf?quarter=2025Q4")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content, tmp_path)
    assert "Neighbourhood policing performance: City of London Police, 2025Q4" in text
    assert "Owner's words." in text and "Open Government Licence" in text
    pack = board_pack(data.cluster_a.sector.force, Period.parse("2025Q4"))
    for section in pack.sections:  # the force and each cluster, each figure as the dashboard shows it
        assert section.scope.name in text
        dashboard = framework(section.scope, pack.period)
        for pack_group, page_group in zip(section.aims, dashboard, strict=True):
            assert [r.value_text for r in pack_group.rows] == [r.value_text for r in page_group.rows]
    assert text.count("+100.0%") >= 2  # the force and cluster A: robbery doubled
    assert AuditEvent.objects.filter(action="export", object_type="performance.board_pack").count() == 1
    assert data.client("analyst").get("/performance/board-pack.pdf").status_code == 403


def test_the_command_writes_the_pack_as_html_or_pdf_and_refuses_bad_options(data, tmp_path) -> None:
    runner = CliRunner()
    out = tmp_path / "pack.html"
    result = runner.invoke(board_pack_command, ["--quarter", "2025Q4", "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert "City of London Police, 2025Q4" in html and re.search(r"\+100\.0%", html)
    pdf = tmp_path / "pack.pdf"
    assert runner.invoke(board_pack_command, ["--quarter", "2025q4", "--out", str(pdf)]).exit_code == 0
    assert pdf.read_bytes().startswith(b"%PDF-")
    year = runner.invoke(board_pack_command, ["--quarter", "2025", "--out", str(pdf)])
    assert year.exit_code == 2 and "is a year: give a quarter" in year.output
    future = runner.invoke(board_pack_command, ["--quarter", "2999Q1", "--out", str(pdf)])
    assert future.exit_code == 2 and "2999Q1 has not begun" in future.output
    wrong = runner.invoke(board_pack_command, ["--quarter", "2025Q4", "--out", str(tmp_path / "pack.docx")])
    assert wrong.exit_code == 2 and "must end in .pdf or .html" in wrong.output


def test_without_out_the_pack_is_a_pdf_named_by_force_and_quarter(data, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(board_pack_command, ["--quarter", "2025Q4"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "board-pack-city-of-london-2025Q4.pdf").read_bytes().startswith(b"%PDF-")


def test_the_board_pack_is_a_command_of_beatbook_report() -> None:
    from beatbook.cli import main

    result = CliRunner().invoke(main, ["report", "--help"])
    assert result.exit_code == 0 and "board-pack" in result.output and "community-profile" in result.output


def test_the_dashboard_says_each_unit_once_and_ends_each_reason_with_one_full_stop(data) -> None:
    html = data.client("officer_a").get("/performance/").content.decode()
    assert '+100.0% <span class="hint">change on a year before</span>' in html  # not "% change on a year before"
    assert "% %" not in html
    assert "No data: no Special Constable is recorded among the officers.</p>" in html
    assert re.search(r"\.\.(?!\d)", html) is None  # ".." only between months, as in 2024-10..2024-12


def test_the_pack_judges_each_figure_as_the_dashboard_does(data) -> None:
    pack = board_pack(data.cluster_a.sector.force, Period.parse("2025Q4"))
    for section in pack.sections:
        dashboard = framework(section.scope, pack.period)
        for pack_group, page_group in zip(section.aims, dashboard, strict=True):
            shown = [(r.value_text, r.unit_text, r.status, r.figure.detail) for r in pack_group.rows]
            assert shown == [(r.value_text, r.unit_text, r.status, r.figure.detail) for r in page_group.rows]
