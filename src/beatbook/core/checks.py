"""System checks of beatbook's own settings (run by `beatbook check` and before `beatbook serve`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

from beatbook.core.roles import Role


@register()
def dash_wording_is_readable(app_configs: Any, **kwargs: Any) -> list[Error]:
    """A force's DASH question file that cannot be used stops the server, not an officer mid-assessment."""
    from pathlib import Path

    from beatbook.safeguarding.dash import WordingError, read_wording

    path_text = settings.BEATBOOK_DASH_QUESTIONS_FILE
    if not path_text:
        return []
    try:
        read_wording(Path(path_text))
    except WordingError as error:
        return [Error(f"BEATBOOK_DASH_QUESTIONS_FILE: {error}", id="beatbook.E002")]
    return []


@register()
def two_factor_roles_are_roles(app_configs: Any, **kwargs: Any) -> list[Error]:
    unknown = sorted(set(settings.BEATBOOK_TWO_FACTOR_ROLES) - set(Role.values))
    if not unknown:
        return []
    names = ", ".join(unknown)
    message = (
        f"BEATBOOK_TWO_FACTOR_ROLES names {names}, not roles: use {', '.join(Role.values)}. "
        "A misspelt role would silently turn two-factor authentication off."
    )
    return [Error(message, id="beatbook.E001")]
