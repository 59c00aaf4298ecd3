"""What in a library copy looks identifying: the worksheet's identifier warnings
(cases/phi.py) and, for teaching copies, more: the deliberation's client reference, any date,
places, numbers and the names of people the app knows (the author, colleagues, stakeholders
and consultants named on the worksheet). Each find is an (field, kind, excerpt); the editor
resolves every one (library.services)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from cases import phi

CLIENT_REFERENCE = "client_reference"
DATE = "date"
PLACE = "place"
NUMBER = "number"
NAME = "name"

KIND_LABELS: dict[str, str] = {
    phi.EMAIL: "An e-mail address",
    phi.PHONE: "A phone number",
    phi.SSN: "A Social Security number",
    phi.DATE_OF_BIRTH: "A date of birth",
    phi.FULL_DATE: "A full date",
    phi.ID_NUMBER: "An ID number",
    phi.CLIENT_NAME: "A client's name",
    CLIENT_REFERENCE: "The client reference",
    DATE: "A date",
    PLACE: "A place",
    NUMBER: "A number",
    NAME: "A person's name",
}

_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
# Dates the worksheet lets pass (it warns only on full dates): "March 3", "June 2023",
# "3/14", "last Tuesday the 4th" is left to the reader.
_PARTIAL_DATE = re.compile(
    rf"\b(?:{_MONTHS}\s+\d{{1,4}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}"
    rf"|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?)\b"
)
# A capitalised name after a preposition of place, or before a word that names a place.
_PLACE = re.compile(
    r"\b(?:in|at|from|near|to)\s+(?P<place>(?:St\.\s+)?[A-Z][a-z]+(?:[\s-][A-Z][a-z']+){0,3})"
    r"|(?P<named>(?:[A-Z][a-z']+\s+){1,3}(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Hospital|"
    r"Clinic|School|College|University|County|Park|Church|Center|Centre|Prison|Shelter))\b"
)
# Words after "in"/"at" that are not places.
_NOT_PLACE_WORDS = """
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday The A An This That Our Their His
    Her My Your Its First Session Week Month Year Time Treatment Therapy Supervision Court
    Ethics Committee Board Code Association Department Services Group Team Peer Legal
    Client Clients Patient Mr Mrs Ms Dr Doctor Miss Mx
    """
_NOT_PLACES = frozenset(_NOT_PLACE_WORDS.split())
# Two capitalised words in a row, not at the start of a sentence: "Maria Lopez".
_FULL_NAME = re.compile(r"(?<![.!?:]\s)(?<!^)\b(?P<first>[A-Z][a-z]+)\s+(?P<last>[A-Z][a-z'’-]+)\b")
_NOT_FULL_NAMES = _NOT_PLACES | phi.NOT_NAMES | {"Street", "Hospital", "Clinic", "School"}
_NUMBER = re.compile(r"(?<![\w.])\d{3,}(?![\w])")


def _known_name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    words = sorted(
        {
            w
            for name in names
            for w in re.findall(r"[A-Z][a-zA-Z'’-]{2,}", name or "")
            if w not in _NOT_FULL_NAMES
        },
        key=len,
        reverse=True,
    )
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


def find(
    text: str, *, client_reference: str = "", names: Iterable[str] = ()
) -> list[tuple[str, str]]:
    """(kind, excerpt) of each thing in ``text`` that looks identifying, once per excerpt."""
    if not text:
        return []
    found: dict[str, str] = {}

    def add(kind: str, excerpt: str) -> None:
        excerpt = excerpt.strip()[:200]
        # Something inside what is already found (the year of a date of birth) is not
        # flagged again: removing the larger find removes it.
        if excerpt and not any(excerpt in known for known in found):
            found[excerpt] = kind

    reference = client_reference.strip()
    if reference:
        for m in re.finditer(re.escape(reference), text, re.IGNORECASE):
            add(CLIENT_REFERENCE, m.group())
    for kind, start, end in phi.identifier_spans(text):
        add(kind, text[start:end])
    for m in _PARTIAL_DATE.finditer(text):
        add(DATE, m.group())
    for m in _PLACE.finditer(text):
        place = m["place"] or m["named"]
        if place.split()[0].rstrip(".") not in _NOT_PLACES:
            add(PLACE, place)
    pattern = _known_name_pattern(names)
    if pattern is not None:
        for m in pattern.finditer(text):
            add(NAME, m.group())
    for m in _FULL_NAME.finditer(text):
        if not {m["first"], m["last"]} & _NOT_FULL_NAMES:
            add(NAME, m.group())
    for m in _NUMBER.finditer(text):
        add(NUMBER, m.group())
    return [(kind, excerpt) for excerpt, kind in found.items()]
