from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and clinics"

    def ready(self) -> None:
        # Connect receivers; sso_confirm registers its round trip (accounts/round_trip.py).
        from accounts import second_factor, sso, sso_confirm, timezones  # noqa: F401
