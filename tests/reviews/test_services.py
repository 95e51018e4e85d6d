import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from reviews import services
from reviews.models import Action, Review, ReviewStage, Status
from tests.factories import ActionFactory, AgencyFactory, ReviewFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def create_action(**overrides):
    fields = {
        "review": ReviewFactory(),
        "reference": "A1",
        "recommendation": "Partners should use the escalation policy when they disagree.",
        "description": "Deliver escalation policy briefings to designated safeguarding leads.",
        "lead_agency": AgencyFactory(),
        "lead_officer_role": "Head of Inclusion",
        "themes": [ThemeFactory()],
        "status": Status.AMBER,
        "target_date": datetime.date(2030, 3, 31),
        "note": "Action agreed",
    }
    return services.action_create(**(fields | overrides))


def test_it_creates_an_action_with_history_and_original_target_date(manager):
    action = create_action(user=manager)

    assert action.original_target_date == datetime.date(2030, 3, 31)
    record = action.history.get()
    assert record.history_user == manager
    assert record.history_change_reason == "Action agreed"


def test_it_refuses_blue_without_evidence_and_saves_nothing():
    action = create_action()

    with pytest.raises(ValidationError) as error:
        services.action_set_status(action=action, status=Status.BLUE, note="Embedded")

    assert "evidence of embedding" in error.value.message_dict["evidence"][0]
    action.refresh_from_db()
    assert action.status == Status.AMBER
    assert action.embedded_on is None
    assert action.history.count() == 1


def test_it_refuses_a_new_blue_action_without_evidence():
    with pytest.raises(ValidationError) as error:
        create_action(status=Status.BLUE)

    assert "evidence" in error.value.message_dict
    assert not Action.objects.exists()


def test_it_refuses_a_status_change_without_a_note():
    action = create_action()

    with pytest.raises(ValidationError) as error:
        services.action_set_status(action=action, status=Status.GREEN, note="  ")

    assert error.value.message_dict["status"] == [
        "Add a note saying why the status changed from Amber to Green."
    ]
    action.refresh_from_db()
    assert action.status == Status.AMBER
    assert action.completed_on is None


def test_green_sets_completed_on_and_blue_sets_embedded_on(manager):
    action = create_action()
    today = timezone.localdate()

    services.action_set_status(action=action, status=Status.GREEN, note="Done", user=manager)
    action.refresh_from_db()
    assert (action.completed_on, action.embedded_on) == (today, None)

    services.action_set_status(
        action=action, status=Status.BLUE, note="Audit shows it in use", evidence="Spring audit"
    )
    action.refresh_from_db()
    assert (action.completed_on, action.embedded_on) == (today, today)
    reasons = list(action.history.order_by("history_date").values_list("history_change_reason"))
    assert reasons == [("Action agreed",), ("Done",), ("Audit shows it in use",)]


def test_it_keeps_a_completed_date_already_recorded():
    action = create_action()
    services.action_update(
        action=action,
        status=Status.GREEN,
        completed_on=datetime.date(2025, 5, 1),
        note="Completed in May",
    )
    action.refresh_from_db()
    assert action.completed_on == datetime.date(2025, 5, 1)


def test_a_target_date_change_needs_a_reason_and_keeps_the_original():
    action = create_action()

    with pytest.raises(ValidationError) as error:
        services.action_update(action=action, target_date=datetime.date(2030, 6, 30))
    assert error.value.message_dict["target_date_change_reason"] == [
        "Give the reason for changing the target date."
    ]
    action.refresh_from_db()
    assert action.target_date == datetime.date(2030, 3, 31)

    services.action_update(
        action=action,
        target_date=datetime.date(2030, 6, 30),
        target_date_change_reason="Training provider withdrew",
        note="Revised date",
    )
    action.refresh_from_db()
    assert action.target_date == datetime.date(2030, 6, 30)
    assert action.original_target_date == datetime.date(2030, 3, 31)


