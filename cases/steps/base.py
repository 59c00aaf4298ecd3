"""What every step kind shares: the handler base classes, the matrix field names, the upsert.

Each handler works on a deliberation whose relations are prefetched (see ``cases.selectors``),
so computing a step's state costs no queries. Every method takes the deliberation and the
typed framework definition first, then the step, then the submitted data.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django import forms

from cases.forms import ROW_FORMS, text
from cases.models import CustomAnswer, Deliberation
from cases.steps.cells import Cell
from ethicsdesk import page_fields
from frameworks.typed import Definition, StepDef

EMPTY, STARTED, COMPLETE = "empty", "started", "complete"
FIELDS_TEMPLATE = "cases/steps/_fields.html"


@dataclass(frozen=True, eq=False)
class MatrixNames:
    """The one home of matrix field names, ``<part>__<key>[__<key>]`` (``mark__12__autonomy``):
    built here, parsed here, recognised here. ``parts`` maps each part to the model field
    its value is stored in."""

    parts: dict[str, str]

    def name(self, part: str, *key: object) -> str:
        if part not in self.parts:
            raise KeyError(part)
        return "__".join([part, *(str(k) for k in key)])

    def prefix(self, part: str) -> str:
        """What ``needs`` lists to mark every cell of one part as needed to sign."""
        return self.name(part) + "__"

    def owns(self, name: str) -> bool:
        part, sep, rest = name.partition("__")
        return bool(sep and rest) and part in self.parts

    def key(self, name: str) -> str:
        """The raw key after the part (``q__why`` -> ``why``)."""
        return name.partition("__")[2]

    def parse(self, name: str) -> tuple[str, tuple] | None:
        """(part, key) of a matrix field; digits become ints (option and stakeholder ids)."""
        if not self.owns(name):
            return None
        part, _, rest = name.partition("__")
        return part, tuple(int(x) if x.isdigit() else x for x in rest.split("__"))

    def cells(self, data: dict, convert: Callable = lambda field, value: value) -> dict:
        """Submitted matrix fields grouped by cell: {key: {model field: value}}."""
        cells: dict[tuple, dict] = {}
        for name, value in data.items():
            parsed = self.parse(name)
            if parsed is None:
                continue
            part, key = parsed
            field = self.parts[part]
            cells.setdefault(key, {})[field] = convert(field, value)
        return cells


# The clinic's own questions of a step: ``q__<question key>``.
QUESTIONS = MatrixNames({"q": "answer"})


def upsert(model, cells: dict[tuple, dict], unique_fields: list[str]) -> None:
    """Insert or update one row per cell, writing only the fields that were submitted.

    Cells are grouped by the set of fields they carry, so a full form is one query.
    """
    groups: dict[tuple[str, ...], list] = {}
    for key, values in cells.items():
        fields = tuple(sorted(values))
        row = model(**dict(zip(unique_fields, key, strict=True)), **values)
        groups.setdefault(fields, []).append(row)
    for fields, rows in groups.items():
        model.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=unique_fields, update_fields=list(fields)
        )


def int_or_none(field: str, value):
    """A matrix cell's number ("" clears it); its reason stays text."""
    if field in ("strength", "impact", "likelihood"):
        return int(value) if value not in ("", None) else None
    return value


def filled_count(*values) -> int:
    return sum(1 for v in values if v not in (None, "", [], {}))


def state_of(filled: int, missing: list[str]) -> str:
    if not missing:
        return COMPLETE
    return STARTED if filled else EMPTY


