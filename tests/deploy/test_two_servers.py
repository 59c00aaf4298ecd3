"""Two app servers, one PostgreSQL: "add another app server" is safe (issue 17).

Two gunicorn servers (A and B) run on a database of their own (tests/deploy/servers.py);
a scripted browser alternates between them, as a load balancer without sticky sessions
would send it. Sessions, conflicts, lockouts, rate limits and notifications hold across
both; then A is killed (SIGKILL) during a save, the browser retries on B and nothing typed
is lost. The tests run in this file's order and share the pair of servers; the kill is last.

One background worker (`manage.py worker`) runs beside the servers: a notification raised
on A is e-mailed by it, once (the servers and the worker write e-mail as files into
``mail_dir``).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time

import pytest
import requests

from tests.conftest import ARTIFACTS
from tests.deploy.servers import (
    ROOT,
    Browser,
    Database,
    Server,
    environment,
    revision_on_page,
    seed,
)
from tests.factories import PASSWORD

AUTOSAVE_RATE = 4  # tests/deploy/server_settings.py: a limit the test can reach
# The tests share one pair of servers and run in order: in a parallel run they all go to one
# test process (`--dist loadgroup`), in this file's order.
pytestmark = pytest.mark.xdist_group("two_servers")


@pytest.fixture(scope="module")
def mail_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("two-servers-mail")


@pytest.fixture(scope="module")
def world(mail_dir):
    database = Database.create()
    env = environment(database, mail_dir) | {"AUTOSAVE_RATE": str(AUTOSAVE_RATE)}
    try:
        people = seed(env)
        a, b = Server("A", env).start(), Server("B", env).start()
        worker = _worker_start(env)
        try:
            a.wait_ready()
            b.wait_ready()
            _wait_for_worker(database, worker)
            yield {"a": a, "b": b, "db": database, **people}
        finally:
            a.stop()
            b.stop()
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=30)
    finally:
        database.drop()


def _wait_for_worker(database: Database, worker: subprocess.Popen, timeout: float = 120) -> None:
    """Until the worker has registered with the queue (procrastinate_workers): on a busy
    machine (the suite runs in parallel) starting it can take longer than a test waits for
    its e-mail."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            raise RuntimeError("the worker exited; see test-artifacts/two-servers-worker.log")
        if database.query("SELECT count(*) FROM procrastinate_workers")[0][0]:
            return
        time.sleep(0.2)
    raise TimeoutError(f"the worker did not register in {timeout} s")


