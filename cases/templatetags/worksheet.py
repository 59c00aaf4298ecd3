"""Small template helpers, loaded by name where a template uses them: ``{% load worksheet %}``.

The stepper, the state badges and the side panel's options are written here with
``format_html`` (Django's escaping) rather than by nested ``{% for %}``/``{% include %}``:
every step page shows twelve stepper items and every option's principle marks, and each
template node cost a few microseconds per item (about 2.5 ms of a step page's CPU).
"""

from __future__ import annotations

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_OOB = mark_safe(' hx-swap-oob="true"')
_STATES = {"complete": ("✓", "complete"), "started": ("◐", "started")}
_NOT_STARTED = ("○", "not started")


@register.simple_tag
def state_badge(state: str, key: str, oob: bool = False) -> SafeString:
    """``{% state_badge state key %}``: a step's state in the stepper (and, ``oob=True``, the
    badge an autosave swaps in)."""
    mark, words = _STATES.get(state, _NOT_STARTED)
    return format_html(
        '<span id="state-{}" class="state state--{}"{}><span aria-hidden="true">{}</span>'
        '<span class="visually-hidden">{}</span></span>',
        key,
        state,
        _OOB if oob else "",
        mark,
        words,
    )


@register.simple_tag
def stepper_items(stepper: list[dict], open_by_step: dict[str, int]) -> SafeString:
    """``{% stepper_items stepper review.open_by_step %}``: the stepper's links, each with its
    number, title, open comments and state."""
    return format_html_join(
        "",
        '\n      <li><a href="{}"{}>\n'
        '        <span class="stepper__n" aria-hidden="true">{}</span>\n'
        '        <span class="stepper__title">{}</span>\n'
        "        {}\n"
        "        {}\n\n"
        "      </a></li>\n    ",
        (
            (
                s["url"],
                mark_safe(' aria-current="step"') if s["current"] else "",
                s["number"],
                s["title"],
                _open_comments(open_by_step.get(s["key"])),
                state_badge(s["state"], s["key"]),
            )
            for s in stepper
        ),
    )


def _open_comments(count: int | None) -> SafeString | str:
    if not count:
        return ""
    return format_html(
        '<span class="badge badge--warn comment-count">{}<span class="visually-hidden"> open '
        "comment{}</span></span>",
        count,
        "" if count == 1 else "s",
    )


@register.simple_tag
def panel_options(panel: dict) -> SafeString:
    """``{% panel_options panel %}``: the side panel's section per option (expected value,
    principle marks, counts), or the hint to add options."""
    scores = panel["scores"]
    if not scores:
        return mark_safe('\n    <p class="muted">Add options to compare them here.</p>\n    ')
    return format_html_join(
        "",
        '\n    <section class="panel-option">\n'
        "      <h3>{}</h3>\n"
        '      <p class="panel-score">Expected value <strong>{}</strong>{}\n'
        '        <span class="muted">({} of {} estimates)</span></p>\n'
        '      <ul class="marks" aria-label="Principle marks for {}">\n'
        "        {}\n"
        "      </ul>\n"
        '      <p class="muted small">Honours {}, breaches {}, net {}.</p>\n'
        "    </section>\n    ",
        (_option(score, panel["principles"], highest=_highest(score, panel)) for score in scores),
    )


def _highest(score, panel: dict) -> bool:
    return (
        bool(score.estimates) and score.expected_value == panel["best"] and len(panel["scores"]) > 1
    )


def _option(score, principles, *, highest: bool) -> tuple:
    return (
        score.label or "(unnamed option)",
        floatformat(score.expected_value, 2) if score.estimates else "—",
        mark_safe(' <span class="badge badge--info">highest</span>') if highest else "",
        score.estimates,
        score.cells,
        score.label,
        format_html_join(
            "",
            "\n        {}\n        ",
            ((_mark(score.marks.get(p.key), p.name),) for p in principles),
        ),
        score.honours,
        score.breaches,
        score.net_principles,
    )


def _mark(m: int | None, name: str) -> SafeString:
    if m is None:
        kind, shown = "none", "·"
    elif m > 0:
        kind, shown = "honour", f"+{m}"
    else:
        kind, shown = ("breach" if m < 0 else "neutral"), str(m)
    return format_html(
        '<li class="mark mark--{}" title="{}">{} {}<span class="visually-hidden"> ({})</span></li>',
        kind,
        name,
        name[:3],
        shown,
        name,
    )


@register.simple_tag
def step_needs(signing_needs: bool, missing: list[str], oob: bool = False) -> SafeString:
    """``{% step_needs signing_needs step_missing %}``: what this step still lacks before the
    deliberation can be signed (``cases.steps.step_missing``, the rule Review and sign uses);
    ``oob=True``: the box every autosave answer swaps in."""
    if not signing_needs:
        kind, body = " step-needs--none", "\n  \n"
    elif missing:
        kind = ""
        body = format_html(
            "\n  \n  \n"
            '  <p class="step-needs__title">Still needed on this step before you can sign:</p>\n'
            "  <ul>{}</ul>\n  \n  \n",
            format_html_join("", "<li>{}</li>", ((message,) for message in missing)),
        )
    else:
        kind = " step-needs--done"
        body = mark_safe(
            "\n  \n  \n"
            '  <p class="step-needs__title"><span aria-hidden="true">✓</span> This step has '
            "everything signing needs.</p>\n  \n  \n"
        )
    return format_html(
        '\n<div id="step-needs" class="step-needs{}"{}>{}</div>\n', kind, _OOB if oob else "", body
    )


@register.simple_tag
def field_messages(form) -> SafeString:
    """``{% field_messages form %}``: what an autosave answer swaps in under every field (out
    of band): its errors, and its identifier warnings where the field has that box."""
    return format_html_join("", "\n{}\n{}\n", (_messages(bound) for bound in form))


def _messages(bound) -> tuple:
    errors = ""
    if bound.widget_type != "checkbox":
        errors = format_html(
            '<div class="field__error" id="{}_error" hx-swap-oob="true">{}</div>',
            bound.auto_id,
            _paragraphs(bound.errors),
        )
    # A field without a warning box on the page (warnings None, or never attached) gets none.
    warnings = getattr(bound, "warnings", None)
    if warnings is None:
        return errors, ""
    return errors, format_html(
        '<div class="field__warning" id="{}_warning" aria-live="polite" hx-swap-oob="true">'
        "{}</div>",
        bound.auto_id,
        _paragraphs(warnings),
    )


def _paragraphs(texts) -> SafeString:
    return format_html_join("", "<p>{}</p>", ((text,) for text in texts or ()))


@register.filter
def as_cell(field):
    """``{{ field|as_cell }}``: a field inside a worksheet matrix (``forms/cell.html``)."""
    return field.render("forms/cell.html")


@register.filter
def get_item(mapping: dict, key):
    """``{{ mapping|get_item:key }}``: a dict lookup by a variable key."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def duration_text(value) -> str:
    """A timedelta in words: '2 days 3 hours', '4 hours 10 minutes', '12 minutes'."""
    if value is None:
        return ""
    minutes = int(value.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes and not days:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts) or "under a minute"
