"""Matrix cells of a step page, written straight from their fields.

A principles or consequences matrix has up to 96 cells (192 fields). Rendering each as a
bound field through the form renderer was most of a step page's time; on a GET nothing is
bound, so each cell writes the markup ``forms/cell.html`` and Django's select/textarea
widgets give, from the field's own label, choices and attributes. The form is still
built from the same fields and stays the one validator of every POST (a POST shown again
renders its bound fields, errors and all). tests/cases/steps/test_cells.py holds the two
renderings side by side.
"""

from __future__ import annotations

from django import forms
from django.utils.safestring import SafeString, mark_safe
from markupsafe import escape

from cases.phi import identifier_warnings


def _attrs(attrs: dict) -> str:
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )


class Cell:
    """One cell: what ``{{ cell|as_cell }}`` renders (see cases.templatetags.worksheet)."""

    __slots__ = ("name", "field", "value", "label", "disabled")

    def __init__(
        self, name: str, field: forms.Field, value, *, label: str = "", disabled: bool
    ) -> None:
        """``field`` may serve many cells (one per part of a matrix): ``label`` is this cell's."""
        self.name, self.field, self.value, self.disabled = name, field, value, disabled
        self.label = label or field.label

    @property
    def auto_id(self) -> str:
        return f"id_{self.name}"

    def render(self, template_name: str = "forms/cell.html") -> SafeString:
        field, widget, id_ = self.field, self.field.widget, self.auto_id
        attrs = dict(widget.attrs)  # the field's own (maxlength, ...) are in them already
        if field.required:
            attrs["required"] = True
        if self.disabled:
            attrs["disabled"] = True
        attrs["id"] = id_
        if isinstance(widget, forms.Select):
            chosen = widget.format_value(field.prepare_value(self.value))
            options, selected = [], False
            for value, label in field.choices:
                value = "" if value is None else str(value)
                mark = not selected and value in chosen
                selected = selected or mark
                options.append(
                    f'\n  <option value="{escape(value)}"{" selected" if mark else ""}>'
                    f"{escape(label)}</option>"
                )
            control = (
                f'<select name="{escape(self.name)}"{_attrs(attrs)}>{"".join(options)}\n</select>'
            )
        elif isinstance(widget, forms.Textarea):
            value = widget.format_value(field.prepare_value(self.value))
            control = (
                f'<textarea name="{escape(self.name)}"{_attrs(attrs)}>\n'
                f"{escape(value) if value else ''}</textarea>"
            )
        else:  # not a matrix widget: the bound field, as the form would render it
            raise TypeError(f"no cell markup for {type(widget).__name__}")
        warnings = ""
        if isinstance(field, forms.CharField):
            warnings = "".join(f"<p>{escape(w)}</p>" for w in identifier_warnings(self.value or ""))
        return mark_safe(  # noqa: S308 (every value above is escaped)
            f'<label class="visually-hidden" for="{id_}">{escape(self.label)}</label>{control}\n'
            f'<div class="field__error" id="{id_}_error"></div>\n'
            f'<div class="field__warning" id="{id_}_warning" aria-live="polite">{warnings}</div>'
        )

    __html__ = render
