"""The demo's learning programme: a year of awareness sessions sharing the learning of the demo's
reviews on the four themes, each agency's places at each, the evaluations straight after and the
follow-ups three months later.

The story the committee reads in it: most sessions are well attended and fill nine in ten of
their places; the online sessions on professional curiosity and thresholds, and the briefing for
designated safeguarding leads, are half empty with several who did not attend; the Integrated
Care Board (GP practices) and schools are the agencies least reached. Evaluations are good or
better for most, with confidence rising by about a point and a half; most follow-ups report
changed practice, and three are overdue.

Each session is written as it happened, through learning.services with `at=`: added a few weeks
before its date (never before the learning it shares was published), its attendance recorded the
day after, its evaluation the day after that and its follow-up on the day it was recorded, so
that the programme "as at" an earlier day is the programme as it stood then. Dates are worked out
from today (weekdays only, none in the future). Counts only: no attendee's name, and no names or
case facts in the examples. Deterministic: the sessions are written out below as data.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from reviews.models import Agency, Review, Theme

from . import rules, services
from .models import LearningSession, SessionAgency
from .vocabulary import Format

ADDED_NOTE = "Session added to the learning programme"
ATTENDANCE_NOTE = "Attendance recorded from the sign-in sheet"
EVALUATION_NOTE = "Evaluations recorded"
FOLLOW_UP_NOTE = "Three-month follow-up recorded"

IS, PC, TE, WR = (
    "information-sharing",
    "professional-curiosity",
    "thresholds-and-escalations",
    "working-with-resistance",
)
FRANKIE, SAM_AND_KYLE, LEO, SHAY_AND_ASHLEY, PEER_REVIEW = (
    "Frankie",
    "Sam and Kyle",
    "Leo",
    "Shay and Ashley",
    "Partnership peer review",
)
# The demo's multi-agency audits (audits.demo), loaded before the programme.
AUDIT, RE_AUDIT = "Multi-agency audit: working with resistance", "Re-audit: working with resistance"
# The agencies whose places each session's `booked` and `attended` give, in this order. The ICB
# (for the GP practices) and schools are the least reached.
AGENCIES = ("local-authority", "health-providers", "police", "education", "icb", "partnership")
IN_PERSON, ONLINE, BRIEFING, E_LEARNING = (
    Format.IN_PERSON,
    Format.ONLINE,
    Format.BRIEFING,
    Format.E_LEARNING,
)
OVERDUE = "overdue"  # a follow-up due and not yet recorded

# Each session: how many days before today it was held (moved back to the Friday when that is a
# weekend), the weeks before it that it was added, its places offered (None for e-learning) and
# per agency (AGENCIES' order) the places booked and attended, the rest did not attend; its
# evaluation (responses, rated good or better, confidence before and after) and its follow-up
# (responses, reporting a change in practice, examples), or OVERDUE. A session whose follow-up
# is not yet due has none.
SESSIONS = [
    {
        "days_ago": 352,
        "title": "Information sharing: learning from Frankie",
        "themes": [IS],
        "reviews": [FRANKIE],
        "format": IN_PERSON,
        "weeks_ahead": 5,
        "places": 30,
        "booked": (10, 8, 5, 2, 1, 2),
        "attended": (9, 8, 5, 1, 1, 2),
        "evaluation": (24, 21, "2.8", "4.1"),
        "follow_up": (
            14,
            10,
            "Health visitors now ask who else lives in the home at every contact and record the "
            "answer. Two teams have added a standing item on information from other agencies to "
            "their supervision.",
        ),
    },
    {
        "days_ago": 338,
        "title": "Professional curiosity: learning from Leo",
        "themes": [PC],
        "reviews": [LEO],
        "format": ONLINE,
        "weeks_ahead": 4,
        "places": 40,
        "booked": (6, 5, 3, 1, 0, 1),
        "attended": (4, 4, 2, 0, 0, 1),
        "evaluation": (9, 7, "3.0", "3.9"),
        "follow_up": (
            5,
            3,
            "Practitioners report checking what a parent tells them against what they see, and "
            "asking to see the child's bedroom on home visits.",
        ),
    },
    {
        "days_ago": 323,
        "title": "Using the escalation policy: when professionals disagree",
        "themes": [TE],
        "reviews": [PEER_REVIEW, SAM_AND_KYLE],
        "format": IN_PERSON,
        "weeks_ahead": 6,
        "places": 25,
        "booked": (8, 6, 5, 3, 1, 1),
        "attended": (8, 6, 5, 2, 1, 1),
        "evaluation": (21, 18, "2.6", "4.2"),
        "follow_up": (
            13,
            10,
            "Practitioners now escalate a disagreement about a referral's outcome in writing "
            "within a week, and managers report more disagreements resolved at the first stage.",
        ),
    },
    {
        "days_ago": 309,
        "title": "Working with resistance: a briefing for managers",
        "themes": [WR],
        "reviews": [SAM_AND_KYLE],
        "format": BRIEFING,
        "weeks_ahead": 3,
        "places": 20,
        "booked": (6, 4, 4, 1, 1, 1),
        "attended": (6, 4, 3, 1, 0, 1),
        "evaluation": (13, 10, "3.1", "4.0"),
        "follow_up": (
            8,
            6,
            "Managers now ask in supervision how a family has responded to the plan, not only "
            "whether visits took place, and record missed appointments as a pattern.",
        ),
    },
    {
        "days_ago": 295,
        "title": "Information sharing: the seven golden rules in practice",
        "themes": [IS],
        "reviews": [FRANKIE, PEER_REVIEW],
        "format": ONLINE,
        "weeks_ahead": 5,
        "places": 50,
        "booked": (14, 12, 9, 5, 3, 3),
        "attended": (13, 11, 8, 4, 2, 3),
        "evaluation": (33, 28, "2.9", "4.3"),
        "follow_up": (
            18,
            14,
            "Practitioners say they now share a concern the same day rather than waiting for "
            "consent they do not need, and record why they shared.",
        ),
    },
    {
        "days_ago": 281,
        "title": "Professional curiosity: seeing the child",
        "themes": [PC],
        "reviews": [LEO, SAM_AND_KYLE],
        "format": IN_PERSON,
        "weeks_ahead": 4,
        "places": 30,
        "booked": (5, 4, 2, 1, 0, 2),
        "attended": (4, 3, 1, 0, 0, 2),
        "evaluation": (8, 6, "3.2", "3.8"),
        "follow_up": (
            4,
            3,
            "Workers now speak to the child on their own at each visit and write down what the "
            "child said in the child's own words.",
        ),
    },
    {
        "days_ago": 266,
        "title": "Information sharing: an introduction",
        "themes": [IS],
        "reviews": [FRANKIE, PEER_REVIEW],
        "format": E_LEARNING,
        "weeks_ahead": 6,
        "places": None,
        "booked": (22, 18, 12, 9, 4, 2),
        "attended": (19, 15, 10, 5, 2, 2),
        "evaluation": (41, 31, "2.9", "3.9"),
        "follow_up": (
            20,
            13,
            "New starters in three agencies now complete the module in their first month; "
            "team leaders report fewer questions to the front door about what may be shared.",
        ),
    },
    {
        "days_ago": 252,
        "title": "Thresholds: making a good referral",
        "themes": [TE],
        "reviews": [PEER_REVIEW],
        "format": IN_PERSON,
        "weeks_ahead": 5,
        "places": 30,
        "booked": (9, 7, 6, 4, 1, 2),
        "attended": (9, 7, 5, 3, 1, 2),
        "evaluation": (23, 20, "2.7", "4.2"),
        "follow_up": (
            15,
            12,
            "Referrers now say what they are worried will happen to the child and what has been "
            "tried already, and the front door reports fewer referrals sent back for more "
            "information.",
        ),
    },
    {
        "days_ago": 238,
        "title": "Working with resistance: disguised compliance",
        "themes": [WR],
        "reviews": [SAM_AND_KYLE, AUDIT],
        "format": ONLINE,
        "weeks_ahead": 4,
        "places": 40,
        "booked": (8, 5, 3, 0, 1, 2),
        "attended": (6, 3, 2, 0, 1, 2),
        "evaluation": (10, 7, "3.0", "3.9"),
        "follow_up": (
            6,
            4,
            "Practitioners now test a parent's agreement to the plan against what has changed "
            "for the child, and bring it to supervision when nothing has.",
        ),
    },
    {
        "days_ago": 224,
        "title": "Professional curiosity: respectful uncertainty",
        "themes": [PC],
        "reviews": [LEO, FRANKIE],
        "format": IN_PERSON,
        "weeks_ahead": 5,
        "places": 25,
        "booked": (8, 7, 5, 2, 1, 1),
        "attended": (8, 6, 5, 2, 1, 1),
        "evaluation": (20, 18, "2.5", "4.4"),
        "follow_up": (
            12,
            10,
            "Practitioners report asking a second and third question when an explanation of an "
            "injury does not fit, and checking the explanation with another agency.",
        ),
    },
    {
        "days_ago": 210,
        "title": "Escalation: a briefing for designated safeguarding leads",
        "themes": [TE],
        "reviews": [PEER_REVIEW, LEO],
        "format": BRIEFING,
        "weeks_ahead": 3,
        "places": 20,
        "booked": (3, 1, 1, 5, 0, 1),
        "attended": (3, 1, 1, 2, 0, 1),
        "evaluation": (7, 5, "3.1", "3.9"),
        "follow_up": OVERDUE,
    },
    {
        "days_ago": 196,
        "title": "Information sharing: health and the front door",
        "themes": [IS],
        "reviews": [FRANKIE],
        "format": ONLINE,
        "weeks_ahead": 4,
        "places": 40,
        "booked": (10, 12, 6, 2, 2, 2),
        "attended": (9, 11, 5, 1, 1, 2),
        "evaluation": (22, 18, "2.8", "4.0"),
        "follow_up": (
            14,
            10,
            "Health practitioners now send their information to the front door's shared inbox "
            "on the day it is asked for, and midwives share concerns before the birth.",
        ),
    },
    {
        "days_ago": 175,
        "title": "Working with resistance: fathers and men in the household",
        "themes": [WR, PC],
        "reviews": [SAM_AND_KYLE],
        "format": IN_PERSON,
        "weeks_ahead": 6,
        "places": 30,
        "booked": (10, 8, 6, 2, 1, 2),
        "attended": (10, 8, 5, 1, 1, 2),
        "evaluation": (24, 22, "2.6", "4.3"),
        "follow_up": OVERDUE,
    },
    {
        "days_ago": 154,
        "title": "Professional curiosity: who lives in the home",
        "themes": [PC],
        "reviews": [LEO],
        "format": ONLINE,
        "weeks_ahead": 4,
        "places": 40,
        "booked": (7, 6, 3, 1, 0, 1),
        "attended": (5, 4, 2, 0, 0, 1),
        "evaluation": (9, 7, "3.0", "3.8"),
        "follow_up": (
            6,
            4,
            "Practitioners now ask at each visit whether anyone new has joined the household, "
            "and record the answer where other agencies can read it.",
        ),
    },
    {
        "days_ago": 133,
        "title": "Thresholds and escalations: resolving professional disagreement",
        "themes": [TE],
        "reviews": [PEER_REVIEW, SAM_AND_KYLE],
        "format": IN_PERSON,
        "weeks_ahead": 5,
        "places": 30,
        "booked": (9, 8, 6, 3, 2, 2),
        "attended": (9, 7, 6, 2, 2, 2),
        "evaluation": (22, 19, "2.7", "4.2"),
        "follow_up": OVERDUE,
    },
    {
        "days_ago": 112,
        "title": "Information sharing: consent, and when you do not need it",
        "themes": [IS],
        "reviews": [FRANKIE, PEER_REVIEW],
        "format": ONLINE,
        "weeks_ahead": 4,
        "places": 50,
        "booked": (14, 12, 9, 4, 2, 2),
        "attended": (12, 11, 8, 3, 1, 2),
        "evaluation": (27, 22, "2.9", "4.1"),
        "follow_up": (
            15,
            11,
            "Practitioners report sharing without consent where a child is at risk of harm, "
            "and telling the family they have done so unless that would put the child at risk.",
        ),
    },
    {
        "days_ago": 77,
        "title": "Professional curiosity: learning from Leo (repeat)",
        "themes": [PC],
        "reviews": [LEO],
        "format": IN_PERSON,
        "weeks_ahead": 5,
        "places": 25,
        "booked": (8, 7, 5, 1, 1, 2),
        "attended": (8, 6, 5, 1, 1, 2),
        "evaluation": (19, 16, "2.6", "4.2"),
    },
    {
        "days_ago": 56,
        "title": "Thresholds: the continuum of need",
        "themes": [TE],
        "reviews": [PEER_REVIEW],
        "format": ONLINE,
        "weeks_ahead": 4,
        "places": 40,
        "booked": (6, 4, 3, 1, 0, 2),
        "attended": (4, 3, 2, 1, 0, 2),
        "evaluation": (8, 6, "3.1", "3.8"),
    },
    {
        "days_ago": 24,
        "title": "Working with resistance: learning from Shay and Ashley",
        "themes": [WR],
        "reviews": [SHAY_AND_ASHLEY, SAM_AND_KYLE, RE_AUDIT],
        "format": IN_PERSON,
        "weeks_ahead": 3,
        "places": 30,
        "booked": (10, 9, 6, 2, 1, 2),
        "attended": (9, 9, 6, 2, 1, 2),
        "evaluation": (25, 23, "2.5", "4.4"),
    },
    {
        "days_ago": 12,
        "title": "Professional curiosity: learning from Shay and Ashley",
        "themes": [PC, WR],
        "reviews": [SHAY_AND_ASHLEY],
        "format": ONLINE,
        "weeks_ahead": 3,
        "places": 40,
        "booked": (12, 10, 6, 3, 1, 2),
        "attended": (11, 9, 5, 2, 1, 2),
        "evaluation": (21, 18, "2.8", "4.1"),
    },
]

THEME_SLUGS = sorted({slug for spec in SESSIONS for slug in spec["themes"]})
REVIEW_NAMES = sorted({name for spec in SESSIONS for name in spec["reviews"]})


class DemoContentMissing(Exception):
    """The demo's reviews, themes or agencies, which the sessions need, are not there."""


