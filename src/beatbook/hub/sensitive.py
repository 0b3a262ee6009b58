"""Counts the Hub shows beside the crimes only to the roles that may see them: repeat victims and callers
(safeguarding) and community intelligence received, by ward. Numbers only, never a person or a text;
for a role that may see neither, nothing at all (not even the table's heading). Showing them is audited as
/safeguarding/counts/ and /intel/counts/ are."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from beatbook.core import audit
from beatbook.core.models import AuditAction
from beatbook.core.roles import INTEL_COUNT_READERS, SAFEGUARDING_COUNT_READERS, has_role
from beatbook.geography.models import Ward
from beatbook.intel.counts import counts_by_ward
from beatbook.safeguarding.models import Incident
from beatbook.safeguarding.services import is_synthetic_shown, repeat_counts_by_ward


@dataclass(frozen=True)
class SensitiveCounts:
    rows: list[dict[str, Any]]  # ward, and victims/callers and/or intel
    repeats: bool  # the repeat columns are shown
    intel: bool  # the intelligence column is shown
    synthetic: bool  # the repeat counts come from a synthetic log


def sensitive_counts(user: Any, ward_ids: tuple[int, ...]) -> SensitiveCounts | None:
    repeats, intel = has_role(user, *SAFEGUARDING_COUNT_READERS), has_role(user, *INTEL_COUNT_READERS)
    if not (repeats or intel):
        return None
    wards: QuerySet[Ward] = Ward.objects.filter(pk__in=ward_ids).order_by("name")
    names = [w.name for w in wards]
    rows: dict[str, dict[str, Any]] = {name: {"ward": name} for name in names}
    if repeats:
        for row in repeat_counts_by_ward(Incident.objects.all()):
            if row["ward"] in rows:
                rows[row["ward"]].update(victims=row["victims"], callers=row["callers"])
    if intel:
        for count in counts_by_ward()[0]:
            if count.ward in rows:
                rows[count.ward]["intel"] = count.received
    synthetic = repeats and is_synthetic_shown()
    return SensitiveCounts([rows[name] for name in names], repeats, intel, synthetic)


def shown_sensitive_counts(
    request: HttpRequest, ward_ids: tuple[int, ...], page: str = "hub"
) -> SensitiveCounts | None:
    """The counts for the signed-in person, with one VIEW audit event per kind shown (the object types of the
    safeguarding and intelligence counts pages); `page` says where (the table, or the map's layer)."""
    counts = sensitive_counts(request.user, ward_ids)
    if counts is not None:
        for shown, object_type in ((counts.repeats, "safeguarding.counts"), (counts.intel, "intel.counts")):
            if shown:
                audit.record(request, AuditAction.VIEW, object_type=object_type, page=page, wards=sorted(ward_ids))
    return counts
