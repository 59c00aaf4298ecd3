"""The signed record: snapshots of the rationale, signatures on them, and addenda.

Rows here are written once. The app never updates or deletes them, and PostgreSQL refuses
to (triggers below); a test proves it with raw SQL.
"""

from __future__ import annotations

import hashlib
import json

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils import timezone

from ethicsdesk.triggers import no_truncate


def _write_once(prefix: str) -> list:
    return [
        pgtrigger.Protect(name=f"{prefix}_no_update", operation=pgtrigger.Update),
        pgtrigger.Protect(name=f"{prefix}_no_delete", operation=pgtrigger.Delete),
        # TRUNCATE skips row triggers: a statement-level trigger refuses it too.
        no_truncate(f"{prefix}_no_truncate"),
    ]


def sha256_of(payload: dict) -> str:
    """The hash of a payload in a canonical JSON form (sorted keys, no extra spaces)."""
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class Meaning(models.TextChoices):
    AUTHOR = "author", "Author"
    COSIGN = "reviewed_cosigned", "Reviewed and co-signed"


class VerifiedBy(models.TextChoices):
    """How the signer proved it was them at the moment of signing. Signatures made before
    this was recorded have none ("")."""

    PASSWORD = "password", "password"
    TOTP = "totp", "authenticator app code"
    RECOVERY_CODE = "recovery_code", "recovery code"
    WEBAUTHN = "webauthn", "passkey or security key"
    SSO = "sso", "single sign-on"


# How a record says it: "identity confirmed by password", "… with a passkey or security key".
CONFIRMED_WITH = {VerifiedBy.WEBAUTHN: "with a passkey or security key"}


class VerifiedSigner:
    """For Signature and Addendum: the words every output uses for ``verified_by``."""

    @property
    def identity_confirmed(self) -> str:
        if not self.verified_by:  # older signatures recorded none
            return ""
        how = CONFIRMED_WITH.get(self.verified_by, f"by {self.get_verified_by_display()}")
        return f"identity confirmed {how}"


class Snapshot(models.Model):
    """The rationale exactly as it was signed: both outputs as rendered, and the data."""

    deliberation = models.ForeignKey(
        "cases.Deliberation", on_delete=models.PROTECT, related_name="snapshots"
    )
    created_at = models.DateTimeField(default=timezone.now)
    chart_note_html = models.TextField()
    chart_note_text = models.TextField()
    report_html = models.TextField()
    report_text = models.TextField()
    data = models.JSONField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["created_at"]
        triggers = _write_once("snapshot")
        constraints = [
            models.UniqueConstraint(fields=["deliberation"], name="one_snapshot_per_deliberation")
        ]

    def __str__(self) -> str:
        return f"Snapshot of deliberation {self.deliberation_id}"

    def content(self) -> dict:
        return {
            "deliberation": self.deliberation_id,
            "created_at": self.created_at.isoformat(),
            "chart_note_html": self.chart_note_html,
            "chart_note_text": self.chart_note_text,
            "report_html": self.report_html,
            "report_text": self.report_text,
            "data": self.data,
        }

    def compute_sha256(self) -> str:
        return sha256_of(self.content())


class Signature(VerifiedSigner, models.Model):
    snapshot = models.ForeignKey(Snapshot, on_delete=models.PROTECT, related_name="signatures")
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signer_name = models.CharField(max_length=200)
    signer_role = models.CharField(max_length=200)
    meaning = models.CharField(max_length=20, choices=Meaning.choices)
    signed_at = models.DateTimeField(default=timezone.now)
    # The hash of the snapshot as the signer saw it; verification compares it again.
    content_sha256 = models.CharField(max_length=64)
    verified_by = models.CharField(max_length=20, choices=VerifiedBy.choices, blank=True)

    class Meta:
        ordering = ["signed_at"]
        triggers = _write_once("signature")
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "signer", "meaning"], name="one_signature_per_meaning"
            )
        ]

    def __str__(self) -> str:
        return f"{self.signer_name} ({self.get_meaning_display()})"


class Addendum(VerifiedSigner, models.Model):
    """A correction or late information after signing; signed and hashed on its own."""

    deliberation = models.ForeignKey(
        "cases.Deliberation", on_delete=models.PROTECT, related_name="addenda"
    )
    snapshot = models.ForeignKey(Snapshot, on_delete=models.PROTECT, related_name="addenda")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_name = models.CharField(max_length=200)
    author_role = models.CharField(max_length=200)
    reason = models.CharField(max_length=300)
    text = models.TextField()
    signed_at = models.DateTimeField(default=timezone.now)
    sha256 = models.CharField(max_length=64)
    verified_by = models.CharField(max_length=20, choices=VerifiedBy.choices, blank=True)

    class Meta:
        ordering = ["signed_at", "id"]
        verbose_name_plural = "addenda"
        triggers = _write_once("addendum")

    def __str__(self) -> str:
        return f"Addendum to deliberation {self.deliberation_id}: {self.reason}"

    def content(self) -> dict:
        return {
            "deliberation": self.deliberation_id,
            "snapshot_sha256": self.snapshot.sha256,
            "author": self.author_name,
            "role": self.author_role,
            "reason": self.reason,
            "text": self.text,
            "signed_at": self.signed_at.isoformat(),
            # Hashed only when recorded, so addenda signed before it was keep their hash.
            **({"verified_by": self.verified_by} if self.verified_by else {}),
        }

    def compute_sha256(self) -> str:
        return sha256_of(self.content())
