"""Shared fixtures of the analysis tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """tests/reference/: published inputs and expected values, with their PROVENANCE.txt."""
    return Path(__file__).resolve().parents[1] / "reference"
