"""The benchmark's scenarios for locust, one user class each, plus the soak's mixed users.

``bench/run.py`` starts locust with one class name at a time and two environment variables:
``BENCH_PLAN`` (a JSON file naming the accounts, their deliberations and the floor's size)
and ``BENCH_SAMPLES`` (where every request's timing is written when the run stops). Every
user signs in through the real sign-in form once per bench run: its session cookie is kept
in ``BENCH_COOKIES`` for the next locust run, so the password hashing of a sign-in does not
land inside a scenario's figures. Sign-ins are not part of any figure.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import time
from pathlib import Path
from urllib.parse import quote_plus

import pyotp
from locust import HttpUser, between, constant, events
from locust.exception import StopUser

PLAN = json.loads(Path(os.environ["BENCH_PLAN"]).read_text())
COOKIES_FILE = Path(os.environ.get("BENCH_COOKIES", "/nonexistent"))
COOKIES: dict = json.loads(COOKIES_FILE.read_text()) if COOKIES_FILE.exists() else {}
SAMPLES: list[tuple] = []
SECOND_STEP = "/accounts/2fa/authenticate/"  # allauth's second step of signing in
_NEXT = {role: itertools.count() for role in ("clinicians", "supervisors", "admins", "library")}
SCENARIOS = {"floor", "list", "step", "autosave", "chart-note", "pdf", "queue", "audit", "library"}


@events.request.add_listener
def _record(request_type, name, response_time, response_length, exception, **kwargs):
    if name in SCENARIOS:
        start = kwargs.get("start_time") or time.time() - response_time / 1000
        SAMPLES.append((name, start, response_time, exception is None, response_length or 0))


@events.user_error.add_listener
def _error(user_instance, exception, tb, **kwargs):
    """An exception inside a task is an error too, though no request was made."""
    SAMPLES.append(("task-error", time.time(), 0.0, False, 0))


@events.test_stop.add_listener
def _write(**kwargs):
    Path(os.environ["BENCH_SAMPLES"]).write_text(json.dumps(SAMPLES))
    if "BENCH_COOKIES" in os.environ:
        COOKIES_FILE.write_text(json.dumps(COOKIES))


class BenchUser(HttpUser):
    """Signs in as the next account of its role; every page must answer 200 itself."""

    abstract = True
    role = "clinicians"
    wait_time = constant(0)

    def on_start(self) -> None:
        accounts = PLAN[self.role]
        self.account = accounts[next(_NEXT[self.role]) % len(accounts)]
        kept = COOKIES.get(self.account["username"])
        if kept:
            for cookie in kept:
                self.client.cookies.set(**cookie)
            check = self.client.get("/bench/floor/?size=100", name="sign-in", allow_redirects=False)
            if check.status_code == 200:
                return
            self.client.cookies.clear()
        self.sign_in()

    def sign_in(self) -> None:
        self.client.get("/accounts/login/", name="sign-in")
        response = self.client.post(
            "/accounts/login/",
            {
                "login": self.account["username"],
                "password": PLAN["password"],
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            name="sign-in",
            allow_redirects=False,
        )
        if response.status_code == 302 and response.headers["Location"] == SECOND_STEP:
            response = self.second_factor()
        if response.status_code != 302:
            raise StopUser(f"sign-in failed for {self.account['username']}")
        COOKIES[self.account["username"]] = [
            {"name": c.name, "value": c.value, "domain": c.domain, "path": c.path}
            for c in self.client.cookies
        ]

    def second_factor(self):
        """Supervisors and admins type their authenticator app's code (the bench accounts
        have the demo key, bench/measure.py). A code is accepted once: if this account used
        the current one already, the next period's is accepted too."""
        self.client.get(SECOND_STEP, name="sign-in")
        totp = pyotp.TOTP(PLAN["totp_secret"])
        token = self.client.cookies.get("csrftoken", "")
        for at in (time.time(), time.time() + totp.interval):
            response = self.client.post(
                SECOND_STEP,
                {"code": totp.at(at), "csrfmiddlewaretoken": token},
                name="sign-in",
                allow_redirects=False,
            )
            if response.status_code == 302:
                break
        return response

    def page(self, url: str, name: str, *, expect: str = "text/html") -> None:
        with self.client.get(
            url, name=name, allow_redirects=False, catch_response=True
        ) as response:
            kind = response.headers.get("Content-Type", "")
            if response.status_code != 200 or not kind.startswith(expect):
                response.failure(f"{response.status_code} {kind}")

    # -- the scenarios, shared by the single-scenario classes and the soak's mixes ---------

    def floor(self) -> None:
        self.page(f"/bench/floor/?size={PLAN['floor_size']}", "floor")

    def deliberation_list(self) -> None:
        self.page("/deliberations/", "list")

    def step(self) -> None:
        pk = random.choice(self.account["open"])
        self.page(f"/deliberations/{pk}/steps/{random.choice(PLAN['steps'])}/", "step")

    def autosave(self) -> None:
        case = random.choice(self.account["autosave"])
        data = {
            "title": case["title"],
            "client_reference": case["client_reference"],
            "facts": "\n".join(case["facts"]),
            "assumptions": "\n".join(case["assumptions"]),
            "question": f"{case['question']} (draft {random.randint(1, 10**6)})",
            "kinds": case["kinds"],
            "urgency": case["urgency"],
            "revision": str(case.get("revision", 1)),
            # One tab per deliberation, the same in every run: saves never conflict.
            "tab": f"bench-{case['pk']}",
        }
        with self.client.post(
            f"/deliberations/{case['pk']}/steps/dilemma/",
            data,
            headers={"HX-Request": "true", "X-CSRFToken": self.client.cookies.get("csrftoken")},
            name="autosave",
            catch_response=True,
        ) as response:
            if response.status_code != 200 or "X-Revision" not in response.headers:
                response.failure(f"not saved: {response.status_code}")
            else:
                case["revision"] = int(response.headers["X-Revision"])

    def chart_note(self) -> None:
        pk = random.choice(self.account["all"])
        self.page(f"/deliberations/{pk}/rationale/chart-note/", "chart-note")

    def pdf(self) -> None:
        pk = random.choice(self.account["all"])
        self.page(f"/deliberations/{pk}/rationale/chart-note/pdf/", "pdf", expect="application/pdf")

    def queue(self) -> None:
        self.page("/review/", "queue")

    def audit(self) -> None:
        self.page(f"/audit/?deliberation={random.choice(self.account['deliberations'])}", "audit")

    def library_search(self) -> None:
        """A search of the clinic's 20,000 library entries (bench/seed_library.py)."""
        query = random.choice(PLAN["library_queries"])
        self.page(f"/library/?q={quote_plus(query)}", "library")


