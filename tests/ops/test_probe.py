"""The container's health check (ops/probe.py) against a real server."""

from __future__ import annotations

import pytest

from ops import probe


@pytest.fixture
def probe_env(live_server, monkeypatch):
    port = live_server.url.rsplit(":", 1)[1]
    monkeypatch.setenv("PORT", port)
    monkeypatch.setenv("ALLOWED_HOSTS", "localhost,127.0.0.1")
    return live_server


def test_it_passes_when_the_server_is_ready(probe_env):
    assert probe.main("/ready/") == 0


def test_it_fails_on_a_page_that_does_not_answer_200(probe_env):
    assert probe.main("/no-such-page/") == 1


@pytest.mark.parametrize(
    ("allowed", "host"),
    [
        ("ethicsdesk.example.org,localhost", "ethicsdesk.example.org"),
        (".example.org", "example.org"),
        ("*", "localhost"),
        ("", "localhost"),
    ],
)
def test_it_asks_with_a_host_django_accepts(allowed, host):
    assert probe.host_to_ask(allowed) == host
