"""Who reaches which framework screen: clinic admins manage; others read published versions."""

from __future__ import annotations

import pytest
from django.urls import reverse

from frameworks.models import Framework, FrameworkVersion
from tests.factories import (
    ClinicAdminFactory,
    ClinicFactory,
    FrameworkVersionFactory,
    PublishedVersionFactory,
    SupervisorFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    clinic, other = ClinicFactory(), ClinicFactory()
    return {
        "clinic": clinic,
        "draft": FrameworkVersionFactory(framework__clinic=clinic),
        "published": PublishedVersionFactory(framework__clinic=clinic),
        "builtin": PublishedVersionFactory(framework__clinic=None),
        "foreign": PublishedVersionFactory(framework__clinic=other),
        "users": {
            "clinician": UserFactory(clinic=clinic),
            "supervisor": SupervisorFactory(clinic=clinic),
            "admin": ClinicAdminFactory(clinic=clinic),
            "other_admin": ClinicAdminFactory(clinic=other),
        },
    }


def _get(client, world, actor, url):
    if actor != "anonymous":
        client.force_login(world["users"][actor])
    return client.get(url).status_code


@pytest.mark.parametrize(
    ("actor", "status"),
    [("anonymous", 302), ("clinician", 403), ("supervisor", 403), ("admin", 200)],
)
@pytest.mark.parametrize("name", ["frameworks:list", "frameworks:import"])
def test_it_keeps_the_admin_screens_for_clinic_admins(client, world, name, actor, status):
    assert _get(client, world, actor, reverse(name)) == status


@pytest.mark.parametrize(
    ("actor", "version", "status"),
    [
        ("anonymous", "published", 302),
        ("clinician", "published", 200),
        ("clinician", "builtin", 200),
        ("clinician", "draft", 403),
        ("clinician", "foreign", 404),
        ("supervisor", "published", 200),
        ("supervisor", "draft", 403),
        ("admin", "draft", 200),
        ("admin", "builtin", 200),
        ("admin", "foreign", 404),
        ("other_admin", "draft", 404),
    ],
)
def test_it_lets_people_read_only_the_versions_they_may(client, world, actor, version, status):
    url = reverse("frameworks:version", args=[world[version].pk])
    assert _get(client, world, actor, url) == status


@pytest.mark.parametrize(
    ("actor", "status"),
    [("clinician", 403), ("supervisor", 403), ("other_admin", 404), ("admin", 200)],
)
@pytest.mark.parametrize("name", ["frameworks:preview", "frameworks:export"])
def test_it_keeps_draft_preview_and_export_for_the_owning_admin(client, world, name, actor, status):
    url = reverse(name, args=[world["draft"].pk])
    assert _get(client, world, actor, url) in (status, 302 if status == 200 else status)


def _post(client, world, actor, name, args, data=None):
    client.force_login(world["users"][actor])
    return client.post(reverse(name, args=args), data or {}).status_code


DRAFT_WRITES = [
    ("frameworks:step_save", ["dilemma"], {"title": "T"}),
    ("frameworks:step_move", ["dilemma"], {"direction": "down"}),
    ("frameworks:step_remove", ["principles"], {}),
    ("frameworks:step_add", [], {"kind": "stakeholders"}),
    (
        "frameworks:item_add",
        ["virtues"],
        {"new-virtues-name": "Hope", "new-virtues-definition": "x"},
    ),
    ("frameworks:item_save", ["virtues", "honest"], {"virtues-honest-name": "H"}),
    ("frameworks:item_remove", ["virtues", "honest"], {}),
    ("frameworks:publish", [], {"change_note": "x"}),
    ("frameworks:discard", [], {}),
]


@pytest.mark.parametrize(("name", "extra", "data"), DRAFT_WRITES)
@pytest.mark.parametrize(
    ("actor", "status"), [("clinician", 403), ("supervisor", 403), ("other_admin", 404)]
)
def test_it_refuses_draft_changes_to_everyone_but_the_owning_admin(
    client, world, name, extra, data, actor, status
):
    before = FrameworkVersion.objects.get(pk=world["draft"].pk).definition
    assert _post(client, world, actor, name, [world["draft"].pk, *extra], data) == status
    after = FrameworkVersion.objects.get(pk=world["draft"].pk)
    assert (after.status, after.definition) == ("draft", before)


@pytest.mark.parametrize(("name", "extra", "data"), DRAFT_WRITES)
def test_it_lets_the_owning_admin_change_the_draft(client, world, name, extra, data):
    assert _post(client, world, "admin", name, [world["draft"].pk, *extra], data) in (200, 302)


@pytest.mark.parametrize(("actor", "status"), [("clinician", 403), ("other_admin", 404)])
def test_it_refuses_clone_retire_and_default_to_others(client, world, actor, status):
    assert _post(client, world, actor, "frameworks:clone", [world["published"].pk]) == status
    assert _post(client, world, actor, "frameworks:retire", [world["published"].pk]) == status
    fw = world["published"].framework.pk
    assert _post(client, world, actor, "frameworks:set_default", [fw]) == status
    assert FrameworkVersion.objects.get(pk=world["published"].pk).status == "published"


def test_it_refuses_to_retire_a_builtin_version_from_a_clinic(client, world):
    assert _post(client, world, "admin", "frameworks:retire", [world["builtin"].pk]) == 403


def test_it_refuses_get_on_write_urls(client, world):
    client.force_login(world["users"]["admin"])
    url = reverse("frameworks:step_move", args=[world["draft"].pk, "dilemma"])
    assert client.get(url).status_code == 405


def test_it_answers_404_for_an_unknown_collection(client, world):
    url = reverse("frameworks:item_add", args=[world["draft"].pk, "horoscopes"])
    assert (
        _post(client, world, "admin", "frameworks:item_add", [world["draft"].pk, "horoscopes"])
        == 404
    )
    assert url


def test_it_does_not_list_other_clinics_frameworks(client, world):
    client.force_login(world["users"]["admin"])
    content = client.get(reverse("frameworks:list")).content.decode()
    assert world["published"].framework.name in content
    assert world["foreign"].framework.name not in content
    assert Framework.objects.count() == 4
