"""My deliberations: the owner's list, filtered, searched and paged in a fixed number of queries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.models import Deliberation, Status, Urgency
from tests.factories import (
    ClinicAdminFactory,
    DeliberationFactory,
    PublishedVersionFactory,
    SupervisorFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("cases:list")


@pytest.fixture
def clinician(client):
    user = UserFactory()
    client.force_login(user)
    return user


def _rows(response) -> int:
    return response.content.decode().count('<th scope="row">')


def _bulk(owner, versions, count: int, **fields) -> None:
    """Many deliberations in one INSERT, each changed a minute before the previous one."""
    now = timezone.now()
    created = Deliberation.objects.bulk_create(
        Deliberation(
            owner=owner,
            clinic=owner.clinic,
            framework_version=versions[i % len(versions)],
            title=f"Bulk dilemma {i}",
            client_reference=f"BK-{i:04d}",
            **fields,
        )
        for i in range(count)
    )
    for i, deliberation in enumerate(created):
        deliberation.updated_at = now - timedelta(minutes=i)
    Deliberation.objects.bulk_update(created, ["updated_at"])


def test_it_shows_the_users_own_deliberations(client, clinician):
    DeliberationFactory(owner=clinician, title="Keep a disclosure from the partner?")
    content = client.get(URL).content.decode()
    assert "Keep a disclosure from the partner?" in content


def test_it_never_shows_another_clinicians_deliberations(client, clinician):
    DeliberationFactory(owner=clinician)
    DeliberationFactory(owner__clinic=clinician.clinic, title="A colleague's dilemma")
    response = client.get(URL)
    assert "A colleague&#x27;s dilemma" not in response.content.decode()
    assert _rows(response) == 1


def test_it_shows_each_column(client, clinician):
    deliberation = DeliberationFactory(
        owner=clinician,
        client_reference="CR-1042",
        urgency=Urgency.IMMINENT,
        status=Status.IN_REVIEW,
        progress=40,
        framework_version__framework__name="Virtue ethics",
        framework_version__number=3,
    )
    content = client.get(URL).content.decode()
    assert reverse("cases:detail", args=[deliberation.pk]) in content
    assert "CR-1042" in content
    assert "Virtue ethics v3" in content
    assert '<span class="badge badge--danger">Imminent risk of serious harm</span>' in content
    assert '<span class="badge badge--info">In review</span>' in content
    assert '<progress max="100" value="40"' in content
    assert "40%" in content
    assert " ago</span>" in content


def test_it_puts_the_most_recently_changed_first(client, clinician):
    _bulk(clinician, [PublishedVersionFactory()], 3)
    content = client.get(URL).content.decode()
    assert content.index("Bulk dilemma 0") < content.index("Bulk dilemma 1")


def test_it_filters_by_status(client, clinician):
    DeliberationFactory(owner=clinician, title="Still a draft", status=Status.DRAFT)
    DeliberationFactory(owner=clinician, title="Already signed", status=Status.SIGNED)
    content = client.get(URL, {"status": "signed"}).content.decode()
    assert "Already signed" in content
    assert "Still a draft" not in content


def test_it_ignores_an_unknown_status(client, clinician):
    DeliberationFactory.create_batch(2, owner=clinician)
    response = client.get(URL, {"status": "shredded"})
    assert (response.status_code, _rows(response)) == (200, 2)


def test_it_searches_titles_ignoring_case(client, clinician):
    DeliberationFactory(owner=clinician, title="Gift from a client")
    DeliberationFactory(owner=clinician, title="Duty to warn")
    content = client.get(URL, {"q": "GIFT"}).content.decode()
    assert "Gift from a client" in content
    assert "Duty to warn" not in content


def test_it_searches_client_references(client, clinician):
    DeliberationFactory(owner=clinician, title="First", client_reference="CR-1042")
    DeliberationFactory(owner=clinician, title="Second", client_reference="CR-2291")
    response = client.get(URL, {"q": "cr-2291"})
    assert (_rows(response), "Second" in response.content.decode()) == (1, True)


def test_it_shows_25_deliberations_a_page(client, clinician):
    _bulk(clinician, [PublishedVersionFactory()], 30)
    response = client.get(URL)
    assert _rows(response) == 25
    assert "Page 1 of 2" in response.content.decode()


def test_it_shows_the_rest_on_the_next_page(client, clinician):
    _bulk(clinician, [PublishedVersionFactory()], 30)
    response = client.get(URL, {"page": 2})
    assert (_rows(response), "Page 2 of 2" in response.content.decode()) == (5, True)


def test_it_keeps_the_filters_in_the_page_links(client, clinician):
    _bulk(clinician, [PublishedVersionFactory()], 30, status=Status.SIGNED)
    content = client.get(URL, {"status": "signed", "q": "bulk", "junk": "x"}).content.decode()
    assert 'href="?status=signed&amp;q=bulk&amp;page=2"' in content


# Not called "page": that name is pytest-playwright's browser page fixture.
@pytest.mark.parametrize("number", ["abc", "0", "-1", "999", "1.5", ""])
def test_it_never_fails_on_a_bad_page_number(client, clinician, number):
    _bulk(clinician, [PublishedVersionFactory()], 30)
    response = client.get(URL, {"page": number})
    assert (response.status_code, _rows(response)) in {(200, 25), (200, 5)}


def test_it_invites_a_first_deliberation_when_there_are_none(client, clinician):
    content = client.get(URL).content.decode()
    assert "Start your first deliberation" in content


def test_it_says_when_the_filters_match_nothing(client, clinician):
    DeliberationFactory(owner=clinician)
    content = client.get(URL, {"q": "nothing like this"}).content.decode()
    assert "No deliberations match these filters" in content
    assert "Start your first deliberation" not in content


def test_it_lists_a_supervisors_own_caseload(client):
    supervisor = SupervisorFactory()
    DeliberationFactory(owner=supervisor, title="My own case")
    client.force_login(supervisor)
    assert "My own case" in client.get(URL).content.decode()


def test_it_refuses_clinic_admins(client):
    client.force_login(ClinicAdminFactory())
    assert client.get(URL).status_code == 403


def test_it_sends_anonymous_visitors_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_it_refuses_post(client, clinician):
    assert client.post(URL).status_code == 405


def _query_count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_it_runs_a_fixed_number_of_queries(
    client, clinician, django_assert_num_queries, django_assert_max_num_queries
):
    versions = PublishedVersionFactory.create_batch(5)
    _bulk(clinician, versions, 5)
    client.get(URL)  # the first request after login settles the session
    few = _query_count(client, URL)
    _bulk(clinician, versions, 495)
    with django_assert_max_num_queries(12), django_assert_num_queries(few):
        client.get(URL)


def test_it_runs_a_fixed_number_of_queries_when_filtered(client, clinician):
    versions = PublishedVersionFactory.create_batch(5)
    _bulk(clinician, versions, 5)
    url = f"{URL}?status=draft&q=bulk&page=1"
    client.get(url)
    few = _query_count(client, url)
    _bulk(clinician, versions, 495)
    assert _query_count(client, url) == few


def test_rows_show_the_last_change_in_the_clinic_time_zone(client, clinician):
    clinician.clinic.time_zone = "Pacific/Auckland"  # UTC+13 in November
    clinician.clinic.save()
    client.force_login(clinician)  # the clinic's zone is read at sign-in
    d = DeliberationFactory(owner=clinician, title="Time zone case")
    changed = datetime(2026, 11, 20, 22, 30, tzinfo=UTC)
    Deliberation.objects.filter(pk=d.pk).update(updated_at=changed)
    html = client.get(URL).content.decode()
    assert "21 Nov 2026, 11:30" in html
    assert 'datetime="2026-11-21T11:30:00+13:00"' in html
    assert f'href="/deliberations/{d.pk}/"' in html
