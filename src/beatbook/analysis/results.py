"""The base of every analysis result: a frozen dataclass that serialises itself."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np


def _plain(value: Any) -> Any:
    """Turn numpy scalars and arrays, nested dataclasses and tuples into JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


@dataclasses.dataclass(frozen=True)
class Result:
    """Mixin for result dataclasses: ``to_dict()`` gives plain JSON-serialisable values."""

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)
