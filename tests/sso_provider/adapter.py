from __future__ import annotations

from allauth.idp.oidc.adapter import DefaultOIDCAdapter


class ProviderAdapter(DefaultOIDCAdapter):
    def populate_id_token(self, id_token, client, scopes, **kwargs) -> None:
        # When the person last signed in here: what a relying party checks after max_age.
        user = self.get_user_by_sub(client, id_token["sub"])
        if user is not None and user.last_login is not None:
            id_token["auth_time"] = int(user.last_login.timestamp())
