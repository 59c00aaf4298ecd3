from __future__ import annotations

from django import forms

from records.forms import SigningPasswordForm


class SubmitForm(forms.Form):
    message = forms.CharField(
        label="Message to your supervisor (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RequestChangesForm(forms.Form):
    message = forms.CharField(
        label="What should change?",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The clinician sees this with your comments on the steps.",
    )


class ReviewedForm(forms.Form):
    message = forms.CharField(
        label="Note to the clinician (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AddendumRequestForm(forms.Form):
    reason = forms.CharField(
        label="What should the addendum add or correct?",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The signed record stays as it is; the clinician adds a signed addendum.",
    )


class CosignForm(SigningPasswordForm):
    pass


class CommentForm(forms.Form):
    # On a step page the asterisk means "needed before you can sign"; a comment never is.
    mark_required = False

    text = forms.CharField(
        label="Comment", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ShareForm(forms.Form):
    consultant = forms.ModelChoiceField(
        label="Colleague",
        queryset=None,
        empty_label="Choose a colleague",
        help_text="They can read the deliberation (not your private reflection) and comment.",
    )
    message = forms.CharField(
        label="Message (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, colleagues, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consultant"].queryset = colleagues
        self.fields["consultant"].label_from_instance = lambda u: (
            f"{u.display_name}{', ' + u.professional_title if u.professional_title else ''}"
        )
