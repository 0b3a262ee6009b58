"""The demo's secret key: made once under ./var/, before Django's settings are read."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def ensure_secret_key() -> Path:
    var_dir = Path(os.environ.get("BEATBOOK_VAR_DIR", "var")).resolve()
    var_dir.mkdir(parents=True, exist_ok=True)
    key_file = var_dir / "secret_key"
    if not key_file.exists() and not os.environ.get("SECRET_KEY"):
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file
