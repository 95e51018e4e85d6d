from django import forms

from dates.forms import DateField

from .models import Status, status_words


class ProgressForm(forms.Form):
    """An agency lead's progress update on one action. The rules (blue needs evidence, a moved
    target date needs a reason) are the model's; this form only gathers the answers."""

    status = forms.ChoiceField(
        label="Status",
        choices=[(status.value, status_words(status)) for status in Status],
        widget=forms.RadioSelect,
        error_messages={"required": "Select the action’s status."},
    )
    progress_note = forms.CharField(
        label="Progress note",
        help_text="What has been done since the last update. Recorded in the history with your "
        "name.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Enter a progress note."},
    )
    evidence = forms.CharField(
        label="Evidence",
        help_text="The audit finding, data or practice change that shows the change is embedded.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    target_date = DateField(label="Target date", required=False)
    target_date_change_reason = forms.CharField(
        label="Reason for changing the target date",
        help_text="A new reason for this change: the reason for an earlier change is kept in "
        "the history.",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
    version = forms.CharField(widget=forms.HiddenInput)

    # When each field that is not always required is needed, said beside its label.
    NEEDED_WHEN = {
        "evidence": "needed for blue",
        "target_date": "change it only if the date must move",
        "target_date_change_reason": "needed if you change the target date",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, words in self.NEEDED_WHEN.items():
            self.fields[name].needed_when = words
