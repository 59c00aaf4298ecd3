"""Export and import: a round trip is exact; a bad file says why and saves nothing."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from frameworks.models import Framework, FrameworkVersion
from frameworks.transfer import version_export
from tests.factories import ClinicAdminFactory, PublishedVersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client):
    user = ClinicAdminFactory()
    client.force_login(user)
    return user


def _upload(client, content: bytes, name: str = "framework.json"):
    return client.post(
        reverse("frameworks:import"),
        {"file": SimpleUploadedFile(name, content, "application/json")},
    )


def _exported(clinic) -> dict:
    return version_export(PublishedVersionFactory(framework__clinic=clinic))


def test_it_exports_a_version_as_a_named_json_download(client, admin):
    version = PublishedVersionFactory(framework__clinic=admin.clinic, framework__slug="ours")
    response = client.get(reverse("frameworks:export", args=[version.pk]))
    assert response["Content-Disposition"] == (
        f'attachment; filename="ethicsdesk-framework-ours-v{version.number}.json"'
    )
    assert json.loads(response.content)["definition"] == version.definition


def test_it_round_trips_export_then_import_to_an_identical_definition(client, admin):
    version = PublishedVersionFactory(framework__clinic=admin.clinic)
    exported = client.get(reverse("frameworks:export", args=[version.pk])).content
    response = _upload(client, exported)
    assert response.status_code == 302
    draft = FrameworkVersion.objects.get(status="draft")
    assert draft.definition == version.definition
    assert draft.framework.clinic == admin.clinic


def _assert_refused(client, content: bytes, message: str) -> None:
    before = (Framework.objects.count(), FrameworkVersion.objects.count())
    response = _upload(client, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (Framework.objects.count(), FrameworkVersion.objects.count()) == before


def test_it_refuses_malformed_json(client, admin):
    _assert_refused(client, b'{"format": "ethicsdesk-framework",', "The file is not valid JSON")


def test_it_refuses_a_file_that_is_not_a_framework(client, admin):
    _assert_refused(client, b"[1, 2, 3]", "This is not an EthicsDesk framework file")


def test_it_refuses_unknown_step_kinds(client, admin):
    data = _exported(admin.clinic)
    data["definition"]["steps"][0]["kind"] = "tarot"
    _assert_refused(client, json.dumps(data).encode(), "unknown step kind &#x27;tarot&#x27;")


def test_it_refuses_duplicate_keys_in_lists(client, admin):
    data = _exported(admin.clinic)
    data["definition"]["virtues"].append(data["definition"]["virtues"][0])
    _assert_refused(client, json.dumps(data).encode(), "duplicate key &#x27;honest&#x27;")


def test_it_refuses_duplicate_keys_in_an_object(client, admin):
    text = json.dumps(_exported(admin.clinic)).replace(
        '"format": "ethicsdesk-framework"',
        '"format": "ethicsdesk-framework", "format": "ethicsdesk-framework"',
    )
    _assert_refused(client, text.encode(), "has the key &quot;format&quot; twice")


def test_it_refuses_missing_required_fields(client, admin):
    data = _exported(admin.clinic)
    del data["definition"]["principles"][0]["name"]
    del data["framework"]["name"]
    content = json.dumps(data).encode()
    _assert_refused(client, content, "principle &#x27;autonomy&#x27;: &#x27;name&#x27; is missing")
    _assert_refused(client, content, "framework: &quot;name&quot; is missing or empty.")


def test_it_refuses_files_over_one_megabyte(client, admin):
    data = _exported(admin.clinic)
    data["padding"] = "x" * (1024 * 1024)
    _assert_refused(client, json.dumps(data).encode(), "the limit is 1 MB")


def test_it_refuses_text_that_is_not_utf8(client, admin):
    _assert_refused(client, '{"n": "é"}'.encode("latin-1"), "not UTF-8")


def test_it_imports_beside_an_existing_draft_without_touching_it(client, admin):
    version = PublishedVersionFactory(framework__clinic=admin.clinic)
    content = json.dumps(version_export(version)).encode()
    _upload(client, content)
    _upload(client, content)
    drafts = FrameworkVersion.objects.filter(status="draft")
    assert drafts.count() == 2
    assert len({d.framework_id for d in drafts}) == 2
