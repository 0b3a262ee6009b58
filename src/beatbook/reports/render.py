"""The Community Profile as a file: a PDF through WeasyPrint (hub/pdf.py, our own static files only)
or a standalone HTML page whose stylesheets are written into it, so that it reads offline."""

from __future__ import annotations

from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from beatbook.hub.pdf import OwnStaticFetcher, html_to_pdf
from beatbook.reports.profile import CommunityProfile

TEMPLATE = "reports/community_profile_print.html"
STYLESHEETS = ("beatbook/site.css", "reports/profile.css")
FORMATS = ("pdf", "html")


def filename(profile: CommunityProfile, fmt: str) -> str:
    """e.g. community-profile-city-of-london-2025.pdf"""
    return f"community-profile-{profile.year.force_slug}-{profile.year.year}.{fmt}"


def _stylesheets() -> str:
    texts = []
    for name in STYLESHEETS:
        path = finders.find(name)
        assert isinstance(path, str), name
        with open(path, encoding="utf-8") as handle:
            texts.append(handle.read())
    return "\n".join(texts)


def standalone_html(profile: CommunityProfile, made_for: str = "") -> str:
    return render_to_string(TEMPLATE, _context(profile, made_for, inline_css=_stylesheets()))


def pdf(profile: CommunityProfile, made_for: str = "", fetcher: OwnStaticFetcher | None = None) -> bytes:
    html = render_to_string(TEMPLATE, _context(profile, made_for, inline_css=""))
    return html_to_pdf(html, fetcher or OwnStaticFetcher())


def render(profile: CommunityProfile, fmt: str, made_for: str = "") -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"the format is pdf or html, not {fmt!r}")
    return pdf(profile, made_for) if fmt == "pdf" else standalone_html(profile, made_for).encode()


def _context(profile: CommunityProfile, made_for: str, inline_css: str) -> dict[str, Any]:
    return {"profile": profile, "made_for": made_for, "inline_css": inline_css, "stylesheets": STYLESHEETS}
