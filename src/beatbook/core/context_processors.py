from typing import Any

from django.conf import settings
from django.http import HttpRequest

from beatbook.core.navigation import nav_for, nav_groups
from beatbook.core.roles import Role, roles_of


def site(request: HttpRequest) -> dict[str, Any]:
    """What every page needs: the data attribution for the footer, the user's roles and links."""
    items = nav_for(request.user, request.path)
    return {
        "data_attribution": settings.BEATBOOK_DATA_ATTRIBUTION,
        "user_roles": sorted(Role(r).short_label for r in roles_of(request.user)),
        "nav_items": items,
        "nav_groups": nav_groups(items),
    }


def map_settings(request: HttpRequest) -> dict[str, Any]:
    return {
        "map_tiles_url": settings.BEATBOOK_MAP_TILES_URL,
        "map_tiles_attribution": settings.BEATBOOK_MAP_TILES_ATTRIBUTION,
    }
