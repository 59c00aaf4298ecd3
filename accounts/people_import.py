"""Importing people from a CSV file: the whole file is checked before anything is saved.

Each row goes through the invitation form, so a row is accepted by exactly the rules the
Invite screen applies; rows that clash with each other (the same address twice) are named
too. Any problem anywhere: nothing is saved and every bad row is listed. Otherwise every row
becomes an invitation in one transaction.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction

from accounts.invitations import invitation_create
from accounts.models import Clinic, Invitation, Profession, Role, User
from accounts.people_forms import InvitationForm
from accounts.selectors import clinic_supervisors

MAX_BYTES = 1_000_000
MAX_ROWS = 500
COLUMNS = ("name", "email", "role", "title", "profession", "supervisor_email")
REQUIRED_COLUMNS = ("name", "email", "role")
# Headings people write for the same column.
ALIASES = {
    "e-mail": "email",
    "e-mail address": "email",
    "email address": "email",
    "professional title": "title",
    "supervisor": "supervisor_email",
    "supervisor email": "supervisor_email",
    "supervisor e-mail": "supervisor_email",
    "supervisor's e-mail": "supervisor_email",
    "supervisor's email": "supervisor_email",
}


@dataclass
class ImportCheck:
    """What checking a file found: the rows ready to invite, or every problem."""

    rows: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


def _column(heading: str) -> str:
    key = " ".join(heading.strip().lower().replace("_", " ").split())
    key = ALIASES.get(key, key).replace(" ", "_")
    return key


def _choice(value: str, choices) -> str:
    """A choice's value from its value or its label, any case ("Clinic admin", "clinic_admin")."""
    wanted = " ".join(value.strip().lower().replace("_", " ").split())
    for key, label in choices:
        if wanted in (key.replace("_", " "), label.lower()):
            return key
    return value.strip()


def _split_name(name: str) -> tuple[str, str]:
    parts = name.split()
    if len(parts) < 2:
        return " ".join(parts), ""
    return " ".join(parts[:-1]), parts[-1]


def _read(data: bytes, check: ImportCheck) -> list[dict[str, str]] | None:
    if len(data) > MAX_BYTES:
        check.problems.append("The file is larger than 1 MB. Split it into smaller files.")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        check.problems.append(
            "The file is not UTF-8 text. Save it from your spreadsheet as 'CSV UTF-8'."
        )
        return None
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        table = [row for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as exc:
        check.problems.append(f"The file can't be read as CSV ({exc}).")
        return None
    if not table:
        check.problems.append("The file is empty.")
        return None
    headings = [_column(h) for h in table[0]]
    missing = [c for c in REQUIRED_COLUMNS if c not in headings]
    unknown = [h for h in table[0] if _column(h) not in COLUMNS]
    if missing or unknown:
        if missing:
            check.problems.append(
                "The first row must name the columns; missing: " + ", ".join(missing) + "."
            )
        if unknown:
            check.problems.append(
                "Unknown columns: " + ", ".join(unknown) + ". Use: " + ", ".join(COLUMNS) + "."
            )
        return None
    if len(table) - 1 > MAX_ROWS:
        check.problems.append(
            f"The file has {len(table) - 1} people; at most {MAX_ROWS} at a time."
        )
        return None
    if len(table) == 1:
        check.problems.append("The file names the columns but lists nobody.")
        return None
    return [
        {heading: (row[i].strip() if i < len(row) else "") for i, heading in enumerate(headings)}
        | {"_extra": str(len(row) > len(headings))}
        for row in table[1:]
    ]


def _row_problems(form: InvitationForm) -> list[str]:
    names = {"first_name": "name", "last_name": "name", "professional_title": "title"}
    found = []
    for name, errors in form.errors.items():
        label = names.get(name, name)
        found.extend(f"{label}: {error.rstrip('.')}" for error in errors)
    return found


def people_import_check(*, clinic: Clinic, data: bytes) -> ImportCheck:
    """Check the whole file; nothing is saved."""
    check = ImportCheck()
    table = _read(data, check)
    if table is None:
        return check
    supervisors = {s.email.lower(): s for s in clinic_supervisors(clinic=clinic) if s.email}
    seen: dict[str, int] = {}
    for number, row in enumerate(table, start=2):  # row 1 names the columns
        first, last = _split_name(row.get("name", ""))
        supervisor_email = row.get("supervisor_email", "").lower()
        supervisor: User | None = supervisors.get(supervisor_email)
        form = InvitationForm(
            {
                "first_name": first,
                "last_name": last,
                "email": row.get("email", ""),
                "role": _choice(row.get("role", ""), Role.choices),
                "professional_title": row.get("title", ""),
                "profession": _choice(row.get("profession", ""), Profession.choices),
                "supervisor": supervisor.pk if supervisor else "",
            },
            clinic=clinic,
        )
        problems = [] if form.is_valid() else _row_problems(form)
        if row["_extra"] == "True":
            problems.append("more cells than there are columns")
        if supervisor_email and supervisor is None:
            problems.append(
                f"supervisor_email: {supervisor_email} is not an active supervisor at your "
                "clinic (people invited in this file can be linked once they have accepted)"
            )
        email = row.get("email", "").lower()
        if email and email in seen:
            problems.append(f"email: {email} is also on row {seen[email]}")
        elif email:
            seen[email] = number
        who = row.get("name") or row.get("email") or "no name"
        if problems:
            check.problems.append(f"Row {number} ({who}): " + "; ".join(problems) + ".")
        else:
            check.rows.append(form.cleaned_data)
    return check


@transaction.atomic
def people_import(*, clinic: Clinic, rows: list[dict], by: User) -> list[Invitation]:
    """Invite every checked row, all or none."""
    return [invitation_create(clinic=clinic, invited_by=by, **row) for row in rows]
