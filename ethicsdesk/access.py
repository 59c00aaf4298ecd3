"""The access policy: who may do what with which object.

Every view asks here; nothing else decides. ``visible`` answers "may this user know the
object exists?" (no: 404); the action checks answer "may they do this with it?" (no: 403).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import Invitation, SupervisionLink, User
from cases.models import Consultation, Deliberation
from cases.steps import HANDLERS
from consults.models import ConsultAnswer
from frameworks.models import Framework, FrameworkVersion, VersionStatus
from frameworks.typed import StepDef
from jurisdictions.models import EDIT_RULES
from library.models import EntryStatus, LibraryEntry, LibraryReviewer
from review.models import Share, Submission


def framework_visible(user: User, framework: Framework) -> bool:
    return framework.clinic_id is None or framework.clinic_id == user.clinic_id


def can_manage_frameworks(user: User) -> bool:
    return user.is_authenticated and user.is_clinic_admin and user.clinic_id is not None


def can_edit_framework(user: User, framework: Framework) -> bool:
    return can_manage_frameworks(user) and framework.clinic_id == user.clinic_id


def can_read_version(user: User, version: FrameworkVersion) -> bool:
    """Admins read every version they can see; others read published or retired ones."""
    if not framework_visible(user, version.framework):
        return False
    return can_manage_frameworks(user) or version.status != VersionStatus.DRAFT


def can_edit_version(user: User, version: FrameworkVersion) -> bool:
    return version.is_draft and can_edit_framework(user, version.framework)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def require_visible(visible: bool) -> None:
    if not visible:
        raise Http404


# -- deliberations ------------------------------------------------------------------------
# A deliberation is read by its owner, by the owner's current supervisor once it has been
# submitted for review (never a private draft), and by a colleague it is shared with while
# the share lasts. Clinic admins never read clinical content. Only the owner writes.

OWNER, SUPERVISOR, CONSULTANT = "owner", "supervisor", "consultant"
RULE_EDITOR_PERMISSION = f"jurisdictions.{EDIT_RULES}"
# The backend that holds permissions (allauth's extends Django's ModelBackend; axes holds none).
PERMISSION_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


def can_start_deliberation(user: User) -> bool:
    return user.is_authenticated and user.is_clinician and user.clinic_id is not None


def deliberation_role(user: User, deliberation) -> str | None:
    """The user's relationship to a deliberation, or None. Cached on the object."""
    if not user.is_authenticated:
        return None
    cache = deliberation.__dict__.setdefault("_access_roles", {})
    if user.pk not in cache:
        cache[user.pk] = _role(user, deliberation)
    return cache[user.pk]


def _role(user: User, deliberation) -> str | None:
    if deliberation.owner_id == user.pk:
        return OWNER
    if not user.is_clinician or user.clinic_id != deliberation.clinic_id:
        return None
    if (
        user.is_supervisor
        and SupervisionLink.objects.filter(
            supervisor=user, clinician_id=deliberation.owner_id, ended_at__isnull=True
        ).exists()
        and Submission.objects.filter(deliberation=deliberation).exists()
    ):
        return SUPERVISOR
    if Share.objects.filter(
        deliberation=deliberation, consultant=user, withdrawn_at__isnull=True
    ).exists():
        return CONSULTANT
    return None


def deliberation_visible(user: User, deliberation) -> bool:
    return deliberation_role(user, deliberation) is not None


def can_edit_deliberation(user: User, deliberation) -> bool:
    return deliberation_role(user, deliberation) == OWNER and not deliberation.is_signed


def can_read_private(user: User, deliberation) -> bool:
    """The own-values-and-bias reflection: the owner and their supervisor, not consultants."""
    return deliberation_role(user, deliberation) in (OWNER, SUPERVISOR)


def can_read_step(user: User, deliberation, step: StepDef) -> bool:
    """One worksheet step: its page, its comment threads and its part of the review history.

    A private step (own values and bias) is the owner's and their supervisor's only, never a
    consultant's; every other step is read by whoever may read the deliberation.
    """
    if HANDLERS[step.kind].private:
        return can_read_private(user, deliberation)
    return deliberation_visible(user, deliberation)


def can_read_every_step(user: User, deliberation) -> bool:
    """The full report (and its review history) holds every step, the private one too."""
    return all(
        can_read_step(user, deliberation, step)
        for step in deliberation.framework_version.spec.steps
    )


