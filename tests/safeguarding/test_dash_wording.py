"""The DASH questions' wording: the force's licensed copy when it loads one, and the page says which."""

from __future__ import annotations

from pathlib import Path

import pytest

from beatbook.core.checks import dash_wording_is_readable
from beatbook.safeguarding import dash
from beatbook.safeguarding.forms import DashForm


def _write(tmp_path: Path, n: int, name: str = "dash.txt") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(f"Licensed question {i}?" for i in range(1, n + 1)) + "\n\n", encoding="utf-8")
    return path


def test_without_a_file_the_shipped_wording_is_used_and_called_unverified(settings) -> None:
    settings.BEATBOOK_DASH_QUESTIONS_FILE = ""
    assert dash.questions() == dash.QUESTIONS
    assert "not a licensed copy" in dash.wording_note()
    assert dash_wording_is_readable(None) == []


def test_the_force_s_file_replaces_every_question_in_order(settings, tmp_path) -> None:
    settings.BEATBOOK_DASH_QUESTIONS_FILE = str(_write(tmp_path, 27))
    assert dash.questions()[0] == "Licensed question 1?" and dash.questions()[26] == "Licensed question 27?"
    assert DashForm().fields["q27"].label == "27. Licensed question 27?"
    assert "force's own copy (dash.txt)" in dash.wording_note()
    assert dash_wording_is_readable(None) == []


@pytest.mark.parametrize("n", [26, 28])
def test_a_file_with_another_number_of_questions_is_refused_by_name(settings, tmp_path, n) -> None:
    path = _write(tmp_path, n, name=f"short-{n}.txt")
    with pytest.raises(dash.WordingError, match=f"short-{n}.txt: holds {n} questions"):
        dash.read_wording(path)
    settings.BEATBOOK_DASH_QUESTIONS_FILE = str(path)
    (error,) = dash_wording_is_readable(None)
    assert error.id == "beatbook.E002" and f"holds {n} questions" in error.msg


def test_a_missing_or_binary_file_is_refused_by_name(tmp_path) -> None:
    with pytest.raises(dash.WordingError, match="nowhere.txt: cannot be read"):
        dash.read_wording(tmp_path / "nowhere.txt")
    binary = tmp_path / "dash.bin"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(dash.WordingError, match="dash.bin: cannot be read as UTF-8"):
        dash.read_wording(binary)


@pytest.mark.django_db
def test_the_dash_page_says_where_its_wording_comes_from(personas, settings) -> None:
    settings.BEATBOOK_DASH_QUESTIONS_FILE = ""
    page = personas.client("safeguarding").get("/safeguarding/dash/new/").content.decode()
    assert "not a licensed copy" in page
