"""Request ids and JSON log lines (ops/request_id.py, ops/logs.py)."""

from __future__ import annotations

import io
import json
import logging
import uuid

import pytest
import structlog
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.urls import path, reverse

from audit.declare import not_clinical
from ops.request_id import bound_request_id, current_request_id

pytestmark = pytest.mark.django_db
TYPED = "Should I tell the partner about the diagnosis?"


@pytest.fixture
def log_lines(capsys):
    """Every JSON line written, line by line: structlog's own (the request lines, written
    to standard error) and other libraries' records through the configured JSON formatter."""
    config = dict(settings.LOGGING["formatters"]["json"])
    handler = logging.StreamHandler(stream := io.StringIO())
    handler.setFormatter(config.pop("()")(**config))
    root = logging.getLogger()
    root.addHandler(handler)
    written: list[str] = []

    def lines() -> list[dict]:
        written.extend(capsys.readouterr().err.splitlines())
        return [json.loads(line) for line in [*written, *stream.getvalue().splitlines()]]

    yield lines
    root.removeHandler(handler)


def test_it_answers_with_a_fresh_request_id(client):
    response = client.get("/health/")
    assert uuid.UUID(response["X-Request-ID"])


def test_it_keeps_a_sane_request_id_from_the_proxy(client):
    response = client.get("/health/", HTTP_X_REQUEST_ID="lb-7f3a9c21:0042")
    assert response["X-Request-ID"] == "lb-7f3a9c21:0042"


@pytest.mark.parametrize(
    "incoming", ["short", "x" * 37, 'a"}, {"level": "critical', "abc\ndef-123456", "ünïcode-1234"]
)
def test_it_replaces_a_request_id_that_is_not_sane(client, incoming):
    response = client.get("/health/", HTTP_X_REQUEST_ID=incoming)
    assert uuid.UUID(response["X-Request-ID"])


def test_it_logs_a_request_as_json_lines_with_its_id_and_no_form_content(
    owner_client, deliberation, log_lines
):
    url = reverse("cases:step", args=[deliberation.pk, "dilemma"])
    response = owner_client.post(
        url,
        {"question": TYPED, "revision": "1", "password": "hunter2-secret"},
        HTTP_HX_REQUEST="true",
        HTTP_X_REQUEST_ID="proxy-req-0001",
    )
    assert response.status_code == 200
    lines = log_lines()
    finished = [line for line in lines if line["event"] == "request_finished"]
    assert finished == [
        {
            "code": 200,
            "request": "POST /deliberations/<id:pk>/steps/<slug:key>/",
            "duration_ms": finished[0]["duration_ms"],
            "event": "request_finished",
            "request_id": "proxy-req-0001",
            "user_id": deliberation.owner_id,
            "ip": "127.0.0.1",
            "level": "info",
            "logger": "ops.request_id",
            "timestamp": finished[0]["timestamp"],
        }
    ]
    assert isinstance(finished[0]["duration_ms"], float) and finished[0]["duration_ms"] > 0
    text = json.dumps(lines)
    assert TYPED not in text and "hunter2" not in text and deliberation.title not in text


def test_it_logs_one_line_per_request(owner_client, deliberation, log_lines):
    owner_client.get(reverse("cases:step", args=[deliberation.pk, "dilemma"]))
    lines = [line for line in log_lines() if line.get("logger") == "ops.request_id"]
    assert [line["event"] for line in lines] == ["request_finished"]


def test_it_names_the_route_not_a_path_holding_a_key(client, log_lines):
    client.get("/accounts/password/reset/key/1-secret-reset-key-123/")
    text = json.dumps(log_lines())
    assert "secret-reset-key" not in text
    assert "/accounts/password/reset/key/" in text


def test_it_carries_a_request_id_into_a_job(log_lines):
    assert current_request_id() is None
    with bound_request_id("proxy-req-0002"):
        assert current_request_id() == "proxy-req-0002"
        structlog.get_logger("jobs").warning("job_done")
    assert current_request_id() is None
    (line,) = [line for line in log_lines() if line["event"] == "job_done"]
    assert line["request_id"] == "proxy-req-0002"


@login_not_required
@not_clinical("a test view that fails")
def _failing(request):
    raise RuntimeError("the view failed")


urlpatterns = [path("failing/", _failing)]


@pytest.mark.urls(__name__)
def test_it_logs_a_failed_request_with_its_traceback_and_id(client, log_lines):
    client.raise_request_exception = False
    response = client.get("/failing/", HTTP_X_REQUEST_ID="proxy-req-0003")
    assert response.status_code == 500
    lines = [line for line in log_lines() if line.get("request_id") == "proxy-req-0003"]
    (error,) = [line for line in lines if line["logger"] == "django.request"]
    (finished,) = [line for line in lines if line["event"] == "request_finished"]
    assert (error["level"], error["exception"][0]["exc_value"]) == ("error", "the view failed")
    assert "frames" in error["exception"][0] and "locals" not in json.dumps(error)
    assert finished["code"] == 500
