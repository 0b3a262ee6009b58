"""The intelligence linked to a SARA problem, as each reader of the problem's page may see it
(docs/adr/0013).

Problem readers who are not intelligence officers are given `SanitisedView`s of the linked items
`Intel.objects.visible_to` lets them open, and only a count of the others ("held by the intelligence
unit"); partners are given nothing, not even the count. The original never leaves this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from beatbook.core import audit
from beatbook.core.models import AuditAction
from beatbook.core.roles import PROBLEM_READERS, has_role
from beatbook.intel.access import SanitisedView, sanitised_view
from beatbook.intel.models import Intel


@dataclass(frozen=True)
class LinkedIntelligence:
    shown: tuple[SanitisedView, ...]  # sanitised texts this reader may read
    held: int  # linked items they may not open

    @property
    def total(self) -> int:
        return len(self.shown) + self.held


def linked_for(user: Any, problem_id: int) -> LinkedIntelligence | None:
    """None for a reader who may learn nothing of it (a partner)."""
    if not has_role(user, *PROBLEM_READERS):
        return None
    linked = Intel.objects.filter(problem_id=problem_id)
    visible = linked.visible_to(user).select_related("ward__cluster").prefetch_related("themes")
    shown = tuple(v for v in (sanitised_view(i) for i in visible) if v.sanitised_text)
    return LinkedIntelligence(shown, linked.count() - len(shown))


def shown_linked(request: HttpRequest, problem_id: int) -> LinkedIntelligence | None:
    """`linked_for` the signed-in reader, audited as a view of the sanitised texts shown (references only)."""
    found = linked_for(request.user, problem_id)
    if found is not None and found.total:
        audit.record(
            request,
            AuditAction.VIEW,
            object_type="intel.intel",
            lens="sanitised",
            listing="linked to a problem",
            problem=problem_id,
            shown=[v.reference for v in found.shown],
            held=found.held,
        )
    return found
