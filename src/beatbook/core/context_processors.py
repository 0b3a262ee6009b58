from django.conf import settings

from beatbook.core.roles import Role, roles_of


def site(request):
    """What every page needs: the data attribution for the footer and the user's roles."""
    roles = roles_of(request.user)
    return {
        "data_attribution": settings.BEATBOOK_DATA_ATTRIBUTION,
        "user_roles": sorted(Role(r).label for r in roles),
    }


def map_settings(request):
    return {
        "map_tiles_url": settings.BEATBOOK_MAP_TILES_URL,
        "map_tiles_attribution": settings.BEATBOOK_MAP_TILES_ATTRIBUTION,
    }
