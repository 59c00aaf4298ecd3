"""The demo's side of asking a colleague (`make run`): a demo colleague, the clinic's ethics
committee, and one open request from the demo clinician to the colleague."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from accounts.models import Profession, Role, User
from cases.models import Deliberation, Status
from consults.models import ConsultGroup, ConsultRequest
from consults.services import clinic_today, consult_ask

COLLEAGUE = "colleague"
QUESTION = (
    "I am about to decide on this one and would value a second view: does my reading of the "
    "options hold, and is there anything I have missed about the client's involvement?"
)


@dataclass(frozen=True)
class DemoConsults:
    colleague: User
    request: ConsultRequest | None


@transaction.atomic
def demo_consults_ensure(*, password: str | None = None) -> DemoConsults:
    """Idempotent: the colleague's account (password reset to the demo one), the group, and
    the open request unless the clinician has one open already."""
    clinician = User.objects.select_related("clinic").get(username="clinician")
    colleague, _ = User.objects.update_or_create(
        username=COLLEAGUE,
        defaults={
            "first_name": "Jordan",
            "last_name": "Lee",
            "role": Role.CLINICIAN,
            "professional_title": "Licensed clinical social worker",
            "profession": Profession.SOCIAL_WORKER,
            "clinic": clinician.clinic,
            "email": f"{COLLEAGUE}@riverside.example",
            "is_active": True,
            "deactivated_at": None,
        },
    )
    colleague.set_password(password or settings.DEMO_PASSWORD)
    colleague.save(update_fields=["password"])
    group, _ = ConsultGroup.objects.get_or_create(clinic=clinician.clinic, name="Ethics committee")
    group.members.add(colleague, *User.objects.filter(username="supervisor"))
    open_one = ConsultRequest.objects.filter(
        asked_by=clinician, closed_at__isnull=True, deliberation__signed_at__isnull=True
    ).first()
    if open_one is not None:
        return DemoConsults(colleague, open_one)
    # The example waiting for review: complete, and never recreated by seed_examples --reset
    # (a request keeps its deliberation).
    d = (
        Deliberation.objects.filter(
            owner=clinician, signed_at__isnull=True, status=Status.IN_REVIEW
        )
        .order_by("pk")
        .first()
    )
    if d is None:
        return DemoConsults(colleague, None)
    keys = [s.key for s in d.framework_version.spec.steps if s.kind in ("dilemma", "options")]
    request = consult_ask(
        deliberation=d,
        asked_by=clinician,
        question=QUESTION,
        step_keys=keys,
        answer_by=clinic_today(clinician.clinic) + datetime.timedelta(days=5),
        colleagues=[colleague],
    )
    return DemoConsults(colleague, request)
