"""The library search scenario's data: as many published entries in the first bench clinic
as the bench has deliberations (20,000), so one clinic's library is searched at full size.

Each entry starts from one of the written cases (the worked examples in
``cases/example_data`` and the demo library's two) and is varied by a fixed random seed: a
setting and a person of another age, an extra sentence or two, other tags. PostgreSQL fills
in the search vector and the trigram text as the rows go in (generated columns).
"""

from __future__ import annotations

import random

from django.db import transaction
from django.utils import timezone

from accounts.models import Clinic, Role, User
from cases.examples import example_specs
from cases.models import Deliberation
from library.demo import ENTRIES
from library.models import EntryStatus, LibraryEntry
from library.services import words_store

BATCH = 2_000
CLINIC = "bench-clinic-1"
# (query, what it stands for): short ones take the trigram path, long ones full text only.
QUERIES = [
    "minor",
    "confidentialty",
    "gift",
    "duty to warn",
    "discriminatory hiring",
    "client asks me to keep self-harm secret from parents",
    "should I refer a client whose values conflict with mine",
    "boundaries in a small town dual relationship",
]
_PEOPLE = ["a teenager", "an older adult", "a veteran", "a student", "a parent", "a couple"]
_SETTINGS = ["a school clinic", "a rural practice", "a hospital", "private practice", "telehealth"]
_EXTRA = [
    "Supervision was sought before deciding.",
    "The client was involved in every step of the decision.",
    "Local law was checked with the clinic's counsel.",
    "The decision was revisited at the follow-up session.",
    "A colleague's advice changed the options considered.",
    "Cultural background shaped how the options were weighed.",
    "The risk was reassessed weekly.",
    "Family members were consulted with the client's consent.",
]
_KINDS = ["ethical", "legal", "clinical", "professional"]


def _base_cases() -> list[dict]:
    cases = []
    for spec in example_specs():
        options = spec["options"]
        decision = spec["decision"]
        chosen = next((o for o in options if o["key"] == decision["chosen"]), options[0])
        cases.append(
            {
                "title": spec["title"],
                "situation": "\n".join(f"- {fact}" for fact in spec["facts"]),
                "dilemma": spec["question"],
                "options": "\n\n".join(f"{o['label']}: {o['description']}" for o in options),
                "decision": chosen["label"],
                "rationale": decision["rationale"],
                "tests": "",
                "residue": decision["moral_residue"],
                "lessons": spec.get("lessons", ""),
                "kinds": list(spec["kinds"]),
                "provisions": list(spec["provisions"]),
                "principles": [],
            }
        )
    return cases + [dict(entry) for entry in ENTRIES]


def _entry(rng: random.Random, base: dict, **fixed) -> LibraryEntry:
    person, setting = rng.choice(_PEOPLE), rng.choice(_SETTINGS)
    extra = " ".join(rng.sample(_EXTRA, rng.randint(1, 3)))
    values = dict(base)
    values["title"] = f"{base['title']} ({person}, {setting})"[:200]
    values["situation"] = f"{base['situation']}\n- The client is {person}, seen in {setting}."
    values["rationale"] = f"{base['rationale']} {extra}"
    values["kinds"] = sorted(set(base["kinds"]) | {rng.choice(_KINDS)})
    return LibraryEntry(**values, **fixed)


def entries_ensure(count: int | None = None, seed: int = 2026) -> int:
    """Seed ``count`` published entries in the first bench clinic (once; by default as many
    as the bench has deliberations); how many there are."""
    if count is None:
        count = Deliberation.objects.filter(clinic__slug__startswith="bench-clinic-").count()
    clinic = Clinic.objects.get(slug=CLINIC)
    have = LibraryEntry.objects.filter(clinic=clinic).count()
    if have >= count:
        return have
    from bench.seed import integrated_version

    version = integrated_version()
    author = User.objects.filter(clinic=clinic, role=Role.CLINICIAN).order_by("pk").first()
    reviewer = User.objects.filter(clinic=clinic, role=Role.CLINIC_ADMIN).order_by("pk").first()
    bases = _base_cases()
    now = timezone.now()
    fixed = {
        "clinic": clinic,
        "offered_by": author,
        "reviewed_by": reviewer,
        "framework_version": version,
        "status": EntryStatus.PUBLISHED,
    }
    for start in range(have, count, BATCH):
        rows = []
        for index in range(start, min(start + BATCH, count)):
            rng = random.Random(seed * 1_000_003 + index)
            rows.append(_entry(rng, bases[index % len(bases)], published_at=now, **fixed))
        with transaction.atomic():
            words_store(LibraryEntry.objects.bulk_create(rows))
    return count


def library_accounts(plan_clinicians: list[dict]) -> list[dict]:
    """The bench clinicians of the clinic whose library holds the entries."""
    names = set(
        User.objects.filter(clinic__slug=CLINIC, role=Role.CLINICIAN).values_list(
            "username", flat=True
        )
    )
    return [account for account in plan_clinicians if account["username"] in names]
