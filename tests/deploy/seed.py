"""``python -m tests.deploy.seed``: migrate the harness's own database and create the people
and the deliberation the two-server test drives; prints their ids and usernames as JSON."""

from __future__ import annotations

import json
import os
from io import StringIO

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.deploy.server_settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_frameworks", verbosity=0, stdout=StringIO())

    from cases.services import deliberation_create
    from frameworks.models import Framework
    from frameworks.selectors import current_version
    from tests.factories import ClinicFactory, UserFactory

    clinic = ClinicFactory(slug="two-servers", name="Two Servers Clinic")
    clinician = UserFactory(username="dana", clinic=clinic, email="dana@two.example")
    colleague = UserFactory(username="lee", clinic=clinic, email="lee@two.example")
    victim = UserFactory(username="robin", clinic=clinic, email="robin@two.example")
    integrated = current_version(Framework.objects.get(clinic=None, slug="integrated"))
    deliberation = deliberation_create(
        owner=clinician,
        title="Disclosure of a partner's HIV status",
        client_reference="CR-2291",
        framework_version=integrated,
    )
    print(
        json.dumps(
            {
                "clinician": clinician.username,
                "colleague": colleague.username,
                "colleague_id": colleague.pk,
                "victim": victim.username,
                "deliberation": deliberation.pk,
            }
        )
    )


if __name__ == "__main__":
    main()
