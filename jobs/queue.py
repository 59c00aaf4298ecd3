"""Deferring background jobs: the one way product code puts work on the queue.

Jobs are stored through Django's own database connection (procrastinate's DjangoConnector),
never through a separate pool, so a job is part of the transaction that asks for it: a
rolled-back save defers nothing, and a worker never sees a job for a change that isn't
committed. This holds inside a worker too, where procrastinate's own app talks through its
worker connection."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from procrastinate.contrib.django import app
from procrastinate.contrib.django.django_connector import DjangoConnector

from ops.request_id import bound_request_id, current_request_id

_in_transaction_app = None


def _app():
    global _in_transaction_app
    if _in_transaction_app is None:
        _in_transaction_app = app.with_connector(DjangoConnector())
    return _in_transaction_app


def defer(task_name: str, **kwargs: Any) -> int:
    """Store one job for ``task_name`` (``jobs.tasks``) with these JSON arguments; returns
    its id. The id of the request asking for it goes along, so the job's log lines carry the
    request's id (a task that receives it is wrapped in ``carries_request_id``)."""
    request_id = current_request_id()
    if request_id:
        kwargs["request_id"] = request_id
    return _app().configure_task(task_name).defer(**kwargs)


def carries_request_id(task: Callable[..., Any]) -> Callable[..., Any]:
    """Run a deferred task inside the id of the request that deferred it (none: a fresh
    context, e.g. a job deferred by a periodic one)."""

    @functools.wraps(task)
    def run(*args: Any, request_id: str | None = None, **kwargs: Any) -> Any:
        with bound_request_id(request_id):
            return task(*args, **kwargs)

    return run
