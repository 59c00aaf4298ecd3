"""A rule last verified more than 12 months ago (or never) needs a re-check."""

from __future__ import annotations

from datetime import date

from jurisdictions.recheck import needs_recheck


def test_it_flags_a_rule_never_verified():
    assert needs_recheck(None, today=date(2026, 11, 30))


def test_it_does_not_flag_a_rule_verified_exactly_twelve_months_ago():
    assert not needs_recheck(date(2025, 11, 30), today=date(2026, 11, 30))


def test_it_flags_a_rule_verified_more_than_twelve_months_ago():
    assert needs_recheck(date(2025, 11, 29), today=date(2026, 11, 30))


def test_it_counts_a_year_from_the_twenty_ninth_of_february():
    assert needs_recheck(date(2024, 2, 29), today=date(2025, 3, 1))
