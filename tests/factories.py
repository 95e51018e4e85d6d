import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from reviews.models import Action, Agency, CommitteeMeeting, Review, ReviewStage, Status, Theme


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def group(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Agency {n}")
    short_name = factory.Sequence(lambda n: f"A{n}")
    slug = factory.Sequence(lambda n: f"agency-{n}")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    name = factory.Sequence(lambda n: f"Review {n}")
    slug = factory.Sequence(lambda n: f"review-{n}")
    stage = ReviewStage.RATIFIED
    started_on = datetime.date(2024, 1, 10)
    learning_published_on = datetime.date(2024, 6, 1)
    ratified_on = datetime.date(2024, 7, 1)


class ActionFactory(factory.django.DjangoModelFactory):
    """Saves directly, bypassing the write services: for building data, not testing rules."""

    class Meta:
        model = Action
        skip_postgeneration_save = True

    review = factory.SubFactory(ReviewFactory)
    reference = factory.Sequence(lambda n: f"R{n}")
    recommendation = "Agencies should share information promptly."
    description = factory.Sequence(lambda n: f"Deliver briefing {n} to practitioners.")
    lead_agency = factory.SubFactory(AgencyFactory)
    lead_officer_role = "Head of Service"
    status = Status.AMBER
    target_date = datetime.date(2030, 3, 31)
    original_target_date = factory.SelfAttribute("target_date")

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            self.themes.set(extracted if extracted is not None else [ThemeFactory()])


class CommitteeMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeMeeting

    committee = "Children's Services Overview and Scrutiny Committee"
    date = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=90 * n))
