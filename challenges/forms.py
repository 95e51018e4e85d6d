"""The challenge log's forms on the site: putting a challenge, recording its response, closing
and reopening it, and the log's filters. The rules (an agency or a group, a response with its
date, a closed challenge with its note) are the model's; these forms only gather the answers."""

from django import forms

from dates.forms import DateField
from reviews.models import Agency

from .models import ChallengeStatus


class VersionedForm(forms.Form):
    """A form on a challenge's page: its boxes' ids are its own (several share the page), and it
    carries the state of the challenge it was opened on (challenges.selectors.version_of)."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)
    ids = "id_%s"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", self.ids)
        super().__init__(*args, **kwargs)


class RaiseForm(forms.Form):
    raised_on = DateField(label="Date raised")
    question = forms.CharField(
        label="Question put",
        help_text="In general terms: no names or case facts.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Enter the question put."},
    )
    agency = forms.ModelChoiceField(
        Agency.objects.order_by("name"),
        label="Agency asked",
        required=False,
        empty_label="Not one agency: a group",
        error_messages={"invalid_choice": "Choose an agency from the list."},
    )
    group = forms.CharField(
        label="Group asked",
        help_text="If the question is put to a group, such as the partnership’s executive, and "
        "not to one agency.",
        required=False,
        max_length=200,
    )


class RespondForm(VersionedForm):
    ids = "respond-%s"
    response = forms.CharField(
        label="Response",
        help_text="The agency’s or group’s answer. Recorded in the history with your name.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Enter the response."},
    )
    responded_on = DateField(label="Date of the response")


class CloseForm(VersionedForm):
    ids = "close-%s"
    closing_note = forms.CharField(
        label="Closing note",
        help_text="Why the challenge is closed: whether you are satisfied with the response.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Say why the challenge is closed."},
    )
    closed_on = DateField(label="Date closed")


class ReopenForm(VersionedForm):
    ids = "reopen-%s"
    reason = forms.CharField(
        label="Why it is reopened",
        help_text="Recorded in the history with your name.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Say why the challenge is reopened."},
    )


class LogFilters(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=[("", "Open and closed"), *ChallengeStatus.choices],
        required=False,
        error_messages={"invalid_choice": "Choose open or closed."},
    )
    agency = forms.ModelChoiceField(
        Agency.objects.none(),
        label="Agency asked",
        to_field_name="slug",
        required=False,
        empty_label="All agencies and groups",
        error_messages={"invalid_choice": "Choose an agency from the list."},
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
