"""The form renderer: Django's Jinja2 renderer, with the project's field templates.

Every field on every page renders through ``forms/field.html`` (``{{ field.as_field_group }}``)
and a worksheet matrix cell through ``forms/cell.html`` (``{{ field|as_cell }}``), both in
``templates/jinja2/``. Jinja2 compiles templates to Python: a worksheet matrix has up to 80
fields, and rendering them with Django's template engine was most of a step page's time
(issue 9's benchmark). Pages themselves stay Django templates.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.forms import renderers
from django.utils.functional import cached_property


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
