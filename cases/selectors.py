"""Reads for deliberations: one get, one load by purpose, the side panel's scores, the list.

A page or a save asks ``deliberation_get`` for the row and ``deliberation_load`` for the
relations its purpose needs; the step handlers (``cases.steps.HANDLERS``) say which ones each
step needs, so every page and every save runs a fixed, small number of queries.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from django.db import connection
from django.db.models import (
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)

from accounts.models import User
from cases.models import (
    Consequence,
    Consultation,
    Deliberation,
    Option,
    PrincipleMark,
    Stakeholder,
)
from cases.scoring import OptionScore, score, score_options
from cases.steps import HANDLERS, worksheet_relations
from ethicsdesk import access
from ethicsdesk.compiled import CompiledQuery
from frameworks.selectors import pinned_version
from frameworks.typed import Definition, StepDef


class Purpose(StrEnum):
    """What a deliberation is loaded for."""

    FORM = "form"  # the fields of a step's form, to validate a save against
    ANSWER = "answer"  # the answer to an autosave: the step's new state and what it lacks
    PAGE = "page"  # one step page: its form, rows and state, and the stepper
    STATES = "states"  # every step's state, unless the stored ones are current
    WORKSHEET = "worksheet"  # everything the framework version can show (the record)


# The one-to-one and foreign-key rows the whole worksheet shows, joined in the first query.
WORKSHEET_RELATED = ("owner", "reflection", "chosen_option")


def deliberation_get(
    *,
    pk: int,
    related: tuple[str, ...] = (),
    purpose: Purpose | None = None,
    step: StepDef | None = None,
) -> Deliberation | None:
    """The deliberation and its (cached) framework version, in one query. ``related`` joins
    rows it points to (the owner, ...); ``purpose`` loads its rows too (``deliberation_load``),
    and for the whole worksheet joins the rows it shows (owner, reflection, chosen option)."""
    if purpose == Purpose.WORKSHEET:
        related = (*WORKSHEET_RELATED, *related)
    deliberation = _by_id(related).first(pk)
    if deliberation is None:
        return None
    deliberation.framework_version = pinned_version(deliberation.framework_version_id)
    if purpose is not None:
        deliberation_load(deliberation, purpose=purpose, step=step)
    return deliberation


@cache
def _by_id(related: tuple[str, ...]) -> CompiledQuery:
    """One deliberation by id (with the rows ``related`` names joined), compiled once per
    ``related`` (about fifty columns, seventy with the owner's: compiling them was most of
    the Python cost of reading the row, on every save and page)."""
    return CompiledQuery(Deliberation.objects.filter(pk=0).select_related(*related).order_by())


def deliberation_load(
    deliberation: Deliberation, *, purpose: Purpose, step: StepDef | None = None
) -> Deliberation:
    """Prefetch the relations ``purpose`` needs (for ``step``, where it is about one step)."""
    if purpose == Purpose.STATES and deliberation.states_current:
        return deliberation
    if purpose == Purpose.PAGE and _page_needs_worksheet(deliberation, step):
        purpose = Purpose.WORKSHEET
    if purpose in (Purpose.STATES, Purpose.WORKSHEET):
        needs = worksheet_prefetch(deliberation.framework_version.spec)
    else:
        needs = _relations(_step_needs(deliberation, step, purpose))
    prefetch_related_objects([deliberation], *needs)
    return deliberation


def _page_needs_worksheet(deliberation: Deliberation, step: StepDef) -> bool:
    """A step page computes the stepper's states again when the stored ones are out of date,
    and Review and sign lists what every step still misses: both need everything."""
    return not deliberation.states_current or HANDLERS[step.kind].needs_worksheet


def worksheet_prefetch(definition: Definition) -> list:
    """What ``Purpose.WORKSHEET`` prefetches (for ``prefetch_related_objects``, on a batch
    too): every relation the framework version's steps show, the side panel's rows (Review
    and sign scores from them) and the clinic's own questions' answers."""
    names = ["options__marks", "options__consequences", "stakeholders"]
    names += worksheet_relations(definition)
    if any(step.questions for step in definition.steps):
        names.append("custom_answers")
    return _relations(names)


# What each purpose asks of a step's handler (``Step.relations``).
_HANDLER_PURPOSE = {Purpose.FORM: "form", Purpose.ANSWER: "state", Purpose.PAGE: "page"}


def _step_needs(deliberation: Deliberation, step: StepDef, purpose: Purpose) -> list[str]:
    """The relations one step needs, as its handler says: for its form, for the answer to a
    save (its state and what it lacks), or for its page (both, and its rows). The side
    panel's scores are one query of their own (``option_scores``)."""
    definition = deliberation.framework_version.spec
    names = HANDLERS[step.kind].relations(_HANDLER_PURPOSE[purpose], definition)
    if purpose != Purpose.FORM and step.questions:
        names.append("custom_answers")
    return names


