"""A small server-rendered bar chart (SVG) of deliberations per month by urgency."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

COLOURS = {"routine": "#0b5b63", "urgent": "#b26b00", "imminent": "#a4262c"}
LABELS = {"routine": "Routine", "urgent": "Urgent", "imminent": "Imminent"}


def _months(count: int) -> list[date]:
    today = timezone.localdate().replace(day=1)
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(months))


def month_chart(rows: list[dict], *, months: int = 12) -> dict:
    """Stacked bars: geometry computed here, drawn by the template as plain SVG."""
    counts: dict[date, dict[str, int]] = {m: {} for m in _months(months)}
    for row in rows:
        month = (
            timezone.localtime(row["month"]).date().replace(day=1)
            if hasattr(row["month"], "tzinfo")
            else row["month"]
        )
        if month in counts:
            counts[month][row["urgency"]] = row["n"]
    top = max((sum(c.values()) for c in counts.values()), default=0) or 1
    width, height, gap = 40, 160, 12
    bars = []
    for index, (month, by_urgency) in enumerate(counts.items()):
        x = index * (width + gap) + 40
        y = height + 10
        segments = []
        for urgency in ("routine", "urgent", "imminent"):
            n = by_urgency.get(urgency, 0)
            if not n:
                continue
            h = round(n / top * height)
            y -= h
            segments.append(
                {"y": y, "h": h, "colour": COLOURS[urgency], "n": n, "label": LABELS[urgency]}
            )
        bars.append(
            {
                "x": x,
                "width": width,
                "label": month.strftime("%b"),
                "total": sum(by_urgency.values()),
                "segments": segments,
                "title": f"{month:%B %Y}: "
                + ", ".join(
                    f"{LABELS[u]} {by_urgency.get(u, 0)}" for u in ("routine", "urgent", "imminent")
                ),
            }
        )
    return {
        "bars": bars,
        "top": top,
        "width": months * (width + gap) + 40,
        "height": height + 40,
        "legend": [(LABELS[u], COLOURS[u]) for u in ("routine", "urgent", "imminent")],
        "baseline": height + 10,
    }
