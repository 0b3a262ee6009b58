"""Hand-made records for the indicators' tests: crimes by month and ward, with chosen months published."""

from __future__ import annotations

from datetime import date

from django.db import connection

from beatbook.crime import partitions
from beatbook.crime.models import Crime, DataKind, SourceFile
from beatbook.geography.models import Ward


def publish(force_slug: str, *months: date) -> dict[date, SourceFile]:
    """A stored street file for each month (empty until crimes are added), with its partition of the
    crimes on PostgreSQL, as the ingest makes it."""
    files = {
        m: SourceFile.objects.create(
            force_slug=force_slug, month=m, kind=DataKind.STREET, name=f"{m:%Y-%m}.csv", sha256=f"{m:%Y%m}", size=1
        )
        for m in months
    }
    if connection.vendor == "postgresql":
        table = Crime._meta.db_table
        for month, file in files.items():
            month_name = partitions.ensure_month(table, month)
            partitions.swap(month_name, None, partitions.create_leaf(table, month, file.pk, 1), file.pk)
    return files


def crimes(files: dict[date, SourceFile], month: date, ward: Ward, category: str, n: int) -> None:
    """``n`` crimes of ``category`` in ``ward`` in ``month`` (its file must be published)."""
    Crime.objects.bulk_create(
        Crime(
            month=month,
            ward=ward,
            source_file=files[month],
            line=i + 2,
            reported_by="City of London Police",
            falls_within="City of London Police",
            category=category,
        )
        for i in range(n)
    )
