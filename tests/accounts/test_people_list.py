"""The clinic admin's People list: columns, filters, search and what it costs."""

from __future__ import annotations

import pytest
from allauth.socialaccount.models import SocialAccount
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.invitations import invitation_create
from accounts.models import Role
from accounts.services import supervision_link_start
from tests.factories import SupervisorFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("people")


def _rows(response) -> str:
    content = response.content.decode()
    return content[content.index("<tbody>") : content.index("</tbody>")]


def _listed(response) -> set[str]:
    """The names the list's rows start with (a supervisor also appears in the rows of the
    people they supervise)."""
    rows = _rows(response)
    return {part.split("</a>")[0].split(">")[-1] for part in rows.split('<th scope="row">')[1:]}


def test_it_lists_the_clinics_people_with_their_supervisors(admin_client, people_world):
    rows = _rows(admin_client.get(URL))
    dana = rows[rows.index("Dana Reyes") :].split("</tr>")[0]
    assert "Sam Okafor" in dana


def test_it_shows_title_and_profession(admin_client, people_world):
    people_world["clinician"].professional_title = "LPC"
    people_world["clinician"].profession = "psychologist"
    people_world["clinician"].save()
    rows = _rows(admin_client.get(URL))
    assert "LPC" in rows and "Psychologist" in rows


def test_it_shows_the_second_factor_column(admin_client, people_world):
    content = admin_client.get(URL).content.decode()
    assert "Second factor" in content and "Not set up" in content


def test_it_says_who_proves_it_through_the_clinics_single_sign_on(admin_client, people_world):
    """Someone who signs in through the clinic's provider has no authenticator here; the
    provider does their second step, and the list must not call them unprotected."""
    dana = people_world["clinician"]
    SocialAccount.objects.create(user=dana, provider="riverside", uid="dana-at-idp")
    rows = _rows(admin_client.get(URL))
    row = rows[rows.index(dana.display_name) :].split("</tr>")[0]
    assert "Through the clinic’s single sign-on" in row and "Not set up" not in row
    person = admin_client.get(reverse("person", args=[dana.pk])).content.decode()
    assert "Through the clinic’s single sign-on" in person
    assert "reset their second factor" not in person


def test_it_leaves_out_other_clinics(admin_client, people_world):
    UserFactory(clinic=people_world["other_clinic"], first_name="Olga", last_name="Away")
    assert "Olga Away" not in admin_client.get(URL).content.decode()


def test_it_filters_by_role(admin_client, people_world):
    assert _listed(admin_client.get(URL, {"role": Role.SUPERVISOR})) == {"Sam Okafor"}


def test_it_filters_deactivated_people(admin_client, people_world):
    people_world["clinician"].is_active = False
    people_world["clinician"].save()
    assert _listed(admin_client.get(URL, {"status": "inactive"})) == {"Dana Reyes"}


def test_it_searches_names(admin_client, people_world):
    assert _listed(admin_client.get(URL, {"q": "reye"})) == {"Dana Reyes"}


def test_it_searches_emails(admin_client, people_world):
    assert _listed(admin_client.get(URL, {"q": "sam@riverside"})) == {"Sam Okafor"}


def test_it_ignores_a_filter_value_that_does_not_exist(admin_client, people_world):
    response = admin_client.get(URL, {"role": "emperor", "status": "x"})
    assert response.status_code == 200 and "Dana Reyes" in _rows(response)


def test_it_lists_open_invitations_with_resend_and_revoke(admin_client, noor_invited):
    invitation = noor_invited
    content = admin_client.get(URL).content.decode()
    assert reverse("invitation_resend", args=[invitation.pk]) in content
    assert reverse("invitation_revoke", args=[invitation.pk]) in content


def test_it_shows_the_people_nav_item_to_clinic_admins(admin_client):
    assert f'href="{URL}"' in admin_client.get(reverse("supervision_list")).content.decode()


@pytest.mark.parametrize("actor", ["clinician", "supervisor"])
def test_it_refuses_everyone_but_clinic_admins(client, people_world, actor):
    client.force_login(people_world[actor])
    assert client.get(URL).status_code == 403


def test_it_refuses_post(admin_client):
    assert admin_client.post(URL).status_code == 405


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_it_runs_a_fixed_number_of_queries(admin_client, people_world, django_assert_num_queries):
    admin_client.get(URL)  # the first request after login settles the session
    few = _count(admin_client, URL)
    for n in range(40):
        supervisor = SupervisorFactory(clinic=people_world["clinic"])
        person = UserFactory(clinic=people_world["clinic"])
        supervision_link_start(supervisor=supervisor, clinician=person)
        invitation_create(
            clinic=people_world["clinic"],
            email=f"p{n}@riverside.example",
            first_name="P",
            last_name=str(n),
            role=Role.CLINICIAN,
            invited_by=people_world["admin"],
        )
    assert few <= 10
    with django_assert_num_queries(few):
        admin_client.get(URL, {"q": "a", "role": "clinician", "status": "active"})
