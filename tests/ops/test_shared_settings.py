"""Nothing that decides whether a request is allowed lives in one process's memory."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from ops.models import CacheEntry

pytestmark = pytest.mark.django_db


def test_it_keeps_every_cache_in_postgresql():
    backends = {c["BACKEND"] for c in settings.CACHES.values()}
    assert backends == {"django.core.cache.backends.db.DatabaseCache"}
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"


def test_it_keeps_allauths_rate_limits_in_the_shared_cache_table(client):
    response = client.post(reverse("account_reset_password"), {"email": "dana@clinic.example"})
    assert response.status_code == 302
    keys = list(CacheEntry.objects.values_list("cache_key", flat=True))
    assert any("allauth:rl:" in key and "reset_password" in key for key in keys)
    cache.clear()
    assert not CacheEntry.objects.exists()
