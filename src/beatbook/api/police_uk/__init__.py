"""data.police.uk's API served from beatbook's own data, at the same paths under /api/.

The routers are added in an order that lets no general pattern shadow a particular one:
{force}/{neighbourhood} comes last, after crimes-street/{category}, forces/{id} and the rest.
"""

from __future__ import annotations

from ninja import Router

from beatbook.api.police_uk.crimes import router as crimes_router
from beatbook.api.police_uk.places import router as places_router
from beatbook.api.police_uk.stops import router as stops_router
from beatbook.api.police_uk.team import router as team_router

router = Router()
router.add_router("/", crimes_router)
router.add_router("/", stops_router)
router.add_router("/", team_router)  # before places: forces/{id}/people, not {force}/{neighbourhood}
router.add_router("/", places_router)
