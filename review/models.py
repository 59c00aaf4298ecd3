"""Review of deliberations: submissions, comment threads per step, consultation shares and
in-app notifications."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Outcome(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    REVIEWED = "reviewed", "Reviewed"
    COSIGNED = "cosigned", "Reviewed and co-signed"


class Submission(models.Model):
    """One submission for review and what the supervisor did with it."""

    deliberation = models.ForeignKey(
        "cases.Deliberation", on_delete=models.PROTECT, related_name="submissions"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    message = models.TextField(blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome_message = models.TextField(blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["submitted_at"]
        indexes = [models.Index(fields=["deliberation", "-submitted_at"], name="submission_recent")]
        constraints = [
            models.UniqueConstraint(
                fields=["deliberation"],
                condition=Q(outcome="pending"),
                name="one_pending_submission",
            )
        ]

    def __str__(self) -> str:
        return f"Submission of {self.deliberation_id} at {self.submitted_at:%Y-%m-%d %H:%M}"


class Comment(models.Model):
    """A comment on one step of a deliberation; replies point to the thread's first comment."""

    deliberation = models.ForeignKey(
        "cases.Deliberation", on_delete=models.PROTECT, related_name="comments"
    )
    step_key = models.CharField(max_length=60)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replies"
    )
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["deliberation", "step_key"], name="comment_step")]

    def __str__(self) -> str:
        return f"Comment on {self.step_key} by {self.author_id}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class Share(models.Model):
    """A deliberation shared read-only with a colleague for consultation, until withdrawn."""

    deliberation = models.ForeignKey(
        "cases.Deliberation", on_delete=models.PROTECT, related_name="shares"
    )
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="shares_received"
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["deliberation", "consultant"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_active_share",
            )
        ]

    def __str__(self) -> str:
        return f"Deliberation {self.deliberation_id} shared with {self.consultant_id}"


class NotificationKind(models.TextChoices):
    SUBMITTED = "submitted", "Submitted for review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    COMMENT = "comment", "New comment"
    COSIGNED = "cosigned", "Co-signed"
    REVIEWED = "reviewed", "Reviewed"
    SHARED = "shared", "Shared with you"
    FOLLOW_UP = "follow_up", "Follow-up due"
    CONSULT_ASKED = "consult_asked", "A colleague asks your advice"
    CONSULT_ANSWERED = "consult_answered", "Advice received"
    LIBRARY_REVIEW = "library_review", "Library entry to review"
    LIBRARY_SENT_BACK = "library_sent_back", "Library entry sent back"
    LIBRARY_PUBLISHED = "library_published", "Library entry published"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    deliberation = models.ForeignKey(
        "cases.Deliberation", on_delete=models.CASCADE, related_name="+", null=True
    )
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
        ]

    def __str__(self) -> str:
        return self.text
