"""Forms of single sign-on: the clinic admin's provider settings, and the work e-mail that
"Sign in with your organisation" asks for."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError

from accounts import sso
from accounts.models import Clinic, SingleSignOn

DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


class SignOnForm(forms.Form):
    display_name = forms.CharField(
        label="Name on the sign-in button",
        max_length=40,
        help_text="People see “Sign in with …” this name, e.g. “Contoso Entra ID”.",
    )
    server_url = forms.URLField(
        label="Issuer URL",
        max_length=300,
        assume_scheme="https",
        help_text=(
            "Your provider's issuer (sometimes called authority), e.g. "
            "https://login.microsoftonline.com/<tenant>/v2.0. We read its discovery document "
            "when you save."
        ),
    )
    client_id = forms.CharField(label="Client ID", max_length=191)
    secret = forms.CharField(
        label="Client secret",
        max_length=191,
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )
    email_domains = forms.CharField(
        label="Work e-mail domains",
        max_length=500,
        required=False,
        help_text=(
            "Optional, separated by spaces, e.g. “contoso.org contoso.com”: people who type an "
            "address at these domains under “Sign in with your organisation” go to this "
            "provider."
        ),
    )
    enabled = forms.BooleanField(label="Offer single sign-on at sign-in", required=False)
    only_way_in = forms.BooleanField(
        label="Single sign-on is the only way in for this clinic's people",
        required=False,
        help_text=(
            "Their passwords stop working and password reset sends them nothing. Clinic admins "
            "keep their password and second factor, so a provider outage can't lock the clinic "
            "out of this page."
        ),
    )

    def __init__(self, *args, clinic: Clinic, sign_on: SingleSignOn | None, **kwargs) -> None:
        self.clinic = clinic
        self.sign_on = sign_on
        self.discovery: dict = {}
        super().__init__(*args, **kwargs)
        if sign_on is not None and sign_on.app.secret:
            self.fields[
                "secret"
            ].help_text = "A secret is stored; it is never shown. Leave blank to keep it."
        else:
            self.fields["secret"].help_text = "From your provider's app registration."

    @classmethod
    def initial_for(cls, sign_on: SingleSignOn | None) -> dict:
        if sign_on is None:
            return {}
        return {
            "display_name": sign_on.app.name,
            "server_url": sign_on.app.settings.get("server_url", ""),
            "client_id": sign_on.app.client_id,
            "email_domains": sign_on.email_domains,
            "enabled": sign_on.enabled,
            "only_way_in": sign_on.only_way_in,
        }

    def clean_server_url(self) -> str:
        url = self.cleaned_data["server_url"].rstrip("/")
        self.discovery = sso.issuer_check(url)
        return url

    def clean_email_domains(self) -> str:
        domains = [
            d.strip().lower().lstrip("@") for d in self.cleaned_data["email_domains"].split()
        ]
        bad = [d for d in domains if not DOMAIN.match(d)]
        if bad:
            raise ValidationError("Not a domain: %(bad)s.", params={"bad": ", ".join(bad)})
        taken = sso.domains_in_use(domains=domains, clinic=self.clinic)
        if taken:
            raise ValidationError(
                "Another clinic's sign-on already uses %(taken)s.",
                params={"taken": ", ".join(taken)},
            )
        return " ".join(dict.fromkeys(domains))

    def clean(self) -> dict:
        data = super().clean()
        has_secret = self.sign_on is not None and bool(self.sign_on.app.secret)
        if not data.get("secret") and not has_secret:
            self.add_error("secret", "Type the client secret from your provider.")
        if data.get("only_way_in") and not data.get("enabled"):
            self.add_error(
                "only_way_in",
                "Single sign-on can only be the only way in while it is offered at sign-in.",
            )
        return data

    def values(self) -> sso.SignOnSettings:
        data = self.cleaned_data
        return sso.SignOnSettings(
            display_name=data["display_name"],
            server_url=data["server_url"],
            client_id=data["client_id"],
            secret=data["secret"],
            enabled=data["enabled"],
            only_way_in=data["only_way_in"],
            email_domains=data["email_domains"],
            authorization_origin=sso.origin_of(self.discovery["authorization_endpoint"]),
        )


class OrganisationEmailForm(forms.Form):
    email = forms.EmailField(
        label="Your work e-mail address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        self.sign_on = sso.sign_on_for_email(email=email)
        if self.sign_on is None:
            domain = email.rpartition("@")[2]
            raise ValidationError(
                "No organisation sign-in is set up for addresses at %(domain)s. Sign in with "
                "your password, or ask your clinic admin for your clinic's sign-in address.",
                params={"domain": domain},
            )
        return email
