import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from reviews.models import ReminderSent, Status
from tests.factories import ActionFactory, AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "https://actions.example.org/"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def run(*args):
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def make_plan():
    today = timezone.localdate()
    police, council = AgencyFactory(name="Police"), AgencyFactory(name="Council")
    lead = UserFactory(username="police-lead", email="lead@police.example.org")
    police.leads.add(lead)
    other = UserFactory(username="council-lead", email="lead@council.example.org")
    council.leads.add(other)
    days = datetime.timedelta
    return {
        "overdue": ActionFactory(lead_agency=police, target_date=today - days(3)),
        "soon": ActionFactory(lead_agency=police, target_date=today + days(10)),
        "later": ActionFactory(lead_agency=police, target_date=today + days(60)),
        "done": ActionFactory(
            lead_agency=police,
            status=Status.GREEN,
            target_date=today - days(1),
            completed_on=today - days(2),
        ),  # fmt: skip
        "council_later": ActionFactory(lead_agency=council, target_date=today + days(90)),
        "lead": lead,
    }


def test_each_lead_gets_one_digest_of_overdue_and_due_soon_actions_with_links():
    plan = make_plan()

    output = run()

    assert output.strip() == "Sent 1 reminder."
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lead@police.example.org"]
    assert message.subject == "Safeguarding actions: 1 overdue, 1 due within 28 days"
    assert f"https://actions.example.org/actions/{plan['overdue'].pk}/" in message.body
    assert f"https://actions.example.org/actions/{plan['soon'].pk}/" in message.body
    assert f"/actions/{plan['later'].pk}/" not in message.body
    assert f"/actions/{plan['done'].pk}/" not in message.body


def test_running_twice_in_a_day_sends_nothing_new():
    make_plan()
    run()
    assert run().strip() == "Sent 0 reminders."
    assert len(mail.outbox) == 1
    assert ReminderSent.objects.count() == 1


def test_the_days_flag_widens_the_window():
    plan = make_plan()

    run("--days", "100")

    assert len(mail.outbox) == 2
    police = next(m for m in mail.outbox if m.to == ["lead@police.example.org"])
    assert f"/actions/{plan['later'].pk}/" in police.body


def test_leads_without_an_email_or_anything_due_get_nothing():
    plan = make_plan()
    plan["lead"].email = ""
    plan["lead"].save()
    assert run().strip() == "Sent 0 reminders."


def test_a_silly_window_is_refused():
    with pytest.raises(CommandError, match="--days must be between 0 and 366"):
        run("--days", "-1")
