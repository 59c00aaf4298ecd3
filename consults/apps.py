from __future__ import annotations

from django.apps import AppConfig


class ConsultsConfig(AppConfig):
    name = "consults"
    verbose_name = "Asking a colleague"
