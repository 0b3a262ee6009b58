"""Shared by the Hub's browser tests: the City with street data, personas, a phone-sized page."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache import cache

from beatbook.crime.ingest import ingest_paths
from beatbook.geography.services import load_geography
from tests.browser.conftest import assert_clean, serious_accessibility_problems  # noqa: F401  (re-exported)
from tests.conftest import city_config, shipped_street_file
from tests.personas import Personas, make_personas

PHONE = {"width": 390, "height": 844}


def city_with_personas(months: list[str]) -> Personas:
    """The City's geography, its street crimes of ``months`` and the ten personas (a clean cache:
    ids start afresh in each test's database)."""
    cache.clear()
    load_geography(city_config())
    report = ingest_paths([shipped_street_file(m) for m in months])
    assert not report.refused
    return make_personas()


@contextmanager
def phone_page(browser, live_server) -> Iterator:
    """A page 390 x 844 CSS pixels (a common phone), recording console errors and other hosts."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.console_errors, page.foreign_requests = [], []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on(
        "request",
        lambda r: None if r.url.startswith((live_server.url, "data:")) else page.foreign_requests.append(r.url),
    )
    try:
        yield page
    finally:
        context.close()


def horizontal_overflow(page) -> int:
    """CSS pixels the page is wider than the viewport (0: nothing to scroll sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
