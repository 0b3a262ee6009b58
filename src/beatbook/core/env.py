"""Typed reading of settings from the environment.

Every reader fails loudly, naming the variable, when a value is malformed: a deployment
that says DEBUG=flase must not silently run with the default.
"""

from __future__ import annotations

import os
from typing import overload
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


@overload
def env_str(name: str, default: str) -> str: ...
@overload
def env_str(name: str, default: None = None) -> str | None: ...
def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean: use one of 1/0, true/false, yes/no, on/off.")


def env_int(name: str, default: int, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r} is below its minimum, {minimum}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list; empty items are dropped."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
}


def email_backend(name: str) -> str:
    """EMAIL_BACKEND: smtp (a real mail server) or console (printed, for the demo)."""
    if name not in EMAIL_BACKENDS:
        raise ImproperlyConfigured(f"EMAIL_BACKEND={name!r} is not one of: {', '.join(EMAIL_BACKENDS)}.")
    return EMAIL_BACKENDS[name]


def proxy_ssl_header(raw: str) -> tuple[str, str] | None:
    """SECURE_PROXY_SSL_HEADER as `Header-Name=value`, e.g. `X-Forwarded-Proto=https`."""
    if not raw.strip():
        return None
    name, sep, value = raw.partition("=")
    if not sep or not name.strip() or not value.strip():
        raise ImproperlyConfigured(
            f"SECURE_PROXY_SSL_HEADER={raw!r} is not Header-Name=value (e.g. X-Forwarded-Proto=https)."
        )
    return "HTTP_" + name.strip().upper().replace("-", "_"), value.strip()


def tile_origins(url: str) -> list[str]:
    """The origin of a map tile URL template, for the Content-Security-Policy's img-src."""
    if not url:
        return []
    parts = urlsplit(url.replace("{s}", "a"))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ImproperlyConfigured(f"BEATBOOK_MAP_TILES_URL={url!r} is not an http(s) URL template.")
    host = url.split("://", 1)[1].split("/", 1)[0].replace("{s}", "*")  # {s}: the server's subdomains
    return [f"{parts.scheme}://{host}"]
