"""The one way a view gets an item: through `Intel.objects.visible_to`, with the lens it may read.

`sanitised_view(item)` is all a page without the original may be given: the template never
receives the item itself, so the original cannot reach the HTML by a template's mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.http import HttpRequest

from beatbook.core.access import get_for_user
from beatbook.intel.models import Intel, lens_for


@dataclass(frozen=True)
class SanitisedView:
    pk: int
    reference: str
    received_at: datetime
    status: str
    status_label: str
    grade: str
    handling_code: str
    handling_conditions: str
    handling_approved: bool
    sanitised_text: str
    ward: str
    cluster: str
    themes: tuple[str, ...]
    premises: str
    synthetic: bool


def get_item_for_user(request: HttpRequest, pk: int) -> tuple[Intel, str]:
    """The item, or 404 when `request.user` may not know of it; and "original" or "sanitised"."""
    return get_for_user(request, Intel.objects.select_related("ward__cluster"), pk), lens_for(request.user)


def sanitised_view(item: Intel) -> SanitisedView:
    return SanitisedView(
        pk=item.pk,
        reference=item.reference,
        received_at=item.received_at,
        status=item.status,
        status_label=item.get_status_display(),
        grade=item.grade,
        handling_code=item.handling_code,
        handling_conditions=item.handling_conditions,
        handling_approved=item.handling_approved_at is not None,
        sanitised_text=item.sanitised_text if item.sanitisation_approved_at else "",
        ward=str(item.ward or ""),
        cluster=item.ward.cluster.name if item.ward else "",
        themes=tuple(t.name for t in item.themes.all()),
        premises=item.premises_name,
        synthetic=item.synthetic,
    )
