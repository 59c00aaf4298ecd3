"""Asking a colleague: a request for advice on chosen steps of a deliberation, the people
asked, their signed answers (and later notes), and the clinic's consultation groups.

An answer is signed by its author and never changes (the database refuses, like every signed
record); it comes back into the deliberation as a consultation entry
(``ConsultAnswer.consultation``) that the worksheet shows read-only (migration 0002 makes the
database refuse changes of that entry too).
"""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from cases.models import ConsultantKind


class ConsultGroup(models.Model):
    """A group of the clinic's people asked together (an ethics committee, a peer group)."""

    KINDS = [
        (ConsultantKind.COMMITTEE, ConsultantKind.COMMITTEE.label),
        (ConsultantKind.PEER, "Peer consultation group"),
    ]

    clinic = models.ForeignKey(
        "accounts.Clinic", on_delete=models.PROTECT, related_name="consult_groups"
    )
    name = models.CharField(max_length=120)
    kind = models.CharField(
        max_length=20,
        choices=KINDS,
        default=ConsultantKind.COMMITTEE,
        help_text="How the group's advice is filed on the consultation step.",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="consult_groups", blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["clinic", "name"], name="one_group_name_per_clinic")
        ]

    def __str__(self) -> str:
        return self.name


class ConclusionKind(models.TextChoices):
    AGREEMENT = "agreement", "The group agrees"
    DISAGREEMENT = "disagreement", "The group disagrees"


class ConsultRequest(models.Model):
    """One question to one or more colleagues (or a group, expanded to its members when
    asked) about the steps in ``step_keys``; open until closed or the deliberation is signed."""

    deliberation = models.ForeignKey(
        "cases.Deliberation", on_delete=models.PROTECT, related_name="consult_requests"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    group = models.ForeignKey(
        ConsultGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    group_name = models.CharField(max_length=120, blank=True)  # as it was when asked
    question = models.TextField()
    step_keys = ArrayField(models.CharField(max_length=60))
    answer_by = models.DateField("Please answer by")
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    # A group's conclusion, recorded by the asker once the answers are in.
    conclusion_kind = models.CharField(max_length=20, choices=ConclusionKind.choices, blank=True)
    conclusion = models.TextField(blank=True)
    concluded_at = models.DateTimeField(null=True, blank=True)
    conclusion_consultation = models.OneToOneField(
        "cases.Consultation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="group_conclusion",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["deliberation", "-created_at"], name="consult_request_d")]

    def __str__(self) -> str:
        return f"Request {self.pk} on deliberation {self.deliberation_id}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class ConsultRecipient(models.Model):
    """One person asked (a group's members each get one)."""

    request = models.ForeignKey(ConsultRequest, on_delete=models.PROTECT, related_name="recipients")
    colleague = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="consults_asked"
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "colleague"], name="one_recipient_each")
        ]

    def __str__(self) -> str:
        return f"{self.colleague_id} asked in request {self.request_id}"


class ConsultAnswer(models.Model):
    """A colleague's signed advice. Never changed or removed (database triggers)."""

    request = models.ForeignKey(ConsultRequest, on_delete=models.PROTECT, related_name="answers")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The signature: who they were and when, as it was at signing.
    author_name = models.CharField(max_length=150)
    author_role = models.CharField(max_length=120)
    signed_at = models.DateTimeField(default=timezone.now)
    late = models.BooleanField(default=False)
    advice = models.TextField()
    preferred_option = models.CharField(max_length=200, blank=True)  # the option's label then
    why = models.TextField(blank=True)
    # The consultation entry it became on the asker's consultation step.
    consultation = models.OneToOneField(
        "cases.Consultation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="received_answer",
    )

    class Meta:
        ordering = ["signed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "author"], name="one_answer_each")
        ]
        triggers = [
            pgtrigger.Protect(name="consult_answer_no_update", operation=pgtrigger.Update),
            pgtrigger.Protect(name="consult_answer_no_delete", operation=pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"Answer of {self.author_name} to request {self.request_id}"


class AnswerNote(models.Model):
    """A later note the colleague adds to their signed answer; itself never changed."""

    answer = models.ForeignKey(ConsultAnswer, on_delete=models.PROTECT, related_name="notes")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        triggers = [
            pgtrigger.Protect(name="answer_note_no_update", operation=pgtrigger.Update),
            pgtrigger.Protect(name="answer_note_no_delete", operation=pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"Note on answer {self.answer_id}"
