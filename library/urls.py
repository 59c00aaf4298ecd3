from __future__ import annotations

from django.urls import path

from library.views import browse, editing

app_name = "library"

urlpatterns = [
    path("library/", browse.search, name="search"),
    path("library/drafts/", editing.work, name="work"),
    # Who reviews the library is decided where the clinic admin manages people.
    path("accounts/clinic/people/library-reviewers/", editing.reviewers, name="reviewers"),
    path("library/<id:pk>/", browse.entry, name="entry"),
    path("library/<id:pk>/edit/", editing.edit, name="edit"),
    path("library/<id:pk>/flags/<id:flag>/", editing.flag, name="flag"),
    path("library/<id:pk>/submit/", editing.submit, name="submit"),
    path("library/<id:pk>/approve/", editing.approve, name="approve"),
    path("library/<id:pk>/send-back/", editing.send_back, name="send_back"),
    path("library/<id:pk>/withdraw/", editing.withdraw, name="withdraw"),
    path("deliberations/<id:pk>/library/offer/", editing.offer, name="offer"),
    path("deliberations/<id:pk>/library/similar/", browse.similar, name="similar"),
    path(
        "deliberations/<id:pk>/library/<id:entry>/consulted/",
        browse.consulted,
        name="consulted",
    ),
]