def weekday_on_or_before(day):
    """The day itself, or the Friday before when it is a weekend."""
    return day - timedelta(days=max(0, day.weekday() - 4))


def session_date(spec, today):
    return weekday_on_or_before(today - timedelta(days=spec["days_ago"]))


def follow_up_recorded_on(spec, date, today):
    """The day the follow-up was recorded: the weekday on or before the day it was due, a few
    days early for some, once it is due before today; None when it is overdue or not yet due."""
    due = rules.follow_up_due(date)
    if spec.get("follow_up") in (None, OVERDUE) or due >= today:
        return None
    return weekday_on_or_before(due - timedelta(days=spec["days_ago"] % 4))


def load(*, today, user):
    """Create the demo's learning sessions, each as it happened (added, attendance recorded,
    evaluated, followed up) by `user` on days worked out from `today`; return the sessions.
    Refused (DemoContentMissing) when the demo's reviews, themes and agencies are not there."""
    themes = {theme.slug: theme for theme in Theme.objects.filter(slug__in=THEME_SLUGS)}
    agencies = {agency.slug: agency for agency in Agency.objects.filter(slug__in=AGENCIES)}
    reviews = {review.name: review for review in Review.objects.filter(name__in=REVIEW_NAMES)}
    missing = (
        sorted(set(THEME_SLUGS) - set(themes))
        + sorted(set(AGENCIES) - set(agencies))
        + sorted(set(REVIEW_NAMES) - set(reviews))
    )
    if missing:
        raise DemoContentMissing(
            "The demo's learning programme needs the demo's reviews, themes and agencies; "
            f"missing: {', '.join(missing)}."
        )

    def moment(day, hour):
        return timezone.make_aware(datetime.combine(day, time(hour, 0)))

    sessions = []
    for spec in SESSIONS:
        date = session_date(spec, today)
        linked = [reviews[name] for name in spec["reviews"]]
        # Added a few weeks ahead, but never before the learning it shares was published.
        published = max(review.learning_published_on or date for review in linked)
        added = max(date - timedelta(weeks=spec["weeks_ahead"]), published + timedelta(days=1))
        session = services.session_save(
            LearningSession(
                title=spec["title"], date=date, format=spec["format"], places_offered=spec["places"]
            ),
            themes=[themes[slug] for slug in spec["themes"]],
            reviews=linked,
            user=user,
            note=ADDED_NOTE,
            at=moment(added, 9),
        )
        rows = [
            SessionAgency(
                agency=agencies[slug],
                booked=booked,
                attended=attended,
                not_attended=booked - attended,
            )
            for slug, booked, attended in zip(
                AGENCIES, spec["booked"], spec["attended"], strict=True
            )
            if booked
        ]
        services.session_agencies_save(
            session, rows, user=user, note=ATTENDANCE_NOTE, at=moment(date + timedelta(days=1), 10)
        )
        responses, good, before, after = spec["evaluation"]
        session.evaluation_responses, session.evaluation_good_or_better = responses, good
        session.confidence_before, session.confidence_after = Decimal(before), Decimal(after)
        services.session_save(
            session, user=user, note=EVALUATION_NOTE, at=moment(date + timedelta(days=2), 11)
        )
        recorded_on = follow_up_recorded_on(spec, date, today)
        if recorded_on is not None:
            responses, changed, examples = spec["follow_up"]
            session.follow_up_responses, session.follow_up_changed_practice = responses, changed
            session.follow_up_examples, session.follow_up_recorded_on = examples, recorded_on
            services.session_save(
                session, user=user, note=FOLLOW_UP_NOTE, at=moment(recorded_on, 14)
            )
        sessions.append(session)
    return sessions
