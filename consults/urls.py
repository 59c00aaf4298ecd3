from __future__ import annotations

from django.urls import path

from consults.views import answering, asking, groups

app_name = "consults"

urlpatterns = [
    path("asked-of-me/", answering.asked_of_me, name="asked_of_me"),
    path("deliberations/<id:pk>/ask/", asking.ask, name="ask"),
    path("deliberations/<id:pk>/asks/", asking.requests, name="requests"),
    path("deliberations/<id:pk>/asks/<id:ask>/close/", asking.close, name="close"),
    path("deliberations/<id:pk>/asks/<id:ask>/conclusion/", asking.conclusion, name="conclusion"),
    # The colleague's pages (under "Asked of me"); <pk> is the deliberation, for the audit.
    path("asked-of-me/<id:pk>/<id:ask>/", answering.asked, name="asked"),
    path(
        "asked-of-me/<id:pk>/<id:ask>/steps/<slug:key>/",
        answering.asked_step,
        name="asked_step",
    ),
    path("asked-of-me/<id:pk>/<id:ask>/answer/", answering.answer, name="answer"),
    path("asked-of-me/<id:pk>/<id:ask>/note/", answering.note, name="note"),
    path("clinic/groups/", groups.group_list, name="groups"),
    path("clinic/groups/new/", groups.group_new, name="group_new"),
    path("clinic/groups/<id:pk>/", groups.group_edit, name="group_edit"),
    path("clinic/groups/<id:pk>/delete/", groups.group_delete, name="group_delete"),
]
