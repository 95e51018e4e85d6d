"""Agencies (and who leads each), themes and committee meetings: every change is in their history
with who made it and when; a theme or an agency that actions use cannot be deleted (the page says
which actions, and how to rename or merge it instead), alone or with others from the list; one
that nothing uses can, and that is recorded too; merging moves each action to the other one with
an entry in the action's history."""

import datetime
import html
import re
from collections import Counter

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from reviews import services
from reviews.models import Action, Agency, CommitteeMeeting, Review, Status, Theme
from tests.factories import (
    ActionFactory,
    AgencyFactory,
    CommitteeMeetingFactory,
    ReviewFactory,
    ThemeFactory,
    UserFactory,
)
from tests.test_bad_input import ODD_TEXT, hypothesis_settings, post, report

pytestmark = pytest.mark.django_db


def page_text(response):
    """The page's words, without its markup."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


CONFIRM = 'value="Yes, I’m sure"'  # the button that confirms a deletion


def database_state():
    """Every table's row count (the sessions and sign-in records aside), and every link between
    the actions, reviews, agencies and themes: what a refused deletion must leave as it was."""
    counts = {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in ("sessions", "axes")
    }
    links = {
        "actions": list(
            Action.objects.order_by("pk").values_list("pk", "lead_agency", "updated_at")
        ),
        "themes": sorted(Action.themes.through.objects.values_list("action", "theme")),
        "supporting": sorted(
            Action.supporting_agencies.through.objects.values_list("action", "agency")
        ),
        "review themes": sorted(Review.themes.through.objects.values_list("review", "theme")),
        "agencies": list(Agency.objects.order_by("pk").values()),
        "theme rows": list(Theme.objects.order_by("pk").values()),
    }
    return counts, links


def agency_form(agency, **changes):
    return {
        "name": agency.name,
        "short_name": agency.short_name,
        "slug": agency.slug,
        "statutory_partner": "on" if agency.statutory_partner else "",
        "leads": [user.pk for user in agency.leads.all()],
        "change_note": "",
    } | changes


def theme_form(theme, **changes):
    return {
        "name": theme.name,
        "slug": theme.slug,
        "description": theme.description,
        "change_note": "",
    } | changes


# History ----------------------------------------------------------------------------------------


def test_an_agency_and_its_leads_added_then_changed_in_the_admin_are_one_entry_each(
    manager_client, manager
):
    first, second = UserFactory(username="lead-1"), UserFactory(username="lead-2")

    added = manager_client.post(
        reverse("admin:reviews_agency_add"),
        {
            "name": "Youth Justice Service",
            "short_name": "YJS",
            "slug": "yjs",
            "leads": [first.pk],
            "change_note": "Joined the partnership",
        },
    )

    assert added.status_code == 302
    agency = Agency.objects.get(slug="yjs")
    (record,) = agency.history.all()
    assert (record.history_type, record.history_user, record.name) == ("+", manager, agency.name)
    assert record.history_change_reason == "Joined the partnership"
    assert [link.user for link in record.leads.all()] == [first]

    changed = manager_client.post(
        reverse("admin:reviews_agency_change", args=[agency.pk]),
        agency_form(agency, name="Youth Justice and Prevention Service", leads=[second.pk]),
    )

    assert changed.status_code == 302
    agency.refresh_from_db()
    assert agency.name == "Youth Justice and Prevention Service"
    assert list(agency.leads.all()) == [second]
    assert agency.history.count() == 2
    latest = agency.history.latest()
    assert (latest.history_type, latest.history_user) == ("~", manager)
    assert latest.history_change_reason == "Renamed from “Youth Justice Service”"
    assert [link.user for link in latest.leads.all()] == [second]
    record.refresh_from_db()
    assert record.history_valid_until == latest.history_date  # its period closed by the next


def test_the_agencys_history_page_shows_who_led_it_at_each_change(manager_client, manager):
    agency = AgencyFactory(name="Police")
    lead = UserFactory(username="inspector", first_name="Detective Inspector")
    manager_client.post(
        reverse("admin:reviews_agency_change", args=[agency.pk]),
        agency_form(agency, leads=[lead.pk], change_note="New lead for the police"),
    )

    page = manager_client.get(reverse("admin:reviews_agency_history", args=[agency.pk]))

    assert page.status_code == 200
    text = page_text(page)
    assert "New lead for the police" in text
    assert "Detective Inspector" in text
    assert manager.username in text


def test_leads_changed_from_the_persons_side_are_in_each_agencys_history():
    police, council = AgencyFactory(), AgencyFactory()
    person = UserFactory(username="lead")

    person.lead_agencies.set([police, council])
    person.lead_agencies.remove(council)
    person.lead_agencies.clear()

    def leads_in_history(agency):
        return [
            sorted(link.user.username for link in record.leads.all())
            for record in agency.history.order_by("history_date", "history_id")
        ]

    assert leads_in_history(police) == [[], ["lead"], []]
    assert leads_in_history(council) == [[], ["lead"], []]
    assert police.history.filter(history_valid_until=None).count() == 1


def test_a_theme_renamed_in_the_admin_keeps_its_actions_and_says_its_old_name(
    manager_client, manager
):
    theme = ThemeFactory(name="Info sharing")
    action = ActionFactory(themes=[theme])
    action_records = action.history.count()

    response = manager_client.post(
        reverse("admin:reviews_theme_change", args=[theme.pk]),
        theme_form(theme, name="Information sharing"),
    )

    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.name == "Information sharing"
    assert list(action.themes.all()) == [theme]
    latest = theme.history.latest()
    assert (latest.history_user, latest.name) == (manager, "Information sharing")
    assert latest.history_change_reason == "Renamed from “Info sharing”"
    assert action.history.count() == action_records  # the action itself did not change


def test_a_meeting_added_changed_and_deleted_in_the_admin_is_in_its_history(
    manager_client, manager
):
    add = manager_client.post(
        reverse("admin:reviews_committeemeeting_add"),
        {"committee": "Scrutiny", "date": "2027-03-04", "title": "", "change_note": ""},
    )
    assert add.status_code == 302
    meeting = CommitteeMeeting.objects.get()
    manager_client.post(
        reverse("admin:reviews_committeemeeting_change", args=[meeting.pk]),
        {
            "committee": "Scrutiny",
            "date": "2027-03-11",
            "title": "Spring",
            "change_note": "Moved a week",
        },
    )

    deleted = manager_client.post(
        reverse("admin:reviews_committeemeeting_delete", args=[meeting.pk]), {"post": "yes"}
    )

    assert deleted.status_code == 302
    assert not CommitteeMeeting.objects.exists()
    records = CommitteeMeeting.history.filter(id=meeting.pk).order_by("history_date")
    assert [(r.history_type, r.date, r.history_user, r.history_change_reason) for r in records] == [
        ("+", datetime.date(2027, 3, 4), manager, ""),
        ("~", datetime.date(2027, 3, 11), manager, "Moved a week"),
        ("-", datetime.date(2027, 3, 11), manager, None),
    ]
    assert [r.history_valid_until is None for r in records] == [False, False, True]


@pytest.mark.parametrize("model", [Agency, Theme, CommitteeMeeting])
def test_the_change_page_has_a_history_button_leading_to_who_changed_what(
    manager_client, manager, model
):
    factory = {Agency: AgencyFactory, Theme: ThemeFactory}.get(model, CommitteeMeetingFactory)
    obj = factory()
    name = model._meta.model_name
    history = reverse(f"admin:reviews_{name}_history", args=[obj.pk])

    page = manager_client.get(reverse(f"admin:reviews_{name}_change", args=[obj.pk]))

    assert re.search(rf'<a href="{history}" class="historylink">History</a>', page.content.decode())
    assert "Note for this change" in page.content.decode()
    listed = manager_client.get(history)
    assert listed.status_code == 200
    version = obj.history.latest().history_id
    version_url = reverse(f"admin:reviews_{name}_simple_history", args=[obj.pk, version])
    assert f'href="{version_url}"' in listed.content.decode()


@pytest.mark.parametrize("model", [Agency, Theme, CommitteeMeeting])
def test_an_earlier_version_can_be_looked_at_never_restored(manager_client, model):
    factory = {Agency: AgencyFactory, Theme: ThemeFactory}.get(model, CommitteeMeetingFactory)
    obj = factory()
    record = obj.history.latest()
    name = f"admin:reviews_{model._meta.model_name}_simple_history"
    url = reverse(name, args=[obj.pk, record.history_id])
    before = database_state()

    assert manager_client.get(url).status_code == 200
    assert manager_client.post(url, {"name": "Restored"}).status_code == 403
    assert database_state() == before


# Refused deletions ------------------------------------------------------------------------------


def test_deleting_a_theme_that_actions_use_is_refused_naming_them_and_nothing_changes(
    manager_client,
):
    theme = ThemeFactory(name="Professional curiosity")
    review = ReviewFactory(name="Frankie")
    for n in range(1, 8):
        ActionFactory(review=review, reference=f"F{n}", themes=[theme])
    review.themes.add(theme)
    url = reverse("admin:reviews_theme_delete", args=[theme.pk])
    before = database_state()

    shown = manager_client.get(url)
    confirmed = manager_client.post(url, {"post": "yes"})

    for response in (shown, confirmed):
        assert response.status_code == 200
        text = page_text(response)
        assert (
            "“Professional curiosity” cannot be deleted: it is a theme of 7 actions (Frankie F1, "
            "Frankie F2, Frankie F3, Frankie F4, Frankie F5 and 2 more) and of 1 review (Frankie)."
        ) in text
        assert "Nothing has been deleted." in text
        assert "Merge into another theme…" in text
        assert CONFIRM not in html.unescape(response.content.decode())
        assert reverse("admin:reviews_theme_change", args=[theme.pk]) in response.content.decode()
    assert database_state() == before


@pytest.mark.parametrize("use", ["lead", "supporting"])
def test_deleting_an_agency_that_leads_or_supports_an_action_is_refused(manager_client, use):
    agency = AgencyFactory(name="Police")
    action = ActionFactory(review=ReviewFactory(name="Leo"), reference="L4")
    if use == "lead":
        action.lead_agency = agency
        action.save()
    else:
        action.supporting_agencies.add(agency)
    url = reverse("admin:reviews_agency_delete", args=[agency.pk])
    before = database_state()

    response = manager_client.post(url, {"post": "yes"})

    assert response.status_code == 200
    text = page_text(response)
    assert "“Police” cannot be deleted: it leads or supports 1 action (Leo L4)." in text
    assert "Merge into another agency…" in text
    assert "permission" not in text
    assert CONFIRM not in html.unescape(response.content.decode())
    assert database_state() == before


def test_deleting_a_theme_only_a_review_carries_is_refused(manager_client):
    theme = ThemeFactory(name="Thresholds")
    ReviewFactory(name="Sam and Kyle").themes.add(theme)
    before = database_state()

    response = manager_client.post(
        reverse("admin:reviews_theme_delete", args=[theme.pk]), {"post": "yes"}
    )

    assert "“Thresholds” cannot be deleted: it is a theme of 1 review (Sam and Kyle)." in (
        page_text(response)
    )
    assert database_state() == before


def test_deleting_from_the_list_deletes_none_when_one_is_in_use(manager_client):
    used, unused = ThemeFactory(name="Used"), ThemeFactory(name="Unused")
    ActionFactory(review=ReviewFactory(name="Leo"), reference="L1", themes=[used])
    url = reverse("admin:reviews_theme_changelist")
    selected = {"action": "delete_selected", "_selected_action": [used.pk, unused.pk]}
    before = database_state()

    asked = manager_client.post(url, selected)
    confirmed = manager_client.post(url, selected | {"post": "yes"})

    for response in (asked, confirmed):
        assert response.status_code == 200
        text = page_text(response)
        assert "“Used” cannot be deleted: it is a theme of 1 action (Leo L1)." in text
        assert "Unused" not in text.split("Nothing has been deleted.")[1].split("Instead")[0]
        assert CONFIRM not in html.unescape(response.content.decode())
    assert database_state() == before


def test_an_unused_theme_or_agency_is_deleted_and_that_is_recorded(manager_client, manager):
    theme, agency = ThemeFactory(), AgencyFactory()
    spare_themes = ThemeFactory.create_batch(2)

    for url in (
        reverse("admin:reviews_theme_delete", args=[theme.pk]),
        reverse("admin:reviews_agency_delete", args=[agency.pk]),
    ):
        assert CONFIRM in html.unescape(manager_client.get(url).content.decode())
        assert manager_client.post(url, {"post": "yes"}).status_code == 302
    listed = manager_client.post(
        reverse("admin:reviews_theme_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [t.pk for t in spare_themes],
            "post": "yes",
        },
    )

    assert listed.status_code == 302
    assert not Theme.objects.exists() and not Agency.objects.exists()
    for model, obj in [(Theme, theme), (Agency, agency), *[(Theme, t) for t in spare_themes]]:
        deletion = model.history.filter(id=obj.pk).latest()
        assert (deletion.history_type, deletion.history_user) == ("-", manager)


def test_the_delete_services_refuse_a_used_theme_or_agency():
    action = ActionFactory()
    theme, agency = action.themes.get(), action.lead_agency

    with pytest.raises(services.InUse, match="cannot be deleted: it is a theme of 1 action"):
        services.theme_delete(theme=theme)
    with pytest.raises(services.InUse, match="cannot be deleted: it leads or supports 1 action"):
        services.agency_delete(agency=agency)

    assert Theme.objects.filter(pk=theme.pk).exists()
    assert Agency.objects.filter(pk=agency.pk).exists()


# Merging ----------------------------------------------------------------------------------------


def merge(client, model, selected, into):
    return client.post(
        reverse(f"admin:reviews_{model}_changelist"),
        {
            "action": "merge_into_another",
            "_selected_action": [obj.pk for obj in selected],
            "apply": "1",
            "into": into.pk,
        },
    )


def test_merging_a_theme_moves_its_actions_and_reviews_with_history_then_deletes_it(
    manager_client, manager
):
    duplicate = ThemeFactory(name="Info sharing")
    kept = ThemeFactory(name="Information sharing")
    other = ThemeFactory(name="Professional curiosity")
    review = ReviewFactory(name="Leo")
    review.themes.add(duplicate)
    only = ActionFactory(review=review, reference="L1", themes=[duplicate, other])
    both = ActionFactory(review=review, reference="L2", themes=[duplicate, kept])
    untouched = ActionFactory(review=review, reference="L3", themes=[other])
    histories = {a.pk: a.history.count() for a in (only, both, untouched)}

    asked = manager_client.post(
        reverse("admin:reviews_theme_changelist"),
        {"action": "merge_into_another", "_selected_action": [duplicate.pk]},
    )
    assert "“Info sharing” is a theme of 2 actions (Leo L1, Leo L2) and of 1 review (Leo)." in (
        page_text(asked)
    )
    assert duplicate.pk not in [
        choice.pk for choice in asked.context["adminform"].form.fields["into"].queryset
    ]

    response = merge(manager_client, "theme", [duplicate], kept)

    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == [
        "Merged “Info sharing” into “Information sharing”: 2 actions and 1 review moved, each "
        "with an entry in its history. “Info sharing” was then deleted."
    ]
    assert set(only.themes.all()) == {kept, other}
    assert set(both.themes.all()) == {kept}
    assert set(review.themes.all()) == {kept}
    for action in (only, both):
        assert action.history.count() == histories[action.pk] + 1
        record = action.history.latest()
        assert record.history_user == manager
        assert (
            record.history_change_reason == "Theme “Info sharing” merged into “Information sharing”"
        )
        assert kept.pk in [link.theme_id for link in record.themes.all()]
    assert untouched.history.count() == histories[untouched.pk]
    assert review.history.latest().history_change_reason == (
        "Theme “Info sharing” merged into “Information sharing”"
    )
    assert not Theme.objects.filter(pk=duplicate.pk).exists()
    deletion = Theme.history.filter(id=duplicate.pk).latest()
    assert (deletion.history_type, deletion.history_user) == ("-", manager)
    assert deletion.history_change_reason == "Merged into “Information sharing”"


def test_merging_an_agency_moves_what_it_leads_and_supports_and_its_leads(manager_client, manager):
    old, new, third = (
        AgencyFactory(name="CCG"),
        AgencyFactory(name="Integrated Care Board"),
        AgencyFactory(name="Police"),
    )
    lead = UserFactory(username="ccg-lead")
    old.leads.add(lead)
    review = ReviewFactory(name="Frankie")
    led = ActionFactory(review=review, reference="F1", lead_agency=old)
    led.supporting_agencies.add(new, third)
    supported = ActionFactory(review=review, reference="F2", lead_agency=third)
    supported.supporting_agencies.add(old)
    led_by_new = ActionFactory(review=review, reference="F3", lead_agency=new)
    led_by_new.supporting_agencies.add(old)

    response = merge(manager_client, "agency", [old], new)

    assert response.status_code == 302
    for action in (led, supported, led_by_new):
        action.refresh_from_db()
        record = action.history.latest()
        assert (record.history_user, record.history_change_reason) == (
            manager,
            "Agency “CCG” merged into “Integrated Care Board”",
        )
    assert (led.lead_agency, set(led.supporting_agencies.all())) == (new, {third})
    assert (supported.lead_agency, set(supported.supporting_agencies.all())) == (third, {new})
    assert (led_by_new.lead_agency, set(led_by_new.supporting_agencies.all())) == (new, set())
    assert list(new.leads.all()) == [lead]
    assert new.history.latest().history_change_reason == (
        "Agency “CCG” merged into “Integrated Care Board”"
    )
    assert not Agency.objects.filter(pk=old.pk).exists()
    assert Agency.history.filter(id=old.pk).latest().history_type == "-"


def test_a_merge_an_action_refuses_changes_nothing_and_says_why(manager_client):
    duplicate, kept = ThemeFactory(name="Dup"), ThemeFactory(name="Kept")
    ActionFactory(themes=[duplicate])
    ActionFactory(
        review=ReviewFactory(name="Leo"),
        reference="L9",
        themes=[duplicate],
        status=Status.GREEN,
        completed_on=datetime.date(2099, 1, 1),  # saved past the rules, as an old import might
    )
    before = database_state()

    response = merge(manager_client, "theme", [duplicate], kept)

    assert response.status_code == 200
    text = page_text(response)
    assert "Nothing was merged. Fix these first:" in text
    assert "Leo L9: This date cannot be in the future." in text
    assert database_state() == before


def test_only_those_who_may_change_actions_and_delete_themes_may_merge(client):
    viewer = UserFactory(username="viewer", is_staff=True)
    viewer.user_permissions.set(
        Permission.objects.filter(codename__in=["view_theme", "change_theme", "delete_theme"])
    )
    client.force_login(viewer)
    duplicate, kept = ThemeFactory(), ThemeFactory()
    ActionFactory(themes=[duplicate])
    before = database_state()

    response = merge(client, "theme", [duplicate], kept)

    assert response.status_code in (200, 302)
    assert database_state() == before
    changelist = client.get(reverse("admin:reviews_theme_changelist"))
    assert "merge_into_another" not in changelist.content.decode()


def test_a_manager_may_merge_but_not_delete_actions():
    services.groups_ensure()
    manager = UserFactory(username="manager", group=services.SAFEGUARDING_MANAGERS)
    assert manager.has_perms(["reviews.delete_theme", "reviews.delete_agency"])
    assert not manager.has_perm("reviews.delete_action")


# Odd input --------------------------------------------------------------------------------------

AGENCY_FIELDS = {
    "name": st.one_of(ODD_TEXT, st.sampled_from(["", "Police", "Youth Justice Service"])),
    "short_name": st.one_of(ODD_TEXT, st.sampled_from(["", "YJS", "Police short"])),
    "slug": st.one_of(ODD_TEXT, st.sampled_from(["", "yjs", "police", "not a slug"])),
    "statutory_partner": st.sampled_from(["on", "", "maybe"]),
    "leads": st.one_of(
        ODD_TEXT, st.lists(st.sampled_from(["1", "2", "999", "x", "-1", str(2**40)]), max_size=3)
    ),
    "change_note": ODD_TEXT,
}


def test_odd_admin_changes_to_an_agency_are_refused_whole_or_saved_whole(manager_client, manager):
    """An odd change is the form again with nothing written; an accepted one is saved with its
    leads as one history entry by the manager."""
    agency = AgencyFactory(name="Police", short_name="Police short", slug="police")
    AgencyFactory(name="Council", short_name="LA", slug="council")
    UserFactory(username="lead-a")
    url = reverse("admin:reviews_agency_change", args=[agency.pk])
    answers = Counter()

    @hypothesis_settings(80)
    @given(
        changes=st.sets(st.sampled_from(sorted(AGENCY_FIELDS)), max_size=3).flatmap(
            lambda names: st.fixed_dictionaries({name: AGENCY_FIELDS[name] for name in names})
        )
    )
    def run(changes):
        agency.refresh_from_db()
        before, records = database_state(), agency.history.count()

        response = post(manager_client, url, agency_form(agency, _save="Save") | changes)

        answers[response.status_code] += 1
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 200:
            assert database_state() == before
            return
        agency.refresh_from_db()
        assert agency.history.count() == records + 1
        latest = agency.history.latest()
        assert latest.history_user == manager
        assert (latest.name, latest.slug) == (agency.name, agency.slug)
        assert sorted(link.user_id for link in latest.leads.all()) == sorted(
            agency.leads.values_list("pk", flat=True)
        )

    run()
    report("admin agency change posts", answers)
    assert answers[302], "no change went through: the strategy is too odd to test saving"


def test_odd_merges_and_deletions_never_break_the_admin_or_half_write(manager_client):
    """Whatever the list is sent, a theme in use is never lost from its action: it is kept, or
    merged whole into the other one."""
    url = reverse("admin:reviews_theme_changelist")
    values = st.one_of(
        st.sampled_from(["used", "spare"]),
        st.one_of(ODD_TEXT, st.sampled_from(["999", "", "0", str(2**64)])),
    )
    answers, outcomes = Counter(), Counter()

    @hypothesis_settings(100)
    @given(
        action=st.sampled_from(["merge_into_another", "delete_selected"] * 3 + ["", "nope"]),
        selected=st.lists(values, max_size=3),
        into=st.one_of(st.none(), values),
        confirm=st.booleans(),
    )
    def run(action, selected, into, confirm):
        Action.objects.all().delete()
        Theme.objects.all().delete()
        themes = {"used": ThemeFactory(), "spare": ThemeFactory()}
        used, spare = themes["used"], themes["spare"]
        carrying = ActionFactory(themes=[used])
        before = database_state()

        def pk(value):
            return str(themes[value].pk) if value in themes else value

        fields = {"action": action, "_selected_action": [pk(value) for value in selected]}
        if into is not None:
            fields |= {"into": pk(into), "apply": "1"}
        if confirm:
            fields["post"] = "yes"

        response = post(manager_client, url, fields)

        answers[response.status_code] += 1
        assert response.status_code in (200, 302), response.status_code
        kept = set(Theme.objects.values_list("pk", flat=True))
        carried = set(carrying.themes.values_list("pk", flat=True))
        if kept == {used.pk, spare.pk}:
            assert database_state() == before
        elif kept == {used.pk}:  # the spare one deleted, or merged into the used one
            assert carried == {used.pk}
            outcomes["the spare one deleted or merged"] += 1
        else:  # the used one merged into the spare one, whole
            assert kept == carried == {spare.pk}
            merged = Theme.history.filter(id=used.pk).latest()
            assert merged.history_change_reason == f"Merged into “{spare}”"
            outcomes["the used one merged"] += 1

    run()
    report("admin theme list posts", answers)
    report("of which changed something", outcomes)
