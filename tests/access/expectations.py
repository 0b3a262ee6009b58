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
    "hub:sensitive_counts": only(200, *HUB_READERS),  # the map's layer of the counts by ward (no data: empty)
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
    "problems:attach": expect(405),  # POST only, from the Hub pages' control
    "problems:detail": expect(403, public=302, partner_y=404, **dict.fromkeys(PROBLEM_SEERS, 200)),
    "problems:edit": only(200, "officer_a", "supervisor"),  # officer_b sees it, cannot change it
    "problems:move": expect(405),
    "problems:response_new": only(200, "officer_a", "supervisor"),
    "problems:snapshot_new": only(200, "officer_a", "supervisor"),
    "problems:priority_new": only(200, "officer_a", "supervisor"),
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

# Community intelligence (docs/adr/0008). The sample item is ready, in a ward of officer_a's cluster,
# shared with partner_x's organisation; its original holds the private marker. The verbs answer GET with 405.
INTEL_RECORDER_PERSONAS = ("partner_x", "partner_y", "officer_a", "officer_b", "supervisor", "intelligence")
INTEL_SANITISED_PERSONAS = ("partner_x", "partner_y", "officer_a", "officer_b", "supervisor", "safeguarding")
INTEL_COUNT_PERSONAS = ("officer_a", "officer_b", "analyst", "supervisor", "intelligence")
INTEL = {
    "intel:submit": expect(200),
    "intel:thanks": expect(302),  # nothing sent in this session: back to the form
    "intel:follow_up": expect(200),  # the sample's private link
    "intel:record": only(200, *INTEL_RECORDER_PERSONAS),
    "intel:queue": only(200, "intelligence"),
    "intel:review_queue": only(200, "intelligence"),
    "intel:shared": only(200, *INTEL_SANITISED_PERSONAS),
    "intel:counts": only(200, *INTEL_COUNT_PERSONAS),
    "intel:counts_export": only(200, *INTEL_COUNT_PERSONAS),
    "intel:item": expect(
        403,
        public=302,
        partner_x=200,
        officer_a=200,
        supervisor=200,
        intelligence=200,
        partner_y=404,
        officer_b=404,
        safeguarding=404,
    ),  # someone else's item is a 404: they may not know it exists
    "intel:approve_handling": only(405, "supervisor"),
    **{f"intel:{verb}": only(405, "intelligence") for verb in ("grade", "link", "sanitise", "share", "review")},
    "intel:approve_sanitised": only(405, "intelligence"),
    "intel:problem_picker": only(200, "intelligence"),  # problems by reference and title (docs/adr/0013)
}

# Surveys (issue 10): the public answers without an account; staff read results by role. The matrix's
# sample survey has no responses: the results say so (200), the CSV holds only its header.
SURVEY_READERS = ("officer_a", "officer_b", "analyst", "supervisor")
SURVEYS = {
    "surveys:index": only(200, *SURVEY_READERS),
    "surveys:create": only(200, "analyst", "supervisor"),
    "surveys:detail": only(200, *SURVEY_READERS),
    "surveys:add_question": only(405, "analyst", "supervisor"),  # POST only
    "surveys:add_wave": only(405, "analyst", "supervisor"),
    "surveys:invitations": only(405, "analyst", "supervisor"),
    "surveys:results": only(200, *SURVEY_READERS),
    "surveys:results_csv": only(200, *SURVEY_READERS),
    "surveys:contacts": only(200, "supervisor"),
    "surveys:respond": expect(200),
    "surveys:invited": expect(200),
    "surveys:thanks": expect(200),
}

# Messaging (issue 10): anyone subscribes; officers and supervisors write; supervisors read addresses.
MESSAGING = {
    "messaging:index": only(200, "officer_a", "officer_b", "supervisor"),
    "messaging:compose": only(200, "officer_a", "officer_b", "supervisor"),
    "messaging:detail": {**only(200, "officer_a", "supervisor"), "officer_b": 404},  # to officer_a's cluster
    "messaging:subscribers": only(200, "supervisor"),
    "messaging:subscribe": expect(200),
    "messaging:check_email": expect(200),
    "messaging:subscribed": expect(200),
    "messaging:confirm": expect(200),  # GET asks; POST confirms
    "messaging:unsubscribe": expect(200),
    "messaging:privacy": expect(200),
}

