"""What every public form (no account) shares: a honeypot field for robots, and limits per address.

Two kinds of limit, by what a form may keep of the sender:
- forms whose submissions are audited with the request count them from the audit log's own record
  (`over_limit_in_audit_log`), as sign-in back-off does;
- forms that must not keep the address (intelligence, survey answers) store only a keyed hash of it
  (`keyed_address_hash`), for as long as the window lasts.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from beatbook.core.audit import client_ip
from beatbook.core.models import AuditAction, AuditEvent


class HoneypotInput(forms.TextInput):
    """Rendered off screen and out of the tab order by _form_fields.html (widget type "honeypot")."""

    def __init__(self) -> None:
        super().__init__(attrs={"tabindex": "-1", "autocomplete": "off"})


class Honeypot(forms.Form):
    """A field people do not see: a form that fills it is a robot's. Mix it into a public form; its view
    answers a robot as if it succeeded and stores nothing."""

    website = forms.CharField(required=False, max_length=200, label="Leave this empty", widget=HoneypotInput())

    def is_robot(self) -> bool:
        return bool(self.data.get("website"))


def over_limit_in_audit_log(
    request: HttpRequest, object_type: str, limit: int, window: timedelta, *, anonymous_only: bool = False
) -> bool:
    """Whether this address has created `limit` or more `object_type` records within `window`.
    `anonymous_only` counts the public's submissions alone (officers at a station share its address)."""
    ip = client_ip(request)
    if ip is None:
        return False
    since = timezone.now() - window
    created = AuditEvent.objects.filter(action=AuditAction.CREATE, object_type=object_type, ip=ip, at__gt=since)
    if anonymous_only:
        created = created.filter(user__isnull=True)
    return created.count() >= limit


def keyed_address_hash(address: str | None, scope: str = "") -> str:
    """An HMAC of the address under SECRET_KEY (and a scope, e.g. one survey wave): enough to recognise
    a sender again within a window, never to read the address back, nor to find it by trying every one."""
    key = f"{settings.SECRET_KEY}:{scope}".encode() if scope else settings.SECRET_KEY.encode()
    return hmac.new(key, (address or "unknown").encode(), hashlib.sha256).hexdigest()
