"""The results chart: for each question, each wave's share with its 95% interval, as inline SVG.

Waves differ in colour (Okabe-Ito) and in marker shape, so the chart reads without colour; the
page shows the same numbers in a table beside it. It is drawn twice: wide for a desktop, and narrow
for a phone (questions on several lines, larger text for its width).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from beatbook.core.charts import _svg_figure, unique_ids
from beatbook.surveys.results import SurveyResults

WAVE_STYLES = [("#0072b2", "o"), ("#d55e00", "s"), ("#009e73", "^"), ("#cc79a7", "D")]


@dataclass(frozen=True)
class Layout:
    width: float  # inches
    inches_per_question: float
    left: float  # the question labels' share of the width
    label_characters: int  # a question is shortened to 60 characters, wrapped at this many
    fontsize: float
    xlabel: str
    title_characters: int = 0  # wrapped at this many (over the plot, right of the labels)
    legend_below: bool = False  # under the axis, rather than over the marks


WIDE = Layout(8, 0.55, 0.42, 60, 7, "% giving the favourable answer (95% interval)")
NARROW = Layout(4, 0.8, 0.45, 22, 9, "% favourable (95% interval)", title_characters=26, legend_below=True)


def results_chart(results: SurveyResults, title: str, narrow: bool = False) -> str:
    """Shares of all respondents, one line per question, one mark per wave (the latest four)."""
    layout = NARROW if narrow else WIDE
    questions = results.questions
    waves = results.waves[-len(WAVE_STYLES) :]
    below = 0.4 if layout.legend_below else 0  # inches for the legend under the axis
    top = 0.3 + 0.15 * (len(textwrap.wrap(title, layout.title_characters)) if layout.title_characters else 1)
    height = 1.2 + layout.inches_per_question * max(1, len(questions)) + below + (top - 0.45)
    margins = (layout.left, (0.9 + below) / height, 0.97, 1 - top / height)
    size = (layout.width, height)
    with _svg_figure(title, size, margins, layout.title_characters) as (axes, out):
        offset = len(waves) - len(results.waves)
        for i, wave in enumerate(waves):
            colour, marker = WAVE_STYLES[i]
            xs, ys, lows, highs = [], [], [], []
            for y, question in enumerate(questions):
                proportion = question.overall.cells[i - offset].proportion
                if proportion is not None and proportion.interval is not None:
                    value, lower, upper = proportion.interval
                    xs.append(100 * value)
                    ys.append(y + 0.15 * (i - (len(waves) - 1) / 2))
                    lows.append(100 * (value - lower))
                    highs.append(100 * (upper - value))
            axes.errorbar(xs, ys, xerr=[lows, highs], fmt=marker, color=colour, capsize=3, label=wave.name)
        labels = [_label(q.question.text, layout.label_characters) for q in questions]
        axes.set_yticks(range(len(questions)), labels, fontsize=layout.fontsize)
        axes.tick_params(axis="x", labelsize=layout.fontsize)
        axes.invert_yaxis()
        axes.set_xlim(0, 100)
        axes.set_xlabel(layout.xlabel, fontsize=layout.fontsize + 1)
        if waves and layout.legend_below:
            axes.figure.legend(fontsize=layout.fontsize, loc="lower center", ncols=2, frameon=False)
        elif waves:
            axes.legend(fontsize=layout.fontsize, loc="lower right", frameon=False)
    return unique_ids(out[0], "narrow") if narrow else out[0]


def _label(question: str, characters: int) -> str:
    return textwrap.fill(textwrap.shorten(question, 60, placeholder="…"), characters)