def test_a_second_date_change_needs_a_new_reason():
    action = create_action()
    services.action_update(
        action=action, target_date=datetime.date(2030, 6, 30), target_date_change_reason="First"
    )

    with pytest.raises(ValidationError):
        services.action_update(action=action, target_date=datetime.date(2030, 9, 30))

    action.refresh_from_db()
    assert action.target_date == datetime.date(2030, 6, 30)


def test_giving_a_first_target_date_needs_no_reason():
    action = create_action(target_date=None)

    services.action_update(action=action, target_date=datetime.date(2030, 1, 31))

    action.refresh_from_db()
    assert action.original_target_date == datetime.date(2030, 1, 31)


def test_an_action_may_have_no_theme():
    action = create_action(themes=[])
    assert list(action.themes.all()) == []
    assert action.history.get().themes.count() == 0


def test_every_broken_rule_of_a_change_is_told_at_once():
    action = create_action()
    action.status = Status.BLUE  # from amber: no note, no evidence, a completed date to come
    action.completed_on = datetime.date.today() + datetime.timedelta(days=3)
    with pytest.raises(ValidationError) as error:
        services.action_check(action, note="")
    assert set(error.value.message_dict) == {"status", "evidence", "completed_on"}
    assert error.value.message_dict["status"] == [
        "Add a note saying why the status changed from Amber to Blue."
    ]
    # The admin, the bulk change and the import are told the same, by the same service.
    with pytest.raises(ValidationError) as saved:
        services.action_save(action=action, note="")
    assert saved.value.message_dict == error.value.message_dict


def test_a_reference_is_unique_within_its_review():
    first = create_action()
    with pytest.raises(ValidationError) as error:
        create_action(review=first.review)
    assert "reference" in str(error.value.message_dict) or "__all__" in error.value.message_dict
    assert Action.objects.count() == 1
    # The same reference in another review is fine.
    create_action(review=ReviewFactory())


def test_bulk_status_change_is_all_or_nothing():
    review = ReviewFactory()
    with_evidence = ActionFactory(review=review, evidence="Audit found it in use")
    without = ActionFactory(review=review, evidence="")

    with pytest.raises(ValidationError) as error:
        services.actions_set_status(
            actions=[with_evidence, without], status=Status.BLUE, note="Embedded"
        )

    assert str(without) in " ".join(error.value.messages)
    assert set(Action.objects.values_list("status", flat=True)) == {Status.AMBER}


def test_bulk_status_change_needs_a_note():
    action = ActionFactory()
    with pytest.raises(ValidationError):
        services.actions_set_status(actions=[action], status=Status.GREEN, note="")
    action.refresh_from_db()
    assert action.status == Status.AMBER


def test_review_stage_records_the_date_reached(manager):
    review = ReviewFactory(stage=ReviewStage.IN_PROGRESS, learning_published_on=None,
                           ratified_on=None)  # fmt: skip

    services.review_set_stage(
        review=review,
        stage=ReviewStage.LEARNING_PUBLISHED,
        on=datetime.date(2025, 2, 1),
        user=manager,
    )

    review.refresh_from_db()
    assert review.stage == ReviewStage.LEARNING_PUBLISHED
    assert review.learning_published_on == datetime.date(2025, 2, 1)
    assert review.history.first().history_change_reason == "Stage changed to learning published"


def test_a_review_cannot_skip_a_stage_date():
    review = ReviewFactory(stage=ReviewStage.IN_PROGRESS, learning_published_on=None,
                           ratified_on=None)  # fmt: skip

    with pytest.raises(ValidationError) as error:
        services.review_set_stage(
            review=review, stage=ReviewStage.RATIFIED, on=datetime.date(2025, 2, 1)
        )

    assert "learning_published_on" in error.value.message_dict
    review.refresh_from_db()
    assert review.stage == ReviewStage.IN_PROGRESS


