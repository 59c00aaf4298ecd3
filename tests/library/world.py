"""A small library world: a clinic with an author, a colleague, a reviewer and an admin, a
signed deliberation with identifying details in it, and helpers to publish entries."""

from __future__ import annotations

from django.utils import timezone

from cases.models import Deliberation, Option, PrivateReflection, ProvisionNote, Stakeholder
from library import services
from library.models import EntryStatus, LibraryEntry
from tests.factories import (
    ClinicAdminFactory,
    ClinicFactory,
    DeliberationFactory,
    PublishedVersionFactory,
    UserFactory,
)

PRIVATE = "MY-PRIVATE-VALUES"


def signed_deliberation(owner, version, **fields) -> Deliberation:
    """A deliberation with content, signed (set directly: the signing flow is tested apart)."""
    values = {
        "title": "Client Maria Lopez asks me to keep a secret",
        "client_reference": "CR-7731",
        "facts": [
            "Client Maria Lopez, 16, disclosed on March 3 that she self-harms.",
            "She lives near Riverside Park and called from 555-123-4567.",
        ],
        "question": "Should I tell her parents about the self-harm or keep her confidence?",
        "kinds": ["ethical", "legal"],
        "rationale": "Safety comes first, but I involve her in how her parents are told.",
        "justice_test": "yes",
        "justice_reason": "I would do the same for any minor at this risk.",
        "moral_residue": "Her trust in me is strained.",
    } | fields
    d = DeliberationFactory(owner=owner, framework_version=version, **values)
    PrivateReflection.objects.create(deliberation=d, values=PRIVATE, biases=PRIVATE)
    ProvisionNote.objects.create(deliberation=d, provision_key="confidentiality", note="")
    Stakeholder.objects.create(deliberation=d, name="Ana Lopez", kind="family")
    tell = Option.objects.create(
        deliberation=d, position=1, label="Tell her parents", description="With her present."
    )
    Option.objects.create(deliberation=d, position=2, label="Keep her confidence")
    Deliberation.objects.filter(pk=d.pk).update(
        chosen_option=tell, signed_at=timezone.now(), status="signed"
    )
    d.refresh_from_db()
    return d


def library_world() -> dict:
    clinic = ClinicFactory()
    version = PublishedVersionFactory(framework__clinic=None)
    author = UserFactory(clinic=clinic, first_name="Dana", last_name="Reyes")
    reviewer = UserFactory(clinic=clinic)
    admin = ClinicAdminFactory(clinic=clinic)
    services.reviewer_add(admin=admin, user=reviewer)
    return {
        "clinic": clinic,
        "version": version,
        "author": author,
        "reviewer": reviewer,
        "admin": admin,
        "colleague": UserFactory(clinic=clinic),
        "outsider": UserFactory(clinic=ClinicFactory()),
        "deliberation": signed_deliberation(author, version),
    }


def resolve_all(entry: LibraryEntry, user) -> None:
    for flag in entry.flags.filter(resolution=""):
        services.flag_resolve(flag=flag, user=user, resolution="removed")


def published_entry(w: dict, **text) -> LibraryEntry:
    """An entry offered from a fresh signed deliberation, edited to ``text``, approved."""
    d = signed_deliberation(w["author"], w["version"])
    entry = services.entry_offer(deliberation=d, user=w["author"])
    if text:
        services.entry_save(entry=entry, user=w["author"], data=text)
    resolve_all(entry, w["author"])
    services.entry_submit(entry=entry, user=w["author"])
    services.entry_approve(entry=entry, user=w["reviewer"])
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PUBLISHED
    return entry
