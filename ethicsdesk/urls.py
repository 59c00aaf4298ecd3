from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from accounts.views import home
from ethicsdesk.converters import register_id_converter
from ethicsdesk.dev.bench_floor import floor
from ops import health

# Registered before include() below imports the apps' URL modules: every id is <id:...>.
register_id_converter()

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("jobs.urls")),
    path("frameworks/", include("frameworks.urls")),
    path("clinic/rules/", include("jurisdictions.urls")),
    path("", include("cases.urls")),
    path("deliberations/", include("records.urls")),
    path("", include("review.urls")),
    path("", include("consults.urls")),
    path("", include("audit.urls")),
    path("", include("library.urls")),
    path("django-admin/", admin.site.urls),
    # Load balancers' probes: no sign-in, nothing clinical (ops/health.py).
    path("health/", health.health, name="health"),
    path("ready/", health.ready, name="ready"),
]

handler500 = "ethicsdesk.outage.handler500"

if getattr(settings, "BENCH_FLOOR", False):
    # Only under ethicsdesk.settings_bench: the benchmark's floor (ethicsdesk/dev/bench_floor.py).
    urlpatterns.append(path("bench/floor/", floor, name="bench_floor"))
