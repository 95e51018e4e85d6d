"""The demo's delivery plans: the seed's 2022–2024 delivery plan, in force today, and the plan
that follows it, upcoming.

The story, in one line each. The minutes say the dataset was gathered "to form the basis of the
2022-2024 LSCP delivery plan": the plan was adopted on 1 April 2022 to run to 31 March 2024. On
1 March 2024 the partnership's executive extended it to the end of the April–March year in force
today (31 March 2027 for a day in 2026-27) while the new arrangements under Working Together 2023
were put in place and the next plan agreed; the extension is a change in the plan's history, with
its note. So the 2022–2024 plan is the current plan, and its title keeps the name the
partnership gave it. The next plan, which the issue and the partnership call the "2025–2027
delivery plan" (the name it was given when its drafting began), was agreed in draft on the 1 March
before the last full April–March year ended (so that year's report names it as the priorities for
the year ahead), starts on the 1 April after today and runs for two years, so it is upcoming; its
priorities have aims and leads, nothing linked yet.

The current plan has four priorities, one for each of the reviews' four themes, in order. Each
is linked to the demo's actions (by review name and reference), indicators (by reference),
audits (by name: working with resistance) and learning sessions (by title) that serve it. Each
priority was set when the plan was adopted; its links and a progress note were added at each
quarter's review over the last year, a few days after the quarter's end, linking what existed by
then: so the priorities "as at" an earlier day are as they stood then, and their history holds a
note for each quarter. The professional curiosity priority (seeing the whole family) is linked
only to actions still in progress, mostly Leo's, ratified last: nothing complete among its
actions, so it is an "area of little or no progress". Deterministic; no names or case facts.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Min
from django.utils import timezone

from audits.models import Audit
from dataset.models import Indicator
from learning.models import LearningSession
from reviews.models import Action, Agency, Theme

from . import services
from .models import DeliveryPlan, Priority

IS, PC, TE, WR = (
    "information-sharing",
    "professional-curiosity",
    "thresholds-and-escalations",
    "working-with-resistance",
)
FRANKIE, SAM_AND_KYLE, LEO, PEER_REVIEW = (
    "Frankie",
    "Sam and Kyle",
    "Leo",
    "Partnership peer review",
)

ADOPTED_NOTE = "Delivery plan adopted by the partnership's executive"
EXTENDED_NOTE = (
    "Extended by the partnership's executive while the new arrangements under Working Together "
    "2023 are put in place and the next delivery plan is agreed"
)
PRIORITY_NOTE = "Priority set in the delivery plan"
QUARTER_NOTE = "Quarterly review: progress note and links updated"
UPCOMING_NOTE = "Draft agreed by the partnership's executive"

CURRENT_PLAN = {
    "title": "2022–2024 delivery plan",
    "slug": "2022-2024-delivery-plan",
    "starts_on": date(2022, 4, 1),
    "ends_on": date(2024, 3, 31),  # as adopted; extended (see extended_to)
    "extended_on": date(2024, 3, 1),
    "summary": (
        "The partnership's priorities drawn from the learning of its reviews and the peer "
        "review, and from the LSCP dataset: the four themes the reviews share."
    ),
}

# Each priority: its place, title, slug, aim, lead role and agency, themes, the records that
# serve it, and its progress notes for the last four quarters, oldest first.
PRIORITIES = [
    {
        "title": "Information reaches those who need it, when they need it",
        "slug": "information-sharing",
        "aim": (
            "Practitioners in every agency share what they know about a child promptly and "
            "with confidence, so that decisions at the front door, at strategy discussions and "
            "at conferences are made on the whole picture."
        ),
        "lead_role": "Head of the Multi-Agency Safeguarding Hub",
        "lead_agency": "local-authority",
        "themes": [IS],
        "actions": [
            (FRANKIE, "F1"),
            (FRANKIE, "F2"),
            (FRANKIE, "F3"),
            (FRANKIE, "F4"),
            (SAM_AND_KYLE, "SK11"),
            (SAM_AND_KYLE, "SK12"),
            (SAM_AND_KYLE, "SK13"),
            (LEO, "L3"),
            (LEO, "L9"),
            (LEO, "L10"),
            (PEER_REVIEW, "PR26"),
        ],  # fmt: skip
        "indicators": ["D04", "D09", "D11", "D12", "D16"],
        "audits": [],
        "sessions": [
            "Information sharing: learning from Frankie",
            "Information sharing: the seven golden rules in practice",
            "Information sharing: an introduction",
            "Information sharing: health and the front door",
            "Information sharing: consent, and when you do not need it",
        ],
        "notes": [
            "Frankie's and Sam and Kyle's information-sharing actions are embedded. Initial "
            "health assessments within 20 working days remain well below target and falling; "
            "the ICB has been asked for a recovery plan.",
            "Operation Encompass notifications are shared by the next school day in nearly all "
            "cases. The protocol between adult health services and children's services (Leo) "
            "is in draft.",
            "Strategy discussions with health present have improved for a third quarter. "
            "Initial health assessments have not: the recovery plan's extra clinics start "
            "next quarter.",
            "The joint working protocol between adult and children's social care is complete. "
            "Two of Leo's actions remain in progress and on course; initial health assessments "
            "remain the exception.",
        ],
    },
    {
        "title": "Seeing the whole family: curiosity about neglect and adults' needs",
        "slug": "seeing-the-whole-family",
        "aim": (
            "Practitioners look beyond what they are told: they ask who lives in the home, what "
            "adults' needs mean for the children, and what a day in the child's life is like, "
            "so that neglect is recognised early."
        ),
        "lead_role": "Designated Nurse, Safeguarding Children",
        "lead_agency": "icb",
        "themes": [PC],
        "actions": [
            (FRANKIE, "F8"),
            (FRANKIE, "F14"),
            (LEO, "L4"),
            (LEO, "L5"),
            (LEO, "L7"),
            (PEER_REVIEW, "PR25"),
        ],  # fmt: skip
        "indicators": ["D03", "D05", "D15"],
        "audits": [],
        "sessions": [
            "Professional curiosity: learning from Leo",
            "Professional curiosity: seeing the child",
            "Professional curiosity: respectful uncertainty",
            "Professional curiosity: who lives in the home",
            "Professional curiosity: learning from Leo (repeat)",
        ],
        "notes": [
            "Leo's review was ratified last quarter; its whole-family actions have started. "
            "Sessions on professional curiosity are under half full online.",
            "The neglect assessment tool is being piloted in two social work teams. The whole-"
            "family briefing is drafted but not yet agreed.",
            "Neglect screening at health visiting contacts has slipped to the autumn with the "
            "health visiting service's recruitment. None of the priority's actions is complete.",
            "Still nothing complete: all six actions are in progress and on course, but the "
            "executive has asked for the neglect tool's roll-out to be brought forward.",
        ],
    },
    {
        "title": "Thresholds are understood and disagreements resolved",
        "slug": "thresholds-and-escalations",
        "aim": (
            "Practitioners apply the threshold document consistently, step cases up and down "
            "safely, and escalate when they disagree with a decision, so that no child waits "
            "while professionals disagree."
        ),
        "lead_role": "Detective Chief Inspector, Public Protection",
        "lead_agency": "police",
        "themes": [TE],
        "actions": [
            (FRANKIE, "F9"),
            (FRANKIE, "F10"),
            (FRANKIE, "F11"),
            (SAM_AND_KYLE, "SK5"),
            (SAM_AND_KYLE, "SK6"),
            (SAM_AND_KYLE, "SK7"),
            (SAM_AND_KYLE, "SK8"),
            (LEO, "L12"),
            (LEO, "L13"),
            (PEER_REVIEW, "PR10"),
        ],  # fmt: skip
        "indicators": ["D01", "D02", "D14"],
        "audits": [],
        "sessions": [
            "Using the escalation policy: when professionals disagree",
            "Thresholds: making a good referral",
            "Escalation: a briefing for designated safeguarding leads",
            "Thresholds and escalations: resolving professional disagreement",
            "Thresholds: the continuum of need",
        ],
        "notes": [
            "The refreshed escalation policy and threshold document are embedded. Escalations "
            "under the protocol are rising, which the executive reads as confidence to use it.",
            "The primary care advice clinic is well used. The schools' annual safeguarding "
            "audit will ask about escalation from the summer term.",
            "The child protection chair's automatic review of long plans is in place. The "
            "briefing for designated safeguarding leads was half empty and will be repeated.",
            "Referrals per 10,000 children are steady. The quarterly narrative report on the "
            "dataset is in its second draft.",
        ],
    },
    {
        "title": "Working with families who resist",
        "slug": "working-with-resistance",
        "aim": (
            "Practitioners recognise disguised compliance and hostility, challenge it in "
            "supervision and keep the child in view, with a safety plan when a home visit "
            "carries risk."
        ),
        "lead_role": "Partnership Business Manager",
        "lead_agency": "partnership",
        "themes": [WR],
        "actions": [
            (SAM_AND_KYLE, "SK1"),
            (SAM_AND_KYLE, "SK2"),
            (SAM_AND_KYLE, "SK3"),
            (SAM_AND_KYLE, "SK4"),
            (SAM_AND_KYLE, "SK16"),
            (SAM_AND_KYLE, "SK17"),
            (SAM_AND_KYLE, "SK18"),
            (LEO, "L14"),
            (PEER_REVIEW, "PR21"),
        ],  # fmt: skip
        "indicators": ["D07", "D08", "D10", "D13"],
        "audits": [
            "Multi-agency audit: working with resistance",
            "Re-audit: working with resistance",
        ],
        "sessions": [
            "Working with resistance: a briefing for managers",
            "Working with resistance: disguised compliance",
            "Working with resistance: fathers and men in the household",
            "Working with resistance: learning from Shay and Ashley",
        ],
        "notes": [
            "The practice guidance and training are embedded, and resistance is a standing item "
            "in health supervision. The safety planning protocol for community health staff is "
            "in progress.",
            "The first audit's areas for improvement are each answered by an action. The re-audit "
            "of fifteen cases is planned for the summer.",
            "Sessions on disguised compliance and on fathers in the household were well "
            "attended. The safety planning protocol is out for consultation.",
            "The re-audit graded two in three cases good or better, up from three in ten, and "
            "found a new area, fathers and other adults in the household, not yet answered.",
        ],
    },
]

UPCOMING_PLAN = {
    "title": "2025–2027 delivery plan",
    "slug": "2025-2027-delivery-plan",
    "summary": (
        "The partnership's next priorities, agreed in draft by the executive: what the "
        "2022–2024 plan leaves to do, and the harms the dataset and reviews point to next."
    ),
}
UPCOMING_PRIORITIES = [
    {
        "title": "Children at risk of harm outside the home",
        "slug": "harm-outside-the-home",
        "aim": (
            "Children at risk of exploitation, serious violence or going missing are identified "
            "early and protected by a single multi-agency response."
        ),
        "lead_role": "Detective Superintendent, Public Protection",
        "lead_agency": "police",
    },
    {
        "title": "Neglect recognised and responded to early",
        "slug": "neglect-recognised-early",
        "aim": (
            "Every agency uses the same neglect tool and pathway, so that chronic neglect is "
            "recognised before a child needs a protection plan."
        ),
        "lead_role": "Head of Early Help",
        "lead_agency": "local-authority",
    },
    {
        "title": "Babies and the youngest children",
        "slug": "babies-and-the-youngest-children",
        "aim": (
            "Babies under one, who cannot speak for themselves, are seen and kept safe by "
            "midwives, health visitors, GP practices and social workers working together."
        ),
        "lead_role": "Designated Nurse, Safeguarding Children",
        "lead_agency": "icb",
    },
    {
        "title": "The child's voice in every plan",
        "slug": "the-childs-voice",
        "aim": (
            "What children and families tell us shapes each plan and the partnership's own "
            "priorities, and they hear what changed as a result."
        ),
        "lead_role": "Partnership Business Manager",
        "lead_agency": "partnership",
    },
]


class DemoContentMissing(Exception):
    """The demo's actions, indicators, audits, sessions, themes or agencies are not there."""