def test_review_stage_dates_must_be_in_order():
    review = ReviewFactory.build(
        stage=ReviewStage.RATIFIED,
        learning_published_on=datetime.date(2025, 6, 1),
        ratified_on=datetime.date(2025, 1, 1),
    )
    with pytest.raises(ValidationError):
        services.review_save(review=review)
    assert not Review.objects.exists()


def test_groups_ensure_gives_committee_view_only_and_managers_change():
    from django.contrib.auth.models import Group

    services.groups_ensure()
    services.groups_ensure()

    committee = set(
        Group.objects.get(name=services.COMMITTEE_MEMBERS).permissions.values_list(
            "codename", flat=True
        )
    )
    managers = set(
        Group.objects.get(name=services.SAFEGUARDING_MANAGERS).permissions.values_list(
            "codename", flat=True
        )
    )
    assert "view_action" in committee
    assert not {c for c in committee if not c.startswith("view_")}
    assert {"change_action", "add_action", "change_review", "add_committeemeeting"} <= managers
    assert Group.objects.filter(name__in=[services.COMMITTEE_MEMBERS,
                                          services.SAFEGUARDING_MANAGERS]).count() == 2  # fmt: skip


def test_an_open_action_cannot_have_completion_dates():
    action = create_action()

    with pytest.raises(ValidationError) as error:
        services.action_update(
            action=action, completed_on=datetime.date(2025, 1, 1), embedded_on=None
        )

    assert error.value.message_dict["completed_on"] == [
        "Only a green or blue action has a completed date."
    ]
    with pytest.raises(ValidationError) as error:
        services.action_update(
            action=action,
            status=Status.GREEN,
            embedded_on=datetime.date(2025, 1, 1),
            note="Done",
        )
    assert error.value.message_dict["embedded_on"] == ["Only a blue action has an embedded date."]
    action.refresh_from_db()
    assert (action.status, action.completed_on, action.embedded_on) == (Status.AMBER, None, None)


def test_completion_dates_cannot_be_in_the_future():
    action = create_action()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as error:
        services.action_update(action=action, status=Status.GREEN, completed_on=tomorrow,
                               note="Done")  # fmt: skip

    assert error.value.message_dict["completed_on"] == ["This date cannot be in the future."]


def test_reopening_an_action_clears_its_completion_dates():
    action = create_action(
        status=Status.BLUE,
        evidence="Audit found the policy in use",
        completed_on=datetime.date(2025, 1, 10),
        embedded_on=datetime.date(2025, 3, 1),
    )

    services.action_set_status(action=action, status=Status.GREEN, note="Audit found gaps")
    action.refresh_from_db()
    assert (action.completed_on, action.embedded_on) == (datetime.date(2025, 1, 10), None)

    services.action_set_status(action=action, status=Status.AMBER, note="Reopened")
    action.refresh_from_db()
    assert (action.completed_on, action.embedded_on) == (None, None)


def test_blue_with_an_embedded_date_is_complete_by_then():
    action = create_action()

    services.action_update(
        action=action,
        status=Status.BLUE,
        evidence="Audit",
        embedded_on=datetime.date(2025, 2, 1),
        note="Embedded",
    )

    action.refresh_from_db()
    assert action.completed_on == action.embedded_on == datetime.date(2025, 2, 1)


def test_embedded_before_completed_is_refused():
    action = create_action()
    with pytest.raises(ValidationError) as error:
        services.action_update(
            action=action,
            status=Status.BLUE,
            evidence="Audit",
            completed_on=datetime.date(2025, 3, 1),
            embedded_on=datetime.date(2025, 2, 1),
            note="Embedded",
        )
    assert "embedded_on" in error.value.message_dict
    action.refresh_from_db()
    assert action.status == Status.AMBER


def test_a_note_counts_for_one_change_only():
    action = create_action()
    services.action_set_status(action=action, status=Status.GREEN, note="First change")

    action.status = Status.AMBER
    with pytest.raises(ValidationError) as error:
        services.action_check(action, note="")

    assert "status" in error.value.message_dict


