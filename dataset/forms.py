from django import forms

from reviews.models import Agency, Theme

from .vocabulary import RATING_ORDER, Rating


class ScorecardFilters(forms.Form):
    """The scorecard's filters: by theme, by the agency whose data it is, and by rating."""

    theme = forms.ModelChoiceField(
        Theme.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="All themes",
        error_messages={"invalid_choice": "Choose a theme from the list."},
    )
    agency = forms.ModelChoiceField(
        Agency.objects.filter(indicators__isnull=False).distinct().order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="All agencies",
        label="Source agency",
        error_messages={"invalid_choice": "Choose an agency from the list."},
    )
    rating = forms.ChoiceField(
        choices=[("", "All ratings"), *((r.value, Rating(r).label) for r in RATING_ORDER)],
        required=False,
        error_messages={"invalid_choice": "Choose a rating from the list."},
    )
