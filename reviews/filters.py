import django_filters
from django import forms
from django.db.models import Q

from .models import Action, Agency, Review, Status, Theme, overdue_q
from .selectors import actions_with_theme

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
    review = django_filters.ModelChoiceFilter(
        queryset=Review.objects.all(), to_field_name="slug", empty_label="All reviews"
    )
    lead_agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.all(), to_field_name="slug", empty_label="All agencies"
    )
    theme = django_filters.ModelChoiceFilter(
        label="Theme",
        method="filter_theme",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        empty_label="All themes",
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
        if "review" in self.filters and Review.objects.count() > REVIEW_LIST_LIMIT:
            self._review_by_name()

    def _review_by_name(self):
        """With more reviews than a list can usefully hold, the review is typed: part of its
        name (or its address name, as links give it)."""
        typed = django_filters.CharFilter(
            label="Review",
            method="filter_review_name",
            help_text="Type part of the review’s name.",
        )
        typed.parent, typed.model = self, self.queryset.model
        self.filters["review"] = typed

    def filter_review_name(self, queryset, name, value):
        value = value.strip()
        if Review.objects.filter(slug=value).exists():  # a link's: exactly that review
            return queryset.filter(review__slug=value)
        return queryset.filter(review__name__icontains=value)

    def search(self, queryset, name, value):
        terms = Q()
        for field in ["reference", "description", "recommendation", "progress_note",
                      "lead_officer_role"]:  # fmt: skip
            terms |= Q(**{f"{field}__icontains": value})
        return queryset.filter(terms)

    def filter_theme(self, queryset, name, value):
        return actions_with_theme(queryset, value)

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(overdue_q(self.as_at)) if value else queryset
