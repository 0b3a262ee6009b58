"""Compare a JSON value with the fields and types recorded from police.uk's documentation
(police-uk-shapes.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RECORDED = json.loads((Path(__file__).parent / "police-uk-shapes.json").read_text())
SHAPES: dict[str, Any] = RECORDED["shapes"]
METHODS: dict[str, Any] = RECORDED["methods"]
PLAIN = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "object": lambda v: isinstance(v, dict),
}


def mismatches(value: Any, spec: Any, path: str = "$") -> list[str]:
    """Every place where ``value`` differs from ``spec`` in its fields or JSON types."""
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            return [f"{path}: {type(value).__name__}, recorded an object"]
        problems = [f"{path}: fields {sorted(set(value) ^ set(spec))} differ"] if set(value) != set(spec) else []
        return problems + [
            p for key in spec.keys() & value.keys() for p in mismatches(value[key], spec[key], f"{path}.{key}")
        ]
    if isinstance(spec, list):
        if not isinstance(value, list):
            return [f"{path}: {type(value).__name__}, recorded a list"]
        return [p for i, item in enumerate(value) for p in mismatches(item, spec[0], f"{path}[{i}]")]
    tried = [_one(value, alternative, path) for alternative in spec.split("|")]
    return [] if any(not t for t in tried) else [f"{path}: {value!r} is none of {spec}"]


def _one(value: Any, name: str, path: str) -> list[str]:
    if name in PLAIN:
        return [] if PLAIN[name](value) else [f"{path}: not {name}"]
    return mismatches(value, SHAPES[name], path)


def method_mismatches(method: str, body: Any) -> list[str]:
    recorded = METHODS[method]
    if "list" in recorded:
        return mismatches(body, [recorded["list"]])
    return mismatches(body, recorded["object"])
