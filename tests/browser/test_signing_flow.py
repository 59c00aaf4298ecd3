"""A clinician signs a complete deliberation, reads the chart note, downloads the PDF and
adds an addendum. The PDF's first page is saved as a PNG to look at."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdfium2
import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cases.models import Deliberation
from records.models import Signature
from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_signs_exports_and_adds_an_addendum(
    page, live_server, demo_users, check_page, artifacts_dir
):
    call_command("load_frameworks", verbosity=0)
    call_command("seed_examples", verbosity=0)
    d = Deliberation.objects.filter(owner__username="clinician").order_by("pk").first()
    login(page, live_server, "clinician", "demo-pass-123")

    page.goto(f"{live_server.url}/deliberations/{d.pk}/steps/review_sign/")
    expect(page.get_by_text("Everything required is filled in.")).to_be_visible()
    page.get_by_role("link", name="Sign…").first.click()
    expect(page.get_by_role("heading", name="Sign as author")).to_be_visible()
    check_page(page, "signing-01-sign")
    page.get_by_label("Your password").fill("demo-pass-123")
    page.get_by_role("button", name="Sign and lock").click()
    expect(page.get_by_role("heading", name="Sign as author")).to_be_visible()  # refused: no tick
    page.get_by_label("I have reviewed this rationale", exact=False).check()
    page.get_by_label("Your password").fill("demo-pass-123")
    page.get_by_role("button", name="Sign and lock").click()

    expect(page.get_by_text("Signed. The deliberation is locked")).to_be_visible()
    expect(page.locator(".document__signatures")).to_contain_text("Author: Dana Reyes")
    check_page(page, "signing-02-chart-note")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename.startswith(f"ethicsdesk-{d.client_reference}-")
    assert download.suggested_filename.endswith("-chart-note.pdf")
    content = Path(download.path()).read_bytes()
    document = pypdfium2.PdfDocument(io.BytesIO(content))
    assert len(document) >= 1
    document[0].render(scale=1.5).to_pil().save(artifacts_dir / "signing-03-chart-note-pdf.png")

    page.get_by_role("link", name="Plain text").click()
    expect(page.get_by_label("Chart note text")).to_contain_text("ETHICAL DECISION RATIONALE")
    check_page(page, "signing-04-plain-text")

    page.get_by_role("link", name="Verify").click()
    expect(page.get_by_role("status").last).to_contain_text("Intact.")

    page.get_by_role("link", name="Add an addendum").click()
    page.get_by_label("Reason for the addendum").fill("Outcome of the follow-up")
    page.get_by_label(re.compile("^Addendum")).fill("The plan was carried out as written.")
    page.get_by_label("Your password").fill("demo-pass-123")
    page.get_by_role("button", name="Sign and add the addendum").click()
    expect(page.locator(".document__addenda")).to_contain_text("The plan was carried out")
    check_page(page, "signing-05-addendum")

    page.goto(f"{live_server.url}/deliberations/{d.pk}/steps/decision/")
    expect(page.get_by_label("Rationale")).to_be_disabled()
    assert Signature.objects.filter(snapshot__deliberation=d, meaning="author").count() == 1
