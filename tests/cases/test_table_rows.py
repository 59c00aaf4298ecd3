"""The rows of My deliberations and of the review queue, written in Python
(cases/templatetags/tables.py: ``deliberation_rows``, ``queue_rows``), write what the template
loops they replaced wrote."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.template import engines
from django.utils import timezone

from cases.models import Status, Urgency
from tests.factories import DeliberationFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST_BEFORE = """{% for deliberation in page %}
      <tr>
        <th scope="row"><a href="{{ deliberation.pk|row_url:'cases:detail' }}">{{ deliberation.title }}</a></th>
        <td>{{ deliberation.client_reference }}</td>
        <td>{{ deliberation.framework_version.framework.name }} v{{ deliberation.framework_version.number }}</td>
        <td><span class="badge{% if deliberation.urgency == 'imminent' %} badge--danger{% elif deliberation.urgency == 'urgent' %} badge--warn{% endif %}">{{ deliberation.get_urgency_display }}</span></td>
        <td><span class="badge{% if deliberation.status == 'signed' %} badge--ok{% elif deliberation.status == 'changes_requested' %} badge--warn{% elif deliberation.status == 'in_review' %} badge--info{% endif %}">{{ deliberation.get_status_display }}</span>{% if deliberation.open_threads %} <span class="badge badge--warn">{{ deliberation.open_threads }} open comment{{ deliberation.open_threads|pluralize }}</span>{% endif %}</td>
        <td>
          <time datetime="{{ deliberation.updated_at|fast_date:'c' }}">{{ deliberation.updated_at|fast_date:"j M Y, H:i" }}</time>
          <span class="muted nowrap">{{ deliberation.updated_at|ago }} ago</span>
        </td>
        <td class="progress-cell">
          <progress max="100" value="{{ deliberation.progress }}" aria-label="Progress of {{ deliberation.title }}">{{ deliberation.progress }}%</progress>
          <span aria-hidden="true">{{ deliberation.progress }}%</span>
        </td>
      </tr>
      {% endfor %}"""  # noqa: E501

QUEUE_BEFORE = """{% for d in page.object_list %}
    <tr>
      <td><a href="{{ d.pk|row_url:'cases:detail' }}">{{ d.title }}</a><br><span class="muted">{{ d.client_reference }}</span></td>
      <td data-label="Clinician">{{ d.owner.display_name }}</td>
      <td data-label="Urgency">{% if d.urgency == "imminent" %}<span class="badge badge--danger">Imminent risk</span>{% elif d.urgency == "urgent" %}<span class="badge badge--warn">Urgent</span>{% else %}<span class="badge">Routine</span>{% endif %}</td>
      <td data-label="Waiting">{% if d.pending_since %}{{ d.pending_since|ago }}<br><span class="muted">since {{ d.pending_since|fast_date:"j M, H:i" }}</span>{% else %}—{% endif %}</td>
      <td data-label="Status"><span class="badge badge--info">{{ d.get_status_display }}</span>{% if d.signed_at %} <span class="badge badge--ok">Signed</span>{% endif %}</td>
      <td data-label="Open comments">{{ d.open_threads }}</td>
    </tr>
  {% endfor %}"""  # noqa: E501


def _render(source: str, rows) -> str:
    template = engines["django"].from_string(
        "{% load l10n tables %}{% localize off %}" + source + "{% endlocalize %}"
    )
    return template.render({"page": rows, "rows": rows})


@pytest.fixture
def rows():
    owner = UserFactory(first_name="Zoë <&>", last_name="O'Brien")
    now = timezone.now()
    cases = [
        dict(
            title='Disclose <b>"status"</b> & more',
            urgency=Urgency.IMMINENT,
            status=Status.DRAFT,
            open_threads=0,
            pending_since=None,
            signed_at=None,
            progress=0,
        ),
        dict(
            title="Second",
            urgency=Urgency.URGENT,
            status=Status.IN_REVIEW,
            open_threads=1,
            pending_since=now - timedelta(days=3, hours=2),
            signed_at=None,
            progress=55,
        ),
        dict(
            title="Third",
            urgency=Urgency.ROUTINE,
            status=Status.CHANGES_REQUESTED,
            open_threads=3,
            pending_since=now - timedelta(minutes=5),
            signed_at=now,
            progress=100,
        ),
        dict(
            title="Fourth",
            urgency=Urgency.ROUTINE,
            status=Status.SIGNED,
            open_threads=0,
            pending_since=None,
            signed_at=now,
            progress=100,
        ),
    ]
    made = []
    for i, fields in enumerate(cases):
        d = DeliberationFactory(owner=owner, client_reference=f"CR-<{i}>&")
        for name, value in fields.items():
            setattr(d, name, value)  # in memory only: what a row shows, not a saved record
        d.updated_at = now - timedelta(days=i * 40, minutes=i * 7)
        made.append(d)
    return made


@pytest.mark.parametrize("zone", ["UTC", "America/Los_Angeles", "Australia/Adelaide"])
def test_it_writes_my_deliberations_rows_as_the_template_did(rows, zone):
    with timezone.override(zone):
        assert _render("{% deliberation_rows page %}", rows) == _render(LIST_BEFORE, rows)


@pytest.mark.parametrize("zone", ["UTC", "America/Los_Angeles", "Australia/Adelaide"])
def test_it_writes_the_review_queue_rows_as_the_template_did(rows, zone):
    with timezone.override(zone):
        assert _render("{% queue_rows page.object_list %}", _Page(rows)) == _render(
            QUEUE_BEFORE, _Page(rows)
        )


class _Page(list):
    @property
    def object_list(self):
        return self
