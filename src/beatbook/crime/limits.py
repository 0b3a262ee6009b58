"""The length limits of the stored text columns, checked before writing.

PostgreSQL refuses a value longer than its column and SQLite stores it anyway: checking every
row here makes both databases accept and refuse the same rows, and turns a refusal that would
abort the whole file into one quarantined row naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from beatbook.crime.police_uk.rows import RowError, Schema

# Columns whose header is not the column's name written as words.
HEADER_OF = {"category": "Crime type"}


def _header_of(column: str, schema: Schema) -> str:
    by_column = {h.lower().replace(" ", "_").replace("-", "_"): h for h in schema.header}
    return HEADER_OF.get(column) or by_column.get(column, column)


@dataclass(frozen=True)
class LengthLimits:
    """(index in the parsed values, header name, most characters) of each limited text column."""

    limits: tuple[tuple[int, str, int], ...]

    @classmethod
    def of(cls, model: type[models.Model], schema: Schema) -> LengthLimits:
        fields = {f.name: f for f in model._meta.concrete_fields}
        limits = []
        for i, column in enumerate(schema.columns):
            most = fields[column].max_length if isinstance(fields[column], models.CharField) else None
            if most:
                limits.append((i, _header_of(column, schema), most))
        return cls(tuple(limits))

    def check(self, values: tuple) -> None:
        """RowError for the first value longer than its column."""
        for i, header, most in self.limits:
            value = values[i]
            if value is not None and len(value) > most:
                raise RowError(header, f"is {len(value):,} characters long; at most {most:,} can be stored")
