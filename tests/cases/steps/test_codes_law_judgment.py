"""The clinician records, per rule shown on Codes and law, whether it applies and why:
saved through the step's one save path (autosave and plain POST, conflicts as for any field),
audited, read by whoever may read the step, frozen once signed."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.models import AuditEvent
from cases.models import Deliberation, PinnedRule
from tests.cases.steps.conftest import HTMX, page, step_url

pytestmark = pytest.mark.django_db


def _judge(client, d, version, applies="applies", why="He named her.", **extra):
    data = {
        "revision": str(Deliberation.objects.get(pk=d.pk).revision),
        "tab": "t",
        f"rule_applies__{version.pk}": applies,
        f"rule_why__{version.pk}": why,
    }
    return client.post(step_url(d), data | extra, **HTMX)


def test_it_offers_a_judgment_for_each_rule_shown(owner_client, case, rule):
    html = page(owner_client, case)
    assert f'name="rule_applies__{rule.pk}" value="does_not_apply"' in html
    assert f'name="rule_why__{rule.pk}"' in html


def test_it_saves_the_judgment_by_autosave(owner_client, case, rule):
    page(owner_client, case)
    response = _judge(owner_client, case, rule)
    assert response.status_code == 200 and response["X-Revision"]
    pin = PinnedRule.objects.get()
    assert (pin.applies, pin.why) == ("applies", "He named her.")


def test_it_saves_the_judgment_by_a_plain_post(owner_client, case, rule):
    page(owner_client, case)
    data = {
        "revision": str(Deliberation.objects.get(pk=case.pk).revision),
        f"rule_applies__{rule.pk}": "not_sure",
        f"rule_why__{rule.pk}": "Asking counsel.",
    }
    assert owner_client.post(step_url(case), data).status_code == 302
    assert PinnedRule.objects.get().applies == "not_sure"


def test_it_shows_the_judgment_saved(owner_client, case, rule):
    page(owner_client, case)
    _judge(owner_client, case, rule, why="She is identifiable.")
    html = page(owner_client, case)
    assert f'value="applies" id="id_rule_applies__{rule.pk}_0" checked>' in html
    assert "She is identifiable.</textarea>" in html


def test_it_keeps_a_why_typed_when_the_choice_is_wrong(owner_client, case, rule):
    page(owner_client, case)
    data = {
        "revision": str(Deliberation.objects.get(pk=case.pk).revision),
        f"rule_applies__{rule.pk}": "maybe",
        f"rule_why__{rule.pk}": "Typed before the mistake.",
    }
    html = owner_client.post(step_url(case), data).content.decode()
    assert "Typed before the mistake." in html
    assert PinnedRule.objects.get().applies == ""


def test_it_ignores_a_judgment_of_a_rule_not_shown_on_this_deliberation(owner_client, case, rule):
    from tests.jurisdictions.rules import publish

    other = publish(code="US-TX")
    page(owner_client, case)
    _judge(owner_client, case, other)
    assert not PinnedRule.objects.filter(rule_version=other).exists()
    assert PinnedRule.objects.get().applies == ""


def test_it_shows_both_texts_when_the_judgment_met_a_newer_version(owner_client, case, rule):
    page(owner_client, case)
    _judge(owner_client, case, rule, why="First tab.")
    stale = {
        "revision": "1",
        "tab": "other",
        f"rule_applies__{rule.pk}": "does_not_apply",
        f"rule_why__{rule.pk}": "Second tab.",
    }
    html = owner_client.post(step_url(case), stale, **HTMX).content.decode()
    assert "First tab." in html and "Second tab." in html
    assert PinnedRule.objects.get().why == "First tab."


def test_it_audits_a_judgment_as_a_change(owner_client, case, rule):
    page(owner_client, case)
    _judge(owner_client, case, rule)
    assert AuditEvent.objects.filter(
        action="change", deliberation_id=case.pk, path=step_url(case)
    ).exists()


def test_it_freezes_the_judgment_once_signed(owner_client, case, rule):
    page(owner_client, case)
    Deliberation.objects.filter(pk=case.pk).update(status="signed", signed_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        PinnedRule.objects.update(applies="does_not_apply")


def test_it_freezes_when_the_law_was_shown_once_signed(owner_client, case, rule):
    page(owner_client, case)
    Deliberation.objects.filter(pk=case.pk).update(status="signed", signed_at=timezone.now())
    with pytest.raises(Exception, match="Cannot update"), transaction.atomic():
        Deliberation.objects.filter(pk=case.pk).update(law_shown_at=None)


def test_it_refuses_a_judgment_on_a_signed_deliberation(owner_client, case, rule):
    page(owner_client, case)
    Deliberation.objects.filter(pk=case.pk).update(status="signed", signed_at=timezone.now())
    assert _judge(owner_client, case, rule).status_code == 403
    assert PinnedRule.objects.get().applies == ""


def test_it_shows_the_judgment_to_the_supervisor_reviewing_it(client, owner_client, case, rule):
    from accounts.services import supervision_link_start
    from review.services import deliberation_submit
    from tests.factories import SupervisorFactory

    page(owner_client, case)
    _judge(owner_client, case, rule, why="Named and identifiable.")
    supervisor = SupervisorFactory(clinic=case.owner.clinic)
    supervision_link_start(supervisor=supervisor, clinician=case.owner)
    deliberation_submit(deliberation=case, user=case.owner, message="")
    client.force_login(supervisor)
    html = page(client, case)
    assert "Named and identifiable.</textarea>" in html
    assert f'id="id_rule_applies__{rule.pk}_0" disabled checked> Applies' in html
    assert PinnedRule.objects.count() == 1
