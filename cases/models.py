"""A deliberation and its worksheet content, kept as structured, queryable rows.

The own-values-and-bias reflection lives in its own table (``PrivateReflection``) so that
nothing built for the chart note can reach it by accident.
"""

from __future__ import annotations

import pgtrigger
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


class RuleJudgment(models.TextChoices):
    """Whether a rule shown applies to this case, as the clinician judged it."""

    APPLIES = "applies", "Applies"
    DOES_NOT_APPLY = "does_not_apply", "Does not apply"
    NOT_SURE = "not_sure", "Not sure"


class TestAnswer(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"


def _content_changed() -> Q:
    """Any column but the review workflow (status) and bookkeeping (updated_at, progress)."""
    condition = Q()
    for name in _DELIBERATION_CONTENT:
        condition |= pgtrigger.Q(**{f"new__{name}__df": pgtrigger.F(f"old__{name}")})
    return condition


# The urgent-action answers, in the order the fast path asks them: each is stored as
# ``urgent_<name>`` on the deliberation and is a field of cases.forms.urgent.UrgentForm.
URGENT_ANSWERS = ("learned_at", "duties", "action", "contacts", "supervisor_notified", "action_at")

_DELIBERATION_CONTENT = (
    "owner_id",
    "framework_version_id",
    "title",
    "client_reference",
    "urgency",
    "revision",
    "step_revisions",
    "signed_at",
    "facts",
    "assumptions",
    "question",
    "kinds",
    "urgent_duties",
    "urgent_action",
    "urgent_contacts",
    "urgent_supervisor_notified",
    "urgent_action_at",
    "urgent_recorded_at",
    "urgent_learned_at",
    "code_settles",
    "legal_duties",
    "jurisdiction",
    "jurisdiction_code",
    "law_shown_at",
    "principle_conflicts",
    "principle_priority",
    "character_summary",
    "no_consultation_reason",
    "chosen_option_id",
    "rationale",
    "justice_test",
    "justice_reason",
    "publicity_test",
    "publicity_reason",
    "universality_test",
    "universality_reason",
    "moral_residue",
    "residue_reduction",
    "action_plan",
    "follow_up_date",
    "decided_at",
    "outcome",
    "lessons",
)


def refuse_when_signed(name: str, *, via_option: bool = False) -> pgtrigger.Trigger:
    """A trigger that refuses any insert, update or delete of a signed deliberation's rows."""
    lookup = (
        "SELECT d.signed_at FROM cases_deliberation d JOIN cases_option o "
        "ON o.deliberation_id = d.id WHERE o.id = rec.option_id"
        if via_option
        else "SELECT d.signed_at FROM cases_deliberation d WHERE d.id = rec.deliberation_id"
    )
    return pgtrigger.Trigger(
        name=name,
        when=pgtrigger.Before,
        operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
        declare=[("rec", "RECORD"), ("locked", "TIMESTAMPTZ")],
        func=f"""
            IF TG_OP = 'DELETE' THEN rec := OLD; ELSE rec := NEW; END IF;
            {lookup.replace("SELECT d.signed_at", "SELECT d.signed_at INTO locked")};
            IF locked IS NOT NULL THEN
                RAISE EXCEPTION 'ethicsdesk: deliberation is signed; % on % refused',
                    TG_OP, TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        """,
    )


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
    # Each step's state (empty/started/complete) as last computed, and the revision it was
    # computed at: a step page shows the stepper from these while they are current, and
    # loads only its own step's rows (every content change bumps ``revision``).
    step_states = models.JSONField(default=list, blank=True)
    states_revision = models.PositiveIntegerField(default=0)
    # The review as My deliberations and the review queue show it, stored by review.services
    # whenever a submission or a comment changes (counting per row made the queue slow):
    # since when a submission waits for review, and how many comment threads are open (a
    # thread is a first comment and its replies, as the stepper counts them). Not content:
    # they move after signing too.
    pending_since = models.DateTimeField(null=True, blank=True, editable=False)
    open_threads = models.PositiveIntegerField(default=0, editable=False)
    # Set once, when the author signs. From then on the content is frozen (app and database);
    # corrections are addenda. ``status`` is the review workflow and may still move.
    signed_at = models.DateTimeField(null=True, blank=True)
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
    # When the clinician learned of the danger: the rules' time limits run from it.
    urgent_learned_at = models.DateTimeField(null=True, blank=True)
    urgent_recorded_at = models.DateTimeField(null=True, blank=True)

    # Codes and law
    code_settles = models.BooleanField(null=True, blank=True)
    legal_duties = models.TextField(blank=True)
    jurisdiction = models.CharField(max_length=200, blank=True)
    # Whose law applies (a jurisdictions.Jurisdiction code, e.g. US-CA): the clinic's when
    # the deliberation starts; the clinician may change it (telehealth: where the client is).
    jurisdiction_code = models.CharField(max_length=12, blank=True)
    # When rules were first pinned (shown) on this deliberation: the record shows the law only
    # when set, so a deliberation that never showed any costs the record pages no query.
    law_shown_at = models.DateTimeField(null=True, blank=True)

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
        triggers = [
            pgtrigger.Protect(
                name="signed_deliberation_frozen",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(old__signed_at__isnull=False) & _content_changed(),
            ),
            pgtrigger.Protect(
                name="signed_deliberation_kept",
                operation=pgtrigger.Delete,
                condition=pgtrigger.Q(old__signed_at__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "-updated_at"], name="delib_owner_recent"),
            models.Index(fields=["owner", "status", "-updated_at"], name="delib_owner_status"),
            # Open follow-ups (jobs.followups): My deliberations' "due" box, the supervisor's
            # count and the hourly sweep read only these rows, not every deliberation an
            # owner ever had (docs/scaling.md).
            models.Index(
                fields=["owner", "follow_up_date"],
                condition=Q(follow_up_date__isnull=False, outcome=""),
                name="delib_follow_up_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.client_reference})"

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    @property
    def states_current(self) -> bool:
        """Whether ``step_states`` still describe the content (nothing saved since)."""
        steps = self.framework_version.spec.steps
        return self.states_revision == self.revision and len(self.step_states) == len(steps)

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

    class Meta:
        triggers = [refuse_when_signed("privatereflection_signed")]

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
        triggers = [refuse_when_signed("provisionnote_signed")]
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
        triggers = [refuse_when_signed("stakeholder_signed")]
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class Option(models.Model):
    deliberation = models.ForeignKey(Deliberation, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField("Short name", max_length=120)
    description = models.TextField(blank=True)

    class Meta:
        triggers = [refuse_when_signed("option_signed")]
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
        triggers = [refuse_when_signed("principlemark_signed", via_option=True)]
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
        triggers = [refuse_when_signed("consequence_signed", via_option=True)]
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

    class Meta:
        triggers = [refuse_when_signed("virtuereflection_signed", via_option=True)]

    def __str__(self) -> str:
        return f"Virtues of option {self.option_id}"


class ConsultantKind(models.TextChoices):
    SUPERVISOR = "supervisor", "Supervisor"
    PEER = "peer", "Peer or colleague"
    COMMITTEE = "committee", "Ethics committee"
    LEGAL = "legal", "Legal counsel"
    CODE_BODY = "code_body", "Professional association or board"
    LIBRARY = "library", "The clinic's case library"
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
        triggers = [refuse_when_signed("consultation_signed")]
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
        triggers = [refuse_when_signed("customanswer_signed")]
        constraints = [
            models.UniqueConstraint(
                fields=["deliberation", "step_key", "question_key"], name="one_answer_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.step_key}/{self.question_key}"


class PinnedRule(models.Model):
    """A jurisdiction rule version this deliberation showed, pinned when first shown: the
    record cites it even after a newer version of the rule is published."""

    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="pinned_rules"
    )
    rule_version = models.ForeignKey(
        "jurisdictions.RuleVersion", on_delete=models.PROTECT, related_name="+"
    )
    shown_at = models.DateTimeField()
    # The clinician's judgment on the codes-and-law step: does the rule apply here, and why.
    applies = models.CharField(max_length=20, choices=RuleJudgment.choices, blank=True)
    why = models.TextField(blank=True)

    class Meta:
        triggers = [refuse_when_signed("pinnedrule_signed")]
        ordering = ["shown_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["deliberation", "rule_version"], name="one_pin_per_rule_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule_version} on deliberation {self.deliberation_id}"


class DischargeTick(models.Model):
    """One discharge step of a pinned rule version, done, and when (as the clinician says)."""

    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="discharge_ticks"
    )
    rule_version = models.ForeignKey(
        "jurisdictions.RuleVersion", on_delete=models.PROTECT, related_name="+"
    )
    step = models.PositiveSmallIntegerField(help_text="Index in the version's discharge steps.")
    done_at = models.DateTimeField()
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        triggers = [refuse_when_signed("dischargetick_signed")]
        ordering = ["rule_version_id", "step"]
        constraints = [
            models.UniqueConstraint(
                fields=["deliberation", "rule_version", "step"], name="one_tick_per_step"
            )
        ]

    def __str__(self) -> str:
        return f"step {self.step} of {self.rule_version_id} at {self.done_at}"
