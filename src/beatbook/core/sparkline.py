"""Sparklines: a row's counts per month as a small inline SVG line, drawn without matplotlib
(a table row needs a few dozen bytes, not a figure). The numbers are in its label, for screen
readers, and in the table the page shows beside it."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

LINE = "#1d70b8"
LAST = "#d55e00"  # Okabe-Ito vermilion: the latest month, also marked by a dot


def _segments(values: Sequence[int | None], width: float, height: float, pad: float) -> list[list[tuple[float, float]]]:
    """The points of each run of published months (None breaks the line)."""
    top = max((v for v in values if v is not None), default=0) or 1
    step = (width - 2 * pad) / max(len(values) - 1, 1)
    runs: list[list[tuple[float, float]]] = [[]]
    for i, value in enumerate(values):
        if value is None:
            runs.append([])
            continue
        runs[-1].append((pad + i * step, height - pad - (height - 2 * pad) * value / top))
    return [run for run in runs if run]


def sparkline(values: Sequence[int | None], label: str, width: int = 120, height: int = 28) -> str:
    """Inline SVG of ``values`` (one per month; None where no data were published), ``label`` read aloud."""
    pad = 3.0
    shapes = []
    for run in _segments(values, width, height, pad):
        if len(run) == 1:
            shapes.append(f'<circle cx="{run[0][0]:.1f}" cy="{run[0][1]:.1f}" r="1.5" fill="{LINE}"/>')
        else:
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
            shapes.append(f'<polyline points="{points}" fill="none" stroke="{LINE}" stroke-width="1.5"/>')
    runs = _segments(values, width, height, pad)
    if runs and values[-1] is not None:
        x, y = runs[-1][-1]
        shapes.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{LAST}"/>')
    return (
        f'<svg class="sparkline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(label)}">{"".join(shapes)}</svg>'
    )
