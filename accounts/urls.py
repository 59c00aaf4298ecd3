from __future__ import annotations

from django.urls import path

from accounts import reauth, views
from accounts.views import lockouts, supervision

urlpatterns = [
    path("keepalive/", views.keepalive, name="keepalive"),
    path("confirm/", reauth.reauth, name="reauth"),
    path("clinic/lockouts/", lockouts.lockout_list, name="lockout_list"),
    path("clinic/lockouts/reset/", lockouts.lockout_reset, name="lockout_reset"),
    path("login/", views.sign_in, name="login"),
    path("logout/", views.sign_out, name="logout"),
    path(
        "password/",
        views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "password/done/",
        views.password_changed,
        name="password_change_done",
    ),
    path(
        "clinic/supervision/",
        supervision.supervision_list,
        name="supervision_list",
    ),
    path(
        "clinic/supervision/add/",
        supervision.supervision_add,
        name="supervision_add",
    ),
    path(
        "clinic/supervision/<id:pk>/end/",
        supervision.supervision_end,
        name="supervision_end",
    ),
]
