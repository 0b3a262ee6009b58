"""Whole public pages cached for the public, by data version: the same HTML for every anonymous
visitor until an ingest changes the data, so a busy day costs one query per request."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse

from beatbook.hub.cache import cached_for_force

#: Per page name, functions of the force's slug whose value changes when records shown on that page
#: change (the ward page's officers, teams, public events and priorities): part of its cached key.
PAGE_STAMPS: dict[str, list[Callable[[str], object]]] = defaultdict(list)


def register_stamp(page: str, stamp: Callable[[str], object]) -> None:
    """Add `stamp` to the key of the cached public page `page` (once, however often an app is readied)."""
    if stamp not in PAGE_STAMPS[page]:
        PAGE_STAMPS[page].append(stamp)


def cached_for_the_public(view: Callable[..., HttpResponse] | None = None, *, page: str = "") -> Any:
    """Serve the page's stored HTML to anonymous visitors; signed-in people see their own header.
    `page` names the stamps (see `register_stamp`) its key includes besides the data version: the
    other pages pay no query for them."""
    if view is None:
        return functools.partial(cached_for_the_public, page=page)

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
        key = [request.path, *(stamp(force) for stamp in PAGE_STAMPS.get(page, []))]
        status, content, content_type = cached_for_force("public-page", force, key, render)
        if rendered:
            return rendered[0]
        return HttpResponse(content, status=status, content_type=content_type)

    return wrapper
