"""Reads for "My deliberations" (kept apart from ``cases/selectors.py``, the worksheet's)."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery

from accounts.models import User
from cases.models import Deliberation
from ethicsdesk import access

PAGE_SIZE = 25
LIST_FIELDS = (
    "title",
    "client_reference",
    "urgency",
    "status",
    "progress",
    "updated_at",
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
    from review.models import Comment

    open_comments = (
        Comment.objects.filter(deliberation=OuterRef("pk"), resolved_at__isnull=True, parent=None)
        .order_by()
        .values("deliberation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    deliberations = deliberations.annotate(
        open_comments=Subquery(open_comments, output_field=IntegerField())
    )
    # The id breaks ties so a page boundary never repeats or skips a row.
    return deliberations.order_by("-updated_at", "-id")
