"""Why a save stored nothing, and the one htmx answer every save path gives when it refuses.

Nothing typed is lost: a refused save answers "Not saved: <reason> Your text is kept.",
never sends ``X-Revision`` (the browser drops its local copy of the text only on that
header) and never says "Saved". Services return a ``Refusal`` in their ``SaveResult``
(``cases.services``); the rate limit and the database-down handler use the ones below, so
every path words it the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpResponse
from django.template.loader import render_to_string


@dataclass(frozen=True)
class Refusal:
    """A save that stored nothing. ``reason`` is a sentence for the person, lower-case first
    (it follows "Not saved: "); ``status`` and ``retry_after`` shape the htmx answer."""

    reason: str = "the save could not be completed; try again."
    status: int = 200
    retry_after: int | None = None

    @property
    def message(self) -> str:
        return f"Not saved: {self.reason} Your text is kept."


RATE_LIMITED = Refusal("too many saves at once; it is sent again in a moment.", 429, 1)
DATABASE_DOWN = Refusal(
    "the records database can't be reached; it is sent again when it is back.", 503, 5
)


def htmx_refusal(refusal: Refusal) -> HttpResponse:
    """The answer to an htmx save that stored nothing: only the save status, swapped out of
    band (the form and what it holds stay as they are). Rendered without the request, so it
    works with the database down. The page's script shows it for error statuses too."""
    response = HttpResponse(
        render_to_string("includes/not_saved.html", {"message": refusal.message}),
        status=refusal.status,
    )
    response["HX-Reswap"] = "none"
    if refusal.retry_after:
        response["Retry-After"] = str(refusal.retry_after)
    return response
