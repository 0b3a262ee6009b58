"""Intelligence linked to a SARA problem in a real browser (docs/adr/0013): the intelligence officer finds the
problem by its title, sees only its reference and title, and links it; the problem's owner reads the
sanitised text and a count on the problem's page, never the original; the intelligence officer cannot open
the plan. Each page is looked at (screenshot), loads nothing from another host and has no serious axe finding."""

from __future__ import annotations

import pytest

from beatbook.geography.models import Ward
from beatbook.intel.models import Intel
from tests.browser.conftest import assert_clean, screenshot, sign_in, sign_in_with_code
from tests.intel.conftest import ORIGINAL, SANITISED, ready_item, received_item
from tests.personas import PASSWORD
from tests.problems.conftest import make_problem

pytestmark = pytest.mark.browser


def test_the_intelligence_officer_links_a_problem_and_an_officer_reads_what_they_may(page, live_server, people):
    ward = Ward.objects.filter(cluster=people.cluster_a).order_by("name").first()
    problem = make_problem(people["officer_a"])
    item = ready_item(people, ward)
    received_item(ward, problem=problem)  # not yet sanitised: counted, never shown

    sign_in_with_code(page, live_server.url, people["intelligence"])
    page.goto(f"{live_server.url}/intel/{item.pk}/")
    page.get_by_label("Find a SARA problem").fill("Liverpool Street")
    page.get_by_role("button", name="Find the problem").click()
    found = page.locator("ul.picker").inner_text()
    assert f"SARA-{problem.pk}" in found and problem.title in found
    assert "POLICE-ONLY-DESCRIPTION" not in page.content() and "Commuters" not in page.content()
    screenshot(page, "intel-problem-picker")
    assert_clean(page)
    page.get_by_role("link", name=f"Choose SARA-{problem.pk}").click()
    assert page.get_by_label("SARA problem", exact=True).input_value() == f"SARA-{problem.pk}"
    page.get_by_role("button", name="Save the links").click()
    assert "links of" in page.locator(".messages").inner_text()
    assert Intel.objects.get(pk=item.pk).problem == problem
    assert f"SARA-{problem.pk} {problem.title}" in page.locator("#links-h + p").inner_text()
    screenshot(page, "intel-item-linked-to-problem")
    assert_clean(page)
    page.goto(f"{live_server.url}/problems/{problem.pk}/")
    assert "POLICE-ONLY-DESCRIPTION" not in page.content()  # the plan is not theirs to read (a 403)
    page.console_errors.clear()  # chromium logs the refused page's 403
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server.url, "officer_a", PASSWORD)
    page.goto(f"{live_server.url}/problems/{problem.pk}/")
    block = page.locator("section.linked-intel").inner_text()
    assert SANITISED in block and "1 linked intelligence item (held by the intelligence unit)" in block
    html = page.content()
    assert ORIGINAL not in html and "07700 900123" not in html and "Example Court" not in html
    page.locator("section.linked-intel").scroll_into_view_if_needed()
    screenshot(page, "problem-linked-intelligence-officer")
    assert_clean(page)