def can_comment(user: User, deliberation, step: StepDef) -> bool:
    """Comment on a step, reply and resolve: whoever may read that step."""
    return can_read_step(user, deliberation, step)


def can_review(user: User, deliberation) -> bool:
    return deliberation_role(user, deliberation) == SUPERVISOR


def can_manage_deliberation(user: User, deliberation) -> bool:
    """Submit, share, sign and add addenda: the owner only."""
    return deliberation_role(user, deliberation) == OWNER


def deliberations_listed_for(user: User):
    """The deliberations a user's own list shows: their own."""
    return Deliberation.objects.filter(owner=user)


# -- supervision links --------------------------------------------------------------------
# Clinic admins manage who supervises whom in their own clinic; another clinic's links stay
# out of sight (404), not merely out of reach.


def can_manage_supervision(user: User) -> bool:
    return user.is_authenticated and user.is_clinic_admin and user.clinic_id is not None


def supervision_link_visible(user: User, link: SupervisionLink) -> bool:
    return user.is_authenticated and link.clinic_id == user.clinic_id


# -- people and invitations ----------------------------------------------------------------
# Clinic admins run their own clinic's people; another clinic's people and invitations stay
# out of sight (404). What may be done to a person (not to oneself, not to the last admin)
# depends on the clinic's state: accounts/services.py refuses it with the reason.


def can_manage_people(user: User) -> bool:
    return user.is_authenticated and user.is_clinic_admin and user.clinic_id is not None


def can_manage_clinic_settings(user: User) -> bool:
    """The clinic's own settings (its second-factor policy): its clinic admins."""
    return can_manage_people(user)


# -- jurisdiction rules --------------------------------------------------------------------
# The rules are the installation's legal reference data, shared by every clinic: a clinic
# admin reads them (and sets the clinic's jurisdiction) but never changes them. The
# installation's operator (a superuser) and whoever the operator gives the content editor's
# permission (jurisdictions.edit_rules, in Django's admin) draft, publish, retire and import.


def can_edit_rules(user: User) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    # Django's own lookup of a permission held directly or through a group, in one query
    # (has_perm loads every permission of the user in two).
    return user.is_superuser or (
        User.objects.with_perm(RULE_EDITOR_PERMISSION, backend=PERMISSION_BACKEND)
        .filter(pk=user.pk)
        .exists()
    )


def can_read_rules(user: User) -> bool:
    return can_manage_clinic_settings(user) or can_edit_rules(user)


def person_visible(user: User, person: User) -> bool:
    return (
        user.is_authenticated
        and person.clinic_id is not None
        and person.clinic_id == user.clinic_id
    )


def invitation_visible(user: User, invitation: Invitation) -> bool:
    return user.is_authenticated and invitation.clinic_id == user.clinic_id


# -- the audit trail ----------------------------------------------------------------------


def can_read_audit(user: User) -> bool:
    """Clinic admins and auditors read their clinic's audit trail (never clinical text)."""
    return (
        user.is_authenticated
        and (user.is_clinic_admin or user.is_auditor)
        and user.clinic_id is not None
    )


# -- asking a colleague (consults) ----------------------------------------------------------
# The owner asks colleagues of the clinic for advice on chosen steps. A colleague asked reads
# exactly those steps, read-only, through the request's own pages (never the worksheet's:
# asking gives no role on the deliberation), while the request is open and the deliberation
# unsigned; never the private step. Their answer and the request stay visible to them and to
# the owner afterwards. A request another clinic's or an unrelated colleague's is out of
# sight (404); a colleague asked who may no longer read or answer is refused (403).


def can_ask(user: User, deliberation) -> bool:
    """Ask colleagues about a deliberation: its owner, until it is signed."""
    return can_edit_deliberation(user, deliberation)


def step_askable(step: StepDef) -> bool:
    """A step that may be shown to a colleague asked: never the private reflection, nor the
    closing steps (Review and sign repeats the worksheet; follow-up comes after signing)."""
    handler = HANDLERS[step.kind]
    return not handler.private and not handler.stays_last


def is_asked(user: User, consult_request) -> bool:
    """Whether ``user`` is one of the people asked (cached on the request)."""
    if not user.is_authenticated:
        return False
    cache = consult_request.__dict__.setdefault("_asked", {})
    if user.pk not in cache:
        cache[user.pk] = consult_request.recipients.filter(colleague=user).exists()
    return cache[user.pk]


