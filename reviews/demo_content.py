"""Illustrative demo content for the safeguarding review action tracker: what a tracker does not
hold. The actions themselves (review, reference, recommendation, action, lead and supporting
agencies, lead officer, status, latest progress note, evidence, themes) are in the tracker
`demo/action-plan-tracker.csv`, one row per action, which `demo_data` brings in through the
service's own import; the order of its rows is the order of each review's plan, and the replay of
each action's history is timed by it.

Here: the agencies, the learning themes, and the reviews (name, kind, summary, themes, and the days
before today that each started, published its learning and was ratified), each with the history
of its actions to replay, by reference. A practice review's `statutory` stages come before it
started: the days before today the incident was known, then the working days after it that the
national panel was notified, the rapid review sent and the decision (a local review) made, each
late stage with the reason for its delay; its publication's delay is why it was published more
than 6 months after that decision. `NEW_INCIDENT` is a recent incident in rapid review, with no
actions: the Panel was notified and the rapid review is due in 2 working days.

As reported to the council's scrutiny committee: Frankie 14 actions: 11 blue, 3 amber; Sam and Kyle
18: 16 blue, 2 amber; Leo 14: 1 blue, 4 green, 9 amber; Shay and Ashley: learning published, not
yet ratified; partnership peer review 26: 23 blue, 3 amber.

All text is invented for demonstration. Reviews are referred to only by their published
pseudonyms; there are no case facts and no personal data about children or families. Lead
officers are recorded by role, never by name. Evidence wording avoids calendar dates on purpose.

An action's `earlier_progress_notes` are the progress notes its lead agency gave for each earlier
committee meeting at which it was still open (red or amber), oldest first: the demo's history is
dated relative to today, so they speak of terms and quarters, never of months. Its latest note is
the tracker's Progress, given shortly before today. Its `slip_reason`, if it has one, is why its
target date was moved later. An action with neither has no entry in its review's `history`.

Status key (BRAG): blue = embedded (evidence of embedding required); green = complete, not yet
embedded; amber = started, not yet complete; red = not started, or off track.
"""

from __future__ import annotations

from pathlib import Path

# The actions, as a partnership keeps its tracker (headed as the import's template heads it).
TRACKER = Path(__file__).resolve().parent / "demo" / "action-plan-tracker.csv"

AGENCIES = [
    {
        "slug": "local-authority",
        "name": "Local authority children's services",
        "short_name": "Council",
        "statutory": True,
    },
    {"slug": "icb", "name": "Integrated Care Board", "short_name": "ICB", "statutory": True},
    {"slug": "police", "name": "Police", "short_name": "Police", "statutory": True},
    {
        "slug": "education",
        "name": "Schools and education",
        "short_name": "Education",
        "statutory": False,
    },
    {
        "slug": "health-providers",
        "name": "Health providers",
        "short_name": "Health providers",
        "statutory": False,
    },
    {
        "slug": "partnership",
        "name": "Safeguarding partnership business unit",
        "short_name": "Partnership",
        "statutory": False,
    },
]

THEMES = [
    {
        "slug": "information-sharing",
        "name": "Information sharing",
        "description": (
            "Practitioners share the right information with the right agencies at the right time, "
            "so that the whole picture of a child's circumstances is understood."
        ),
    },
    {
        "slug": "professional-curiosity",
        "name": "Professional curiosity",
        "description": (
            "Practitioners look beyond what they are told or shown, ask questions, test "
            "explanations and keep the child's lived experience at the centre of their work."
        ),
    },
    {
        "slug": "thresholds-and-escalations",
        "name": "Thresholds and escalations",
        "description": (
            "Thresholds for help and protection are applied consistently, and practitioners "
            "challenge and escalate decisions they believe leave a child at risk."
        ),
    },
    {
        "slug": "working-with-resistance",
        "name": "Working with resistance",
        "description": (
            "Practitioners recognise and respond safely to parents or carers who are hostile, "
            "evasive or only superficially compliant with agreed plans."
        ),
    },
]

