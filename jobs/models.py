"""What background work remembers: which e-mails went out, which follow-ups were reminded,
the stored PDFs of signed snapshots, and who asked for the weekly digest.

None of it holds clinical text: keys, ids, dates, and PDFs of signed records (which the
record's own PDF download serves, under the same access checks)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class SentMail(models.Model):
    """One row per e-mail a job has sent, claimed in the job's transaction before sending:
    a job that runs twice finds the key taken and sends nothing."""

    key = models.CharField(max_length=120, unique=True)
    sent_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.key


class FollowUpReminder(models.Model):
    """A deliberation whose follow-up date came was reminded of it (once per date)."""

    deliberation = models.ForeignKey(
        "cases.Deliberation", on_delete=models.CASCADE, related_name="+"
    )
    follow_up_date = models.DateField()
    reminded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["deliberation", "follow_up_date"], name="one_reminder_per_follow_up"
            )
        ]

    def __str__(self) -> str:
        return f"Follow-up of {self.deliberation_id} on {self.follow_up_date}"


class StoredPdf(models.Model):
    """A signed record's PDF as rendered once (by the worker after signing, or by the first
    download). Keyed by the SHA-256 of the HTML it was rendered from: a co-signature or an
    addendum changes that HTML, so an older PDF is never served for the newer record."""

    snapshot = models.ForeignKey("records.Snapshot", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20)
    html_sha256 = models.CharField(max_length=64)
    pdf = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "kind", "html_sha256"], name="one_pdf_per_rendering"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} PDF of snapshot {self.snapshot_id}"


class WeeklyDigest(models.Model):
    """A supervisor who asked for a weekly e-mail about their review queue."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="weekly_digest"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Weekly digest for {self.user_id}"
