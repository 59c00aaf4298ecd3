"""Bad input to the framework import: any file either becomes one new draft that opens, or
is refused with nothing saved. Never a crash."""

from __future__ import annotations

import copy
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from frameworks.models import Framework, FrameworkVersion
from frameworks.transfer import version_export
from tests.factories import ClinicAdminFactory, PublishedVersionFactory, minimal_definition
from tests.security.strategies import (
    ALLOWED,
    SAFE_CHARS,
    bad_input_settings,
    control_text,
    huge_text,
    nul_text,
    rolled_back,
    unicode_text,
)

pytestmark = [
    pytest.mark.django_db,
    # Hypothesis warns when it prints a failing example of many kilobytes; such examples are
    # the point here, and the warning (an error under our settings) would hide the failure.
    pytest.mark.filterwarnings(
        "ignore:Generating overly large repr:hypothesis.errors.HypothesisWarning"
    ),
]


@pytest.fixture
def admin(db):
    return ClinicAdminFactory()


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


@pytest.fixture
def source(admin):
    """A published version of the clinic's own, small enough that mutations land everywhere."""
    return PublishedVersionFactory(framework__clinic=admin.clinic)


def _counts() -> tuple[int, int]:
    return Framework.objects.count(), FrameworkVersion.objects.count()


def _import_and_check(client, files: dict, fields: dict | None = None) -> None:
    """The property: a refusal saves nothing; an import is one draft that opens."""
    with rolled_back():
        before = _counts()
        newest = FrameworkVersion.objects.order_by("-pk").values_list("pk", flat=True).first()
        response = client.post(reverse("frameworks:import"), {**(fields or {}), **files})
        assert response.status_code in ALLOWED
        if response.status_code != 302:
            assert _counts() == before
            return
        version = FrameworkVersion.objects.get(pk__gt=newest or 0)
        assert version.status == "draft"
        assert client.get(reverse("frameworks:version", args=[version.pk])).status_code == 200


def _upload(content: bytes, name: str = "framework.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, "application/json")


# -- any bytes ------------------------------------------------------------------------------

file_names = st.one_of(
    st.just("framework.json"), st.text(SAFE_CHARS, min_size=1, max_size=30).map(str.strip)
).filter(lambda name: name and "/" not in name and "\\" not in name and "\x00" not in name)


@bad_input_settings(max_examples=30)
@given(
    content=st.one_of(
        st.binary(max_size=2_000),
        st.binary(max_size=200).map(lambda b: b"\xef\xbb\xbf" + b),  # a BOM, then anything
        st.binary(max_size=200).map(lambda b: b'{"format": "ethicsdesk-framework"' + b),
    ),
    name=file_names,
    how=st.sampled_from(["file", "two files", "as text", "missing"]),
)
def test_it_answers_any_bytes_without_crashing(admin_client, content, name, how):
    if how == "file":
        files, fields = {"file": _upload(content, name)}, {}
    elif how == "two files":
        files, fields = {"file": [_upload(content, name), _upload(b"{}")]}, {}
    elif how == "as text":
        files, fields = {}, {"file": content.decode("utf-8", "replace")}
    else:
        files, fields = {}, {"other": _upload(content, name)}
    _import_and_check(admin_client, files, fields)


# -- any JSON -------------------------------------------------------------------------------

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(),  # NaN and ±Infinity too: Python's json reads and writes them
    unicode_text,
    control_text,
    nul_text,
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(unicode_text, nul_text), children, max_size=4),
    ),
    max_leaves=12,
)
# Documents a JSON parser reads only with effort: very deep, or numbers of thousands of digits.
awkward_documents = st.one_of(
    st.integers(100, 200_000).map(lambda n: "[" * n + "]" * n),
    st.integers(100, 100_000).map(lambda n: '{"a":' * n + "1" + "}" * n),
    st.integers(4_000, 20_000).map(lambda n: '{"format_version": ' + "7" * n + "}"),
    st.integers(4_000, 20_000).map(lambda n: "1" * n),
    st.sampled_from(["NaN", "Infinity", "-Infinity", '{"format": NaN}', "1e999", '"\\ud800"']),
)


def _export_with(change) -> str:
    """A valid export file (the small test framework) after ``change(document)``."""
    document = {
        "format": "ethicsdesk-framework",
        "format_version": 1,
        "framework": {"name": "Imported", "slug": "imported-here", "summary": ""},
        "version": {"number": 1, "status": "published", "change_note": "", "published_at": None},
        "definition": minimal_definition(),
    }
    change(document)
    return json.dumps(document)


def _step(document: dict) -> dict:
    return document["definition"]["steps"][0]


