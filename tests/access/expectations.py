"""What every persona gets from every URL of beatbook (GET, signed in as the persona).

Each capability adds its own section. A URL pattern with no row here fails the matrix test,
so nothing can be added without saying who may see it. Codes: 200 shown; 302 sent elsewhere
(the public to sign in, an account needing two-factor to give it); 403 refused; 404 not found
or not theirs to know of; 405 the method is not allowed.
"""

from __future__ import annotations

from tests.personas import PERSONAS

SIGNED_IN = tuple(p for p in PERSONAS if p != "public")
GROUPS = {
    "everyone": PERSONAS,
    "signed_in": SIGNED_IN,
    "partners": ("partner_x", "partner_y"),
    "officers": ("officer_a", "officer_b"),
}


def expect(default: int, **by_persona_or_group: int) -> dict[str, int]:
    """The status for each persona: `default`, then groups (everyone, signed_in, partners, officers), then names."""
    table = dict.fromkeys(PERSONAS, default)
    for key, status in sorted(by_persona_or_group.items(), key=lambda kv: kv[0] not in GROUPS):
        for persona in GROUPS.get(key, (key,)):
            table[persona] = status
    return table


def only(status: int, *personas: str, others: int = 403, public: int = 302) -> dict[str, int]:
    """`status` for `personas`; `others` for other signed-in personas; the public is sent to sign in."""
    return expect(others, public=public, **dict.fromkeys(personas, status))


ADMIN_ONLY = expect(302, admin=200)  # the admin sends everyone else to sign in (as staff)

PUBLIC = {
    "public:home": expect(200),
    "public:ward": expect(200),
}

ACCOUNTS = {
    "login": expect(302, public=200),  # a signed-in person is sent on
    "logout": expect(200, public=302),  # GET asks to confirm
    "logged_out": expect(200),
    "password_change": expect(200, public=302),
    "password_change_done": expect(200, public=302),
    "password_reset": expect(200),
    "password_reset_done": expect(200),
    "password_reset_confirm": expect(200),  # an invalid link says so
    "password_reset_complete": expect(200),
    "account": expect(200, public=302),
    "two_factor_verify": expect(200, public=302, partners=302, officers=302, analyst=302, supervisor=302),
    "two_factor_setup": expect(200, public=302, intelligence=302, safeguarding=302, admin=302),
    "two_factor_disable": expect(405),
}

CORE = {
    "core:audit_log": only(200, "supervisor", "admin"),
    "core:audit_export": only(200, "supervisor", "admin"),
}

HUB_READERS = ("officer_a", "officer_b", "analyst", "supervisor")
HUB = {
    "hub:dashboard": only(200, *HUB_READERS),
    "hub:my_area": only(302, *HUB_READERS),  # to the dashboard of their own cluster
    # The matrix loads no crime data: the export explains that there is nothing to export.
    "hub:export": only(400, *HUB_READERS),
}

# The tasking briefing (issue 8, page 7): an officer's own cluster by default. The matrix loads no
# crime data: the page says so (200); the PDF, like an export, explains there is nothing to print (400).
HUB_BRIEFING = {
    "hub:briefing": only(200, *HUB_READERS),
    "hub:briefing_pdf": only(400, *HUB_READERS),
    "api:hub-briefing": expect(403, public=401, **dict.fromkeys(HUB_READERS, 400)),
}

HUB_PREMISES = {
    "hub:premises": only(200, *HUB_READERS),  # no crime data in the matrix: the page says so (200)
}

HUB_RATES = {
    "hub:rates": only(200, *HUB_READERS),  # no crime data: the page says so
}

# Public police.uk figures: everyone, signed in or not. The matrix loads no data: the page says
# so (200); a download has nothing to export (400).
STOP_AND_SEARCH = {
    "stopsearch:index": expect(200),
    "stopsearch:export": expect(400),
}

