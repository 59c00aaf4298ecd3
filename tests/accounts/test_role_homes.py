from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import ClinicAdminFactory, SupervisorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("factory", "url", "status"),
    [
        (UserFactory, "cases:list", 200),
        (UserFactory, "review:queue", 403),
        (UserFactory, "frameworks:list", 403),
        (SupervisorFactory, "review:queue", 200),
        (SupervisorFactory, "cases:list", 200),
        (SupervisorFactory, "frameworks:list", 403),
        (ClinicAdminFactory, "frameworks:list", 200),
        (ClinicAdminFactory, "cases:list", 403),
        (ClinicAdminFactory, "review:queue", 403),
    ],
)
def test_it_lets_each_role_reach_only_its_pages(client, factory, url, status):
    client.force_login(factory())
    assert client.get(reverse(url)).status_code == status


def test_it_shows_role_aware_navigation(client):
    client.force_login(SupervisorFactory())
    content = client.get(reverse("review:queue")).content.decode()
    assert "Review queue" in content
    assert "My deliberations" in content
    assert ">Frameworks<" not in content


def test_it_refuses_post_on_the_home_page(client):
    client.force_login(UserFactory())
    assert client.post(reverse("home")).status_code == 405
