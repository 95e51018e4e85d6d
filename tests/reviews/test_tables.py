"""The quick renderings give what the slower general ones give: table rows
(templatetags/govuk_tables.py) what django-tables2's own `BoundRow.get_cell` gives, cell for cell,
and a select's options (templatetags/govuk_forms.py) what its widget gives."""

import re
from datetime import date
from html import escape, unescape
from urllib.parse import parse_qs

import django_tables2 as tables
import pytest
from django.template.loader import get_template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape
from django_tables2 import A

from govuk.tables import GovukTable
from govuk.templatetags.govuk_forms import select_options
from govuk.templatetags.govuk_tables import CellRenderer, govuk_table, table_rows
from reports.tables import MeetingTable
from reviews import selectors
from reviews.filters import ActionFilter
from reviews.models import Action, Agency, CommitteeMeeting
from reviews.tables import (
    ActionTable,
    AgencySummaryTable,
    LeadActionTable,
    OpenActionTable,
    ReviewSummaryTable,
    ThemeSummaryTable,
)
from tests.factories import ActionFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def assert_cells_match(table, left_to_django_tables2=()):
    checked = 0
    for row in table.rows:
        for column in table.columns:
            renderer = CellRenderer.for_column(table, column)
            expected = row.get_cell(column.name)
            if column.name in left_to_django_tables2:
                assert renderer is None
                continue
            assert renderer is not None, column.name
            assert str(renderer(row.record)) == str(expected), (column.name, row.record)
            checked += 1
    return checked


def demo_tables(as_at):
    reviews = selectors.reviews_with_counts(as_at=as_at)
    agencies, _ = selectors.agencies_with_counts(as_at=as_at)
    return [
        ReviewSummaryTable(reviews),
        AgencySummaryTable(agencies),
        ThemeSummaryTable(selectors.themes_with_counts(as_at=as_at)),
        OpenActionTable(selectors.open_actions(as_at=as_at)),
        ActionTable(selectors.actions_for_list(as_at=as_at)),
        MeetingTable(CommitteeMeeting.objects.all()),
        LeadActionTable(selectors.actions_led_by(agencies=Agency.objects.all(), as_at=as_at)),
    ]


@pytest.mark.parametrize("when", ["today", "a past meeting"])
def test_every_cell_of_the_demo_tables_matches_django_tables2(demo, when):
    as_at = demo[-3].date if when == "a past meeting" else timezone.localdate()
    checked = sum(assert_cells_match(table) for table in demo_tables(as_at))
    assert checked > 72 * len(ActionTable.base_columns)


class Thing:
    def __init__(self, **attrs):
        self.__dict__.update(attrs)


class AccessorTable(GovukTable):
    nested = tables.Column(accessor="inner__name")
    called = tables.Column(accessor="shout")
    risky = tables.Column(accessor="delete")
    indexed = tables.Column(accessor="items__1")
    dotted = tables.Column(accessor="inner__name", default="—")
    empty = tables.Column(empty_values=(), default="never")
    kwargs = tables.Column(accessor="inner__name")
    rendered = tables.Column(accessor="inner__name")

    def render_kwargs(self, **kwargs):
        return f"{sorted(kwargs)}"

    def render_rendered(self, value, record, table):
        return f"{value} of {type(record).__name__} in {type(table).__name__}"


def test_accessors_match_django_tables2_on_awkward_records():
    def delete():
        raise AssertionError("called something that alters data")

    delete.alters_data = True
    records = [
        Thing(inner=Thing(name="A"), shout=lambda: "HI", delete=delete, items=["x", "y"]),
        Thing(inner=None, shout=lambda: "", delete=delete, items=[]),
        {"inner__name": "from a dict", "shout": "dict", "delete": 1, "items": {"1": "one"}},
    ]
    table = AccessorTable(records)
    checked = assert_cells_match(table, left_to_django_tables2=["kwargs"])
    assert checked == len(records) * (len(table.columns) - 1)
    assert "bound_row" in table_rows(table)  # the catch-all is given everything


