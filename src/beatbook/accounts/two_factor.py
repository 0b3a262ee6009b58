"""Two-factor authentication with an authenticator app (TOTP, through django-otp).

Required for the roles in BEATBOOK_TWO_FACTOR_ROLES (by default intelligence officers,
safeguarding officers and administrators) and for anyone who has turned it on for themselves.
Until the session is verified, every page but the two-factor ones and sign-out redirects there.
"""

from __future__ import annotations

from base64 import b32encode
from collections.abc import Callable
from typing import Any

import segno
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from beatbook.core.roles import roles_of

DEVICE_NAME = "Authenticator app"
EXEMPT_URL_NAMES = {"two_factor_setup", "two_factor_verify", "logout", "logged_out"}


def required_by_role(user: Any) -> bool:
    """Roles in BEATBOOK_TWO_FACTOR_ROLES, and any account that can open the Django admin."""
    return bool(roles_of(user) & set(settings.BEATBOOK_TWO_FACTOR_ROLES)) or bool(getattr(user, "is_staff", False))


def required_for(user: Any) -> bool:
    """Whether this account must prove a second factor before using beatbook."""
    return required_by_role(user) or has_device(user)


def has_device(user: Any) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def new_pending_device(user: Any) -> TOTPDevice:
    """A new secret each time setup starts: a secret shown earlier (perhaps to someone else) is dropped."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def pending_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).first()


def qr_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// address as an inline SVG QR code, for the authenticator app to scan."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#0b0c0c", light="#ffffff")


def grouped_secret(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def safe_next(request: HttpRequest, default: str = "public:home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(default)


class TwoFactorMiddleware:
    """Send signed-in accounts that need a second factor, and have not given one, to give it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Callable, args: Any, kwargs: Any) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or user.is_verified() or not required_for(user):  # type: ignore[attr-defined]
            return None
        match = request.resolver_match
        if match is None or match.view_name in EXEMPT_URL_NAMES:
            return None
        name = "two_factor_verify" if has_device(user) else "two_factor_setup"
        return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
