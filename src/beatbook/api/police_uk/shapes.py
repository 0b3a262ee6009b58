"""beatbook's stored police.uk rows in the JSON shapes of data.police.uk's API: the same field
names, nesting and JSON types (coordinates as strings, months as "YYYY-MM", `outcome_status`
null or an object, `persistent_id` "" for anti-social behaviour)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from beatbook.api.police_uk.codes import outcome_code, stop_outcome_code
from beatbook.api.police_uk.locations import street_id

BTP = "British Transport Police"
CRIME_FIELDS = (
    "id", "crime_id", "category", "month", "lat", "lng", "location", "context", "reported_by",
    "last_outcome_category",
)  # fmt: skip
STOP_FIELDS = (
    "id", "lat", "lng", "type", "date", "part_of_policing_operation", "policing_operation", "gender",
    "age_range", "self_defined_ethnicity", "officer_defined_ethnicity", "legislation", "object_of_search",
    "outcome", "outcome_linked_to_object_of_search", "removal_of_more_than_outer_clothing",
)  # fmt: skip


def month_text(value: date | None) -> str:
    return f"{value:%Y-%m}" if value else ""


def location(lat: float | None, lng: float | None, name: str) -> dict[str, Any] | None:
    if lat is None or lng is None:
        return None
    return {
        "latitude": f"{lat:.6f}",
        "street": {"id": street_id(lat, lng), "name": name},
        "longitude": f"{lng:.6f}",
    }


def crime(row: dict[str, Any], with_status: bool = True) -> dict[str, Any]:
    """A crime as crimes-street, crimes-at-location and crimes-no-location serve it; without
    `outcome_status` as outcomes-for-crime and outcomes-at-location nest it."""
    located = location(row["lat"], row["lng"], row["location"])
    body: dict[str, Any] = {
        "category": row["category"],
        "location_type": (("BTP" if row["reported_by"] == BTP else "Force") if located else None),
        "location": located,
        "context": row["context"],
        "persistent_id": row["crime_id"] or "",
        "id": row["id"],
        "location_subtype": "",
        "month": month_text(row["month"]),
    }
    if with_status:
        body["outcome_status"] = outcome_status(row)
    return body


def outcome_status(row: dict[str, Any]) -> dict[str, str] | None:
    """The last outcome of the street file; its month is the latest stored outcome's, or else the crime's."""
    if not row["last_outcome_category"]:
        return None
    return {"category": row["last_outcome_category"], "date": month_text(row.get("outcome_month") or row["month"])}


def outcome(name: str, month: date | None) -> dict[str, Any]:
    return {"category": {"code": outcome_code(name), "name": name}, "date": month_text(month), "person_id": None}


def optional(value: str) -> str | None:
    """police.uk serves null where a stop-and-search file has an empty field."""
    return value or None


def stop(row: dict[str, Any], street_names: dict[tuple[float, float], str]) -> dict[str, Any]:
    name = street_names.get((row["lat"], row["lng"]), "")
    when: datetime = row["date"]
    return {
        "age_range": optional(row["age_range"]),
        "outcome": row["outcome"],
        "involved_person": row["type"] != "Vehicle search",
        "self_defined_ethnicity": optional(row["self_defined_ethnicity"]),
        "gender": optional(row["gender"]),
        "legislation": optional(row["legislation"]),
        "outcome_linked_to_object_of_search": row["outcome_linked_to_object_of_search"],
        "datetime": when.astimezone(UTC).isoformat(timespec="seconds"),
        "removal_of_more_than_outer_clothing": row["removal_of_more_than_outer_clothing"],
        "outcome_object": {"id": stop_outcome_code(row["outcome"]), "name": row["outcome"]},
        "location": location(row["lat"], row["lng"], name),
        "operation": row["part_of_policing_operation"],
        "officer_defined_ethnicity": optional(row["officer_defined_ethnicity"]),
        "type": row["type"],
        "operation_name": optional(row["policing_operation"]),
        "object_of_search": optional(row["object_of_search"]),
    }
