"""What a clinician types is shown as text, never as markup, wherever Jinja2 renders it:
form fields, worksheet matrix cells, and the rows of My deliberations and the review queue."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.services import supervision_link_start
from cases.models import Deliberation, Option, PrincipleMark, Status
from review.models import Submission
from tests.factories import SupervisorFactory

pytestmark = pytest.mark.django_db
MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quoted"'


def _assert_escaped(html: str) -> None:
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(" in html


def test_the_list_row_shows_a_title_as_text(owner_client, deliberation):
    Deliberation.objects.filter(pk=deliberation.pk).update(title=MARKUP)
    _assert_escaped(owner_client.get(reverse("cases:list")).content.decode())


def test_form_fields_show_typed_text_as_text(owner_client, deliberation):
    Deliberation.objects.filter(pk=deliberation.pk).update(
        title=MARKUP, facts=[MARKUP], question=MARKUP
    )
    html = owner_client.get(reverse("cases:step", args=[deliberation.pk, "dilemma"])).content
    html = html.decode()
    _assert_escaped(html)
    escaped = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
    assert f'name="title" value="{escaped} &amp; &#34;quoted&#34;"' in html  # an attribute
    assert f'id="id_facts">\n{escaped}' in html  # a textarea's text


def test_matrix_cells_show_typed_text_as_text(owner_client, deliberation):
    options = Option.objects.bulk_create(
        [Option(deliberation=deliberation, position=i, label=f"Option {i}") for i in (1, 2)]
    )
    PrincipleMark.objects.create(
        option=options[0], principle_key="autonomy", strength=1, reason=MARKUP
    )
    url = reverse("cases:step", args=[deliberation.pk, "principles"])
    _assert_escaped(owner_client.get(url).content.decode())


def test_the_queue_row_shows_a_title_as_text(client, deliberation, clinician):
    supervisor = SupervisorFactory(clinic=clinician.clinic)
    supervision_link_start(supervisor=supervisor, clinician=clinician)
    Deliberation.objects.filter(pk=deliberation.pk).update(title=MARKUP, status=Status.IN_REVIEW)
    Submission.objects.create(deliberation=deliberation, submitted_by=clinician)
    client.force_login(supervisor)
    html = client.get(reverse("review:queue")).content.decode()
    assert f'href="/deliberations/{deliberation.pk}/"' in html
    _assert_escaped(html)
