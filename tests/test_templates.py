"""Every page template compiles, with its tags and filters loaded by name (no builtins)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines

ROOT = Path(settings.BASE_DIR) / "templates"
# templates/jinja2/ holds the form renderer's Jinja2 field and widget templates.
PAGES = sorted(
    str(path.relative_to(ROOT)) for path in ROOT.rglob("*.html") if "jinja2" not in path.parts
)


def test_it_has_one_template_engine_for_pages():
    assert [engine.name for engine in engines.all()] == ["django"]


def test_it_builds_no_helpers_into_every_template():
    assert "builtins" not in settings.TEMPLATES[0]["OPTIONS"]


@pytest.mark.parametrize("name", PAGES)
def test_it_compiles_every_page_template(name):
    engines["django"].get_template(name)
