"""The demo's yearly report: the written parts of the report for the last full April–March year
that could have been written, signed off and published by today, so that the demo's yearly
report reads as a real one.

That year is the last to have ended at least thirteen weeks before today (2025-26, from 1 April
2025, for a day in December 2026): the partnership writes its report in the weeks after the
year's end. The voice of children and families is written five weeks after the year's end and
the independent scrutineer's assessment six weeks after; the three lead safeguarding partners
sign it off, by role, in the eighth and ninth weeks; it is published in the tenth week and sent
to the national Child Safeguarding Practice Review Panel in the eleventh. Each is recorded when
it happened, through yearly.services with `at=`, all before today. No names or case facts.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from reviews.models import Agency

from . import services
from .models import SignOff, YearlyReport

WRITTEN_WEEKS = 13  # a year's report is written, signed off and sent within this after its end

VOICE_NOTE = "The voice of children and families written"
ASSESSMENT_NOTE = "The independent scrutineer's assessment written"
SIGN_OFF_NOTE = "Signed off by the lead safeguarding partner"
PUBLISHED_NOTE = "Publication recorded"
SENT_NOTE = "Sent to the national Child Safeguarding Practice Review Panel"

VOICE_OF_CHILDREN = """\
This year the partnership asked children and families directly, rather than relying on what \
professionals said about them. Children in care and care leavers met the partnership's business \
manager three times through the children in care council; young people supported by the youth \
offending service answered a short survey; and parents who had been through a child protection \
conference were invited to a conversation with an independent advocate afterwards. Forty-three \
parents took up that invitation.

Children told us that they do not always know why a worker is visiting or what will happen \
next, and that they want to be seen on their own, somewhere they choose. Parents told us that \
conference reports sometimes reached them on the morning of the meeting, which left them no \
time to understand or challenge what was written, and that a change of social worker meant \
telling their story again.

What changed as a result: conference reports are now shared with parents at least two working \
days before the conference, and the conference service checks this; the learning session on \
professional curiosity was rewritten around what children said about being seen alone; and the \
children in care council helped write the questions in the partnership's practitioner survey. \
We have not yet heard enough from fathers, from children with disabilities or from families \
whose first language is not English, and the partnership's next plan makes the child's voice a \
priority of its own."""

SCRUTINEER_ASSESSMENT = """\
The safeguarding arrangements are working, and are stronger than a year ago. The three lead \
safeguarding partners now meet every quarter, attend the executive in person, and have accepted \
challenge openly: most of the questions I put were answered within a month. The \
partnership's dataset is now used to ask questions rather than only reported, and the \
multi-agency audit programme has tested practice in the areas the reviews identified.

The reviews' action plans are largely complete: most actions from the earlier reviews are \
embedded, and the evidence for each has been checked by the quality assurance group rather than \
taken on trust. The most recent review's actions are in progress and on course, but none of the \
work on seeing the whole family is yet complete, and the partnership should not describe that \
priority as on track until it is.

Two areas concern me. Initial health assessments for children coming into care fell through the \
year and remain well below target; the recovery plan is credible but has yet to show results. \
And the proportion of children subject to a second child protection plan has fallen but \
remains above target; the local authority should show the partnership what it has learned from \
those children's plans.

The learning programme reached more practitioners than in any earlier year, and follow-ups show \
practice changing. It still does not reach GP practices or schools well enough, and online \
sessions are half empty. In the coming year I will scrutinise the partnership's response to \
harm outside the home, the new plan's first priority, and test whether the voice of children \
and families is shaping decisions and not only being recorded."""

# The lead safeguarding partners who sign the report off, by role: the agency (slug), the role,
# and the days after the year's end they signed.
SIGN_OFFS = [
    ("local-authority", "Director of Children's Services", 53),
    ("icb", "Chief Nurse", 57),
    ("police", "Detective Superintendent, Public Protection (for the Chief Constable)", 60),
]
VOICE_DAYS, ASSESSMENT_DAYS, PUBLISHED_DAYS, SENT_DAYS = 35, 42, 67, 74


class DemoContentMissing(Exception):
    """The demo's agencies, which the sign-offs name, are not there."""


def moment(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def report_year_start(today):
    """The 1 April starting the last April–March year that ended at least WRITTEN_WEEKS before
    today."""
    latest_end = today - timedelta(weeks=WRITTEN_WEEKS)
    end_year = (
        latest_end.year if latest_end >= date(latest_end.year, 3, 31) else latest_end.year - 1
    )
    return date(end_year - 1, 4, 1)


def load(*, today, scrutineer, manager):
    """Create the demo's yearly report for the last year written by `today` (report_year_start):
    its voice of children and families (by `manager`), the scrutineer's assessment (by
    `scrutineer`), the sign-offs, publication and sending to the panel (by `manager`), each when
    it happened; return the report. Refused (DemoContentMissing) when the agencies are absent."""
    agencies = {a.slug: a for a in Agency.objects.filter(slug__in=[s[0] for s in SIGN_OFFS])}
    missing = sorted({s[0] for s in SIGN_OFFS} - set(agencies))
    if missing:
        raise DemoContentMissing(
            f"The demo's yearly report needs the demo's agencies; missing: {', '.join(missing)}."
        )
    starts_on = report_year_start(today)
    year_end = date(starts_on.year + 1, 3, 31)

    def day(after):
        return year_end + timedelta(days=after)

    report = YearlyReport(starts_on=starts_on, voice_of_children=VOICE_OF_CHILDREN)
    services.report_save(report, user=manager, note=VOICE_NOTE, at=moment(day(VOICE_DAYS), 16))
    report.scrutineer_assessment = SCRUTINEER_ASSESSMENT
    services.report_save(
        report, user=scrutineer, note=ASSESSMENT_NOTE, at=moment(day(ASSESSMENT_DAYS), 17)
    )
    for slug, role, after in SIGN_OFFS:
        services.sign_off_save(
            SignOff(report=report, role=role, agency=agencies[slug], signed_on=day(after)),
            user=manager,
            note=SIGN_OFF_NOTE,
            at=moment(day(after), 15),
        )
    report.published_on = day(PUBLISHED_DAYS)
    services.report_save(
        report, user=manager, note=PUBLISHED_NOTE, at=moment(report.published_on, 10)
    )
    report.sent_to_panel_on = day(SENT_DAYS)
    services.report_save(
        report, user=manager, note=SENT_NOTE, at=moment(report.sent_to_panel_on, 10)
    )
    return report
