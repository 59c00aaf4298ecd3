"""The markup of ``forms/field.html`` and of the input, textarea and select widget templates,
written in Python for the fields every page has.

A stakeholders step shows about forty fields (one row form per stakeholder), Codes and law
two per provision: rendering each field group and its widget through the Jinja2 templates
cost 40-60 µs a field, a third of those pages' time. These writers give the same markup, byte
for byte, from the same context the templates get (the bound field, the widget's context
from Django's ``get_context``), so Django still decides every attribute, value and escaping
rule (markupsafe's, as Jinja2's autoescape). What they do not know (a select's own option
template, a label-wrapped choice) returns None and the template renders it.
tests/test_form_html.py renders both for every field of the worksheet and the app's forms.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import escape

_OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
_NEEDED = (
    ' <span class="required" aria-hidden="true">*</span>'
    '<span class="visually-hidden"> (needed before you can sign)</span>'
)
_REQUIRED = ' <span class="required" aria-hidden="true">*</span>'
_UNSET = object()


def _attrs(attrs: dict) -> str:
    # ``{% for name, value in widget.attrs.items() %}``: True is a bare name, False leaves it out.
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def input_html(widget: dict) -> str:
    value = widget["value"]
    value_attr = f' value="{escape(value)}"' if value is not None else ""
    return (
        f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"'
        f"{value_attr}{_attrs(widget['attrs'])}>"
    )


def textarea_html(widget: dict) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{escape(value) if value else ''}</textarea>"
    )


def select_html(widget: dict) -> str | None:
    parts = [f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{escape(group_name)}">')
        for option in group_choices:
            if option["template_name"] != _OPTION_TEMPLATE:
                return None  # an option template of its own: the template includes it
            parts.append(
                f'\n  <option value="{escape(option["value"])}"{_attrs(option["attrs"])}>'
                f"{escape(option['label'])}</option>"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def option_html(widget: dict) -> str | None:
    """A radio button or checkbox of a choice list, its label written by the field group."""
    return None if widget.get("wrap_label") else input_html(widget)


_INPUTS = (
    "text",
    "input",
    "checkbox",
    "date",
    "datetime",
    "time",
    "number",
    "email",
    "url",
    "password",
    "search",
    "tel",
    "hidden",
    "color",
)
WIDGETS: dict[str, Callable[[dict], str | None]] = {
    f"django/forms/widgets/{name}.html": input_html for name in _INPUTS
} | {
    "django/forms/widgets/textarea.html": textarea_html,
    "django/forms/widgets/select.html": select_html,
    "django/forms/widgets/radio_option.html": option_html,
    "django/forms/widgets/checkbox_option.html": option_html,
}


def _choices(field, label: str) -> str:
    described = field.aria_describedby
    aria = f' aria-describedby="{escape(described)}"' if described else ""
    choices = "".join(
        f'<label class="choice" for="{escape(choice.id_for_label)}">{escape(choice.tag())} '
        f"{escape(choice.choice_label)}</label>"
        for choice in field
    )
    return (
        f'\n    <fieldset class="choices"{aria}>\n      <legend>{label}</legend>\n'
        f"      {choices}\n    </fieldset>\n  "
    )


def field_html(field) -> str:
    """``forms/field.html`` for a bound field."""
    widget_type = field.widget_type
    id_ = escape(field.auto_id)
    required = field.field.required
    needed = getattr(field, "needed_to_sign", _UNSET)
    if needed is not _UNSET:  # a worksheet step: the asterisk means "needed before you can sign"
        mark = _NEEDED if needed else ""
    else:
        needed = False
        marks = required and getattr(field.form, "mark_required", None) is not False
        mark = _REQUIRED if marks else ""
    errors = field.errors
    classes = (
        f"field{' field--invalid' if errors else ''}{' field--required' if required else ''}"
        f"{' field--needed' if needed else ''}"
    )
    label = f'<label for="{id_}">{escape(field.label)}{mark}</label>'
    if widget_type in ("radioselect", "checkboxselectmultiple"):
        control = _choices(field, f"{escape(field.label)}{mark}")
    elif widget_type == "checkbox":
        widget = f'\n    <div class="field__check">\n      {escape(field)}\n'
        control = f"{widget}      {label}\n    </div>\n  "
    else:
        control = f"\n    {label}\n    {escape(field)}\n  "
    help_text = field.help_text
    help_html = (
        f'<p class="field__help" id="{id_}_helptext">{escape(help_text)}</p>' if help_text else ""
    )
    error_html = "".join(f"<p>{escape(e)}</p>" for e in errors)
    warning_html = "".join(f"<p>{escape(w)}</p>" for w in getattr(field, "warnings", None) or ())
    return (
        f'<div class="{classes}">\n  {control}\n  {help_html}\n'
        f'  <div class="field__error" id="{id_}_error">{error_html}</div>\n'
        f'  <div class="field__warning" id="{id_}_warning" aria-live="polite">'
        f"{warning_html}</div>\n"
        "</div>"
    )
