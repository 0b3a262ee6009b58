"""Scanning suggestions from the Hub's tasking briefing (cached by data version): persistent and
new Gi* hotspots, and pubs, bars and nightclubs with more night-time-economy crime than a year
earlier. Keys name the ward and street, or the premises, so they outlast a regridding."""

from __future__ import annotations

import numpy as np

from beatbook.crime.models import Crime
from beatbook.hub.analyses import NIGHT_TIME_ECONOMY
from beatbook.hub.briefing import Briefing
from beatbook.hub.hot_change import NEW, PERSISTENT
from beatbook.hub.selection import Selection
from beatbook.problems.scanning_types import Suggestion, categories_key

#: Radius (metres) of a problem taken up from a hot cell: about the cells the Hub draws.
HOT_RADIUS_M = 150
HOT_PLACES = 5
PREMISES = 3


def hot_places(result: Briefing, selection: Selection, hub_url: str) -> list[Suggestion]:
    found = []
    months = len(result.period.recent)
    for place in result.hot_places[:HOT_PLACES]:
        if place.kind not in (PERSISTENT, NEW) or not place.streets:
            continue
        lasting = "persistent" if place.kind == PERSISTENT else "new"
        found.append(
            Suggestion(
                key=f"hotspot:{place.ward}:{place.streets[0]}:{categories_key(selection)}",
                kind=f"{lasting.capitalize()} hotspot",
                title=f"{lasting.capitalize()} hotspot at {place.name}, {place.ward}",
                evidence=[
                    f"Gi* hot cell: {place.recent} crimes in the latest {months} months, {place.before} in the "
                    f"twelve before; hot on its own crimes in {place.hot_months} of those {months} months.",
                ],
                hub_url=hub_url,
                categories=selection.categories,
                centre=(place.lat, place.lng),
                radius_m=HOT_RADIUS_M,
            )
        )
    return found


def rising_premises(result: Briefing, hub_url: str) -> list[Suggestion]:
    found = []
    rise = result.premises
    for change in [c for c in rise.changes if c.clearly_up][:PREMISES]:
        if not np.isfinite(change.xy[0]):
            continue
        crime = Crime.objects.filter(easting=change.xy[0], northing=change.xy[1], lat__isnull=False).first()
        if crime is None:
            continue
        found.append(
            Suggestion(
                key=f"premises:{change.name}:{change.postcode}",
                kind="Premises with rising crime",
                title=f"Night-time crime near {change.name}, {change.postcode}",
                evidence=[
                    f"{change.crimes} night-time-economy crimes within {rise.radius:.0f} m of {change.name} "
                    f"({change.address}) in the latest months, {change.previous} a year earlier "
                    f"(E-test p = {change.p_value:.3f}); register {rise.source}.",
                ],
                hub_url=hub_url,
                categories=NIGHT_TIME_ECONOMY,
                centre=(float(crime.lat), float(crime.lng)),  # type: ignore[arg-type]
                radius_m=max(int(rise.radius), 50),
            )
        )
    return found
