"""The manager keeps audits in the admin: an audit's details, its cases, grades by agency and
findings on one page, saved through the services with the change note; refused whole with the
reasons listed when a rule is broken, nothing written. A grade of the scale in use is kept."""

import pytest
from django.urls import reverse

from audits.models import AgencyGrade, Audit, AuditCase, Finding, Grade
from audits.vocabulary import FindingKind
from reviews.models import ReviewKind
from tests.factories import ActionFactory, AgencyFactory, ReviewFactory, ThemeFactory

from .helpers import grade, make_audit

pytestmark = pytest.mark.django_db

ADD = reverse("admin:audits_audit_add")


def management(prefix, rows, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def inlines(cases=(), agency_grades=(), findings=()):
    """The three inlines' management forms and rows: cases (number, grade name), grades by
    agency (case number, agency, grade name), findings (kind, text, theme, action, reason)."""
    data = management("audit_cases", cases)
    for n, (number, name) in enumerate(cases):
        data |= {f"audit_cases-{n}-number": str(number), f"audit_cases-{n}-grade": grade(name).pk}
    data |= management("agency_grades", agency_grades)
    for n, (number, agency, name) in enumerate(agency_grades):
        data |= {
            f"agency_grades-{n}-case_number": str(number),
            f"agency_grades-{n}-agency": str(agency.pk),
            f"agency_grades-{n}-grade": str(grade(name).pk),
        }
    data |= management("findings", findings)
    for n, (kind, text, theme, action, reason) in enumerate(findings):
        data |= {
            f"findings-{n}-kind": kind,
            f"findings-{n}-text": text,
            f"findings-{n}-theme": str(theme.pk),
            f"findings-{n}-action": str(action.pk) if action else "",
            f"findings-{n}-no_action_reason": reason,
        }
    return data


@pytest.fixture
def setting(manager):
    """An audit's review, two agencies that took part and one that did not, a theme and an
    action of the review's."""
    review = ReviewFactory(name="Audit: neglect", kind=ReviewKind.AUDIT)
    return {
        "review": review,
        "police": AgencyFactory(name="Police"),
        "health": AgencyFactory(name="Health"),
        "school": AgencyFactory(name="School"),
        "theme": ThemeFactory(),
        "action": ActionFactory(review=review),
    }


def form(setting, **fields):
    return {
        "review": str(setting["review"].pk),
        "audited_on": "10 March 2025",
        "cases": "3",
        "agencies": [str(setting["police"].pk), str(setting["health"].pk)],
        "re_audit_of": "",
        "change_note": "Panel of 10 March",
    } | fields


def good_rows(setting):
    theme, action = setting["theme"], setting["action"]
    return inlines(
        cases=[(1, "Good"), (2, "Inadequate")],
        agency_grades=[(1, setting["police"], "Requires improvement")],
        findings=[
            (FindingKind.STRENGTH, "Agencies shared information early.", theme, None, ""),
            (FindingKind.AREA, "Plans were not reviewed.", theme, action, ""),
            (FindingKind.AREA, "Escalation was slow.", theme, None, "Covered by training"),
        ],
    )


def nothing_written():
    assert not Audit.objects.exists()
    assert not AuditCase.objects.exists()
    assert not AgencyGrade.objects.exists()
    assert not Finding.objects.exists()
    assert not Audit.history.exists()
    assert not AuditCase.history.exists()
    assert not Finding.history.exists()


def refused(client, data):
    response = client.post(ADD, data)
    page = response.content.decode()
    assert response.status_code == 200, page[:2000]
    assert "There is a problem" in page
    return page


def test_it_adds_an_audit_with_cases_grades_and_findings_in_one_save(client, manager, setting):
    client.force_login(manager)
    response = client.post(ADD, form(setting) | good_rows(setting))
    assert response.status_code == 302, response.content.decode()[:3000]
    audit = Audit.objects.get()
    assert (audit.review, audit.cases) == (setting["review"], 3)
    assert set(audit.agencies.all()) == {setting["police"], setting["health"]}
    cases = [(case.number, case.grade.name) for case in audit.audit_cases.all()]
    assert cases == [(1, "Good"), (2, "Inadequate")]
    (row,) = audit.agency_grades.all()
    assert (row.case_number, row.agency, row.grade.name) == (
        1, setting["police"], "Requires improvement"
    )  # fmt: skip
    findings = {f.text: f for f in audit.findings.all()}
    assert findings["Plans were not reviewed."].action == setting["action"]
    assert findings["Escalation was slow."].no_action_reason == "Covered by training"
    for obj in [audit, row, *audit.audit_cases.all(), *findings.values()]:
        record = obj.history.get()
        assert (record.history_user, record.history_change_reason) == (manager, "Panel of 10 March")


def test_the_success_message_names_the_audit(client, manager, setting):
    client.force_login(manager)
    response = client.post(ADD, form(setting) | good_rows(setting), follow=True)
    assert "Audit: neglect" in response.content.decode()
    assert "was added successfully" in response.content.decode()


def test_a_case_numbered_beyond_the_cases_sampled_is_refused_whole(client, manager, setting):
    client.force_login(manager)
    page = refused(client, form(setting) | inlines(cases=[(1, "Good"), (4, "Good")]))
    assert "The audit sampled 3 cases" in page
    nothing_written()


def test_an_agency_grade_for_a_case_beyond_the_cases_sampled_is_refused(client, manager, setting):
    client.force_login(manager)
    data = form(setting) | inlines(agency_grades=[(5, setting["police"], "Good")])
    page = refused(client, data)
    assert "The audit sampled 3 cases" in page
    nothing_written()


def test_two_rows_for_the_same_case_are_refused_whole(client, manager, setting):
    client.force_login(manager)
    page = refused(client, form(setting) | inlines(cases=[(2, "Good"), (2, "Inadequate")]))
    # Django's own check of the unique constraint answers before CaseFormSet.clean's message.
    assert "Each case has one row: a case number is given more than once." in page
    nothing_written()


def test_an_agency_that_did_not_take_part_cannot_be_graded(client, manager, setting):
    client.force_login(manager)
    data = form(setting) | inlines(
        cases=[(1, "Good")], agency_grades=[(1, setting["school"], "Good")]
    )
    page = refused(client, data)
    assert "School is graded but is not among the agencies that took part" in page
    nothing_written()


def test_two_grades_for_one_agency_on_one_case_are_refused(client, manager, setting):
    client.force_login(manager)
    police = setting["police"]
    data = form(setting) | inlines(agency_grades=[(1, police, "Good"), (1, police, "Inadequate")])
    page = refused(client, data)
    assert "An agency has one grade for each case: one is given more than once." in page
    nothing_written()


def test_a_strength_with_an_action_is_refused(client, manager, setting):
    client.force_login(manager)
    rows = [(FindingKind.STRENGTH, "Good plans.", setting["theme"], setting["action"], "")]
    page = refused(client, form(setting) | inlines(findings=rows))
    assert "A strength needs no action: only link actions to areas for improvement." in page
    nothing_written()


def test_an_area_with_both_an_action_and_a_reason_is_refused(client, manager, setting):
    client.force_login(manager)
    rows = [(FindingKind.AREA, "Slow.", setting["theme"], setting["action"], "Not needed")]
    page = refused(client, form(setting) | inlines(findings=rows))
    assert "Give either the action that answers this area or the reason for none, not both." in page
    nothing_written()


def test_a_review_that_is_not_an_audit_is_refused(client, manager, setting):
    client.force_login(manager)
    other = ReviewFactory(name="Child H", kind=ReviewKind.CSPR)
    page = refused(client, form(setting, review=str(other.pk)) | good_rows(setting))
    # limit_choices_to leaves it out of the choices: the model's own message is never reached.
    assert "Choose a review of kind “Multi-agency audit”" in page
    nothing_written()


def test_a_change_is_recorded_with_its_note(client, manager, setting):
    audit = make_audit(
        review=setting["review"], cases=3, grades=["Good"], agencies=[setting["police"]]
    )
    case = audit.audit_cases.get()
    client.force_login(manager)
    url = reverse("admin:audits_audit_change", args=[audit.pk])
    data = form(setting, change_note="Case 1 regraded") | inlines(cases=[(1, "Inadequate")])
    data |= {"audit_cases-INITIAL_FORMS": "1", "audit_cases-0-id": str(case.pk)}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    case.refresh_from_db()
    assert case.grade == grade("Inadequate")
    assert case.history.latest().history_change_reason == "Case 1 regraded"
    assert audit.history.latest().history_change_reason == "Case 1 regraded"


def test_a_grade_in_use_cannot_be_deleted(client, manager, setting):
    make_audit(review=setting["review"], cases=2, grades=["Good"])
    client.force_login(manager)
    good = grade("Good")
    url = reverse("admin:audits_grade_delete", args=[good.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "would require deleting the following protected related objects" in page.content.decode()
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert Grade.objects.filter(pk=good.pk).exists()


def test_a_grade_not_in_use_can_be_deleted(client, manager):
    client.force_login(manager)
    spare = Grade.objects.create(name="Exemplary", position=9)
    response = client.post(reverse("admin:audits_grade_delete", args=[spare.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Grade.objects.filter(pk=spare.pk).exists()
