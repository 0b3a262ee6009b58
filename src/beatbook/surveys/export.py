"""The results as CSV lines: aggregates only, with suppressed groups said so, never a single response."""

from __future__ import annotations

from collections.abc import Iterator

from beatbook.surveys.results import Cell, SurveyResults

HEADER = [
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
]


WITHHELD = "withheld: with the rows shown it would reveal a group of fewer than 10"


def result_lines(results: SurveyResults) -> Iterator[list[str]]:
    yield HEADER
    for q in results.questions:
        for row in q.rows:
            for wave, cell in zip(results.waves, row.cells, strict=True):
                yield [q.question.text, q.question.measure, row.breakdown, row.label, wave.name, *_figures(cell)]


def _figures(cell: Cell) -> list[str]:
    if cell.withheld:  # its count too: the total less the counts shown would give the smaller row's
        return ["", "", "", "", "", WITHHELD]
    if cell.proportion is None or cell.proportion.interval is None:
        note = "fewer than 10 responses" if cell.suppressed else "no responses"
        return ["" if cell.suppressed else "0", "", "", "", "", note]
    value, lower, upper = cell.proportion.interval
    return [
        str(cell.n),
        str(cell.proportion.part),
        f"{100 * value:.1f}",
        f"{100 * lower:.1f}",
        f"{100 * upper:.1f}",
        "",
    ]
