"""The audits' rules and derived figures: the grade distribution and its shares on both sides of
their boundaries, before and after for a re-audit, the flag on an area for improvement with no
action and no reason, and that nothing personal can be recorded of a case."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from audits import selectors, services
from audits.models import AgencyGrade, Audit, AuditCase, Finding, Grade
from audits.vocabulary import DEFAULT_GRADES, NOT_GRADED, FindingKind
from reviews.models import ReviewKind
from tests.factories import ActionFactory, AgencyFactory, ReviewFactory, ThemeFactory

from .helpers import add_findings, grade, grade_agencies, make_audit

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = datetime.date.today()


def overview():
    return selectors.audits_overview(as_at=TODAY)


def test_the_default_scale_is_there_best_first_and_kept_when_changed():
    assert [(g.name, g.good_or_better) for g in Grade.objects.order_by("position")] == list(
        DEFAULT_GRADES
    )
    services.grade_save(Grade(name="Exemplary", position=9, good_or_better=True))
    services.grades_ensure()
    assert Grade.objects.count() == len(DEFAULT_GRADES) + 1


@pytest.mark.parametrize(
    "grades, good_or_better, share",
    [
        ([], 0, None),  # nothing graded: no share, not 0%
        (["Inadequate"], 0, 0.0),
        (["Good"], 1, 1.0),
        (["Good", "Requires improvement"], 1, 0.5),
        (["Outstanding", "Good", "Requires improvement", "Inadequate"], 2, 0.5),
        (["Outstanding", "Good", "Good", "Requires improvement"], 3, 0.75),
    ],
)
def test_good_or_better_counts_the_grades_that_count_of_the_cases_graded(
    grades, good_or_better, share
):
    make_audit(cases=8, grades=grades)
    (audit,) = overview()
    assert audit.distribution.good_or_better == good_or_better
    assert audit.distribution.good_or_better_share == share
    assert audit.distribution.graded == len(grades)
    assert audit.distribution.not_graded == 8 - len(grades)


def test_the_distribution_counts_each_grade_best_first_and_the_cases_not_graded_last():
    make_audit(cases=5, grades=["Good", "Inadequate", "Good", "Requires improvement"])
    (audit,) = overview()
    rows = [(row.name, row.count, row.share) for row in audit.distribution.rows]
    assert rows == [
        ("Outstanding", 0, 0.0),
        ("Good", 2, 0.4),
        ("Requires improvement", 1, 0.2),
        ("Inadequate", 1, 0.2),
        (NOT_GRADED, 1, 0.2),
    ]
    assert [bar.name for bar in audit.distribution.bars] == [
        "Good", "Requires improvement", "Inadequate", NOT_GRADED
    ]  # fmt: skip


def test_every_case_graded_shows_no_not_graded_row():
    make_audit(cases=2, grades=["Good", "Good"])
    (audit,) = overview()
    assert NOT_GRADED not in [row.name for row in audit.distribution.rows]


def test_a_changed_scale_is_what_cases_are_counted_on():
    Grade.objects.filter(name="Outstanding").update(good_or_better=False)
    make_audit(cases=2, grades=["Outstanding", "Good"])
    (audit,) = overview()
    assert audit.distribution.good_or_better_share == 0.5


def test_a_re_audit_shows_before_and_after_and_the_change_in_points():
    first = make_audit(
        name="Audit 2024",
        cases=4,
        grades=["Good", "Inadequate", "Inadequate", "Requires improvement"],
        audited_on=D(2024, 5, 1),
    )
    make_audit(
        name="Re-audit 2025",
        cases=4,
        grades=["Good", "Good", "Outstanding", "Requires improvement"],
        re_audit_of=first,
    )
    before, after = overview()
    assert after.re_audit_of is before and before.re_audited_by == [after]
    assert after.change_in_good_or_better == pytest.approx(0.5)
    pairs = [(b.count, a.count) for b, a in after.before_and_after]
    assert pairs == [(0, 1), (1, 2), (1, 1), (2, 0)]
    assert before.change_in_good_or_better is None


def test_no_change_and_worse_are_said_so():
    from figures.shown import change_in_points

    assert change_in_points(0.0) == "no change"
    assert change_in_points(-0.25) == "down 25 percentage points"
    assert change_in_points(0.01) == "up 1 percentage point"
    assert change_in_points(0.004) == "no change"
    assert change_in_points(0.005) == "up 1 percentage point"
    assert change_in_points(None) == "–"


def test_a_re_audit_comes_after_the_audit_it_checks_and_never_itself():
    first = make_audit(name="Audit 2025", audited_on=D(2025, 3, 10))
    with pytest.raises(ValidationError, match="comes after"):
        make_audit(name="Same day", audited_on=D(2025, 3, 10), re_audit_of=first)
    later = make_audit(name="Day after", audited_on=D(2025, 3, 11), re_audit_of=first)
    assert later.re_audit_of == first
    first.re_audit_of = first
    with pytest.raises(ValidationError, match="itself"):
        services.audit_save(first)


def test_an_audits_details_go_only_with_a_review_of_kind_audit():
    review = ReviewFactory(kind=ReviewKind.CSPR)
    with pytest.raises(ValidationError, match="Multi-agency audit"):
        make_audit(review=review)
    assert not Audit.objects.exists()


def test_case_numbers_run_from_1_to_the_cases_sampled():
    audit = make_audit(cases=3, grades=["Good", "Good", "Good"])
    with pytest.raises(ValidationError, match="number them from 1 to 3"):
        services.audit_save(audit, cases=[AuditCase(number=4, grade=grade("Good"))])
    with pytest.raises(ValidationError):
        services.audit_save(audit, cases=[AuditCase(number=0, grade=grade("Good"))])
    audit.cases = 2
    with pytest.raises(ValidationError, match="Case 3 is graded"):
        services.audit_save(audit)
    assert AuditCase.objects.filter(audit=audit).count() == 3
    assert Audit.objects.get().cases == 3


def test_fewer_cases_with_the_last_case_taken_off_is_saved_together():
    audit = make_audit(cases=3, grades=["Good", "Good", "Good"])
    audit.cases = 2
    services.audit_save(audit, deleted_cases=[AuditCase.objects.get(audit=audit, number=3)])
    assert Audit.objects.get().cases == 2


def test_an_agency_is_graded_only_when_it_took_part():
    police, schools = AgencyFactory(name="Police"), AgencyFactory(name="Schools")
    audit = make_audit(cases=2, grades=["Good"], agencies=[police])
    with pytest.raises(ValidationError, match="Schools, which is not among the agencies"):
        grade_agencies(audit, [(1, schools, "Good")])
    assert not AgencyGrade.objects.exists()
    grade_agencies(audit, [(1, police, "Good"), (2, police, "Inadequate")])
    with pytest.raises(ValidationError, match="Case 1 has a grade for Police"):
        services.audit_save(audit, agencies=[schools])
    (summary,) = overview()
    ((agency, shares),) = summary.by_agency
    assert agency == "Police" and shares.good_or_better_share == 0.5


def test_an_area_with_no_action_and_no_reason_is_flagged_and_the_others_not():
    theme = ThemeFactory()
    audit = make_audit()
    action = ActionFactory(review=audit.review)
    add_findings(
        audit,
        [
            (FindingKind.STRENGTH, "Good multi-agency chronology.", theme, None, ""),
            (FindingKind.AREA, "Fathers not seen.", theme, action, ""),
            (
                FindingKind.AREA,
                "Minutes late.",
                theme,
                None,
                "Already addressed by new minute-taker.",
            ),
            (FindingKind.AREA, "Voice of the child missing.", theme, None, "   "),
        ],
    )
    (summary,) = overview()
    assert [area.needs_response for area in summary.areas] == [False, False, True]
    assert summary.areas[0].action["reference"] == action.reference
    assert selectors.audits_summary([summary])["areas_needing_response"] == 1
    flagged = Finding.objects.filter(selectors_needs_response())
    assert [f.text for f in flagged] == ["Voice of the child missing."]


def selectors_needs_response():
    from audits.models import needs_response_q

    return needs_response_q()


def test_a_strength_takes_no_action_and_an_area_not_both():
    theme = ThemeFactory()
    audit = make_audit()
    action = ActionFactory(review=audit.review)
    with pytest.raises(ValidationError, match="A strength needs no action"):
        add_findings(audit, [(FindingKind.STRENGTH, "Good.", theme, action, "")])
    with pytest.raises(ValidationError, match="not both"):
        add_findings(audit, [(FindingKind.AREA, "Late.", theme, action, "Because")])
    assert not Finding.objects.exists()


def test_nothing_personal_can_be_recorded_of_a_case():
    """A case is its number and its grades: no field holds text about a case, and a case
    'number' that is initials or a date of birth is refused."""
    text_fields = {
        (model.__name__, field.name)
        for model in (Audit, AuditCase, AgencyGrade)
        for field in model._meta.concrete_fields
        if field.get_internal_type() in ("CharField", "TextField")
    }
    assert text_fields == set()
    audit = make_audit(cases=3)
    for written in ("J.S.", "03/04/2015", "Case of J Smith"):
        with pytest.raises(ValidationError):
            services.audit_save(audit, cases=[AuditCase(number=written, grade=grade("Good"))])
    assert not AuditCase.objects.exists()
    names = {
        field.name
        for model in (Audit, AuditCase, AgencyGrade, Finding)
        for field in model._meta.get_fields()
    }
    assert not names & {"name", "initials", "date_of_birth", "dob", "child", "family"}


def test_each_change_is_recorded_with_its_note():
    audit = make_audit(grades=["Good"])
    assert audit.history.get().history_change_reason == "Audit added"
    assert AuditCase.history.get().history_change_reason == "Audit added"
