"""The demo clinic's case library: two published, de-identified teaching cases, written for
it (no source record), in the spirit of the seeds' worked examples."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.models import Clinic, User
from frameworks.models import Framework
from frameworks.selectors import current_version
from library.models import EntryStatus, LibraryEntry
from library.services import words_store

ENTRIES = [
    {
        "title": "Helping with a plan the clinician finds harmful",
        "situation": (
            "- An adult client in therapy for low mood asked for help to stick to a very\n"
            "  restrictive diet before a family event a few weeks away.\n"
            "- She had been treated for an eating disorder years earlier and said she was fine.\n"
            "- The clinician felt uneasy helping with something likely to harm her."
        ),
        "dilemma": (
            "Should I help a client pursue a goal I believe will harm her, or decline and "
            "risk her leaving therapy?"
        ),
        "options": (
            "Decline: say I cannot help with this goal and explain why.\n\n"
            "Explore and support safely: work on what the goal means to her, share my "
            "concern honestly, agree warning signs and involve a dietitian.\n\n"
            "Help as asked: respect her choice and coach the plan."
        ),
        "decision": "Explore and support safely",
        "rationale": (
            "Her autonomy weighs heavily, but so does non-maleficence given her history. "
            "Declining outright risked losing her altogether (fidelity); coaching the plan "
            "would have been working beyond my competence and against her welfare. Exploring "
            "the goal, being honest about my concern and agreeing warning signs kept her in "
            "care and kept the risk visible."
        ),
        "tests": (
            "Justice: yes, I would do the same for any client with this history.\n"
            "Publicity: yes, I could explain this to colleagues and to her.\n"
            "Universality: yes, I would recommend it to another clinician."
        ),
        "residue": (
            "She felt I was not fully on her side for a while. I named that openly and we "
            "repaired it in the next sessions."
        ),
        "lessons": (
            "Ask early what a goal means to the client; agree concrete warning signs in "
            "writing; bring in a specialist when the risk is outside my competence."
        ),
        "kinds": ["ethical", "clinical"],
        "provisions": ["self-determination", "client-welfare", "competence-referral"],
        "principles": ["autonomy", "non_maleficence"],
    },
    {
        "title": "A client discloses discriminatory hiring at his business",
        "situation": (
            "- A client who owns a small business said, in passing, that he never hires "
            "applicants of one religious group.\n"
            "- He came to therapy for stress and conflict with his business partner.\n"
            "- The clinician found the practice wrong and, in most places, unlawful."
        ),
        "dilemma": (
            "Should I challenge the client's discriminatory hiring, or keep a "
            "non-judgmental stance and stay with the goals he brought?"
        ),
        "options": (
            "Challenge directly: tell him it is discriminatory and unlawful.\n\n"
            "Explore within his goals: ask how the practice affects his business, his "
            "partner conflict and his stress, without imposing my values.\n\n"
            "Say nothing: it is outside the therapy's goals."
        ),
        "decision": "Explore within his goals",
        "rationale": (
            "There is no duty to report here and no one at imminent risk; imposing my own "
            "values would breach the code and likely end the work. Staying silent felt like "
            "collusion. Exploring how the practice connects to his own goals respected his "
            "autonomy and still let the harm to others be named honestly."
        ),
        "tests": (
            "Justice: yes, I would take the same stance with any client's disclosure.\n"
            "Publicity: yes, though some would have wanted a firmer challenge.\n"
            "Universality: yes, with supervision."
        ),
        "residue": (
            "Applicants are still being excluded while the work goes on; I took this to "
            "supervision to keep my own reaction in check."
        ),
        "lessons": (
            "The partner conflict turned out to be partly about this practice; he later "
            "chose to change it. Supervision helped me separate my values from his goals."
        ),
        "kinds": ["ethical", "professional"],
        "provisions": ["not-imposing-values", "cultural-competence", "supervision-consultation"],
        "principles": ["autonomy", "justice"],
    },
]


@transaction.atomic
def demo_library_ensure(*, clinic: Clinic, reviewer: User, author: User) -> list[LibraryEntry]:
    """The two demo entries, published in ``clinic`` (kept as they are when present)."""
    version = current_version(Framework.objects.get(clinic=None, slug="integrated"))
    entries = []
    for spec in ENTRIES:
        entry = LibraryEntry.objects.filter(clinic=clinic, title=spec["title"]).first()
        if entry is None:
            entry = LibraryEntry.objects.create(
                clinic=clinic,
                offered_by=author,
                framework_version=version,
                status=EntryStatus.PUBLISHED,
                reviewed_by=reviewer,
                published_at=timezone.now(),
                **spec,
            )
        entries.append(entry)
    words_store(entries)
    return entries
