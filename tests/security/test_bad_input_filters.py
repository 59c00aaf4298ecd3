"""Bad search, filter and page parameters on the list pages: any query string gets a page,
never a crash."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from accounts.services import supervision_link_start
from cases.models import Deliberation, Status
from cases.services import deliberation_create
from review.models import Submission
from tests.factories import ClinicAdminFactory, ClinicFactory, SupervisorFactory, UserFactory
from tests.security.strategies import (
    ALLOWED,
    SAFE_CHARS,
    bad_input_settings,
    extra_fields,
    huge_text,
    numberish,
    rolled_back,
    scalar,
)

pytestmark = pytest.mark.django_db

pages = st.one_of(
    st.integers(-(2**70), 2**70).map(str), st.sampled_from(["1", "2", "last", "0", "-1"])
)
# What a parameter may hold: anything, several values, or a very long value.
param_values = st.one_of(
    scalar, numberish, st.lists(scalar, min_size=2, max_size=3), huge_text(1_000, 100_000)
)


@st.composite
def queries(draw, known: dict[str, st.SearchStrategy]) -> dict:
    names = draw(st.lists(st.sampled_from(sorted(known)), unique=True))
    params = {name: draw(st.one_of(known[name], param_values)) for name in names}
    return params | draw(extra_fields)


# A query string as typed into the address bar: stray '%', '&', '=', broken escapes, bytes
# that are not UTF-8.
raw_query_strings = st.lists(
    st.one_of(
        st.text(st.sampled_from("%&=+;?#[]qstatuspgeclinc019"), max_size=12),
        st.binary(min_size=1, max_size=6).map(lambda b: "".join(f"%{x:02X}" for x in b)),
        st.text(SAFE_CHARS, max_size=8).map(lambda t: quote(t, safe="")),
    ),
    max_size=6,
).map("".join)


def _get(client, url: str, params: dict | str):
    if isinstance(params, str):
        return client.get(f"{url}?{params}")
    return client.get(url, params)


# -- My deliberations -----------------------------------------------------------------------


@pytest.fixture
def listed(integrated, clinician):
    """Two pages of the clinician's deliberations."""
    for n in range(27):
        deliberation_create(
            owner=clinician,
            title=f"Dilemma {n}",
            client_reference=f"CR-{n}",
            framework_version=integrated,
        )


@bad_input_settings(max_examples=50)
@given(
    params=st.one_of(
        queries(
            {
                "status": st.sampled_from(["", *Status.values]),
                "q": st.sampled_from(["Dilemma", "CR-1", "%", "_", "\\"]),
                "page": pages,
            }
        ),
        raw_query_strings,
    )
)
def test_it_lists_deliberations_for_any_query(owner_client, listed, params):
    with rolled_back():
        response = _get(owner_client, reverse("cases:list"), params)
        assert response.status_code in ALLOWED


# -- The review queue -----------------------------------------------------------------------


@pytest.fixture
def supervisor_client(client, integrated):
    clinic = ClinicFactory()
    supervisor = SupervisorFactory(clinic=clinic)
    for _ in range(2):
        clinician = UserFactory(clinic=clinic)
        supervision_link_start(supervisor=supervisor, clinician=clinician)
        for n in range(3):
            d = deliberation_create(
                owner=clinician,
                title=f"Case {n}",
                client_reference=f"CR-{n}",
                framework_version=integrated,
            )
            Submission.objects.create(deliberation=d, submitted_by=clinician)
            Deliberation.objects.filter(pk=d.pk).update(status="in_review")
    client.force_login(supervisor)
    return client


@bad_input_settings(max_examples=50)
@given(
    params=st.one_of(
        queries(
            {
                "status": st.sampled_from(["", "in_review", "changes_requested", "signed"]),
                "clinician": st.one_of(numberish, st.integers(-5, 2**70).map(str)),
                "page": pages,
            }
        ),
        raw_query_strings,
    )
)
def test_it_shows_the_review_queue_for_any_query(supervisor_client, params):
    with rolled_back():
        response = _get(supervisor_client, reverse("review:queue"), params)
        assert response.status_code in ALLOWED


# -- The clinic admin's frameworks ----------------------------------------------------------


@pytest.fixture
def admin_client(client, integrated):
    client.force_login(ClinicAdminFactory())
    return client


@bad_input_settings(max_examples=25)
@given(
    params=st.one_of(
        queries({"page": pages, "q": scalar, "status": scalar, "o": scalar}), raw_query_strings
    )
)
def test_it_lists_frameworks_for_any_query(admin_client, params):
    with rolled_back():
        response = _get(admin_client, reverse("frameworks:list"), params)
        assert response.status_code in ALLOWED
