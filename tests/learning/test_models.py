"""A session's and an agency's places' rules, each with the message a manager reads; one history
record per save with who, why and when; and no field where a person could be named."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from learning import services
from learning.models import LearningSession, SessionAgency
from learning.vocabulary import Format
from tests.factories import AgencyFactory, ReviewFactory, ThemeFactory, UserFactory

from .helpers import make_session

pytestmark = pytest.mark.django_db

AT = datetime.datetime(2025, 3, 3, 17, 0, tzinfo=datetime.UTC)


def errors_of(error):
    return {field: " ".join(messages) for field, messages in error.value.message_dict.items()}


def session(**fields):
    fields = {
        "title": "Professional curiosity",
        "slug": "professional-curiosity",
        "date": datetime.date(2025, 3, 3),
        "format": Format.IN_PERSON,
        "places_offered": 30,
    } | fields
    return LearningSession(**fields)


# Counts only --------------------------------------------------------------------------------


# Text a person types: the session's title and web address, examples in words and notes.
TEXT_ALLOWED = {
    "learningsession": {"title", "slug", "format", "follow_up_examples", "notes"},
    "sessionagency": set(),
}
PERSONAL_WORDS = ("name", "initial", "birth", "dob", "attendee", "person", "email", "phone")


@pytest.mark.parametrize("model", [LearningSession, SessionAgency])
def test_the_models_have_no_field_for_an_attendees_name_initials_or_date_of_birth(model):
    fields = model._meta.get_fields()
    text = {f.name for f in fields if isinstance(f, models.CharField | models.TextField)}
    assert text <= TEXT_ALLOWED[model._meta.model_name]
    for field in fields:
        assert not any(word in field.name for word in PERSONAL_WORDS), field.name
    dates = {f.name for f in fields if isinstance(f, models.DateField)}
    assert dates <= {"date", "follow_up_recorded_on"}
    assert "counts only" in model.__doc__.lower()


def test_the_history_models_add_only_the_history_s_own_fields():
    for model in (LearningSession, SessionAgency):
        own = {f.name for f in model._meta.concrete_fields}
        history = {f.name for f in model.history.model._meta.concrete_fields}
        assert history - own == {
            "history_id",
            "history_date",
            "history_change_reason",
            "history_type",
            "history_user",
            "history_valid_until",
        }


# The session's rules --------------------------------------------------------------------------


def test_a_plain_session_is_valid():
    session().full_clean()


def test_only_e_learning_may_leave_the_places_offered_blank():
    with pytest.raises(ValidationError) as error:
        session(places_offered=None).full_clean()
    assert errors_of(error) == {
        "places_offered": "Give the number of places offered: only e-learning may leave it blank."
    }
    session(places_offered=None, format=Format.E_LEARNING).full_clean()


def test_places_offered_are_at_least_one():
    with pytest.raises(ValidationError) as error:
        session(places_offered=0).full_clean()
    assert "places_offered" in error.value.message_dict


@pytest.mark.parametrize("value", ["0.9", "5.1", "0", "6"])
def test_confidence_is_on_a_scale_of_1_to_5(value):
    with pytest.raises(ValidationError) as error:
        session(evaluation_responses=10, confidence_before=Decimal(value)).full_clean()
    assert "confidence_before" in error.value.message_dict


@pytest.mark.parametrize("value", ["1", "1.0", "3.4", "5.0"])
def test_confidence_from_1_to_5_is_accepted(value):
    session(
        evaluation_responses=10, confidence_before=Decimal(value), confidence_after=Decimal(value)
    ).full_clean()


def test_confidence_has_one_decimal_place():
    with pytest.raises(ValidationError) as error:
        session(evaluation_responses=10, confidence_after=Decimal("3.45")).full_clean()
    assert "confidence_after" in error.value.message_dict


def test_rated_good_or_better_at_most_the_responses():
    session(evaluation_responses=12, evaluation_good_or_better=12).full_clean()
    with pytest.raises(ValidationError) as error:
        session(evaluation_responses=12, evaluation_good_or_better=13).full_clean()
    assert errors_of(error) == {
        "evaluation_good_or_better": "More responses rate it good or better (13) than there are "
        "evaluation responses (12)."
    }


@pytest.mark.parametrize(
    "fields",
    [{"evaluation_good_or_better": 3}, {"confidence_before": Decimal("3")}],
)
def test_an_evaluation_needs_its_number_of_responses(fields):
    with pytest.raises(ValidationError) as error:
        session(**fields).full_clean()
    assert list(error.value.message_dict) == ["evaluation_responses"]


def test_changed_practice_at_most_the_follow_up_responses():
    recorded = {"follow_up_recorded_on": datetime.date(2025, 6, 3), "follow_up_responses": 8}
    session(**recorded, follow_up_changed_practice=8).full_clean()
    with pytest.raises(ValidationError) as error:
        session(**recorded, follow_up_changed_practice=9).full_clean()
    assert errors_of(error) == {
        "follow_up_changed_practice": "More responses report a change in practice (9) than "
        "there are follow-up responses (8)."
    }


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"follow_up_responses": 5}, "follow_up_recorded_on", "Give the date the follow-up"),
        ({"follow_up_examples": "Escalates sooner"}, "follow_up_recorded_on", "Give the date"),
        (
            {"follow_up_recorded_on": datetime.date(2025, 6, 3)},
            "follow_up_responses",
            "Give the number of follow-up responses, or take the date recorded away.",
        ),
        (
            {
                "follow_up_recorded_on": datetime.date(2025, 3, 2),
                "follow_up_responses": 3,
            },
            "follow_up_recorded_on",
            "The follow-up cannot be recorded before the session.",
        ),
    ],
)
def test_a_follow_up_needs_its_date_and_responses_and_comes_after_the_session(
    fields, field, message
):
    with pytest.raises(ValidationError) as error:
        session(**fields).full_clean()
    assert message in errors_of(error)[field]


def test_the_responses_are_at_most_the_people_who_attended():
    police = AgencyFactory()
    saved = make_session(places={police: (10, 6, 4)})
    saved.evaluation_responses = 7
    with pytest.raises(ValidationError) as error:
        services.session_save(saved, note="Evaluation")
    assert errors_of(error) == {
        "evaluation_responses": "There are more evaluation responses (7) than people attended "
        "(6): record the attendance by agency first, or correct the responses."
    }
    saved.evaluation_responses = 6
    saved.follow_up_recorded_on, saved.follow_up_responses = datetime.date(2025, 6, 3), 7
    with pytest.raises(ValidationError) as error:
        services.session_save(saved, note="Follow-up")
    assert list(error.value.message_dict) == ["follow_up_responses"]
    saved.follow_up_responses = 6
    services.session_save(saved, note="Follow-up")


def test_fewer_attended_than_the_responses_is_refused_and_nothing_is_written():
    police, health = AgencyFactory(), AgencyFactory()
    saved = make_session(places={police: (10, 6, 4), health: (5, 5, 0)}, evaluation_responses=11)
    row = saved.agencies.get(agency=police)
    row.attended, row.not_attended = 5, 5
    with pytest.raises(ValidationError) as error:
        services.session_agency_save(row, note="Corrected")
    assert "evaluation_responses" in error.value.message_dict
    assert saved.agencies.get(agency=police).attended == 6
    assert row.history.count() == 1


# An agency's places ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("booked", "attended", "not_attended", "valid"),
    [(10, 6, 4, True), (10, 10, 0, True), (10, 6, 3, True), (10, 7, 4, False), (0, 1, 0, False)],
)
def test_attended_and_not_attended_add_up_to_at_most_the_places_booked(
    booked, attended, not_attended, valid
):
    saved = make_session()
    row = SessionAgency(
        session=saved,
        agency=AgencyFactory(),
        booked=booked,
        attended=attended,
        not_attended=not_attended,
    )
    if valid:
        row.full_clean()
        return
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert errors_of(error) == {
        "attended": f"Attended and did not attend add up to {attended + not_attended}, more "
        f"than the {booked} places booked."
    }


def test_an_agency_has_one_row_per_session():
    police = AgencyFactory()
    saved = make_session(places={police: (10, 6, 4)})
    with pytest.raises(ValidationError) as error:
        SessionAgency(session=saved, agency=police, booked=1).full_clean()
    assert "This agency already has its places for this session" in str(error.value)


def test_an_agency_with_places_at_a_session_is_not_deleted():
    police = AgencyFactory()
    make_session(places={police: (10, 6, 4)})
    with pytest.raises(models.ProtectedError):
        police.delete()


# History ---------------------------------------------------------------------------------------


def test_each_save_is_one_history_record_with_who_why_and_when():
    manager = UserFactory(username="lscp-manager")
    theme, review = ThemeFactory(), ReviewFactory()
    new = services.session_save(
        session(slug=""),
        themes=[theme],
        reviews=[review],
        user=manager,
        note="Session added",
        at=AT,
    )
    assert new.slug == "professional-curiosity-2025-03-03"
    record = new.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        manager,
        "Session added",
    )
    assert record.history_date == AT
    assert [t.theme_id for t in record.themes.all()] == [theme.pk]
    assert [r.review_id for r in record.reviews.all()] == [review.pk]

    police = AgencyFactory()
    row = services.session_agency_save(
        SessionAgency(session=new, agency=police, booked=12, attended=10, not_attended=2),
        user=manager,
        note="Register returned",
        at=AT + datetime.timedelta(hours=1),
    )
    row_record = row.history.get()
    assert (row_record.history_user, row_record.history_change_reason) == (
        manager,
        "Register returned",
    )

    new.evaluation_responses, new.evaluation_good_or_better = 9, 8
    later = AT + datetime.timedelta(days=1)
    services.session_save(new, user=manager, note="Evaluations in", at=later)
    assert new.history.count() == 2
    latest = new.history.latest()
    assert (latest.history_type, latest.history_change_reason, latest.history_date) == (
        "~",
        "Evaluations in",
        later,
    )
    assert latest.evaluation_good_or_better == 8
    assert [t.theme_id for t in latest.themes.all()] == [theme.pk]  # links kept when not given
    assert new.history.earliest().history_valid_until == later


def test_a_deleted_row_is_recorded_with_the_note():
    police, health = AgencyFactory(), AgencyFactory()
    saved = make_session(places={police: (10, 6, 4), health: (5, 5, 0)})
    row = saved.agencies.get(agency=health)
    pk, manager = row.pk, UserFactory()
    services.session_agencies_save(saved, [], deleted=[row], user=manager, note="Booked twice")
    assert not SessionAgency.objects.filter(pk=pk).exists()
    record = SessionAgency.history.filter(id=pk).latest()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "-",
        manager,
        "Booked twice",
    )


def test_the_same_title_and_date_get_their_own_web_addresses():
    first = make_session()
    second = make_session()
    assert (first.slug, second.slug) == (
        "working-with-resistance-learning-from-frankie-2025-03-03",
        "working-with-resistance-learning-from-frankie-2025-03-03-2",
    )


def test_the_session_knows_its_follow_up_due_date_and_whether_overdue():
    saved = make_session(date=datetime.date(2025, 11, 30))
    assert saved.follow_up_due == datetime.date(2026, 2, 28)
    assert not saved.follow_up_overdue_on(datetime.date(2026, 2, 28))
    assert saved.follow_up_overdue_on(datetime.date(2026, 3, 1))
