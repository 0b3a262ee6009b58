"""The demo's past community intelligence: SYNTHETIC items (invented, naming no real person, report or
source) received across the clusters in the four quarters to the history quarter, each graded, some
within the grading target and some after it, and a few sanitised and shared with the demo partner.

Made through the intelligence app's verbs (receive, grade, sanitise, approve, share), then dated back
to when they would have happened. Idempotent: each item is known by its reference.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model

from beatbook.accounts.models import PartnerOrganisation
from beatbook.demo.accounts import DEMO_ORGANISATION
from beatbook.demo.history_time import at, year_to
from beatbook.demo.intel import LABEL, _request
from beatbook.geography.models import Cluster, Force
from beatbook.intel import services
from beatbook.intel.models import Intel, IntelShare, Source, Theme
from beatbook.performance.registry import Period

#: (theme, what was told, the text that may be shared): invented examples of what a ward hears.
TOLD = [
    (
        "Drugs",
        "Cannabis is being sold from a parked van near the benches most lunchtimes.",
        "Drug dealing from a vehicle is reported in the ward at lunchtimes.",
    ),  # fmt: skip
    (
        "Anti-social behaviour",
        "A group gathers in the passage after the bars close and throws bottles.",
        "Late-night anti-social behaviour is reported in a passage in the ward.",
    ),  # fmt: skip
    (
        "Organised crime",
        "Two men on e-bikes watch the station exit and follow people on their phones.",
        "Phone snatchers on bicycles are reported watching a station exit.",
    ),  # fmt: skip
    (
        "Violence against women and girls",
        "A man hangs around the bar door at closing time and follows women out.",
        "A man is reported following women from licensed premises at closing time.",
    ),  # fmt: skip
]
#: Hours from receipt to grading, in turn: the fourth and the seventh miss the 72-hour default target.
GRADING_HOURS = [6, 20, 44, 96, 12, 30, 130]
#: Items per cluster in each quarter, oldest first: the flow grows as the scheme becomes known.
PER_QUARTER = [1, 1, 2, 2]


def ensure_intel_history(force: Force, quarter: Period) -> int:
    """Add the items once; the number added."""
    users = get_user_model().objects.filter(username__in=["demo-intelligence", "demo-intelligence-2"])
    people = {u.username: u for u in users}
    partner = PartnerOrganisation.objects.filter(name=DEMO_ORGANISATION).first()
    if len(people) < 2 or partner is None:
        return 0
    writer, approver = _request(people["demo-intelligence"]), _request(people["demo-intelligence-2"])
    made, n = 0, 0
    for cluster in Cluster.objects.filter(sector__force=force).order_by("name"):
        for q, period in enumerate(year_to(quarter)):
            for k in range(PER_QUARTER[q]):
                reference = f"CI-DEMO-{quarter.label}-{n:03d}"
                received = at(period, (n + k) % 3, 2 + (5 * n) % 24, 9 + n % 9)
                made += _item(reference, cluster, received, n, writer, approver, partner)
                n += 1
    return made


def _item(reference: str, cluster: Cluster, received: datetime, n: int, writer: Any, approver: Any,
          partner: PartnerOrganisation) -> bool:  # fmt: skip
    ward = cluster.wards.order_by("name")[n % max(cluster.wards.count(), 1)] if cluster.wards.exists() else None
    if ward is None or Intel.objects.filter(reference=reference).exists():
        return False
    theme, told, sanitised = TOLD[n % len(TOLD)]
    item = services.receive(writer, Source.PUBLIC, {"original_text": LABEL + told, "ward": ward}).item
    item.themes.add(*Theme.objects.filter(name=theme))
    graded = received + timedelta(hours=GRADING_HOURS[n % len(GRADING_HOURS)])
    grading = {"source_evaluation": "2", "assessment": "B", "handling_code": "P", "handling_conditions": ""}
    services.grade(writer, item, grading)
    Intel.objects.filter(pk=item.pk).update(reference=reference, received_at=received, graded_at=graded, synthetic=True)
    if n % 4 == 1:
        _share(item, sanitised, graded + timedelta(days=2), writer, approver, partner)
    return True


def _share(item: Intel, text: str, when: datetime, writer: Any, approver: Any, partner: PartnerOrganisation) -> None:
    item.refresh_from_db()
    services.sanitise(writer, item, LABEL + text)
    services.approve_sanitised(approver, item)
    shared = services.share(writer, item, partner, "Demonstration: their wardens patrol the area")
    Intel.objects.filter(pk=item.pk).update(sanitised_at=when, sanitisation_approved_at=when)
    IntelShare.objects.filter(pk=shared.pk).update(shared_at=when)
