"""The demo's partnership dataset: sixteen indicators across the four demo themes, each with a
figure for the last eight financial quarters, the latest being the latest complete quarter on the
day the demo is loaded.

The story the committee reads in it: most measures are improving; initial health assessments for
children becoming looked after are red and getting worse (with commentary and corrective
action); health's attendance at strategy discussions is red but improving; re-referrals are amber;
one red latest figure (Operation Encompass) has no commentary yet, the data-quality gap the
scorecard flags. A small number (private fostering) is suppressed in an older quarter.

Each quarter's figures are recorded through dataset.services about six weeks after its end
(never later than yesterday), provisional, and validated when the next quarter's are recorded,
so that the scorecard "as at" an earlier day shows the figures as they stood then. No names of
children or families and no case facts: counts and rates only. Deterministic: no random numbers.
"""

from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.utils import timezone

from reviews.models import Agency, Theme

from . import services
from .models import DatasetUpload, Figure, Indicator
from .periods import Period
from .vocabulary import Frequency, PeriodKind, Polarity, Unit, Validation

QUARTERS = 8
# Figures are gathered, checked and recorded about six weeks after a quarter ends.
RECORDED_AFTER = timedelta(weeks=6)
CREATED_NOTE = "Added to the partnership dataset"
RECORDED_NOTE = "Quarterly figures reported by the source agency"
VALIDATED_NOTE = "Figure validated by the source agency"

# The child population (0 to 17) the rates per 10,000 are of: the mid-year estimate in force for
# the first four quarters, then the next year's.
POPULATION = (52_340, 52_610)

IS, PC, TE, WR = (
    "information-sharing",
    "professional-curiosity",
    "thresholds-and-escalations",
    "working-with-resistance",
)

# Each indicator: its fields, then for each of the eight quarters (oldest first) its value, or
# its numerator and denominator from which the value is worked out, and the commentary and
# corrective action given for some quarters (by index, 0 the oldest, 7 the latest). Comparators
# are the published figures in force for the first four quarters and for the last four. Every
# red figure has commentary and corrective action but one: D09's latest, the gap.
REFERRALS = [672, 702, 686, 725, 711, 683, 702, 668]
CP_CHILDREN = [266, 257, 251, 246, 243, 241, 239, 232]

