"""Who writes the board pack's commentary: an indicator's owner or a supervisor, each refused clearly
elsewhere; a commentary not saved is kept as it was typed and its problem names the field in words."""

from __future__ import annotations

import pytest

from beatbook.core.models import AuditEvent
from beatbook.performance.models import Commentary
from beatbook.performance.owners import OWNER_ROLES, may_comment
from beatbook.performance.registry import get, indicators

pytestmark = pytest.mark.django_db
FORM = {"scope": "city-of-london", "quarter": "2025Q4"}


def _post(personas, who: str, code: str, text: str = "Noted."):
    return personas.client(who).post("/performance/board-pack/", {**FORM, "indicator": code, "text": text})


def test_every_owner_the_framework_names_is_given_its_writers() -> None:
    unknown = {i.owner for i in indicators()} - set(OWNER_ROLES)
    assert not unknown, f"say which role writes the commentary of {unknown} (None: supervisors only)"


def test_the_intelligence_officer_writes_the_intelligence_figures_and_is_refused_the_hubs(personas) -> None:
    assert _post(personas, "intelligence", "intel-received").status_code == 302
    refused = _post(personas, "intelligence", "crime", "Robbery is up.")
    page = refused.content.decode()
    assert refused.status_code == 403
    assert "The commentary on Crime against a year before is written by its owner, the Partnership &amp; " in page
    assert "Prevention Hub (analysts), or a supervisor: yours was not saved." in page
    assert "Robbery is up." in page  # kept, to copy
    assert list(Commentary.objects.values_list("indicator", flat=True)) == ["intel-received"]
    assert AuditEvent.objects.filter(object_type="performance.commentary").count() == 1


def test_a_figure_supervisors_answer_for_is_theirs_and_a_supervisor_writes_any(personas) -> None:
    assert _post(personas, "analyst", "events-held").status_code == 403
    assert _post(personas, "safeguarding", "repeat-victimisation").status_code == 302
    assert _post(personas, "safeguarding", "intel-received").status_code == 403
    for code in ("events-held", "crime", "intel-received", "repeat-victimisation"):
        assert _post(personas, "supervisor", code, "Supervisor's note.").status_code == 302
    assert Commentary.objects.filter(text="Supervisor's note.").count() == 4


def test_the_pack_offers_a_writer_the_boxes_of_their_own_figures_only(personas) -> None:
    page = personas.client("intelligence").get("/performance/board-pack/?quarter=2025Q4").content.decode()
    assert 'name="text"' in page and 'id="c-city-of-london-intel-received"' in page
    assert 'id="c-city-of-london-crime"' not in page and "Written by its owner or a supervisor." in page
    assert may_comment(personas["supervisor"], get("crime")) and not may_comment(personas["officer_a"], get("crime"))


def test_commentary_not_saved_is_kept_as_typed_and_its_problem_names_the_field_in_words(personas) -> None:
    typed = "Robbery doubled. " * 120  # 2,039 characters once its last space is stripped: over 2,000
    response = _post(personas, "analyst", "crime", typed)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Commentary: Ensure this value has at most 2000 characters (it has 2039)." in page
    assert "text:" not in page
    assert typed.strip() in page and '<button type="submit">Save</button>' in page  # to shorten and save again
    assert "Your commentary on Crime against a year before" in page
    gone = personas.client("analyst").post(
        "/performance/board-pack/", {**FORM, "quarter": "1999Q1", "indicator": "crime", "text": "Kept words."}
    )
    assert gone.status_code == 400 and "Quarter: Select a valid choice." in gone.content.decode()
    assert "Kept words." in gone.content.decode() and "readonly" in gone.content.decode()
    assert not Commentary.objects.exists()
