"""Importing the sessions-and-attendance spreadsheet: the layouts partnerships keep, each spelling
of a heading and each way of writing an agency's places, every error at once with nothing
written, warnings, a re-import that writes nothing, the command and the admin's upload, preview
and confirmation."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from learning.imports import learning_import
from learning.models import LearningSession, SessionAgency, SessionUpload
from learning.vocabulary import Format
from spreadsheets.reading import Refused
from tests.factories import AgencyFactory, ReviewFactory, ThemeFactory, UserFactory

from .files import HEADER, csv_file, day, log_xlsx, sub_headed_xlsx, training_log, xlsx
from .helpers import make_session

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/learning/learningsession/import/"
AGENCIES = ["Police", "ICB", "Children's Social Care", "Education"]


@pytest.fixture
def partnership(db):
    """The agencies, themes and reviews the log names, by names other than their full ones."""
    return {
        "police": AgencyFactory(name="Anyshire Police", short_name="Police", slug="police"),
        "icb": AgencyFactory(
            name="Anyshire Integrated Care Board",
            short_name="ICB",
            slug="icb",
            other_names="Health\nCCG",
        ),  # fmt: skip
        "council": AgencyFactory(
            name="Anyshire Council",
            short_name="Council",
            slug="council",
            other_names="Children's Social Care\nCSC",
        ),  # fmt: skip
        "schools": AgencyFactory(name="Education", short_name="Schools", slug="schools"),
        "neglect": ThemeFactory(name="Neglect", slug="neglect"),
        "resistance": ThemeFactory(name="Working with resistance", slug="resistance"),
        "sharing": ThemeFactory(name="Information sharing", slug="sharing"),
        "frankie": ReviewFactory(name="Frankie", slug="frankie"),
        "child-q": ReviewFactory(name="Child Q", slug="child-q"),
    }


def session_row(date, title, form, themes, reviews, places, evaluations, good, before, after,
                *agencies, total=None):  # fmt: skip
    return [date, title, form, themes, reviews, places, evaluations, good, before, after,
            *agencies, total]  # fmt: skip


# A year's log as kept: a title merged across the table, quarter and month section rows, a blank
# row, dates written four ways, a header repeated part way down, agency cells in three forms, a
# Total column (one wrong), a totals row and a note below.
MESSY = [
    "Quarter 1",
    session_row(day(2024, 4, 17), "Working with resistance: learning from Frankie", "Face to face",
                "Working with resistance; neglect", "Frankie", 30, 12, "83%", 2.8, 4.1,
                8, "12/10", "5 of 6", None, total=23),
    [],
    "May 2024",
    session_row("3rd May 2024", "Neglect: the graded care profile", "MS Teams",
                "Neglect,\nInformation sharing", "Child Q", 40, 10, 8, "3", "4.5",
                "4", 6, 0, "2", total=12),  # fmt: skip
    HEADER + AGENCIES + ["Total"],
    "Quarter 2",
    session_row("12/07/2024", "Seven minute briefing: Child Q", "7 minute briefing", None,
                "Child Q", 50, None, None, None, None, 10, 10, 10, 10, total=39),
    session_row("1 August 2024", "Information sharing e-module", "Online module", "Information "
                "sharing", None, None, None, None, None, None, "-", 3, None, None),
]  # fmt: skip


def run(data, name="training log.xlsx", **options):
    return learning_import(data=data, file_name=name, **options)


def sessions():
    return {s.title: s for s in LearningSession.objects.prefetch_related("themes", "reviews")}


def places_of(session):
    return {
        row.agency.short_name: (row.booked, row.attended, row.not_attended)
        for row in SessionAgency.objects.filter(session=session).select_related("agency")
    }


def history_counts():
    return LearningSession.history.count(), SessionAgency.history.count()


# Reading the log ---------------------------------------------------------------------------------


def test_it_reads_a_messy_log_with_every_heading_spelling_and_cell_form(partnership):
    result = run(log_xlsx(MESSY, AGENCIES))

    assert result.ok, result.errors
    assert result.written
    assert result.counts["created"] == 4
    found = sessions()
    frankie = found["Working with resistance: learning from Frankie"]
    assert frankie.date == datetime.date(2024, 4, 17)
    assert frankie.format == Format.IN_PERSON
    assert {t.name for t in frankie.themes.all()} == {"Working with resistance", "Neglect"}
    assert [r.name for r in frankie.reviews.all()] == ["Frankie"]
    assert (frankie.places_offered, frankie.evaluation_responses) == (30, 12)
    assert frankie.evaluation_good_or_better == 10  # 83% of 12
    assert (frankie.confidence_before, frankie.confidence_after) == (Decimal("2.8"), Decimal("4.1"))
    # "8" attended, "12/10" booked/attended, "5 of 6": attended of booked.
    assert places_of(frankie) == {"Police": (8, 8, 0), "ICB": (12, 10, 2), "Council": (6, 5, 1)}
    neglect = found["Neglect: the graded care profile"]
    assert neglect.date == datetime.date(2024, 5, 3)  # "3rd May 2024"
    assert neglect.format == Format.ONLINE
    assert {t.name for t in neglect.themes.all()} == {"Neglect", "Information sharing"}
    assert neglect.evaluation_good_or_better == 8
    assert places_of(neglect) == {"Police": (4, 4, 0), "ICB": (6, 6, 0), "Schools": (2, 2, 0)}
    briefing = found["Seven minute briefing: Child Q"]
    assert (briefing.date, briefing.format) == (datetime.date(2024, 7, 12), Format.BRIEFING)
    module = found["Information sharing e-module"]
    assert (module.format, module.places_offered) == (Format.E_LEARNING, None)
    assert places_of(module) == {"ICB": (3, 3, 0)}


def test_it_says_how_the_file_was_read_and_warns_of_a_wrong_total(partnership):
    result = run(log_xlsx(MESSY, AGENCIES))

    notices = "\n".join(result.notices)
    assert "Sheet “Training log”, row 4 is the header" in notices
    assert "(“Quarter 1”) has no session in it: read as a heading or a note" in notices
    assert "is a totals row: skipped" in notices
    assert "(“Notes: figures are attended" in notices
    (warning,) = [str(w) for w in result.warnings]
    # The briefing's Total says 39; its agencies add up to 40.
    assert warning.startswith("Sheet “Training log”, row 12, column O (Total): The total says 39")
    assert "add up to 40" in warning


def test_it_reads_booked_attended_and_dna_under_a_merged_agency_heading(partnership):
    data = sub_headed_xlsx(
        [
            "Autumn term",
            [day(2024, 10, 8), "Contextual safeguarding", "Virtual", 25,
             12, 10, 2, 8, None, 1, None, None, None, 20, 16, 3],
            [datetime.date(2024, 11, 19), "Neglect refresher", "Classroom", 20,
             None, 5, None, 6, 6, 0, 2, 1, 1, 8, 12, 1],
        ],
        ["Police", "Health", "Education"],
    )  # fmt: skip

    result = run(data)

    assert result.ok, result.errors
    assert any("row 4 names each agency's Booked, Attended and DNA" in n for n in result.notices)
    found = sessions()
    contextual = found["Contextual safeguarding"]
    assert contextual.format == Format.ONLINE
    # Police 12 booked, 10 came, 2 did not; Health 8 booked, DNA 1, so 7 came.
    assert places_of(contextual) == {"Police": (12, 10, 2), "ICB": (8, 7, 1)}
    refresher = found["Neglect refresher"]
    assert places_of(refresher) == {"Police": (5, 5, 0), "ICB": (6, 6, 0), "Schools": (2, 1, 1)}
    # The Totals: 16 attended is wrong for the first (17), 12 for the second.
    warnings = [str(w) for w in result.warnings]
    assert len(warnings) == 2, warnings
    assert "row 6, column O (Total Attended): The total says 16 attended" in warnings[0]
    assert "row 7, column N (Total Booked): The total says 8 booked" in warnings[1]


@pytest.mark.parametrize(
    ("headings", "format_cell", "expected"),
    [
        (["Date", "Session", "Format", "Themes", "Reviews", "Places"], "In person",
         Format.IN_PERSON),
        (["Session date", "Title", "Delivery", "Theme", "Review", "Places offered"], "Classroom",
         Format.IN_PERSON),
        (["Date delivered", "Session title", "Type", "Theme(s)", "Review(s)", "Capacity"], "Zoom",
         Format.ONLINE),
        (["DATE", "Course", "type", "THEMES", "Learning from", "places"], "webinar", Format.ONLINE),
        (["Date", "Course", "Format", "Themes", "Reviews", "Places"], "elearning",
         Format.E_LEARNING),
        (["Date", "Course", "Format", "Themes", "Reviews", "Places"], "E-learning",
         Format.E_LEARNING),
        (["Date", "Course", "Format", "Themes", "Reviews", "Places"], "Lunch and learn",
         Format.BRIEFING),
        (["Date", "Course", "Format", "Themes", "Reviews", "Places"], "Teams", Format.ONLINE),
    ],
)  # fmt: skip
def test_each_spelling_of_the_headings_and_formats(partnership, headings, format_cell, expected):
    rows = [
        [*headings, "Evaluations", "Good or better", "Follow-up responses", "Changed practice",
         "Follow-up date", "Examples", "Police"],
        ["3 March 2025", "Neglect briefing", format_cell, "NEGLECT", "frankie", 20, 10, 9, 6, 4,
         "03/06/2025", "Using the graded care profile earlier.", 10],
    ]  # fmt: skip

    result = run(xlsx(("Log", rows)))

    assert result.ok, result.errors
    (session,) = LearningSession.objects.all()
    assert (session.format, session.places_offered) == (expected, 20)
    assert [t.name for t in session.themes.all()] == ["Neglect"]
    assert [r.name for r in session.reviews.all()] == ["Frankie"]
    assert (session.evaluation_responses, session.evaluation_good_or_better) == (10, 9)
    assert (session.follow_up_responses, session.follow_up_changed_practice) == (6, 4)
    assert session.follow_up_recorded_on == datetime.date(2025, 6, 3)
    assert session.follow_up_examples == "Using the graded care profile earlier."


def test_a_csv_file_with_a_byte_order_mark(partnership):
    rows, _ = training_log(MESSY[:2], AGENCIES)
    rows = [[c.strftime("%d/%m/%Y") if hasattr(c, "strftime") else c for c in r] for r in rows]

    result = run(csv_file(rows), "training log.csv")

    assert result.ok, result.errors
    (session,) = LearningSession.objects.all()
    assert session.date == datetime.date(2024, 4, 17)
    assert places_of(session)["ICB"] == (12, 10, 2)


def test_an_unknown_column_and_a_hidden_row_are_warnings_and_do_not_block(partnership):
    rows = [
        ["Date", "Session", "Format", "Places", "Trainer", "Police"],
        ["3 March 2025", "Neglect briefing", "Online", 20, "Named nurse", 5],
        ["4 March 2025", "Neglect briefing again", "Online", 20, "Named nurse", 6],
    ]
    data = xlsx(("Log", rows), hidden_rows={"Log": [3]})

    result = run(data)

    assert result.ok
    warnings = [str(w) for w in result.warnings]
    assert "column E (Trainer) is neither a column the import reads nor an agency" in warnings[0]
    assert warnings[1] == (
        "Sheet “Log”, row 3: The row is hidden in the workbook: imported all the same."
    )
    assert LearningSession.objects.count() == 2


# Errors -------------------------------------------------------------------------------------------


def test_every_error_is_listed_at_once_with_its_row_and_column_and_nothing_is_written(partnership):
    future = timezone.localdate() + datetime.timedelta(days=30)
    rows = [
        ["Training log"],
        ["Date", "Session", "Format", "Themes", "Reviews", "Places", "Evaluations",
         "Good or better", "Confidence before", "Police", "ICB"],
        ["31/02/2025", "Neglect", "Carrier pigeon", "Neglect; Poverty", "Frankie; Baby Z", 20, 7,
         "50%", 6, "lots", "10/12"],
        [future, "Planned session", "Online", None, None, 20, None, None, None, 5, None],
        ["3 March 2025", "Good session", "Online", None, None, 20, 12, "83%", 3, 10, 4],
        ["4 March 2025", None, "Online", None, None, 20, 30, None, None, 10, None],
    ]  # fmt: skip

    result = run(xlsx(("Log", rows)))

    assert not result.ok
    assert not result.written
    errors = [str(e) for e in result.errors]
    expected = [
        "Sheet “Log”, row 3, column A (Date): “31/02/2025”",
        "Sheet “Log”, row 3, column C (Format): “Carrier pigeon” is not a format",
        "Sheet “Log”, row 3, column D (Themes): There is no theme called “Poverty”. Use one or "
        "more of: Information sharing; Neglect; Working with resistance",
        "Sheet “Log”, row 3, column E (Reviews): There is no review called “Baby Z”",
        "Sheet “Log”, row 3, column H (Good or better): 50% of 7 responses is 3.5, not a whole "
        "number",
        "Sheet “Log”, row 3, column I (Confidence before): “6” is not a confidence from 1 to 5",
        "Sheet “Log”, row 3, column J (Police): “lots” is not the number who attended",
        "Sheet “Log”, row 3, column K (ICB): 12 attended but 10 booked",
        f"Sheet “Log”, row 4, column A (Date): The session is on {future:%-d %B %Y}, in the "
        "future, but the file says 5 attended",
        "Sheet “Log”, row 6, column B (Session): There is no session title",
    ]
    assert len(errors) == len(expected), errors
    for error, start in zip(errors, expected, strict=True):
        assert error.startswith(start), (error, start)
    assert LearningSession.objects.count() == 0
    assert SessionAgency.objects.count() == 0
    assert history_counts() == (0, 0)


def test_a_rule_the_services_check_is_an_error_on_its_row_and_nothing_is_written(partnership):
    rows = [
        ["Date", "Session", "Format", "Places", "Evaluations", "Police"],
        ["3 March 2025", "A good session", "Online", 20, 5, 10],
        ["4 March 2025", "More evaluations than attended", "Online", 20, 30, 10],
        ["5 March 2025", "No places offered", "Online", None, None, 10],
    ]

    result = run(xlsx(("Log", rows)))

    errors = [str(e) for e in result.errors]
    assert errors == [
        "Sheet “Log”, row 3, column E (Evaluations): There are more evaluation responses (30) "
        "than people attended (10): record the attendance by agency first, or correct the "
        "responses.",
        "Sheet “Log”, row 4, column D (Places): Give the number of places offered: only "
        "e-learning may leave it blank.",
    ]
    assert LearningSession.objects.count() == 0


def test_the_same_session_twice_is_an_error(partnership):
    rows = [
        ["Date", "Session", "Format", "Places"],
        ["3 March 2025", "Neglect briefing", "Online", 20],
        [day(2025, 3, 3), "Neglect  briefing", "Online", 20],
    ]

    result = run(xlsx(("Log", rows)))

    (error,) = result.errors
    assert str(error).startswith("Sheet “Log”, row 3, column B (Session): Neglect briefing (3 "
                                 "March 2025) is already on row 2")  # fmt: skip


def test_a_file_with_no_sessions_is_refused(partnership):
    with pytest.raises(Refused, match="No sessions were found in notes.xlsx"):
        run(xlsx(("Notes", [["Just some notes"], ["and more"]])), "notes.xlsx")


# Updating, re-importing, the history -------------------------------------------------------------


def test_an_existing_session_is_matched_on_title_and_date_and_only_what_differs_changes(
    partnership,
):
    session = make_session(
        title="Working with resistance: learning from Frankie",
        date=datetime.date(2024, 4, 17),
        places_offered=25,
        places={partnership["police"]: (8, 8, 0), partnership["schools"]: (3, 3, 0)},
    )
    before = history_counts()

    result = run(log_xlsx(MESSY[:2], AGENCIES), user=(user := UserFactory()))

    assert result.ok, result.errors
    assert result.counts["updated"] == 1
    (row,) = result.rows
    changes = {(c.label, c.before, c.after) for c in row.changes}
    assert ("Places", "25", "30") in changes
    assert ("Anyshire Integrated Care Board", "", "12 booked, 10 attended, 2 did not attend") in (
        changes
    )
    assert ("Education", "3 booked, 3 attended", "none") in changes  # the log's blank cell
    assert not any(c[0] == "Anyshire Police" for c in changes)  # the same 8
    session.refresh_from_db()
    assert session.places_offered == 30
    assert places_of(session) == {"Police": (8, 8, 0), "ICB": (12, 10, 2), "Council": (6, 5, 1)}
    assert LearningSession.objects.count() == 1
    # One record for the session, one for each agency's row added or removed.
    assert history_counts() == (before[0] + 1, before[1] + 3)
    record = session.history.latest()
    assert (record.history_user, record.history_change_reason) == (
        user,
        "Imported from training log.xlsx",
    )
    place = SessionAgency.history.filter(agency=partnership["icb"]).latest()
    assert place.history_change_reason == "Imported from training log.xlsx"


def test_importing_the_same_file_again_writes_nothing(partnership):
    data = log_xlsx(MESSY, AGENCIES)
    run(data)
    before = history_counts()

    again = run(data)

    assert again.ok
    assert again.counts["unchanged"] == 4
    assert not again.changes_anything
    assert again.summary() == (
        "No changes: every session in training log.xlsx matches what is recorded."
    )
    assert history_counts() == before


def test_a_dry_run_writes_nothing_but_says_what_would_change(partnership):
    result = run(log_xlsx(MESSY, AGENCIES), dry_run=True)

    assert result.ok and not result.written
    assert result.counts["created"] == 4
    assert result.counts["places_added"] == 11
    assert LearningSession.objects.count() == 0
    assert history_counts() == (0, 0)


# The command --------------------------------------------------------------------------------------


def test_the_command_dry_run_then_import(partnership, tmp_path):
    path = tmp_path / "log.xlsx"
    path.write_bytes(log_xlsx(MESSY, AGENCIES))
    UserFactory(username="lscp-manager")
    out = io.StringIO()

    call_command("import_learning", str(path), "--dry-run", stdout=out)

    assert "Sessions: 4 created, 0 updated, 0 unchanged, 0 with errors." in out.getvalue()
    assert "Dry run: nothing was written" in out.getvalue()
    assert LearningSession.objects.count() == 0

    call_command("import_learning", str(path), "--user", "lscp-manager", stdout=io.StringIO())

    assert LearningSession.objects.count() == 4
    record = LearningSession.history.first()
    assert record.history_user.username == "lscp-manager"
    assert record.history_change_reason == "Imported from log.xlsx"


def test_the_command_lists_the_errors_and_fails(partnership, tmp_path):
    path = tmp_path / "log.xlsx"
    path.write_bytes(xlsx(("Log", [["Date", "Session", "Format"], ["soon", "X", "Pigeon"]])))
    err = io.StringIO()

    with pytest.raises(CommandError, match="Nothing was imported: 2 errors"):
        call_command("import_learning", str(path), stdout=io.StringIO(), stderr=err)

    assert "Error: Sheet “Log”, row 2, column A (Date)" in err.getvalue()
    assert "Error: Sheet “Log”, row 2, column C (Format)" in err.getvalue()
    with pytest.raises(CommandError, match="There is no user nobody"):
        call_command("import_learning", str(path), "--user", "nobody")


# The admin's page ---------------------------------------------------------------------------------


def upload(client, data, name="training log.xlsx"):
    file = io.BytesIO(data)
    file.name = name
    return client.post(IMPORT_URL, {"file": file})


def test_the_change_list_offers_the_import(manager_client):
    page = manager_client.get(reverse("admin:learning_learningsession_changelist"))

    assert f'href="{IMPORT_URL}"' in page.content.decode()
    assert "Import sessions spreadsheet" in page.content.decode()


def test_the_page_previews_then_imports_on_confirmation(manager_client, manager, partnership):
    data = log_xlsx(MESSY, AGENCIES)
    assert reverse("admin:learning_learningsession_import") == IMPORT_URL

    preview = upload(manager_client, data)

    assert preview.status_code == 200
    page = preview.content.decode()
    assert "What importing training log.xlsx would do" in page
    assert '<th scope="row">Sessions</th><td>4</td><td>0</td>' in page
    assert "Anyshire Integrated Care Board: 12 booked, 10 attended, 2 did not attend" in page
    assert "The total says 39 attended" in page
    assert LearningSession.objects.count() == 0  # nothing written yet
    (kept,) = SessionUpload.objects.all()
    assert (kept.user, kept.file_name, bytes(kept.data)) == (manager, "training log.xlsx", data)
    confirmation = preview.context["confirmation"]

    response = manager_client.post(IMPORT_URL, {"confirmation": confirmation})

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:learning_learningsession_changelist")
    assert LearningSession.objects.count() == 4
    record = LearningSession.history.first()
    assert (record.history_user, record.history_change_reason) == (
        manager,
        "Imported from training log.xlsx",
    )
    assert not SessionUpload.objects.exists()  # used once
    again = manager_client.post(IMPORT_URL, {"confirmation": confirmation})
    assert again.status_code == 400
    assert "This preview has expired or is not valid" in again.content.decode()
    assert LearningSession.history.count() == 4


def test_the_preview_lists_the_problems_and_offers_no_confirmation(manager_client, partnership):
    rows = [["Date", "Session", "Format", "Places"], ["31/02/2025", "X", "Pigeon", 20]]

    response = upload(manager_client, xlsx(("Log", rows)))

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in page
    assert "Nothing has been imported: 2 problems in training log.xlsx" in page
    assert "Sheet “Log”, row 2, column C (Format): “Pigeon” is not a format" in page
    assert response.context["confirmation"] is None
    assert not SessionUpload.objects.exists()


def test_a_refused_file_and_a_forged_confirmation_say_why(manager_client, partnership):
    refused = upload(manager_client, b"%PDF-1.4 not a spreadsheet", "log.pdf")
    assert refused.status_code == 200
    assert "log.pdf is a PDF, not a spreadsheet" in refused.content.decode()

    forged = manager_client.post(IMPORT_URL, {"confirmation": "forged"})
    assert forged.status_code == 400
    assert LearningSession.objects.count() == 0


def test_the_page_is_refused_to_someone_who_may_not_add_sessions(client, partnership):
    client.force_login(UserFactory(is_staff=True))

    assert client.get(IMPORT_URL).status_code == 403
    assert upload(client, log_xlsx(MESSY, AGENCIES)).status_code == 403
    assert LearningSession.objects.count() == 0


def test_an_agency_heading_may_say_which_of_its_places_the_column_is(partnership):
    rows = [
        ["Date", "Session", "Format", "Places", "Police booked", "Police attended",
         "Health (attended)", "CSC - DNA", "CSC booked", "Total"],
        ["3 March 2025", "Neglect briefing", "Online", 30, 12, 9, "4", 1, 5, "=SUM(F2:G2)"],
    ]  # fmt: skip

    result = run(xlsx(("Log", rows)))

    assert result.ok, result.errors
    (session,) = LearningSession.objects.all()
    # CSC: 5 booked, 1 did not come, so 4 came.
    assert places_of(session) == {"Police": (12, 9, 3), "ICB": (4, 4, 0), "Council": (5, 4, 1)}
    # The Total is a formula no spreadsheet program has worked out: said, and not imported.
    (warning,) = [str(w) for w in result.warnings]
    assert warning.startswith(
        "Sheet “Log”, row 2, column J (Total): The cell holds a formula Excel has not worked out"
    )


def test_a_quarter_total_row_a_hidden_sheet_and_the_models_rules(partnership):
    rows = [
        ["Date", "Session", "Format", "Places", "Evaluations", "Good or better", "Follow-up "
         "responses", "Follow-up date", "Police"],
        ["3 March 2025", "Neglect briefing", "Online", 20, 5, 6, None, None, 10],
        ["4 March 2025", "Resistance", "Online", 20, None, None, 4, "1 March 2025", 10],
        ["Q4 total", None, None, 40, None, None, None, None, 20],
    ]  # fmt: skip
    data = xlsx(("Log", rows), ("Old log", [["Date", "Session"], ["1/1/2020", "X"]]),
                hidden=("Old log",))  # fmt: skip

    result = run(data)

    assert [str(e) for e in result.errors] == [
        "Sheet “Log”, row 2, column F (Good or better): More responses rate it good or better "
        "(6) than there are evaluation responses (5).",
        "Sheet “Log”, row 3, column H (Follow-up date): The follow-up cannot be recorded before "
        "the session.",
    ]
    assert (
        "Sheet “Log”, row 4 (“Q4 total” “40” “20”) is a totals row: skipped" in (result.notices[1])
    )
    assert "Sheet “Old log” is hidden, and was not read." in result.notices
    assert LearningSession.objects.count() == 0


def test_a_column_given_twice_is_an_error(partnership):
    rows = [
        ["Date", "Session", "Session title", "Police", "Anyshire Police"],
        ["3 March 2025", "Neglect briefing", "Neglect", 3, 4],
    ]

    result = run(xlsx(("Log", rows)))

    assert [str(e) for e in result.errors] == [
        "Sheet “Log”, row 1, column C (Session title): column B (Session) is already read as "
        "Session: rename or delete one of the two.",
        "Sheet “Log”, row 1, column E (Anyshire Police): column D (Police) is already Anyshire "
        "Police's: each agency has one column (or one Booked, Attended and DNA column each, under "
        "its name).",
        "Sheet “Log”, row 2, Places (no such column): Give the number of places offered: only "
        "e-learning may leave it blank.",
    ]


def test_the_same_file_again_has_nothing_to_confirm(manager_client, partnership):
    data = log_xlsx(MESSY, AGENCIES)
    run(data)

    response = upload(manager_client, data)

    assert response.context["confirmation"] is None
    page = response.content.decode()
    assert "No changes: every session and agency’s places in the file matches" in page
    assert "4 unchanged sessions" in page
    assert not SessionUpload.objects.exists()


def test_the_preview_and_the_confirmation_carry_their_csrf_tokens(manager, partnership):
    """As a browser sends them: Django's test client skips the CSRF check unless told."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(manager)
    token = browser.get(IMPORT_URL).context["csrf_token"]
    file = io.BytesIO(log_xlsx(MESSY, AGENCIES))
    file.name = "training log.xlsx"

    preview = browser.post(IMPORT_URL, {"file": file, "csrfmiddlewaretoken": str(token)})

    (form,) = [f for f in re.findall(r"<form.*?</form>", preview.content.decode(), re.DOTALL)
               if 'name="confirmation"' in f]  # fmt: skip
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|confirmation)" value="([^"]+)"', form))
    response = browser.post(IMPORT_URL, fields)
    assert response.status_code == 302
    assert LearningSession.objects.count() == 4


def test_an_empty_upload_says_what_to_choose_and_a_stranger_is_sent_to_sign_in(
    manager_client, client
):
    response = manager_client.post(IMPORT_URL, {})

    assert response.status_code == 200
    assert "Choose the sessions spreadsheet to import." in response.content.decode()
    assert "<title>Error:" in response.content.decode()
    client.logout()
    signed_out = client.get(IMPORT_URL)
    assert signed_out.status_code == 302
    assert signed_out["Location"].startswith(reverse("admin:login"))
