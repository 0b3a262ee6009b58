"""A candidate problem from the Hub's scanning, and what it becomes when taken up."""

from __future__ import annotations

from dataclasses import dataclass, field

from beatbook.hub.selection import Selection
from beatbook.problems.models import Source


def categories_key(selection: Selection) -> str:
    return "+".join(sorted(selection.categories)) or "all"


@dataclass(frozen=True)
class Suggestion:
    key: str
    kind: str
    title: str
    evidence: list[str]
    hub_url: str
    categories: tuple[str, ...]
    ward_ids: tuple[int, ...] = ()
    centre: tuple[float, float] | None = None  # lat, lng
    radius_m: int | None = None
    extra: dict = field(default_factory=dict)

    def problem_fields(self) -> dict:
        """The fields of the problem this suggestion becomes."""
        evidence = [*self.evidence, *([self.extra["harm_text"]] if "harm_text" in self.extra else [])]
        fields: dict = {
            "title": self.title,
            "description": "Suggested by the Hub's scanning:\n" + "\n".join(f"- {e}" for e in evidence),
            "categories": list(self.categories),
            "source": Source.HUB,
            "suggestion_key": self.key,
        }
        if self.centre is not None:
            fields.update(centre_lat=self.centre[0], centre_lng=self.centre[1], radius_m=self.radius_m)
        else:
            fields["wards"] = list(self.ward_ids)
        return fields
