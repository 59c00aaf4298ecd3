"""``prompt=login`` or ``max_age=0`` at the authorization endpoint: the person signs in again
from scratch (signed out first), so the ID token's ``auth_time`` (adapter.py) is that new
sign-in, as a real provider does."""

from __future__ import annotations

from django.contrib.auth import logout


class FreshSignInMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        wants_fresh = "login" in request.GET.get("prompt", "").split() or (
            request.GET.get("max_age") == "0"
        )
        if request.path.endswith("/o/authorize") and wants_fresh and request.user.is_authenticated:
            logout(request)
            query = request.GET.copy()
            query.pop("max_age", None)
            query.pop("prompt", None)
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(f"{request.path}?{query.urlencode()}")
        return self.get_response(request)
