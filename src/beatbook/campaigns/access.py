"""One access helper per object type of campaigns (see core.access)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from beatbook.campaigns.models import Campaign, Material
from beatbook.core.access import get_for_user


def get_campaign_for_user(request: HttpRequest, pk: Any, for_change: bool = False) -> tuple[Campaign, bool]:
    """The campaign (404 when it cannot be seen) and whether the user may change it; `for_change`:
    403 when they may not (another cluster's campaign, for an officer who did not create it)."""
    campaign = get_for_user(request, Campaign.objects.select_related("cluster"), pk)
    can_change = campaign.can_be_changed_by(request.user)
    if for_change and not can_change:
        raise PermissionDenied("This campaign is changed by its own cluster's officers, its creator or a supervisor.")
    return campaign, can_change


def get_material_file_for_user(request: HttpRequest, pk: Any) -> Material:
    """An uploaded material: public ones of published campaigns to everyone, the rest to CAMPAIGN_READERS."""
    return get_for_user(request, Material.objects.exclude(file="").select_related("campaign"), pk)