class Step:
    """The base handler: custom questions and the state computed from ``missing``."""

    kind = ""
    template = FIELDS_TEMPLATE  # the step's part of the page, inside its form
    rows: tuple[str, ...] = ()  # row kinds edited on this step (cases.forms.ROW_FORMS)
    form_needs: tuple[str, ...] = ()  # relations the form's fields are built from
    state_needs: tuple[str, ...] = ()  # relations the step's state is computed from
    review_needs: tuple[str, ...] = ()  # what the review panel lists here: submissions, shares
    # Review and sign lists what every step still misses: its page loads the whole worksheet.
    needs_worksheet = False
    shows_panel = True
    wide = False  # a wide matrix: the side panel goes below it
    # A private step (the own-values-and-bias reflection) is read by the owner and their
    # supervisor only: ethicsdesk.access.can_read_step asks here.
    private = False
    signing_needs = True  # whether signing needs anything from this step
    stays_last = False  # the framework editor adds new steps before these
    # A matrix step's cell names (``MatrixNames``); its cells are laid out by ``layout``.
    matrix: MatrixNames | None = None
    # The fields ``missing`` checks, marked "needed before you can sign" on the page: a form
    # field's name, or a prefix ending in "__" for every cell of a matrix.
    needs: tuple[str, ...] = ()
    row_needs: tuple[str, ...] = ()  # the same for the fields of each row (stakeholders, ...)
    rows_notice = ""  # said above the step's rows
    head_css: tuple[str, ...] = ()  # static files the step's page adds
    head_js: tuple[str, ...] = ()
    urgent_banner = False  # an autosave of this step may change the urgency banner
    glossary: tuple[str, str] | None = None  # (heading, Definition attribute) for the preview

    def relations(self, purpose: str, definition: Definition) -> list[str]:
        """The relations to prefetch for a purpose: "form" (bind and save the form), "state"
        (the step's state and what it misses), "page" (both, and the rows it edits)."""
        if purpose == "form":
            return list(self.form_needs)
        if purpose == "state":
            return list(self.state_needs)
        rows = [ROW_FORMS[kind][1] for kind in self.row_kinds(definition)]
        return [*self.form_needs, *self.state_needs, *rows]

    def needed_fields(self, row=None) -> tuple[str, ...]:
        """The fields of the step's form (or of one of its rows) that signing needs."""
        return self.row_needs if row is not None else self.needs

    def row_kinds(self, definition: Definition) -> tuple[str, ...]:
        """The rows edited on this step for a given framework version."""
        return self.rows

    def shows_form(self, d: Deliberation) -> bool:
        """Whether the page has the step's form (Review and sign has none)."""
        return True

    def body_template(self, d: Deliberation) -> str:
        return self.template

    def in_layout(self, name: str) -> bool:
        """Whether a field is placed by the step's template rather than listed in order."""
        return QUESTIONS.owns(name) or (self.matrix is not None and self.matrix.owns(name))

    def page_form(self, d: Deliberation, definition: Definition, step: StepDef, *, disabled: bool):
        """The form a GET page shows (its fields unbound: ``ethicsdesk.page_fields``), and
        where ``layout`` finds its cells (here: the form)."""
        form = self.build_form(d, definition, step, page=True)
        return form, form

    def layout(self, d: Deliberation, definition: Definition, step: StepDef, cells) -> list:
        """The rows of a matrix step, each with its cells (``cells[name]``: a bound field of
        the form, or a ``Cell`` on a GET page)."""
        return []

    def page_context(self, d: Deliberation, definition: Definition, step: StepDef, **page) -> dict:
        """What the step's template shows beyond its form (``page``: the stepper, states...)."""
        return {}

    def fields(self, d: Deliberation, definition: Definition) -> dict[str, forms.Field]:
        return {}

    def initial(self, d: Deliberation, definition: Definition) -> dict:
        return {}

    def save(self, d: Deliberation, definition: Definition, data: dict) -> list[str]:
        """Write ``data`` (only the valid fields). Returns the Deliberation fields changed."""
        return []

    def missing(self, d: Deliberation, definition: Definition) -> list[str]:
        return []

    def filled(self, d: Deliberation, definition: Definition) -> int:
        return 0

    def state(self, d: Deliberation, definition: Definition, step: StepDef) -> str:
        answered = 0
        if step.questions:
            answered = sum(
                1 for a in d.custom_answers.all() if a.step_key == step.key and a.answer.strip()
            )
        return state_of(self.filled(d, definition) + answered, self.missing(d, definition))

    # -- the form, with the clinic's own questions appended --------------------------------

    def build_form(
        self, d: Deliberation, definition: Definition, step: StepDef, data=None, *, page=False
    ) -> forms.Form:
        """The step's form; bound to ``data`` for a save, when no initial values are read.
        ``page``: its fields as a GET page shows them, without a Django form."""
        return self.make_form(d, definition, step, self.fields(d, definition), data, page=page)

    def make_form(
        self,
        d: Deliberation,
        definition: Definition,
        step: StepDef,
        fields: dict,
        data=None,
        *,
        page: bool = False,
    ) -> forms.Form:
        initial: dict = {}
        answers: dict = {}
        if data is None:
            initial = self.initial(d, definition)
            if step.questions:
                answers = {
                    a.question_key: a.answer
                    for a in d.custom_answers.all()
                    if a.step_key == step.key
                }
        for q in step.questions:
            name = QUESTIONS.name("q", q.key)
            fields[name] = text(q.text, rows=3)
            if data is None:
                initial[name] = answers.get(q.key, "")
        if page:
            return page_fields.page_form(fields, initial)
        form = forms.Form(data=data, initial=initial, auto_id="id_%s")
        form.fields.update(fields)
        return form

    def saves_only_the_row(self, d: Deliberation, data: dict) -> bool:
        """Whether saving ``data`` changes nothing but the deliberation's own columns, so the
        service's one guarded UPDATE is the whole write (``cases.services._with_retry``)."""
        return False

    def save_form(
        self, d: Deliberation, definition: Definition, step: StepDef, data: dict
    ) -> list[str]:
        answers = [
            CustomAnswer(
                deliberation=d, step_key=step.key, question_key=QUESTIONS.key(name), answer=value
            )
            for name, value in data.items()
            if QUESTIONS.owns(name)
        ]
        if answers:
            CustomAnswer.objects.bulk_create(
                answers,
                update_conflicts=True,
                unique_fields=["deliberation", "step_key", "question_key"],
                update_fields=["answer"],
            )
        return self.save(d, definition, {k: v for k, v in data.items() if not QUESTIONS.owns(k)})


