import datetime
import html
import re

import pytest
from django.urls import reverse

from dates.forms import DATE_HINT
from dates.written import DATE_FORMS, parse_date
from reviews.forms import ProgressForm
from reviews.models import Action, CommitteeMeeting, Status
from tests.factories import (
    ActionFactory,
    AgencyFactory,
    CommitteeMeetingFactory,
    ReviewFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def change_form_data(action, **overrides):
    data = {
        "review": action.review_id,
        "reference": action.reference,
        "recommendation": action.recommendation,
        "description": action.description,
        "themes": [t.pk for t in action.themes.all()],
        "lead_agency": action.lead_agency_id,
        "lead_officer_role": action.lead_officer_role,
        "supporting_agencies": [],
        "status": action.status,
        "change_note": "",
        "progress_note": action.progress_note,
        "evidence": action.evidence,
        "completed_on": "",
        "embedded_on": "",
        "target_date": action.target_date.isoformat() if action.target_date else "",
        "target_date_change_reason": action.target_date_change_reason,
    }
    return data | overrides


def test_manager_changes_status_with_a_note_and_history_records_it(manager_client, manager):
    action = ActionFactory()
    url = reverse("admin:reviews_action_change", args=[action.pk])

    response = manager_client.post(
        url, change_form_data(action, status="green", change_note="Policy signed off")
    )

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == Status.GREEN
    assert action.completed_on is not None
    record = action.history.latest()
    assert record.history_user == manager
    assert record.history_change_reason == "Policy signed off"

    history = manager_client.get(reverse("admin:reviews_action_history", args=[action.pk]))
    assert history.status_code == 200
    assert "Policy signed off" in history.content.decode()


def test_admin_refuses_a_status_change_without_a_note(manager_client):
    action = ActionFactory()
    url = reverse("admin:reviews_action_change", args=[action.pk])
    records = action.history.count()

    response = manager_client.post(url, change_form_data(action, status="green"))

    assert response.status_code == 200
    assert "Add a note saying why the status changed from Amber to Green." in (
        response.content.decode()
    )
    action.refresh_from_db()
    assert action.status == Status.AMBER
    assert action.history.count() == records


def test_admin_refuses_blue_without_evidence(manager_client):
    action = ActionFactory()
    url = reverse("admin:reviews_action_change", args=[action.pk])

    response = manager_client.post(
        url, change_form_data(action, status="blue", change_note="Embedded")
    )

    assert response.status_code == 200
    assert "evidence of embedding" in response.content.decode()
    action.refresh_from_db()
    assert action.status == Status.AMBER


def test_admin_refuses_a_target_date_change_without_a_reason(manager_client):
    action = ActionFactory(target_date=datetime.date(2030, 3, 31))
    url = reverse("admin:reviews_action_change", args=[action.pk])

    response = manager_client.post(url, change_form_data(action, target_date="2030-09-30"))

    assert "Give the reason for changing the target date." in response.content.decode()
    action.refresh_from_db()
    assert action.target_date == datetime.date(2030, 3, 31)


def test_manager_adds_an_action_and_the_original_date_is_kept(manager_client):
    review, agency, theme = ReviewFactory(), AgencyFactory(), ThemeFactory()

    response = manager_client.post(
        reverse("admin:reviews_action_add"),
        {
            "review": review.pk,
            "reference": "N1",
            "recommendation": "Share information promptly.",
            "description": "Publish a one-page guide to information sharing.",
            "themes": [theme.pk],
            "lead_agency": agency.pk,
            "lead_officer_role": "LSCP Business Manager",
            "status": "red",
            "target_date": "2030-01-31",
        },
    )

    assert response.status_code == 302
    action = Action.objects.get(reference="N1")
    assert action.original_target_date == datetime.date(2030, 1, 31)
    assert action.history.get().history_change_reason == "Action added"


def test_actions_list_filters_and_shows_status_in_words(manager_client):
    theme = ThemeFactory(name="Professional curiosity")
    police = AgencyFactory(name="Police")
    red = ActionFactory(status="red", description="Red one", lead_agency=police, themes=[theme])
    ActionFactory(status="green", description="Green one", completed_on=datetime.date(2025, 1, 1))
    overdue = ActionFactory(description="Late one", target_date=datetime.date(2020, 1, 1))
    url = reverse("admin:reviews_action_changelist")

    def shown(**query):
        response = manager_client.get(url, query)
        assert response.status_code == 200
        return {action.description for action in response.context["cl"].result_list}

    page = manager_client.get(url, {"status__exact": "red"}).content.decode()
    assert "Red – not started, or off track" in page
    assert shown(status__exact="red") == {"Red one"}
    assert shown(overdue="yes") == {"Late one"}
    assert "Late one" not in shown(overdue="no")
    assert shown(review__id__exact=red.review_id) == {"Red one"}
    assert shown(lead_agency__id__exact=police.pk) == {"Red one"}
    assert shown(themes__id__exact=theme.pk) == {"Red one"}
    assert shown(q="Late") == {"Late one"}
    assert overdue.pk


def test_bulk_set_status_asks_for_a_note_then_applies_it(manager_client, manager):
    actions = [ActionFactory(), ActionFactory()]
    url = reverse("admin:reviews_action_changelist")
    selected = [a.pk for a in actions]

    ask = manager_client.post(url, {"action": "set_status", "_selected_action": selected})
    assert ask.status_code == 200
    assert "Note for this change" in ask.content.decode()

    missing_note = manager_client.post(
        url,
        {"action": "set_status", "_selected_action": selected, "apply": "1", "status": "green"},
    )
    assert "Add a note saying why the status changed." in missing_note.content.decode()
    assert set(Action.objects.values_list("status", flat=True)) == {"amber"}

    done = manager_client.post(
        url,
        {
            "action": "set_status",
            "_selected_action": selected,
            "apply": "1",
            "status": "green",
            "note": "Signed off at the partnership executive",
        },
    )
    assert done.status_code == 302
    for action in actions:
        record = action.history.latest()
        assert record.status == "green"
        assert record.history_user == manager
        assert record.history_change_reason == "Signed off at the partnership executive"


def test_bulk_blue_without_evidence_changes_nothing(manager_client):
    actions = [ActionFactory(evidence="Audit"), ActionFactory(evidence="")]

    response = manager_client.post(
        reverse("admin:reviews_action_changelist"),
        {
            "action": "set_status",
            "_selected_action": [a.pk for a in actions],
            "apply": "1",
            "status": "blue",
            "note": "Embedded",
        },
    )

    assert "Nothing was changed" in response.content.decode()
    assert set(Action.objects.values_list("status", flat=True)) == {"amber"}


def test_review_page_shows_actions_inline_and_adds_new_ones(manager_client):
    action = ActionFactory(description="Existing action text")
    review = action.review
    url = reverse("admin:reviews_review_change", args=[review.pk])
    assert "Existing action text" in manager_client.get(url).content.decode()

    theme = ThemeFactory()
    data = review_change_data(review, **new_action_fields(themes=[theme.pk])) | {
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "1",
        "actions-0-id": action.pk,
        "actions-0-review": review.pk,
    }
    response = manager_client.post(url, data)

    assert response.status_code == 302, response.context and response.context.get("errors")
    new = review.actions.get(reference="NEW1")
    assert list(new.themes.all()) == [theme]
    assert new.history.get().history_change_reason == "Action added"


def test_committee_member_cannot_reach_the_admin(committee_client):
    action = ActionFactory()
    for url in [
        reverse("admin:index"),
        reverse("admin:reviews_action_changelist"),
        reverse("admin:reviews_action_change", args=[action.pk]),
    ]:
        response = committee_client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))

    response = committee_client.post(
        reverse("admin:reviews_action_change", args=[action.pk]),
        change_form_data(action, status="green", change_note="Forged"),
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == Status.AMBER


def review_change_data(review, **new_action):
    data = {
        "name": review.name,
        "slug": review.slug,
        "kind": review.kind,
        "summary": "",
        "stage": review.stage,
        "started_on": review.started_on.isoformat(),
        "learning_published_on": review.learning_published_on.isoformat(),
        "ratified_on": review.ratified_on.isoformat() if review.ratified_on else "",
        "closed_on": "",
        "change_note": "",
        "actions-TOTAL_FORMS": "0",
        "actions-INITIAL_FORMS": "0",
        "actions-2-TOTAL_FORMS": "1",
        "actions-2-INITIAL_FORMS": "0",
    }
    return data | {f"actions-2-0-{key}": value for key, value in new_action.items()}


def new_action_fields(**overrides):
    return {
        "reference": "NEW1",
        "recommendation": "Improve escalation.",
        "description": "Brief all DSLs on escalation.",
        "lead_agency": AgencyFactory().pk,
        "lead_officer_role": "Head of Inclusion",
        "status": "red",
        "target_date": "2030-06-30",
        "evidence": "",
        "themes": [ThemeFactory().pk],
    } | overrides


def test_adding_an_action_with_a_reference_already_used_says_so(manager_client):
    action = ActionFactory(reference="L1")
    review = action.review
    url = reverse("admin:reviews_review_change", args=[review.pk])

    response = manager_client.post(
        url, review_change_data(review, **new_action_fields(reference="L1"))
    )

    assert response.status_code == 200
    assert f"{review} already has an action L1." in response.content.decode()
    assert review.actions.count() == 1


def test_adding_a_blue_action_inline_needs_evidence(manager_client):
    review = ReviewFactory()
    url = reverse("admin:reviews_review_change", args=[review.pk])

    response = manager_client.post(
        url, review_change_data(review, **new_action_fields(status="blue"))
    )

    assert response.status_code == 200
    assert "evidence of embedding" in response.content.decode()
    assert not review.actions.exists()


def test_a_stage_change_in_the_admin_is_recorded_with_a_note(manager_client, manager):
    review = ReviewFactory(stage="learning_published", ratified_on=None)
    data = review_change_data(review) | {
        "stage": "ratified",
        "ratified_on": "2025-01-15",
        "actions-2-TOTAL_FORMS": "0",
    }

    response = manager_client.post(reverse("admin:reviews_review_change", args=[review.pk]), data)

    assert response.status_code == 302
    record = review.history.latest()
    assert (record.stage, record.history_user) == ("ratified", manager)
    assert record.history_change_reason == "Stage changed to ratified"


def test_the_history_cannot_be_restored_through_the_admin(manager_client):
    action = ActionFactory(description="Original text")
    record = action.history.latest()
    url = reverse("admin:reviews_action_simple_history", args=[action.pk, record.history_id])
    assert manager_client.get(url).status_code == 200

    response = manager_client.post(
        url, change_form_data(action, description="Changed via history", change_note="x")
    )

    assert response.status_code == 403
    action.refresh_from_db()
    assert action.description == "Original text"


def test_staff_who_can_only_view_cannot_bulk_change(client):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    viewer = UserFactory(username="viewer", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_action"))
    client.force_login(viewer)
    action = ActionFactory()

    response = client.post(
        reverse("admin:reviews_action_changelist"),
        {
            "action": "set_status",
            "_selected_action": [action.pk],
            "apply": "1",
            "status": "green",
            "note": "Not allowed",
        },
    )

    assert response.status_code in (200, 302, 403)
    action.refresh_from_db()
    assert action.status == Status.AMBER


def test_a_theme_change_in_the_admin_is_in_the_history(manager_client, manager):
    action = ActionFactory()
    new_theme = ThemeFactory(name="Working with resistance")
    url = reverse("admin:reviews_action_change", args=[action.pk])
    records = action.history.count()

    response = manager_client.post(
        url, change_form_data(action, themes=[new_theme.pk], change_note="Retagged")
    )

    assert response.status_code == 302
    assert action.history.count() == records + 1
    latest = action.history.latest()
    assert latest.history_change_reason == "Retagged"
    assert [link.theme for link in latest.themes.all()] == [new_theme]


def error_summary_links(response):
    """The error summary's links, {href: text}, and whether the box opens the page's content."""
    page = response.content.decode()
    box = re.search(r'<div class="app-error-summary".*?</ul>', page, re.S)
    assert box, "no error summary on the page"
    assert box.start() < page.index("<h1>"), "the error summary is not at the top"
    return dict(re.findall(r'<a href="([^"]+)">([^<]+)</a>', html.unescape(box.group(0))))


def test_the_action_form_opens_with_status_note_and_evidence(manager_client):
    action = ActionFactory()

    page = manager_client.get(reverse("admin:reviews_action_change", args=[action.pk]))

    fields = re.findall(r'<(?:input|select|textarea)[^>]* id="id_([a-z_]+)"', page.content.decode())
    fields = [name for name in fields if name != "version"]
    assert fields[:3] == ["status", "change_note", "evidence"]
    assert {"review", "reference", "description", "target_date"} <= set(fields[3:])
    # The action being changed is said above them.
    assert action.description in page.content.decode().split('id="id_status"')[0]


def test_a_new_action_is_described_first(manager_client):
    page = manager_client.get(reverse("admin:reviews_action_add")).content.decode()

    assert page.index('id="id_review"') < page.index('id="id_status"')


def test_a_status_change_without_a_note_is_named_at_the_top(manager_client):
    action = ActionFactory()
    records = action.history.count()

    response = manager_client.post(
        reverse("admin:reviews_action_change", args=[action.pk]),
        change_form_data(action, status="green"),
    )

    assert response.status_code == 200
    assert response.content.decode().count("<title>Error: ") == 1
    assert error_summary_links(response) == {
        "#id_change_note": "Note for this change: Add a note saying why the status changed "
        "from Amber to Green."
    }
    assert response.context["adminform"].form.errors["change_note"] == [
        "Add a note saying why the status changed from Amber to Green."
    ]
    action.refresh_from_db()
    assert action.status == Status.AMBER
    assert action.history.count() == records


TYPED = "2031/03/31"  # not a way of writing a date the service reads


def test_every_error_is_in_the_summary_in_the_order_of_the_form(manager_client):
    action = ActionFactory()

    response = manager_client.post(
        reverse("admin:reviews_action_change", args=[action.pk]),
        change_form_data(action, status="blue", target_date=TYPED, themes=[]),
    )

    assert list(error_summary_links(response).items()) == [
        (
            "#id_change_note",
            "Note for this change: Add a note saying why the status changed from Amber to Blue.",
        ),
        (
            "#id_evidence",
            "Evidence: Record the evidence of embedding (an audit finding, data or a practice "
            "change) before marking the action blue.",
        ),
        (
            "#id_target_date",
            f"Target date: “{TYPED}” is not a date that can be read. Use {DATE_FORMS}.",
        ),
    ]


def test_a_new_actions_error_on_a_review_is_in_the_summary(manager_client):
    action = ActionFactory(reference="L1")
    review = action.review

    response = manager_client.post(
        reverse("admin:reviews_review_change", args=[review.pk]),
        review_change_data(review, **new_action_fields(reference="L1")),
    )

    assert error_summary_links(response) == {
        "#id_actions-2-0-reference": f"Reference (new action): {review} already has an action L1."
    }


def test_the_bulk_status_change_names_a_missing_note_at_the_top(manager_client):
    actions = [ActionFactory(), ActionFactory()]

    response = manager_client.post(
        reverse("admin:reviews_action_changelist"),
        {
            "action": "set_status",
            "_selected_action": [a.pk for a in actions],
            "apply": "1",
            "status": "green",
        },
    )

    assert error_summary_links(response) == {
        "#id_note": "Note for this change: Add a note saying why the status changed."
    }
    assert set(Action.objects.values_list("status", flat=True)) == {"amber"}


def test_a_refused_bulk_change_shows_the_actions_as_they_still_are(manager_client):
    actions = [ActionFactory(evidence="Audit"), ActionFactory(evidence="")]

    response = manager_client.post(
        reverse("admin:reviews_action_changelist"),
        {
            "action": "set_status",
            "_selected_action": [a.pk for a in actions],
            "apply": "1",
            "status": "blue",
            "note": "Embedded",
        },
    )

    page = html.unescape(response.content.decode())
    assert "Nothing was changed. Fix these first:" in page.split("<h1>")[0]  # in the summary
    assert page.count("(now Amber – started, not yet complete)") == 2
    assert "(now Blue" not in page


def test_a_new_meeting_is_for_the_committee_in_the_settings(manager_client, settings):
    settings.COMMITTEE_NAME = "Children and Young People Scrutiny Committee"
    url = reverse("admin:reviews_committeemeeting_add")

    page = manager_client.get(url).content.decode()

    assert 'value="Children and Young People Scrutiny Committee"' in page
    response = manager_client.post(
        url, {"committee": settings.COMMITTEE_NAME, "date": "2027-03-31", "title": ""}
    )
    assert response.status_code == 302
    meeting = CommitteeMeeting.objects.get()
    assert (meeting.committee, meeting.date) == (
        "Children and Young People Scrutiny Committee",
        datetime.date(2027, 3, 31),
    )


DATE_PAGES = {
    "action": (
        lambda: reverse("admin:reviews_action_change", args=[ActionFactory().pk]),
        ["target_date", "completed_on", "embedded_on"],
    ),
    "review": (
        lambda: reverse("admin:reviews_review_change", args=[ReviewFactory().pk]),
        [
            "started_on",
            "learning_published_on",
            "ratified_on",
            "closed_on",
            "actions-2-0-target_date",
        ],
    ),
    "meeting": (
        lambda: reverse(
            "admin:reviews_committeemeeting_change", args=[CommitteeMeetingFactory().pk]
        ),
        ["date"],
    ),
}


@pytest.mark.parametrize("kind", DATE_PAGES)
def test_admin_dates_are_plain_text_boxes_with_the_sites_hint(manager_client, kind):
    url, fields = DATE_PAGES[kind]

    page = manager_client.get(url()).content.decode()

    for name in fields:
        box = re.search(rf'<input [^>]*id="id_{name}"[^>]*>', page).group(0)
        assert 'type="text"' in box and 'class="app-date-input"' in box
        assert f'aria-describedby="id_{name}_helptext"' in box
        hint = re.search(rf'id="id_{name}_helptext">\s*<div>([^<]*)', page).group(1)
        assert hint.startswith(DATE_HINT)
    assert "vDateField" not in page and "DateTimeShortcuts.js" not in page  # no calendar


def test_dates_already_saved_are_shown_as_typed_and_save_back_unchanged(manager_client):
    meeting = CommitteeMeetingFactory(date=datetime.date(2026, 3, 4), title="Spring")
    url = reverse("admin:reviews_committeemeeting_change", args=[meeting.pk])
    form = manager_client.get(url).context["adminform"].form
    shown = {
        name: form[name].field.widget.format_value(form[name].value()) or ""  # the note: empty
        for name in form.fields
    }
    assert shown["date"] == "2026-03-04"

    response = manager_client.post(url, shown)

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.date == datetime.date(2026, 3, 4)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("31/03/2027", datetime.date(2027, 3, 31)),
        ("31 March 2027", datetime.date(2027, 3, 31)),
        ("2027-03-31", datetime.date(2027, 3, 31)),
    ],
)
def test_a_date_is_read_as_people_write_it_in_the_admin_and_the_site(manager_client, typed, day):
    action = ActionFactory(target_date=datetime.date(2030, 3, 31))

    response = manager_client.post(
        reverse("admin:reviews_action_change", args=[action.pk]),
        change_form_data(action, target_date=typed, target_date_change_reason="Moved"),
    )

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.target_date == day
    site = ProgressForm({"status": "amber", "progress_note": "x", "target_date": typed})
    site.is_valid()
    assert site.cleaned_data["target_date"] == day


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("2027-02-30", "“2027-02-30” is not a real date."),
        ("2027/03/31", "“2027/03/31” is not a date that can be read."),
        ("Ongoing", "“Ongoing” is not a date."),
    ],
)
def test_a_date_that_cannot_be_read_is_refused_in_the_imports_words(manager_client, typed, error):
    """The admin, the site's progress form and the import say the same of a date."""
    action = ActionFactory(target_date=datetime.date(2030, 3, 31))
    message = f"{error} Use {DATE_FORMS}."

    response = manager_client.post(
        reverse("admin:reviews_action_change", args=[action.pk]),
        change_form_data(action, target_date=typed, target_date_change_reason="Moved"),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["target_date"] == [message]
    action.refresh_from_db()
    assert action.target_date == datetime.date(2030, 3, 31)
    site = ProgressForm({"status": "amber", "progress_note": "x", "target_date": typed})
    assert site.errors["target_date"] == [message]
    if typed != "Ongoing":  # which the import reads as no target date, with a warning
        with pytest.raises(ValueError, match=re.escape(error)):
            parse_date(typed)

    meeting = manager_client.post(
        reverse("admin:reviews_committeemeeting_add"),
        {"committee": "Scrutiny", "date": typed, "title": ""},
    )
    assert meeting.context["adminform"].form.errors["date"] == [message]
    assert not CommitteeMeeting.objects.exists()


def test_overdue_is_said_in_words_in_the_action_list(manager_client):
    ActionFactory(reference="LATE", target_date=datetime.date(2020, 1, 31))
    ActionFactory(reference="ONTIME", target_date=datetime.date(2040, 1, 31))
    ActionFactory(reference="NODATE", target_date=None, original_target_date=None)

    page = manager_client.get(reverse("admin:reviews_action_changelist")).content.decode()

    overdue = dict(
        re.findall(
            r'<th class="field-reference"><a [^>]*>([A-Z]+)</a></th>.*?'
            r'<td class="field-overdue">(.*?)</td>',
            page,
            re.S,
        )
    )
    assert {ref: re.sub(r"<[^>]+>", "", cell) for ref, cell in overdue.items()} == {
        "LATE": "Yes",
        "ONTIME": "No",
        "NODATE": "No",
    }


@pytest.mark.parametrize("model", ["action", "review"])
def test_a_list_action_on_rows_that_are_not_ids_changes_nothing(manager_client, model):
    ActionFactory()
    action = {"action": "set_status", "review": "delete_selected"}[model]
    response = manager_client.post(
        f"/admin/reviews/{model}/",
        {"action": action, "_selected_action": ["abc", "99999999999999999999"], "index": "0"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Nothing was changed" in response.content.decode()
