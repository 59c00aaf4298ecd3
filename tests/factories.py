"""factory_boy factories shared by the whole test suite."""

from __future__ import annotations

import factory

from accounts.models import Clinic, Role, User

PASSWORD = "correct-horse-42"


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


class SupervisorFactory(UserFactory):
    role = Role.SUPERVISOR


class ClinicAdminFactory(UserFactory):
    role = Role.CLINIC_ADMIN
