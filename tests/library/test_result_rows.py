"""The search's result rows, written in Python (library/templatetags/library_rows.py), write
what the template loop they replaced wrote: titles, summaries and tags escaped the same way."""

from __future__ import annotations

import pytest
from django.template import engines

from frameworks.selectors import pinned_version
from library import selectors
from tests.library.world import published_entry

pytestmark = pytest.mark.django_db

LOOP_BEFORE = """{% for e in page %}
  <li class="card library-result">
    <h2 class="library-result__title"><a href="{% url 'library:entry' e.pk %}">{{ e.title }}</a></h2>
    {% if e.summary %}<p>{{ e.summary }}</p>{% endif %}
    {% if e.badges %}<ul class="library-tags" aria-label="Tags">{% for style, name in e.badges %}<li class="badge {{ style }}">{{ name }}</li>{% endfor %}</ul>{% endif %}
  </li>
  {% endfor %}"""  # noqa: E501


def _render(source: str, rows) -> str:
    template = engines["django"].from_string("{% load library_rows %}" + source)
    return template.render({"page": rows})


def test_it_writes_the_rows_as_the_template_loop_did(world):
    entries = [
        published_entry(
            world,
            title='Gifts & "thank-you" <cards>',
            dilemma="A long dilemma about a gift. " * 20,
            kinds=["ethical", "legal"],
            provisions=["confidentiality"],
        ),
        published_entry(world, title="No tags at all", dilemma="", kinds=[], provisions=[]),
    ]
    for e in entries:  # what the view set on each row for the loop
        tags = selectors.tag_names(e, pinned_version(e.framework_version_id).spec)
        e.badges, e.summary = tags.badges, selectors.summary(e.dilemma)
    written = _render("{% library_rows page %}", entries)
    assert written == _render(LOOP_BEFORE, entries)
    assert "Gifts &amp; &quot;thank-you&quot; &lt;cards&gt;" in written
    assert 'class="badge badge--info"' in written
