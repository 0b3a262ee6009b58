"""Who may call an API operation: the same roles as the matching page (core.roles)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError

from beatbook.core.roles import Role, has_role


class RoleSession:
    """Signed in (the site's session) with one of ``roles``: the public gets 401, other roles 403."""

    def __init__(self, *roles: Role) -> None:
        self.roles = roles

    def __call__(self, request: HttpRequest) -> Any:
        user = request.user
        if not user.is_authenticated:
            return None
        if not has_role(user, *self.roles):
            raise HttpError(403, f"This data is for: {', '.join(r.short_label for r in self.roles)}.")
        return user
