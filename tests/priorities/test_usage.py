"""An agency that leads a priority, was asked a challenge or signed a yearly report off, and a
theme a priority carries, are in use: deleting one is refused and says what uses it, and a merge
moves them, each change in its own history."""

import datetime

import pytest

from challenges import services as challenge_services
from challenges.models import Challenge
from priorities import services as priority_services
from priorities.models import DeliveryPlan, Priority
from reviews import services
from reviews.services import InUse
from tests.factories import AgencyFactory, ThemeFactory
from yearly import services as yearly_services
from yearly.models import SignOff, YearlyReport

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def uses():
    police, council = AgencyFactory(name="Police"), AgencyFactory(name="Council")
    neglect, early_help = ThemeFactory(name="Neglect"), ThemeFactory(name="Early help")
    plan = priority_services.plan_save(
        DeliveryPlan(title="2025–2027 plan", starts_on=D(2025, 4, 1), ends_on=D(2027, 3, 31))
    )
    priority = priority_services.priority_save(
        Priority(plan=plan, position=1, title="Neglect", aim="Seen early.", lead_role="Head",
                 lead_agency=police),
        themes=[neglect],
    )  # fmt: skip
    challenge = challenge_services.challenge_save(
        Challenge(raised_on=D(2026, 1, 5), question="How?", agency=police)
    )
    report = yearly_services.report_save(YearlyReport(starts_on=D(2025, 4, 1)))
    sign_off = yearly_services.sign_off_save(
        SignOff(report=report, role="Chief Constable", agency=police, signed_on=D(2026, 5, 1))
    )
    return locals()


def test_an_agency_in_use_is_not_deleted_and_says_what_uses_it(uses):
    with pytest.raises(InUse) as refused:
        services.agency_delete(agency=uses["police"])
    said = str(refused.value)
    assert "leads 1 priority (Neglect)" in said
    assert "was asked 1 challenge" in said
    assert "signed off 1 yearly report" in said


def test_a_merge_moves_the_priority_the_challenge_and_the_sign_off(uses):
    moved = services.agency_merge(agency=uses["police"], into=uses["council"])
    assert moved["others"] == 3
    note = "Agency “Police” merged into “Council”"
    for model in (Priority, Challenge, SignOff):
        assert model.history.filter(history_change_reason=note).count() == 1
    assert Priority.objects.get().lead_agency == uses["council"]
    assert Challenge.objects.get().agency == uses["council"]
    assert SignOff.objects.get().agency == uses["council"]


def test_a_theme_a_priority_carries_is_kept_and_merged(uses):
    with pytest.raises(InUse, match="1 priority"):
        services.theme_delete(theme=uses["neglect"])
    services.theme_merge(theme=uses["neglect"], into=uses["early_help"])
    assert list(Priority.objects.get().themes.all()) == [uses["early_help"]]
