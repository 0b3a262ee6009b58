"""Server-side SVG charts (matplotlib): they work offline and print well.

Each chart is paired, in its template, with a table of the same numbers for screen readers.
"""

from __future__ import annotations

import io
import re
import threading

import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure  # noqa: E402  (the backend must be chosen first)

_lock = threading.Lock()  # matplotlib's font cache and text layout are not thread-safe
BAR_COLOUR = "#1d70b8"


def monthly_bar_chart(labels: list[str], values: list[int], title: str) -> str:
    """An SVG bar chart of one value per month, as inline SVG markup."""
    with _lock:
        figure = Figure(figsize=(8, 3), dpi=96)
        axes = figure.add_subplot()
        axes.bar(range(len(values)), values, color=BAR_COLOUR)
        axes.set_xticks(range(len(labels)), labels, rotation=45, ha="right", fontsize=8)
        axes.set_ylabel("Count")
        axes.spines[["top", "right"]].set_visible(False)
        axes.set_title(title, fontsize=10, loc="left")
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]  # drop the XML prologue: this goes inline in HTML
    svg = re.sub(r"<style[^>]*>.*?</style>", "", svg, flags=re.DOTALL)  # the page's CSP allows no <style>
    return svg.replace("<svg ", f'<svg role="img" aria-label="{_escape(title)}" ', 1)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
