from __future__ import annotations

from django import forms

from audit.models import Action


class AuditFilterForm(forms.Form):
    user = forms.CharField(label="User name", required=False, max_length=150)
    deliberation = forms.IntegerField(label="Deliberation number", required=False, min_value=1)
    action = forms.ChoiceField(
        label="Action", required=False, choices=[("", "Any action"), *Action.choices]
    )
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
