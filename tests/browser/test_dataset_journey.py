"""The partnership dataset in a browser: a committee member reads the scorecard, filters it to the
reds, opens one and reads its trend."""

import re

from .conftest import sign_in

RED = "Red – off target"


def test_committee_member_filters_the_scorecard_to_the_reds_and_reads_a_trend(page, demo):
    from django.utils import timezone

    from dataset import selectors

    summary = selectors.dataset_summary(as_at=timezone.localdate())
    reds = {score.indicator.reference for score in summary["reds"]}
    sign_in(page, demo, "committee")

    page.get_by_role("navigation").get_by_role("link", name="Dataset").click()
    page.wait_for_url(f"{demo.url}/dataset/")
    assert page.get_by_role("heading", level=1).inner_text() == "Partnership dataset"
    assert "judged by which way is good improved" in page.locator(".app-improving").inner_text()
    page.emulate_media(media="print")  # the answer goes into the committee room too
    assert page.locator(".app-improving").is_visible()
    page.emulate_media(media="screen")
    assert page.locator("table tbody tr").count() == len(summary["scores"]) == 16

    filters = page.locator("form[method=get]")
    filters.get_by_label("Rating").select_option(label=RED)
    filters.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"/dataset/\?.*rating=red"))

    rows = page.locator("table tbody tr")
    assert rows.count() == len(reds) == 3
    shown = set()
    for row in rows.all():
        assert RED in row.inner_text()
        shown.add(row.locator(".app-cell-note").first.inner_text().strip())
    assert shown == reds
    # The red without commentary is flagged.
    gap = rows.filter(has_text="D09")
    assert "data-quality gap" in gap.inner_text()

    rows.filter(has_text="D11").get_by_role("link").first.click()
    page.wait_for_url(f"{demo.url}/dataset/d11/")
    assert "Initial health assessments" in page.get_by_role("heading", level=1).inner_text()
    chart = page.get_by_role("img", name=re.compile("Initial health assessments .*: figures by"))
    assert chart.is_visible()
    assert "Target" in page.locator("figure", has=chart).inner_text()  # the legend
    # The chart's figures as a table: eight quarters, the latest worse than the one before.
    table = page.locator("table", has=page.get_by_role("columnheader", name="Period"))
    periods = table.locator("tbody tr")
    assert periods.count() == 8
    latest = periods.first.inner_text()
    assert "45.5%" in latest and RED in latest and "Worsening" in latest
    assert page.get_by_role("heading", name="Commentary by period").is_visible()
