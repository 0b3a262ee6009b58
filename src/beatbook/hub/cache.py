"""Analysis results cached by data version: a result is computed once per stored data, and an
ingest (which replaces or adds a file) changes the version, so no stale figure is ever served.

The version is a digest of the force's stored files (kind, month, SHA-256, vintage) and its
wards, read in one small query per request; results live in Django's cache (CACHES).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache

from beatbook.crime.models import SourceFile
from beatbook.geography.models import Ward
from beatbook.hub.selection import Selection

T = TypeVar("T")
#: Seconds a result is kept: long, because a new version makes a new key anyway.
TIMEOUT = 7 * 24 * 3600


def data_version_token(force_slug: str) -> str:
    """A digest that changes whenever a file of the force is stored, replaced or removed, or its wards change."""
    files = SourceFile.objects.filter(force_slug=force_slug).order_by("kind", "month")
    rows = list(files.values_list("kind", "month", "sha256", "vintage"))
    wards = list(Ward.objects.of_force(force_slug).order_by("pk").values_list("pk", "area_m2"))
    return hashlib.sha256(json.dumps([rows, wards], default=str).encode()).hexdigest()[:20]


def selection_key(selection: Selection) -> dict[str, Any]:
    return {
        "area": [selection.area.kind, selection.area.name, list(selection.area.ward_ids)],
        "categories": list(selection.categories),
        "months": [f"{selection.first:%Y-%m}", f"{selection.last:%Y-%m}"],
    }


def cached_for_force(name: str, force_slug: str, key: object, compute: Callable[[], T]) -> T:
    """``compute()``, or its result stored for the same name, key and data version of the force."""
    parts = [name, key, data_version_token(force_slug)]
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()
    result = cache.get(f"hub:{digest}")
    if result is None:
        result = compute()
        cache.set(f"hub:{digest}", result, TIMEOUT)
    return result


def cached(name: str, selection: Selection, options: dict[str, Any], compute: Callable[[], T]) -> T:
    """``compute()``, or its result stored for the same analysis, selection, options and data version."""
    return cached_for_force(name, selection.force_slug, [selection_key(selection), options], compute)
