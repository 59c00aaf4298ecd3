"""The review history: submissions, outcomes and comment threads, oldest first."""

from __future__ import annotations

from cases.models import Deliberation
from records.document import Section, p, ul
from records.rationale.sections import definition
from records.rationale.text import record_time, sentence


def review_history(d: Deliberation, *, since=None, heading: str = "Review history") -> Section:
    """Submissions, what the supervisor did, and the comment threads, oldest first."""
    events: list[tuple] = []
    submissions = d.submissions.select_related("submitted_by", "reviewer")
    comments = d.comments.select_related("author", "resolved_by")
    if since is not None:
        submissions = submissions.filter(submitted_at__gt=since)
        comments = comments.filter(created_at__gt=since)
    titles = {step.key: step.title for step in definition(d).steps}
    for s in submissions:
        message = f": “{s.message}”" if s.message else ""
        events.append(
            (
                s.submitted_at,
                sentence(f"Submitted for review by {s.submitted_by.display_name}{message}"),
            )
        )
        if s.reviewed_at:
            note = f": “{s.outcome_message}”" if s.outcome_message else ""
            events.append(
                (
                    s.reviewed_at,
                    sentence(f"{s.get_outcome_display()} by {s.reviewer.display_name}{note}"),
                )
            )
    for c in comments:
        where = titles.get(c.step_key, c.step_key)
        kind = "Reply" if c.parent_id else "Comment"
        line = f"{kind} on “{where}” by {c.author.display_name}: {c.text}"
        if c.resolved_at:
            line += f" (resolved by {c.resolved_by.display_name}, {record_time(c.resolved_at)})"
        events.append((c.created_at, line))
    events.sort(key=lambda event: event[0])
    items = [f"{record_time(when)}: {text}" for when, text in events]
    if not items and since is None:
        return Section(heading, [p("No supervisor review has been recorded.")])
    return Section(heading, [ul(items)])