class Named(str):
    """A document that a failure report shows by its name, not its (long) text."""

    def __new__(cls, name: str, text: str) -> Named:
        document = super().__new__(cls, text)
        document.name = name
        return document

    def __repr__(self) -> str:
        return f"<{self.name}>"

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(repr(self))


# Failures the generated examples have found, kept so every run tries them.
_FOUND = {
    "deep nesting": "[" * 100_000 + "]" * 100_000,
    "a number of 5000 digits": '{"format_version": ' + "7" * 5_000 + "}",
    "a step kind that is an object": _export_with(
        lambda d: _step(d).update(kind={"value": "dilemma"})
    ),
    "a NUL character in a prompt": _export_with(lambda d: _step(d).update(prompts=["a\x00b"])),
    "NaN beside the definition": _export_with(lambda d: d["definition"].update(x=float("nan"))),
    "half a surrogate pair in a title": _export_with(lambda d: _step(d).update(title="\ud800")),
    "a NUL character in the name": _export_with(lambda d: d["framework"].update(name="A\x00B")),
}


def _with_found_examples(test):
    for name, text in reversed(_FOUND.items()):
        test = example(document=Named(name, text))(test)
    return test


@bad_input_settings(max_examples=30)
@given(
    document=st.one_of(
        json_values.map(lambda v: json.dumps(v)),
        json_values.map(lambda v: json.dumps(v, ensure_ascii=False)),
        awkward_documents,
    )
)
@_with_found_examples
def test_it_answers_any_json_without_crashing(admin_client, document):
    content = document.encode("utf-8", "surrogatepass")
    _import_and_check(admin_client, {"file": _upload(content)})


# -- a valid export, mutated ----------------------------------------------------------------


def _places(node, path=()) -> list[tuple]:
    """Every path to a value inside the document, the root excluded."""
    places = []
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for key, child in items:
        places.append((*path, key))
        if isinstance(child, dict | list):
            places.extend(_places(child, (*path, key)))
    return places


def _parent(doc, path):
    for key in path[:-1]:
        doc = doc[key]
    return doc


replacements = st.one_of(
    json_values,
    huge_text(100, 50_000),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from(["", " ", "Autonomy", "dilemma", "tarot", "duty-to-warn", "Ünïcödé-key"]),
    # Written as the escape "\\ud800": a file may hold it even though no form field can.
    st.just("half a pair \ud800"),
)


class Mutated:
    """A mutated export; shown in a failure report as its mutations, not the whole file."""

    def __init__(self, document: str, mutations: list[str]) -> None:
        self.document, self.mutations = document, mutations

    def __repr__(self) -> str:
        return f"Mutated({self.mutations!r})"


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 120 else f"{text[:100]}... ({len(text)} characters)"


@st.composite
def mutated_exports(draw, exported: dict) -> Mutated:
    """One to three mutations: delete, replace, add an unknown key, duplicate, change type."""
    doc, mutations = copy.deepcopy(exported), []
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_places(doc)))
        parent, key = _parent(doc, path), path[-1]
        where = ".".join(str(part) for part in path)
        op = draw(st.sampled_from(["delete", "replace", "add key", "duplicate", "retype"]))
        if op == "delete":
            del parent[key]
            mutations.append(f"delete {where}")
        elif op == "replace":
            parent[key] = draw(replacements)
            mutations.append(f"replace {where} with {_short(parent[key])}")
        elif op == "add key" and isinstance(parent, dict):
            new_key, new_value = draw(st.one_of(unicode_text, nul_text)), draw(replacements)
            parent[new_key] = new_value
            mutations.append(f"add {_short(new_key)}: {_short(new_value)} beside {where}")
        elif op == "duplicate" and isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))
            mutations.append(f"duplicate {where}")
        elif op == "retype":
            old = parent[key]
            parent[key] = draw(st.sampled_from([[old], {"value": old}, str(old), None, 0, True]))
            mutations.append(f"retype {where} to {_short(parent[key])}")
    ascii_only = draw(st.booleans())
    mutations.append("written with \\u escapes" if ascii_only else "written as raw UTF-8")
    return Mutated(json.dumps(doc, ensure_ascii=ascii_only), mutations)


@bad_input_settings(max_examples=80)
@given(data=st.data())
def test_it_imports_a_mutated_export_whole_or_not_at_all(admin_client, source, data):
    mutated = data.draw(mutated_exports(version_export(source)), "mutated export")
    content = mutated.document.encode("utf-8", "surrogatepass")
    _import_and_check(admin_client, {"file": _upload(content)})


def test_it_imports_the_unmutated_export(admin_client, source):
    # The mutations start from a file that imports, so a refusal is the mutation's doing.
    content = json.dumps(version_export(source)).encode()
    response = admin_client.post(reverse("frameworks:import"), {"file": _upload(content)})
    assert response.status_code == 302