# Engagement (issue 10): public listings, feeds and the request form for everyone; planning for officers
# and supervisors. The sample event is internal (404 to all but planners) in officer_a's cluster (officer_b
# sees it, may not change it); the sample priority is unpublished, of a ward of officer_a's cluster.
PLANNERS = ("officer_a", "officer_b", "supervisor")
ENGAGEMENT = {
    "engagement:events": expect(200),
    "engagement:force_calendar": expect(200),
    "engagement:event": expect(404, **dict.fromkeys(PLANNERS, 200)),
    "engagement:ward_events": expect(200),
    "engagement:ward_calendar": expect(200),
    "engagement:cluster_events": expect(200),
    "engagement:cluster_calendar": expect(200),
    "engagement:request_attendance": expect(200),
    "engagement:request_sent": expect(200),
    "engagement:plan": only(200, *PLANNERS),
    "engagement:event_new": only(200, *PLANNERS),
    "engagement:event_edit": only(200, "officer_a", "supervisor"),
    "engagement:event_outcome": only(200, "officer_a", "supervisor"),
    "engagement:issue_priority": expect(405),
    "engagement:issue_problem": expect(405),  # POST only
    "engagement:priorities": only(200, *PLANNERS),
    "engagement:priority_edit": only(200, "officer_a", "supervisor"),
    "engagement:priority_publish": only(200, "supervisor"),  # GET: the confirmation page
    # The Business team (officer_a is a member in the samples) and supervisors work the queue.
    "engagement:requests": only(200, "officer_a", "supervisor"),
    "engagement:request": only(200, "officer_a", "supervisor"),
    "engagement:request_assign": expect(405),
    "engagement:request_accept": expect(405),
    "engagement:request_decline": expect(405),
    "api:police-uk-force-people": expect(200),
    "api:police-uk-neighbourhood-people": expect(200),
    "api:police-uk-neighbourhood-events": expect(200),
    "api:police-uk-neighbourhood-priorities": expect(200),
}

# data.police.uk's methods (issue 10): public, read-only. The matrix loads the geography but no crime
# data and sends no query string: methods that need parameters refuse (400), lists of places answer,
# the last update and an unknown crime are not found (404), as on police.uk.
POLICE_UK_API = {
    "api:police-uk-forces": expect(200),
    "api:police-uk-force": expect(200),
    "api:police-uk-neighbourhoods": expect(200),
    "api:police-uk-neighbourhood": expect(200),
    "api:police-uk-boundary": expect(200),
    "api:police-uk-locate-neighbourhood": expect(400),  # q is required
    "api:police-uk-crimes-street": expect(400),  # lat and lng, or poly, are required
    "api:police-uk-crimes-at-location": expect(400),
    "api:police-uk-crimes-no-location": expect(400),  # force is required
    "api:police-uk-crime-categories": expect(200),
    "api:police-uk-crime-last-updated": expect(404),  # no crime data loaded
    "api:police-uk-crimes-street-dates": expect(200),  # an empty list
    "api:police-uk-outcomes-for-crime": expect(404),
    "api:police-uk-outcomes-at-location": expect(400),
    "api:police-uk-stops-street": expect(400),
    "api:police-uk-stops-at-location": expect(400),
    "api:police-uk-stops-no-location": expect(400),
    "api:police-uk-stops-force": expect(400),
}

# Safeguarding (docs/adr/0009): personal records for the safeguarding role; counts by ward for those who
# direct patrols. The samples (a person, an assessment, a case review) hold the private marker.
SAFEGUARDING_COUNT_PERSONAS = ("officer_a", "officer_b", "analyst", "supervisor", "safeguarding")
SAFEGUARDING = {
    "safeguarding:counts": only(200, *SAFEGUARDING_COUNT_PERSONAS),
    **{
        f"safeguarding:{name}": only(200, "safeguarding")
        for name in ("register", "person", "dash_new", "dash", "marac", "case_review_apply", "case_review")
    },
    # Support plans, Community MARAC cases (the sample invites organisation X only) and the MoPI review queue.
    **{
        f"safeguarding:{name}": only(200, "safeguarding")
        for name in ("plans", "plan_new", "plan", "marac_case_new", "reviews", "review")
    },
    "safeguarding:marac_cases": only(200, "safeguarding", "partner_x", "partner_y"),
    "safeguarding:marac_case": expect(403, public=302, safeguarding=200, partner_x=200, partner_y=404),
    "safeguarding:marac_action_done": only(405, "safeguarding", "partner_x", "partner_y"),
}

