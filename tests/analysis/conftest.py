"""Shared fixtures of the analysis tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """../shared/reference/ beside the project root: published inputs and expected values."""
    path = Path(__file__).resolve().parents[2].parent / "shared" / "reference"
    if not path.is_dir():
        pytest.fail(f"reference data not found at {path} (see DESIGN.md section 4)")
    return path
