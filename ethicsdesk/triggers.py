"""PostgreSQL triggers shared by the append-only tables (audit events and the signed record)."""

from __future__ import annotations

import pgtrigger


def no_truncate(name: str) -> pgtrigger.Trigger:
    """Refuse TRUNCATE, which skips the row-level UPDATE and DELETE triggers.

    pgtrigger's Protect supports statement-level triggers only with transition tables, which
    TRUNCATE has not, so this one is written out. It honours ``pgtrigger.ignore`` like Protect.
    """
    return pgtrigger.Trigger(
        name=name,
        level=pgtrigger.Statement,
        when=pgtrigger.Before,
        operation=pgtrigger.Truncate,
        func="RAISE EXCEPTION 'pgtrigger: Cannot truncate the % table', TG_TABLE_NAME;",
    )
