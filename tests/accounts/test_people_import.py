"""Importing people from a CSV file: checked whole, every bad row named, nothing saved on any
error; then invitations sent."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Invitation, Role
from audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db

URL = reverse("people_import")
HEADER = "name,email,role,title,profession,supervisor_email\n"
GOOD = [
    "Noor Haddad,noor@riverside.example,clinician,Associate counselor,counsellor,"
    "sam@riverside.example",
    "Lee Park,lee@riverside.example,Supervisor,LPC-S,Psychologist,",
]


def _upload(client, text: str | bytes):
    data = text.encode() if isinstance(text, str) else text
    return client.post(URL, {"file": SimpleUploadedFile("people.csv", data, "text/csv")})


def _csv(*rows: str) -> str:
    return HEADER + "\n".join(rows) + "\n"


def test_it_invites_everyone_in_a_good_file(admin_client):
    _upload(admin_client, _csv(*GOOD))
    assert sorted(Invitation.objects.values_list("email", flat=True)) == [
        "lee@riverside.example",
        "noor@riverside.example",
    ]


def test_it_emails_each_invitation(admin_client):
    _upload(admin_client, _csv(*GOOD))
    assert sorted(m.to[0] for m in mail.outbox) == [
        "lee@riverside.example",
        "noor@riverside.example",
    ]


def test_it_reads_roles_professions_and_supervisors(admin_client, people_world):
    _upload(admin_client, _csv(*GOOD))
    noor = Invitation.objects.get(email="noor@riverside.example")
    lee = Invitation.objects.get(email="lee@riverside.example")
    assert (noor.first_name, noor.last_name, noor.supervisor, noor.profession) == (
        "Noor",
        "Haddad",
        people_world["supervisor"],
        "counsellor",
    )
    assert (lee.role, lee.profession) == (Role.SUPERVISOR, "psychologist")


def test_it_audits_the_import_and_each_invitation(admin_client):
    _upload(admin_client, _csv(*GOOD))
    assert AuditEvent.objects.filter(action=Action.IMPORT).count() == 1
    assert AuditEvent.objects.filter(action=Action.INVITE).count() == 2


BAD_ROWS = {
    "bad e-mail": "Ann Bad,not-an-email,clinician,,,",
    "unknown role": "Ann Bad,ann@riverside.example,emperor,,,",
    "no name": ",ann@riverside.example,clinician,,,",
    "unknown profession": "Ann Bad,ann@riverside.example,clinician,,astrologer,",
    "unknown supervisor": "Ann Bad,ann@riverside.example,clinician,,,nobody@riverside.example",
    "existing account": "Dana Again,dana@riverside.example,clinician,,,",
    "another clinic's account": "Olga,olga@elsewhere.example,clinician,,,",
    "supervisor for an admin": "Ann Bad,ann@riverside.example,clinic admin,,,sam@riverside.example",
    "too many cells": "Ann Bad,ann@riverside.example,clinician,,,,extra",
    "title too long": "Ann Bad,ann@riverside.example,clinician," + "x" * 121 + ",,",
}


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_it_saves_nothing_when_one_row_is_bad(admin_client, case):
    response = _upload(admin_client, _csv(GOOD[0], BAD_ROWS[case], GOOD[1]))
    assert (Invitation.objects.count(), len(mail.outbox)) == (0, 0)
    assert "Row 3 (" in response.content.decode()


def test_it_names_every_bad_row(admin_client):
    response = _upload(
        admin_client, _csv(BAD_ROWS["bad e-mail"], GOOD[0], BAD_ROWS["unknown role"])
    )
    content = response.content.decode()
    assert "Row 2 (Ann Bad)" in content and "Row 4 (Ann Bad)" in content
    assert "Row 3" not in content


def test_it_names_an_address_listed_twice(admin_client):
    response = _upload(admin_client, _csv(GOOD[0], GOOD[0].replace("Noor Haddad", "Noor H")))
    assert "is also on row 2" in response.content.decode()
    assert Invitation.objects.count() == 0


def test_it_refuses_an_address_already_invited(admin_client, noor_invited):
    response = _upload(admin_client, _csv(*GOOD))
    assert "has already been invited" in response.content.decode()
    assert Invitation.objects.count() == 1


FILE_PROBLEMS = {
    "empty": ("", "The submitted file is empty."),
    "blank lines": ("\n\n", "The file is empty."),
    "header only": (HEADER, "lists nobody"),
    "missing column": ("name,role\nAnn,clinician\n", "missing: email"),
    "unknown column": (HEADER.strip() + ",shoe size\n", "Unknown columns: shoe size"),
    "not utf-8": ("name,email,role\nRen\xe9,r@x.example,clinician\n".encode("latin-1"), "UTF-8"),
    "too many rows": (
        HEADER + "".join(f"P {n},p{n}@riverside.example,clinician,,,\n" for n in range(501)),
        "at most 500",
    ),
}


@pytest.mark.parametrize("case", sorted(FILE_PROBLEMS))
def test_it_explains_a_file_it_cannot_use(admin_client, case):
    text, message = FILE_PROBLEMS[case]
    response = _upload(admin_client, text)
    assert message in response.content.decode()
    assert Invitation.objects.count() == 0


def test_it_accepts_common_headings(admin_client):
    text = "Name,E-mail,Role,Professional title,Profession,Supervisor's e-mail\n" + GOOD[0] + "\n"
    _upload(admin_client, text)
    assert Invitation.objects.count() == 1


def test_it_asks_for_a_file(admin_client):
    response = admin_client.post(URL, {})
    assert response.status_code == 200 and Invitation.objects.count() == 0


def test_it_refuses_a_clinician(client, people_world):
    client.force_login(people_world["clinician"])
    assert _upload(client, _csv(*GOOD)).status_code == 403
