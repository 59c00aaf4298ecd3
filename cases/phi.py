"""Spot direct identifiers in free text, so the app can warn (never block) before they are kept.

A deliberation holds a client *reference*, never the client's identity. These checks are
deliberately simple regular expressions: they catch the usual slips (a phone number, an
e-mail address, a date of birth, an ID number, a name after "client") and stay quiet on
ordinary clinical prose — years, times, percentages, scores, the clinic's own references.
A warning names the *kind* of identifier, never echoes the value back.
"""

from __future__ import annotations

import hashlib
import re

EMAIL = "email"
PHONE = "phone"
SSN = "ssn"
DATE_OF_BIRTH = "dob"
FULL_DATE = "date"
ID_NUMBER = "id_number"
CLIENT_NAME = "client_name"

WARNINGS: dict[str, str] = {
    EMAIL: "Looks like an e-mail address. Leave contact details out of the deliberation.",
    PHONE: "Looks like a phone number. Leave contact details out of the deliberation.",
    SSN: "Looks like a Social Security number. Leave it out; the client reference is enough.",
    DATE_OF_BIRTH: "Looks like a date of birth. Give an age instead.",
    FULL_DATE: "Contains a full date, which could be a date of birth. If it is, give an age.",
    ID_NUMBER: (
        "Looks like an ID number (such as a record or insurance number). "
        "Use the client reference instead."
    ),
    CLIENT_NAME: (
        "Looks like a client's name after 'client'. Use the client reference or a pseudonym."
    ),
}

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH_NUMBER = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:19|20)\d{2}"

# Full dates: 03/14/1987, 3-14-87, 14.03.1987, 1987-03-14, March 14, 1987, 14 March 1987.
# The separator must repeat (\1), so "3/5-10" or a version number like "1.2.10" is no date.
_FULL_DATE = re.compile(
    rf"(?<![\w/.-])(?:"
    rf"{_MONTH_NUMBER}([/-]){_DAY}\1(?:{_YEAR}|\d{{2}})"
    rf"|{_DAY}([/.-]){_MONTH_NUMBER}\2{_YEAR}"
    rf"|{_YEAR}-{_MONTH_NUMBER}-{_DAY}"
    rf"|{_MONTHS}\s+{_DAY}(?:st|nd|rd|th)?,?\s+{_YEAR}"
    rf"|{_DAY}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS},?\s+{_YEAR}"
    rf")(?![\w/-])",
    re.IGNORECASE,
)
# After a birth keyword even a date without its year identifies: "DOB 3/14", "born March 14".
_BIRTH_DATE = re.compile(
    rf"\b(?:d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|birthday|born)\b[\s:.,-]*"
    rf"(?:on\s+|in\s+)?(?:the\s+)?(?:"
    rf"\d{{1,2}}[/-]\d{{1,2}}(?:[/-]\d{{2,4}})?"
    rf"|\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}"
    rf"|{_YEAR}-\d{{1,2}}-\d{{1,2}}"
    rf"|{_MONTHS}\s+{_DAY}\b"
    rf"|{_DAY}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}"
    rf")",
    re.IGNORECASE,
)
# Anchored at the start of a run and bounded (RFC 5321 lengths), so a long word without "@"
# is rejected in one pass instead of being retried from every position.
_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.[a-z]{2,24}(?![\w-])",
    re.IGNORECASE,
)
_SSN = re.compile(r"(?<![\w-])\d{3}([- ])\d{2}\1\d{4}(?![\w-])")
# US numbers: (555) 123-4567, 555-123-4567, 555.123.4567, +1 555 123 4567.
_PHONE = re.compile(
    r"(?<![\w+-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\w-])"
)
_LONG_NUMBER = re.compile(r"(?<![\d.,])\d{8,}(?!\d)(?![.,]\d)")
_ID_KEYWORD = re.compile(
    r"\b(?:mrn|medical\s+record\s+(?:number|no\.?|#)|member\s+id|insurance\s+(?:number|id|no\.?)|"
    r"policy\s+(?:number|no\.?)|medicaid|medicare|driver'?s\s+licen[cs]e|passport)"
    r"[\s:#.-]*(?:number\s*|no\.?\s*)?[A-Z]{0,4}-?\d[\d -]{2,}\d",
    re.IGNORECASE,
)

