"""The board pack as the committee reads it: each figure with its unit and each target with its
direction and amber band; on paper, every page numbered and classified, no row cut in two and no aim's
caption left at the foot of a page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from weasyprint import HTML

from beatbook.hub.pdf import BASE_URL, OwnStaticFetcher
from beatbook.performance.board_pack import board_pack, render_html
from beatbook.performance.models import Commentary, Target
from beatbook.performance.registry import Period, get
from beatbook.performance.scopes import scopes_of
from beatbook.performance.services import figure_text, target_text
from tests.performance.factories import crimes, publish

MONTHS = [date(y, m, 1) for y in (2024, 2025) for m in (10, 11, 12)]
#: Commentary long enough to make rows of many heights, so that page breaks fall inside rows.
LONG = "The owner's account of the figure and what is being done about it. "


@pytest.fixture
def data(personas):
    files = publish(personas.cluster_a.sector.force.slug, *MONTHS)
    for month in MONTHS:
        crimes(files, month, personas.cluster_a.wards.first(), "robbery", 4 if month.year == 2024 else 8)
    return personas


def test_each_figure_and_target_is_shown_with_its_unit() -> None:
    assert figure_text(get("events-held"), 6.2) == "6.2 events per cluster"
    assert figure_text(get("intel-received"), 12) == "12 items"
    assert figure_text(get("intel-received"), 1) == "1 item"
    assert figure_text(get("event-attendance"), 1) == "1 person"
    assert figure_text(get("workforce-volunteer-hours"), 701) == "701 hours"
    assert figure_text(get("workforce-specials-aim"), 108.3) == "108.3% of the aim"
    assert figure_text(get("crime"), -3.1) == "-3.1% change on a year before"
    assert figure_text(get("crime"), None) == "No data"
    assert target_text(get("repeat-victimisation")) == "at most 20.0% of victims (amber up to 25.0%)"
    assert target_text(get("events-held")) == "at least 6 events per cluster (amber from 4)"
    assert target_text(get("intel-received")) == "No target"


def test_the_packs_figure_column_gives_the_unit(data) -> None:
    Target.objects.create(indicator="events-held", value=5.0, tolerance=1.0, reason="Delivery Group")
    page = data.client("supervisor").get("/performance/board-pack/?quarter=2025Q4").content.decode()
    assert '<span class="number">+100.0%</span> change on a year before' in page
    assert "at least 5 events per cluster (amber from 4)" in page  # the force's own target


def _boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", None) or []:
        yield from _boxes(child)


def _pages(html: str) -> list[dict[str, Any]]:
    """Each page of the PDF WeasyPrint makes of ``html``: its margin boxes' texts, and in order the
    table rows (by id) and the captions and headings on it."""
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=OwnStaticFetcher()).render()
    pages = []
    for page in document.pages:
        margins, flow = {}, []
        for box in _boxes(page._page_box):
            if type(box).__name__ == "MarginBox":
                margins[box.at_keyword] = "".join(getattr(b, "text", "") for b in _boxes(box))
            elif box.element is not None and box.element_tag in ("tr", "caption", "h2") and box.element_tag:
                key = box.element.get("id") or box.element.text
                if box.element_tag != "tr" or key:
                    flow.append((box.element_tag, key))
        unique = list(dict.fromkeys(flow))  # a split box has several boxes on one page
        pages.append({"margins": margins, "flow": unique})
    return pages


def test_every_printed_page_is_numbered_and_classified_and_no_row_or_caption_is_cut_off(data) -> None:
    force = data.cluster_a.sector.force
    pack_scopes = [s.key for s in scopes_of(force) if s.kind in ("force", "cluster")]
    codes = ["crime", "asb", "problems-opened", "repeat-victimisation", "intel-received", "confidence", "events-held"]
    for n, code in enumerate(codes):  # rows of many heights: page breaks fall where a row would be cut
        for key in pack_scopes:
            Commentary.objects.create(indicator=code, scope_key=key, period="2025Q4", text=LONG * (3 + 4 * n))
    pages = _pages(render_html(board_pack(force, Period.parse("2025Q4"))))
    assert len(pages) > 3
    for number, page in enumerate(pages, start=1):
        assert page["margins"]["@bottom-right"] == f"Page {number} of {len(pages)}"
        assert page["margins"]["@top-right"] == "OFFICIAL"
        assert page["margins"]["@top-left"].startswith("Neighbourhood policing performance: City of London Police")
        assert page["flow"][-1][0] == "tr", f"page {number} ends with its {page['flow'][-1]}"
    rows = [key for page in pages for tag, key in page["flow"] if tag == "tr"]
    assert len(rows) == len(set(rows)), "a row is cut across two pages"
    assert {f"{pack_scopes[0]}-crime", f"{pack_scopes[-1]}-events-held"} <= set(rows)
