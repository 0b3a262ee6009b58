"""The header's links: each names the roles that may open it (None: everyone), as its view does, and
the group it is shown in: the public's links stand alone, the rest in one menu per group, so that the
header stays one line on a desktop and a compact menu on a phone however many apps there are."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from beatbook.core.roles import (
    ABSTRACTION_MANAGERS,
    ABSTRACTION_RECORDERS,
    AUDIT_READERS,
    BENCHMARK_READERS,
    BIKE_OWNER_READERS,
    BOARD_PACK_WRITERS,
    CAMPAIGN_READERS,
    ENGAGEMENT_PLANNERS,
    HUB_READERS,
    INTEL_OWNERS,
    INTEL_SANITISED_READERS,
    MESSAGE_SENDERS,
    MISSING_READERS,
    PARTNERSHIP_VIEWERS,
    PERFORMANCE_READERS,
    PROBLEM_VIEWERS,
    REPORT_READERS,
    SAFEGUARDING_OWNERS,
    SCHOOL_NOTIFIERS,
    SCHOOL_TIMELINESS_READERS,
    SCRUTINY_RECORDERS,
    SURVEY_READERS,
    WORKFORCE_EDITORS,
    WORKFORCE_RATE_READERS,
    Role,
    has_role,
)


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: tuple[Role, ...] | None = None
    group: str = ""  # "": a link of its own (the public's pages)


NEIGHBOURHOOD, PROTECTION, ADMINISTRATION = "Neighbourhood", "Protection", "Administration"
#: The performance framework and what the force reports and is held to account by (issue 12's pages).
PERFORMANCE = "Performance"
NAV_ITEMS = [
    NavItem("Crime map", "public:home"),
    NavItem("Stop and search", "stopsearch:index"),
    NavItem("Events", "engagement:events"),
    NavItem("Campaigns", "campaigns:index"),
    NavItem("Tell us", "intel:submit"),
    NavItem("Scrutiny", "scrutiny:index"),
    NavItem("My area", "hub:my_area", HUB_READERS, NEIGHBOURHOOD),
    NavItem("Hub", "hub:dashboard", HUB_READERS, NEIGHBOURHOOD),
    NavItem("Problems", "problems:list", PROBLEM_VIEWERS, NEIGHBOURHOOD),
    NavItem("Engagement", "engagement:plan", ENGAGEMENT_PLANNERS, NEIGHBOURHOOD),
    NavItem("Surveys", "surveys:index", SURVEY_READERS, NEIGHBOURHOOD),
    NavItem("Messages", "messaging:index", MESSAGE_SENDERS, NEIGHBOURHOOD),
    NavItem("Campaign plans", "campaigns:manage", CAMPAIGN_READERS, NEIGHBOURHOOD),  # beside the public "Campaigns"
    NavItem("Bike register", "bikes:search", BIKE_OWNER_READERS, NEIGHBOURHOOD),
    NavItem("My abstractions", "workforce:my_abstractions", ABSTRACTION_RECORDERS, NEIGHBOURHOOD),
    NavItem("Intelligence", "intel:queue", INTEL_OWNERS, PROTECTION),
    NavItem("Intelligence", "intel:shared", INTEL_SANITISED_READERS, PROTECTION),
    NavItem("Safeguarding", "safeguarding:register", SAFEGUARDING_OWNERS, PROTECTION),
    NavItem("Missing people", "missing:briefings", MISSING_READERS, PROTECTION),
    NavItem("School notifications", "schools:notifications", SCHOOL_NOTIFIERS, PROTECTION),
    NavItem("Encompass timeliness", "schools:timeliness", SCHOOL_TIMELINESS_READERS, PROTECTION),
    NavItem("Performance", "performance:dashboard", PERFORMANCE_READERS, PERFORMANCE),
    NavItem("Board pack", "performance:board_pack", BOARD_PACK_WRITERS, PERFORMANCE),
    NavItem("Community Profile", "reports:community_profile", REPORT_READERS, PERFORMANCE),
    NavItem("Partnership", "partnership:index", PARTNERSHIP_VIEWERS, PERFORMANCE),
    NavItem("Benchmarking", "benchmarking:page", BENCHMARK_READERS, PERFORMANCE),
    NavItem("Abstraction rates", "workforce:rates", WORKFORCE_RATE_READERS, PERFORMANCE),
    NavItem("Volunteers", "workforce:volunteers", WORKFORCE_RATE_READERS, PERFORMANCE),
    NavItem("Scrutiny meetings", "scrutiny:manage", SCRUTINY_RECORDERS, PERFORMANCE),
    NavItem("Officers and teams", "workforce:people", WORKFORCE_EDITORS, ADMINISTRATION),
    NavItem("Abstractions", "workforce:abstractions", ABSTRACTION_MANAGERS, ADMINISTRATION),
    NavItem("Training", "workforce:training", WORKFORCE_EDITORS, ADMINISTRATION),
    NavItem("Audit log", "core:audit_log", AUDIT_READERS, ADMINISTRATION),
]


def nav_for(user: Any, path: str) -> list[dict[str, Any]]:
    """The links `user` may open, each marked current when it is the page at `path`."""
    items = []
    for item in NAV_ITEMS:
        if item.roles is None or has_role(user, *item.roles):
            url = reverse(item.url_name)
            items.append({"label": item.label, "url": url, "current": path == url, "group": item.group})
    return items


def nav_groups(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The links in header order: each group once, where its first link stands; a group of one link
    is shown as that link (a menu of one is a needless click)."""
    groups: list[dict[str, Any]] = []
    named: dict[str, dict[str, Any]] = {}
    for item in items:
        if not item["group"]:
            groups.append({"label": "", "items": [item]})
        elif item["group"] in named:
            named[item["group"]]["items"].append(item)
        else:
            named[item["group"]] = {"label": item["group"], "items": [item]}
            groups.append(named[item["group"]])
    for group in groups:
        if len(group["items"]) == 1:
            group["label"] = ""
        group["current"] = any(i["current"] for i in group["items"])
    return groups