INDICATORS = [
    {
        "reference": "D01",
        "name": "Contacts received by the children's front door",
        "definition": (
            "Every contact about a child received by the Multi-Agency Safeguarding Hub in the "
            "quarter, from any source, whatever its outcome."
        ),
        "unit": Unit.NUMBER,
        "polarity": Polarity.CONTEXT,
        "agency": "local-authority",
        "themes": [TE, IS],
        "owner_role": "Head of the Multi-Agency Safeguarding Hub",
        "values": [3120, 3385, 3010, 3290, 3405, 3560, 3240, 3475],
        "commentary": {
            7: (
                "Contacts rose 7% on the quarter and are in line with the same quarter last "
                "year. Police and schools remain the largest sources."
            ),
        },
    },
    {
        "reference": "D02",
        "name": "Referrals to children's social care per 10,000 children",
        "definition": (
            "Contacts accepted as referrals in the quarter, per 10,000 children aged 0 to 17 "
            "(numerator: referrals; denominator: the child population)."
        ),
        "unit": Unit.RATE,
        "polarity": Polarity.CONTEXT,
        "agency": "local-authority",
        "themes": [TE],
        "owner_role": "Head of the Multi-Agency Safeguarding Hub",
        "numerators": REFERRALS,
        "denominators": [POPULATION[0]] * 4 + [POPULATION[1]] * 4,
        "per": 10_000,
        "comparators": ((135.0, 139.5, 131.2), (133.8, 137.0, 130.4)),
    },
    {
        "reference": "D03",
        "name": "Re-referrals within 12 months of a previous referral",
        "definition": (
            "Referrals in the quarter about a child who had been referred in the 12 months "
            "before, as a percentage of all referrals in the quarter."
        ),
        "unit": Unit.PERCENTAGE,
        "polarity": Polarity.LOWER,
        "target": 20,
        "tolerance": 2.5,
        "agency": "local-authority",
        "themes": [TE, PC],
        "owner_role": "Head of the Multi-Agency Safeguarding Hub",
        "percentages": [24.6, 23.7, 22.4, 22.1, 21.7, 21.2, 20.9, 21.8],
        "denominators": REFERRALS,
        "comparators": ((22.4, 21.6, 20.9), (21.9, 21.3, 20.7)),
        "commentary": {
            0: (
                "Re-referrals are above target and above England and our statistical "
                "neighbours. A dip sample of re-referrals found cases closed without an agreed "
                "plan for the family's continuing support."
            ),
            1: (
                "Down almost a point, but still above tolerance. The step-down protocol is in "
                "place; its effect is expected over the next two quarters."
            ),
            2: "Within tolerance for the first time in the dataset, and still falling.",
            7: (
                "Up 0.9 points on the quarter, above target but within tolerance. Most "
                "re-referrals were for domestic abuse concerns; the front door is auditing "
                "whether those cases were closed too soon."
            ),
        },
        "corrective_action": {
            0: (
                "Step-down to early help agreed with the family and the receiving service "
                "before a case is closed; closures audited monthly by the front door's service "
                "manager."
            ),
            1: "Monthly closure audit continues; results reported to the performance group.",
            7: (
                "Audit of domestic abuse re-referrals, with police and the domestic abuse "
                "service, to report to the next performance group."
            ),
        },
    },
    {
        "reference": "D04",
        "name": "Average working days from referral to MASH decision",
        "definition": (
            "The mean number of working days between a referral being received and the "
            "Multi-Agency Safeguarding Hub's decision on what happens next."
        ),
        "unit": Unit.DAYS,
        "polarity": Polarity.LOWER,
        "target": 2,
        "tolerance": 0.5,
        "agency": "local-authority",
        "themes": [IS, TE],
        "owner_role": "Head of the Multi-Agency Safeguarding Hub",
        "values": [2.9, 2.6, 2.4, 2.2, 2.0, 1.9, 1.7, 1.5],
        "commentary": {
            0: (
                "Decisions are taking too long: checks with health partners were waiting for "
                "replies by email."
            ),
            1: "Improving as health checks move to the shared inbox and daily call.",
            4: "On target for the first time.",
        },
        "corrective_action": {
            0: (
                "A daily multi-agency call in the MASH, with health, police and education, to "
                "complete checks the same day."
            ),
            1: "Daily call embedded; health's shared inbox staffed every working day.",
        },
    },
    {
        "reference": "D05",
        "name": "Child and family assessments completed within 45 working days",
        "definition": (
            "Assessments completed in the quarter within 45 working days of the referral, as a "
            "percentage of all assessments completed in the quarter."
        ),
        "unit": Unit.PERCENTAGE,
        "polarity": Polarity.HIGHER,
        "target": 85,
        "tolerance": 5,
        "agency": "local-authority",
        "themes": [PC],
        "owner_role": "Head of Assessment and Intervention",
        "percentages": [76.2, 78.9, 81.4, 83.0, 84.1, 86.3, 87.5, 88.2],
        "denominators": [598, 631, 612, 655, 640, 622, 648, 636],
        "comparators": ((82.1, 84.0, 83.2), (82.4, 84.6, 83.5)),
        "commentary": {
            0: (
                "Below target: vacancies in two assessment teams, covered by agency social "
                "workers, meant caseloads above 25."
            ),
            1: "Still red but improving as permanent social workers start in post.",
            5: "On target, and above England and our statistical neighbours.",
        },
        "corrective_action": {
            0: (
                "Weekly tracking of every assessment past 35 working days by team managers; "
                "recruitment of permanent social workers."
            ),
            1: "Weekly tracking continues; caseloads now below 22 on average.",
        },
    },
    {
        "reference": "D06",
        "name": "Children subject to a child protection plan per 10,000 children",
        "definition": (
            "Children subject to a child protection plan on the last day of the quarter, per "
            "10,000 children aged 0 to 17. The partnership expects a rate close to its "
            "statistical neighbours': within the range, neither too high nor too low."
        ),
        "unit": Unit.RATE,
        "polarity": Polarity.RANGE,
        "target": 35,
        "target_high": 45,
        "tolerance": 3,
        "agency": "local-authority",
        "themes": [TE, WR],
        "owner_role": "Head of Child Protection and Reviewing",
        "numerators": CP_CHILDREN,
        "denominators": [POPULATION[0]] * 4 + [POPULATION[1]] * 4,
        "per": 10_000,
        "comparators": ((41.6, 45.3, 42.9), (41.0, 44.6, 42.1)),
        "commentary": {
            0: (
                "Above the range and above our statistical neighbours. Plans are lasting "
                "longer than they need to: a quarter have been open for more than 18 months."
            ),
            1: "Falling, still above the range's tolerance.",
            7: "Inside the range for the first time in the dataset.",
        },
        "corrective_action": {
            0: (
                "Every plan open for more than 15 months reviewed by the conference chair and "
                "the team manager, with a clear outcome for the next conference."
            ),
            1: "Long-plan reviews continue; the first round is complete.",
        },
    },
    {
        "reference": "D07",
        "name": "Children becoming subject to a plan for a second or subsequent time",
        "definition": (
            "Children starting a child protection plan in the quarter who had been subject to "
            "one before (at any time), as a percentage of all children starting a plan."
        ),
        "unit": Unit.PERCENTAGE,
        "polarity": Polarity.LOWER,
        "target": 18,
        "tolerance": 3,
        "agency": "local-authority",
        "themes": [WR, PC],
        "owner_role": "Head of Child Protection and Reviewing",
        "percentages": [24.4, 22.7, 20.9, 20.2, 19.6, 18.9, 18.1, 17.2],
        "denominators": [82, 75, 86, 79, 92, 74, 83, 87],
        "comparators": ((23.8, 22.5, 21.9), (23.6, 22.1, 21.4)),
        "commentary": {
            0: (
                "Above tolerance. The audit of repeat plans found plans ended when parents "
                "complied for a short time, before change was sustained."
            ),
            1: "Above tolerance, falling. Guidance on ending plans issued to conference chairs.",
        },
        "corrective_action": {
            0: (
                "Conference chairs to test evidence of sustained change before a plan ends; "
                "a multi-agency audit of repeat plans in the next quarter."
            ),
            1: "Multi-agency audit of repeat plans under way.",
        },
    },
    {
        "reference": "D08",
        "name": "Child protection visits within 10 working days",
        "definition": (
            "Children on a child protection plan at the end of the quarter whose last visit was "
            "within 10 working days, as a percentage of all children on a plan."
        ),
        "unit": Unit.PERCENTAGE,
        "polarity": Polarity.HIGHER,
        "target": 90,
        "tolerance": 5,
        "agency": "local-authority",
        "themes": [WR, PC],
        "owner_role": "Head of Child Protection and Reviewing",
        "percentages": [84.2, 86.0, 87.3, 88.1, 89.4, 90.6, 91.2, 92.5],
        "denominators": CP_CHILDREN,
        "commentary": {
            0: (
                "Below tolerance: visits were missed where families did not engage and a "
                "second attempt was not made in time."
            ),
        },
        "corrective_action": {
            0: (
                "A missed visit is followed up within two working days, with a joint visit "
                "where a family has refused access; reported weekly to team managers."
            ),
        },
    },
    {
        "reference": "D09",
        "name": "Operation Encompass notifications shared by the next school day",
        "definition": (
            "Police notifications of domestic abuse incidents involving a school-age child "
            "shared with the child's school before the start of the next school day, as a "
            "percentage of all such notifications."
        ),
        "unit": Unit.PERCENTAGE,
        "polarity": Polarity.HIGHER,
        "target": 95,
        "tolerance": 3,
        "agency": "police",
        "themes": [IS],
        "owner_role": "Detective Chief Inspector, Public Protection",
        "percentages": [89.5, 92.3, 92.8, 94.1, 95.3, 96.0, 96.4, 81.7],
        "denominators": [412, 455, 398, 437, 446, 471, 429, 458],
        "commentary": {
            0: (
                "Below tolerance: notifications from overnight incidents were held until the "
                "public protection unit's day shift."
            ),
            4: "On target for the first time.",
            # 7: none yet. The latest figure is red and unexplained: the gap.
        },
        "corrective_action": {
            0: "The overnight control room now sends notifications to schools from 7am.",
        },
    },
    {
        "reference": "D10",
        "name": "Missing episodes with a return interview within 72 hours",
        "definition": (
            "Episodes of a child missing from home or care in the quarter where a return home "
            "interview was offered within 72 hours of the child's return, as a percentage of "
            "all episodes."
        ),
        "unit": Unit.PERCENTAGE,
        "polarity": Polarity.HIGHER,
        "target": 80,
        "tolerance": 10,
        "agency": "local-authority",
        "themes": [WR, PC],
        "owner_role": "Head of Adolescent Services",
        "percentages": [66.2, 68.9, 71.5, 74.0, 76.8, 79.2, 81.0, 82.6],
        "denominators": [188, 204, 176, 197, 211, 183, 195, 206],
        "commentary": {
            0: (
                "Below tolerance. The return interview service learns of a child's return "
                "late: the police notification reaches it a day or more after the child is "
                "found."
            ),
            1: "Still red, improving since notifications moved to the same day.",
            6: "On target for the first time.",
        },
        "corrective_action": {
            0: "Police to notify the return interview service of every return the same day.",
            1: "Same-day notifications in place; the service's rota extended to weekends.",
        },
    },
    {
        "reference": "D11",
        "name": "Initial health assessments within 20 working days",
        "definition": (
            "Children becoming looked after in the quarter whose initial health assessment was "
            "completed within 20 working days, as a percentage of all children becoming looked "
            "after in the quarter."
        ),
        "unit": Unit.PERCENTAGE,
        "polarity": Polarity.HIGHER,
        "target": 90,
        "tolerance": 10,
        "agency": "icb",
        "themes": [IS],
        "owner_role": "Designated Doctor for Looked After Children",
        "percentages": [72.0, 69.4, 66.7, 63.0, 58.8, 55.1, 50.0, 45.5],
        "denominators": [25, 36, 30, 27, 34, 29, 32, 22],
        "commentary": {
            0: (
                "Below target. Notifications that a child has become looked after reach the "
                "health team late, and consent forms are often missing."
            ),
            1: "Worse: the community paediatric team has two vacancies.",
            2: (
                "Worse again. Children placed outside the area wait longest: their assessment "
                "depends on another area's health team."
            ),
            3: "Still falling. A locum paediatrician starts next quarter.",
            4: (
                "Falling, although the locum is in post: half the delays are now in the "
                "notification and consent reaching the health team."
            ),
            5: "Worse. The paediatric vacancies remain; the locum has left.",
            6: (
                "Worse again, and escalated to the ICB's quality committee. Children placed "
                "outside the area make up most of the delays."
            ),
            7: (
                "The lowest in the dataset, and below a half of children assessed in time. "
                "The notification from children's social care now arrives within two working "
                "days; the remaining delay is appointment capacity in community paediatrics."
            ),
        },
        "corrective_action": {
            0: (
                "Children's social care to notify the health team of every child becoming "
                "looked after within one working day, with the consent form."
            ),
            1: "Recruitment to the paediatric vacancies; notification process agreed.",
            2: "Reciprocal arrangements with neighbouring areas' health teams being agreed.",
            3: "A locum paediatrician appointed; weekly tracking of every assessment due.",
            4: "Notification and consent audited with children's social care each month.",
            5: "Locum cover sought again; escalated to the ICB's chief nurse.",
            6: (
                "Recovery plan agreed by the ICB's quality committee: extra clinics each week "
                "until the backlog clears, tracked weekly by the designated doctor."
            ),
            7: (
                "Recovery plan in force: two extra clinics a week from this quarter, and a "
                "commissioned service for children placed outside the area. The ICB reports "
                "progress to each meeting of the partnership's executive."
            ),
        },
    },
    {
        "reference": "D12",
        "name": "Initial child protection conferences with a report from the child's school",
        "definition": (
            "Initial child protection conferences about a school-age child at which the "
            "child's school provided a written report, as a percentage of all such conferences."
        ),
        "unit": Unit.PERCENTAGE,
        "polarity": Polarity.HIGHER,
        "target": 90,
        "tolerance": 10,
        "agency": "education",
        "themes": [IS, PC],
        "owner_role": "Head of Education Safeguarding",
        "percentages": [76.5, 79.2, 81.0, 82.7, 83.9, 85.3, 86.0, 87.4],
        "denominators": [51, 48, 58, 52, 56, 47, 50, 55],
        "commentary": {
            0: (
                "Below tolerance: schools are given too little notice of conferences to "
                "prepare a report."
            ),
            1: "Improving; still below tolerance.",
            7: "Near target and improving each quarter.",
        },
        "corrective_action": {
            0: (
                "Conference invitations to schools sent with at least five working days' "
                "notice and the report template; designated safeguarding leads briefed."
            ),
            1: "Report template in use; schools' reports tracked by the conference service.",
        },
    },
    {
        "reference": "D13",
        "name": "Practitioners reporting changed practice three months after training",
        "definition": (
            "Practitioners answering the partnership's three-month follow-up survey after "
            "multi-agency training who say they have changed their practice, as a percentage "
            "of all who answered."
        ),
        "unit": Unit.PERCENTAGE,
        "polarity": Polarity.HIGHER,
        "target": 75,
        "tolerance": 10,
        "agency": "partnership",
        "themes": [PC, WR],
        "owner_role": "Partnership Learning and Development Lead",
        "percentages": [62.0, 64.1, 66.0, 68.2, 70.5, 72.4, 74.8, 77.1],
        "denominators": [142, 118, 160, 131, 155, 127, 149, 137],
        "commentary": {
            0: (
                "Below tolerance. Practitioners said the courses explained procedures but gave "
                "too little practice in difficult conversations."
            ),
            1: "Still red, improving as the redesigned courses start.",
            7: "On target for the first time, after the courses were redesigned.",
        },
        "corrective_action": {
            0: (
                "Courses redesigned around practice scenarios from the partnership's reviews, "
                "with a follow-up learning session after three months."
            ),
            1: "Redesigned courses running; follow-up sessions offered to every attendee.",
        },
    },
    {
        "reference": "D14",
        "name": "Escalations under the resolving professional differences protocol",
        "definition": (
            "Escalations made under the partnership's protocol for resolving professional "
            "differences in the quarter, by any agency."
        ),
        "unit": Unit.NUMBER,
        "polarity": Polarity.HIGHER,
        "agency": "partnership",
        "themes": [TE],
        "owner_role": "Partnership Business Manager",
        "values": [9, 12, 11, 15, 14, 18, 17, 21],
        "commentary": {
            7: (
                "No target: the partnership wants the protocol used, not a quota of "
                "escalations. More escalations are read as growing confidence to challenge; "
                "each is reviewed by the quality assurance group."
            ),
        },
    },
    {
        "reference": "D15",
        "name": "Private fostering arrangements notified",
        "definition": (
            "New private fostering arrangements notified to the local authority in the quarter."
        ),
        "unit": Unit.NUMBER,
        "polarity": Polarity.CONTEXT,
        "agency": "local-authority",
        "themes": [PC],
        "owner_role": "Head of Children in Care",
        "values": [7, 6, "suppressed", 5, 8, 6, 9, 7],
        "commentary": {
            2: "Fewer than five: the figure is not published, so that no child can be identified.",
            7: (
                "Notifications have risen since the awareness campaign with schools and "
                "language schools."
            ),
        },
    },
    {
        "reference": "D16",
        "name": "Strategy discussions with health present",
        "definition": (
            "Strategy discussions in the quarter at which a health professional took part, as "
            "a percentage of all strategy discussions."
        ),
        "unit": Unit.PERCENTAGE,
        "polarity": Polarity.HIGHER,
        "target": 90,
        "tolerance": 5,
        "agency": "health-providers",
        "themes": [IS, TE],
        "owner_role": "Named Nurse for Safeguarding Children",
        "percentages": [71.3, 74.0, 76.2, 77.5, 79.8, 81.6, 82.9, 84.1],
        "denominators": [178, 192, 169, 185, 201, 176, 188, 195],
        "commentary": {
            0: (
                "Health is missing from more than a quarter of strategy discussions, most of "
                "them arranged at short notice."
            ),
            1: "Improving slightly; a duty rota for the safeguarding nurses is being agreed.",
            2: "Improving; the duty rota covers weekdays.",
            3: "Improving; short-notice discussions after 4pm are still missed.",
            4: "Improving; the rota now runs until 6pm.",
            5: "Improving; attendance by phone accepted where a nurse cannot attend.",
            6: "Improving, still below tolerance.",
            7: (
                "Red, though improving every quarter and now within a point of tolerance. The "
                "remaining gaps are discussions held out of hours."
            ),
        },
        "corrective_action": {
            0: "A duty rota of safeguarding nurses for strategy discussions.",
            1: "Duty rota to start next quarter.",
            2: "Duty rota extended; attendance tracked weekly by the named nurse.",
            3: "Rota to run until 6pm from next quarter.",
            4: "Out-of-hours attendance discussed with the emergency duty team.",
            5: "Agreement with the emergency duty team on calling the on-call nurse.",
            6: "On-call nurse called for out-of-hours discussions from next quarter.",
            7: (
                "On-call arrangement for out-of-hours discussions in force; the named nurse "
                "reports attendance to each performance group."
            ),
        },
    },
]

