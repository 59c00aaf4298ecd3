"""Reading the invitation e-mails Django's test mail outbox collects."""

from __future__ import annotations

import re

from django.core import mail

LINK = re.compile(r"https?://\S+/accounts/invitation/\d+/\S+/")


def invitation_link(message=None) -> str:
    """The one-time link in the (last) invitation e-mail, as a path."""
    message = message or mail.outbox[-1]
    url = LINK.search(message.body).group(0)
    return "/" + url.split("/", 3)[3]
