"""factory_boy factories shared by the whole test suite."""

from __future__ import annotations

import time

import factory
import pyotp

from accounts.models import Clinic, Role, User
from accounts.second_factor import ALWAYS_REQUIRED, DEMO_TOTP_SECRET, demo_second_factor_ensure

PASSWORD = "correct-horse-42"


# The built-in integrated framework's step keys, in order (frameworks/builtin/integrated.json).
INTEGRATED_STEPS = [
    "dilemma",
    "values_bias",
    "codes_law",
    "stakeholders",
    "options",
    "principles",
    "consequences",
    "character",
    "consultation",
    "decision",
    "review_sign",
    "follow_up",
]


_used_codes: set[tuple[str, str]] = set()


def fresh_code(username: str, secret: str = DEMO_TOTP_SECRET) -> str:
    """A code the app shows now that this account has not used yet: allauth refuses a code
    twice, and a test may sign the same person in twice within one 30-second period; the
    next period's code is accepted too (MFA_TOTP_TOLERANCE)."""
    totp = pyotp.TOTP(secret)
    while True:
        now = time.time()
        for at in (now, now + 30):
            code = totp.at(at)
            if (username, code) not in _used_codes:
                _used_codes.add((username, code))
                return code
        time.sleep(5)


class ClinicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Clinic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Clinic {n}")
    slug = factory.Sequence(lambda n: f"clinic-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    role = Role.CLINICIAN
    clinic = factory.SubFactory(ClinicFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()

    @factory.post_generation
    def second_factor(obj, create, extracted, **kwargs):  # noqa: N805
        """People whose role must have a second factor get an authenticator app with the
        public demo key (accounts.second_factor.DEMO_TOTP_SECRET) unless second_factor=False;
        second_factor=True gives one to anybody."""
        wanted = obj.role in ALWAYS_REQUIRED if extracted is None else extracted
        if create and wanted:
            demo_second_factor_ensure(user=obj)


class SupervisorFactory(UserFactory):
    role = Role.SUPERVISOR


class ClinicAdminFactory(UserFactory):
    role = Role.CLINIC_ADMIN


def minimal_definition() -> dict:
    """A small but complete framework definition (four required steps and one more)."""
    return {
        "schema_version": 1,
        "principles": [
            {"key": "autonomy", "name": "Autonomy", "definition": "The client's right to choose."},
            {"key": "justice", "name": "Justice", "definition": "Treat like cases alike."},
        ],
        "virtues": [{"key": "honest", "name": "Honesty", "definition": "Tell the truth."}],
        "provisions": [
            {
                "key": "confidentiality",
                "topic": "Confidentiality and its limits",
                "text": "Keep what clients share private, and tell them where that ends.",
                "citation": "ACA B.1.c",
                "safety_duty": False,
            },
            {
                "key": "duty-to-protect",
                "topic": "Duty to warn and protect",
                "text": "Act to protect an identifiable person at serious risk.",
                "citation": "ACA B.2.a",
                "safety_duty": True,
            },
        ],
        "steps": [
            {
                "key": kind,
                "kind": kind,
                "title": title,
                "guidance": f"Guidance for {title}.",
                "prompts": [f"A question about {title.lower()}?"],
                "provisions": ["confidentiality"] if kind == "dilemma" else [],
                "questions": [],
            }
            for kind, title in [
                ("dilemma", "The dilemma"),
                ("options", "Options"),
                ("principles", "Principles"),
                ("decision", "Decision"),
                ("review_sign", "Review and sign"),
            ]
        ],
        "sources": ["ACA Code of Ethics (2014)"],
    }


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "frameworks.Framework"

    clinic = factory.SubFactory(ClinicFactory)
    name = factory.Sequence(lambda n: f"Framework {n}")
    slug = factory.Sequence(lambda n: f"framework-{n}")
    summary = "A framework for tests."


class FrameworkVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "frameworks.FrameworkVersion"

    framework = factory.SubFactory(FrameworkFactory)
    number = factory.Sequence(lambda n: n + 1)
    status = "draft"
    definition = factory.LazyFunction(minimal_definition)


class PublishedVersionFactory(FrameworkVersionFactory):
    status = "published"
    published_at = factory.LazyFunction(
        lambda: __import__("django.utils.timezone").utils.timezone.now()
    )


class DeliberationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.Deliberation"

    owner = factory.SubFactory(UserFactory)
    clinic = factory.LazyAttribute(lambda o: o.owner.clinic)
    framework_version = factory.SubFactory(PublishedVersionFactory)
    title = factory.Sequence(lambda n: f"Dilemma {n}")
    client_reference = factory.Sequence(lambda n: f"CR-{n:04d}")
