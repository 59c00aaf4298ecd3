"""Logs as JSON lines on standard error, one object per line, through structlog (and
django-structlog for requests): the time, the level, the event, the request id, the user's
id, the client's address; never form content, clinical text, e-mail bodies, passwords or
tokens (request lines name the route's pattern, not the path: ops/request_id.py)."""

from __future__ import annotations

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


def configure_structlog() -> None:
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *_SHARED,
            structlog.processors.StackInfoRenderer(),
            structlog.processors.format_exc_info,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


def logging_config(level: str) -> dict:
    """Django's LOGGING: everything (Django's own records too) as JSON lines; the request
    lines at INFO whatever ``level`` says for the rest."""
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
            "django_structlog": {"level": "INFO"},
            # Its "Not Found: /path" warnings would log paths; request_finished says it.
            "django.request": {"level": "ERROR"},
        },
    }
