"""The learning programme's pages and downloads: what a committee member reads, as at today and
as at an earlier day, and what everyone else gets."""

import csv
import datetime
import io
from html.parser import HTMLParser

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from learning import selectors, services
from learning.exports import EXPORT_HEADERS
from learning.models import SessionAgency
from learning.rules import add_months
from learning.vocabulary import Format
from tests.factories import AgencyFactory, ReviewFactory, ThemeFactory

from .helpers import make_session

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def programme():
    police, health = AgencyFactory(name="Police"), AgencyFactory(name="Health providers")
    schools = AgencyFactory(name="Schools")  # books no places
    frankie, leo = ReviewFactory(name="Frankie"), ReviewFactory(name="Leo")
    shay = ReviewFactory(name="Shay and Ashley")  # its learning not yet shared
    curiosity, resistance = (
        ThemeFactory(name="Professional curiosity"),
        ThemeFactory(name="Working with resistance"),
    )
    held = make_session(
        title="Professional curiosity in practice",
        date=D(2025, 3, 3),  # Q4 2024/25; followed up
        places_offered=30,
        places={police: (12, 10, 2), health: (8, 6, 2)},
        themes=[curiosity],
        reviews=[frankie, leo],
        evaluation_responses=14,
        evaluation_good_or_better=12,
        confidence_before="2.5",
        confidence_after="4",
        follow_up_recorded_on=D(2025, 6, 10),
        follow_up_responses=8,
        follow_up_changed_practice=6,
        follow_up_examples="Health visitors now ask who else lives at the address.",
    )
    overdue = make_session(
        title="Working with resistance",
        date=D(2025, 5, 31),  # Q1 2025/26; its follow-up long overdue
        places_offered=20,
        places={police: (6, 5, 1)},
        themes=[resistance],
        reviews=[frankie],
    )
    online = make_session(
        title="Thresholds e-learning",
        date=D(2025, 6, 1),
        format=Format.E_LEARNING,
        places={health: (40, 20, 0)},
    )
    return {
        "held": held,
        "overdue": overdue,
        "online": online,
        "agencies": (police, health, schools),
        "reviews": (frankie, leo, shay),
        "themes": (curiosity, resistance),
    }


def text_of(html):
    """The page's words, tags taken out and spaces squeezed."""
    import re
    from html import unescape

    if "<main" in html:
        html = html.split("<main", 1)[1]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def section(html, heading_id):
    """The page from the heading with `heading_id` to the next h2."""
    after = html.split(f'id="{heading_id}"', 1)[1]
    return after.split("<h2", 1)[0]


def body_rows(html):
    """The rows of the first table body in `html`."""
    body = html.split('<tbody class="govuk-table__body">', 1)[1].split("</tbody>", 1)[0]
    return body.split("<tr")[1:]


def figure(html, label):
    """The number shown in the summary figure whose label starts with `label`."""
    for item in section(html, "summary").split('<li class="app-figure')[1:]:
        number = item.split('app-figure__number">', 1)[1].split("<", 1)[0]
        shown = item.split('app-figure__label">', 1)[1].split("<", 1)[0]
        if shown.startswith(label):
            return number
    raise AssertionError(f"no figure {label!r}")


def test_the_programme_shows_its_figures(committee_client, programme):
    response = committee_client.get("/learning/")
    assert response.status_code == 200
    html = response.content.decode()
    assert figure(html, "Session") == "3"
    assert figure(html, "Places offered") == "50"
    assert figure(html, "Booked") == "66"
    assert figure(html, "Attended") == "41"
    assert figure(html, "Attendance rate") == "62%"  # 41 ÷ 66
    assert figure(html, "Fill rate") == "52%"  # 26 ÷ 50: e-learning's bookings have no places
    assert figure(html, "Evaluations rating it good or better") == "86%"  # 12 ÷ 14
    assert figure(html, "Follow-ups recorded") == "1"
    assert figure(html, "Follow-ups overdue") == "2"  # the e-learning's too
    impact = text_of(section(html, "impact"))
    assert "75% of follow-up responses reported a change in practice (6 of 8)" in impact
    assert "Health visitors now ask who else lives at the address." in impact


