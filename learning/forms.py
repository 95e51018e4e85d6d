import datetime

from django import forms
from django.utils import timezone

from dates.forms import DateField
from reviews.models import Agency, Review, Theme

# The earliest financial year the filter offers.
FIRST_YEAR = 2015


def year_choices():
    today = timezone.localdate()
    latest = today.year if today.month >= 4 else today.year - 1
    years = range(latest, FIRST_YEAR - 1, -1)
    return [
        ("", "Any year"),
        *((f"{y}-{(y + 1) % 100:02d}", f"{y}/{(y + 1) % 100:02d}") for y in years),
    ]


class ProgrammeFilters(forms.Form):
    """The programme's filters: by theme, by a review whose learning a session shares, by an
    agency that booked places, and by a financial year or from and to dates."""

    theme = forms.ModelChoiceField(
        Theme.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="All themes",
        error_messages={"invalid_choice": "Choose a theme from the list."},
    )
    review = forms.ModelChoiceField(
        Review.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="All reviews",
        error_messages={"invalid_choice": "Choose a review from the list."},
    )
    agency = forms.ModelChoiceField(
        Agency.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="All agencies",
        error_messages={"invalid_choice": "Choose an agency from the list."},
    )
    year = forms.ChoiceField(
        label="Financial year",
        choices=year_choices,
        required=False,
        error_messages={"invalid_choice": "Choose a financial year from the list."},
    )
    start = DateField(label="From", required=False)
    end = DateField(label="To", required=False)

    def clean(self):
        data = super().clean()
        year = data.get("year")
        if year:
            first = int(year[:4])
            data["year_start"] = datetime.date(first, 4, 1)
            data["year_end"] = datetime.date(first + 1, 3, 31)
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", "The ‘to’ date must be the same as or after the ‘from’ date.")
        return data

    def selectors_filters(self):
        """The filters as selectors.filtered_sessions takes them."""
        data = self.cleaned_data
        starts = [day for day in (data.get("start"), data.get("year_start")) if day]
        ends = [day for day in (data.get("end"), data.get("year_end")) if day]
        return {
            "theme": data.get("theme"),
            "review": data.get("review"),
            "agency": data.get("agency"),
            "start": max(starts) if starts else None,
            "end": min(ends) if ends else None,
        }
