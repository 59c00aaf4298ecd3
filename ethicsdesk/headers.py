"""Response headers Django does not set itself."""

from __future__ import annotations

from django.conf import settings
from django.utils.cache import patch_cache_control


class PermissionsPolicyMiddleware:
    """Turn off browser features EthicsDesk never uses (camera, microphone, location...)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every response to a signed-in user.

    Clinical content reaches only signed-in users, so this one rule covers every page,
    partial, note, report, PDF, text download, history and notification, including ones added
    later: no browser cache, proxy or shared computer keeps a copy after sign-out.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response