def test_a_column_that_asks_for_its_row_is_left_to_django_tables2():
    class RowTable(GovukTable):
        name = tables.Column()

        def render_name(self, value, bound_row):
            return f"{value} in row {bound_row.row_counter}"

    table = RowTable([{"name": "A"}, {"name": "B"}])
    assert CellRenderer.for_column(table, table.columns["name"]) is None
    assert "B in row 1" in table_rows(table)


def test_the_rows_carry_their_even_and_odd_classes(demo):
    html = table_rows(ActionTable(Action.objects.all()[:2]))
    assert html.count('<tr class="govuk-table__row even">') == 1
    assert html.count('<tr class="govuk-table__row odd">') == 1


def test_an_empty_table_says_so():
    table = ActionTable(Action.objects.none())
    tables.RequestConfig(RequestFactory().get("/")).configure(table)
    assert "No actions match." in table_rows(table)


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"lead_agency": "police", "theme": "no-such-theme"},
        {"review": "leo", "theme": "professional-curiosity"},
        {"review": "not-a-review", "lead_agency": ""},
    ],
)
def test_select_options_are_the_widgets_own(demo, query):
    filterset = ActionFilter(query or None, queryset=Action.objects.all(), as_at=date.today())
    filterset.is_valid()
    for name in ["review", "lead_agency", "theme"]:
        field = filterset.form[name]
        widget = [(str(o.data["value"]), o.choice_label, o.data["selected"]) for o in field]
        assert select_options(field) == widget
        assert len(widget) > 1


def configured(table, query, per_page):
    request = RequestFactory().get("/actions/" + query)
    tables.RequestConfig(request, paginate={"per_page": per_page}).configure(table)
    return govuk_table({"request": request}, table)


def test_a_table_has_its_caption_sort_links_and_pages(demo):
    html = configured(
        ActionTable(selectors.actions_for_list(as_at=date.today()), show_caption=False),
        "?status=amber&sort=reference&page=2",
        per_page=5,
    )
    assert '<div class="app-table-wrapper" role="region" aria-label="Actions" tabindex="0">' in html
    assert (
        '<caption class="govuk-table__caption govuk-table__caption--m govuk-visually-hidden">'
        "Actions (page 2 of 15)</caption>"
    ) in html
    # The sorted column says so, and its link reverses the order, keeping the filter.
    assert (
        'aria-sort="ascending"><a href="?status=amber&amp;sort=-reference&amp;page=2">Reference'
        '<span class="app-sort-indicator" aria-hidden="true"> ▲</span></a></th>'
    ) in html
    assert 'aria-sort="none"><a href="?status=amber&amp;sort=review&amp;page=2">Review</a>' in html
    assert re.search(r'<th class="[^"]*app-col-wide[^"]*" scope="col">Action</th>', html)
    # Pages: previous, the current one marked, an ellipsis before the last, next.
    assert 'href="?status=amber&amp;sort=reference&amp;page=1" rel="prev"' in html
    assert (
        'href="?status=amber&amp;sort=reference&amp;page=2" aria-label="Page 2" '
        'aria-current="page">2</a>'
    ) in html
    assert "govuk-pagination__item--ellipses" in html
    assert 'aria-label="Page 15">15</a>' in html
    assert 'href="?status=amber&amp;sort=reference&amp;page=3" rel="next"' in html
    assert html.count('<tr class="govuk-table__row') == 5 + 1  # the rows and the header row


def test_one_page_has_no_pagination_and_a_shown_caption(demo):
    html = configured(MeetingTable(CommitteeMeeting.objects.all(), show_caption=True), "", 50)
    assert '<caption class="govuk-table__caption govuk-table__caption--m">' in html
    assert "(page" not in html
    assert "govuk-pagination" not in html


def test_row_urls_are_what_reverse_gives():
    table = MeetingTable([])
    for name, arg in [
        ("reviews:action-detail", 7),
        ("reviews:action-detail", 987654321),
        ("reviews:review-detail", "sam-and-kyle"),
        ("reviews:theme-detail", "987654321-and-more"),
        ("reports:meeting-detail", 12),
    ]:
        assert table.row_url(name, arg) == reverse(name, args=[arg])


