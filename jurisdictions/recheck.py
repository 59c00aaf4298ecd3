"""When a rule must be re-checked: the one function every screen and output asks."""

from __future__ import annotations

from datetime import date

from django.utils import timezone


def _a_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def needs_recheck(verified_on: date | None, *, today: date | None = None) -> bool:
    """True when the rule was never verified, or last verified more than 12 months ago."""
    if verified_on is None:
        return True
    today = today or timezone.localdate()
    return today > _a_year_after(verified_on)
