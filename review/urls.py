from __future__ import annotations

from django.urls import path

from review import views

app_name = "review"

urlpatterns = [
    path("review/", views.review_queue, name="queue"),
    path("review/dashboard/", views.dashboard, name="dashboard"),
    path("shared-with-me/", views.shared_with_me, name="shared_with_me"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/badges/", views.badges, name="badges"),
    path("deliberations/<int:pk>/submit/", views.submit, name="submit"),
    path("deliberations/<int:pk>/review/", views.review_actions, name="actions"),
    path("deliberations/<int:pk>/share/", views.share, name="share"),
    path(
        "deliberations/<int:pk>/share/<int:share_id>/withdraw/",
        views.share_withdraw,
        name="share_withdraw",
    ),
    path(
        "deliberations/<int:pk>/steps/<slug:key>/comments/",
        views.comment_add,
        name="comment_add",
    ),
    path(
        "deliberations/<int:pk>/comments/<int:comment>/resolve/",
        views.comment_resolve,
        name="comment_resolve",
    ),
]
