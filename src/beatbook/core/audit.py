"""Writing the audit log: one line for a view, a command, or a change.

audit.record(request, AuditAction.VIEW, obj)            a person, through a page
audit.record_command("beatbook ingest", AuditAction.IMPORT, files=[...])   the shell
@audited(AuditAction.VIEW, "intel.item")                 every request to a view of personal data
"""

from __future__ import annotations

import functools
import getpass
import ipaddress
from collections.abc import Callable, Collection
from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponseBase

from beatbook.core.models import AuditAction, AuditEvent

USER_AGENT_LIMIT = 300


def record(
    request: HttpRequest | None,
    action: AuditAction | str,
    obj: Any = None,
    *,
    changes: dict[str, list[Any]] | None = None,
    user: Any = None,
    username: str = "",
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    **detail: Any,
) -> AuditEvent:
    """Write one event for what `request.user` (or `user`) did to `obj` (or to the object named by type and id)."""
    who = user if user is not None else getattr(request, "user", None)
    signed_in = bool(who is not None and who.is_authenticated)
    return AuditEvent.objects.create(
        user=who if signed_in else None,
        username=(who.get_username() if who is not None and signed_in else username)[:150],
        action=action,
        **(_object_fields(obj) if obj is not None else _named_object(object_type, object_id, object_repr)),
        **_request_fields(request),
        changes=changes or {},
        detail=detail,
    )


def record_command(
    command: str, action: AuditAction | str, obj: models.Model | None = None, **detail: Any
) -> AuditEvent:
    """Write one event for work done from the shell, naming the command and the system user."""
    return AuditEvent.objects.create(
        command=command[:100],
        username=_system_user()[:150],
        action=action,
        **(_object_fields(obj) if obj is not None else {}),
        detail=detail,
    )


def audited(action: AuditAction, object_type: str, id_kwarg: str = "pk") -> Callable:
    """Decorate a view that reads personal data: each successful request writes one event."""

    def decorate(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            response = view(request, *args, **kwargs)
            if response.status_code < 400:
                record(request, action, object_type=object_type, object_id=str(kwargs.get(id_kwarg, "")))
            return response

        return wrapper

    return decorate


def form_changes(form: Any, unlogged: Collection[str] = ()) -> dict[str, list[Any]]:
    """What a model form changed, for `record(changes=...)`: each changed field's old and new value
    (primary keys for records, text for dates); for the fields in `unlogged` (personal data, files)
    only that they changed."""
    return {name: _form_change(form, name, unlogged) for name in form.changed_data}


def _form_change(form: Any, name: str, unlogged: Collection[str]) -> list[Any]:
    if name in unlogged:
        return ["(changed)", "(changed)"]
    return [_plain(form.initial.get(name)), _plain(form.cleaned_data.get(name))]


def _plain(value: Any) -> Any:
    """A JSON value for the audit log: primary keys for records, text for dates."""
    if value is None or isinstance(value, str | int | bool):
        return value
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, list | tuple | set) or hasattr(value, "model"):  # a list or a queryset of records
        return sorted(getattr(v, "pk", v) for v in value)
    return str(value)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or the proxy's X-Forwarded-For entry when TRUSTED_PROXY_HOPS says
    how many proxies in front of beatbook append to it (a header the client wrote itself is never trusted)."""
    hops = settings.BEATBOOK_TRUSTED_PROXY_HOPS
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if hops and len(forwarded) >= hops and _is_address(forwarded[-hops]):
        return forwarded[-hops]
    remote = request.META.get("REMOTE_ADDR", "")
    return remote if _is_address(remote) else None


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _object_fields(obj: models.Model) -> dict[str, str]:
    return _named_object(obj._meta.label_lower, str(obj.pk), str(obj))


def _named_object(object_type: str, object_id: str, object_repr: str) -> dict[str, str]:
    return {"object_type": object_type[:64], "object_id": object_id[:64], "object_repr": object_repr[:200]}


def _request_fields(request: HttpRequest | None) -> dict[str, Any]:
    if request is None:
        return {}
    return {
        "ip": client_ip(request),
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_LIMIT],
        "path": request.get_full_path()[:300],
    }


def _system_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry for the process's uid (some containers)
        return ""
