"""One access helper per object type of bikes (see core.access)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from beatbook.bikes.models import MarkedBike
from beatbook.core.access import get_for_user


def get_bike_for_user(request: HttpRequest, pk: Any) -> MarkedBike:
    return get_for_user(request, MarkedBike.objects.select_related("event", "cluster", "ward"), pk)
