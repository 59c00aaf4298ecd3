"""The benchmark's data set: clinics, people and complete deliberations, by bulk inserts.

The worksheet text comes from the worked examples (``cases/example_data``): each seeded
deliberation starts from one example and takes extra options and stakeholders from the
others, so it has 3–5 options, 4–8 stakeholders and every step filled. Everything is
derived from a fixed random seed, so two runs build the same data set.

Rows of a deliberation go in before it is signed (the database refuses them afterwards);
review records, audit events and signed snapshots follow in ``bench.seed_records``.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Clinic, Role, SupervisionLink, User
from cases.examples import DECISION_TEXT, DELIBERATION_TEXT, TESTS, example_specs
from cases.models import (
    Consequence,
    Consultation,
    Deliberation,
    Option,
    PrincipleMark,
    PrivateReflection,
    ProvisionNote,
    Stakeholder,
    Status,
    VirtueReflection,
)
from cases.scoring import LIKELIHOODS
from frameworks.models import Framework, FrameworkVersion
from frameworks.selectors import current_version

PASSWORD = "bench-pass-2026"  # noqa: S105 - the throwaway bench accounts' shared password
CLINIC_SLUG = "bench-clinic-{}"
# fmt: off
FIRST = ["Ana", "Ben", "Chloe", "Dev", "Esme", "Farid", "Grace", "Hugo", "Iris", "Jonah", "Kemi",
         "Liam", "Maya", "Nils", "Olu", "Priya"]
LAST = ["Abara", "Brandt", "Castillo", "Dube", "Eriksen", "Fong", "Gallo", "Haddad", "Ivanova",
        "Jensen", "Novak", "Okoro"]
# fmt: on
TITLES = ["LPC", "LCSW", "Clinical psychologist", "LMFT", "Counselling psychologist"]


@dataclass(frozen=True)
class Plan:
    clinics: int = 3
    clinicians: int = 60
    supervisors: int = 12
    deliberations: int = 20_000
    signed: int = 2_000
    batch: int = 500
    seed: int = 2026

    @classmethod
    def at_scale(cls, deliberations: int, *, signed: int | None = None) -> Plan:
        """The same people and the same proportions (a tenth signed; per deliberation the
        same rows, review records and audit events) at another number of deliberations."""
        if signed is None:
            signed = deliberations * cls.signed // cls.deliberations
        return cls(deliberations=deliberations, signed=signed)


@dataclass
class People:
    clinics: list[Clinic]
    clinicians: list[User]
    supervisors: list[User]
    admins: list[User]
    supervisor_of: dict[int, User] = field(default_factory=dict)  # clinician id -> supervisor


def status_for(index: int, plan: Plan) -> str:
    """``plan.signed`` signed, 12% in review, 4% with changes requested, the rest drafts.

    A multiplicative shuffle of the index spreads each status over every owner (owners
    take turns by index).
    """
    n = plan.deliberations
    shuffled = (index * 7919) % n if math.gcd(7919, n) == 1 else index
    if shuffled < plan.signed:
        return Status.SIGNED
    rest = (shuffled - plan.signed) / max(n - plan.signed, 1)
    if rest < 0.12:
        return Status.IN_REVIEW
    if rest < 0.16:
        return Status.CHANGES_REQUESTED
    return Status.DRAFT


def reviewed_before_signing(index: int) -> bool:
    """Half of the signed deliberations went through review and were co-signed."""
    return (index * 2654435761 >> 16) % 2 == 0  # a hash bit: not tied to the owner


def people_create(plan: Plan, *, framework: Framework, password: str = PASSWORD) -> People:
    """Clinics, clinicians, supervisors (each over an equal share of their clinic's
    clinicians) and one clinic admin per clinic. All share one password, hashed once."""
    hashed = make_password(password)
    clinics = Clinic.objects.bulk_create(
        Clinic(name=f"Bench clinic {n}", slug=CLINIC_SLUG.format(n), default_framework=framework)
        for n in range(1, plan.clinics + 1)
    )

    def user(username: str, role: str, n: int, clinic: Clinic) -> User:
        return User(
            username=username,
            password=hashed,
            role=role,
            clinic=clinic,
            first_name=FIRST[n % len(FIRST)],
            last_name=LAST[(n * 7) % len(LAST)],
            email=f"{username}@bench.invalid",
            professional_title=TITLES[n % len(TITLES)] if role != Role.CLINIC_ADMIN else "",
        )

    per_clinic = plan.clinicians // plan.clinics
    clinicians = User.objects.bulk_create(
        user(f"bench-c{n:03}", Role.CLINICIAN, n, clinics[min(n // per_clinic, plan.clinics - 1)])
        for n in range(plan.clinicians)
    )
    sup_per_clinic = plan.supervisors // plan.clinics
    supervisors = User.objects.bulk_create(
        user(f"bench-s{n:03}", Role.SUPERVISOR, n + 3, clinics[n // sup_per_clinic])
        for n in range(plan.supervisors)
    )
    admins = User.objects.bulk_create(
        user(f"bench-a{n:03}", Role.CLINIC_ADMIN, n + 5, clinic) for n, clinic in enumerate(clinics)
    )
    result = People(clinics, clinicians, supervisors, admins)
    links = []
    for c, clinic in enumerate(clinics):
        own = [u for u in clinicians if u.clinic_id == clinic.pk]
        sups = supervisors[c * sup_per_clinic : (c + 1) * sup_per_clinic]
        for n, clinician in enumerate(own):
            supervisor = sups[n % len(sups)]
            result.supervisor_of[clinician.pk] = supervisor
            links.append(
                SupervisionLink(
                    clinic=clinic, supervisor=supervisor, clinician=clinician, created_by=admins[c]
                )
            )
    SupervisionLink.objects.bulk_create(links)
    return result


def integrated_version() -> FrameworkVersion:
    framework = Framework.objects.filter(clinic=None, slug="integrated").first()
    version = current_version(framework) if framework else None
    if version is None:
        raise RuntimeError("No published integrated framework: run `manage.py load_frameworks`.")
    return version


@dataclass
class Draft:
    """One deliberation as it is being built, before and after its rows have ids."""

    index: int
    status: str
    spec: dict
    options: list[dict]
    people: list[dict]
    created_at: datetime
    updated_at: datetime
    decided_at: datetime
    row: Deliberation | None = None
    option_rows: list[Option] = field(default_factory=list)
    stakeholder_rows: list[Stakeholder] = field(default_factory=list)


def _pick(rng: random.Random, specs: list[dict], now: datetime) -> tuple:
    base = rng.choice(specs)
    others = [s for s in specs if s is not base]
    extra_options = [o for s in others for o in s["options"]]
    # One of each stakeholder: every example has the client and the clinician.
    keys = {p["key"] for p in base["stakeholders"]}
    extra_people = [p for s in others for p in s["stakeholders"] if p["key"] not in keys]
    extra_people = list({p["key"]: p for p in extra_people}.values())
    options = base["options"] + rng.sample(extra_options, rng.randint(0, 2))
    people = base["stakeholders"] + rng.sample(extra_people, rng.randint(0, 4))
    age = rng.uniform(5, 720)  # days since it was started
    created = now - timedelta(days=age)
    decided = created + timedelta(days=age * rng.uniform(0.2, 0.6))
    updated = decided + timedelta(days=(age - (decided - created).days) * rng.uniform(0.1, 0.9))
    return base, options, people, created, min(updated, now), decided


def drafts_for(plan: Plan, start: int, stop: int, specs: list[dict]) -> list[Draft]:
    now = timezone.now()
    drafts = []
    for index in range(start, stop):
        rng = random.Random(plan.seed * 1_000_003 + index)
        base, options, people, created, updated, decided = _pick(rng, specs, now)
        drafts.append(
            Draft(index, status_for(index, plan), base, options, people, created, updated, decided)
        )
    return drafts


def _deliberation(d: Draft, owner: User, version: FrameworkVersion) -> Deliberation:
    spec = d.spec
    row = Deliberation(
        owner=owner,
        clinic_id=owner.clinic_id,
        framework_version=version,
        title=f"{spec['title'].removeprefix('Example: ')} (case {d.index + 1})",
        client_reference=f"BN-{d.index + 1:05}",
        urgency=spec["urgency"],
        status=Status.DRAFT if d.status == Status.SIGNED else d.status,
        progress=100,
        # Every step is filled, so every step is complete; stored as the worksheet stores
        # them after a page view (tests/bench/test_seed.py checks them against the rows).
        step_states=["complete"] * len(version.spec.steps),
        states_revision=1,
        facts=spec["facts"],
        assumptions=spec["assumptions"],
        kinds=spec["kinds"],
        code_settles=spec["code_settles"],
        follow_up_date=(d.decided_at + timedelta(days=28)).date(),
    )
    for name in DELIBERATION_TEXT:
        setattr(row, name, spec[name])
    for name in DECISION_TEXT:
        setattr(row, name, spec["decision"][name])
    for name in TESTS:
        answer, reason = spec["decision"][name]
        setattr(row, name, answer)
        setattr(row, name.replace("_test", "_reason"), reason)
    return row


def _estimate(rng: random.Random, option: dict, person: dict) -> tuple[int, int]:
    if person["key"] in option["consequences"]:
        return tuple(option["consequences"][person["key"]])
    return rng.randint(-2, 2), rng.choice([value for value, _ in LIKELIHOODS])


def _without_key(spec: dict) -> dict:
    return {name: value for name, value in spec.items() if name != "key"}


def copy_rows(model, fields: list[str], rows: list[tuple]) -> int:
    """Insert ``rows`` (values in ``fields`` order) with COPY: several times faster than
    bulk_create for rows whose ids nobody needs back. Row triggers still fire."""
    table = model._meta.db_table
    columns = ", ".join(model._meta.get_field(name).column for name in fields)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)
    return len(rows)


def _insert_rows(drafts: list[Draft], plan: Plan) -> int:
    """Every row of the worksheet for a batch of inserted deliberations; returns the count."""
    stakeholders, options = [], []
    for d in drafts:
        d.stakeholder_rows = [
            Stakeholder(deliberation=d.row, position=n, **_without_key(person))
            for n, person in enumerate(d.people, start=1)
        ]
        d.option_rows = [
            Option(deliberation=d.row, position=n, label=o["label"], description=o["description"])
            for n, o in enumerate(d.options, start=1)
        ]
        stakeholders += d.stakeholder_rows
        options += d.option_rows
    # These two give their ids to the estimates and marks below.
    Stakeholder.objects.bulk_create(stakeholders)
    Option.objects.bulk_create(options)

    reflections, notes, consultations, marks, consequences, virtues = [], [], [], [], [], []
    for d in drafts:
        spec, pk = d.spec, d.row.pk
        r = spec["reflection"]
        reflections.append((pk, r["values"], r["biases"], r["effects"], r["safeguards"]))
        notes += [(pk, key, note) for key, note in spec["provisions"].items()]
        consultations += [
            (
                pk,
                n,
                c["consultant"],
                c["kind"],
                (d.created_at + timedelta(days=n * 3)).date(),
                c["advice"],
            )
            for n, c in enumerate(spec["consultations"], start=1)
        ]
        rng = random.Random(plan.seed * 7 + d.index)
        for option, spec_option in zip(d.option_rows, d.options, strict=True):
            marks += [
                (option.pk, key, strength, reason)
                for key, (strength, reason) in spec_option["marks"].items()
            ]
            for person, spec_person in zip(d.stakeholder_rows, d.people, strict=True):
                impact, likely = _estimate(rng, spec_option, spec_person)
                consequences.append((option.pk, person.pk, impact, likely, ""))
            v = spec_option["virtue"]
            virtues.append((option.pk, v["expressed"], v["strained"], v["reflection"]))
    return (
        len(drafts)
        + len(stakeholders)
        + len(options)
        + copy_rows(
            PrivateReflection,
            ["deliberation", "values", "biases", "effects", "safeguards"],
            reflections,
        )
        + copy_rows(ProvisionNote, ["deliberation", "provision_key", "note"], notes)
        + copy_rows(
            Consultation,
            ["deliberation", "position", "consultant", "kind", "consulted_on", "advice"],
            consultations,
        )
        + copy_rows(PrincipleMark, ["option", "principle_key", "strength", "reason"], marks)
        + copy_rows(
            Consequence, ["option", "stakeholder", "impact", "likelihood", "note"], consequences
        )
        + copy_rows(VirtueReflection, ["option", "expressed", "strained", "reflection"], virtues)
    )


def _set_dates_and_choice(drafts: list[Draft]) -> None:
    """auto_now fields ignore what bulk_create was given: one UPDATE sets the real dates and
    the chosen option (which needed the options' ids)."""
    chosen = []
    for d in drafts:
        keys = [o["key"] for o in d.options]
        chosen.append(d.option_rows[keys.index(d.spec["decision"]["chosen"])].pk)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE cases_deliberation d
               SET created_at = v.created, updated_at = v.updated, decided_at = v.decided,
                   chosen_option_id = v.chosen
              FROM unnest(%s::bigint[], %s::timestamptz[], %s::timestamptz[],
                          %s::timestamptz[], %s::bigint[])
                   AS v(id, created, updated, decided, chosen)
             WHERE d.id = v.id
            """,
            [
                [d.row.pk for d in drafts],
                [d.created_at for d in drafts],
                [d.updated_at for d in drafts],
                [d.decided_at for d in drafts],
                chosen,
            ],
        )


def deliberations_create(
    plan: Plan, people: People, version: FrameworkVersion, start: int, stop: int
) -> tuple[list[Draft], int]:
    """Deliberations ``start``..``stop`` with all their rows, in one transaction."""
    specs = example_specs()
    drafts = drafts_for(plan, start, stop, specs)
    with transaction.atomic():
        rows = [
            _deliberation(d, people.clinicians[d.index % len(people.clinicians)], version)
            for d in drafts
        ]
        Deliberation.objects.bulk_create(rows)
        for d, row in zip(drafts, rows, strict=True):
            d.row = row
        count = _insert_rows(drafts, plan)
        _set_dates_and_choice(drafts)
    return drafts, count
