"""The benchmark's floor: a static page through the whole stack, only in the bench settings."""

from __future__ import annotations

import importlib

import pytest
from django.test import RequestFactory, override_settings
from django.urls import NoReverseMatch, clear_url_caches, reverse

from ethicsdesk import urls
from ethicsdesk.dev import bench_floor

pytestmark = pytest.mark.django_db


def _get(path: str = "/bench/floor/"):
    return bench_floor.floor(RequestFactory().get(path))


def test_it_answers_a_static_page_of_the_requested_size():
    response = _get("/bench/floor/?size=27000")
    assert response.status_code == 200
    assert len(response.content) == 27000


def test_it_is_html():
    response = _get()
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response.content.startswith(b"<!doctype html>")


def test_it_runs_one_trivial_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        _get()


def test_it_uses_the_default_size_for_garbage_and_caps_large_sizes():
    assert len(_get("/bench/floor/?size=lots").content) == bench_floor.DEFAULT_SIZE
    assert len(_get("/bench/floor/?size=99999999").content) == bench_floor.MAX_SIZE


def test_it_refuses_other_methods():
    assert bench_floor.floor(RequestFactory().post("/bench/floor/")).status_code == 405


def test_it_is_not_routed_under_the_normal_settings():
    with pytest.raises(NoReverseMatch):
        reverse("bench_floor")


@pytest.fixture
def bench_urls():
    with override_settings(BENCH_FLOOR=True):
        importlib.reload(urls)
        clear_url_caches()
        yield
    importlib.reload(urls)
    clear_url_caches()


def test_it_is_routed_when_the_bench_settings_turn_it_on(bench_urls, client, clinician):
    client.force_login(clinician)
    assert client.get(reverse("bench_floor")).status_code == 200


def test_it_requires_sign_in_like_every_other_page(bench_urls, client):
    response = client.get(reverse("bench_floor"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
