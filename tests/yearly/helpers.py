"""A year's records for the yearly report's tests, each made through the services with `at=`
(so with its history): one of each thing the report counts, inside the year and after it."""

import datetime
from decimal import Decimal

from django.utils import timezone

from challenges.models import Challenge, ChallengeStatus
from challenges.services import challenge_save
from dataset import services as dataset_services
from dataset.models import Figure, Indicator
from dataset.periods import quarter
from priorities.models import DeliveryPlan, Priority
from priorities.services import plan_save, priority_save
from reviews import services
from reviews.models import Review, ReviewKind, ReviewStage, Status
from tests.factories import AgencyFactory
from tests.learning.helpers import make_session

YEAR_START = datetime.date(2024, 4, 1)  # the year 2024-25
YEAR_END = datetime.date(2025, 3, 31)


def at(day, hour=12):
    """Noon on a day, in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def d(year, month, day):
    return datetime.date(year, month, day)


def make_review(name, *, started_on, created, kind=ReviewKind.CSPR):
    review = Review(
        name=name,
        slug=name.lower().replace(" ", "-"),
        kind=kind,
        stage=ReviewStage.IN_PROGRESS,
        started_on=started_on,
    )
    return services.review_save(review=review, note="Added", at=at(created))


def make_action(review, reference, *, agency, created, status=Status.RED, target_date=None):
    return services.action_create(
        review=review,
        reference=reference,
        recommendation="Share information promptly.",
        description=f"Action {reference}",
        lead_agency=agency,
        lead_officer_role="Head of Service",
        themes=[],
        status=status,
        target_date=target_date,
        at=at(created),
    )


def complete(action, day):
    return services.action_update(
        action=action, status=Status.GREEN, completed_on=day, note="Done", at=at(day)
    )


def embed(action, day):
    return services.action_update(
        action=action,
        status=Status.BLUE,
        embedded_on=day,
        evidence="Audit finding",
        note="Embedded",
        at=at(day),
    )


def make_indicator(reference, figures, *, created=datetime.date(2023, 4, 1), **fields):
    """An indicator (higher is better) with figures: (period, value, recorded on)."""
    indicator = dataset_services.indicator_save(
        Indicator(reference=reference, name=f"Indicator {reference}", **fields),
        note="Added",
        at=at(created),
    )
    for period, value, recorded_on in figures:
        figure = Figure(
            indicator=indicator,
            period_start=period.start,
            period_kind=period.kind,
            value=Decimal(str(value)),
        )
        dataset_services.figure_save(figure, note="Reported", at=at(recorded_on))
    return indicator


def build_year():
    """One of each thing the yearly report for 2024-25 counts, and things it must not count:
    made before the year, changed in it, and changed or made after it. Returns the records."""
    police = AgencyFactory(name="Police")

    # Reviews: Alder started before the year and was ratified in it; Birch started and
    # published its learning in the year and was ratified after it; Cedar was recorded after
    # the year (with a start date inside it): at the year's end it did not exist.
    alder = make_review("Alder", started_on=d(2024, 1, 10), created=d(2024, 1, 10))
    alder.learning_published_on = d(2024, 3, 1)
    alder.stage = ReviewStage.LEARNING_PUBLISHED
    services.review_save(review=alder, note="Published", at=at(d(2024, 3, 1)))
    services.review_set_stage(
        review=alder, stage=ReviewStage.RATIFIED, on=d(2024, 9, 1), at=at(d(2024, 9, 1))
    )
    birch = make_review("Birch", started_on=d(2024, 6, 1), created=d(2024, 6, 1))
    services.review_set_stage(
        review=birch,
        stage=ReviewStage.LEARNING_PUBLISHED,
        on=d(2025, 2, 1),
        at=at(d(2025, 2, 1)),
    )
    services.review_set_stage(
        review=birch, stage=ReviewStage.RATIFIED, on=d(2025, 6, 1), at=at(d(2025, 6, 1))
    )
    make_review("Cedar", started_on=d(2024, 7, 1), created=d(2025, 5, 1))

    before = d(2024, 3, 1)
    actions = {
        # amber, completed in the year
        "A1": make_action(alder, "A1", agency=police, created=before, status=Status.AMBER,
                          target_date=d(2024, 12, 31)),
        # green before the year, embedded in it
        "A2": make_action(alder, "A2", agency=police, created=before, status=Status.AMBER,
                          target_date=d(2024, 3, 1)),
        # red and overdue at the year's end; completed after it
        "A3": make_action(alder, "A3", agency=police, created=before,
                          target_date=d(2024, 12, 31)),
        # amber, not yet due at the year's end
        "A4": make_action(alder, "A4", agency=police, created=before, status=Status.AMBER,
                          target_date=d(2025, 6, 30)),
        # amber and overdue at the year's end
        "A5": make_action(alder, "A5", agency=police, created=before, status=Status.AMBER,
                          target_date=d(2025, 1, 31)),
        # red, not yet due
        "A6": make_action(birch, "B1", agency=police, created=d(2024, 6, 2),
                          target_date=d(2025, 12, 31)),
        # red, but only recorded after the year
        "A7": make_action(birch, "B2", agency=police, created=d(2025, 5, 1),
                          target_date=d(2024, 5, 1)),
    }  # fmt: skip
    complete(actions["A1"], d(2024, 10, 1))
    complete(actions["A2"], d(2024, 3, 2))
    embed(actions["A2"], d(2025, 2, 1))
    complete(actions["A3"], d(2025, 4, 15))
    embed(actions["A1"], d(2025, 5, 1))  # after the year: not counted

    # Indicators, Q3 against Q3: I1 worse, I2 better, I3 only reported after the year.
    q3_before, q3_year, q4_year = quarter(3, 2023), quarter(3, 2024), quarter(4, 2024)
    indicators = {
        "I1": make_indicator("I1", [(q3_before, 50, d(2024, 1, 20)), (q3_year, 40, d(2025, 1, 20)),
                                    (q4_year, 90, d(2025, 4, 20))], target=Decimal(60)),
        "I2": make_indicator("I2", [(q3_before, 40, d(2024, 1, 20)), (q3_year, 60, d(2025, 1, 20))],
                             target=Decimal(60)),
        "I3": make_indicator("I3", [(q3_before, 50, d(2025, 5, 1)), (q3_year, 10, d(2025, 5, 1))],
                             created=d(2025, 5, 1), target=Decimal(60)),
    }  # fmt: skip

    # Learning: two sessions in the year (one with 3 attending), one before it, one after.
    make_session(
        title="In the year", date=d(2024, 6, 5), places={police: (20, 18, 2)}, at=at(d(2024, 6, 5))
    )
    make_session(
        title="Small group", date=d(2024, 11, 5), places={police: (3, 3, 0)}, at=at(d(2024, 11, 5))
    )
    make_session(
        title="Before the year",
        date=d(2024, 2, 5),
        places={police: (20, 20, 0)},
        at=at(d(2024, 2, 5)),
    )
    make_session(title="After the year", date=d(2025, 5, 5), places={police: (20, 20, 0)},
                 at=at(d(2025, 5, 5)))  # fmt: skip

    # The plan in force at the year's end: P1 has a complete action (A1), P2 an overdue one
    # (A5) only, P3 nothing linked, P4 A3, red at the year's end and complete after it.
    plan = plan_save(
        DeliveryPlan(title="2023–2026 plan", starts_on=d(2023, 4, 1), ends_on=d(2026, 3, 31)),
        note="Adopted",
        at=at(d(2023, 4, 1)),
    )
    priorities = {}
    for position, (title, linked) in enumerate(
        [("P1", ["A1"]), ("P2", ["A5"]), ("P3", []), ("P4", ["A3"])], start=1
    ):
        priorities[title] = priority_save(
            Priority(plan=plan, position=position, title=title, aim="An aim", lead_role="Lead"),
            note="Added",
            at=at(d(2024, 4, 2), hour=9 + position),
            actions=[actions[key] for key in linked],
        )
    # Linked after the year: P3 still had nothing linked at its end.
    priority_save(priorities["P3"], note="Linked", at=at(d(2025, 6, 1)), actions=[actions["A1"]])
    # The next plan, agreed in the year; and a plan recorded after the year (not counted).
    upcoming = plan_save(
        DeliveryPlan(title="2026–2028 plan", starts_on=d(2026, 4, 1), ends_on=d(2028, 3, 31)),
        note="Drafted",
        at=at(d(2025, 3, 1)),
    )
    priority_save(
        Priority(plan=upcoming, position=1, title="Next P1", aim="Next aim", lead_role="Lead"),
        note="Added",
        at=at(d(2025, 3, 2)),
    )

    # Challenges: one raised before the year, two in it (one closed by its end), one after.
    def challenge(raised_on, recorded_on, **fields):
        return challenge_save(
            Challenge(raised_on=raised_on, question=f"Question {raised_on}", agency=police,
                      **fields),
            note="Raised",
            at=at(recorded_on),
        )  # fmt: skip

    challenge(d(2024, 2, 1), d(2024, 2, 1))
    open_in_year = challenge(d(2024, 5, 1), d(2024, 5, 1))
    challenge(
        d(2024, 8, 1),
        d(2024, 9, 1),
        response="An answer",
        responded_on=d(2024, 8, 20),
        status=ChallengeStatus.CLOSED,
        closing_note="Satisfied",
        closed_on=d(2024, 9, 1),
    )
    challenge(d(2025, 4, 2), d(2025, 4, 2))
    # Closed after the year: open at its end.
    open_in_year.response, open_in_year.responded_on = "Later", d(2025, 4, 10)
    open_in_year.status, open_in_year.closing_note = ChallengeStatus.CLOSED, "Done"
    open_in_year.closed_on = d(2025, 4, 10)
    challenge_save(open_in_year, note="Closed", at=at(d(2025, 4, 10)))
    return {"actions": actions, "indicators": indicators, "priorities": priorities}
