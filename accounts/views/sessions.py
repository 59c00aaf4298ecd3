"""The person's own sessions (django-allauth's usersessions): where they are signed in, from
which address and browser, since when and last active; and "sign out everywhere else"."""

from __future__ import annotations

from allauth.usersessions.views import ListUserSessionsView
from django.views.decorators.cache import never_cache

from audit.declare import not_clinical

session_list = not_clinical(
    "the person's own sessions; ending them is recorded by accounts/adapter.py (SESSION_END)"
)(never_cache(ListUserSessionsView.as_view()))
