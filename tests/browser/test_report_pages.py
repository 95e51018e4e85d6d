"""The committee report in Chromium: one card per row on a phone, and on paper nothing to click."""

import itertools

import pytest

from .conftest import sign_in
from .test_accessibility import check_axe

PHONE = {"width": 375, "height": 800}


def report_paths():
    """The report as at today, and as at the earliest meeting (its page has the earlier-date
    banner, with its link back to today's position)."""
    from reviews.models import CommitteeMeeting

    return ["/report/", f"/meetings/{CommitteeMeeting.objects.order_by('date').first().pk}/"]


# What each table of the report looks like in the page: its header row's box, and for each row
# its cells' display, boxes and the label before them.
TABLES = """() => [...document.querySelectorAll('.app-report table')].map(table => {
  const head = table.tHead.getBoundingClientRect();
  return {
    head: {width: head.width, height: head.height},
    rows: [...table.tBodies[0].rows].map(row => [...row.cells].map(cell => {
      const box = cell.getBoundingClientRect();
      return {
        tag: cell.tagName, display: getComputedStyle(cell).display, top: box.top,
        bottom: box.bottom, left: box.left, right: box.right, text: cell.innerText.trim(),
        label: cell.dataset.label, before: getComputedStyle(cell, '::before').content,
      };
    })),
  };
})"""


def test_on_a_phone_each_report_table_row_is_a_card_of_labelled_cells(page, demo):
    page.set_viewport_size(PHONE)
    sign_in(page, demo, "committee")
    page.goto(f"{demo.url}/report/")

    tables = page.evaluate(TABLES)

    assert len(tables) == 18  # the summary, four plans, the exceptions, the changes, the themes,
    # the trend, the statutory timeline's missed deadlines, early stages and year, the dataset's
    # scorecard, two audits' areas, the agencies least reached, each review's learning reach and
    # the open challenges
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    labelled = 0
    for table in tables:
        assert table["head"]["width"] <= 1 and table["head"]["height"] <= 1  # header row hidden
        for cells in table["rows"]:
            for above, below in itertools.pairwise(cells):
                assert below["top"] >= above["bottom"] - 1, (
                    above,
                    below,
                )  # stacked, not side by side
            for cell in cells:
                assert cell["display"] == "block"
                assert cell["left"] >= 0 and cell["right"] <= PHONE["width"]
                if cell["tag"] == "TD" and cell["label"] and cell["text"]:
                    assert cell["before"] == f'"{cell["label"]}: "', cell
                    labelled += 1
                elif cell["tag"] == "TD":
                    assert cell["before"] == "none", cell  # no label for an empty cell
    assert labelled > 72 * 3
    lead = page.locator('.app-report td[data-label="Lead agency"]').first
    assert lead.is_visible()


def test_the_report_on_a_phone_passes_axe(page, demo, axe):
    page.set_viewport_size(PHONE)
    sign_in(page, demo, "committee")
    check_axe(axe, page, f"{demo.url}/report/")


@pytest.mark.parametrize("which", [0, 1], ids=["today", "earliest meeting"])
def test_printed_report_shows_no_form_controls_or_links(page, demo, which):
    sign_in(page, demo, "committee")
    path = report_paths()[which]
    page.goto(f"{demo.url}{path}")
    controls = page.locator("input, button, select, textarea")
    links = page.locator("a[href]")
    assert any(c.is_visible() for c in controls.all())  # on screen: the dates form, sign out
    assert page.get_by_role("link", name="Download this report as a PDF").is_visible()

    page.emulate_media(media="print")

    visible_controls = [c.evaluate("e => e.outerHTML") for c in controls.all() if c.is_visible()]
    assert visible_controls == []
    visible_links = [a.inner_text() for a in links.all() if a.is_visible()]
    assert visible_links == []  # no "See, filter and download", breadcrumbs or navigation
    assert page.get_by_role("heading", name="2. The RAG plan").is_visible()
    assert page.locator(".app-report table").first.is_visible()
