"""The header's links: each names the roles that may open it (None: everyone), as its view does."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from beatbook.core.roles import (
    AUDIT_READERS,
    CAMPAIGN_READERS,
    ENGAGEMENT_PLANNERS,
    HUB_READERS,
    INTEL_OWNERS,
    INTEL_SANITISED_READERS,
    MESSAGE_SENDERS,
    MISSING_READERS,
    PROBLEM_VIEWERS,
    SAFEGUARDING_OWNERS,
    SCHOOL_NOTIFIERS,
    SCHOOL_TIMELINESS_READERS,
    SURVEY_READERS,
    Role,
    has_role,
)


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: tuple[Role, ...] | None = None


NAV_ITEMS = [
    NavItem("Crime map", "public:home"),
    NavItem("Stop and search", "stopsearch:index"),
    NavItem("Events", "engagement:events"),
    NavItem("My area", "hub:my_area", HUB_READERS),
    NavItem("Hub", "hub:dashboard", HUB_READERS),
    NavItem("Problems", "problems:list", PROBLEM_VIEWERS),
    NavItem("Intelligence", "intel:queue", INTEL_OWNERS),
    NavItem("Intelligence", "intel:shared", INTEL_SANITISED_READERS),
    NavItem("Safeguarding", "safeguarding:register", SAFEGUARDING_OWNERS),
    NavItem("Missing people", "missing:briefings", MISSING_READERS),
    NavItem("School notifications", "schools:notifications", SCHOOL_NOTIFIERS),
    NavItem("Encompass timeliness", "schools:timeliness", SCHOOL_TIMELINESS_READERS),
    NavItem("Tell us", "intel:submit"),
    NavItem("Surveys", "surveys:index", SURVEY_READERS),
    NavItem("Messages", "messaging:index", MESSAGE_SENDERS),
    NavItem("Engagement", "engagement:plan", ENGAGEMENT_PLANNERS),
    NavItem("Campaigns", "campaigns:manage", CAMPAIGN_READERS),
    NavItem("Audit log", "core:audit_log", AUDIT_READERS),
]


def nav_for(user: Any, path: str) -> list[dict[str, Any]]:
    items = []
    for item in NAV_ITEMS:
        if item.roles is None or has_role(user, *item.roles):
            url = reverse(item.url_name)
            items.append({"label": item.label, "url": url, "current": path == url})
    return items
