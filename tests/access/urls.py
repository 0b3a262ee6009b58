"""Every URL pattern of the project, from Django's resolver, with sample arguments to request it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name", or the route itself for an unnamed pattern
    route: str
    params: tuple[str, ...]


def all_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns, "", ""))


def _walk(patterns: list, prefix: str, namespace: str) -> Iterator[Route]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else route
            yield Route(name, route, tuple(pattern.pattern.regex.groupindex))


def sample_url(route: Route, samples: dict[str, dict[str, Any]]) -> str:
    """The route with sample arguments: from `samples` by name, or for admin pages from the model's first row."""
    if route.name == route.route:  # unnamed: the admin's old-style object address and its catch-all
        return _unnamed_admin_url(route)
    if route.name in samples:
        return reverse(route.name, kwargs=samples[route.name]) if route.params else reverse(route.name)
    if not route.params:
        return reverse(route.name)
    return reverse(route.name, kwargs=_admin_kwargs(route))


def _admin_kwargs(route: Route) -> dict[str, Any]:
    """object_id of the first row of the page's model (admin:<app>_<model>_<action>), app_label, and so on."""
    kwargs: dict[str, Any] = {}
    model = _admin_model(route.name)
    for param in route.params:
        if param in ("object_id", "id", "pk"):
            kwargs[param] = model._default_manager.order_by("pk").values_list("pk", flat=True).first() if model else 1
        elif param == "app_label":
            kwargs[param] = "core"
        elif param == "content_type_id":
            kwargs[param] = ContentType.objects.get_for_model(apps.get_model("auth", "user")).pk
        else:
            raise LookupError(f"no sample value for {param!r} of {route.name}: add one to SAMPLES")
    return kwargs


def _unnamed_admin_url(route: Route) -> str:
    if route.params == ("url",):
        return "/admin/no-such-page/"
    app_label, model_name = route.route.split("/")[1:3]
    model = apps.get_model(app_label, model_name)
    pk = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
    return "/" + route.route.replace("<path:object_id>", str(pk))


def _admin_model(name: str) -> Any:
    if not name.startswith("admin:"):
        return None
    for model in apps.get_models():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(prefix):
            return model
    return None
