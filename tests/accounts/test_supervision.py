"""The clinic admin's supervision screens: list, add and end supervision links."""

from __future__ import annotations

import html

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.models import SupervisionLink
from accounts.services import supervision_link_end, supervision_link_start
from tests.factories import ClinicAdminFactory, ClinicFactory, SupervisorFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("supervision_list")
ADD = reverse("supervision_add")


@pytest.fixture
def world():
    clinic, other = ClinicFactory(), ClinicFactory()
    admin = ClinicAdminFactory(clinic=clinic)
    supervisor = SupervisorFactory(
        clinic=clinic, first_name="Sam", last_name="Okafor", professional_title="LPC-S"
    )
    clinician = UserFactory(
        clinic=clinic, first_name="Dana", last_name="Reyes", professional_title="LPC"
    )
    return {
        "clinic": clinic,
        "admin": admin,
        "supervisor": supervisor,
        "clinician": clinician,
        "link": supervision_link_start(supervisor=supervisor, clinician=clinician),
        "other_admin": ClinicAdminFactory(clinic=other),
        "other_clinician": UserFactory(clinic=other, first_name="Olga", last_name="Elsewhere"),
        "other_supervisor": SupervisorFactory(clinic=other, first_name="Otto", last_name="Away"),
    }


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _end_url(link: SupervisionLink) -> str:
    return reverse("supervision_end", args=[link.pk])


# -- who may reach the screens ------------------------------------------------------------


@pytest.mark.parametrize(
    ("actor", "status"),
    [("anonymous", 302), ("clinician", 403), ("supervisor", 403), ("admin", 200)],
)
@pytest.mark.parametrize("url", [LIST, ADD])
def test_it_keeps_the_supervision_screens_for_clinic_admins(client, world, url, actor, status):
    if actor != "anonymous":
        client.force_login(world[actor])
    assert client.get(url).status_code == status


def test_it_sends_anonymous_visitors_to_login(client, world):
    response = client.get(LIST)
    assert response["Location"].startswith(reverse("account_login"))


def test_it_shows_the_supervision_nav_item_to_clinic_admins(client, world):
    client.force_login(world["admin"])
    assert f'href="{LIST}"' in client.get(LIST).content.decode()


def test_it_hides_the_supervision_nav_item_from_supervisors(client, world):
    client.force_login(world["supervisor"])
    assert f'href="{LIST}"' not in client.get(reverse("cases:list")).content.decode()


def test_it_refuses_a_post_from_a_supervisor(client, world):
    client.force_login(world["supervisor"])
    data = {"supervisor": world["supervisor"].pk, "clinician": world["clinician"].pk}
    assert client.post(ADD, data).status_code == 403


def test_it_refuses_post_on_the_list(client, world):
    client.force_login(world["admin"])
    assert client.post(LIST).status_code == 405


# -- the list -----------------------------------------------------------------------------


def test_it_lists_active_links_with_an_end_button(client, world):
    client.force_login(world["admin"])
    content = client.get(LIST).content.decode()
    assert "Sam Okafor" in content
    assert f'action="{_end_url(world["link"])}"' in content


def test_it_keeps_other_clinics_links_out_of_the_list(client, world):
    client.force_login(world["other_admin"])
    assert "Sam Okafor" not in client.get(LIST).content.decode()


# -- adding -------------------------------------------------------------------------------


def test_it_adds_a_link_and_records_who_added_it(client, world):
    client.force_login(world["admin"])
    newcomer = UserFactory(clinic=world["clinic"])
    client.post(ADD, {"supervisor": world["supervisor"].pk, "clinician": newcomer.pk})
    link = SupervisionLink.objects.get(clinician=newcomer)
    assert (link.supervisor, link.created_by, link.clinic) == (
        world["supervisor"],
        world["admin"],
        world["clinic"],
    )


def test_it_shows_the_new_link_in_the_list(client, world):
    client.force_login(world["admin"])
    newcomer = UserFactory(clinic=world["clinic"], first_name="Noor", last_name="Haddad")
    response = client.post(
        ADD, {"supervisor": world["supervisor"].pk, "clinician": newcomer.pk}, follow=True
    )
    assert "Sam Okafor now supervises Noor Haddad." in _messages(response)
    assert "Noor Haddad" in response.content.decode()


def test_it_lets_a_clinician_have_a_second_supervisor(client, world):
    client.force_login(world["admin"])
    second = SupervisorFactory(clinic=world["clinic"])
    client.post(ADD, {"supervisor": second.pk, "clinician": world["clinician"].pk})
    assert world["clinician"].supervisor_links.filter(ended_at__isnull=True).count() == 2


def test_it_lets_a_supervisor_be_supervised(client, world):
    client.force_login(world["admin"])
    senior = SupervisorFactory(clinic=world["clinic"])
    client.post(ADD, {"supervisor": senior.pk, "clinician": world["supervisor"].pk})
    assert SupervisionLink.objects.filter(supervisor=senior, clinician=world["supervisor"]).exists()


def test_it_refuses_a_pair_that_is_already_linked(client, world):
    client.force_login(world["admin"])
    data = {"supervisor": world["supervisor"].pk, "clinician": world["clinician"].pk}
    response = client.post(ADD, data)
    assert "Sam Okafor already supervises Dana Reyes." in response.content.decode()
    assert SupervisionLink.objects.count() == 1


