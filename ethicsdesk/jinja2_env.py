"""The Jinja2 environment for the long tables (My deliberations, the review queue).

Pages are Django templates; a table's rows are rendered by Jinja2 through
``{% jinja "<template>" %}`` (``cases/templatetags/worksheet.py``), because Django's template
engine spent most of those pages' time on 25 rows of variables and filters (issue 9's
benchmark). The few helpers the rows need behave as in Django templates: ``url`` is
``{% url %}``, ``date`` converts to the current time zone first, as Django's filter does.
"""

from __future__ import annotations

from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import reverse
from django.utils.timezone import template_localtime
from jinja2 import Environment


def _url(name: str, *args) -> str:
    return reverse(name, args=args)


def _date(value, arg: str | None = None) -> str:
    return defaultfilters.date(template_localtime(value), arg)


def environment(**options) -> Environment:
    env = Environment(**options)
    env.globals.update(url=_url, static=static)
    env.filters.update(
        date=_date,
        timesince=defaultfilters.timesince_filter,
        pluralize=defaultfilters.pluralize,
    )
    return env
