"""Records people edit in the admin say who created and changed them, and the change is audited."""

from __future__ import annotations

import pytest

from beatbook.accounts.models import PartnerOrganisation
from beatbook.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def test_the_admin_stamps_who_created_and_changed_an_organisation(personas):
    client = personas.client("admin")
    response = client.post(
        "/admin/accounts/partnerorganisation/add/", {"name": "Safer City Partnership", "kind": "corporation"}
    )
    assert response.status_code == 302
    organisation = PartnerOrganisation.objects.get(name="Safer City Partnership")
    assert organisation.created_by == personas["admin"] == organisation.modified_by
    created = AuditEvent.objects.get(action=AuditAction.CREATE, object_id=str(organisation.pk))
    assert (created.object_type, created.username, created.object_repr) == (
        "accounts.partnerorganisation",
        "admin",
        "Safer City Partnership",
    )
