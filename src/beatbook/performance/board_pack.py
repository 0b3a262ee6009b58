"""The quarterly board pack for the Police Authority Board's performance committee: the framework's
figures for the force and each cluster, with their owners' commentary, as HTML and as a PDF.

Its figures come from ``services.framework``, the dashboard's own computation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from beatbook.geography.models import Force
from beatbook.hub.pdf import OwnStaticFetcher, html_to_pdf
from beatbook.performance.models import Commentary
from beatbook.performance.registry import Period, Scope
from beatbook.performance.scopes import scopes_of
from beatbook.performance.services import AimRows, commentaries, framework


@dataclass(frozen=True)
class Section:
    scope: Scope
    aims: list[AimRows]


@dataclass(frozen=True)
class BoardPack:
    force: Force
    period: Period
    sections: list[Section]
    notes: dict[tuple[str, str], Commentary]

    def note(self, scope: Scope, code: str) -> Commentary | None:
        return self.notes.get((scope.key, code))


def board_pack(force: Force, period: Period) -> BoardPack:
    """The force, then each cluster, with every indicator's figure and commentary for ``period``."""
    scopes = [s for s in scopes_of(force) if s.kind in ("force", "cluster")]
    sections = [Section(s, framework(s, period)) for s in scopes]
    return BoardPack(force, period, sections, commentaries(period, [s.key for s in scopes]))


def template_sections(pack: BoardPack) -> list[dict[str, Any]]:
    """The pack as plain rows for the templates (commentary beside each figure)."""
    return [
        {
            "scope": section.scope,
            "aims": [
                {"aim": group.aim, "rows": [(row, pack.note(section.scope, row.indicator.code)) for row in group.rows]}
                for group in section.aims
            ],
        }
        for section in pack.sections
    ]


def render_html(pack: BoardPack, request: Any = None, printable: bool = True) -> str:
    context = {
        "pack": pack,
        "sections": template_sections(pack),
        "printable": printable,
        "attribution": settings.BEATBOOK_DATA_ATTRIBUTION,
    }
    return render_to_string("performance/board_pack_print.html", context, request=request)


def render_pdf(pack: BoardPack, request: Any = None) -> tuple[bytes, OwnStaticFetcher]:
    fetcher = OwnStaticFetcher()
    return html_to_pdf(render_html(pack, request), fetcher), fetcher