# School notifications (docs/adr/0010): the safeguarding officers' pages; supervisors see timeliness counts.
SCHOOLS = {
    **{
        f"schools:{name}": only(200, "safeguarding")
        for name in ("notifications", "notification_new", "notification", "schools", "school_edit", "closures")
    },
    "schools:timeliness": only(200, "supervisor", "safeguarding"),
    "schools:notification_send": only(405, "safeguarding"),
    "schools:notification_assign": only(405, "safeguarding"),
}

# Briefings on missing people: the sample is active, for officer_a's cluster, and names the private marker.
MISSING_BRIEFING = expect(403, public=302, officer_a=200, officer_b=404, supervisor=200, safeguarding=200)
MISSING = {
    "missing:briefings": only(200, "officer_a", "officer_b", "supervisor", "safeguarding"),
    "missing:briefing_new": only(200, "safeguarding"),
    "missing:briefing": MISSING_BRIEFING,
    "missing:photo": MISSING_BRIEFING,
    **{f"missing:{verb}": only(405, "safeguarding") for verb in ("renew", "remove")},
    # a patrol officer records the person found: officer_b does not see cluster A's briefing (POST: 404)
    "missing:found": only(405, "officer_a", "officer_b", "safeguarding"),
}

# Campaigns and bike marking (issue 10): published campaigns and the owner's bike form are public; the
# sample campaign is a draft (404 to all but CAMPAIGN_READERS); bike owners are for officers and supervisors.
CAMPAIGN_READER_PERSONAS = ("officer_a", "officer_b", "analyst", "supervisor")
CAMPAIGN_EDITOR_PERSONAS = ("officer_a", "officer_b", "supervisor")
CAMPAIGNS = {
    "campaigns:index": expect(200),
    "campaigns:public": expect(404, **dict.fromkeys(CAMPAIGN_READER_PERSONAS, 200)),
    "campaigns:manage": only(200, *CAMPAIGN_READER_PERSONAS),
    "campaigns:detail": only(200, *CAMPAIGN_READER_PERSONAS),
    "campaigns:new": only(200, *CAMPAIGN_EDITOR_PERSONAS),
    # the sample campaign is cluster A's: officer B reads it but may not change it or write to its audience
    "campaigns:edit": only(200, "officer_a", "supervisor"),
    "campaigns:message": only(200, "officer_a", "supervisor"),
    "campaigns:material_add": expect(405),
    # an internal material of the draft: CAMPAIGN_READERS only (public materials of published campaigns: everyone)
    "campaigns:material_file": expect(404, **dict.fromkeys(CAMPAIGN_READER_PERSONAS, 200)),
    "campaigns:sign_up": expect(405),
    "bikes:register": expect(200),
    "bikes:registered": expect(200),
    "bikes:search": only(200, *CAMPAIGN_EDITOR_PERSONAS),
    "bikes:new": only(200, *CAMPAIGN_EDITOR_PERSONAS),
    "bikes:detail": only(200, *CAMPAIGN_EDITOR_PERSONAS),
    "bikes:edit": only(200, *CAMPAIGN_EDITOR_PERSONAS),
    "bikes:delete": only(200, *CAMPAIGN_EDITOR_PERSONAS),  # the confirmation page
    "bikes:counts": only(200, *CAMPAIGN_READER_PERSONAS),
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
    # A problem's history is append-only, and problems and their responses are made and changed
    # through their pages (which keep it).
    "admin:problems_problem_add": expect(302, admin=403),
    "admin:problems_problem_delete": expect(302, admin=403),
    "admin:problems_response_add": expect(302, admin=403),
    "admin:problems_response_delete": expect(302, admin=403),
    "admin:problems_problemchange_add": expect(302, admin=403),
    "admin:problems_problemchange_delete": expect(302, admin=403),
}
# Every other admin page (model lists, forms, history): the admin only.
ADMIN_PREFIX_DEFAULT = ("admin:", ADMIN_ONLY)

WORKFORCE = {
    "workforce:people": only(200, "supervisor"),
    "workforce:officer_new": only(200, "supervisor"),
    "workforce:officer_edit": only(200, "supervisor"),
    "workforce:team_new": only(200, "supervisor"),
    "workforce:team_edit": only(200, "supervisor"),
    "workforce:photo": expect(200),  # a published photo: everyone
}

