from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from library.models import EntryStatus, LibraryEntry
from tests.library.world import published_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(world):
    return published_entry(world)


def test_the_clinic_admin_withdraws_with_a_reason(client, world, entry):
    client.force_login(world["admin"])
    client.post(reverse("library:withdraw", args=[entry.pk]), {"reason": "Recognisable."})
    entry = LibraryEntry.objects.get()
    assert (entry.status, entry.withdrawal_reason) == (EntryStatus.WITHDRAWN, "Recognisable.")


def test_it_records_the_withdrawal(client, world, entry):
    client.force_login(world["admin"])
    client.post(reverse("library:withdraw", args=[entry.pk]), {"reason": "Recognisable."})
    assert AuditEvent.objects.filter(action="library_withdraw", object_id=str(entry.pk)).exists()


def test_it_refuses_a_withdrawal_without_a_reason(client, world, entry):
    client.force_login(world["admin"])
    client.post(reverse("library:withdraw", args=[entry.pk]), {"reason": ""})
    assert LibraryEntry.objects.get().status == EntryStatus.PUBLISHED


def test_it_refuses_a_clinician(client, world, entry):
    client.force_login(world["reviewer"])
    response = client.post(reverse("library:withdraw", args=[entry.pk]), {"reason": "x"})
    assert response.status_code == 403


def test_a_withdrawn_entry_is_gone_for_readers(client, world, entry):
    client.force_login(world["admin"])
    client.post(reverse("library:withdraw", args=[entry.pk]), {"reason": "Recognisable."})
    client.force_login(world["colleague"])
    assert client.get(reverse("library:entry", args=[entry.pk])).status_code == 404
