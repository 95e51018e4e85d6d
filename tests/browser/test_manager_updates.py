"""The safeguarding manager moves an action to green in the admin; the committee's pages follow."""

import re

from .conftest import figure, sign_in

AMBER = "Amber – started, not yet complete"
GREEN = "Green – complete, but not yet embedded"
NOTE = "Neglect tool rolled out to every team; champions in place (browser test)."


def test_manager_sets_leo_l5_green_with_a_note(page, demo):
    sign_in(page, demo, "manager")
    assert figure(page, GREEN) == 4
    assert figure(page, AMBER) == 17

    page.goto(f"{demo.url}/admin/reviews/action/?q=L5")
    row = (
        page.locator("#result_list tbody tr")
        .filter(has=page.locator("td.field-review", has_text=re.compile(r"^Leo$")))
        .filter(has=page.locator(".field-reference", has_text=re.compile(r"^L5$")))
    )
    assert row.count() == 1
    row.locator(".field-reference a").click()
    page.wait_for_url(re.compile(r"/admin/reviews/action/(\d+)/change/"))
    pk = re.search(r"/admin/reviews/action/(\d+)/change/", page.url).group(1)

    page.select_option("#id_status", label=GREEN)
    page.fill("#id_change_note", NOTE)
    page.click("input[name=_save]")
    # Saved: back on the changelist (with its search kept), with Django's success message.
    page.wait_for_url(re.compile(r"/admin/reviews/action/(\?.*)?$"))
    assert page.locator(".messagelist .success").count() == 1

    page.goto(f"{demo.url}/")
    assert figure(page, GREEN) == 5
    assert figure(page, AMBER) == 16
    assert figure(page, "actions in total") == 72

    page.goto(f"{demo.url}/actions/{pk}/")
    history = page.locator(".app-history")
    assert NOTE in history.inner_text()
    assert f"{AMBER} → {GREEN}" in history.inner_text()
    assert (
        "Safeguarding manager (demo)" in history.locator(".app-history__entry").first.inner_text()
    )
