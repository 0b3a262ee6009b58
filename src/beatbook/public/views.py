"""Public pages: no login, published data only."""

from __future__ import annotations

import json

from django.conf import settings
from django.shortcuts import get_object_or_404, render

from beatbook.core.charts import monthly_bar_chart
from beatbook.geography.models import Force, Ward
from beatbook.hub.cache import cached_for_force
from beatbook.public.page_cache import cached_for_the_public
from beatbook.public.services import latest_period, monthly_totals, ward_counts, ward_table


@cached_for_the_public
def home(request):
    force = Force.objects.configured()
    if force is None:
        return render(request, "public/no_geography.html", {"force_slug": settings.BEATBOOK_FORCE})
    period = latest_period(force)
    counts = ward_counts(force, period)
    sectors = force.sectors.prefetch_related("clusters__wards")
    wards = [w for s in sectors for c in s.clusters.all() for w in c.wards.all()]
    return render(
        request,
        "public/home.html",
        {
            "force": force,
            "period": period,
            "sectors": sectors,
            "counts": counts,
            "total": sum(counts.values()),
            "map_features": _map_features(wards, counts),
            "split_is_configurable": any(w.cluster.split_is_configurable for w in wards),
        },
    )


@cached_for_the_public(page="ward")
def ward_detail(request, slug: str):
    ward = get_object_or_404(
        Ward.objects.of_force(settings.BEATBOOK_FORCE).select_related("cluster__sector__force"), slug=slug
    )
    period = latest_period(ward.cluster.sector.force)
    table = ward_table(ward, period) if period else []
    totals = monthly_totals(table, period) if period else []
    chart = _ward_chart(ward, period, totals) if period and table else ""
    chart_narrow = _ward_chart(ward, period, totals, narrow=True) if period and table else ""
    return render(
        request,
        "public/ward.html",
        {
            "ward": ward,
            "period": period,
            "table": table,
            "totals": totals,
            "total": sum(totals),
            "chart": chart,
            "chart_narrow": chart_narrow,
            "map_features": _map_features([ward], {ward.pk: sum(totals)}),
        },
    )


def _ward_chart(ward: Ward, period, totals: list[int], narrow: bool = False) -> str:
    """The ward's monthly chart (`narrow`: for a phone), drawn once per data version: drawing takes a
    lock and tens of milliseconds."""
    labels = [f"{m:%b %Y}" for m in period.months]
    title = f"Crimes and anti-social behaviour in {ward.name}, by month"
    key = [ward.pk, labels, totals]
    name = "public-ward-chart-narrow" if narrow else "public-ward-chart"
    return cached_for_force(
        name, settings.BEATBOOK_FORCE, key, lambda: monthly_bar_chart(labels, totals, title, narrow=narrow)
    )


def _map_features(wards, counts: dict[int, int]) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": json.loads(w.boundary),
                "properties": {"name": w.name, "url": f"/wards/{w.slug}/", "count": counts.get(w.pk, 0)},
            }
            for w in wards
        ],
    }