def test_it_refuses_self_supervision(client, world):
    client.force_login(world["admin"])
    data = {"supervisor": world["supervisor"].pk, "clinician": world["supervisor"].pk}
    response = client.post(ADD, data)
    assert "can't supervise themselves" in html.unescape(response.content.decode())
    assert SupervisionLink.objects.count() == 1


@pytest.mark.parametrize(
    ("supervisor", "clinician", "field"),
    [
        ("supervisor", "other_clinician", "clinician"),
        ("other_supervisor", "clinician", "supervisor"),
    ],
)
def test_it_refuses_people_of_another_clinic(client, world, supervisor, clinician, field):
    client.force_login(world["admin"])
    data = {"supervisor": world[supervisor].pk, "clinician": world[clinician].pk}
    response = client.post(ADD, data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert SupervisionLink.objects.count() == 1


def test_it_refuses_a_made_up_person(client, world):
    client.force_login(world["admin"])
    response = client.post(ADD, {"supervisor": "not-a-number", "clinician": 999999})
    assert set(response.context["form"].errors) == {"supervisor", "clinician"}


def test_it_offers_only_own_clinic_supervisors_as_supervisors(client, world):
    client.force_login(world["admin"])
    form = client.get(ADD).context["form"]
    assert list(form.fields["supervisor"].queryset) == [world["supervisor"]]


def test_it_offers_own_clinic_clinicians_and_supervisors_to_be_supervised(client, world):
    client.force_login(world["admin"])
    UserFactory(clinic=world["clinic"], is_active=False)
    form = client.get(ADD).context["form"]
    assert set(form.fields["clinician"].queryset) == {world["supervisor"], world["clinician"]}


def test_it_labels_choices_with_name_and_title(client, world):
    client.force_login(world["admin"])
    assert "Dana Reyes — LPC" in client.get(ADD).content.decode()


def test_it_keeps_the_choices_after_a_refusal(client, world):
    client.force_login(world["admin"])
    data = {"supervisor": world["supervisor"].pk, "clinician": world["clinician"].pk}
    content = client.post(ADD, data).content.decode()
    assert f'<option value="{world["clinician"].pk}" selected>' in content


# -- ending -------------------------------------------------------------------------------


def test_it_asks_before_ending(client, world):
    client.force_login(world["admin"])
    response = client.post(_end_url(world["link"]))
    assert "End Sam Okafor’s supervision of Dana Reyes?" in response.content.decode()
    world["link"].refresh_from_db()
    assert world["link"].is_active


def test_it_ends_a_link_once_confirmed(client, world):
    client.force_login(world["admin"])
    client.post(_end_url(world["link"]), {"confirm": "True"})
    world["link"].refresh_from_db()
    assert world["link"].ended_at is not None


def test_it_says_what_ending_means(client, world):
    client.force_login(world["admin"])
    response = client.post(_end_url(world["link"]), {"confirm": "True"})
    assert response["Location"] == LIST
    assert _messages(response) == [
        "Sam Okafor no longer supervises Dana Reyes from now on; "
        "their earlier reviews stay in the record."
    ]


def test_it_moves_an_ended_link_into_the_history(client, world):
    client.force_login(world["admin"])
    supervision_link_end(link=world["link"])
    response = client.get(LIST)
    assert response.context["active_links"] == []
    assert response.context["ended_links"] == [world["link"]]


def test_it_shows_the_history_collapsed(client, world):
    client.force_login(world["admin"])
    supervision_link_end(link=world["link"])
    assert "<summary>1 ended link</summary>" in client.get(LIST).content.decode()


def test_it_hides_another_clinics_link_from_its_admin(client, world):
    client.force_login(world["other_admin"])
    assert client.post(_end_url(world["link"]), {"confirm": "True"}).status_code == 404


def test_it_leaves_the_link_alone_when_another_clinic_tries_to_end_it(client, world):
    client.force_login(world["other_admin"])
    client.post(_end_url(world["link"]), {"confirm": "True"})
    world["link"].refresh_from_db()
    assert world["link"].is_active


def test_it_refuses_ending_by_a_supervisor(client, world):
    client.force_login(world["supervisor"])
    assert client.post(_end_url(world["link"]), {"confirm": "True"}).status_code == 403


def test_it_refuses_get_on_the_end_url(client, world):
    client.force_login(world["admin"])
    assert client.get(_end_url(world["link"])).status_code == 405


def test_it_returns_404_for_a_link_that_does_not_exist(client, world):
    client.force_login(world["admin"])
    assert client.post(reverse("supervision_end", args=[999999])).status_code == 404


def test_it_ends_a_link_twice_harmlessly(client, world):
    client.force_login(world["admin"])
    client.post(_end_url(world["link"]), {"confirm": "True"})
    world["link"].refresh_from_db()
    ended_at = world["link"].ended_at
    response = client.post(_end_url(world["link"]), {"confirm": "True"})
    world["link"].refresh_from_db()
    assert (response.status_code, world["link"].ended_at) == (302, ended_at)


def test_it_creates_a_new_link_when_re_adding_after_ending(client, world):
    client.force_login(world["admin"])
    supervision_link_end(link=world["link"])
    data = {"supervisor": world["supervisor"].pk, "clinician": world["clinician"].pk}
    client.post(ADD, data)
    links = SupervisionLink.objects.filter(clinician=world["clinician"])
    assert sorted(link.is_active for link in links) == [False, True]
