"""A real OpenID Connect provider for the single sign-on tests: django-allauth's own identity
provider (allauth.idp.oidc) as a tiny Django project with its own settings and database,
started on 127.0.0.1 by tests/sso_provider/server.py (``make sso-provider`` runs it by hand)."""