def consult_request_visible(user: User, consult_request) -> bool:
    """The request, its question and its answers: the owner who asked, and whoever was asked."""
    if not user.is_authenticated or user.clinic_id != consult_request.deliberation.clinic_id:
        return False
    return consult_request.deliberation.owner_id == user.pk or is_asked(user, consult_request)


def consult_request_open(consult_request) -> bool:
    """Open: not closed by the asker, and the deliberation not signed."""
    return not consult_request.is_closed and not consult_request.deliberation.is_signed


def can_read_asked_step(user: User, consult_request, step: StepDef) -> bool:
    return (
        is_asked(user, consult_request)
        and consult_request_open(consult_request)
        and step.key in consult_request.step_keys
        and step_askable(step)
    )


def can_answer(user: User, consult_request) -> bool:
    """Answer (once) and add later notes: a colleague asked, while the request is open."""
    return is_asked(user, consult_request) and consult_request_open(consult_request)


def can_manage_consult_request(user: User, consult_request) -> bool:
    """Close a request, record a group's conclusion: the owner who asked."""
    return consult_request.deliberation.owner_id == user.pk


def can_manage_consult_groups(user: User) -> bool:
    return can_manage_people(user)


def consult_group_visible(user: User, group) -> bool:
    return user.is_authenticated and group.clinic_id == user.clinic_id


def can_change_entry(row) -> bool:
    """A worksheet row the owner may change or remove: any but a consultation entry holding a
    colleague's signed answer (theirs, not the owner's; the database refuses it too)."""
    if not isinstance(row, Consultation):
        return True
    return not ConsultAnswer.objects.filter(consultation=row).exists()


# -- the clinic's case library ------------------------------------------------------------
# A library entry is a de-identified teaching copy, never the record. The clinic's clinicians
# (and its admins, who withdraw entries) read its published entries; nobody outside the
# clinic knows an entry exists. The author offers a signed deliberation of theirs and edits
# the draft copy; a library reviewer (a clinic admin, or a clinician an admin designated)
# edits it while it awaits review and approves it or sends it back; they never approve their
# own. Readers never learn the source deliberation, its author or its client reference.


def can_use_library(user: User) -> bool:
    return (
        user.is_authenticated
        and user.clinic_id is not None
        and (user.is_clinician or user.is_clinic_admin)
    )


def is_library_reviewer(user: User) -> bool:
    """Clinic admins review by default; clinicians when an admin designated them."""
    if not can_use_library(user):
        return False
    if user.is_clinic_admin:
        return True
    cache = user.__dict__.setdefault("_library_reviewer", {})
    if "is" not in cache:
        cache["is"] = LibraryReviewer.objects.filter(user=user, clinic_id=user.clinic_id).exists()
    return cache["is"]


def can_manage_library_reviewers(user: User) -> bool:
    return can_manage_people(user)


def can_offer_to_library(user: User, deliberation) -> bool:
    """After signing, the author only."""
    return deliberation_role(user, deliberation) == OWNER and deliberation.is_signed


def library_entry_visible(user: User, entry: LibraryEntry) -> bool:
    if not can_use_library(user) or entry.clinic_id != user.clinic_id:
        return False
    if entry.status == EntryStatus.PUBLISHED:
        return True
    if entry.offered_by_id == user.pk and entry.status in (
        EntryStatus.DRAFT,
        EntryStatus.IN_REVIEW,
    ):
        return True
    return is_library_reviewer(user) and entry.status != EntryStatus.DRAFT


def can_edit_library_entry(user: User, entry: LibraryEntry) -> bool:
    """The author edits the draft; a reviewer edits it while it awaits review."""
    if not library_entry_visible(user, entry):
        return False
    if entry.status == EntryStatus.DRAFT:
        return entry.offered_by_id == user.pk
    return entry.status == EntryStatus.IN_REVIEW and can_review_library_entry(user, entry)


def can_submit_library_entry(user: User, entry: LibraryEntry) -> bool:
    return entry.offered_by_id == user.pk and entry.status == EntryStatus.DRAFT


def can_review_library_entry(user: User, entry: LibraryEntry) -> bool:
    """Approve or send back: a reviewer of the clinic, never the entry's own author."""
    return (
        entry.status == EntryStatus.IN_REVIEW
        and entry.clinic_id == user.clinic_id
        and entry.offered_by_id != user.pk
        and is_library_reviewer(user)
    )


def can_withdraw_library_entry(user: User, entry: LibraryEntry) -> bool:
    return (
        can_manage_people(user)
        and entry.clinic_id == user.clinic_id
        and entry.status == EntryStatus.PUBLISHED
    )
