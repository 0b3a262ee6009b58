"""Marked bikes for tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from beatbook.bikes.models import MarkedBike


def marked_bike(code: str = "BB0001", frame: str = "WTU 123-4567 C", **fields: Any) -> MarkedBike:
    values = {
        "owner_name": "Robin Rider",
        "owner_email": "robin@example.org",
        "make": "Brompton",
        "colour": "Red",
        "marked_on": dt.date(2025, 10, 4),
        **fields,
    }
    return MarkedBike.objects.create(frame_number=frame, marking_code=code, **values)


def bike_samples(marker: str) -> dict[str, dict]:
    pk = {"pk": marked_bike(code="MATRIX01", owner_name=marker).pk}
    return {"bikes:detail": pk, "bikes:edit": pk, "bikes:delete": pk}
