"""Whole public pages cached for the public, by data version: the same HTML for every anonymous
visitor until an ingest changes the data, so a busy day costs one query per request."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse

from beatbook.hub.cache import cached_for_force

#: Functions of the force's slug whose value changes when records shown on public pages change
#: (the engagement app's teams, events and priorities): part of every cached page's key.
PAGE_STAMPS: list[Callable[[str], object]] = []


def register_stamp(stamp: Callable[[str], object]) -> None:
    """Add `stamp` to the key of every cached public page (once, however often an app is readied)."""
    if stamp not in PAGE_STAMPS:
        PAGE_STAMPS.append(stamp)


def cached_for_the_public(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve the page's stored HTML to anonymous visitors; signed-in people see their own header."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.user.is_authenticated or len(get_messages(request)) > 0:
            return view(request, *args, **kwargs)
        rendered: list[HttpResponse] = []

        def render() -> tuple[int, bytes, str]:
            response = view(request, *args, **kwargs)
            rendered.append(response)
            return response.status_code, response.content, response["Content-Type"]

        force = settings.BEATBOOK_FORCE
        key = [request.path, *(stamp(force) for stamp in PAGE_STAMPS)]
        status, content, content_type = cached_for_force("public-page", force, key, render)
        if rendered:
            return rendered[0]
        return HttpResponse(content, status=status, content_type=content_type)

    return wrapper
