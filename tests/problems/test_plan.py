"""The problem-solving plan as a PDF: its headings and figures, what a partner's copy leaves
out, and the audit of every export."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from beatbook.core.models import AuditEvent
from beatbook.problems import services
from beatbook.problems.models import Section
from beatbook.problems.spec import Period
from tests.problems.conftest import make_problem

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils' pdftotext")


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def assessed(data, personas):
    problem = make_problem(personas["officer_a"], partners=[personas.organisation_x], shared=[Section.ASSESSMENT])
    spec = services.spec_of_problem(
        problem,
        before=Period.parse("2024-01:2024-03", "before"),
        after=Period.parse("2024-04:2024-06", "after"),
        buffer_m=150.0,
        control_wards=("E05009305", "E05009297"),
    )
    services.run_assessment(None, problem, spec, by=personas["officer_a"])
    return problem


def test_the_plan_pdf_holds_every_section_with_the_assessment_figures(assessed, personas, tmp_path):
    response = personas.client("supervisor").get(f"/problems/{assessed.pk}/plan.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    result = assessed.assessments.get().result
    for heading in ("Problem-solving plan", "Summary", "Analysis: the problem analysis triangle", "Responses",
                    "Assessment", "What the data cannot show", "History"):  # fmt: skip
        assert heading in text, heading
    counts = result["counts"]["response"]
    assert f"Response area {counts['before']}" in " ".join(text.split())
    assert result["verdict"]["headline"].split(":")[0] in " ".join(text.split())
    assert "Open Government Licence v3.0" in text
    event = AuditEvent.objects.get(action="export", object_id=str(assessed.pk))
    assert event.username == "supervisor" and event.detail["format"] == "pdf"


def test_a_partners_plan_holds_only_what_is_shared(assessed, personas, tmp_path):
    text = pdf_text(personas.client("partner_x").get(f"/problems/{assessed.pk}/plan.pdf").content, tmp_path)
    assert "Assessment" in text and "Pickpocketing at the station entrances." in text
    assert "POLICE-ONLY-DESCRIPTION" not in text and "History" not in text and "Commuters" not in text