def test_sessions_are_shown_by_financial_quarter_with_their_figures(committee_client, programme):
    html = committee_client.get("/learning/").content.decode()
    sessions = section(html, "sessions")
    captions = [part.split("<", 1)[0].strip() for part in sessions.split("<caption")[1:]]
    assert [c.rsplit(">", 1)[-1] for c in captions] == ["Q4 2024/25", "Q1 2025/26"]
    rows = sessions.split('<tr class="govuk-table__row">')[1:]
    held = text_of(next(r for r in rows if "Professional curiosity in" in r))
    assert "3 Mar 2025" in held and "In person" in held and "Professional curiosity" in held
    assert " 30 20 16 80% 67% " in held  # places, booked, attended, attendance, fill rate
    assert "Recorded 10 Jun 2025" in held and "Overdue" not in held
    assert f'href="/learning/{programme["held"].pk}/"' in sessions
    overdue = next(r for r in rows if "Working with resistance</a>" in r)
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in overdue
    assert "Was due 31 Aug 2025" in text_of(overdue)
    online = text_of(next(r for r in rows if "Thresholds" in r))
    assert "E-learning" in online and "Open to all" in online and " 40 20 50% – " in online


def test_attendance_by_agency_puts_the_least_reached_first(committee_client, programme):
    html = committee_client.get("/learning/").content.decode()
    rows = body_rows(section(html, "agencies"))
    words = [text_of("<tr" + row).strip() for row in rows]
    assert words == [
        "Schools 0 0 0 0 Not reached",
        "Police 2 18 15 3 83%",
        "Health providers 2 48 26 2 54%",
    ]


def test_each_review_s_learning_reach(committee_client, programme):
    html = committee_client.get("/learning/").content.decode()
    rows = body_rows(section(html, "reviews"))
    words = [text_of("<tr" + row).strip() for row in rows]
    assert words == ["Frankie 2 21", "Leo 1 16", "Shay and Ashley Not yet shared –"]
    assert f'href="/reviews/{programme["reviews"][0].slug}/"' in rows[0]


@pytest.mark.parametrize(
    ("booked", "attended", "shown"),
    [
        (0, 0, "No places booked"),  # nothing to divide by: never "0%"
        (10, 0, "0%"),  # booked, and none came
        (200, 165, "83%"),  # 82.5%: a half rounds up
        (1000, 824, "82%"),  # 82.4%
        (6, 5, "83%"),  # 83.3%
        (8, 8, "100%"),
    ],
)
def test_the_attendance_rate_as_shown(committee_client, booked, attended, shown):
    agency = AgencyFactory(name="Police")
    places = {agency: (booked, attended, 0)} if booked else None
    session = make_session(places_offered=1000, places=places)
    html = committee_client.get("/learning/").content.decode()
    assert figure(html, "Attendance rate") == shown
    detail = text_of(committee_client.get(f"/learning/{session.pk}/").content.decode())
    assert f"attendance rate {shown})" in detail


@pytest.mark.parametrize(
    ("offered", "booked", "shown"),
    [(40, 33, "83%"), (40, 32, "80%"), (40, 0, "0%"), (None, 5, "–")],
)
def test_the_fill_rate_as_shown(committee_client, offered, booked, shown):
    agency = AgencyFactory(name="Police")
    fields = {"places_offered": offered} if offered else {"format": Format.E_LEARNING}
    make_session(places={agency: (booked, 0, 0)} if booked else None, **fields)
    html = committee_client.get("/learning/").content.decode()
    assert figure(html, "Fill rate") == shown


@pytest.mark.parametrize(("days_before", "overdue"), [(0, False), (1, True)])
def test_a_follow_up_is_overdue_from_the_day_after_it_is_due(
    committee_client, days_before, overdue
):
    today = timezone.localdate()
    date = add_months(today, -3) - datetime.timedelta(days=days_before)
    session = make_session(date=date)
    html = committee_client.get("/learning/").content.decode()
    assert figure(html, "Follow-ups overdue") == ("1" if overdue else "0")
    detail = committee_client.get(f"/learning/{session.pk}/").content.decode()
    assert ('govuk-tag--red">Overdue' in detail) is overdue


def sessions_listed(client, query):
    response = client.get(f"/learning/?{query}")
    assert response.status_code == 200, query
    html = section(response.content.decode(), "sessions")
    return sorted(
        part.split(">", 1)[1].split("<", 1)[0]
        for part in html.split('href="/learning/')[1:]
        if part.split("/", 1)[0].isdigit()
    )


