"""A real browser: Playwright driving Debian's chromium (downloaded browsers are not allowed here)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).parent / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    """One chromium per module. Playwright's sync API runs an event loop in this thread, which
    Django's async-safety check mistakes for async code: it is lifted while the browser lives."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(executable):
        pytest.fail("Debian's chromium is not installed: `make test` installs it (apt-get install chromium)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser, live_server):
    """A fresh page that records console errors and every request to another host."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors, page.foreign_requests = [], []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on(
        "request",
        lambda r: (
            page.foreign_requests.append(r.url)
            if not r.url.startswith(live_server.url) and not r.url.startswith("data:")
            else None
        ),
    )
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def serious_accessibility_problems(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now (none is the goal)."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def sign_in(page, base_url: str, username: str, password: str) -> None:
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def sign_in_with_code(page, base_url: str, user) -> None:
    """Sign in as a role that needs two-factor authentication, with the code of its TOTP device."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.personas import PASSWORD

    sign_in(page, base_url, user.username, PASSWORD)
    device = TOTPDevice.objects.get(user=user)
    page.get_by_label("Six-digit code").fill(f"{TOTP(device.bin_key).token():06d}")
    page.get_by_role("button", name="Continue").click()


def chart_text_px(page, selector: str) -> float:
    """The size on screen, in CSS pixels, of the first text of the inline SVG chart at `selector`: its
    font size in the chart's own units, times the scale the page draws the chart at."""
    return page.evaluate(
        """(selector) => {
            const svg = document.querySelector(selector);
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return parseFloat(getComputedStyle(svg.querySelector("text")).fontSize) * scale;
        }""",
        selector,
    )


def assert_clean(page) -> None:
    """No console error, no request to another host, no serious accessibility problem."""
    assert page.console_errors == [], page.console_errors
    assert page.foreign_requests == [], page.foreign_requests
    problems = serious_accessibility_problems(page)
    assert problems == [], problems


@pytest.fixture
def people(transactional_db, settings):
    """The ten personas on the City's geography, in a database a live server can read."""
    from beatbook.geography.services import load_geography
    from tests.conftest import city_config
    from tests.personas import make_personas

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_geography(city_config())
    return make_personas()


def follow_nav(page, name: str) -> None:
    """Click the header link `name`, opening what holds it first: a group's drop-down on a desktop,
    the Menu on a phone."""
    header = page.locator("header.site-header")
    for link in header.get_by_role("link", name=name, exact=True, include_hidden=True).all():
        for summary in link.locator("xpath=ancestor::details/summary").all():
            if summary.is_visible() and summary.locator("xpath=..").get_attribute("open") is None:
                summary.click()
        if link.is_visible():
            link.click()
            return
    raise AssertionError(f"No header link {name!r} can be reached on this page")
