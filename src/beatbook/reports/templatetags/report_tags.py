"""Small lookups the profile's templates need."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict, key: Any) -> Any:
    return mapping.get(key, 0)


@register.filter
def rows_of(survey: Any, question: Any) -> list[Any]:
    """The rows of a question the profile shows (reports.surveys.SurveyOfYear.rows)."""
    return survey.rows(question)
