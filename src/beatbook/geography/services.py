"""Storing a force's geography from its configuration: idempotent, in one transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify
from shapely.geometry import shape

from beatbook.geography.config import ForceConfig, resolve_ward
from beatbook.geography.models import Cluster, Force, Sector, Ward
from beatbook.geography.projection import geometry_to_bng, to_bng


@dataclass
class GeographyLoadReport:
    force: str
    sectors: int = 0
    clusters: int = 0
    wards_created: int = 0
    wards_updated: int = 0


def _ward_fields(boundary, cluster: Cluster) -> dict:
    geom = shape(boundary.geometry)
    centroid = geom.representative_point() if not geom.centroid.within(geom) else geom.centroid
    easting, northing = to_bng([centroid.x], [centroid.y])
    return {
        "cluster": cluster,
        "name": boundary.name,
        "slug": slugify(boundary.name),
        "boundary": json.dumps(boundary.geometry),
        "centroid_lat": centroid.y,
        "centroid_lng": centroid.x,
        "centroid_easting": float(easting[0]),
        "centroid_northing": float(northing[0]),
        "area_m2": geometry_to_bng(geom).area,
    }


@transaction.atomic
def load_geography(config: ForceConfig) -> GeographyLoadReport:
    """Create or update the force, its sectors, clusters and wards (matched by code)."""
    force, _ = Force.objects.update_or_create(
        slug=config.slug, defaults={"name": config.name, "boundary_source": str(config.boundary_path.name)}
    )
    report = GeographyLoadReport(force=force.slug)
    existing = {w.code: w for w in Ward.objects.of_force(force)}
    for sector_config in config.sectors:
        sector, _ = Sector.objects.update_or_create(
            force=force, code=sector_config.code, defaults={"name": sector_config.name}
        )
        report.sectors += 1
        for cluster_config in sector_config.clusters:
            cluster = _store_cluster(sector, cluster_config)
            report.clusters += 1
            for ward_ref in cluster_config.wards:
                boundary = resolve_ward(config, ward_ref, cluster_config.code)
                _store_ward(existing, boundary, cluster, report)
    _remove_empty_clusters(force)
    return report


def _store_cluster(sector: Sector, cluster_config) -> Cluster:
    # A cluster keeps its identity across sectors when the configuration moves it.
    cluster = Cluster.objects.filter(sector__force=sector.force, code=cluster_config.code).first()
    cluster = cluster or Cluster(code=cluster_config.code)
    cluster.sector = sector
    cluster.name = cluster_config.name
    cluster.split_is_configurable = cluster_config.split_is_configurable
    cluster.save()
    return cluster


def _store_ward(existing: dict, boundary, cluster: Cluster, report: GeographyLoadReport) -> None:
    fields = _ward_fields(boundary, cluster)
    ward = existing.get(boundary.code)
    if ward is None:
        Ward.objects.create(code=boundary.code, **fields)
        report.wards_created += 1
        return
    for name, value in fields.items():
        setattr(ward, name, value)
    ward.save()
    report.wards_updated += 1


def _remove_empty_clusters(force: Force) -> None:
    Cluster.objects.filter(sector__force=force, wards__isnull=True).delete()
    Sector.objects.filter(force=force, clusters__isnull=True).delete()
