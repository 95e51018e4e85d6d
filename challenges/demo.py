"""The demo's challenge log: seven questions the independent scrutineer put over the last
eighteen months, to the partners and once to the partnership's executive.

The story the committee reads in it: five were answered within three to five weeks; two of those
are closed, one with the scrutineer satisfied, one closed but flagged for a return visit; the
others answered are kept open until the evidence promised arrives. One, to the local authority
on children becoming subject to a plan a second time, was put about five months ago and has no
response: the longest open. The latest, a fortnight old, is waiting as it should.

Each challenge is written as it happened, through challenges.services with `at=`: put by the
scrutineer, its response recorded by the manager (or by the police's own lead, for the police)
on the day it came, and closed by the scrutineer. Days are worked out from today, none in the
future. The questions are put in general terms: no names or case facts. Deterministic.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from reviews.models import Agency

from . import services
from .models import Challenge, ChallengeStatus

EXECUTIVE = "The partnership's executive"
RAISED_NOTE = "Challenge put by the independent scrutineer"
RESPONSE_NOTE = "Response recorded"
CLOSED_NOTE = "Closed by the independent scrutineer"

# Each challenge: days before today it was put; the agency (slug) or group asked; the question;
# then, when answered, days after it was put that the response came and the response; when
# closed, days after the response that it was closed and why. `responder` is the demo user who
# recorded the response (the manager, unless the agency's own lead did).
CHALLENGES = [
    {
        "days_ago": 500,
        "agency": "icb",
        "question": (
            "Initial health assessments for children coming into care have been red in the "
            "dataset for three quarters running and are still falling. What is the reason, what "
            "is the recovery plan, and when will the partnership see the figure improve?"
        ),
        "answered_after": 26,
        "response": (
            "The fall follows the loss of two paediatric clinic sessions a week. The ICB has "
            "commissioned additional clinics from the community provider and moved requests to "
            "a single referral route; it expects the figure to recover within two quarters."
        ),
        "closed_after": 40,
        "closing_note": (
            "Closed: the recovery plan is clear and owned. Not yet satisfied with the outcome: "
            "the figure is to be reported to the executive each quarter, and the scrutineer "
            "will return to it if it has not improved by the end of the year."
        ),
    },
    {
        "days_ago": 430,
        "agency": "police",
        "responder": "police-lead",
        "question": (
            "How does the force know that notifications of domestic abuse incidents where a "
            "child lives in the household reach the child's school by the next school day, "
            "including in the school holidays?"
        ),
        "answered_after": 19,
        "response": (
            "Notifications are sent by the central referral unit each morning and the unit "
            "checks daily that each was received. In the holidays they are held and sent on the "
            "first day of term; the force is agreeing with schools a holiday contact for each "
            "child on a plan."
        ),
        "closed_after": 30,
        "closing_note": (
            "Closed: satisfied. The daily check is evidenced in the dataset, and the holiday "
            "arrangement is recorded as an action for the partnership."
        ),
    },
    {
        "days_ago": 300,
        "agency": "icb",
        "question": (
            "GP practices are the least reached by the learning programme. How will the ICB "
            "reach GP practices with the learning from the reviews, and how will the "
            "partnership know it has?"
        ),
        "answered_after": 24,
        "response": (
            "The learning from each review is now a standing item at the quarterly GP "
            "safeguarding leads' forum, with a short recorded briefing for practices that cannot "
            "attend. Practices will confirm in their annual safeguarding self-assessment that "
            "the briefings were shared."
        ),
    },
    {
        "days_ago": 230,
        "group": EXECUTIVE,
        "question": (
            "What evidence does the executive have that the working with resistance guidance "
            "is used in practice, beyond the number of people trained?"
        ),
        "answered_after": 33,
        "response": (
            "The executive has asked the quality assurance group to test the guidance's use in "
            "the re-audit of working with resistance, including how supervision records the "
            "challenge to a family, and will bring the findings to its next meeting."
        ),
    },
    {
        "days_ago": 150,
        "agency": "local-authority",
        "question": (
            "The proportion of children becoming subject to a child protection plan for a "
            "second or subsequent time has fallen but is still above the partnership's target. "
            "What has the local authority learned from these children's plans, and how will it "
            "keep the improvement going?"
        ),
    },
    {
        "days_ago": 60,
        "agency": "education",
        "question": (
            "The briefing on escalation for designated safeguarding leads was half empty. How "
            "are schools assured that their designated leads know how to escalate when they "
            "disagree with a decision about a referral?"
        ),
        "answered_after": 18,
        "response": (
            "The briefing is being repeated in each school cluster meeting this term, and the "
            "annual schools safeguarding audit now asks each school how many escalations it made "
            "and how they were resolved."
        ),
    },
    {
        "days_ago": 16,
        "agency": "health-providers",
        "question": (
            "The safety planning protocol for community health staff visiting homes where "
            "hostility is known is still in progress after the audit found it missing. When "
            "will it be in place, and what keeps staff safe until then?"
        ),
    },
]

AGENCY_SLUGS = sorted({spec["agency"] for spec in CHALLENGES if "agency" in spec})


class DemoContentMissing(Exception):
    """The demo's agencies or users, which the challenges name, are not there."""


def moment(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def load(*, today, scrutineer, manager):
    """Create the demo's challenges, each as it happened (put by `scrutineer`, answered, closed)
    on days worked out from `today`; return them, oldest first. Refused (DemoContentMissing)
    when the demo's agencies are not there."""
    agencies = {a.slug: a for a in Agency.objects.filter(slug__in=AGENCY_SLUGS)}
    responders = {
        u.username: u
        for u in get_user_model().objects.filter(
            username__in={spec["responder"] for spec in CHALLENGES if "responder" in spec}
        )
    }
    missing = sorted(set(AGENCY_SLUGS) - set(agencies)) + sorted(
        {spec["responder"] for spec in CHALLENGES if "responder" in spec} - set(responders)
    )
    if missing:
        raise DemoContentMissing(
            f"The demo's challenge log needs the demo's agencies and users; missing: "
            f"{', '.join(missing)}."
        )
    challenges = []
    for spec in CHALLENGES:
        raised_on = today - timedelta(days=spec["days_ago"])
        challenge = Challenge(
            raised_on=raised_on,
            question=spec["question"],
            agency=agencies.get(spec.get("agency")),
            group=spec.get("group", ""),
            raised_by=scrutineer,
        )
        services.challenge_save(
            challenge, user=scrutineer, note=RAISED_NOTE, at=moment(raised_on, 11)
        )
        if "response" in spec:
            challenge.responded_on = raised_on + timedelta(days=spec["answered_after"])
            challenge.response = spec["response"]
            services.challenge_save(
                challenge,
                user=responders.get(spec.get("responder"), manager),
                note=RESPONSE_NOTE,
                at=moment(challenge.responded_on, 15),
            )
        if "closing_note" in spec:
            challenge.status = ChallengeStatus.CLOSED
            challenge.closed_on = challenge.responded_on + timedelta(days=spec["closed_after"])
            challenge.closing_note = spec["closing_note"]
            services.challenge_save(
                challenge, user=scrutineer, note=CLOSED_NOTE, at=moment(challenge.closed_on, 12)
            )
        challenges.append(challenge)
    return challenges
