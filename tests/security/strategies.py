"""Hypothesis strategies for hostile input, and the helpers the bad-input tests share.

Every value is a string or a list of strings, as a browser (or anyone with curl) can send
them. Text is surrogate-free: the test client can't encode a lone surrogate, and no real
client can send one in UTF-8 either.
"""

from __future__ import annotations

import contextlib
import datetime
import os
from collections.abc import Iterator

from django import forms
from django.db import transaction
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

# What the app may answer to bad input. A 500 (or an exception escaping the view) never is.
ALLOWED = {200, 302, 400, 403, 404, 405, 413, 429}
HTMX = {"HTTP_HX_REQUEST": "true"}


def bad_input_settings(max_examples: int) -> settings:
    """Fixtures are set up once per test, not per example: each example runs in a savepoint
    that ``rolled_back`` undoes, so the reuse is deliberate. No example database, so the
    suite leaves no ``.hypothesis/`` directory in the working tree.

    Shrinking a failure to its smallest form replays hundreds of requests (minutes per
    failing test), so it is off unless ``BAD_INPUT_SHRINK=1``: set it when fixing a failure.
    ``BAD_INPUT_SCALE=10`` runs ten times the examples, for a longer hunt than CI affords.
    """
    phases = [Phase.explicit, Phase.generate]
    if os.environ.get("BAD_INPUT_SHRINK") == "1":
        phases.append(Phase.shrink)
    return settings(
        max_examples=max_examples * int(os.environ.get("BAD_INPUT_SCALE", "1")),
        deadline=None,
        database=None,
        phases=phases,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
        ],
    )


@contextlib.contextmanager
def rolled_back() -> Iterator[None]:
    """Run one example in a savepoint and undo it, so every example sees the same data."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# -- text -----------------------------------------------------------------------------------

SAFE_CHARS = st.characters(exclude_categories=["Cs"])
CONTROL_CHARS = st.characters(categories=["Cc", "Cf", "Zl", "Zp"])
unicode_text = st.text(SAFE_CHARS, max_size=40)
control_text = st.text(st.one_of(CONTROL_CHARS, SAFE_CHARS), min_size=1, max_size=20)
nul_text = st.builds(lambda a, b: f"{a}\x00{b}", unicode_text, unicode_text)


def huge_text(min_size: int = 20_001, max_size: int = 100_000) -> st.SearchStrategy[str]:
    # A repeated unit keeps generation cheap; the server sees the same size. Long words are
    # here on purpose: the identifier check once took quadratic time over them.
    return st.builds(
        lambda unit, n: (unit * n)[:n],
        st.sampled_from(["x", "é", "😀", " ", "\x00", "\n", "\u202e", "<", "a.", "1"]),
        st.integers(min_size, max(min_size, max_size)),
    )


# -- numbers, dates and other wrong types ---------------------------------------------------

numberish = st.one_of(
    st.integers().map(str),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats().map(str),
    # Digits of other scripts and superscripts: str.isdigit() says yes to all of them.
    st.text(st.characters(categories=["Nd", "No", "Nl"]), min_size=1, max_size=6),
    # Python refuses int() on more than 4300 digits.
    st.integers(4_300, 6_000).map(lambda n: "9" * n),
    st.sampled_from(
        ["-1", "0", "-0", "+1", " 1", "1 ", "1.0", "1e3", "0x10", "１", "١", "²", "NaN", "inf"]
    ),
)
bad_dates = st.sampled_from(
    [
        "2026-02-31",
        "2025-02-29",
        "2026-13-01",
        "2026-00-10",
        "0000-01-01",
        "99999-01-01",
        "-2026-01-01",
        "2026-1-1 ",
        "20260231",
        "2026-02-28T25:00",
        "2026-02-31T10:00",
        "31/02/2026",
        "yesterday",
    ]
)
edge_dates = st.sampled_from(
    ["0001-01-01", "9999-12-31", "0001-01-01T00:00", "9999-12-31T23:59", "1970-01-01 00:00"]
)
scalar = st.one_of(
    unicode_text,
    control_text,
    nul_text,
    numberish,
    bad_dates,
    edge_dates,
    st.sampled_from(["", " ", "true", "false", "on", "None", "null", "[]", "{}"]),
)
# A list is sent as the same name repeated (what a form with duplicated inputs sends).
value = st.one_of(scalar, st.lists(scalar, max_size=4))
extra_fields = st.dictionaries(
    st.one_of(unicode_text.filter(bool), st.sampled_from(["csrfmiddlewaretoken", "_method"])),
    value,
    max_size=3,
)


# -- values for one form field --------------------------------------------------------------


def _choice_values(field: forms.ChoiceField) -> list[str]:
    return [str(k) for k, _ in field.choices if str(k) != ""]


def valid_for(field: forms.Field) -> st.SearchStrategy:
    """Something the field accepts, so examples also reach the save and the next render."""
    if isinstance(field, forms.MultipleChoiceField):
        return st.lists(st.sampled_from(_choice_values(field) or [""]), max_size=3, unique=True)
    if isinstance(field, forms.ChoiceField):
        return st.sampled_from(_choice_values(field) + ([""] if not field.required else []))
    if isinstance(field, forms.BooleanField):
        return st.sampled_from(["on", "", "false", "0"])
    if isinstance(field, forms.DateTimeField):
        return st.datetimes(max_value=datetime.datetime(2025, 12, 31)).map(
            lambda d: d.strftime("%Y-%m-%dT%H:%M")
        )
    if isinstance(field, forms.DateField):
        return st.dates().map(lambda d: d.isoformat())
    return st.one_of(unicode_text, control_text).map(lambda t: t[: field.max_length or None])


def any_for(field: forms.Field) -> st.SearchStrategy:
    return st.one_of(valid_for(field), value)


def _rejects(field: forms.Field, raw) -> bool:
    try:
        field.clean(raw)
    except forms.ValidationError:
        return True
    return False


def invalid_for(field: forms.Field) -> st.SearchStrategy | None:
    """Something the field refuses, or None when every value is valid (a checkbox)."""
    if isinstance(field, forms.BooleanField):
        return None
    if isinstance(field, forms.MultipleChoiceField):
        base = st.lists(st.one_of(scalar, st.sampled_from(_choice_values(field))), min_size=1)
    elif isinstance(field, forms.ChoiceField):
        base = st.one_of(scalar, numberish)
    elif isinstance(field, forms.DateField | forms.DateTimeField):
        base = st.one_of(bad_dates, unicode_text, numberish)
    elif isinstance(field, forms.CharField):
        options = [nul_text]
        if field.max_length:
            options.append(huge_text(field.max_length + 1, max(field.max_length + 1, 30_000)))
        if field.required:
            options.append(st.sampled_from(["", "   ", "\t\n"]))
        base = st.one_of(options)
    else:
        base = value
    return base.filter(lambda raw: _rejects(field, raw))
