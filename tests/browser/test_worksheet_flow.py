"""A clinician works through a whole integrated deliberation in the browser, reloads, and
finds every value shown and stored. A realistic, de-identified case (after seed 003): a
client discloses that their employer screens out job applicants by ethnicity and asks the
counsellor to help them stay quiet about it."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cases.models import Consequence, Deliberation, PrincipleMark
from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

SAVED = re.compile(r"^Saved \d{2}:\d{2}$")
STAKEHOLDERS = [
    ("The client", "client", "Keep their job and income", "yes"),
    ("Job applicants screened out", "third_party", "Fair access to work", "no"),
    ("The counsellor", "clinician", "Act within the code", "no"),
]
OPTIONS = [
    ("Explore values, respect the choice", "Work with the client's own values; no disclosure."),
    ("Support reporting through channels", "Help the client weigh an anonymous report."),
    ("Refer to a colleague", "Refer if the values conflict impairs my work."),
]
PRINCIPLES = ["Autonomy", "Beneficence", "Non-maleficence", "Justice", "Fidelity", "Veracity"]
MARKS = [
    ["2", "1", "-1", "-2", "2", "1"],
    ["1", "2", "1", "2", "1", "2"],
    ["-1", "0", "0", "0", "-1", "1"],
]


def saved(page) -> None:
    """Wait until every edit has reached the server (no form left dirty).

    Generous: eighteen selects on the consequences step each send a save, and on a shared
    two-core machine those took over 10 s twice in many runs; a save that never lands still
    fails here."""
    expect(page.locator("form[data-dirty]")).to_have_count(0, timeout=20000)
    expect(page.locator("#save-status")).to_have_text(SAVED, timeout=20000)


def next_step(page) -> None:
    page.get_by_role("button", name=re.compile("^Save and continue")).click()


def test_it_walks_a_complete_integrated_deliberation(page, live_server, demo_users, check_page):
    call_command("load_frameworks", verbosity=0)
    page.on("dialog", lambda dialog: dialog.accept())
    login(page, live_server, "clinician", "demo-pass-123")

    page.get_by_role("link", name="New deliberation").first.click()
    page.get_by_label("Title").fill("Employer's discriminatory hiring disclosed")
    page.get_by_label("Client reference").fill("CR-4471")
    check_page(page, "worksheet-00-new")
    page.get_by_role("button", name="Start the deliberation").click()

    # 1. The dilemma (autosave as the clinician types)
    expect(page.get_by_role("heading", level=2, name="The dilemma")).to_be_visible()
    page.get_by_label("Facts: what happened").fill(
        "Client says their manager told them to reject applicants of one ethnicity.\n"
        "Client has followed the instruction twice."
    )
    page.get_by_label("Assumptions: what you infer or have heard").fill(
        "The practice may be company-wide."
    )
    page.get_by_label("The dilemma: “Should I … or …?”").fill(
        "Should I respect the client's wish to stay silent, or encourage them to report?"
    )
    page.get_by_label("Ethical").check()
    page.get_by_label("Legal").check()
    saved(page)
    check_page(page, "worksheet-01-dilemma")
    next_step(page)

    # 2. Own values and bias (private)
    page.get_by_label("Your values, beliefs and background this case touches").fill(
        "UNIQUE-BIAS-MARKER: I was turned down for work myself and feel strongly about fairness."
    )
    page.get_by_label("How you will keep them from steering the decision").fill(
        "Name my anger in supervision; keep the client's goals central."
    )
    saved(page)
    check_page(page, "worksheet-02-values")
    next_step(page)

    # 3. Codes and law
    page.get_by_label(re.compile("^Non-judgmental support; not imposing")).check()
    page.get_by_label(re.compile("^How it bears on this case: Non-judgmental")).fill(
        "My views on fairness must not override the client's decision."
    )
    page.get_by_label("Legal duties that apply").fill(
        "No mandated-reporting duty; employment discrimination is the employer's liability."
    )
    page.get_by_label("Jurisdiction").fill("Client and counsellor in the same state")
    saved(page)
    check_page(page, "worksheet-03-codes")
    next_step(page)

    # 4. Stakeholders: three rows added in place
    for index, (name, kind, interests, involved) in enumerate(STAKEHOLDERS):
        page.get_by_role("button", name="+ Add stakeholder").click()
        row = page.locator("#rows-stakeholders > li").nth(index)
        expect(row.get_by_label("Name or role")).to_be_focused()
        row.get_by_label("Name or role").fill(name)
        row.get_by_label("Who they are").select_option(kind)
        row.get_by_label("Their interests").fill(interests)
        row.get_by_label("Involved in the decision?").select_option(involved)
        if kind == "client":
            row.get_by_label("How they were involved").fill("Discussed options in session.")
        saved(page)
    check_page(page, "worksheet-04-stakeholders")
    page.get_by_role("link", name=re.compile("^Options")).first.click()

    # 5. Options
    for index, (label, description) in enumerate(OPTIONS):
        page.get_by_role("button", name="+ Add option").click()
        row = page.locator("#rows-options > li").nth(index)
        row.get_by_label("Short name").fill(label)
        row.get_by_label("Description").fill(description)
        saved(page)
    check_page(page, "worksheet-05-options")
    next_step(page)

    # 6. Principles: the options × principles matrix, with the side panel
    for (label, _), marks in zip(OPTIONS, MARKS, strict=True):
        for principle, mark in zip(PRINCIPLES, marks, strict=True):
            page.get_by_label(f"{label}: {principle}").select_option(mark)
            page.get_by_label(f"Why ({label}, {principle})").fill(f"{principle} reason.")
    page.get_by_label("Which take priority, and why?").fill(
        "Autonomy and fidelity, unless third parties face serious harm."
    )
    saved(page)
    expect(page.locator("#side-panel")).to_contain_text("Honours 4, breaches 2, net 3")
    check_page(page, "worksheet-06-principles")
    next_step(page)

    # 7. Consequences, with the expected-value score explained
    impacts = [["2", "-2", "0"], ["-1", "2", "1"], ["0", "0", "1"]]
    for (label, _), row in zip(OPTIONS, impacts, strict=True):
        for (name, *_), impact in zip(STAKEHOLDERS, row, strict=True):
            page.get_by_label(f"{label}: effect on {name}").select_option(impact)
            page.get_by_label(f"{label}: likelihood for {name}").select_option("50")
    saved(page)
    # Option 2: (−1 + 2 + 1) × 0.5 = 1.00, the highest.
    panel = page.locator("#side-panel")
    expect(panel.locator(".panel-option").nth(1)).to_contain_text("Expected value 1.00")
    expect(panel.locator(".panel-option").nth(1)).to_contain_text("highest")
    check_page(page, "worksheet-07-consequences")
    next_step(page)

    # 8. Character
    for label, _ in OPTIONS:
        page.get_by_label(f"Reflection on “{label}”").fill(f"{label}: honest and caring.")
    page.get_by_label("What would a good practitioner do here?").fill(
        "Stay with the client, be honest about the harm, leave the choice with them."
    )
    saved(page)
    check_page(page, "worksheet-08-character")
    next_step(page)

    # 9. Consultation
    page.get_by_role("button", name="+ Add consultation").click()
    row = page.locator("#rows-consultations > li").first
    row.get_by_label("Who (name or role)").fill("Clinical supervisor")
    row.get_by_label("Their role").select_option("supervisor")
    row.get_by_label("What they advised").fill("Respect the choice; revisit if harm grows.")
    saved(page)
    check_page(page, "worksheet-09-consultation")
    next_step(page)

    # 10. Decision
    page.get_by_role("radio", name=OPTIONS[1][0]).check()
    page.get_by_label("Rationale").fill(
        "Supporting a report honours justice for the applicants while keeping the choice with "
        "the client."
    )
    for test in ("Justice", "Publicity", "Universality"):
        page.get_by_role("group", name=re.compile(f"^{test}:")).get_by_label("Yes").check()
    page.get_by_label("Moral residue: what is lost or left undone?").fill(
        "The client's anxiety about their job."
    )
    page.get_by_label("Action plan: who does what by when").fill(
        "Next session: review reporting routes with the client."
    )
    page.get_by_label("Follow-up date").fill("2026-12-15")
    saved(page)
    check_page(page, "worksheet-10-decision")
    next_step(page)

    # 11. Review and sign: nothing missing
    expect(page.get_by_text("Everything required is filled in.")).to_be_visible()
    check_page(page, "worksheet-11-review")
    page.get_by_role("link", name=re.compile("Follow-up →")).click()

    # 12. Follow-up
    page.get_by_label("What happened?").fill("The client made an anonymous report.")
    page.get_by_label("What did you learn?").fill("Name my own reactions early.")
    saved(page)
    check_page(page, "worksheet-12-follow-up")

    # Reload every step and find what was typed.
    d = Deliberation.objects.get(title="Employer's discriminatory hiring disclosed")
    page.goto(f"{live_server.url}/deliberations/{d.pk}/steps/dilemma/")
    expect(page.get_by_label("Assumptions: what you infer or have heard")).to_have_value(
        "The practice may be company-wide."
    )
    page.goto(f"{live_server.url}/deliberations/{d.pk}/steps/principles/")
    expect(page.get_by_label(f"{OPTIONS[2][0]}: Justice")).to_have_value("0")
    expect(page.get_by_label(f"Why ({OPTIONS[0][0]}, Veracity)")).to_have_value("Veracity reason.")
    page.goto(f"{live_server.url}/deliberations/{d.pk}/steps/decision/")
    expect(page.get_by_role("radio", name=OPTIONS[1][0])).to_be_checked()
    expect(page.get_by_label("Follow-up date")).to_have_value("2026-12-15")
    stepper = page.get_by_role("navigation", name="Steps")
    expect(stepper.locator(".state--complete")).to_have_count(12)

    d.refresh_from_db()
    assert d.chosen_option.label == OPTIONS[1][0]
    assert d.reflection.values.startswith("UNIQUE-BIAS-MARKER")
    assert (
        PrincipleMark.objects.filter(option__deliberation=d, strength__isnull=False).count() == 18
    )
    assert Consequence.objects.filter(option__deliberation=d).count() == 9
    assert d.progress == 100
