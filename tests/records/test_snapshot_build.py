"""``records.services.snapshot_build`` is the one way a snapshot's content and hash are
computed: signing stores exactly what it builds, and one signature builder serves the author
and the co-signer."""

from __future__ import annotations

import pytest

from cases.selectors import Purpose, deliberation_get
from records.models import Meaning
from records.services import deliberation_cosign, deliberation_sign, snapshot_build

pytestmark = pytest.mark.django_db


def test_it_builds_the_snapshot_that_signing_stores(complete, author):
    signature = deliberation_sign(deliberation=complete, user=author)
    stored = signature.snapshot
    rebuilt = snapshot_build(
        deliberation=deliberation_get(pk=complete.pk, purpose=Purpose.WORKSHEET),
        at=stored.created_at,
    )
    assert (rebuilt.sha256, rebuilt.chart_note_text) == (stored.sha256, stored.chart_note_text)


def test_it_signs_the_stored_hash_as_author_and_as_co_signer(complete, author, django_user_model):
    snapshot = deliberation_sign(deliberation=complete, user=author).snapshot
    supervisor = django_user_model.objects.get(username="supervisor")
    cosign = deliberation_cosign(snapshot=snapshot, user=supervisor)
    signatures = snapshot.signatures.order_by("signed_at")
    assert [(s.meaning, s.content_sha256) for s in signatures] == [
        (Meaning.AUTHOR, snapshot.sha256),
        (Meaning.COSIGN, snapshot.sha256),
    ]
    assert cosign.signer_name == supervisor.display_name
