"""The case library's rows of the route x role matrix and its audit samples (kept apart so
the library's routes are declared in one place; test_route_matrix.py and
test_audit_coverage.py merge them)."""

from __future__ import annotations

from django.urls import reverse

from library import services
from tests.library.world import resolve_all, signed_deliberation


def _library(w: dict) -> dict:
    """The owner's signed deliberations and their library entries, made on first use: one
    published, one awaiting review, one draft (with its flags open)."""
    if "library" not in w:
        owner, admin = w["people"]["owner"], w["people"]["admin"]
        entries = {}
        for state in ("published", "in_review", "draft"):
            d = signed_deliberation(owner, w["builtin"])
            entry = services.entry_offer(deliberation=d, user=owner)
            if state != "draft":
                resolve_all(entry, owner)
                services.entry_submit(entry=entry, user=owner)
            if state == "published":
                services.entry_approve(entry=entry, user=admin)
            entries[state] = entry
        w["library"] = entries | {"signed": signed_deliberation(owner, w["builtin"])}
    return w["library"]


def _entry(w: dict, state: str) -> int:
    return _library(w)[state].pk


def _draft_flag(w: dict) -> tuple[int, int]:
    entry = _library(w)["draft"]
    return entry.pk, entry.flags.first().pk


def routes(statuses, owner_only, admin_page) -> dict:
    D = "deliberation"
    return {
        "library:search": ("get", lambda w: reverse("library:search"), statuses(everyone=200)),
        "library:work": ("get", lambda w: reverse("library:work"), statuses(everyone=200)),
        "library:reviewers": ("get", lambda w: reverse("library:reviewers"), admin_page()),
        # Published: the clinic's clinicians and admin read it; another clinic never finds it.
        "library:entry": (
            "get",
            lambda w: reverse("library:entry", args=[_entry(w, "published")]),
            statuses(clinic_a=200, admin=200, clinic_b=404),
        ),
        "library:withdraw": (
            "get",
            lambda w: reverse("library:withdraw", args=[_entry(w, "published")]),
            statuses(clinic_a=403, admin=200, clinic_b=404),
        ),
        # A draft: its author only (reviewers see it once it is sent for review).
        "library:edit": (
            "get",
            lambda w: reverse("library:edit", args=[_entry(w, "draft")]),
            statuses(everyone=404, owner=200),
        ),
        "library:flag": (
            "post",
            lambda w: reverse("library:flag", args=_draft_flag(w)),
            statuses(everyone=404, owner=200),  # nothing chosen: the form comes back
        ),
        "library:submit": (
            "post",
            lambda w: reverse("library:submit", args=[_entry(w, "draft")]),
            statuses(everyone=404, owner=200),  # flags still open: refused, with which
        ),
        # Awaiting review: a reviewer (the clinic admin by default), never its own author.
        "library:approve": (
            "post",
            lambda w: reverse("library:approve", args=[_entry(w, "in_review")]),
            statuses(everyone=404, owner=403, admin=302),
        ),
        "library:send_back": (
            "post",
            lambda w: reverse("library:send_back", args=[_entry(w, "in_review")]),
            statuses(everyone=404, owner=403, admin=200),  # no note: the form comes back
        ),
        "library:offer": (
            "post",
            lambda w: reverse("library:offer", args=[_library(w)["signed"].pk]),
            statuses(everyone=404, owner=302),
        ),
        # While writing: the owner of an unsigned deliberation.
        "library:similar": (
            "get",
            lambda w: reverse("library:similar", args=[w[D].pk]),
            owner_only(200),
        ),
        "library:consulted": (
            "post",
            lambda w: reverse("library:consulted", args=[w[D].pk, _entry(w, "published")]),
            owner_only(302),
        ),
    }


def samples(Sample) -> dict:
    def post(name, args, data):
        return lambda w: ("post", reverse(name, args=args(w)), data(w))

    def resolved_draft(w: dict) -> list[int]:
        entry = _library(w)["draft"]
        resolve_all(entry, w["people"]["owner"])
        return [entry.pk]

    return {
        "library:search": Sample("colleague", "search"),
        "library:entry": Sample("colleague", "view"),
        "library:edit": Sample("owner", "view"),
        "library:reviewers": Sample(
            "admin",
            "admin",
            post(
                "library:reviewers", lambda w: [], lambda w: {"person": w["people"]["colleague"].pk}
            ),
        ),
        "library:flag": Sample(
            "owner",
            "change",
            post(
                "library:flag",
                _draft_flag,
                lambda w: {
                    f"flag-{_draft_flag(w)[1]}-resolution": "kept",
                    f"flag-{_draft_flag(w)[1]}-reason": "A made-up detail.",
                },
            ),
        ),
        "library:submit": Sample(
            "owner", "submit", post("library:submit", resolved_draft, lambda w: {})
        ),
        "library:approve": Sample("admin", "library_publish"),
        "library:send_back": Sample(
            "admin",
            "review",
            post(
                "library:send_back",
                lambda w: [_entry(w, "in_review")],
                lambda w: {"note": "Drop the age."},
            ),
        ),
        "library:withdraw": Sample(
            "admin",
            "library_withdraw",
            post(
                "library:withdraw",
                lambda w: [_entry(w, "published")],
                lambda w: {"reason": "Recognisable."},
            ),
        ),
        "library:offer": Sample("owner", "library_offer"),
        "library:similar": Sample("owner", "search"),
        # The world's framework has no consultation step: refused, recorded as a view.
        "library:consulted": Sample("owner", "view"),
    }
