"""What a view's requests are for the audit trail, declared on the view itself.

Every view says either ``@audited(...)`` (it shows or changes clinical content or who may see
it, or it is an administrative change) or ``@not_clinical("why")``. The audit middleware reads
the declaration from the resolved view (``audit.middleware``);
tests/security/test_audit_coverage.py walks the URL configuration and fails on a route whose
view declares neither, and on a clinical route that is not ``@audited``.

Put the declaration on top of the view's other decorators: it sets an attribute on the
function it is given, and a decorator applied after it keeps that attribute only if it uses
``functools.wraps`` (Django's do).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from audit.models import Action

ATTRIBUTE = "audit_declaration"
DELIBERATION = "deliberation"

View = TypeVar("View", bound=Callable)


@dataclass(frozen=True)
class Audited:
    """What a view's requests record.

    ``on_get``/``on_post``: the action a successful GET/POST records (None: not recorded).
    ``confirmed``: the POST action is recorded only when the view confirms the change with
    ``audit_note`` (a form sent back with errors changed nothing). On any view, one that says
    ``audit_note(request, changed=False)`` (a refused or conflicting save) is recorded as a
    view of the page, not as the change.
    ``export_on``: a GET carrying this parameter is an export (a download), not a view.
    ``decision_field``: a POST field named in the event's detail as ``decision=…``.
    """

    object_type: str
    on_get: str | None = None
    on_post: str | None = None
    confirmed: bool = False
    export_on: str = ""
    decision_field: str = ""

    @property
    def actions(self) -> set[str]:
        """Every action this view's successful requests can record."""
        found = {self.on_get, self.on_post} - {None}
        return found | {Action.EXPORT} if self.export_on else found


@dataclass(frozen=True)
class NotClinical:
    """A view that neither shows nor changes clinical content or who may see it: only its
    refusals are recorded (like every refusal of a signed-in user)."""

    why: str


def audited(
    object_type: str,
    *,
    get: str | None = None,
    post: str | None = None,
    confirmed: bool = False,
    export_on: str = "",
    decision_field: str = "",
) -> Callable[[View], View]:
    """Declare what the view's requests record (see ``Audited``)."""
    if get is None and post is None:
        raise ValueError("an audited view records something on GET or POST")
    return _declare(
        Audited(
            object_type,
            on_get=get,
            on_post=post,
            confirmed=confirmed,
            export_on=export_on,
            decision_field=decision_field,
        )
    )


def not_clinical(why: str) -> Callable[[View], View]:
    """Declare that the view neither shows nor changes clinical content or access, and why."""
    if not why.strip():
        raise ValueError("say why the view is not clinical")
    return _declare(NotClinical(why))


def _declare(declared: Audited | NotClinical) -> Callable[[View], View]:
    def mark(view: View) -> View:
        setattr(view, ATTRIBUTE, declared)
        return view

    return mark


def declaration(view: Callable | None) -> Audited | NotClinical | None:
    """The view's declaration; None for a view that declares nothing (Django's admin)."""
    return getattr(view, ATTRIBUTE, None)
