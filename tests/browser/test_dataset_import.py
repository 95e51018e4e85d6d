"""A manager imports the quarter just reported in the admin, and the committee's scorecard
shows it."""

import re

from tests.dataset.files import indicator, scorecard_xlsx

from .conftest import sign_in


def forget_the_latest_quarter():
    """The demo as it stood before its latest quarter was reported: that quarter's figures and
    their history gone. Returns the quarter's label and start."""
    from dataset.models import Figure

    latest = Figure.objects.order_by("-period_start").first().period
    figures = Figure.objects.filter(period_start=latest.start)
    Figure.history.filter(id__in=list(figures.values_list("id", flat=True))).delete()
    figures.delete()
    return latest


def test_manager_imports_the_latest_quarter_and_the_scorecard_shows_it(page, demo, tmp_path):
    from dataset.models import Figure

    quarter = forget_the_latest_quarter()
    path = tmp_path / "lscp-dataset-latest.xlsx"
    path.write_bytes(
        scorecard_xlsx(
            [
                indicator("D11", "Initial health assessments within 20 working days",
                          "Percentage", "Higher", "90%", "10", ["47.5%"], rag="R", dot="↓",
                          commentary="Still below target; the new clinics start next month.",
                          action="Two extra clinics a week."),
                indicator("D03", "Re-referrals within 12 months of a previous referral",
                          "%", "Lower", "20%", "2.5", ["19.4%"], rag="G", dot="↑",
                          england="21.9%"),
            ],
            periods=[quarter.label],
        )
    )  # fmt: skip
    sign_in(page, demo, "manager")

    page.goto(f"{demo.url}/admin/dataset/indicator/")
    page.get_by_role("link", name="Import dataset spreadsheet").click()
    page.wait_for_url(f"{demo.url}/admin/dataset/indicator/import/")
    page.locator("input[type=file]").set_input_files(path)
    page.get_by_role("button", name="Preview the import").click()
    page.wait_for_load_state()
    preview = page.locator("#content").inner_text()
    assert "Nothing is saved yet" in preview and quarter.label in preview
    assert not Figure.objects.filter(period_start=quarter.start).exists()

    page.get_by_role("button", name=f"Import {path.name}").click()
    page.wait_for_url(f"{demo.url}/admin/dataset/indicator/")
    message = page.locator(".messagelist").inner_text()
    assert f"Imported {path.name}" in message and "2 figures added" in message

    figure = Figure.objects.get(indicator__reference="D11", period_start=quarter.start)
    assert str(figure.value) in {"47.5", "47.50"}
    record = figure.history.get()
    assert record.history_change_reason == f"Imported from {path.name}"
    assert record.history_user.username == "manager"

    page.goto(f"{demo.url}/dataset/")
    row = page.locator("table tbody tr", has_text="D11")
    assert "47.5%" in row.inner_text() and quarter.label in row.inner_text()
    assert "Red – off target" in row.inner_text()
    rereferrals = page.locator("table tbody tr", has_text="D03").inner_text()
    assert "19.4%" in rereferrals and "Green – on target" in rereferrals
    assert "Improving" in rereferrals
    row.get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/dataset/d11/$"))
    assert "Still below target" in page.locator("main").inner_text()