# The hotspot map and near repeat: with no crime data loaded, the pages say so (200) and the API refuses (400).
HUB_MAPS = {
    "hub:hotspots": only(200, *HUB_READERS),
    "hub:near_repeat": only(200, *HUB_READERS),
    "api:hub-hotspots": expect(403, public=401, **dict.fromkeys(HUB_READERS, 400)),
    "api:hub-near-repeat": expect(403, public=401, **dict.fromkeys(HUB_READERS, 400)),
}

# SARA problems (issue 9). The sample problem is officer_a's, naming organisation X (partner_x),
# sharing no section: officers, analysts and supervisors see it; partner_y may not know it exists.
PROBLEM_SEERS = (*HUB_READERS, "partner_x")
PROBLEM_VIEWERS = (*HUB_READERS, "partners")
PROBLEMS = {
    "problems:list": only(200, *PROBLEM_VIEWERS),
    "problems:new": only(200, "officers", "supervisor"),
    "problems:scanning": only(200, *HUB_READERS),  # no crime data: the page says there is nothing to scan
    "problems:take_up": expect(405),  # POST only
    "problems:detail": expect(403, public=302, partner_y=404, **dict.fromkeys(PROBLEM_SEERS, 200)),
    "problems:edit": only(200, "officer_a", "supervisor"),  # officer_b sees it, cannot change it
    "problems:move": expect(405),
    "problems:response_new": only(200, "officer_a", "supervisor"),
    "problems:snapshot_new": only(200, "officer_a", "supervisor"),
    "problems:assessment": expect(403, public=302, partner_y=404, **dict.fromkeys(PROBLEM_SEERS, 200)),
    "problems:plan": expect(403, public=302, partner_y=404, **dict.fromkeys(PROBLEM_SEERS, 200)),
    "problems:plan_pdf": expect(403, public=302, partner_y=404, **dict.fromkeys(PROBLEM_SEERS, 200)),
    # Not assessed yet: 404 for whoever may see the problem; partner_y may not know it exists.
    "api:problem-assessment": expect(403, public=401, **dict.fromkeys(PROBLEM_SEERS, 404), partner_y=404),
}

# The API answers in JSON: 401 for the public, 403 for a role without access (never a redirect).
API = {
    "api:api-root": expect(404),  # no page at /api/ itself
    "api:openapi-json": expect(200),  # the schema and its documentation are public
    "api:openapi-view": expect(200),
    "api:hub-dashboard": expect(403, public=401, **dict.fromkeys(HUB_READERS, 400)),  # no crime data loaded
    "api:hub-premises": expect(403, public=401, **dict.fromkeys(HUB_READERS, 400)),
    "api:hub-rates": expect(403, public=401, **dict.fromkeys(HUB_READERS, 400)),
    "api:hub-stop-and-search": expect(400),  # public; no stop-and-search data loaded
}

ADMIN = {
    "admin_login_redirect": expect(302),
    "admin:login": expect(302),  # shadowed by admin_login_redirect: one sign-in page
    "admin:logout": expect(302, admin=405),
    "admin:autocomplete": expect(302, admin=403),  # needs a model and field to search
    "admin:jsi18n": ADMIN_ONLY,
    "admin:view_on_site": expect(302, admin=404),  # a user has no page on the site
    "admin:core_auditevent_add": expect(302, admin=403),  # append-only
    "admin:core_auditevent_delete": expect(302, admin=403),
    # A problem's history is append-only, and problems change through their pages (which keep it).
    "admin:problems_problem_delete": expect(302, admin=403),
    "admin:problems_problemchange_add": expect(302, admin=403),
    "admin:problems_problemchange_delete": expect(302, admin=403),
}
# Every other admin page (model lists, forms, history): the admin only.
ADMIN_PREFIX_DEFAULT = ("admin:", ADMIN_ONLY)

EXPECTATIONS: dict[str, dict[str, int]] = {
    **PUBLIC,
    **ACCOUNTS,
    **CORE,
    **HUB,
    **HUB_BRIEFING,
    **HUB_PREMISES,
    **HUB_RATES,
    **STOP_AND_SEARCH,
    **HUB_MAPS,
    **API,
    **PROBLEMS,
    **ADMIN,
}
