"""Comments are rate-limited like autosaves (each sends e-mails): a refused comment says why
and keeps the typed text, in the thread (htmx) or on a page of its own (plain POST)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from review import services
from review.models import Comment
from tests.jobs_runner import run_jobs

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
TYPED = "Has the client been asked what she wants told to her sister?"


@pytest.fixture
def limited(client, world, settings, monkeypatch):
    """A supervisor who may add two comments a minute, with the minute held still."""
    settings.COMMENT_RATE = 2
    monkeypatch.setattr("ethicsdesk.ratelimit.time.time", lambda: 1_800_000_010.0)
    services.deliberation_submit(
        deliberation=world["deliberation"], user=world["clinician"], message=""
    )
    client.force_login(world["supervisor"])
    url = reverse("review:comment_add", args=[world["deliberation"].pk, "principles"])
    for n in range(2):
        client.post(url, {"text": f"Comment {n}"}, **HTMX)
    run_jobs("notification_email")
    mail.outbox.clear()
    return url


def test_it_refuses_a_comment_beyond_the_rate_and_keeps_the_text_in_the_thread(client, limited):
    response = client.post(limited, {"text": TYPED}, **HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Not added: you have sent 2 comments in the last minute." in content
    assert f">\n{TYPED}</textarea>" in content  # Django's textarea starts with a newline


def test_it_stores_and_sends_nothing_for_a_refused_comment(client, limited):
    client.post(limited, {"text": TYPED}, **HTMX)
    assert not Comment.objects.filter(text=TYPED).exists()
    run_jobs("notification_email")  # the worker's part
    assert mail.outbox == []


def test_it_keeps_a_refused_reply_in_its_threads_reply_box(client, limited):
    first = Comment.objects.get(text="Comment 0")
    content = client.post(limited, {"text": TYPED, "parent": first.pk}, **HTMX).content.decode()
    assert f'aria-describedby="reply-{first.pk}-refused">{TYPED}</textarea>' in content


def test_it_refuses_a_plain_post_beyond_the_rate_with_the_text_and_the_reason(client, limited):
    response = client.post(limited, {"text": TYPED})
    content = response.content.decode()
    assert response.status_code == 429
    assert "Not added: you have sent 2 comments in the last minute." in content
    assert f">\n{TYPED}</textarea>" in content


def test_it_adds_comments_again_in_the_next_minute(client, limited, monkeypatch):
    monkeypatch.setattr("ethicsdesk.ratelimit.time.time", lambda: 1_800_000_070.0)
    client.post(limited, {"text": TYPED}, **HTMX)
    assert Comment.objects.filter(text=TYPED).exists()
