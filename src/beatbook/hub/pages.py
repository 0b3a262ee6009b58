"""The Hub's pages, in the order of its sub-navigation; a link keeps the page's area, months
and categories. A page whose view is not installed is left out."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

HUB_PAGES = [
    ("hub:dashboard", "Dashboard"),
    ("hub:hotspots", "Hotspot map"),
    ("hub:near_repeat", "Near repeat"),
    ("hub:premises", "Premises"),
    ("hub:rates", "Rates"),
    ("hub:briefing", "Tasking briefing"),
]


def hub_pages(current: str, query: str) -> list[dict[str, object]]:
    pages = []
    for name, label in HUB_PAGES:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        pages.append({"label": label, "url": f"{url}?{query}" if query else url, "current": name == current})
    return pages
