import django_filters
from django import forms
from django.db.models import Q

from .models import Action, Agency, Review, Status, Theme, overdue_q
from .selectors import NO_THEME, actions_with_theme, actions_without_theme

# Up to this many reviews, the review filter is a list to choose from; beyond, a box to type in.
REVIEW_LIST_LIMIT = 50


class ActionFilter(django_filters.FilterSet):
    """The GET form above every actions table: bookmarkable and works without JavaScript."""

    q = django_filters.CharFilter(label="Search", method="search")
    status = django_filters.MultipleChoiceFilter(
        choices=Status.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,  # no join: each action appears once anyway
    )
    review = django_filters.CharFilter(label="Review", method="filter_review")
    lead_agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.all(), to_field_name="slug", empty_label="All agencies"
    )
    theme = django_filters.ModelChoiceFilter(
        label="Theme",
        method="filter_theme",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        empty_label="All themes",
        null_label="No theme yet",
        null_value=NO_THEME,
    )
    overdue = django_filters.BooleanFilter(
        label="Overdue only",
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Action
        fields = []

    def __init__(self, *args, as_at, hide=(), **kwargs):
        """`hide` drops filters that the page already fixes (a review's page has no review
        filter)."""
        self.as_at = as_at
        super().__init__(*args, **kwargs)
        for name in hide:
            del self.filters[name]
        if "review" in self.filters:
            self._review_field()

    def _review_field(self):
        """A list of the reviews to choose from; or, with more than a list can usefully hold, a
        box to type part of a review's name in. One query either way."""
        reviews = list(
            Review.objects.order_by("name").values_list("slug", "name")[: REVIEW_LIST_LIMIT + 1]
        )
        self.review_listed = len(reviews) <= REVIEW_LIST_LIMIT
        if self.review_listed:
            self.form.fields["review"] = forms.ChoiceField(
                label="Review", required=False, choices=[("", "All reviews"), *reviews]
            )
        else:
            self.form.fields["review"].help_text = "Type part of the review’s name."

    def filter_review(self, queryset, name, value):
        """The review chosen, or the one a link names (by its address name); else those with
        the text typed in their name."""
        value = value.strip()
        if self.review_listed or Review.objects.filter(slug=value).exists():
            return queryset.filter(review__slug=value)
        return queryset.filter(review__name__icontains=value)

    def search(self, queryset, name, value):
        terms = Q()
        for field in ["reference", "description", "recommendation", "progress_note",
                      "lead_officer_role"]:  # fmt: skip
            terms |= Q(**{f"{field}__icontains": value})
        return queryset.filter(terms)

    def filter_theme(self, queryset, name, value):
        if value == NO_THEME:
            return actions_without_theme(queryset)
        return actions_with_theme(queryset, value)

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(overdue_q(self.as_at)) if value else queryset
