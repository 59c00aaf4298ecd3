from __future__ import annotations

from django.apps import AppConfig


class JurisdictionsConfig(AppConfig):
    name = "jurisdictions"
    verbose_name = "Jurisdiction rules"
