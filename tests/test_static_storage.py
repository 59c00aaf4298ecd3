"""The static files' storage (ethicsdesk/static_storage.py) gives the addresses whitenoise's
manifest storage gives, working each out once."""

from __future__ import annotations

import json

import pytest
from whitenoise.storage import CompressedManifestStaticFilesStorage

from ethicsdesk.static_storage import ManifestStorage


@pytest.fixture
def root(tmp_path):
    manifest = {"version": "1.1", "hash": "x", "paths": {"css/app.css": "css/app.1a2b3c.css"}}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return tmp_path


def test_it_gives_the_addresses_of_the_manifest_storage(root):
    ours = ManifestStorage(location=root, base_url="/static/")
    theirs = CompressedManifestStaticFilesStorage(location=root, base_url="/static/")
    assert ours.url("css/app.css") == theirs.url("css/app.css") == "/static/css/app.1a2b3c.css"
    assert ours.url("css/app.css") == "/static/css/app.1a2b3c.css"  # from what it kept
    assert ours.url("css/app.css", force=True) == theirs.url("css/app.css", force=True)


def test_it_keeps_refusing_a_file_missing_from_the_manifest(root):
    ours = ManifestStorage(location=root, base_url="/static/")
    for _ in range(2):
        with pytest.raises(ValueError):
            ours.url("css/missing.css")
