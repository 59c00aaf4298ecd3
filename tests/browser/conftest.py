"""Browser tests: Debian's Chromium driven by Playwright against Django's live server."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from accounts.second_factor import DEMO_TOTP_SECRET
from cases.services import deliberation_create
from frameworks.models import Framework
from frameworks.selectors import current_version
from tests.factories import fresh_code

SCREENSHOT_TIMEOUT_MS = 30_000

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


@pytest.fixture
def console_errors(page) -> list[str]:
    """Every console error and page error; tests end by asserting this stays empty."""
    errors: list[str] = []
    page.on(
        "console",
        lambda msg: (
            errors.append(
                f"{msg.text} [{msg.location.get('url', '')}:{msg.location.get('lineNumber', '')}]"
            )
            if msg.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


@pytest.fixture
def check_page(axe, artifacts_dir, console_errors):
    """Run axe-core on the current page, save a screenshot, fail on serious problems."""

    def check(page, name: str) -> None:
        # The screenshots are for people to look at, not part of what is tested: their own,
        # longer time limit, as rendering a long page waits for the CPU when the suite runs
        # in parallel processes on a busy machine.
        shot = {"timeout": SCREENSHOT_TIMEOUT_MS}
        page.screenshot(path=str(artifacts_dir / f"{name}.png"), full_page=True, **shot)
        page.screenshot(path=str(artifacts_dir / f"{name}-viewport.png"), **shot)
        results = axe.run(page)
        serious = [
            v for v in results.response["violations"] if v["impact"] in ("serious", "critical")
        ]
        assert not serious, f"{name}: accessibility violations:\n" + "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(node["target"]) for node in v["nodes"][:3])
            for v in serious
        )
        assert not console_errors, f"{name}: browser console errors: {console_errors}"

    return check


@pytest.fixture
def start_deliberation(demo_users):
    """Start a deliberation of the demo clinician ("clinician") on the built-in integrated
    framework, as "New deliberation" would."""
    call_command("load_frameworks", verbosity=0)
    integrated = current_version(Framework.objects.get(clinic=None, slug="integrated"))

    def start(*, title: str, client_reference: str):
        return deliberation_create(
            owner=demo_users["clinician"],
            title=title,
            client_reference=client_reference,
            framework_version=integrated,
        )

    return start


def _has_app(username: str) -> bool:
    # Someone with only a passkey is left at the second step for the test to use it.
    return Authenticator.objects.filter(
        user__username=username, type=Authenticator.Type.TOTP
    ).exists()


def login(
    page, live_server, username: str, password: str, *, totp_secret: str | None = DEMO_TOTP_SECRET
) -> None:
    """Sign in. When the account has an authenticator app (supervisors and admins always do:
    the demo key), type its code when asked, unless totp_secret=None (stop at that step)."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    if totp_secret and "/2fa/authenticate/" in page.url and _has_app(username):
        page.get_by_label("Code").fill(fresh_code(username, totp_secret))
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in").click()


@pytest.fixture(autouse=True)
def _fail_fast(page):
    page.set_default_timeout(8000)