THEME_SLUGS = sorted({slug for spec in INDICATORS for slug in spec["themes"]})
AGENCY_SLUGS = sorted({spec["agency"] for spec in INDICATORS})


class DemoContentMissing(Exception):
    """The demo's themes or agencies are not in the database."""


def quarter_containing(day):
    """The financial quarter the day falls in."""
    return Period(date(day.year, (day.month - 1) // 3 * 3 + 1, 1), PeriodKind.QUARTER)


def quarter_before(period):
    start = period.start
    month = start.month - 3
    year = start.year
    if month < 1:
        month += 12
        year -= 1
    return Period(date(year, month, 1), PeriodKind.QUARTER)


def demo_quarters(today, count=QUARTERS):
    """The `count` financial quarters ending with the latest complete one on `today`, oldest
    first: for a day in December 2026, Q3 2024/25 to Q2 2026/27."""
    periods = [quarter_before(quarter_containing(today))]
    while len(periods) < count:
        periods.append(quarter_before(periods[-1]))
    return periods[::-1]


def recorded_on(period, today):
    """The day a quarter's figures were recorded: six weeks after it ended, or yesterday if
    that is not yet past."""
    return min(period.end + RECORDED_AFTER, today - timedelta(days=1))


def _decimal(value, places="0.1"):
    return Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def figure_values(spec):
    """Each quarter's (value, numerator, denominator, suppressed), oldest first."""
    rows = []
    denominators = spec.get("denominators", [None] * QUARTERS)
    if "percentages" in spec:
        # The count a percentage is of: the numerator that gives it, and the value it gives.
        numerators = [
            round(Decimal(str(p)) * d / 100)
            for p, d in zip(spec["percentages"], denominators, strict=True)
        ]
        per = 100
    else:
        numerators = spec.get("numerators")
        per = spec.get("per")
    if numerators is not None:
        for numerator, denominator in zip(numerators, denominators, strict=True):
            value = _decimal(Decimal(numerator) * per / Decimal(denominator))
            rows.append((value, Decimal(numerator), Decimal(denominator), False))
        return rows
    for value in spec["values"]:
        if value == "suppressed":
            rows.append((None, None, None, True))
        else:
            rows.append(
                (_decimal(value, "0.1" if spec["unit"] == Unit.DAYS else "1"), None, None, False)
            )
    return rows


def _optional(value):
    return None if value is None else Decimal(str(value))


def load(*, today, user):
    """Create the demo's indicators and their figures for the eight quarters ending with the
    latest complete quarter on `today`, each recorded by `user` at the time it was reported;
    return the indicators. Refused (DemoContentMissing) when the demo's themes and agencies are
    not there."""
    themes = {theme.slug: theme for theme in Theme.objects.filter(slug__in=THEME_SLUGS)}
    agencies = {agency.slug: agency for agency in Agency.objects.filter(slug__in=AGENCY_SLUGS)}
    missing = sorted(set(THEME_SLUGS) - set(themes)) + sorted(set(AGENCY_SLUGS) - set(agencies))
    if missing:
        raise DemoContentMissing(
            "The demo's dataset needs the demo's themes and agencies; missing: "
            f"{', '.join(missing)}."
        )
    periods = demo_quarters(today)

    def moment(day, minutes):
        return timezone.make_aware(datetime.combine(day, time(10, 0))) + timedelta(minutes=minutes)

    created = moment(recorded_on(periods[0], today) - timedelta(days=14), 0)
    indicators = []
    for spec in INDICATORS:
        indicator = Indicator(
            reference=spec["reference"],
            name=spec["name"],
            definition=spec["definition"],
            unit=spec["unit"],
            polarity=spec["polarity"],
            target=_optional(spec.get("target")),
            target_high=_optional(spec.get("target_high")),
            tolerance=_optional(spec.get("tolerance")),
            frequency=Frequency.QUARTERLY,
            source_agency=agencies[spec["agency"]],
            owner_role=spec["owner_role"],
        )
        services.indicator_save(
            indicator,
            themes=[themes[slug] for slug in spec["themes"]],
            user=user,
            note=CREATED_NOTE,
            at=created,
        )
        indicators.append((indicator, spec, figure_values(spec)))

    # Quarter by quarter, in the order they happened: the quarter before's figures validated,
    # then this quarter's recorded, provisional.
    previous = {}
    for index, period in enumerate(periods):
        day = recorded_on(period, today)
        published = 0 if index < QUARTERS // 2 else 1  # which comparators were in force
        for position, (indicator, spec, rows) in enumerate(indicators):
            at = moment(day, 2 * position)
            if indicator.pk in previous:
                figure = previous[indicator.pk]
                figure.validation = Validation.VALIDATED
                services.figure_save(figure, user=user, note=VALIDATED_NOTE, at=at)
            value, numerator, denominator, suppressed = rows[index]
            comparators = spec.get("comparators", ((None,) * 3, (None,) * 3))[published]
            england, neighbours, region = (_optional(c) for c in comparators)
            figure = Figure(
                indicator=indicator,
                period_kind=period.kind,
                period_start=period.start,
                value=value,
                suppressed=suppressed,
                numerator=numerator,
                denominator=denominator,
                england=england,
                statistical_neighbours=neighbours,
                region=region,
                commentary=spec.get("commentary", {}).get(index, ""),
                corrective_action=spec.get("corrective_action", {}).get(index, ""),
                validation=Validation.PROVISIONAL,
            )
            services.figure_save(
                figure, user=user, note=RECORDED_NOTE, at=at + timedelta(minutes=1)
            )
            previous[indicator.pk] = figure
    return [indicator for indicator, _, _ in indicators]


def delete_all():
    """Delete the whole dataset: figures, indicators, their history and pending uploads."""
    Figure.objects.all().delete()
    Indicator.themes.through.objects.all().delete()
    Indicator.objects.all().delete()
    apps.get_model("dataset", "HistoricalIndicator_themes").objects.all().delete()
    Figure.history.all().delete()
    Indicator.history.all().delete()
    DatasetUpload.objects.all().delete()
