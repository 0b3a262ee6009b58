"""Who may open the Django admin: the admin role, with the second factor given.

Django's own rule is `is_staff`; a force that gave a staff flag to an analyst would otherwise
open the audit log and user accounts to them, without two-factor and without the audit.
"""

from __future__ import annotations

from django.http import HttpRequest

from beatbook.core.roles import Role, has_role


def has_admin_permission(request: HttpRequest) -> bool:
    user = request.user
    verified = getattr(user, "is_verified", lambda: False)()
    return bool(user.is_active and user.is_staff and has_role(user, Role.ADMIN) and verified)