def _relations(names: list[str]) -> list:
    """Relation names for ``prefetch_related_objects``, each once, with the options (and
    their virtue) first as one Prefetch, so their marks and consequences attach to them, and
    the consultation entries as one Prefetch joining the colleague's answer an entry may
    hold (asked through EthicsDesk: ``consults``), so its later notes attach to it."""
    names = list(dict.fromkeys(names))
    first = []
    if any(name.split("__")[0] == "options" for name in names):
        first.append(
            Prefetch(
                "options",
                queryset=Option.objects.select_related("virtue").order_by("position", "id"),
            )
        )
        names = [n for n in names if n not in ("options", "options__virtue")]
    if any(name.split("__")[0] == "consultations" for name in names):
        first.append(
            Prefetch(
                "consultations", queryset=Consultation.objects.select_related("received_answer")
            )
        )
        names = [n for n in names if n not in ("consultations", "consultations__received_answer")]
    return [*first, *names]


def option_scores(*, deliberation: Deliberation, principle_keys: list[str]) -> list[OptionScore]:
    """The side panel's numbers for every option, in one query: each option with its marks
    and its estimates (with the stakeholder's name) gathered as JSON by the database. From
    the loaded rows instead when the whole worksheet is loaded already (Review and sign)."""
    if _loaded(deliberation, "stakeholders") and _loaded(deliberation, "options"):
        options = deliberation.options.all()
        if all(_loaded(o, "marks") and _loaded(o, "consequences") for o in options):
            return score_options(
                options=options,
                stakeholders=deliberation.stakeholders.all(),
                principle_keys=principle_keys,
            )
    with connection.cursor() as cursor:
        cursor.execute(_SCORES_SQL, [deliberation.pk])
        rows = cursor.fetchall()
    return [
        score(
            option_id=pk,
            label=label,
            cells=people,
            marks=dict(marks or ()),
            estimates=[tuple(e) for e in estimates or ()],
            principle_keys=principle_keys,
        )
        for pk, label, people, marks, estimates in rows
    ]


# Written out rather than built with the ORM: the same statement through three subqueries
# with JSON aggregates cost more Python per autosave than the two round trips it saves.
_SCORES_SQL = f"""
SELECT o.id, o.label,
    (SELECT count(*) FROM {Stakeholder._meta.db_table} p
        WHERE p.deliberation_id = o.deliberation_id),
    (SELECT json_agg(json_build_array(m.principle_key, m.strength))
        FROM {PrincipleMark._meta.db_table} m WHERE m.option_id = o.id),
    (SELECT json_agg(json_build_array(p.name, c.impact, c.likelihood) ORDER BY p.position, p.id)
        FROM {Consequence._meta.db_table} c JOIN {Stakeholder._meta.db_table} p
        ON p.id = c.stakeholder_id
        WHERE c.option_id = o.id AND p.deliberation_id = o.deliberation_id)
FROM {Option._meta.db_table} o
WHERE o.deliberation_id = %s
ORDER BY o.position, o.id
"""


def _loaded(instance, relation: str) -> bool:
    return relation in getattr(instance, "_prefetched_objects_cache", {})


# -- "My deliberations" -------------------------------------------------------------------

PAGE_SIZE = 25
LIST_FIELDS = (
    "title",
    "client_reference",
    "urgency",
    "status",
    "progress",
    "updated_at",
    "open_threads",  # stored by review.services.review_state_store
    "owner_id",
    "framework_version__number",
    "framework_version__framework__name",
)


def deliberation_list_for(
    *, user: User, status: str = "", query: str = ""
) -> QuerySet[Deliberation]:
    """The user's listed deliberations, filtered, most recently changed first.

    Starts from the access policy's list, never from an owner filter of its own, and joins
    the framework so a page of rows costs one query.
    """
    deliberations = (
        access.deliberations_listed_for(user)
        .select_related("framework_version__framework")
        # The list shows a handful of columns; leave the worksheet text and the framework
        # definitions (large JSON) in the database.
        .only(*LIST_FIELDS)
    )
    if status:
        deliberations = deliberations.filter(status=status)
    if query:
        deliberations = deliberations.filter(
            Q(title__icontains=query) | Q(client_reference__icontains=query)
        )
    # The id breaks ties so a page boundary never repeats or skips a row.
    return deliberations.order_by("-updated_at", "-id")
