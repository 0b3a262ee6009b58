"""Scanning: candidate problems found by the Hub's own analyses of an area.

Each suggestion carries its evidence, a link to the Hub page it came from (same filters) and a
stable key: the kind, the place or area, and the categories, without the months, so that a
suggestion taken up as a problem is not offered again next month for the same place.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from beatbook.crime.models import Crime
from beatbook.hub.analyses import AnalysisError, street_name
from beatbook.hub.briefing import briefing
from beatbook.hub.briefing_form import DEFAULT_WINDOW
from beatbook.hub.dashboard import Dashboard, dashboard, top_places
from beatbook.hub.forms import HubFilterForm
from beatbook.hub.selection import Selection, month_text
from beatbook.problems.models import Problem
from beatbook.problems.scanning_harm import harm_weighted
from beatbook.problems.scanning_places import hot_places, rising_premises
from beatbook.problems.scanning_types import Suggestion, categories_key

#: A map point is a repeat location worth a problem with at least this many crimes a month on average.
REPEAT_PER_MONTH = 1.0
REPEAT_PLACES = 5
#: Radius (metres) of the area of a problem taken up from a repeat location: about two police.uk map points.
PLACE_RADIUS_M = 100
#: Anomalous months this recent (from the end of the period) are suggested.
RECENT_MONTHS = 3


def _what(selection: Selection) -> str:
    return selection.describe_categories() if selection.categories else "crime"


def _repeat_places(result: Dashboard, selection: Selection, hub_url: str) -> list[Suggestion]:
    if result.places is None:
        return []
    threshold = REPEAT_PER_MONTH * max(1, len(selection.published))
    found = []
    for rank, (name, count, xy) in enumerate(top_places(result.places, REPEAT_PLACES), start=1):
        if count < threshold:
            continue
        crime = Crime.objects.filter(easting=float(xy[0]), northing=float(xy[1]), lat__isnull=False).first()
        if crime is None:
            continue
        found.append(
            Suggestion(
                key=f"repeat:{xy[0]:.0f},{xy[1]:.0f}:{categories_key(selection)}",
                kind="Repeat location",
                title=f"{_what(selection).capitalize()} at {street_name(name)} (map point)",
                evidence=[
                    f"{count} crimes at the map point “{name}” in {selection.describe_months()}: "
                    f"number {rank} of {result.places.repeats.places_with_crime} places with crime in "
                    f"{selection.area.describe()}.",
                    f"{result.places.repeats.top_share[0] * 100:.0f}% of the area's crime is at its top "
                    f"{result.places.repeats.top_percent[0]:g}% of places.",
                ],
                hub_url=hub_url,
                categories=selection.categories,
                centre=(float(crime.lat), float(crime.lng)),  # type: ignore[arg-type]
                radius_m=PLACE_RADIUS_M,
            )
        )
    return found


def _rising(result: Dashboard, selection: Selection, hub_url: str) -> list[Suggestion]:
    found = []
    for row in result.categories:
        change = row.change
        if change is None or not change.significant or change.change <= 0:
            continue
        found.append(
            Suggestion(
                key=f"rising:{selection.area.kind}:{selection.area.name}:{row.slug}",
                kind="Rising crime",
                title=f"Rising {row.name.lower()} in {selection.area.name}",
                evidence=[
                    f"{change.current} crimes in {change.months[0]}..{change.months[-1]} against "
                    f"{change.previous} a year earlier ({change.change:+d}; E-test p = {change.p_value:.3f})."
                ],
                hub_url=hub_url,
                categories=(row.slug,),
                ward_ids=selection.area.ward_ids,
            )
        )
    return found


def _anomalies(result: Dashboard, selection: Selection, hub_url: str) -> list[Suggestion]:
    flags = result.trend.anomalies if result.trend is not None else None
    if flags is None:
        return []
    found = []
    recent = selection.months[-RECENT_MONTHS:]
    for i, month in enumerate(flags.months):
        if month not in recent or not flags.high[i]:
            continue
        expected = f"{flags.expected[i]:.0f}" if flags.expected is not None else "fewer"
        found.append(
            Suggestion(
                key=f"anomaly:{selection.area.kind}:{selection.area.name}:{month_text(month)}:{categories_key(selection)}",
                kind="Unusual month",
                title=f"Unusually high {_what(selection)} in {selection.area.name}, {month:%B %Y}",
                evidence=[f"{int(flags.counts[i])} crimes in {month_text(month)}, {expected} expected ({flags.rule})."],
                hub_url=hub_url,
                categories=selection.categories,
                ward_ids=selection.area.ward_ids,
            )
        )
    return found


def _from_briefing(form: HubFilterForm, selection: Selection) -> list[Suggestion]:
    """Hotspots and premises from the tasking briefing of the selection's last month."""
    try:
        result = briefing(selection, DEFAULT_WINDOW)
    except AnalysisError:
        return []
    query = urlencode({"area": form.data.get("area") or "force", "month": f"{selection.last:%Y-%m}"})
    return [
        *hot_places(result, selection, f"{reverse('hub:briefing')}?{query}"),
        *rising_premises(result, f"{reverse('hub:premises')}?{form.query()}"),
    ]


def suggestions(form: HubFilterForm) -> list[Suggestion]:
    """The candidate problems of the form's selection not already taken up, from the Hub's cached
    briefing (persistent and new hotspots, premises with rising crime) and dashboard (repeat
    locations, categories rising year on year, anomalous months)."""
    selection = form.selection
    if selection is None:
        return []
    result = dashboard(selection)
    hub_url = f"{reverse('hub:dashboard')}?{form.query()}"
    found = [
        *_from_briefing(form, selection),
        *_repeat_places(result, selection, hub_url),
        *_rising(result, selection, hub_url),
        *_anomalies(result, selection, hub_url),
    ]
    taken = set(
        Problem.objects.filter(suggestion_key__in=[s.key for s in found]).values_list("suggestion_key", flat=True)
    )
    return harm_weighted([s for s in found if s.key not in taken], selection)