def test_cells_that_need_django_tables2_are_left_to_it():
    class OddTable(GovukTable):
        asks_for_request = tables.Column(accessor="name")
        default_called = tables.Column(accessor="missing", default=lambda: "worked out")
        with_arguments = tables.Column(accessor=A("name__replace", callable_args=["a", "o"]))

        def render_asks_for_request(self, value, request):
            return "never called with a request"

    table = OddTable([{"name": "banana"}])
    for column in table.columns:
        assert CellRenderer.for_column(table, column) is None, column.name
    html = table_rows(table)
    assert "worked out" in html and "bonono" in html


def test_a_field_display_value_only_from_a_model_record(db):
    class StageTable(GovukTable):
        stage = tables.Column(accessor="review__stage")

    review = ReviewFactory()
    actions = [ActionFactory(review=review), {"review": review}]
    assert assert_cells_match(StageTable(actions)) == 2


def test_a_page_of_a_page_of_past_open_actions(demo):
    actions = selectors.open_actions(as_at=demo[-2].date)
    everything = [record.history_id for record in actions[:1000]]
    assert len(everything) > 12
    assert [record.history_id for record in actions[:10][2:6]] == everything[2:6]
    assert [record.history_id for record in actions[3:][0:4]] == everything[3:7]


def table_subclasses(cls=GovukTable):
    for subclass in cls.__subclasses__():
        if subclass.__module__.startswith("reviews."):
            yield subclass
        yield from table_subclasses(subclass)


def test_every_table_uses_the_govuk_table_markup(demo):
    """A table class without its own Meta once lost GOV.UK's classes (the meetings page)."""
    request = RequestFactory().get("/")
    request.user = None
    for table in demo_tables(date.today()):
        html = str(govuk_table({"request": request}, table))
        assert '<table class="govuk-table">' in html, type(table).__name__
        assert '<thead class="govuk-table__head">' in html, type(table).__name__
        assert '<tr class="govuk-table__row' in html, type(table).__name__
    found = {cls.__name__ for cls in table_subclasses()}
    tested = {type(table).__name__ for table in demo_tables(date.today())}
    assert found - {"StatusCountsTable"} <= tested, "a table class is missing from demo_tables"


def test_the_overdue_column_says_yes_or_no(db):
    late = ActionFactory(status="amber", target_date=date(2020, 1, 31))
    ActionFactory(status="amber", target_date=date(2099, 1, 31))
    ActionFactory(status="blue", target_date=date(2020, 1, 31), evidence="Audit")
    table = ActionTable(selectors.actions_for_list(as_at=date.today()))
    cells = {row.record.pk: str(row.get_cell("overdue")) for row in table.rows}
    assert "Yes</strong>" in cells.pop(late.pk)
    assert list(cells.values()) == ["No", "No"]


def test_agency_names_are_the_full_name_in_every_table(demo):
    request = RequestFactory().get("/")
    for table in demo_tables(date.today()):
        html = str(govuk_table({"request": request}, table))
        assert ">ICB<" not in html and ">Council<" not in html, type(table).__name__


def test_the_meetings_table_names_each_meeting_and_links_its_report(demo):
    request = RequestFactory().get("/")
    html = str(govuk_table({"request": request}, MeetingTable(CommitteeMeeting.objects.all())))
    meeting = CommitteeMeeting.objects.first()
    assert escape(meeting.committee) in html
    assert f'href="/meetings/{meeting.pk}/"' in html
    assert "<td" in html and 'data-label="Meeting"' in html


@pytest.mark.parametrize("query", ["per_page=-1", "per_page=0", "per_page=100000", "page=-1"])
def test_an_odd_page_size_or_number_shows_a_page(committee_client, demo, query):
    for path in ["/", "/reviews/leo/", "/actions/", "/my-actions/", "/meetings/"]:
        response = committee_client.get(f"{path}?{query}")
        assert response.status_code == 200, (path, query)


