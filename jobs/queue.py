"""Deferring background jobs: the one way product code puts work on the queue.

Jobs are stored through Django's own database connection (procrastinate's DjangoConnector),
never through a separate pool, so a job is part of the transaction that asks for it: a
rolled-back save defers nothing, and a worker never sees a job for a change that isn't
committed. This holds inside a worker too, where procrastinate's own app talks through its
worker connection."""

from __future__ import annotations

from typing import Any

from procrastinate.contrib.django import app
from procrastinate.contrib.django.django_connector import DjangoConnector

_in_transaction_app = None


def _app():
    global _in_transaction_app
    if _in_transaction_app is None:
        _in_transaction_app = app.with_connector(DjangoConnector())
    return _in_transaction_app


def defer(task_name: str, **kwargs: Any) -> int:
    """Store one job for ``task_name`` (``jobs.tasks``) with these JSON arguments; returns
    its id."""
    return _app().configure_task(task_name).defer(**kwargs)