def test_unknown_action_fields_cannot_be_changed():
    action = create_action()
    with pytest.raises(TypeError, match="original_target_date"):
        services.action_update(action=action, original_target_date=datetime.date(2020, 1, 1))


def test_theme_and_agency_changes_are_one_history_entry_with_the_note(manager):
    action = create_action(user=manager)
    new_theme, partner = ThemeFactory(name="Working with resistance"), AgencyFactory(name="Police")

    services.action_update(
        action=action,
        themes=[new_theme],
        supporting_agencies=[partner],
        progress_note="Refocused",
        note="Plan refocused after audit",
        user=manager,
    )

    records = list(action.history.order_by("history_date"))
    assert len(records) == 2
    assert records[-1].history_change_reason == "Plan refocused after audit"
    assert [t.theme.name for t in records[-1].themes.all()] == ["Working with resistance"]
    assert [a.agency.name for a in records[-1].supporting_agencies.all()] == ["Police"]
    assert records[0].supporting_agencies.count() == 0


def test_a_review_with_open_actions_cannot_be_closed():
    action = ActionFactory(status=Status.AMBER)
    review = action.review

    with pytest.raises(ValidationError) as error:
        services.review_set_stage(
            review=review, stage=ReviewStage.CLOSED, on=datetime.date(2025, 12, 1)
        )

    assert "every action is blue" in error.value.message_dict["stage"][0]
    review.refresh_from_db()
    assert review.stage == ReviewStage.RATIFIED

    services.action_set_status(action=action, status=Status.BLUE, note="Embedded", evidence="x")
    review.refresh_from_db()
    services.review_set_stage(
        review=review, stage=ReviewStage.CLOSED, on=datetime.date(2025, 12, 1)
    )
    review.refresh_from_db()
    assert review.stage == ReviewStage.CLOSED


def test_a_stage_change_without_a_note_is_recorded_as_such():
    review = ReviewFactory(stage=ReviewStage.LEARNING_PUBLISHED, ratified_on=None)
    review.stage = ReviewStage.RATIFIED
    review.ratified_on = datetime.date(2025, 1, 1)

    services.review_save(review=review)

    assert review.history.latest().history_change_reason == "Stage changed to ratified"


def test_an_unknown_stage_is_refused_cleanly():
    review = ReviewFactory()
    review.stage = "abandoned"
    with pytest.raises(ValidationError) as error:
        services.review_save(review=review)
    assert "stage" in error.value.message_dict


def test_the_history_copies_the_links_as_django_simple_history_itself_would():
    """ActionHistoricalRecords.create_historical_record_m2ms copies the action's themes and
    supporting agencies into its new history record without rebuilding the action (two queries
    fewer a save, about a fifth of a write's time). It must make the rows the library's own
    method makes; django-simple-history is pinned to its minor version, and when an upgrade
    changes what the library writes, this fails first."""
    from simple_history.models import HistoricalRecords

    from reviews.models import ACTION_HISTORY

    action = create_action(themes=[ThemeFactory(), ThemeFactory()])
    services.action_update(
        action=action, supporting_agencies=[AgencyFactory(), AgencyFactory()], note="Partners"
    )
    ours = action.history.latest()
    theirs = action.history.earliest()
    for model in (ours.themes.model, ours.supporting_agencies.model):
        model.objects.filter(history=theirs).delete()
    HistoricalRecords.create_historical_record_m2ms(ACTION_HISTORY, theirs, action)

    def links(record):
        return {
            field.name: sorted(
                tuple(v for k, v in row.items() if k not in ("id", "history_id", "m2m_history_id"))
                for row in getattr(record, field.name).values()
            )
            for field in record._history_m2m_fields
        }

    assert links(theirs) == links(ours)
    assert [len(rows) for rows in links(ours).values()] == [2, 2]
