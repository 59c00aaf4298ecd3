"""The bench settings: production settings on plain HTTP, with the floor and the seed app."""

from __future__ import annotations

import importlib

import pytest
from django.utils.module_loading import import_string
from whitenoise.storage import CompressedManifestStaticFilesStorage


@pytest.fixture(scope="module")
def bench_settings():
    return importlib.import_module("ethicsdesk.settings_bench")


def test_it_serves_the_production_way(bench_settings):
    assert bench_settings.DEBUG is False
    # Production's static storage (ethicsdesk.static_storage): whitenoise's manifest storage.
    backend = import_string(bench_settings.STORAGES["staticfiles"]["BACKEND"])
    assert issubclass(backend, CompressedManifestStaticFilesStorage)


def test_it_speaks_plain_http_on_localhost(bench_settings):
    assert not bench_settings.SECURE_SSL_REDIRECT
    assert not bench_settings.SESSION_COOKIE_SECURE


def test_it_turns_on_the_floor_and_the_seed_command(bench_settings):
    assert bench_settings.BENCH_FLOOR is True
    assert "bench" in bench_settings.INSTALLED_APPS


def test_it_keeps_the_middleware_of_production(bench_settings):
    from ethicsdesk import settings

    assert bench_settings.MIDDLEWARE == settings.MIDDLEWARE
