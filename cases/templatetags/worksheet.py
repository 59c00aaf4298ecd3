"""Small template helpers, loaded by name where a template uses them: ``{% load worksheet %}``.

The stepper, the state badges, the side panel's options and the row cards are written here
with ``format_html`` (Django's escaping) rather than by nested ``{% for %}``/``{% include %}``:
every step page shows twelve stepper items and every option's principle marks, and each
template node cost a few microseconds per item (about 2.5 ms of a step page's CPU).
"""

from __future__ import annotations

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from cases.templatetags.tables import url_with_id

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


@register.simple_tag(takes_context=True)
def row_card(context) -> SafeString:
    """``{% row_card %}`` (``cases/step.html#row``): one stakeholder, option or consultation
    as a card with its own autosaving form, from the context's ``row``, ``row_form``,
    ``row_kind``, ``deliberation``, ``step``, ``can_edit``, ``tab``, ``singular`` and
    ``new_row``. The template it replaced cost about 0.5 ms a card (some thirty variables,
    two reversed addresses and a loop of field groups); tests/cases/test_row_card.py renders
    it beside this."""
    d, row, kind = context["deliberation"], context["row"], context["row_kind"]
    args = (d.pk, context["step"].key, kind)
    save_url = url_with_id("cases:row_save", *args, pk=row.pk)
    remove_url = url_with_id("cases:row_remove", *args, pk=row.pk)
    can_edit, singular = context.get("can_edit"), context.get("singular", "")
    csrf_token = context.get("csrf_token")
    csrf = (
        format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', csrf_token)
        if csrf_token and csrf_token != "NOTPROVIDED"
        else ""
    )
    htmx = actions = ""
    if can_edit:
        htmx = format_html(
            'hx-post="{}" hx-trigger="input delay:800ms, change" hx-swap="none" '
            'hx-sync="this:queue last" data-autosave="{}:{}:{}:{}"',
            save_url,
            *args,
            row.pk,
        )
        actions = format_html(
            '\n    <div class="row-card__actions">\n'
            '      <button type="submit" class="button button--small">Save<span '
            'class="visually-hidden"> {}</span></button>\n'
            '      <button type="submit" class="button button--small button--danger" '
            'formaction="{}" hx-post="{}" hx-target="#row-{}-{}" hx-swap="delete" '
            'hx-confirm="Remove this {}? What you wrote for it is deleted.">Remove<span '
            'class="visually-hidden"> {} {}</span></button>\n'
            "    </div>\n    ",
            singular,
            remove_url,
            remove_url,
            kind,
            row.pk,
            singular,
            singular,
            row,
        )
    return format_html(
        '\n\n<li class="card row-card" id="row-{}-{}"{}>\n'
        '  <form id="row-form-{}-{}" method="post" action="{}" novalidate\n'
        "        {}>\n"
        "    {}\n"
        '    <input type="hidden" name="revision" value="{}">\n'
        '    <input type="hidden" name="tab" value="{}">\n'
        '    <div class="row-card__fields">{}</div>\n'
        "    {}\n"
        "  </form>\n"
        "</li>\n",
        kind,
        row.pk,
        mark_safe(" data-new-row") if context.get("new_row") else "",
        kind,
        row.pk,
        save_url,
        htmx,
        csrf,
        d.revision,
        context.get("tab", ""),
        mark_safe("".join(field.as_field_group() for field in context["row_form"])),
        actions,
    )