# What the Python renderer copies of django-tables2, checked against the library itself: rows
# (their attributes, each cell's attributes, header label and content), the header row's sort
# links and the page links. django-tables2 is pinned to its minor version in pyproject.toml;
# when an upgrade changes any of this, these tests fail first.


def library_rows(table):
    """The rows as django-tables2's own loop gives them: each row's attrs, and for each cell
    (BoundRow.items()) its column's td attrs as computed for that row, its header and content."""
    html = []
    for row in table.paginated_rows:
        html.append(f"<tr {row.attrs.as_html()}>")
        for column, cell in row.items():
            if column.name == table.row_header:
                html.append(
                    f'<th scope="row" class="govuk-table__header">{conditional_escape(cell)}</th>'
                )
            else:
                td = column.attrs["td"].as_html()
                header = conditional_escape(column.header)
                html.append(f'<td {td} data-label="{header}">{conditional_escape(cell)}</td>')
        html.append("</tr>")
    return "".join(html)


@pytest.mark.parametrize("when", ["today", "a past meeting"])
def test_every_row_of_the_demo_tables_is_django_tables2s_own(demo, when):
    as_at = demo[-3].date if when == "a past meeting" else timezone.localdate()
    # Two of each table: a row's even or odd class counts the rows its table has made so far.
    for ours, theirs in zip(demo_tables(as_at), demo_tables(as_at), strict=True):
        for table in (ours, theirs):
            config = tables.RequestConfig(RequestFactory().get("/"), paginate={"per_page": 25})
            config.configure(table)
        assert str(table_rows(ours)) == library_rows(theirs), type(ours).__name__


def test_attributes_computed_per_cell_and_row_are_django_tables2s_own():
    def parity(record):
        return "app-even" if record["n"] % 2 else "app-odd"

    class Computed(GovukTable):
        n = tables.Column(attrs={"td": {"class": parity, "data-n": lambda value: value}})
        name = tables.Column(attrs={"td": {"title": lambda record: record["name"].upper()}})

        class Meta(GovukTable.Meta):
            row_attrs = {"class": "govuk-table__row", "data-name": lambda record: record["name"]}

    records = [{"n": 1, "name": "a"}, {"n": 2, "name": "b"}]
    html = str(table_rows(Computed(records)))
    assert html == library_rows(Computed(records))
    assert 'class="app-odd" data-n="2"' in html and 'title="B"' in html and 'data-name="a"' in html


def links(html):
    """{query: text} of every link of a table's markup, the text without its hidden words."""
    found = {}
    for href, text in re.findall(r'<a [^>]*href="([^"]*)"[^>]*>(.*?)</a>', html, re.S):
        text = re.sub(
            r'<span class="(?:govuk-visually-hidden|app-sort-indicator)".*?</span>', "", text
        )
        query = parse_qs(unescape(href).lstrip("?"))
        found[tuple(sorted((k, tuple(v)) for k, v in query.items()))] = re.sub(
            r"<[^>]+>", "", text
        ).strip()
    return found


@pytest.mark.parametrize("query", ["", "?status=amber&sort=-reference&page=3"])
def test_sort_and_page_links_are_django_tables2s_own(demo, query):
    """The header's sort links and the page links, as django-tables2's own template makes them
    (its `querystring` tag, `order_by_alias.next`, `table_page_range`)."""
    request = RequestFactory().get("/" + query)
    table = ActionTable(selectors.actions_for_list(as_at=date.today()))
    tables.RequestConfig(request, paginate={"per_page": 5}).configure(table)

    ours = links(str(govuk_table({"request": request}, table)))
    library = links(get_template("django_tables2/table.html").render({"table": table}, request))

    sorting = {q: t for q, t in library.items() if t in {c.header for c in table.columns}}
    assert sorting and sorting.items() <= ours.items()
    numbered = {q: t for q, t in library.items() if t.isdigit()}
    assert numbered and numbered.items() <= ours.items()
    # Previous and next: the same addresses, in the service's words.
    assert set(library) - set(sorting) - set(numbered) <= set(ours)
