"""A form field for a date a person types, read by dates.written: the site's forms and the admin's
take "31/03/2027", "31 March 2027" or "2027-03-31" alike, with the same messages as the import."""

import datetime

from django import forms

from .written import parse_day

DATE_HINT = "For example, 31/03/2027, 31 March 2027 or 2027-03-31."


class DateInput(forms.DateInput):
    """A plain text box, showing a date as 2027-03-31 whatever the language: no calendar, nothing
    that spelling or autocompletion would change."""

    def __init__(self, attrs=None):
        defaults = {"class": "app-date-input", "spellcheck": "false", "autocomplete": "off"}
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%Y-%m-%d")


class DateField(forms.DateField):
    """A date as a person types it, with the hint and the messages every date box gives."""

    widget = DateInput

    def __init__(self, *, label=None, help_text="", **kwargs):
        kwargs.pop("input_formats", None)
        super().__init__(
            label=label,
            help_text=" ".join(part for part in [DATE_HINT, str(help_text)] if part),
            **kwargs,
        )
        name = str(label or "date").lower()
        name = name if name.endswith("date") else f"{name} date"
        self.error_messages["required"] = f"Enter the {name}."

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return parse_day(str(value))
        except (ValueError, OverflowError) as error:
            raise forms.ValidationError(str(error), code="invalid") from None
