"""One access helper per object type of campaigns (see core.access)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from beatbook.campaigns.models import Campaign, Material
from beatbook.core.access import get_for_user


def get_campaign_for_user(request: HttpRequest, pk: Any) -> tuple[Campaign, bool]:
    campaign = get_for_user(request, Campaign.objects.all(), pk)
    return campaign, campaign.can_be_changed_by(request.user)


def get_material_file_for_user(request: HttpRequest, pk: Any) -> Material:
    """An uploaded material: public ones of published campaigns to everyone, the rest to CAMPAIGN_READERS."""
    return get_for_user(request, Material.objects.exclude(file="").select_related("campaign"), pk)
