"""Logs as JSON lines on standard error, one object per line, through structlog: the time,
the level, the event, the request id, the user's id, the client's address; never form
content, clinical text, e-mail bodies, passwords or tokens (request lines name the route's
pattern, not the path: ops/request_id.py).

Two roads to the same lines. structlog's own lines (the one line per request) are rendered
by structlog and written straight to standard error: going through the standard library's
logging (a record, the caller's frame looked up, the record copied by the formatter) cost
about 120 µs a line, on every request. Every other library's records (Django's, the jobs')
go through ``logging`` as usual and the JSON formatter below, with the same keys.
"""

from __future__ import annotations

import logging
import sys

import structlog
from structlog.tracebacks import ExceptionDictTransformer

# Tracebacks as data, without the frames' local variables (they can hold typed text,
# passwords and tokens).
_TRACEBACKS = structlog.processors.ExceptionRenderer(ExceptionDictTransformer(show_locals=False))

_SHARED = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


class StderrLogger:
    """structlog's ``WriteLogger``, writing to ``sys.stderr`` as it is when a line is written
    (a server or a test's capture may have replaced it since start-up)."""

    def msg(self, message: str) -> None:
        stream = sys.stderr
        stream.write(message + "\n")
        stream.flush()

    log = debug = info = warn = warning = error = err = critical = exception = fatal = msg


_STDERR = StderrLogger()


def configure_structlog() -> None:
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            _TRACEBACKS,
            structlog.processors.JSONRenderer(),
        ],
        # structlog's lines are request lines (and a job's own, if any): always at INFO,
        # whatever LOG_LEVEL says for the rest.
        wrapper_class=structlog.make_filtering_bound_logger(logging.INFO),
        logger_factory=lambda *args: _STDERR,
        cache_logger_on_first_use=True,
    )


def logging_config(level: str) -> dict:
    """Django's LOGGING: every library's records (Django's own too) as JSON lines at
    ``level``."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": structlog.stdlib.ProcessorFormatter,
                "processors": [
                    structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    _TRACEBACKS,
                    structlog.processors.JSONRenderer(),
                ],
                "foreign_pre_chain": _SHARED,
            }
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's own console and mail handlers are replaced: every line goes to root's.
            "django": {"handlers": [], "propagate": True},
            # Its "Not Found: /path" warnings would log paths; the request line says it.
            "django.request": {"level": "ERROR"},
        },
    }