# "client Maria Lopez", "the client, John,", "client named Ana". The name must be capitalised
# (the keyword need not be), so "the client said" or "client reference CR-1042" stay quiet.
_CLIENT_NAME = re.compile(
    r"\b[Cc]lient(?:'s\s+name\s+is|,?\s+(?:is\s+)?(?:named|called))?[,:]?\s+"
    r"(?P<name>[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?)\b"
)
# Capitalised words that follow "client" without being a name.
_NOT_NAME_WORDS = """
    A An The This That These Those He She They We It I You His Her Their Our Its And But Or
    So If When While After Before Because Although Who Whom Whose What Which Where Why How
    Reference Ref Number No Record Records Chart Id Services Service Portal Agreement Consent
    Consents Intake File Files Notes Note Plan Safety Care Centered Centred Today Yesterday
    Tomorrow Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April May June July August September October November December Has Had Was Is Said Says
    """
NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())


def identifier_spans(text: str) -> list[tuple[str, int, int]]:
    """Each direct identifier the text seems to hold: (kind, start, end), in the order the
    checks run. For an editor who must find and remove them (the case library's
    de-identification); the warnings shown while writing name only the kinds."""
    spans: list[tuple[str, int, int]] = []
    # Most specific first; each blanks what it matched so the broader ones do not repeat it.
    for kind, pattern in (
        (EMAIL, _EMAIL),
        (DATE_OF_BIRTH, _BIRTH_DATE),
        (SSN, _SSN),
        (PHONE, _PHONE),
        (FULL_DATE, _FULL_DATE),
        (ID_NUMBER, _ID_KEYWORD),
        (ID_NUMBER, _LONG_NUMBER),
    ):
        for match in pattern.finditer(text):
            spans.append((kind, match.start(), match.end()))
        text = pattern.sub(lambda m: " " * (m.end() - m.start()), text)
    for match in _CLIENT_NAME.finditer(text):
        if match["name"] not in NOT_NAMES:
            spans.append((CLIENT_NAME, match.start("name"), match.end("name")))
    return spans


def identifier_kinds(text: str) -> list[str]:
    """The kinds of direct identifier the text seems to hold, in a stable order."""
    if not text:
        return []
    digest = hashlib.blake2b(text.encode(), digest_size=16).digest()
    kinds = _checked.get(digest)
    if kinds is None:
        kinds = tuple(_identifier_kinds(text))
        if len(_checked) >= 4096:
            _checked.clear()
        _checked[digest] = kinds
    return list(kinds)


# Every page and every autosave checks each text field again, and most have not changed
# since the last check (an autosave sends the whole step; a page shows what the last one
# showed). The kinds found are kept per text under a digest of it: the cache holds no
# clinical text.
_checked: dict[bytes, tuple[str, ...]] = {}


def _identifier_kinds(text: str) -> list[str]:
    return list(dict.fromkeys(kind for kind, _, _ in identifier_spans(text)))


def identifier_warnings(text: str) -> list[str]:
    """Plain-language, non-blocking warnings for the direct identifiers the text seems to hold."""
    return [WARNINGS[kind] for kind in identifier_kinds(text)]


_NAME_PART = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")


def looks_like_full_name(value: str) -> bool:
    """True for "John Smith" or "Maria de la Cruz": two or more capitalised words of letters.

    References such as "CR-1042", "J.S." or "JS 2291" hold digits, dots or single letters,
    so they pass.
    """
    words = value.split()
    if len(words) < 2 or not all(_NAME_PART.match(word) for word in words):
        return False
    # "Smith" or "SMITH" reads as a name; two-letter capitals such as "JS" read as initials.
    capitalised = [w for w in words if w[0].isupper() and (len(w) > 2 or not w.isupper())]
    return len(capitalised) >= 2