class FloorUser(BenchUser):
    tasks = [BenchUser.floor]


class ListUser(BenchUser):
    tasks = [BenchUser.deliberation_list]


class StepUser(BenchUser):
    tasks = [BenchUser.step]


class AutosaveUser(BenchUser):
    tasks = [BenchUser.autosave]


class ChartNoteUser(BenchUser):
    tasks = [BenchUser.chart_note]


class PdfUser(BenchUser):
    tasks = [BenchUser.pdf]


class QueueUser(BenchUser):
    role = "supervisors"
    tasks = [BenchUser.queue]


class AuditUser(BenchUser):
    role = "admins"
    tasks = [BenchUser.audit]


class LibraryUser(BenchUser):
    role = "library"  # the clinicians of the clinic whose library holds the entries
    tasks = [BenchUser.library_search]


# -- the soak: a clinic's mixed traffic with people's pauses between clicks ---------------


class ClinicianMix(BenchUser):
    weight = 8
    wait_time = between(0.5, 2.0)
    tasks = {
        BenchUser.deliberation_list: 2,
        BenchUser.step: 6,
        BenchUser.autosave: 6,
        BenchUser.chart_note: 1,
        BenchUser.pdf: 1,
    }


class SupervisorMix(BenchUser):
    weight = 1
    role = "supervisors"
    wait_time = between(0.5, 2.0)
    tasks = {BenchUser.queue: 1}


class AdminMix(BenchUser):
    weight = 1
    role = "admins"
    wait_time = between(0.5, 2.0)
    tasks = {BenchUser.audit: 1}
