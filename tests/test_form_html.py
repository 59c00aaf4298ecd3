"""The field groups and widgets written in Python (ethicsdesk/form_html.py) are the markup the
Jinja2 templates render: every field of every worksheet step and of the other pages' forms,
compared with the templates' rendering byte for byte."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.forms import renderers
from django.urls import reverse

from cases.examples import examples_ensure
from ethicsdesk.form_renderer import FormRenderer
from frameworks.selectors import pinned_version

pytestmark = pytest.mark.django_db

# What differs between two GETs of one page: the CSRF token, the tab's id, the request id.
VARYING = re.compile(
    r'(csrfmiddlewaretoken" value=|worksheet-tab" content=|name="tab" value=|CSRFToken": )"[^"]*"'
)

REVISION = re.compile(r'(worksheet-revision" content=|name="revision" value=)"[^"]*"')


@pytest.fixture
def templates_only(monkeypatch):
    """Render every field and widget through the templates, as before the Python writers."""

    def use():
        monkeypatch.setattr(FormRenderer, "render", renderers.Jinja2.render)

    return use


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return VARYING.sub(r"\1", response.content.decode())


def test_it_writes_every_worksheet_step_as_the_templates_do(
    integrated, clinician, owner_client, templates_only
):
    examples = [r.deliberation for r in examples_ensure(owner=clinician)]
    urls = [
        reverse("cases:step", args=[d.pk, step.key])
        for d in examples
        for step in pinned_version(d.framework_version_id).spec.steps
    ]
    written = [_page(owner_client, url) for url in urls]
    templates_only()
    rendered = [_page(owner_client, url) for url in urls]
    for url, mine, theirs in zip(urls, written, rendered, strict=True):
        assert mine == theirs, url
    assert sum(page.count('class="field') for page in written) > 500


def test_it_writes_a_step_shown_again_with_errors_as_the_templates_do(
    owner_client, deliberation, templates_only
):
    url = reverse("cases:step", args=[deliberation.pk, "dilemma"])

    def post() -> str:
        deliberation.refresh_from_db()
        data = {
            "title": "",  # required: "This field is required."
            "client_reference": "x" * 500,  # too long
            "question": "Call 0412 345 678 <b>now</b> & 'then'",
            "revision": deliberation.revision,
        }
        html = VARYING.sub(r"\1", owner_client.post(url, data).content.decode())
        return REVISION.sub(r"\1", html)

    mine = post()
    templates_only()
    theirs = post()
    assert 'aria-invalid="true"' in mine
    assert mine == theirs


@pytest.mark.parametrize(
    ("name", "signed_in"),
    [
        ("account_login", False),
        ("account_reset_password", False),
        ("account_change_password", True),
        ("cases:new", True),
    ],
)
def test_it_writes_the_other_pages_forms_as_the_templates_do(
    client, clinician, integrated, templates_only, name, signed_in
):
    if signed_in:
        client.force_login(clinician)
    url = reverse(name)
    mine = _page(client, url)
    templates_only()
    assert mine == _page(client, url)


def test_it_writes_the_urgent_page_as_the_templates_do(owner_client, deliberation, templates_only):
    url = reverse("cases:urgent", args=[deliberation.pk])
    mine = _page(owner_client, url)
    templates_only()
    assert mine == _page(owner_client, url)


class Everything(forms.Form):
    text = forms.CharField(label="Name <b>&</b> 'alias'", help_text="Help & <i>hints</i>")
    area = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2, "class": "grows"}), required=False
    )
    number = forms.IntegerField(required=False, min_value=0)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    tick = forms.BooleanField(required=False, label="I agree")
    pick = forms.ChoiceField(
        choices=[("", "—"), ("Group <1>", [("a", "A & a"), ("b", "B")]), ("c", 'C "see"')],
        required=False,
    )
    email = forms.EmailField(disabled=True, initial="x@example.org")
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    radio = forms.ChoiceField(choices=[("y", "Yes"), ("n", "No")], widget=forms.RadioSelect)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"text": "x", "area": "<script>", "number": "-3", "day": "nope", "tick": "on", "pick": "b"},
        {"text": 'Zoë "quoted"', "number": "0", "day": "2026-11-30", "pick": "c", "secret": "s3"},
    ],
)
@pytest.mark.parametrize("needed", ["unset", True, False])
def test_it_writes_each_kind_of_field_as_the_templates_do(data, needed, templates_only):
    def render_all() -> list[str]:
        form = Everything(data=data, initial={"area": "first\nsecond", "tick": True, "pick": "a"})
        form.mark_required = needed != "unset"
        html = []
        for bound in form:
            if needed != "unset":
                bound.needed_to_sign = needed
            bound.warnings = (
                ["Looks like a phone number & <more>"] if bound.name == "area" else None
            )
            html.append(bound.as_field_group())
        return html

    mine = render_all()
    templates_only()
    assert mine == render_all()
