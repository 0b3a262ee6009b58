"""The Special Constabulary's size against the aim to double it: a line of those serving on each
month's first day, the straight trajectory to the aim dashed, the aim itself a marked point.
Drawn with core.charts' figure helper (same fonts, margins, no inline style); the page shows the
same numbers in a table beside it."""

from __future__ import annotations

from typing import Any

from beatbook.core.charts import _month_ticks, _svg_figure
from beatbook.workforce.measures import SpecialsAim

SERVING = "#0072b2"  # Okabe-Ito blue, circles
TRAJECTORY = "#e69f00"  # Okabe-Ito orange, dashed
AIM = "#d55e00"  # Okabe-Ito vermilion, a diamond


def specials_chart(rows: list[dict[str, Any]], aim: SpecialsAim) -> str:
    labels = [f"{row['month']:%b %Y}" for row in rows]
    title = f"Special Constables serving, against the aim of {aim.target} by {aim.target_date:%B %Y}"
    with _svg_figure(title) as (axes, out):
        xs = list(range(len(rows)))
        axes.plot(xs, [r["serving"] for r in rows], color=SERVING, marker="o", markersize=3, label="Serving")
        axes.plot(xs, [r["expected"] for r in rows], color=TRAJECTORY, linestyle="--", label="On course for the aim")
        axes.axhline(aim.target, color=AIM, linestyle=":", linewidth=1)
        target_month = aim.target_date.replace(day=1)
        at = next((i for i, row in enumerate(rows) if row["month"] >= target_month), xs[-1])
        axes.plot([at], [aim.target], color=AIM, marker="D", linestyle="", label=f"Aim: {aim.target}")
        _month_ticks(axes, labels)
        axes.set_ylabel("Special Constables")
        axes.set_ylim(bottom=0)
        axes.legend(fontsize=7, frameon=False, loc="lower right", ncols=3)  # below the lines, clear of the title
    return out[0]