class ModelFieldsStep(Step):
    """A step whose fields are plain columns of the Deliberation (or of one related row)."""

    required: tuple[tuple[str, str], ...] = ()  # (field, what is missing)

    @property
    def needs(self):  # type: ignore[override]
        return tuple(name for name, _ in self.required)

    _names: tuple[str, ...] | None = None

    def target(self, d: Deliberation):
        return d

    def field_names(self, d: Deliberation, definition: Definition) -> tuple[str, ...]:
        """The columns the step edits: the same for every deliberation (only a field's
        choices may differ), so read from its fields once per process; building the fields
        again for their names cost 0.3-0.6 ms (Dilemma, Decision) on every page and save."""
        if self._names is None:
            self._names = tuple(self.fields(d, definition))
        return self._names

    def initial(self, d, definition):
        target = self.target(d)
        return {name: getattr(target, name) for name in self.field_names(d, definition)}

    def saves_only_the_row(self, d, data):
        return self.target(d) is d and not any(QUESTIONS.owns(name) for name in data)

    def save(self, d, definition, data):
        target = self.target(d)
        for name, value in data.items():
            setattr(target, name, value)
        if target is d:
            return list(data)
        if data:
            target.save(update_fields=list(data))
        return []

    def missing(self, d, definition):
        target = self.target(d)
        return [message for name, message in self.required if not getattr(target, name)]

    def filled(self, d, definition):
        target = self.target(d)
        return filled_count(*(getattr(target, name) for name in self.field_names(d, definition)))


class RowsStep(Step):
    """A step made of rows (stakeholders, options, consultations) edited one row at a time."""

    row_kind = ""

    @property
    def rows(self):  # type: ignore[override]
        return (self.row_kind,)

    def items(self, d: Deliberation) -> list:
        return list(getattr(d, self.row_kind).all())

    def filled(self, d, definition):
        return len(self.items(d))


class MatrixStep(Step, ABC):
    """A step whose cells pair two things (option × principle, option × stakeholder).

    Its GET page writes the cells straight from one field per part (``cases.steps.cells``)
    instead of building and rendering 96-192 bound fields; a POST builds every cell's field
    and the form validates them all."""

    matrix: MatrixNames

    @abstractmethod
    def cells(self, d: Deliberation, definition: Definition) -> Iterator[tuple[str, str, str]]:
        """(part, field name, label) of every cell, in page order."""

    @abstractmethod
    def cell_field(self, part: str, label: str) -> forms.Field:
        """The field of one cell of ``part`` (a mark, a why, an effect, a likelihood)."""

    def own_fields(self, d: Deliberation, definition: Definition) -> dict[str, forms.Field]:
        """The fields below the matrix."""
        return {}

    def fields(self, d, definition):
        cells = {
            name: self.cell_field(part, label) for part, name, label in self.cells(d, definition)
        }
        return cells | self.own_fields(d, definition)

    def page_form(self, d, definition, step, *, disabled):
        form = self.make_form(d, definition, step, self.own_fields(d, definition), page=True)
        kinds = {part: self.cell_field(part, "") for part in self.matrix.parts}
        cells = {
            name: Cell(name, kinds[part], form.initial.get(name), label=label, disabled=disabled)
            for part, name, label in self.cells(d, definition)
        }
        return form, cells
