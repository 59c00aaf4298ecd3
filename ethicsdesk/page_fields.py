"""A form's fields as a GET page shows them, without building a Django form.

A worksheet page shows up to a hundred fields (a stakeholders step has one row form of six
fields per stakeholder, Decision fifteen fields, Codes and law two per provision). On a GET
nothing is bound and nothing is validated, yet building the Django forms cost a fifth to a
third of those pages: every row's ModelForm deep-copies its fields and reads its instance,
and each bound field makes its error lists and attributes through the form on every look.
``PageForm`` holds the same ``Field`` objects (a step's field spec; a row form's
``base_fields``, each copied only as far as a page may change it) with the initial values,
and gives the page what it reads of a form and of its bound fields: each field's widget is
still rendered by the widget itself, and its field group by the form renderer
(``ethicsdesk.form_html``), so the markup is the same, byte for byte
(tests/cases/test_page_forms.py renders every step of every built-in framework both ways).

A POST still builds the Django form: it is the one validator, and a page shown again after a
refused or partial save renders that bound form, with everything typed and its errors.
"""

from __future__ import annotations

import copy
import datetime
import re
from functools import cached_property

from django import forms
from django.forms.boundfield import BoundWidget
from django.forms.models import model_to_dict
from django.forms.renderers import get_default_renderer
from django.forms.utils import ErrorList, pretty_name
from django.utils.safestring import SafeString, mark_safe

_NO_ERRORS = ErrorList()  # never added to: a page form has no errors
_WIDGET_SUFFIX = re.compile(r"widget$|input$")


class PageField:
    """What a page reads of a ``BoundField`` of an unbound form (Django 5.2's rules: the
    initial value, the widget's attributes, ``aria-describedby``, the choices' subwidgets).
    Attributes the worksheet sets on a bound field (``needed_to_sign``, ``warnings``) are set
    on this the same way."""

    def __init__(self, form: PageForm, field: forms.Field, name: str) -> None:
        self.form, self.field, self.name = form, field, name
        self.html_name = form.add_prefix(name)
        self.label = pretty_name(name) if field.label is None else field.label
        self.help_text = field.help_text or ""
        self.renderer = form.renderer

    errors = _NO_ERRORS
    data = None

    @cached_property
    def auto_id(self) -> str:
        auto_id = self.form.auto_id
        if auto_id and "%s" in str(auto_id):
            return auto_id % self.html_name
        return self.html_name if auto_id else ""

    @cached_property
    def initial(self):
        value = self.form.initial.get(self.name, self.field.initial)
        if callable(value):
            value = value()
        if (
            isinstance(value, datetime.datetime | datetime.time)
            and not self.field.widget.supports_microseconds
        ):
            value = value.replace(microsecond=0)
        return value

    def value(self):
        return self.field.prepare_value(self.initial)

    @property
    def widget_type(self) -> str:
        return _WIDGET_SUFFIX.sub("", self.field.widget.__class__.__name__.lower())

    @property
    def is_hidden(self) -> bool:
        return self.field.widget.is_hidden

    @property
    def use_fieldset(self) -> bool:
        return self.field.widget.use_fieldset

    @property
    def id_for_label(self) -> str:
        widget = self.field.widget
        return widget.id_for_label(widget.attrs.get("id") or self.auto_id)

    @property
    def aria_describedby(self) -> str | None:
        if self.field.widget.attrs.get("aria-describedby"):
            return None
        if self.auto_id and not self.is_hidden and self.help_text:
            return f"{self.auto_id}_helptext"
        return ""

    @property
    def template_name(self) -> str:
        return self.field.template_name or self.renderer.field_template_name

    def build_widget_attrs(self, attrs: dict, widget: forms.Widget | None = None) -> dict:
        widget = widget or self.field.widget
        attrs = dict(attrs)
        if (
            widget.use_required_attribute(self.initial)
            and self.field.required
            and self.form.use_required_attribute
        ):
            attrs["required"] = True
        if self.field.disabled:
            attrs["disabled"] = True
        described = not attrs.get("aria-describedby") and not self.use_fieldset
        if described and (describedby := self.aria_describedby):
            attrs["aria-describedby"] = describedby
        return attrs

    def as_widget(self, widget: forms.Widget | None = None, attrs: dict | None = None) -> str:
        widget = widget or self.field.widget
        if self.field.localize:
            widget.is_localized = True
        attrs = self.build_widget_attrs(attrs or {}, widget)
        if self.auto_id and "id" not in widget.attrs:
            attrs.setdefault("id", self.auto_id)
        return widget.render(
            name=self.html_name, value=self.value(), attrs=attrs, renderer=self.renderer
        )

    def __str__(self) -> str:
        return self.as_widget()

    __html__ = __str__

    @cached_property
    def subwidgets(self) -> list[BoundWidget]:
        id_ = self.field.widget.attrs.get("id") or self.auto_id
        attrs = self.build_widget_attrs({"id": id_} if id_ else {})
        return [
            BoundWidget(self.field.widget, widget, self.renderer)
            for widget in self.field.widget.subwidgets(self.html_name, self.value(), attrs=attrs)
        ]

    def __iter__(self):
        return iter(self.subwidgets)

    def __len__(self) -> int:
        return len(self.subwidgets)

    def as_field_group(self) -> SafeString:
        return mark_safe(self.renderer.render(self.template_name, {"field": self}))  # noqa: S308


