"""A step page shows its step's guidance as the framework preview writes it, rendered once
per published version and step."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from cases import worksheet
from cases.selectors import deliberation_get

pytestmark = pytest.mark.django_db


def test_it_shows_the_guidance_the_preview_template_writes(owner_client, deliberation):
    d = deliberation_get(pk=deliberation.pk)
    step = d.framework_version.spec.steps[2]
    html = render_to_string(
        "frameworks/_step_guidance.html", {"step": step, "definition": d.framework_version.spec}
    )
    page = owner_client.get(reverse("cases:step", args=[d.pk, step.key])).content.decode()
    assert html.strip() and html in page


def test_it_renders_a_published_step_guidance_once(deliberation, monkeypatch):
    d = deliberation_get(pk=deliberation.pk)
    step = d.framework_version.spec.steps[0]
    first = worksheet.step_guidance(d, step)
    monkeypatch.setattr(worksheet, "render_to_string", lambda *a, **k: "rendered again")
    assert worksheet.step_guidance(d, step) == first