def _worker_start(env: dict[str, str]) -> subprocess.Popen:
    with open(ARTIFACTS / "two-servers-worker.log", "w") as log:
        return subprocess.Popen(
            [sys.executable, "manage.py", "worker"],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


@pytest.fixture(scope="module")
def dana(world):
    """The clinician, signed in on A."""
    browser = Browser()
    assert browser.sign_in(world["a"], world["clinician"], PASSWORD).status_code == 302
    return browser


def _step(world) -> str:
    return f"/deliberations/{world['deliberation']}/steps/dilemma/"


def _dilemma(question: str, *, revision: str, tab: str) -> dict:
    return {
        "title": "Disclosure of a partner's HIV status",
        "client_reference": "CR-2291",
        "question": question,
        "urgency": "routine",
        "revision": revision,
        "tab": tab,
    }


def _next_window() -> None:
    """Wait for the start of the next second: the autosave limit counts per second."""
    time.sleep(1.02 - time.time() % 1)


def test_it_signs_in_on_a_and_continues_on_b(world, dana):
    page = dana.get(world["b"], "/deliberations/")
    assert page.status_code == 200
    assert "Disclosure of a partner&#x27;s HIV status" in page.text


def test_it_refuses_on_b_a_stale_save_after_an_autosave_on_a(world, dana):
    _next_window()
    revision = revision_on_page(dana.get(world["a"], _step(world)).text)
    saved = dana.post(
        world["a"], _step(world), _dilemma("Tab A's words?", revision=revision, tab="a"), htmx=True
    )
    assert (saved.status_code, "Saved " in saved.text) == (200, True)
    stale = dana.post(
        world["b"], _step(world), _dilemma("Tab B's words?", revision=revision, tab="b"), htmx=True
    )
    assert "Not saved: this was changed in another window" in stale.text
    assert world["db"].query(
        "SELECT question FROM cases_deliberation WHERE id = %s", (world["deliberation"],)
    ) == [("Tab A's words?",)]


def test_it_logs_json_lines_with_the_request_id_and_no_typed_text(world, dana):
    typed = "Does the partner already suspect the diagnosis?"
    response = dana.post(
        world["b"], _step(world), _dilemma(typed, revision="1", tab="a"), htmx=True
    )
    request_id = response.headers["X-Request-ID"]
    lines = [line for line in world["b"].log_lines() if line.get("request_id") == request_id]
    assert [line["event"] for line in lines] == ["request_finished"]
    assert lines[0]["request"] == "POST /deliberations/<id:pk>/steps/<slug:key>/"
    assert typed not in world["b"].log_path.read_text()


def test_it_locks_an_attacker_who_alternates_between_the_servers(world):
    attacker = Browser()
    servers = [world["a"], world["b"]] * 3
    answers = [
        attacker.sign_in(server, world["victim"], "wrong-guess").status_code
        for server in servers[:5]
    ]
    assert answers == [200, 200, 200, 200, 429]
    right = attacker.sign_in(servers[5], world["victim"], PASSWORD)
    assert right.status_code == 429
    assert "Sign-in locked for now" in right.text


def test_it_holds_the_autosave_limit_across_both_servers(world, dana):
    for _attempt in range(3):  # a busy machine may spill a burst over a second's end
        _next_window()
        started = time.time()
        codes = [
            dana.post(
                (world["a"], world["b"])[n % 2],
                _step(world),
                _dilemma(f"Burst {n}?", revision="1", tab="a"),
                htmx=True,
            ).status_code
            for n in range(2 * AUTOSAVE_RATE)
        ]
        if int(time.time()) == int(started):
            break
    assert sorted(codes) == [200] * AUTOSAVE_RATE + [429] * AUTOSAVE_RATE


def test_it_shows_on_b_a_notification_raised_on_a_and_the_worker_emails_it_once(
    world, dana, mail_dir
):
    """One test, not two: the e-mail is the worker's answer to this share (a test that only
    waited for it would depend on another having run first, in the same test process)."""
    shared = dana.post(
        world["a"],
        f"/deliberations/{world['deliberation']}/share/",
        {"consultant": world["colleague_id"], "message": ""},
    )
    assert shared.status_code == 302
    lee = Browser()
    assert lee.sign_in(world["b"], world["colleague"], PASSWORD).status_code == 302
    notifications = lee.get(world["b"], "/notifications/")
    assert notifications.status_code == 200
    assert "Disclosure of a partner&#x27;s HIV status" in notifications.text

    def to_lee() -> int:
        return sum(p.read_text().count("To: lee@two.example") for p in mail_dir.iterdir())

    def jobs() -> list[tuple]:
        return world["db"].query(
            "SELECT id, status, attempts FROM procrastinate_jobs"
            " WHERE task_name = 'notification_email' ORDER BY id"
        )

    # Until every notification job has finished (a busy machine may retry one with
    # back-off), then a moment more: nothing else comes.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if jobs() and all(status in ("succeeded", "failed") for _, status, _ in jobs()):
            break
        time.sleep(0.2)
    time.sleep(1.5)
    log = (ARTIFACTS / "two-servers-worker.log").read_text()[-4000:]
    assert to_lee() == 1, f"jobs {jobs()}; the worker's log ends:\n{log}"
    text = "".join(p.read_text() for p in mail_dir.iterdir())
    assert "Disclosure of a partner's HIV status" in text
    assert "CR-2291" not in text


def test_it_keeps_what_was_typed_when_server_a_dies_during_the_save(world, dana):
    typed = "Should I warn the partner now or after the next session?"
    data = _dilemma(typed, revision="1", tab="a")
    _next_window()
    answer: dict = {}

    def save_on_a() -> None:
        try:
            answer["a"] = dana.post(world["a"], _step(world), data, htmx=True, timeout=5)
        except requests.RequestException as error:
            answer["a"] = error

    saving = threading.Thread(target=save_on_a)
    saving.start()
    time.sleep(0.01)  # the request is on its way or being handled
    world["a"].kill()
    saving.join()
    assert world["a"].process.returncode is not None
    first = answer["a"]
    if isinstance(first, requests.Response) and first.status_code == 200 and "Saved " in first.text:
        pass  # A answered before it died: the text is stored
    else:
        retried = dana.post(world["b"], _step(world), data, htmx=True)  # the page's retry
        assert (retried.status_code, "Saved " in retried.text) == (200, True)
    stored = world["db"].query(
        "SELECT question FROM cases_deliberation WHERE id = %s", (world["deliberation"],)
    )
    assert stored == [(typed,)]
    assert typed in dana.get(world["b"], _step(world)).text
