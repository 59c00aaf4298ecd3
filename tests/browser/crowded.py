"""A deliberation as full as a real one gets, for layout tests: four options with long names,
six principles marked with long reasons, four stakeholders, every consequence estimated."""

from __future__ import annotations

from itertools import cycle

from cases.models import Consequence, Deliberation, Option, PrincipleMark, Stakeholder
from cases.services import deliberation_create
from frameworks.models import Framework
from frameworks.selectors import current_version

OPTIONS = [
    "Respect the client's wish to stay silent",
    "Support an anonymous report through channels",
    "Refer to a colleague for this part of the work",
    "Invite the client to a joint review with the supervisor",
]
STAKEHOLDERS = [
    "The client",
    "Job applicants screened out by ethnicity",
    "The counsellor",
    "The employer's human resources department",
]
REASON = (
    "Respecting the client's decision keeps the working alliance intact, but it leaves the "
    "applicants without any protection and the counsellor carrying what she knows alone ({n})."
)


def crowded_deliberation(owner) -> Deliberation:
    version = current_version(Framework.objects.get(clinic=None, slug="integrated"))
    d = deliberation_create(
        owner=owner,
        title="Employer's discriminatory hiring disclosed",
        client_reference="CR-4471",
        framework_version=version,
    )
    options = Option.objects.bulk_create(
        [Option(deliberation=d, position=i, label=label) for i, label in enumerate(OPTIONS)]
    )
    people = Stakeholder.objects.bulk_create(
        [
            Stakeholder(
                deliberation=d,
                position=i,
                name=name,
                kind="client" if i == 0 else "third_party",
                involved="yes" if i == 0 else "",
            )
            for i, name in enumerate(STAKEHOLDERS)
        ]
    )
    strengths = cycle([2, -2, 1, -1, 0])
    PrincipleMark.objects.bulk_create(
        [
            PrincipleMark(
                option=o,
                principle_key=p["key"],
                strength=next(strengths),
                reason=REASON.format(n=f"{i}.{j}"),
            )
            for i, o in enumerate(options)
            for j, p in enumerate(version.definition["principles"])
        ]
    )
    impacts = cycle([3, -3, 1, -2, 0])
    Consequence.objects.bulk_create(
        [
            Consequence(option=o, stakeholder=s, impact=next(impacts), likelihood=90)
            for o in options
            for s in people
        ]
    )
    return d
