"""police.uk's paths are mounted at the API's root, with a catch-all {force}/{neighbourhood}: every
named API address, reversed with sample arguments, must resolve back to its own view, so that no
path added later is answered by another method's view."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from tests.access.urls import all_routes

# A plausible value for each path parameter of the API: real-looking ids, as clients send them.
SAMPLE_VALUES = {
    "force": "city-of-london",
    "force_id": "city-of-london",
    "neighbourhood": "E05009312",
    "neighbourhood_id": "E05009312",
    "category": "all-crime",
    "persistent_id": "0" * 64,
}


def _views() -> dict[str, object]:
    """Each API address name and the view function of its pattern."""
    views: dict[str, object] = {}

    def walk(patterns: list, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                views.setdefault(f"{namespace}{pattern.name}", pattern.callback)

    walk(get_resolver().url_patterns, "")
    return views


def _sample_kwargs(params: tuple[str, ...]) -> dict[str, object]:
    """Sample arguments: named ones from SAMPLE_VALUES, numeric ids as 7."""
    return {p: SAMPLE_VALUES.get(p, 7) for p in params}


def test_every_api_address_resolves_back_to_its_own_view():
    views = _views()
    routes = [r for r in all_routes() if r.name.startswith("api:")]
    assert len(routes) > 30
    wrong = []
    for route in routes:
        url = reverse(route.name, kwargs=_sample_kwargs(route.params))
        match = resolve(url)
        if match.view_name != route.name or match.func is not views[route.name]:
            wrong.append(f"{route.name}: {url} is answered by {match.view_name}")
    assert wrong == []
