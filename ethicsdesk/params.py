"""Reading ids from query strings and forms without trusting them."""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def parse_id(raw: str | None, *, max_digits: int = 18) -> int | None:
    """A positive whole number written in ASCII digits, or None for anything else."""
    if raw and raw.isascii() and raw.isdigit() and len(raw) <= max_digits:
        return int(raw)
    return None


def parse_token(raw: str | None) -> str:
    """A page's tab token (hex, as the page made it), or "" for anything else."""
    if raw and _TOKEN.fullmatch(raw):
        return raw
    return ""


def printable(value: str, *, limit: int) -> str:
    """Text safe to store in PostgreSQL (no NUL characters), cut to ``limit``."""
    return value.replace("\x00", "")[:limit]
