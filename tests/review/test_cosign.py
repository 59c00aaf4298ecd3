from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from cases.models import Deliberation
from cases.selectors import Purpose, deliberation_get
from records.models import Signature
from records.services import deliberation_sign
from review import services
from tests.factories import fresh_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(db):
    call_command("load_frameworks", verbosity=0)
    call_command("seed_demo", verbosity=0)
    call_command("seed_examples", verbosity=0)
    clinician = User.objects.get(username="clinician")
    d = deliberation_get(
        pk=Deliberation.objects.filter(owner=clinician).first().pk, purpose=Purpose.WORKSHEET
    )
    deliberation_sign(deliberation=d, user=clinician)
    services.deliberation_submit(deliberation=d, user=clinician, message="Please co-sign.")
    supervisor = User.objects.get(username="supervisor")
    supervisor.set_password("sup-pass-123")
    supervisor.save()
    return d


def test_it_cosigns_with_a_fresh_code_and_shows_both_signatures(client, signed):
    # Supervisors always have a second factor (the clinic's policy): its code, not the
    # password, confirms a co-signature.
    client.force_login(User.objects.get(username="supervisor"))
    response = client.post(
        reverse("review:actions", args=[signed.pk]),
        {"action": "cosign", "code": fresh_code("supervisor")},
    )
    assert response["Location"] == reverse("records:rationale", args=[signed.pk, "chart-note"])
    meanings = list(Signature.objects.values_list("meaning", flat=True))
    assert meanings == ["author", "reviewed_cosigned"]
    content = client.get(response["Location"]).content.decode()
    assert "Author:</strong> Dana Reyes" in content
    assert "Reviewed and co-signed:</strong> Sam Okafor" in content
    assert Deliberation.objects.get(pk=signed.pk).status == "signed"
    assert Signature.objects.get(meaning="reviewed_cosigned").verified_by == "totp"


def test_it_refuses_a_cosign_with_a_wrong_code(client, signed):
    client.force_login(User.objects.get(username="supervisor"))
    client.post(reverse("review:actions", args=[signed.pk]), {"action": "cosign", "code": "x"})
    assert Signature.objects.count() == 1


def test_it_refuses_a_second_cosign(client, signed):
    supervisor = User.objects.get(username="supervisor")
    services.cosign(deliberation=signed, reviewer=supervisor)
    with pytest.raises(services.ReviewRefused):
        services.cosign(deliberation=signed, reviewer=supervisor)


def test_it_locks_cosigning_after_five_wrong_codes(client, signed):
    from audit.models import AuditEvent

    client.force_login(User.objects.get(username="supervisor"))
    url = reverse("review:actions", args=[signed.pk])
    for _ in range(5):
        client.post(url, {"action": "cosign", "code": "000000"})
    response = client.post(url, {"action": "cosign", "code": fresh_code("supervisor")})
    assert "Too many wrong codes" in response.content.decode()
    assert Signature.objects.count() == 1
    assert AuditEvent.objects.filter(action="reauth_failed").count() == 5
