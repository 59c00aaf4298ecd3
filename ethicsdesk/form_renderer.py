"""The form renderer: Django's Jinja2 renderer, with the project's field templates.

Every field on every page renders through ``forms/field.html`` (``{{ field.as_field_group }}``)
and a worksheet matrix cell through ``forms/cell.html`` (``{{ field|as_cell }}``), both in
``templates/jinja2/``. Jinja2 compiles templates to Python: a worksheet matrix has up to 80
fields, and rendering them with Django's template engine was most of a step page's time
(issue 9's benchmark). Pages themselves stay Django templates. The field group and the
input, textarea, select and choice widgets are written by ``ethicsdesk.form_html`` (the same
markup, without a template per field); the templates render what it leaves to them.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.forms import renderers
from django.utils.functional import cached_property

from ethicsdesk.form_html import WIDGETS, field_html


class FormRenderer(renderers.Jinja2):
    field_template_name = "forms/field.html"

    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [
                    Path(settings.BASE_DIR) / "templates" / "jinja2",
                    Path(renderers.__file__).parent / self.backend.app_dirname,
                ],
                "NAME": "djangoforms",
                "OPTIONS": {},
            }
        )

    def render(self, template_name, context, request=None):
        if template_name == self.field_template_name:
            html = field_html(context["field"])
        else:
            writer = WIDGETS.get(template_name)
            html = writer(context["widget"]) if writer is not None else None
        if html is None:
            return super().render(template_name, context, request=request)
        return html
