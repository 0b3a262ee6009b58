"""The premises page's filters: the Hub's area, months and categories (the night-time economy's
by default), and the register, the premises types and the radius."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict

from beatbook.crime.police_uk.categories import category_name
from beatbook.geography.models import Force
from beatbook.hub.analyses import NIGHT_TIME_ECONOMY
from beatbook.hub.forms import HubFilterForm
from beatbook.premises.registers import FSA, Register, registers

#: The page's radius is refused outside these metres: below, it misses the map point a
#: premises' crimes are placed at; above, it is a neighbourhood, not a premises.
RADIUS_RANGE = (1.0, 500.0)
OWN_FIELDS = ("register", "premises_type", "radius")


class PremisesForm(HubFilterForm):
    default_categories = NIGHT_TIME_ECONOMY
    default_categories_label = "the night-time economy: " + ", ".join(str(category_name(c)) for c in NIGHT_TIME_ECONOMY)

    register = forms.ChoiceField(required=False, label="Premises register")
    premises_type = forms.MultipleChoiceField(
        required=False,
        label="Premises types",
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    #: Said after the default types, under the list.
    several = "Ctrl-click (⌘-click on a Mac) chooses several."
    radius = forms.FloatField(
        required=False,
        label="Radius (metres)",
        min_value=RADIUS_RANGE[0],
        max_value=RADIUS_RANGE[1],
        help_text="Default: the spacing of police.uk map points (about 50 m in the City).",
    )

    def __init__(self, force: Force, *args: Any, **kwargs: Any) -> None:
        super().__init__(force, *args, **kwargs)
        self.registers = {r.key: r for r in registers(force.slug)}
        self.fields["register"].choices = [(key, r.label) for key, r in self.registers.items()]  # type: ignore[attr-defined]
        chosen = self.registers.get(str(self.data.get("register") or FSA), self.registers[FSA])
        self.fields["premises_type"].choices = [(t, t) for t in chosen.types]  # type: ignore[attr-defined]
        self.fields["premises_type"].help_text = f"None chosen: {', '.join(chosen.default_types())}. {self.several}"
        self.order_fields([*self.base_field_names, *OWN_FIELDS])

    @property
    def chosen_register(self) -> Register:
        return self.registers.get(self.cleaned_data.get("register") or FSA, self.registers[FSA])

    @property
    def types(self) -> tuple[str, ...]:
        """The premises types analysed: those chosen, or the register's default."""
        return tuple(self.cleaned_data.get("premises_type") or self.chosen_register.default_types())

    @property
    def radius_metres(self) -> float | None:
        return self.cleaned_data.get("radius")

    def export_options(self) -> dict[str, Any]:
        """The options in effect, defaults included: the register, its types and the radius."""
        register = self.chosen_register
        return {
            "register": register.key,
            "register_description": register.description,
            "premises_type": list(self.types),
            "radius": self.radius_metres or "automatic: the spacing of police.uk map points",
        }

    def page_query(self) -> str:
        """The URL query of every choice of the page (the exports repeat it)."""
        return self.page_query_with()

    def page_query_with(self, **changes: Any) -> str:
        """``page_query`` with the Hub filters of ``changes`` (e.g. another area)."""
        params = QueryDict(self.query(**changes), mutable=True)
        for name in OWN_FIELDS:
            values = self.data.getlist(name) if hasattr(self.data, "getlist") else []
            if any(values):
                params.setlist(name, [v for v in values if v])
        return params.urlencode()
