from django import forms
from django.utils import timezone

from dates.forms import DATE_HINT, DateField

from .models import STAGE_REACHED, Decision, ReviewStage, Status, status_words


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


class StageForm(forms.Form):
    """A manager's record of the next stage a review reached. The rules (dates in order, a
    reason for a stage recorded after its deadline, and only then) are the model's; this form
    only gathers the answers, and the stage it was opened for (`stage`), so that a review that
    moved on meanwhile is not moved twice."""

    stage = forms.CharField(widget=forms.HiddenInput)
    reached_on = DateField(label="Date reached")
    decision = forms.ChoiceField(
        label="What was decided",
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what was decided after the rapid review."},
    )
    delay_reason = forms.CharField(
        label="Reason for the delay",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, stage, deadline=None, due=None, **kwargs):
        super().__init__(*args, **kwargs)
        reached_on = self.fields["reached_on"]
        reached_on.label = f"Date {STAGE_REACHED[stage]}"
        reached_on.error_messages["required"] = f"Enter the date {STAGE_REACHED[stage]}."
        if stage != ReviewStage.DECIDED:
            del self.fields["decision"]
        if deadline is None or due is None:  # no deadline to miss
            del self.fields["delay_reason"]
            return
        reached_on.help_text = f"The {deadline.name} is due by {due:%-d %B %Y} ({deadline.rule})."
        reached_on.help_text += f" {DATE_HINT}"
        self.fields["delay_reason"].help_text = (
            f"Needed only if the date is after {due:%-d %B %Y}, the deadline. Recorded in the "
            "review’s history with your name."
        )
        self.fields["delay_reason"].needed_when = f"needed if after {due:%-d %B %Y}"

    def clean_reached_on(self):
        day = self.cleaned_data["reached_on"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(
                f"The date can be today or earlier, not {day:%-d %B %Y}: record a stage once it "
                "is reached."
            )
        return day