class PageForm:
    """What a page reads of an unbound form: its fields by name and in order (the same
    ``PageField`` each time, as a form keeps its bound fields), its initial values, and no
    errors."""

    is_bound = False
    use_required_attribute = True

    def __init__(
        self,
        fields: dict[str, forms.Field],
        initial: dict,
        *,
        prefix: str | None = None,
        auto_id: str = "id_%s",
    ) -> None:
        self.fields, self.initial, self.prefix, self.auto_id = fields, initial, prefix, auto_id
        self.renderer = get_default_renderer()
        self.errors: dict = {}
        self._bound: dict[str, PageField] = {}

    def add_prefix(self, name: str) -> str:
        return f"{self.prefix}-{name}" if self.prefix else name

    def __getitem__(self, name: str) -> PageField:
        bound = self._bound.get(name)
        if bound is None:
            bound = self._bound[name] = PageField(self, self.fields[name], name)
        return bound

    def __iter__(self):
        for name in self.fields:
            yield self[name]

    def non_field_errors(self) -> ErrorList:
        return _NO_ERRORS


def page_form(fields: dict[str, forms.Field], initial: dict) -> PageForm:
    """A step's form as its GET page shows it (``forms.Form(initial=..., auto_id="id_%s")``
    with ``fields``)."""
    return PageForm(fields, initial)


def page_model_form(
    form_class: type[forms.ModelForm], instance, *, prefix: str
) -> PageForm | forms.ModelForm:
    """A row's form as its GET page shows it (``form_class(instance=..., prefix=...)``). A
    form class with its own ``__init__`` may change its fields per instance: that one is
    built."""
    if form_class.__init__ is not forms.ModelForm.__init__:
        return form_class(instance=instance, prefix=prefix)
    meta = form_class._meta
    initial = model_to_dict(instance, meta.fields, meta.exclude)
    return PageForm(
        {name: _own_copy(field) for name, field in form_class.base_fields.items()},
        initial,
        prefix=prefix,
    )


def _own_copy(field: forms.Field) -> forms.Field:
    """The class's field, copied as far as a page may change it (``disabled``, the widget and
    its attributes: a read-only page disables the rows' fields), not deep-copied as a Django
    form does (its choices, validators and messages are only read here)."""
    field = copy.copy(field)
    field.widget = copy.copy(field.widget)
    field.widget.attrs = dict(field.widget.attrs)
    return field
