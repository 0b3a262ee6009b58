"""The access helpers every view uses."""

from __future__ import annotations

import pytest
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from beatbook.core import audit
from beatbook.core.access import get_for_user, role_required
from beatbook.core.models import AuditAction, AuditEvent
from beatbook.core.roles import Role, has_role, roles_of

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/page/")
    request.user = user
    return request


def test_get_for_user_is_404_for_an_object_the_user_may_not_see(personas):
    event = audit.record_command("beatbook test", AuditAction.IMPORT)
    assert get_for_user(_request(personas["supervisor"]), AuditEvent.objects.all(), event.pk) == event
    with pytest.raises(Http404):
        get_for_user(_request(personas["officer_a"]), AuditEvent.objects.all(), event.pk)
    with pytest.raises(Http404):
        get_for_user(_request(personas["supervisor"]), AuditEvent.objects.all(), "not-a-number")


def test_role_required_names_the_roles_that_may(personas):
    @role_required(Role.ANALYST)
    def view(request):
        return HttpResponse("ok")

    assert view(_request(personas["analyst"])).status_code == 200
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied, match="This page is for: Analyst."):
        view(_request(personas["officer_a"]))
    with pytest.raises(ValueError):
        role_required()


def test_a_superuser_holds_the_admin_role_and_the_public_none(personas):
    from django.contrib.auth.models import AnonymousUser

    assert roles_of(personas["admin"]) == {"admin"}
    assert roles_of(AnonymousUser()) == set() and not has_role(AnonymousUser(), *Role)