def test_the_filters(committee_client, programme):
    curiosity, resistance = programme["themes"]
    frankie, leo, shay = programme["reviews"]
    police, health, schools = programme["agencies"]
    c = committee_client
    assert sessions_listed(c, f"theme={curiosity.slug}") == ["Professional curiosity in practice"]
    assert sessions_listed(c, f"review={frankie.slug}") == [
        "Professional curiosity in practice",
        "Working with resistance",
    ]
    assert sessions_listed(c, f"review={shay.slug}") == []
    assert sessions_listed(c, f"agency={health.slug}") == [
        "Professional curiosity in practice",
        "Thresholds e-learning",
    ]
    assert sessions_listed(c, "year=2025-26") == [
        "Thresholds e-learning",
        "Working with resistance",
    ]
    assert sessions_listed(c, "start=1/6/2025&end=30 June 2025") == ["Thresholds e-learning"]
    assert sessions_listed(c, f"year=2025-26&agency={police.slug}") == ["Working with resistance"]
    html = c.get(f"/learning/?agency={police.slug}").content.decode()
    assert figure(html, "Booked") == "26"  # the filtered sessions' places, all agencies'
    assert "Sessions: 2" not in html and "2 sessions match the filters" in text_of(html)
    assert (
        "No sessions match these filters"
        in c.get(f"/learning/?review={shay.slug}").content.decode()
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("theme=no-such-theme", "Choose a theme from the list."),
        ("review=nobody", "Choose a review from the list."),
        ("agency=nowhere", "Choose an agency from the list."),
        ("year=1066-67", "Choose a financial year from the list."),
        ("start=31/02/2025", "From:"),
        ("start=2025-07-01&end=2025-06-01", "The ‘to’ date must be the same as or after"),
    ],
)
def test_a_filter_it_cannot_apply_is_a_400_with_an_error_summary(
    committee_client, programme, query, message
):
    response = committee_client.get(f"/learning/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: " in html
    summary = html.split('class="govuk-error-summary"', 1)[1].split("</div>\n  </div>", 1)[0]
    assert message in summary
    assert 'id="sessions"' not in html  # nothing shown until corrected
    assert committee_client.get(f"/learning/?{query}&_export=csv").status_code == 400


@pytest.mark.parametrize("as_at", ["2999-01-01", "banana", "31/13/2025", "1800-01-01"])
def test_an_as_at_it_cannot_show_is_a_400_with_a_message(committee_client, programme, as_at):
    for url in ("/learning/", f"/learning/{programme['held'].pk}/"):
        response = committee_client.get(url, {"as_at": as_at})
        assert response.status_code == 400
        html = response.content.decode()
        assert "There is a problem with the date" in html and "<title>Error: " in html


def test_as_at_an_earlier_day_the_programme_is_as_it_was_recorded(committee_client, db):
    now = timezone.now()
    police, health = AgencyFactory(name="Police"), AgencyFactory(name="Health providers")
    session = make_session(
        title="Neglect briefing",
        date=D(2025, 3, 3),
        places_offered=20,
        places={police: (10, 6, 4)},
        at=now - datetime.timedelta(days=10),
    )
    # Five days ago the follow-up was recorded, health's places added and the title changed.
    session.title = "Neglect: the briefing"
    session.follow_up_recorded_on = timezone.localdate() - datetime.timedelta(days=5)
    session.follow_up_responses = 4
    session.follow_up_changed_practice = 1
    services.session_agencies_save(
        session,
        [SessionAgency(agency=health, booked=10, attended=10)],
        note="Health's places",
        at=now - datetime.timedelta(days=5),
    )
    services.session_save(session, note="Follow-up recorded", at=now - datetime.timedelta(days=5))
    make_session(title="A later session", date=D(2025, 9, 1))  # added today

    week_ago = f"{timezone.localdate() - datetime.timedelta(days=7):%Y-%m-%d}"
    then = committee_client.get(f"/learning/?as_at={week_ago}").content.decode()
    now_ = committee_client.get("/learning/").content.decode()
    assert figure(then, "Session") == "1" and figure(now_, "Session") == "2"
    assert figure(then, "Booked") == "10" and figure(now_, "Booked") == "20"
    assert figure(then, "Attendance rate") == "60%" and figure(now_, "Attendance rate") == "80%"
    assert figure(then, "Follow-ups overdue") == "1"  # not yet recorded then
    assert figure(then, "Follow-ups recorded") == "0"
    assert "Neglect briefing" in then and "Neglect: the briefing" not in then
    assert "A later session" not in then
    assert f'href="/learning/{session.pk}/?as_at={week_ago}"' in then  # links keep the day

    detail = committee_client.get(f"/learning/{session.pk}/?as_at={week_ago}")
    assert detail.status_code == 200
    words = text_of(detail.content.decode())
    assert "Neglect briefing" in words and "Health providers" not in words
    assert "No follow-up recorded by then" in words and "Overdue" in words
    assert "Follow-up recorded" not in words  # the later history is not shown
    long_ago = f"{timezone.localdate() - datetime.timedelta(days=30):%Y-%m-%d}"
    assert committee_client.get(f"/learning/{session.pk}/?as_at={long_ago}").status_code == 404
    assert committee_client.get("/learning/99999/").status_code == 404

    csv_then = committee_client.get(f"/learning/?_export=csv&as_at={week_ago}")
    assert csv_then["Content-Disposition"] == (
        f'attachment; filename="learning-programme-{week_ago}.csv"'
    )
    rows = list(csv.reader(io.StringIO(csv_then.content.decode())))
    assert [row[1] for row in rows[1:]] == ["Neglect briefing"]


def test_the_session_page(committee_client, programme):
    held = programme["held"]
    frankie, leo, _ = programme["reviews"]
    response = committee_client.get(f"/learning/{held.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    words = text_of(html)
    assert "Professional curiosity in practice" in words and "3 March 2025" in words
    assert f'href="/reviews/{frankie.slug}/">Frankie</a>' in html
    assert f'href="/reviews/{leo.slug}/">Leo</a>' in html
    places = text_of(section(html, "places"))
    assert "Health providers 8 6 2 75%" in places and "Police 12 10 2 83%" in places
    evaluation = text_of(section(html, "evaluation"))
    assert "86% (12 of 14)" in evaluation and "2.5 before, 4.0 after" in evaluation
    follow_up = text_of(section(html, "follow-up"))
    assert "Due 3 June 2025." in follow_up and "Recorded 10 June 2025" in follow_up
    assert "75% (6 of 8)" in follow_up and "who else lives at the address" in follow_up
    assert "Overdue" not in follow_up
    history = section(html, "history")
    notes = [part.split("Note: ", 1)[1].split("<", 1)[0] for part in history.split("<li")[1:]]
    assert notes == [
        "Evaluation recorded",
        "Attendance recorded",
        "Attendance recorded",
        "Session added",
    ]


def test_the_csv_download_has_one_row_per_session_with_its_figures(committee_client, programme):
    response = committee_client.get("/learning/?_export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    today = timezone.localdate()
    assert response["Content-Disposition"] == (
        f'attachment; filename="learning-programme-{today:%Y-%m-%d}.csv"'
    )
    assert "no-store" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == EXPORT_HEADERS
    assert EXPORT_HEADERS[:5] == ["Date", "Session", "Format", "Themes", "Reviews"]
    assert EXPORT_HEADERS[-1] == "Overdue"
    by_title = {row[1]: dict(zip(EXPORT_HEADERS, row, strict=True)) for row in rows[1:]}
    assert by_title["Professional curiosity in practice"] == {
        "Date": "2025-03-03",
        "Session": "Professional curiosity in practice",
        "Format": "In person",
        "Themes": "Professional curiosity",
        "Reviews": "Frankie, Leo",
        "Places offered": "30",
        "Booked": "20",
        "Attended": "16",
        "Did not attend": "4",
        "Attendance rate": "0.8",
        "Fill rate": "0.6667",
        "Evaluation responses": "14",
        "Good or better": "12",
        "Confidence before": "2.5",
        "Confidence after": "4",
        "Follow-up due": "2025-06-03",
        "Follow-up recorded": "2025-06-10",
        "Follow-up responses": "8",
        "Changed practice": "6",
        "Overdue": "No",
    }
    online = by_title["Thresholds e-learning"]
    assert (online["Places offered"], online["Fill rate"], online["Overdue"]) == ("", "", "Yes")
    assert by_title["Working with resistance"]["Evaluation responses"] == ""


def test_the_downloads_carry_no_formula(committee_client, db):
    make_session(title='=HYPERLINK("http://example.com","x")', notes="")
    rows = list(
        csv.reader(io.StringIO(committee_client.get("/learning/?_export=csv").content.decode()))
    )
    assert rows[1][1] == '\'=HYPERLINK("http://example.com","x")'
    response = committee_client.get("/learning/?_export=xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == EXPORT_HEADERS
    assert sheet["B2"].value.startswith("'=") and sheet["B2"].data_type != "f"
    assert sheet["A2"].value == datetime.datetime(2025, 3, 3)
    assert (sheet["F2"].value, sheet["J2"].value) == (30, None)  # no places booked: blank


def test_the_xlsx_download_keeps_the_filters(committee_client, programme):
    police = programme["agencies"][0]
    response = committee_client.get(f"/learning/?_export=xlsx&agency={police.slug}")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[1].value for row in sheet.iter_rows(min_row=2)] == [
        "Professional curiosity in practice",
        "Working with resistance",
    ]
    assert [row[9].value for row in sheet.iter_rows(min_row=2)] == [0.8, 0.8333]


def test_who_may_see_the_pages(client, outsider, programme):
    pk = programme["held"].pk
    for url in ("/learning/", f"/learning/{pk}/", "/learning/?_export=csv"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=/learning/")
    client.force_login(outsider)
    for url in ("/learning/", f"/learning/{pk}/", "/learning/?_export=csv"):
        assert client.get(url).status_code == 403


def test_the_pages_are_read_only(committee_client, programme):
    assert committee_client.post("/learning/").status_code == 405
    assert committee_client.post(f"/learning/{programme['held'].pk}/").status_code == 405


def test_the_navigation_has_learning_for_those_who_may_read_it(committee_client, programme):
    html = committee_client.get("/learning/").content.decode()
    assert 'href="/learning/" aria-current="page">Learning</a>' in html
    dashboard = committee_client.get("/").content.decode()
    assert 'href="/learning/">Learning</a>' in dashboard


class Checker(HTMLParser):
    """Every element closed in order, and no id twice: valid enough to catch a broken template
    (the browser tests run the Nu Html Checker)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr", "path", "rect", "circle", "line", "polyline"}  # fmt: skip

    def __init__(self):
        super().__init__()
        self.open, self.ids, self.problems = [], set(), []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id":
                if value in self.ids:
                    self.problems.append(f"id {value} twice")
                self.ids.add(value)
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.open.pop()

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
            if tag in self.open:
                while self.open.pop() != tag:
                    pass
        else:
            self.open.pop()


@pytest.mark.parametrize("query", ["", "?theme=nope", "?as_at=2025-06-01", "?as_at=banana"])
def test_the_pages_are_well_formed_and_print(committee_client, programme, query):
    pages = ["/learning/"] + ([] if "2025" in query else [f"/learning/{programme['held'].pk}/"])
    for url in pages:
        response = committee_client.get(url + query)
        html = response.content.decode()
        checker = Checker()
        checker.feed(html)
        assert checker.problems == [] and checker.open == [], url + query
        assert "style=" not in html and "<script>" not in html
        # The filters and the download links are left off the printed page.
        assert 'class="app-filters app-no-print"' in html
    downloads = committee_client.get("/learning/").content.decode()
    assert '<span class="app-no-print">Download' in downloads


def test_as_at_an_earlier_day_the_filters_read_the_links_of_then(committee_client, db):
    now = timezone.now()
    neglect, other = ThemeFactory(name="Neglect"), ThemeFactory(name="Other")
    frankie = ReviewFactory(name="Frankie")
    police = AgencyFactory(name="Police")
    session = make_session(
        title="Neglect briefing",
        themes=[neglect],
        reviews=[frankie],
        places={police: (4, 4, 0)},
        at=now - datetime.timedelta(days=10),
    )
    services.session_save(session, themes=[other], reviews=[], note="Relabelled")
    week_ago = f"{timezone.localdate() - datetime.timedelta(days=7):%Y-%m-%d}"
    then = f"as_at={week_ago}"
    c = committee_client
    assert sessions_listed(c, f"{then}&theme={neglect.slug}") == ["Neglect briefing"]
    assert sessions_listed(c, f"{then}&theme={other.slug}") == []
    assert sessions_listed(c, f"{then}&review={frankie.slug}") == ["Neglect briefing"]
    assert sessions_listed(c, f"{then}&agency={police.slug}") == ["Neglect briefing"]
    assert sessions_listed(c, f"theme={neglect.slug}") == []
    assert sessions_listed(c, f"review={frankie.slug}") == []
    html = c.get(f"/learning/?{then}").content.decode()
    reach = [text_of("<tr" + row).strip() for row in body_rows(section(html, "reviews"))]
    assert reach == ["Frankie 1 4"]
    detail = text_of(c.get(f"/learning/{session.pk}/?{then}").content.decode())
    assert "Themes Neglect" in detail and "Sharing the learning of Frankie" in detail


def test_the_short_summary_for_the_dashboard_and_the_report(programme, django_assert_num_queries):
    with django_assert_num_queries(6):
        summary = selectors.programme_summary(timezone.localdate())
    assert summary["sessions"] == 3
    assert summary["practitioners"] == 41
    assert summary["attendance_rate"] == 41 / 66
    assert summary["fill_rate"] == 26 / 50
    assert summary["changed_practice_share"] == 6 / 8
    assert summary["follow_ups_overdue"] == 2
    assert [reach.agency.name for reach in summary["least_reached"]] == [
        "Schools",
        "Police",
        "Health providers",
    ]
    assert not summary["least_reached"][0].reached
    past = selectors.programme_summary(D(2020, 1, 1))
    assert (past["sessions"], past["attendance_rate"], past["fill_rate"]) == (0, None, None)
