"""@audited/@not_clinical (audit/declare.py): the declaration the audit middleware reads from
the view a URL resolves to, whatever other decorators the view has."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.urls import resolve, reverse
from django.views.decorators.http import require_GET

from audit.declare import Audited, NotClinical, audited, declaration, not_clinical
from audit.models import Action


def _view(request):
    return HttpResponse()


def test_it_keeps_the_declaration_on_top_of_other_decorators():
    view = audited("deliberation", get=Action.VIEW)(require_GET(_view))
    assert declaration(view) == Audited("deliberation", on_get=Action.VIEW)


def test_it_keeps_the_declaration_under_a_decorator_that_wraps():
    # functools.wraps copies the function's __dict__, so Django's decorators keep it.
    view = require_GET(not_clinical("a list of titles")(_view))
    assert declaration(view) == NotClinical("a list of titles")


def test_it_loses_the_declaration_under_a_decorator_that_does_not_wrap():
    # Why the declaration goes on top: a bare wrapper would drop it, and the route would fail
    # tests/security/test_audit_coverage.py.
    def bare(view):
        return lambda request: view(request)

    assert declaration(bare(audited("deliberation", get=Action.VIEW)(_view))) is None


def test_it_reads_the_declaration_through_the_worksheet_s_own_decorators():
    # step_page is also wrapped by require_http_methods and autosave_limit.
    view = resolve(reverse("cases:step", args=[1, "dilemma"])).func
    assert declaration(view) == Audited("deliberation", Action.VIEW, Action.CHANGE)


def test_it_reads_a_class_based_view_s_declaration_from_its_dispatch():
    view = resolve(reverse("account_change_password")).func
    assert declaration(view).on_post == Action.PASSWORD_CHANGE


def test_it_counts_a_download_among_the_actions():
    declared = Audited("deliberation", on_get=Action.VIEW, export_on="download")
    assert declared.actions == {Action.VIEW, Action.EXPORT}


def test_it_refuses_an_audited_view_that_records_nothing():
    with pytest.raises(ValueError):
        audited("deliberation")


def test_it_refuses_a_view_not_clinical_without_a_reason():
    with pytest.raises(ValueError):
        not_clinical(" ")
