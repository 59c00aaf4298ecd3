"""Reads for frameworks."""

from __future__ import annotations

import time

from django.db.models import Prefetch, Q, QuerySet

from accounts.models import Clinic
from frameworks.models import Framework, FrameworkVersion, VersionStatus


def frameworks_visible_to(*, clinic: Clinic | None) -> QuerySet[Framework]:
    """Built-in frameworks and the clinic's own, each with its versions (newest first)."""
    return (
        Framework.objects.filter(Q(clinic__isnull=True) | Q(clinic=clinic))
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=FrameworkVersion.objects.select_related("published_by").order_by(
                    "-number"
                ),
            )
        )
        .order_by("clinic_id", "name")
    )


def current_version(framework: Framework) -> FrameworkVersion | None:
    """The newest published version: what new deliberations start on."""
    versions = [v for v in framework.versions.all() if v.status == VersionStatus.PUBLISHED]
    return max(versions, key=lambda v: v.number, default=None)


def draft_version(framework: Framework) -> FrameworkVersion | None:
    return next((v for v in framework.versions.all() if v.status == VersionStatus.DRAFT), None)


def clinic_default_framework(*, clinic: Clinic | None) -> Framework | None:
    if clinic is not None and clinic.default_framework_id:
        return clinic.default_framework
    return Framework.objects.filter(clinic__isnull=True, is_builtin_default=True).first()


def startable_versions(*, clinic: Clinic | None) -> list[FrameworkVersion]:
    """The current published version of every framework a clinic may start a deliberation on."""
    result = []
    for framework in frameworks_visible_to(clinic=clinic):
        version = current_version(framework)
        if version is not None:
            result.append(version)
    return result


# Published (and retired) versions never change their content (database triggers refuse it),
# so each app process keeps the ones deliberations are pinned to instead of loading and
# decoding a 30 KB definition on every worksheet request. Entries are refreshed after
# PINNED_SECONDS so that a renamed framework or a retired version shows within a minute.
PINNED_SECONDS = 60.0
_pinned: dict[int, tuple[float, FrameworkVersion]] = {}


def pinned_version(pk: int) -> FrameworkVersion:
    """The framework version (with its framework) a deliberation is pinned to."""
    now = time.monotonic()
    kept = _pinned.get(pk)
    if kept is not None and now - kept[0] < PINNED_SECONDS:
        return kept[1]
    version = FrameworkVersion.objects.select_related("framework").get(pk=pk)
    version.spec  # built here, once, and kept with the cached version  # noqa: B018
    if version.status != VersionStatus.DRAFT:
        if len(_pinned) >= 256:
            _pinned.clear()
        _pinned[pk] = (now, version)
    return version


def pinned_clear() -> None:
    _pinned.clear()
