"""A deliberation and its worksheet content, kept as structured, queryable rows.

The own-values-and-bias reflection lives in its own table (``PrivateReflection``) so that
nothing built for the chart note can reach it by accident.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q


class Urgency(models.TextChoices):
    ROUTINE = "routine", "Routine"
    URGENT = "urgent", "Urgent"
    IMMINENT = "imminent", "Imminent risk of serious harm"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    SIGNED = "signed", "Signed"


class DilemmaKind(models.TextChoices):
    ETHICAL = "ethical", "Ethical"
    LEGAL = "legal", "Legal"
    CLINICAL = "clinical", "Clinical"
    PROFESSIONAL = "professional", "Professional"


class TestAnswer(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"


class Deliberation(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="deliberations"
    )
    clinic = models.ForeignKey("accounts.Clinic", on_delete=models.PROTECT, related_name="+")
    framework_version = models.ForeignKey(
        "frameworks.FrameworkVersion", on_delete=models.PROTECT, related_name="deliberations"
    )
    title = models.CharField(max_length=200)
    client_reference = models.CharField(max_length=40)
    urgency = models.CharField(max_length=12, choices=Urgency.choices, default=Urgency.ROUTINE)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    # Bumped by every save; each step remembers the revision that last changed it, so a
    # save made from a stale copy of that step is refused instead of overwriting.
    revision = models.PositiveIntegerField(default=1)
    step_revisions = models.JSONField(default=dict, blank=True)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent of steps complete.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The dilemma
    facts = ArrayField(models.TextField(), default=list, blank=True)
    assumptions = ArrayField(models.TextField(), default=list, blank=True)
    question = models.TextField(blank=True)
    kinds = ArrayField(
        models.CharField(max_length=20, choices=DilemmaKind.choices), default=list, blank=True
    )

    # Imminent-risk fast path
    urgent_duties = ArrayField(models.CharField(max_length=60), default=list, blank=True)
    urgent_action = models.TextField(blank=True)
    urgent_contacts = models.TextField(blank=True)
    urgent_supervisor_notified = models.BooleanField(null=True, blank=True)
    urgent_action_at = models.DateTimeField(null=True, blank=True)
    urgent_recorded_at = models.DateTimeField(null=True, blank=True)

    # Codes and law
    code_settles = models.BooleanField(null=True, blank=True)
    legal_duties = models.TextField(blank=True)
    jurisdiction = models.CharField(max_length=200, blank=True)

    # Principles
    principle_conflicts = models.TextField(blank=True)
    principle_priority = models.TextField(blank=True)

    # Character
    character_summary = models.TextField(blank=True)

    # Consultation
    no_consultation_reason = models.TextField(blank=True)

    # Decision
    chosen_option = models.ForeignKey(
        "Option", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rationale = models.TextField(blank=True)
    justice_test = models.CharField(max_length=3, choices=TestAnswer.choices, blank=True)
    justice_reason = models.TextField(blank=True)
    publicity_test = models.CharField(max_length=3, choices=TestAnswer.choices, blank=True)
    publicity_reason = models.TextField(blank=True)
    universality_test = models.CharField(max_length=3, choices=TestAnswer.choices, blank=True)
    universality_reason = models.TextField(blank=True)
    moral_residue = models.TextField(blank=True)
    residue_reduction = models.TextField(blank=True)
    action_plan = models.TextField(blank=True)
    follow_up_date = models.DateField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    # Follow-up
    outcome = models.TextField(blank=True)
    lessons = models.TextField(blank=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["owner", "-updated_at"], name="delib_owner_recent"),
            models.Index(fields=["owner", "status", "-updated_at"], name="delib_owner_status"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.client_reference})"

    @property
    def is_signed(self) -> bool:
        return self.status == Status.SIGNED

    @property
    def is_imminent(self) -> bool:
        return self.urgency == Urgency.IMMINENT


class PrivateReflection(models.Model):
    """Step 2, own values and bias. Private: never part of the chart note."""

    deliberation = models.OneToOneField(
        Deliberation, on_delete=models.CASCADE, related_name="reflection"
    )
    values = models.TextField(blank=True)
    biases = models.TextField(blank=True)
    effects = models.TextField(blank=True)
    safeguards = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Values and bias for deliberation {self.deliberation_id}"


class ProvisionNote(models.Model):
    """A code provision (by its key in the pinned framework version) that applies, and why."""

    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="provision_notes"
    )
    provision_key = models.CharField(max_length=60)
    note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["deliberation", "provision_key"], name="one_note_per_provision"
            )
        ]

    def __str__(self) -> str:
        return self.provision_key


class StakeholderKind(models.TextChoices):
    CLIENT = "client", "The client"
    FAMILY = "family", "Family or partner"
    THIRD_PARTY = "third_party", "Third party at risk"
    CLINICIAN = "clinician", "The clinician"
    CLINIC = "clinic", "The clinic or agency"
    PUBLIC = "public", "The public or community"
    OTHER = "other", "Other"


class Involvement(models.TextChoices):
    YES = "yes", "Yes, involved"
    PARTLY = "partly", "Partly"
    NO = "no", "Not involved"


class Stakeholder(models.Model):
    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="stakeholders"
    )
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField("Name or role", max_length=120)
    kind = models.CharField(max_length=20, choices=StakeholderKind.choices, default="other")
    interests = models.TextField(blank=True)
    values = models.TextField(blank=True)
    involved = models.CharField(max_length=10, choices=Involvement.choices, blank=True)
    involvement = models.TextField("How they were involved", blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class Option(models.Model):
    deliberation = models.ForeignKey(Deliberation, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField("Short name", max_length=120)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label


class PrincipleMark(models.Model):
    """Does an option honour (+) or breach (−) a principle, how strongly, and why."""

    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="marks")
    principle_key = models.CharField(max_length=60)
    strength = models.SmallIntegerField(
        validators=[MinValueValidator(-2), MaxValueValidator(2)], null=True, blank=True
    )
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["option", "principle_key"], name="one_mark_per_cell"),
            models.CheckConstraint(
                condition=Q(strength__gte=-2, strength__lte=2) | Q(strength__isnull=True),
                name="mark_strength_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.principle_key}: {self.strength}"


class Consequence(models.Model):
    """Expected benefit (+) or harm (−) of an option for a stakeholder, and its likelihood."""

    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="consequences")
    stakeholder = models.ForeignKey(
        Stakeholder, on_delete=models.CASCADE, related_name="consequences"
    )
    impact = models.SmallIntegerField(
        validators=[MinValueValidator(-3), MaxValueValidator(3)], null=True, blank=True
    )
    likelihood = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(0), MaxValueValidator(100)], null=True, blank=True
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["option", "stakeholder"], name="one_estimate_per_cell"),
            models.CheckConstraint(
                condition=Q(impact__gte=-3, impact__lte=3) | Q(impact__isnull=True),
                name="impact_range",
            ),
            models.CheckConstraint(
                condition=Q(likelihood__lte=100) | Q(likelihood__isnull=True),
                name="likelihood_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.impact} × {self.likelihood}%"


class VirtueReflection(models.Model):
    option = models.OneToOneField(Option, on_delete=models.CASCADE, related_name="virtue")
    expressed = ArrayField(models.CharField(max_length=60), default=list, blank=True)
    strained = ArrayField(models.CharField(max_length=60), default=list, blank=True)
    reflection = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Virtues of option {self.option_id}"


class ConsultantKind(models.TextChoices):
    SUPERVISOR = "supervisor", "Supervisor"
    PEER = "peer", "Peer or colleague"
    COMMITTEE = "committee", "Ethics committee"
    LEGAL = "legal", "Legal counsel"
    CODE_BODY = "code_body", "Professional association or board"
    OTHER = "other", "Other"


class Consultation(models.Model):
    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="consultations"
    )
    position = models.PositiveSmallIntegerField(default=0)
    consultant = models.CharField("Who (name or role)", max_length=120)
    kind = models.CharField(max_length=20, choices=ConsultantKind.choices, default="peer")
    consulted_on = models.DateField("When", null=True, blank=True)
    advice = models.TextField("What they advised", blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.consultant


class CustomAnswer(models.Model):
    """An answer to a question the clinic added to a step of the framework."""

    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="custom_answers"
    )
    step_key = models.CharField(max_length=60)
    question_key = models.CharField(max_length=60)
    answer = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["deliberation", "step_key", "question_key"], name="one_answer_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.step_key}/{self.question_key}"
