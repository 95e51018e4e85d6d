"""The yearly report in Chromium, on the demo: a manager records a year's sign-off and its
publication date in the admin, opens the year's report from there, reads them on it and
downloads its PDF from the page's link."""

import io

import pypdf

from .conftest import sign_in


def test_manager_signs_off_and_publishes_then_downloads_the_yearly_report(page, demo):
    from reviews.models import Agency
    from yearly.models import SignOff, YearlyReport

    police = Agency.objects.get(slug="police")
    sign_in(page, demo, "manager")
    page.goto(f"{demo.url}/admin/yearly/yearlyreport/add/")
    page.fill("#id_starts_on", "1 April 2024")
    page.fill("#id_voice_of_children", "Young people told us they want to be seen on their own.")
    page.fill("#id_published_on", "6 June 2025")
    page.fill("#id_sign_offs-0-role", "Detective Chief Superintendent")
    page.select_option("#id_sign_offs-0-agency", value=str(police.pk))
    page.fill("#id_sign_offs-0-signed_on", "30 May 2025")
    page.fill("#id_change_note", "Signed off and published")
    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()
    assert page.locator(".app-error-summary").count() == 0, page.locator("#content").inner_text()
    assert "was added successfully" in page.locator(".messagelist .success").inner_text()
    report = YearlyReport.objects.get(starts_on="2024-04-01")
    assert str(report.published_on) == "2025-06-06"
    assert SignOff.objects.get(report=report).role == "Detective Chief Superintendent"
    assert report.history.get().history_change_reason == "Signed off and published"

    # From the admin to the year's report, which says what was recorded.
    page.get_by_role("link", name="Read the yearly report 2024-25 on the site").click()
    page.wait_for_load_state()
    assert "/report/yearly/?year=2024-25" in page.url
    sign_off = page.locator("#sign-off").locator("xpath=..")
    assert "Detective Chief Superintendent" in sign_off.inner_text()
    assert "30 May 2025" in sign_off.inner_text()
    assert "6 June 2025" in sign_off.inner_text()
    assert "Young people told us" in page.locator("#voice").locator("xpath=..").inner_text()
    assert "Not yet written" in page.locator("#scrutiny").locator("xpath=..").inner_text()

    # The PDF, downloaded from the page's link.
    link = page.get_by_role("link", name="Download the yearly report 2024-25 as a PDF")
    with (
        page.expect_response(lambda r: "/report/yearly/pdf/" in r.url) as answer,
        page.expect_download() as download_info,
    ):
        link.click()
    assert answer.value.status == 200
    assert answer.value.headers["content-type"] == "application/pdf"
    download = download_info.value
    assert download.suggested_filename == "yearly-report-2024-25.pdf"
    with open(download.path(), "rb") as pdf:
        reader = pypdf.PdfReader(io.BytesIO(pdf.read()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Yearly report 2024-25" in text
    assert "Detective Chief Superintendent" in text
    assert "12. Sign-off by the lead safeguarding partners" in text


YEARLY_PAGES = [
    ("committee", "/report/yearly/", 200),
    ("committee", "/report/yearly/?year=2024-25", 200),
    ("committee", "/report/yearly/?year=not-a-year", 400),
    ("scrutineer", "/report/yearly/assessment/?year=2025-26", 200),
]


def test_the_yearly_pages_are_accessible_and_valid_html(page, demo, axe, vnu_command):
    import pytest

    from .conftest import vnu_errors
    from .test_accessibility import AXE_OPTIONS, axe_report

    documents = {}
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        for user, path, status in YEARLY_PAGES:
            page.context.clear_cookies()
            sign_in(page, demo, user)
            url = f"{demo.url}{path}"
            response = page.goto(url)
            assert response.status == status, f"{url} answered {response.status}"
            violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
            assert not violations, f"{url} at {width}px:\n{axe_report(violations)}"
            documents[f"{url} ({user})"] = page.context.request.get(url).text()
    errors = vnu_errors(vnu_command, documents)
    if errors:
        pytest.fail("The Nu Html Checker found:\n" + "\n".join(errors), pytrace=False)
