"""Access control in one place: every view says who may see it through these helpers.

- `role_required(*roles)` guards a page: the public is sent to sign in, a signed-in person
  without one of the roles gets 403.
- `get_for_user(request, queryset, pk)` fetches one object through the model's
  `visible_to(user)` queryset: an object the user may not know exists is a 404, never a 403.
  Each app wraps it as `get_<object>_for_user(request, pk) -> (object, can_change)`.

Templates only show or hide controls that a view has already decided on.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponseBase

from beatbook.core.roles import Role, has_role

M = TypeVar("M", bound=models.Model)


def role_required(*roles: Role) -> Callable:
    """Allow the view to people holding at least one of `roles`."""
    if not roles:
        raise ValueError("role_required needs at least one role")

    def decorate(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *roles):
                raise PermissionDenied(f"This page is for: {', '.join(r.short_label for r in roles)}.")
            return view(request, *args, **kwargs)

        wrapper.allowed_roles = roles  # type: ignore[attr-defined]  # read by the permission-matrix docs
        return wrapper

    return decorate


def signed_in_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Any signed-in account, whatever its role (its own account pages)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def get_for_user(request: HttpRequest, queryset: models.QuerySet[M], pk: Any) -> M:
    """The object with `pk` among those `request.user` may see (`queryset.visible_to`), else 404."""
    try:
        return queryset.visible_to(request.user).get(pk=pk)  # type: ignore[attr-defined]
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404(f"No {queryset.model._meta.verbose_name} with id {pk!r} that you may see.") from None
