"""The Community Profile of 2025 on the shipped City data: the PDF and the page hold the headings and
the figures of the database, each download is audited, a bad year is a 400 form error, and the
command writes both formats and refuses a bad year or file name clearly."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from beatbook.cli import main
from beatbook.core.models import AuditAction, AuditEvent
from beatbook.crime.models import Crime
from beatbook.geography.models import Ward

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
URL = "/reports/community-profile/"
#: Pages of the PDF rendered to PNG, to be looked at.
PAGES = Path(__file__).parent / "pages"
HEADINGS = (
    "City of London Police Community Profile 2025",
    "1. Our communities",
    "2. Crime and anti-social behaviour in 2025",
    "Rates per resident mislead here.",
    "3. Hotspots and premises",
    "4. Priorities raised by communities",
    "5. Engagement held and what it achieved",
    "6. What the public told us",
    "Sources and dates",
    "Open Government Licence v3.0",
)


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "profile.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def bishopsgate_2025() -> str:
    """The ward's row as the table prints it: ward, cluster, crimes (counted here in the database)."""
    ward = Ward.objects.select_related("cluster").get(name="Bishopsgate")
    crimes = Crime.objects.filter(ward=ward, month__year=2025).exclude(category="anti-social-behaviour").count()
    return f"Bishopsgate {ward.cluster.name} {crimes:,}"


def test_a_supervisor_downloads_the_pdf_with_every_section_and_the_database_figures(data, personas, tmp_path):
    response = personas.client("supervisor").get(f"{URL}?year=2025&format=pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="community-profile-city-of-london-2025.pdf"' in response["Content-Disposition"]
    text = pdf_text(response.content, tmp_path)
    for heading in HEADINGS:
        assert heading in text, heading
    assert bishopsgate_2025() in text
    assert "8,584" in text and "587,000" in text and "Partial year" not in text
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, object_type="reports.community_profile")
    assert event.username == "supervisor" and event.detail["format"] == "pdf" and event.object_id.endswith("/2025")
    if shutil.which("pdftoppm"):
        PAGES.mkdir(exist_ok=True)
        (tmp_path / "profile.pdf").write_bytes(response.content)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(tmp_path / "profile.pdf"), str(PAGES / "profile")], check=True
        )
        assert len(list(PAGES.glob("profile-*.png"))) >= 3


def test_an_analyst_reads_the_page_and_officers_and_partners_are_refused(data, personas):
    response = personas.client("analyst").get(f"{URL}?year=2025")
    page = response.content.decode()
    assert response.status_code == 200 and "Download the PDF" in page and "<svg" in page
    assert "Rates per resident mislead here." in page and "Residents by LSOA and age" in page
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, object_type="reports.community_profile").count() == 1
    for persona in ("officer_a", "partner_x", "intelligence"):
        assert personas.client(persona).get(f"{URL}?year=2025").status_code == 403


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("2021", "No street-level crime data are published for 2021"),
        ("abc", "Enter a whole number."),
        ("1999", "greater than or equal to 2010"),
    ],
)
def test_a_bad_year_is_a_400_form_error_naming_the_field(data, personas, year, message):
    response = personas.client("supervisor").get(f"{URL}?year={year}&format=pdf")
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert message in page and 'href="#id_year">Year</a>' in page
    assert not AuditEvent.objects.filter(object_type="reports.community_profile").exists()


def test_a_year_with_an_unpublished_month_says_it_is_partial(personas, tmp_path):
    from beatbook.crime.ingest import ingest_paths
    from tests.crime.csvs import street_row, write_csv

    assert not ingest_paths([write_csv(tmp_path, "2022-07", "street", [street_row(1, "2022-07")])]).refused
    page = personas.client("supervisor").get(f"{URL}?year=2022").content.decode()
    assert "Partial year." in page and "no street-level crime data were published for 2022-01..2022-06" in page


def report(*args: str):
    return CliRunner().invoke(main, ["report", "community-profile", *args], catch_exceptions=False)


def test_the_command_writes_both_formats_and_refuses_a_bad_year_or_file(data, tmp_path, monkeypatch):
    result = report("--year", "2025", "--out", str(tmp_path / "profile.html"))
    assert result.exit_code == 0, result.output
    html = (tmp_path / "profile.html").read_text(encoding="utf-8")
    assert "<style>" in html and "/static/" not in html and "Sources and dates" in html
    monkeypatch.chdir(tmp_path)
    result = report("--year", "2025")
    assert result.exit_code == 0 and "community-profile-city-of-london-2025.pdf" in result.output
    assert (tmp_path / "community-profile-city-of-london-2025.pdf").read_bytes().startswith(b"%PDF-")
    bad_year = report("--year", "2021")
    assert bad_year.exit_code == 2 and "Invalid value for '--year'" in bad_year.output
    assert "no street-level crime data are published for 2021" in bad_year.output
    bad_out = report("--year", "2025", "--out", str(tmp_path / "profile.txt"))
    assert bad_out.exit_code == 2 and "must end in .pdf or .html" in bad_out.output
    assert AuditEvent.objects.filter(command="beatbook report community-profile").count() == 2
