"""The police.uk JSON shapes as OpenAPI schemas: each method's response is checked against them
and documented at /api/docs."""

from __future__ import annotations

from ninja import Field, Schema


class ErrorDetail(Schema):
    status: int
    title: str
    detail: str
    parameters: dict[str, str] | None = None


class ErrorBody(Schema):
    """beatbook's one error body (police.uk answers errors with an empty body)."""

    error: ErrorDetail


class Street(Schema):
    id: int = Field(description="The map point's id, derived from its coordinates (see location_id)")
    name: str = Field(description='Its name, "On or near ..."; empty when no crime names the point')


class Location(Schema):
    latitude: str
    street: Street
    longitude: str


class OutcomeStatus(Schema):
    category: str = Field(description="The last outcome, as the street-level file names it")
    date: str = Field(description="YYYY-MM")


class NestedCrime(Schema):
    category: str
    location_type: str | None = Field(description='"Force" or "BTP"; null without a location')
    location: Location | None
    context: str
    persistent_id: str = Field(description="The 64-character Crime ID; empty for anti-social behaviour")
    id: int | None = Field(description="beatbook's row id: not a police identifier, and not kept across re-ingests")
    location_subtype: str
    month: str = Field(description="YYYY-MM")


class Crime(NestedCrime):
    outcome_status: OutcomeStatus | None


class OutcomeCategory(Schema):
    code: str
    name: str


class Outcome(Schema):
    category: OutcomeCategory
    date: str = Field(description="YYYY-MM")
    person_id: int | None = Field(description="Always null, as on police.uk")


class OutcomeAtLocation(Outcome):
    crime: NestedCrime


class CrimeWithOutcomes(Schema):
    crime: NestedCrime
    outcomes: list[Outcome]


class Category(Schema):
    url: str
    name: str


class LastUpdated(Schema):
    date: str = Field(description="The latest month, written YYYY-MM-01")


class Availability(Schema):
    date: str = Field(description="YYYY-MM")
    stop_and_search: list[str] = Field(alias="stop-and-search", description="Forces with stop and search that month")


class OutcomeObject(Schema):
    id: str
    name: str


class Stop(Schema):
    age_range: str | None
    outcome: str
    involved_person: bool
    self_defined_ethnicity: str | None
    gender: str | None
    legislation: str | None
    outcome_linked_to_object_of_search: bool | None
    datetime: str
    removal_of_more_than_outer_clothing: bool | None
    outcome_object: OutcomeObject
    location: Location | None
    operation: bool | None
    officer_defined_ethnicity: str | None
    type: str
    operation_name: str | None
    object_of_search: str | None


class ForceRef(Schema):
    id: str = Field(description="The force's id, as in data.police.uk file names")
    name: str


class EngagementMethod(Schema):
    url: str
    description: str | None
    title: str


class Force(ForceRef):
    description: str | None
    url: str
    engagement_methods: list[EngagementMethod]
    telephone: str


class NeighbourhoodRef(Schema):
    id: str = Field(description="The ward's ONS code")
    name: str


class Point(Schema):
    latitude: str
    longitude: str


class Link(Schema):
    url: str
    description: str | None
    title: str


class Neighbourhood(NeighbourhoodRef):
    url_force: str
    contact_details: dict[str, str]
    links: list[Link]
    centre: Point
    locations: list[dict[str, str | None]]
    description: str | None
    population: str


class Located(Schema):
    force: str
    neighbourhood: str
