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
    path("deliberations/<id:pk>/submit/", views.submit, name="submit"),
    path("deliberations/<id:pk>/review/", views.review_actions, name="actions"),
    path("deliberations/<id:pk>/share/", views.share, name="share"),
    path(
        "deliberations/<id:pk>/share/<id:share_id>/withdraw/",
        views.share_withdraw,
        name="share_withdraw",
    ),
    path(
        "deliberations/<id:pk>/steps/<slug:key>/comments/",
        views.comment_add,
        name="comment_add",
    ),
    path(
        "deliberations/<id:pk>/comments/<id:comment>/resolve/",
        views.comment_resolve,
        name="comment_resolve",
    ),
]
