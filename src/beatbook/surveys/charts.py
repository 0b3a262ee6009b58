"""The results chart: for each question, each wave's share with its 95% interval, as inline SVG.

Waves differ in colour (Okabe-Ito) and in marker shape, so the chart reads without colour; the
page shows the same numbers in a table beside it.
"""

from __future__ import annotations

import textwrap

from beatbook.core.charts import _svg_figure
from beatbook.surveys.results import SurveyResults

WAVE_STYLES = [("#0072b2", "o"), ("#d55e00", "s"), ("#009e73", "^"), ("#cc79a7", "D")]


def results_chart(results: SurveyResults, title: str) -> str:
    """Shares of all respondents, one line per question, one mark per wave (the latest four)."""
    questions = results.questions
    waves = results.waves[-len(WAVE_STYLES) :]
    height = 1.2 + 0.55 * max(1, len(questions))
    with _svg_figure(title, size=(8, height), margins=(0.42, 0.9 / height, 0.97, 1 - 0.45 / height)) as (axes, out):
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
        labels = [textwrap.shorten(q.question.text, 60, placeholder="…") for q in questions]
        axes.set_yticks(range(len(questions)), labels, fontsize=7)
        axes.invert_yaxis()
        axes.set_xlim(0, 100)
        axes.set_xlabel("% giving the favourable answer (95% interval)", fontsize=8)
        if waves:
            axes.legend(fontsize=7, loc="lower right", frameon=False)
    return out[0]
