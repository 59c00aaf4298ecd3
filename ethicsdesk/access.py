"""The access policy: who may do what with which object.

Every view asks here; nothing else decides. ``visible`` answers "may this user know the
object exists?" (no: 404); the action checks answer "may they do this with it?" (no: 403).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import User
from frameworks.models import Framework, FrameworkVersion, VersionStatus


def framework_visible(user: User, framework: Framework) -> bool:
    return framework.clinic_id is None or framework.clinic_id == user.clinic_id


def can_manage_frameworks(user: User) -> bool:
    return user.is_authenticated and user.is_clinic_admin and user.clinic_id is not None


def can_edit_framework(user: User, framework: Framework) -> bool:
    return can_manage_frameworks(user) and framework.clinic_id == user.clinic_id


def can_read_version(user: User, version: FrameworkVersion) -> bool:
    """Admins read every version they can see; others read published or retired ones."""
    if not framework_visible(user, version.framework):
        return False
    return can_manage_frameworks(user) or version.status != VersionStatus.DRAFT


def can_edit_version(user: User, version: FrameworkVersion) -> bool:
    return version.is_draft and can_edit_framework(user, version.framework)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def require_visible(visible: bool) -> None:
    if not visible:
        raise Http404


# -- deliberations ------------------------------------------------------------------------
# For now only the owner reads and writes; supervisors and consultants join in the review
# issue, through these same functions.


def can_start_deliberation(user: User) -> bool:
    return user.is_authenticated and user.is_clinician and user.clinic_id is not None


def deliberation_visible(user: User, deliberation) -> bool:
    return user.is_authenticated and deliberation.owner_id == user.pk


def can_edit_deliberation(user: User, deliberation) -> bool:
    return deliberation_visible(user, deliberation) and not deliberation.is_signed


def deliberations_listed_for(user: User):
    """The deliberations a user's own list shows: their own."""
    from cases.models import Deliberation

    return Deliberation.objects.filter(owner=user)
