"""The API's one NinjaAPI: each capability adds its router here."""

from __future__ import annotations

from ninja import NinjaAPI

from beatbook import __version__
from beatbook.api import errors
from beatbook.api.hub import router as hub_router
from beatbook.api.hub_briefing import router as hub_briefing_router
from beatbook.api.hub_maps import router as hub_maps_router
from beatbook.api.hub_premises import router as hub_premises_router
from beatbook.api.hub_rates import router as hub_rates_router
from beatbook.api.police_uk import router as police_uk_router
from beatbook.api.problems import router as problems_router
from beatbook.api.stop_search import router as stop_search_router

api = NinjaAPI(
    title="beatbook API",
    version=__version__,
    description="The Hub's figures as JSON, for a force's own tools (QGIS, Power BI, R). "
    'Every error has one body: {"error": {"status", "title", "detail", "parameters"}}.',
    urls_namespace="api",
)
errors.install(api)
api.add_router("/hub/", hub_router)
api.add_router("/hub/", hub_briefing_router)
api.add_router("/hub/", hub_premises_router)
api.add_router("/hub/", hub_rates_router)
api.add_router("/hub/", stop_search_router)
api.add_router("/hub/", hub_maps_router)
api.add_router("/problems/", problems_router)
api.add_router("/", police_uk_router)  # data.police.uk's paths, after every fixed prefix