REVIEWS = [
    {
        "slug": "frankie",
        "name": "Frankie",
        "kind": "cspr",
        "summary": (
            "The review found that important information did not always follow a child when "
            "circumstances changed, and that practitioners did not always look beyond the "
            "presenting issue. It also found that professionals who disagreed with decisions did "
            "not consistently use the escalation policy."
        ),
        "themes": ["information-sharing", "professional-curiosity", "thresholds-and-escalations"],
        "days_ago": {"started": 1150, "learning_published": 820, "ratified": 760},
        "statutory": {
            "incident_known": 1190,
            "notified": (4, ""),
            "rapid_review": (15, ""),
            "decided": 3,
            "publication_delay": "Paused at the request of the police until criminal proceedings "
            "concluded, as agreed with the national panel.",
        },
        "history": {
            "F8": {
                "earlier_progress_notes": [
                    (
                        "Working group of designated safeguarding leads set up to shape the "
                        "reflective tool; prompts on unexplained changes in presentation are being "
                        "drawn from recent review learning."
                    ),
                    (
                        "First draft of the reflective tool shared with the working group; "
                        "briefing content is being written with the partnership's learning and "
                        "development team."
                    ),
                    (
                        "Reflective tool revised after the working group's comments; testing with "
                        "a small group of designated safeguarding leads starts this half-term."
                    ),
                ],
            },
            "F11": {
                "earlier_progress_notes": [
                    (
                        "Briefings delivered to most public protection sergeants and inspectors; "
                        "sessions for the remaining shifts are booked for the coming weeks."
                    ),
                ],
            },
            "F12": {
                "earlier_progress_notes": [
                    (
                        "Existing 'was not brought' policies collected from every primary care and "
                        "community provider; a gap analysis against the review's learning is under "
                        "way."
                    ),
                    (
                        "Gap analysis complete: providers differ on when repeated missed "
                        "appointments prompt a safeguarding discussion. A harmonised policy is "
                        "being drafted with provider leads."
                    ),
                    (
                        "Harmonised draft agreed by the designated professionals' group; "
                        "consultation with providers opens shortly, in line with the revised "
                        "target date."
                    ),
                ],
                "slip_reason": (
                    "Consultation extended at the request of two providers aligning their own "
                    "clinical policies; target moved back by one quarter."
                ),
            },
            "F13": {
                "earlier_progress_notes": [
                    (
                        "Attendance guidance being redrafted by the attendance and safeguarding "
                        "teams; wording on discussing persistent absence with the designated "
                        "safeguarding lead agreed in principle."
                    ),
                    (
                        "Revised guidance approved by the education safeguarding group; it will be "
                        "reissued to all schools before the end of term and covered at the next "
                        "designated safeguarding lead networks."
                    ),
                ],
            },
            "F14": {
                "earlier_progress_notes": [
                    (
                        "Audit scoped with the quality assurance subgroup; outpatient and "
                        "safeguarding leads are agreeing which clinics and which period the sample "
                        "will cover."
                    ),
                    (
                        "Draft audit tool being tested on three cases by the named nurse team; the "
                        "audit is registered with the trust's clinical audit department."
                    ),
                    (
                        "Audit tool agreed with outpatient leads after testing; the trust's data "
                        "team is drawing the sample of 30 cases."
                    ),
                ],
            },
        },
    },
    {
        "slug": "sam-and-kyle",
        "name": "Sam and Kyle",
        "kind": "cspr",
        "summary": (
            "The review highlighted how hostile and superficially compliant engagement by adults "
            "can draw professional attention away from the children. It called for consistent "
            "thresholds, robust step-down decisions and assessments that consider each child "
            "individually."
        ),
        "themes": [
            "working-with-resistance",
            "thresholds-and-escalations",
            "information-sharing",
            "professional-curiosity",
        ],
        "days_ago": {"started": 1050, "learning_published": 700, "ratified": 640},
        "statutory": {
            "incident_known": 1090,
            "notified": (
                7,
                "The incident was first reported to a team outside children's services; the "
                "Panel was notified once the designated officer was told.",
            ),
            "rapid_review": (12, ""),
            "decided": 4,
            "publication_delay": "Widened to include the second child's contact with services, "
            "with the national panel's agreement.",
        },
        "history": {
            "SK4": {
                "earlier_progress_notes": [
                    (
                        "Lone working and safety planning arrangements reviewed across community "
                        "teams; the protocol's scope agreed with staff representatives."
                    ),
                    (
                        "Protocol drafted and under discussion with staff-side representatives and "
                        "the provider's health and safety lead."
                    ),
                    (
                        "Protocol revised after staff-side comments; two community teams chosen to "
                        "test it and their managers briefed."
                    ),
                ],
            },
            "SK13": {
                "earlier_progress_notes": [
                    (
                        "Template agreed with the named GP group and piloted in eight practices; "
                        "feedback is positive and roll-out to all practices follows in the coming "
                        "weeks."
                    ),
                ],
            },
            "SK14": {
                "earlier_progress_notes": [
                    (
                        "Attendance of each partner added to the strategy discussion record; the "
                        "first quarter's figures are being checked before the first report to the "
                        "partnership."
                    ),
                ],
            },
            "SK15": {
                "earlier_progress_notes": [
                    (
                        "Hub research checklist amended to cover all adults linked to the "
                        "household; researchers are trialling it ahead of sign-off by the "
                        "detective inspector."
                    ),
                ],
            },
            "SK16": {
                "earlier_progress_notes": [
                    (
                        "Provider named nurses have agreed the standing item in principle; each "
                        "provider is updating its own supervision template."
                    ),
                    (
                        "Three of four providers have amended their supervision templates. The "
                        "last is reworking its whole supervision policy, so the action will miss "
                        "its target date by a few weeks; assurance returns will then check the "
                        "item is used."
                    ),
                ],
            },
            "SK17": {
                "earlier_progress_notes": [
                    (
                        "Audit placed in the quality assurance programme; terms of reference being "
                        "drafted with the working with resistance theme lead."
                    ),
                    (
                        "Terms of reference agreed by the quality assurance subgroup; partners "
                        "asked to nominate auditors."
                    ),
                    (
                        "Auditors nominated by every partner; case selection criteria agreed and "
                        "the 15 cases are being identified."
                    ),
                ],
            },
            "SK18": {
                "earlier_progress_notes": [
                    (
                        "Supervision policy review under way with practice supervisors; wording on "
                        "recording how resistance has been explored is being drafted."
                    ),
                    (
                        "Revised policy shared with team managers for comment; briefings for "
                        "supervisors will be arranged once it is approved."
                    ),
                ],
            },
        },
    },
    {
        "slug": "leo",
        "name": "Leo",
        "kind": "cspr",
        "summary": (
            "The review found that services working with adults did not always consider the impact "
            "on children, and that cumulative neglect was not recognised early enough. It asked "
            "partners to improve information sharing between adult and children's services and to "
            "escalate when plans drift."
        ),
        "themes": ["professional-curiosity", "information-sharing", "thresholds-and-escalations"],
        "days_ago": {"started": 700, "learning_published": 420, "ratified": 380},
        "statutory": {
            "incident_known": 745,
            "notified": (2, ""),
            "rapid_review": (
                16,
                "A health chronology came back late; the Panel was told of the delay before the "
                "deadline.",
            ),
            "decided": 5,
            "publication_delay": "The reviewer's report took a further round of agency "
            "comments and family involvement before it could be published.",
        },
        "history": {
            "L1": {
                "earlier_progress_notes": [
                    (
                        "Training provider selected and content agreed with adult mental health "
                        "and substance misuse leads; sessions for the remaining teams are booked "
                        "over the next few weeks."
                    ),
                ],
            },
            "L3": {
                "earlier_progress_notes": [
                    (
                        "Custody and vulnerability procedures reviewed with custody sergeants, "
                        "mapping where officers should ask whether an arrested adult has dependent "
                        "children."
                    ),
                    (
                        "Recording requirements agreed with the custody system team and submitted "
                        "for a future system release."
                    ),
                    (
                        "Interim guidance issued through the force briefing reminding custody "
                        "officers to ask about children; the procedure amendment is being drafted "
                        "alongside the system change."
                    ),
                ],
            },
            "L4": {
                "earlier_progress_notes": [
                    (
                        "Outline of the whole-family briefing agreed with adult and children's "
                        "service leads; the learning subgroup asked for practice examples to be "
                        "included."
                    ),
                    (
                        "Draft briefing out for comment with the learning subgroup; awareness "
                        "sessions are being planned into the programme."
                    ),
                    (
                        "Briefing agreed by the learning subgroup; the first awareness session is "
                        "booked and promoted to adult and children's practitioners."
                    ),
                ],
            },
            "L5": {
                "earlier_progress_notes": [
                    (
                        "Tool licence agreed. Trainer accreditation is taking longer than planned, "
                        "so the first practitioner cohort moves to the following term and the "
                        "target date has been revised."
                    ),
                    (
                        "Two trainers now accredited; champions nominated by social work, early "
                        "help and health visiting teams."
                    ),
                    (
                        "First champions' course under way; the roll-out plan for the remaining "
                        "teams is being agreed with team managers."
                    ),
                ],
                "slip_reason": (
                    "Trainer accreditation took longer than expected, so the first practitioner "
                    "cohort was moved to the following term."
                ),
            },
            "L6": {
                "earlier_progress_notes": [
                    (
                        "Briefing content on cumulative harm and recording low-level concerns "
                        "agreed; delivery booked at the designated safeguarding lead networks."
                    ),
                    (
                        "Briefings delivered at most designated safeguarding lead networks; the "
                        "last two sessions take place before the end of term."
                    ),
                ],
            },
            "L7": {
                "earlier_progress_notes": [
                    (
                        "Health visiting service reviewing neglect screening approaches used "
                        "elsewhere; a practitioner focus group tested what would work at mandated "
                        "contacts."
                    ),
                    (
                        "Screening approach chosen and agreed with the health visiting leadership "
                        "team; training materials being prepared."
                    ),
                    (
                        "Training started with the first health visiting teams; screening outcomes "
                        "can now be recorded on the electronic record."
                    ),
                ],
            },
            "L8": {
                "earlier_progress_notes": [
                    (
                        "Neglect strategy task group set up with all three statutory partners; "
                        "first draft of the practice pathway being written."
                    ),
                    (
                        "First draft presented to the partnership executive, which asked for a "
                        "clearer escalation step when help is not improving things; redraft under "
                        "way."
                    ),
                    (
                        "Revised strategy out for practitioner consultation, with sessions for "
                        "early help, health and schools staff."
                    ),
                ],
            },
            "L9": {
                "earlier_progress_notes": [
                    (
                        "Existing information-sharing agreements mapped; adult health and "
                        "children's social care leads agreed the protocol's scope, including named "
                        "contacts."
                    ),
                    (
                        "Protocol drafted with named contacts and response times; shared with "
                        "information governance leads in each organisation."
                    ),
                    (
                        "Information governance comments received from three of four organisations "
                        "and incorporated; the last review is expected shortly."
                    ),
                ],
            },
            "L10": {
                "earlier_progress_notes": [
                    (
                        "Joint task group of adult and children's social care managers drafting "
                        "the protocol and testing it against practice scenarios."
                    ),
                    (
                        "Protocol drafted and discussed at joint team meetings; awaiting sign-off "
                        "by both directors."
                    ),
                ],
            },
            "L11": {
                "earlier_progress_notes": [
                    (
                        "Dip sample planned with the public protection unit's quality assurance "
                        "team; criteria for adult-focused incidents agreed."
                    ),
                    (
                        "Sample period agreed and the data extract requested from the force "
                        "performance team."
                    ),
                    (
                        "Sample of 50 notifications selected; reviewers from the public protection "
                        "unit have started work."
                    ),
                ],
            },
            "L12": {
                "earlier_progress_notes": [
                    (
                        "Child protection chairs consulted on when an automatic review should be "
                        "triggered; the procedure change is being drafted."
                    ),
                    (
                        "Procedure change agreed by the conference chairs' team; a case management "
                        "system report to flag plans that have not progressed is being built."
                    ),
                    (
                        "Flag report built and being tested by the chairs; procedures will be "
                        "updated and all chairs briefed once testing is complete."
                    ),
                ],
            },
            "L13": {
                "earlier_progress_notes": [
                    (
                        "Schools safeguarding audit template under review; draft questions on the "
                        "use of escalation written with the designated safeguarding lead network."
                    ),
                    (
                        "Escalation questions agreed and included in this year's schools "
                        "safeguarding audit, now sent to schools."
                    ),
                    "Audit returns coming in from schools; reminders sent to those yet to return.",
                ],
            },
            "L14": {
                "earlier_progress_notes": [
                    (
                        "Audit proposed to the quality assurance subgroup and accepted into its "
                        "programme."
                    ),
                    (
                        "Audit scope discussed with the subgroup; data on children on plans for "
                        "more than twelve months requested from children's social care."
                    ),
                    (
                        "Data received; the subgroup is agreeing case selection criteria and the "
                        "audit's slot in the programme."
                    ),
                ],
            },
        },
    },
    {
        "slug": "shay-and-ashley",
        "name": "Shay and Ashley",
        "kind": "cspr",
        "summary": (
            "The review's learning centres on professional curiosity and on how practitioners "
            "respond when families are reluctant to engage with services. The learning has been "
            "published and is awaiting ratification through the partnership's governance before an "
            "action plan is agreed."
        ),
        "themes": ["professional-curiosity", "working-with-resistance"],
        "days_ago": {"started": 420, "learning_published": 45, "ratified": None},
        "statutory": {
            "incident_known": 460,
            "notified": (3, ""),
            "rapid_review": (15, ""),
            "decided": 4,
            "publication_delay": "Publication waited for criminal proceedings to conclude, as "
            "agreed with the national panel; the family were kept informed.",
        },
        "history": {},
    },
    {
        "slug": "partnership-peer-review",
        "name": "Partnership peer review",
        "kind": "peer_review",
        "summary": (
            "The peer review found that the partnership needed stronger independent scrutiny and "
            "better use of data to hold partners to account. It recommended a multi-agency audit "
            "programme, fuller engagement of schools, health and police, and clearer evaluation of "
            "how learning changes practice."
        ),
        "themes": ["information-sharing", "thresholds-and-escalations"],
        "days_ago": {"started": 900, "learning_published": 600, "ratified": 560},
        "history": {
            "PR10": {
                "earlier_progress_notes": [
                    (
                        "Executive members asked what the narrative report should cover; a draft "
                        "structure has been shared with partner analysts."
                    ),
                    (
                        "Report structure agreed; the analyst is drafting a first version from the "
                        "latest quarter's dataset."
                    ),
                    (
                        "First narrative report drafted and shared with partner performance leads "
                        "for comment before it goes to the executive."
                    ),
                ],
            },
            "PR16": {
                "earlier_progress_notes": [
                    (
                        "Past its target date: two agencies returned their section 11 "
                        "self-assessments late, so the last challenge events move to next month. "
                        "All returns are now in."
                    ),
                ],
            },
            "PR17": {
                "earlier_progress_notes": [
                    (
                        "Forum terms of reference agreed with headteacher representatives; the "
                        "first meeting is booked with every phase of education represented."
                    ),
                ],
            },
            "PR18": {
                "earlier_progress_notes": [
                    (
                        "Education representatives nominated for the executive and four of five "
                        "subgroups; the last nomination is expected before the subgroup next "
                        "meets."
                    ),
                ],
            },
            "PR19": {
                "earlier_progress_notes": [
                    (
                        "Named representatives confirmed by three of four health providers; "
                        "deputies still to be agreed for two subgroups."
                    ),
                ],
            },
            "PR20": {
                "earlier_progress_notes": [
                    (
                        "Attendance records for the executive and subgroups shared with the public "
                        "protection command; senior leads asked to confirm who will attend each "
                        "meeting."
                    ),
                    (
                        "Named police leads agreed for the executive and two subgroups; "
                        "nominations for the others delayed by the public protection command "
                        "restructure."
                    ),
                    (
                        "Named lead agreed for a further subgroup; deputies will be named once the "
                        "restructure is complete."
                    ),
                ],
            },
            "PR21": {
                "earlier_progress_notes": [
                    (
                        "Session programme drafted with daytime, early-evening and online options; "
                        "venues booked for the first half of the programme."
                    ),
                ],
            },
            "PR22": {
                "earlier_progress_notes": [
                    (
                        "Briefing template agreed; briefings published for two completed reviews, "
                        "with the others being written."
                    ),
                    (
                        "Briefings published for all but one completed review; partners' "
                        "confirmations of team discussions are being collected."
                    ),
                ],
            },
            "PR23": {
                "earlier_progress_notes": [
                    (
                        "Learning from the two most recent reviews added to the acute trust's "
                        "level 3 training; other providers are updating their materials."
                    ),
                    (
                        "All but one health provider have updated their level 3 materials; the "
                        "last provider's revised course launches next month."
                    ),
                ],
            },
            "PR24": {
                "earlier_progress_notes": [
                    (
                        "Review learning presented at the primary care safeguarding forum for the "
                        "first time; practice leads asked for a written summary to take back to "
                        "their practices."
                    ),
                    (
                        "Slightly behind its target date: written summaries now go out after each "
                        "forum, and the named GP is following up the practices not represented "
                        "this year before the action is reported complete."
                    ),
                ],
            },
            "PR25": {
                "earlier_progress_notes": [
                    (
                        "Follow-up audit combined with the planned multi-agency audit on the same "
                        "theme, as agreed when the target date was revised; practitioner survey "
                        "being designed."
                    ),
                    (
                        "Practitioner survey open across all partner agencies; early responses are "
                        "mostly from children's social care, so partners have been asked to "
                        "promote it."
                    ),
                    (
                        "Survey closed with responses from every partner agency; analysis under "
                        "way for the learning subgroup."
                    ),
                ],
                "slip_reason": (
                    "Follow-up audit deferred so that it could be combined with a planned "
                    "multi-agency audit on the same theme, avoiding duplicate demands on "
                    "practitioners."
                ),
            },
            "PR26": {
                "earlier_progress_notes": [
                    (
                        "Draft protocol shared between the four boards' business managers; shared "
                        "priorities on exploitation and domestic abuse agreed."
                    ),
                    (
                        "Protocol agreed by three of the four boards; it goes to the health and "
                        "wellbeing board at its next meeting."
                    ),
                ],
            },
        },
    },
]


# A recent serious incident, in rapid review: known by a reference, not a name, until a review
# is decided on. The Panel was notified on time; the rapid review is due RAPID_REVIEW_DUE_IN
# working days from today.
NEW_INCIDENT = {
    "slug_prefix": "rapid-review",
    "summary": (
        "A serious child safeguarding incident notified to the national panel. The partners' rapid "
        "review is under way; the decision on a local review follows it. No names or case facts."
    ),
    "notified_after": 3,  # working days after the incident was known
    "rapid_review_due_in": 2,  # working days from today
}
