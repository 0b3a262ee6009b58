"""The stop-and-search page's filters: area and months, like the Hub's, but on the months for
which stop-and-search data are published (they differ from the street-level months)."""

from __future__ import annotations

from typing import Any

from beatbook.crime.models import DataKind
from beatbook.geography.models import Force
from beatbook.hub.forms import HubFilterForm


class StopSearchFilterForm(HubFilterForm):
    """Area, first and last month; no crime categories (a search is not a crime)."""

    data_kind = DataKind.STOP_AND_SEARCH
    base_field_names: tuple[str, ...] = ("area", "from", "to")

    def __init__(self, force: Force, *args: Any, **kwargs: Any) -> None:
        super().__init__(force, *args, **kwargs)
        del self.fields["category"]
        self.fields["from"].help_text = "Default: 12 published months to “To”."
        self.fields["to"].help_text = "Default: the latest month with published stop-and-search data."

    def query(self, **changes: Any) -> str:
        return super().query(category=[], **changes)
