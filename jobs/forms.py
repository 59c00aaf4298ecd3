from __future__ import annotations

from django import forms


class WeeklyDigestForm(forms.Form):
    weekly_digest = forms.BooleanField(
        required=False,
        label="E-mail me a weekly digest of my review queue",
        help_text=(
            "On Monday mornings: how many deliberations wait for your review and how many "
            "follow-ups are due. Counts and a link only, never clinical text."
        ),
    )