WORKFORCE_TIME = {
    "workforce:officer_delete": only(200, "supervisor"),
    "workforce:team_delete": only(200, "supervisor"),
    "workforce:my_abstractions": only(200, "officer_a", "officer_b", "supervisor"),
    "workforce:abstractions": only(200, "supervisor"),
    "workforce:abstraction_new": only(200, "supervisor"),
    # officer_a's own abstraction: officer_b may not know it exists
    "workforce:abstraction_edit": only(200, "officer_a", "supervisor", others=403) | {"officer_b": 404},
    "workforce:import": only(200, "supervisor"),
    "workforce:rates": only(200, "officer_a", "officer_b", "analyst", "supervisor"),
    "workforce:volunteers": only(200, "officer_a", "officer_b", "analyst", "supervisor"),
    "workforce:deployment_new": only(200, "supervisor"),
    "workforce:training": only(200, "supervisor"),
    "workforce:qualification_new": only(200, "supervisor"),
}

# The performance framework (issue 12): the dashboard and definitions (aggregate figures, no personal
# data) for officers and everyone who writes the board pack's commentary (no crime data in the matrix:
# each figure says so); the board pack's page for the indicators' owners and supervisors, its PDF for
# supervisors.
BOARD_PACK_WRITERS = ("analyst", "supervisor", "intelligence", "safeguarding")
PERFORMANCE_READERS = ("officer_a", "officer_b", *BOARD_PACK_WRITERS)
PERFORMANCE = {
    "performance:dashboard": only(200, *PERFORMANCE_READERS),
    "performance:definition": only(200, *PERFORMANCE_READERS),
    "performance:board_pack": only(200, *BOARD_PACK_WRITERS),
    "performance:board_pack_pdf": only(200, "supervisor"),
    # Commentary is written on the board pack's page, which audits it: the admin only reads it.
    "admin:performance_commentary_add": expect(302, admin=403),
    "admin:performance_commentary_delete": expect(302, admin=403),
}

# The annual Community Profile (issue 12): supervisors and analysts. Without ?year the page is the
# form (200); the matrix loads no crime data, so a chosen year would be a 400 form error.
REPORTS = {
    "reports:community_profile": only(200, "analyst", "supervisor"),
}

# The partnership (issue 12): the sample partnership has partner_x's organisation as a member, not partner_y's.
PARTNERSHIP_READER_PERSONAS = ("officer_a", "officer_b", "analyst", "supervisor")
PARTNERSHIP_PLAN = expect(
    403, public=302, partner_y=404, **dict.fromkeys((*PARTNERSHIP_READER_PERSONAS, "partner_x"), 200)
)
PARTNERSHIP = {
    "partnership:index": only(200, *PARTNERSHIP_READER_PERSONAS, "partners"),
    "partnership:plan": PARTNERSHIP_PLAN,
    "partnership:review": PARTNERSHIP_PLAN,
    "partnership:review_pdf": PARTNERSHIP_PLAN,
    "partnership:priority_edit": only(200, "supervisor"),
    "partnership:action_new": only(200, "supervisor"),
    "partnership:action_edit": only(200, "supervisor"),
}
# Scrutiny: the sample meeting is a draft (404 to all but supervisors); published summaries are public.
SCRUTINY = {
    "scrutiny:index": expect(200),
    "scrutiny:summary": expect(404, supervisor=200),
    "scrutiny:manage": only(200, "supervisor"),
    "scrutiny:new": only(200, "supervisor"),
    "scrutiny:record": only(200, "supervisor"),
    "scrutiny:case_add": only(405, "supervisor"),  # POST only, once the role is checked
    # Meetings are recorded on their pages (which audit each change): the admin lists them only.
    "admin:scrutiny_meeting_add": expect(302, admin=403),
    "admin:scrutiny_meeting_delete": expect(302, admin=403),
}

# Benchmarking with other forces: analysts and supervisors. No crime data: the page says so (200);
# the download has no shared month to export (400).
BENCHMARKING = {
    "benchmarking:page": only(200, "analyst", "supervisor"),
    "benchmarking:csv": only(400, "analyst", "supervisor"),
}

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
    **INTEL,
    **SURVEYS,
    **MESSAGING,
    **ENGAGEMENT,
    **POLICE_UK_API,
    **SAFEGUARDING,
    **SCHOOLS,
    **MISSING,
    **CAMPAIGNS,
    **ADMIN,
    **WORKFORCE,
    **WORKFORCE_TIME,
    **PERFORMANCE,
    **REPORTS,
    **PARTNERSHIP,
    **SCRUTINY,
    **BENCHMARKING,
}
