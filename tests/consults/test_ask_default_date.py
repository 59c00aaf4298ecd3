"""The ask form's "Please answer by" starts a week from the clinic's date, not the server's:
a clinician far from the server's time zone gets a week from their own today."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from consults.services import clinic_today

pytestmark = pytest.mark.django_db
# At any hour one of these two zones is on a different date from the server (UTC): the
# first is 14 hours ahead of it, the second 11 hours behind.
FAR_ZONES = ("Pacific/Kiritimati", "Pacific/Pago_Pago")


def _far_clinic(deliberation):
    clinic = deliberation.clinic
    for zone in FAR_ZONES:
        clinic.time_zone = zone
        if clinic_today(clinic) != datetime.date.today():
            clinic.save(update_fields=["time_zone"])
            return clinic
    pytest.fail("no zone with another date than the server's")


def test_it_offers_a_week_from_the_clinics_date(owner_client, deliberation):
    clinic = _far_clinic(deliberation)
    response = owner_client.get(reverse("consults:ask", args=[deliberation.pk]))
    expected = clinic_today(clinic) + datetime.timedelta(days=7)
    assert response.context["form"].initial["answer_by"] == expected
