"""ethicsdesk/client_ip.py: the one function that says where a request came from."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from ethicsdesk.client_ip import client_ip


def _ip(settings, proxies: int, forwarded: str | None, remote: str = "10.0.0.2") -> str | None:
    settings.TRUSTED_PROXY_COUNT = proxies
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **extra))


def test_it_ignores_the_header_without_trusted_proxies(settings):
    assert _ip(settings, 0, "203.0.113.66") == "10.0.0.2"


def test_it_takes_the_rightmost_address_behind_one_proxy(settings):
    assert _ip(settings, 1, "1.1.1.1, 203.0.113.66") == "203.0.113.66"


def test_it_skips_the_addresses_written_by_further_proxies(settings):
    assert _ip(settings, 2, "1.1.1.1, 203.0.113.66, 10.0.0.9") == "203.0.113.66"


@pytest.mark.parametrize("forwarded", ["", "garbage", "1.1.1.1, nonsense", "300.1.1.1"])
def test_it_falls_back_to_the_peer_for_a_malformed_header(settings, forwarded):
    assert _ip(settings, 1, forwarded) == "10.0.0.2"


def test_it_falls_back_when_fewer_addresses_than_proxies(settings):
    assert _ip(settings, 2, "203.0.113.66") == "10.0.0.2"


def test_it_reads_ipv6(settings):
    assert _ip(settings, 1, "2001:db8::1") == "2001:db8::1"


def test_it_answers_none_without_any_valid_address(settings):
    assert _ip(settings, 0, None, remote="") is None