def moment(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def year_start(today):
    """The 1 April on or before today: the start of the April–March year in force."""
    start = date(today.year, 4, 1)
    return start if start <= today else date(today.year - 1, 4, 1)


def quarter_reviews(today, count=4):
    """The days of the last `count` quarterly reviews before today, oldest first: each ten days
    after a quarter's end (30 June, 30 September, 31 December, 31 March)."""
    ends, day = [], today
    while len(ends) < count:
        # The last day of the quarter before the one containing `day`.
        first_month = (day.month - 1) // 3 * 3 + 1
        end = date(day.year, first_month, 1) - timedelta(days=1)
        if end + timedelta(days=10) < today:
            ends.append(end + timedelta(days=10))
        day = end
    return sorted(ends)


def _first_recorded(model, pks):
    """{pk: the moment its first history record was written}."""
    rows = model.history.filter(id__in=pks).values("id").annotate(first=Min("history_date"))
    return {row["id"]: row["first"] for row in rows}


def _lookups():
    """The records the priorities name, found by their demo names; DemoContentMissing with
    what is absent."""
    wanted_actions = {ref for p in PRIORITIES for ref in p["actions"]}
    actions = {
        (a.review.name, a.reference): a
        for a in Action.objects.select_related("review").filter(
            reference__in={ref for _, ref in wanted_actions}
        )
    }
    indicators = {
        i.reference: i
        for i in Indicator.objects.filter(
            reference__in={r for p in PRIORITIES for r in p["indicators"]}
        )
    }
    audits = {
        a.review.name: a
        for a in Audit.objects.select_related("review").filter(
            review__name__in={n for p in PRIORITIES for n in p["audits"]}
        )
    }
    sessions = {
        s.title: s
        for s in LearningSession.objects.filter(
            title__in={t for p in PRIORITIES for t in p["sessions"]}
        )
    }
    themes = {t.slug: t for t in Theme.objects.all()}
    agencies = {a.slug: a for a in Agency.objects.all()}
    missing = (
        [f"action {name} {ref}" for name, ref in sorted(wanted_actions - set(actions))]
        + sorted({r for p in PRIORITIES for r in p["indicators"]} - set(indicators))
        + sorted({n for p in PRIORITIES for n in p["audits"]} - set(audits))
        + sorted({t for p in PRIORITIES for t in p["sessions"]} - set(sessions))
        + sorted({t for p in PRIORITIES for t in p["themes"]} - set(themes))
        + sorted({p["lead_agency"] for p in PRIORITIES + UPCOMING_PRIORITIES} - set(agencies))
    )
    if missing:
        raise DemoContentMissing(
            "The demo's delivery plan needs the demo's actions, indicators, audits, sessions, "
            f"themes and agencies; missing: {', '.join(missing)}."
        )
    return actions, indicators, audits, sessions, themes, agencies


def load(*, today, user):
    """Create the demo's current and upcoming delivery plans and their priorities, each change
    as it happened, by `user`, on days worked out from `today`; return the two plans. Refused
    (DemoContentMissing) when the records the priorities name are not there."""
    actions, indicators, audits, sessions, themes, agencies = _lookups()
    created = {
        "actions": _first_recorded(Action, [a.pk for a in actions.values()]),
        "indicators": _first_recorded(Indicator, [i.pk for i in indicators.values()]),
        "audits": _first_recorded(Audit, [a.pk for a in audits.values()]),
        "sessions": _first_recorded(LearningSession, [s.pk for s in sessions.values()]),
    }

    plan = DeliveryPlan(
        title=CURRENT_PLAN["title"],
        slug=CURRENT_PLAN["slug"],
        starts_on=CURRENT_PLAN["starts_on"],
        ends_on=CURRENT_PLAN["ends_on"],
        summary=CURRENT_PLAN["summary"],
    )
    services.plan_save(plan, user=user, note=ADOPTED_NOTE, at=moment(plan.starts_on))
    plan.ends_on = date(year_start(today).year + 1, 3, 31)
    services.plan_save(plan, user=user, note=EXTENDED_NOTE, at=moment(CURRENT_PLAN["extended_on"]))

    priorities = []
    for position, spec in enumerate(PRIORITIES, start=1):
        priority = Priority(
            plan=plan,
            position=position,
            title=spec["title"],
            slug=spec["slug"],
            aim=spec["aim"],
            lead_role=spec["lead_role"],
            lead_agency=agencies[spec["lead_agency"]],
        )
        services.priority_save(
            priority,
            themes=[themes[slug] for slug in spec["themes"]],
            user=user,
            note=PRIORITY_NOTE,
            at=moment(plan.starts_on, hour=11),
        )
        priorities.append(priority)

    for quarter, day in enumerate(quarter_reviews(today)):
        at = moment(day, hour=14)
        for priority, spec in zip(priorities, PRIORITIES, strict=True):
            linked = {
                "actions": [actions[ref] for ref in spec["actions"]],
                "indicators": [indicators[ref] for ref in spec["indicators"]],
                "audits": [audits[name] for name in spec["audits"]],
                "sessions": [sessions[title] for title in spec["sessions"]],
            }
            # Only what existed by the quarter's review.
            linked = {
                name: [r for r in records if created[name][r.pk] < at]
                for name, records in linked.items()
            }
            priority.progress_note = spec["notes"][quarter]
            priority.progress_noted_on = day
            services.priority_save(priority, user=user, note=QUARTER_NOTE, at=at, **linked)

    upcoming_start = date(year_start(today).year + 1, 4, 1)
    # Agreed in draft on 1 March before the last full year's end, so that year's report names
    # it as the priorities for the year ahead.
    drafted = moment(date(year_start(today).year, 3, 1))
    upcoming = DeliveryPlan(
        title=UPCOMING_PLAN["title"],
        slug=UPCOMING_PLAN["slug"],
        starts_on=upcoming_start,
        ends_on=date(upcoming_start.year + 2, 3, 31),
        summary=UPCOMING_PLAN["summary"],
    )
    services.plan_save(upcoming, user=user, note=UPCOMING_NOTE, at=drafted)
    for position, spec in enumerate(UPCOMING_PRIORITIES, start=1):
        services.priority_save(
            Priority(
                plan=upcoming,
                position=position,
                title=spec["title"],
                slug=spec["slug"],
                aim=spec["aim"],
                lead_role=spec["lead_role"],
                lead_agency=agencies[spec["lead_agency"]],
            ),
            user=user,
            note=UPCOMING_NOTE,
            at=drafted + timedelta(minutes=position),
        )
    return [plan, upcoming]
