"""The force, sectors and clusters the framework reports on, as registry scopes."""

from __future__ import annotations

from beatbook.geography.models import Cluster, Force, Sector, Ward
from beatbook.performance.registry import Scope


def force_scope(force: Force) -> Scope:
    wards = Ward.objects.filter(cluster__sector__force=force).values_list("id", flat=True)
    return Scope(force.slug, "force", force.name, tuple(sorted(wards)))


def sector_scope(sector: Sector) -> Scope:
    wards = Ward.objects.filter(cluster__sector=sector).values_list("id", flat=True)
    return Scope(sector.force.slug, "sector", sector.name, tuple(sorted(wards)), sector_id=sector.id)


def cluster_scope(cluster: Cluster) -> Scope:
    wards = cluster.wards.values_list("id", flat=True)
    return Scope(
        cluster.sector.force.slug,
        "cluster",
        cluster.name,
        tuple(sorted(wards)),
        sector_id=cluster.sector_id,
        cluster_id=cluster.id,
    )


def scopes_of(force: Force) -> list[Scope]:
    """The force, then each sector, then each cluster: the dashboard's choices."""
    sectors = Sector.objects.filter(force=force).order_by("name")
    clusters = Cluster.objects.filter(sector__force=force).select_related("sector__force").order_by("name")
    return [force_scope(force), *(sector_scope(s) for s in sectors), *(cluster_scope(c) for c in clusters)]
