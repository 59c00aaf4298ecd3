"""The corrected built-in content is published as the next version of each built-in framework;
deliberations keep the version they pinned, and the loader adds nothing when run again."""

from __future__ import annotations

import copy

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cases.models import ProvisionNote
from cases.services import deliberation_create
from frameworks.models import Framework, FrameworkVersion, VersionStatus
from frameworks.selectors import current_version, pinned_clear
from frameworks.services import builtin_definitions
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OLD_CITATION = "ACA B.7.a, B.7.b, C.2.e; APA 4.06; NASW 2.05, 3.01"


def _as_before(definition: dict) -> dict:
    """The built-in definition as version 1 had it: no editions, NASW 3.01 still cited."""
    old = copy.deepcopy(definition)
    old.pop("codes")
    for provision in old["provisions"]:
        if provision["key"] == "supervision-consultation":
            provision["citation"] = OLD_CITATION
    return old


@pytest.fixture
def before():
    """Every built-in framework with a version 1 holding the content before the corrections,
    and a deliberation pinned to the integrated one that weighed supervision."""
    for spec in builtin_definitions():
        framework = Framework.objects.create(
            clinic=None,
            slug=spec["slug"],
            name=spec["name"],
            summary=spec["summary"],
            is_builtin_default=bool(spec.get("is_default")),
        )
        FrameworkVersion.objects.create(
            framework=framework,
            number=1,
            status=VersionStatus.PUBLISHED,
            definition=_as_before(spec["definition"]),
            published_at=timezone.now(),
        )
    clinician = UserFactory()
    d = deliberation_create(
        owner=clinician,
        title="Supervision question",
        client_reference="CR-0001",
        framework_version=current_version(Framework.objects.get(slug="integrated")),
    )
    ProvisionNote.objects.create(
        deliberation=d, provision_key="supervision-consultation", note="Asked my supervisor."
    )
    return d


def test_it_publishes_the_corrections_as_the_next_version_and_makes_it_current(before):
    call_command("load_frameworks", verbosity=0)
    for framework in Framework.objects.filter(clinic=None):
        latest = current_version(framework)
        assert (latest.number, latest.status) == (2, VersionStatus.PUBLISHED), framework.slug
        assert latest.definition["codes"][0]["edition"] == "2014"
        assert latest.change_note.startswith("Code citations checked (issue 16)")


def test_it_adds_nothing_when_the_loader_runs_again(before):
    call_command("load_frameworks", verbosity=0)
    call_command("load_frameworks", verbosity=0)
    assert FrameworkVersion.objects.filter(framework__clinic=None).count() == 10


def test_it_keeps_an_existing_deliberation_on_its_old_provisions(before, client):
    call_command("load_frameworks", verbosity=0)
    pinned_clear()
    before.refresh_from_db()
    assert before.framework_version.number == 1
    client.force_login(before.owner)
    text = client.get(reverse("records:text", args=[before.pk, "chart-note"])).content.decode()
    assert f"Supervision and consultation ({OLD_CITATION}): Asked my supervisor." in text
    assert "Code editions cited" not in text
    page = client.get(reverse("cases:step", args=[before.pk, "codes_law"])).content.decode()
    assert "NASW 2.05, 3.01" in page
    assert "Editions:" not in page
