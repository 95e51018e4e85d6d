"""Illustrative demo content for the safeguarding review action tracker.

Plain data only: agencies, learning themes, and the reviews with their action plans, as reported to
the council's scrutiny committee (Frankie 14 actions: 11 blue, 3 amber; Sam and Kyle 18: 16 blue,
2 amber; Leo 14: 1 blue, 4 green, 9 amber; Shay and Ashley: learning published, not yet ratified;
partnership peer review 26: 23 blue, 3 amber).

All text is invented for demonstration. Reviews are referred to only by their published
pseudonyms; there are no case facts and no personal data about children or families. Lead
officers are recorded by role, never by name. Evidence wording avoids calendar dates on purpose.

An action's `earlier_progress_notes` are the progress notes its lead agency gave for each earlier
committee meeting at which it was still open (red or amber), oldest first: the demo's history is
dated relative to today, so they speak of terms and quarters, never of months.
Its `progress_note` is the latest, given shortly before today.

Status key (BRAG): blue = embedded (evidence of embedding required); green = complete, not yet
embedded; amber = started, not yet complete; red = not started or off track.
"""

from __future__ import annotations

AGENCIES = [
    {
        "slug": "local-authority",
        "name": "Local authority children's services",
        "short_name": "Council",
        "statutory": True,
    },
    {
        "slug": "icb",
        "name": "Integrated Care Board",
        "short_name": "ICB",
        "statutory": True,
    },
    {
        "slug": "police",
        "name": "Police",
        "short_name": "Police",
        "statutory": True,
    },
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
        "actions": [
            {
                "reference": "F1",
                "recommendation": (
                    "Agencies should share information promptly and in full when a child's "
                    "circumstances change, including when a child moves into or out of the area."
                ),
                "description": (
                    "Revise the children's social care transfer procedure so that a case summary "
                    "and chronology are sent to the receiving authority within five working days "
                    "of a known move."
                ),
                "lead_agency": "local-authority",
                "supporting_agencies": ["partnership"],
                "lead_officer_role": "Head of Service, Children's Social Care",
                "themes": ["information-sharing"],
                "status": "blue",
                "progress_note": (
                    "Revised procedure has been in use for over a year and transfer timeliness is "
                    "now a standing item in the service performance report."
                ),
                "evidence": (
                    "The latest quarterly dataset shows 94% of transfer summaries sent within five"
                    " working days, up from 61% before the change."
                ),
            },
            {
                "reference": "F2",
                "recommendation": (
                    "Agencies should share information promptly and in full when a child's "
                    "circumstances change, including when a child moves into or out of the area."
                ),
                "description": (
                    "Introduce a standard process for GP practices to record and pass on "
                    "safeguarding flags when a child registers with, or leaves, a practice."
                ),
                "lead_agency": "icb",
                "supporting_agencies": ["health-providers"],
                "lead_officer_role": "Named GP for Safeguarding",
                "themes": ["information-sharing"],
                "status": "blue",
                "progress_note": (
                    "Process adopted by all practices and built into the practice safeguarding "
                    "lead induction pack."
                ),
                "evidence": (
                    "Primary care safeguarding audit found safeguarding flags transferred "
                    "correctly in 27 of 30 sampled records."
                ),
            },
            {
                "reference": "F3",
                "recommendation": (
                    "Agencies should share information promptly and in full when a child's "
                    "circumstances change, including when a child moves into or out of the area."
                ),
                "description": (
                    "Ensure all police notifications of incidents where a child is present are "
                    "shared with the multi-agency safeguarding hub within 24 hours."
                ),
                "lead_agency": "police",
                "supporting_agencies": ["local-authority"],
                "lead_officer_role": "Detective Inspector, Public Protection",
                "themes": ["information-sharing"],
                "status": "blue",
                "progress_note": (
                    "Twenty-four-hour sharing standard is now monitored daily by the public "
                    "protection unit supervisors."
                ),
                "evidence": (
                    "Performance data for the last two quarters shows 97% of notifications shared "
                    "within 24 hours."
                ),
            },
            {
                "reference": "F4",
                "recommendation": (
                    "Agencies should share information promptly and in full when a child's "
                    "circumstances change, including when a child moves into or out of the area."
                ),
                "description": (
                    "Publish a one-page guide for practitioners on when information can be shared "
                    "without consent, and circulate it through every partner's safeguarding leads."
                ),
                "lead_agency": "partnership",
                "supporting_agencies": ["local-authority", "icb", "police"],
                "lead_officer_role": "LSCP Business Manager",
                "themes": ["information-sharing"],
                "status": "blue",
                "progress_note": (
                    "Guide published on the partnership website and referenced in all multi-agency"
                    " training since launch."
                ),
                "evidence": (
                    "Practitioner survey found 82% of respondents knew where to find the guide and"
                    " could describe when consent is not required."
                ),
            },
            {
                "reference": "F5",
                "recommendation": (
                    "Partners should strengthen professional curiosity so that practitioners look "
                    "beyond the presenting issue and understand the child's lived experience."
                ),
                "description": (
                    "Deliver a programme of multi-agency professional curiosity workshops, "
                    "reaching at least 200 practitioners across partner agencies within twelve "
                    "months."
                ),
                "lead_agency": "partnership",
                "supporting_agencies": ["local-authority", "health-providers", "education"],
                "lead_officer_role": "Learning and Development Lead, Safeguarding Partnership",
                "themes": ["professional-curiosity"],
                "status": "blue",
                "progress_note": (
                    "Workshop programme delivered and now part of the partnership's core training "
                    "offer."
                ),
                "evidence": (
                    "236 practitioners attended; three-month follow-up evaluation showed 71% "
                    "reported a specific change in how they question and record."
                ),
            },
            {
                "reference": "F6",
                "recommendation": (
                    "Partners should strengthen professional curiosity so that practitioners look "
                    "beyond the presenting issue and understand the child's lived experience."
                ),
                "description": (
                    "Add a 'day in the life of the child' section to the assessment template and "
                    "to the case supervision record."
                ),
                "lead_agency": "local-authority",
                "supporting_agencies": [],
                "lead_officer_role": "Principal Social Worker",
                "themes": ["professional-curiosity"],
                "status": "blue",
                "progress_note": (
                    "Template change went live and is reinforced through practice weeks and "
                    "supervision training."
                ),
                "evidence": (
                    "Quality assurance audit in the autumn found the child's lived experience "
                    "clearly described in 18 of 20 assessments."
                ),
            },
            {
                "reference": "F7",
                "recommendation": (
                    "Partners should strengthen professional curiosity so that practitioners look "
                    "beyond the presenting issue and understand the child's lived experience."
                ),
                "description": (
                    "Include professional curiosity case scenarios in level 3 safeguarding "
                    "training for health visitors and school nurses."
                ),
                "lead_agency": "health-providers",
                "supporting_agencies": ["icb"],
                "lead_officer_role": "Named Nurse for Safeguarding Children",
                "themes": ["professional-curiosity"],
                "status": "blue",
                "progress_note": (
                    "Scenarios embedded in the level 3 course and refreshed with each new "
                    "published review."
                ),
                "evidence": (
                    "Record-keeping audit of health visiting contacts showed improved analysis of "
                    "the home environment in 85% of records sampled."
                ),
            },
            {
                "reference": "F8",
                "recommendation": (
                    "Partners should strengthen professional curiosity so that practitioners look "
                    "beyond the presenting issue and understand the child's lived experience."
                ),
                "description": (
                    "Provide designated safeguarding leads with a briefing and reflective tool for"
                    " exploring unexplained changes in a pupil's presentation or behaviour."
                ),
                "lead_agency": "education",
                "supporting_agencies": ["partnership"],
                "lead_officer_role": "Head of Inclusion",
                "themes": ["professional-curiosity"],
                "status": "amber",
                "progress_note": (
                    "Reflective tool drafted and tested with a small group of designated "
                    "safeguarding leads; briefings are booked for next term."
                ),
                "earlier_progress_notes": [
                    (
                        "Working group of designated safeguarding leads set up to shape the "
                        "reflective tool; prompts on unexplained changes in presentation are being"
                        " drawn from recent review learning."
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
                "evidence": "",
            },
            {
                "reference": "F9",
                "recommendation": (
                    "The partnership should be assured that practitioners know and use the "
                    "escalation and resolution policy when they disagree with a decision."
                ),
                "description": (
                    "Refresh the multi-agency escalation and resolution policy with clear "
                    "timescales for each stage and a final route to the partnership executive."
                ),
                "lead_agency": "partnership",
                "supporting_agencies": ["local-authority", "icb", "police"],
                "lead_officer_role": "LSCP Business Manager",
                "themes": ["thresholds-and-escalations"],
                "status": "blue",
                "progress_note": (
                    "Refreshed policy signed off by the executive and promoted through awareness "
                    "sessions and partner bulletins."
                ),
                "evidence": (
                    "Multi-agency audit in the spring found the escalation policy used correctly "
                    "in 9 of 10 cases where professionals disagreed."
                ),
            },
            {
                "reference": "F10",
                "recommendation": (
                    "The partnership should be assured that practitioners know and use the "
                    "escalation and resolution policy when they disagree with a decision."
                ),
                "description": (
                    "Log every professional escalation received by the front door and report "
                    "numbers, themes and outcomes to the partnership each quarter."
                ),
                "lead_agency": "local-authority",
                "supporting_agencies": ["partnership"],
                "lead_officer_role": "Service Manager, Multi-Agency Safeguarding Hub",
                "themes": ["thresholds-and-escalations"],
                "status": "blue",
                "progress_note": (
                    "Escalation log is maintained routinely and reviewed at the quality assurance "
                    "subgroup."
                ),
                "evidence": (
                    "Four consecutive quarterly reports received; escalations from schools and "
                    "health have doubled, indicating greater confidence in challenge."
                ),
            },
            {
                "reference": "F11",
                "recommendation": (
                    "The partnership should be assured that practitioners know and use the "
                    "escalation and resolution policy when they disagree with a decision."
                ),
                "description": (
                    "Brief all public protection sergeants and inspectors on the refreshed "
                    "escalation policy and their responsibility to challenge decisions."
                ),
                "lead_agency": "police",
                "supporting_agencies": ["partnership"],
                "lead_officer_role": "Detective Chief Inspector, Public Protection",
                "themes": ["thresholds-and-escalations"],
                "status": "blue",
                "progress_note": (
                    "Briefings completed and the policy is now included in the public protection "
                    "supervisors' course."
                ),
                "earlier_progress_notes": [
                    (
                        "Briefings delivered to most public protection sergeants and inspectors; "
                        "sessions for the remaining shifts are booked for the coming weeks."
                    ),
                ],
                "evidence": (
                    "Police escalations to children's social care are now recorded on the "
                    "escalation log, with 14 raised in the latest quarter compared with none "
                    "before."
                ),
            },
            {
                "reference": "F12",
                "recommendation": (
                    "Health and education partners should treat missed appointments and "
                    "unexplained absence as potential indicators of safeguarding risk."
                ),
                "description": (
                    "Review 'was not brought' policies across primary care and community health "
                    "services so that repeated missed appointments trigger a safeguarding "
                    "discussion."
                ),
                "lead_agency": "icb",
                "supporting_agencies": ["health-providers"],
                "lead_officer_role": "Designated Nurse for Safeguarding Children",
                "themes": ["professional-curiosity", "thresholds-and-escalations"],
                "status": "amber",
                "progress_note": (
                    "Draft harmonised policy circulated to providers for comment; final version "
                    "due to the health safeguarding forum next quarter."
                ),
                "earlier_progress_notes": [
                    (
                        "Existing 'was not brought' policies collected from every primary care and"
                        " community provider; a gap analysis against the review's learning is "
                        "under way."
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
                "evidence": "",
                "slip_reason": (
                    "Consultation extended at the request of two providers aligning their own "
                    "clinical policies; target moved back by one quarter."
                ),
            },
            {
                "reference": "F13",
                "recommendation": (
                    "Health and education partners should treat missed appointments and "
                    "unexplained absence as potential indicators of safeguarding risk."
                ),
                "description": (
                    "Update attendance guidance for schools so that patterns of persistent or "
                    "unexplained absence are discussed with the designated safeguarding lead and "
                    "referred where appropriate."
                ),
                "lead_agency": "education",
                "supporting_agencies": ["local-authority"],
                "lead_officer_role": "Head of Education Access and Attendance",
                "themes": ["information-sharing", "thresholds-and-escalations"],
                "status": "blue",
                "progress_note": (
                    "Guidance reissued to all schools and covered at each termly designated "
                    "safeguarding lead network."
                ),
                "earlier_progress_notes": [
                    (
                        "Attendance guidance being redrafted by the attendance and safeguarding "
                        "teams; wording on discussing persistent absence with the designated "
                        "safeguarding lead agreed in principle."
                    ),
                    (
                        "Revised guidance approved by the education safeguarding group; it will be"
                        " reissued to all schools before the end of term and covered at the next "
                        "designated safeguarding lead networks."
                    ),
                ],
                "evidence": (
                    "Attendance team audit found absence concerns discussed with the designated "
                    "safeguarding lead in 23 of 25 sampled cases."
                ),
            },
            {
                "reference": "F14",
                "recommendation": (
                    "Health and education partners should treat missed appointments and "
                    "unexplained absence as potential indicators of safeguarding risk."
                ),
                "description": (
                    "Audit 30 cases of children not brought to hospital outpatient appointments to"
                    " test whether follow-up took place in line with policy."
                ),
                "lead_agency": "health-providers",
                "supporting_agencies": ["icb"],
                "lead_officer_role": "Named Nurse for Safeguarding Children, Acute Hospital",
                "themes": ["professional-curiosity"],
                "status": "amber",
                "progress_note": (
                    "Audit tool agreed and case sample drawn; fieldwork is under way with findings"
                    " due to the quality assurance subgroup."
                ),
                "earlier_progress_notes": [
                    (
                        "Audit scoped with the quality assurance subgroup; outpatient and "
                        "safeguarding leads are agreeing which clinics and which period the sample"
                        " will cover."
                    ),
                    (
                        "Draft audit tool being tested on three cases by the named nurse team; the"
                        " audit is registered with the trust's clinical audit department."
                    ),
                    (
                        "Audit tool agreed with outpatient leads after testing; the trust's data "
                        "team is drawing the sample of 30 cases."
                    ),
                ],
                "evidence": "",
            },
        ],
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
        "actions": [
            {
                "reference": "SK1",
                "recommendation": (
                    "Practitioners should be equipped to recognise and respond to disguised "
                    "compliance and to hostile or evasive engagement by parents and carers."
                ),
                "description": (
                    "Develop and launch multi-agency practice guidance on working with resistance,"
                    " including disguised compliance and non-engagement."
                ),
                "lead_agency": "partnership",
                "supporting_agencies": ["local-authority", "icb", "police"],
                "lead_officer_role": "LSCP Business Manager",
                "themes": ["working-with-resistance"],
                "status": "blue",
                "progress_note": (
                    "Guidance launched and linked from every partner's safeguarding intranet pages."
                ),
                "evidence": (
                    "Practitioner survey showed 78% of respondents had used the guidance; the "
                    "spring multi-agency audit found it referenced in case discussions."
                ),
            },
            {
                "reference": "SK2",
                "recommendation": (
                    "Practitioners should be equipped to recognise and respond to disguised "
                    "compliance and to hostile or evasive engagement by parents and carers."
                ),
                "description": (
                    "Deliver training on working with hostile and resistant families to all social"
                    " workers and family support practitioners."
                ),
                "lead_agency": "local-authority",
                "supporting_agencies": ["partnership"],
                "lead_officer_role": "Principal Social Worker",
                "themes": ["working-with-resistance"],
                "status": "blue",
                "progress_note": (
                    "Training now part of the mandatory programme for all new starters and the "
                    "annual refresher for existing staff."
                ),
                "evidence": (
                    "91% of the social care workforce trained; supervision audit shows resistance "
                    "explicitly considered in most plans reviewed."
                ),
            },
            {
                "reference": "SK3",
                "recommendation": (
                    "Practitioners should be equipped to recognise and respond to disguised "
                    "compliance and to hostile or evasive engagement by parents and carers."
                ),
                "description": (
                    "Include recognising hostile and evasive behaviour towards professionals in "
                    "public protection training for frontline officers."
                ),
                "lead_agency": "police",
                "supporting_agencies": [],
                "lead_officer_role": "Detective Chief Inspector, Public Protection",
                "themes": ["working-with-resistance", "professional-curiosity"],
                "status": "blue",
                "progress_note": (
                    "Content added to the vulnerability training package delivered to all response"
                    " and neighbourhood teams."
                ),
                "evidence": (
                    "Dip sample of child-related incident logs showed officers recording parental "
                    "engagement and obstruction in 17 of 20 logs."
                ),
            },
            {
                "reference": "SK4",
                "recommendation": (
                    "Practitioners should be equipped to recognise and respond to disguised "
                    "compliance and to hostile or evasive engagement by parents and carers."
                ),
                "description": (
                    "Introduce a safety planning protocol for community health staff visiting "
                    "homes where hostility towards professionals is known."
                ),
                "lead_agency": "health-providers",
                "supporting_agencies": ["icb"],
                "lead_officer_role": "Head of Safeguarding, Community Health Provider",
                "themes": ["working-with-resistance"],
                "status": "amber",
                "progress_note": (
                    "Protocol drafted with staff-side input and is being tested in two community "
                    "teams before wider roll-out."
                ),
                "earlier_progress_notes": [
                    (
                        "Lone working and safety planning arrangements reviewed across community "
                        "teams; the protocol's scope agreed with staff representatives."
                    ),
                    (
                        "Protocol drafted and under discussion with staff-side representatives and"
                        " the provider's health and safety lead."
                    ),
                    (
                        "Protocol revised after staff-side comments; two community teams chosen to"
                        " test it and their managers briefed."
                    ),
                ],
                "evidence": "",
            },
            {
                "reference": "SK5",
                "recommendation": (
                    "The partnership should ensure thresholds are applied consistently and that "
                    "decisions to step cases down are robust and multi-agency."
                ),
                "description": (
                    "Revise the step-down procedure so that no case closes to early help without a"
                    " multi-agency meeting and an agreed plan."
                ),
                "lead_agency": "local-authority",
                "supporting_agencies": ["education", "health-providers"],
                "lead_officer_role": "Head of Service, Early Help",
                "themes": ["thresholds-and-escalations"],
                "status": "blue",
                "progress_note": (
                    "Revised procedure is standard practice and step-down meetings are tracked on "
                    "the case management system."
                ),
                "evidence": (
                    "Audit of 20 step-down cases found a multi-agency meeting and agreed plan in "
                    "19, compared with 8 at the time of the review."
                ),
            },
            {
                "reference": "SK6",
                "recommendation": (
                    "The partnership should ensure thresholds are applied consistently and that "
                    "decisions to step cases down are robust and multi-agency."
                ),
                "description": (
                    "Reissue the threshold document with worked examples and test practitioner "
                    "understanding through a survey six months after launch."
                ),
                "lead_agency": "partnership",
                "supporting_agencies": ["local-authority", "icb", "police", "education"],
                "lead_officer_role": "LSCP Business Manager",
                "themes": ["thresholds-and-escalations"],
                "status": "blue",
                "progress_note": (
                    "Threshold document reissued and built into all partnership training; the "
                    "survey is now repeated annually."
                ),
                "evidence": (
                    "Follow-up survey showed confidence in applying thresholds rose from 54% to "
                    "83% of respondents."
                ),
            },
            {
                "reference": "SK7",
                "recommendation": (
                    "The partnership should ensure thresholds are applied consistently and that "
                    "decisions to step cases down are robust and multi-agency."
                ),
                "description": (
                    "Establish a monthly safeguarding advice clinic for primary care to support "
                    "GPs with threshold decisions and referrals."
                ),
                "lead_agency": "icb",
                "supporting_agencies": [],
                "lead_officer_role": "Designated Doctor for Safeguarding Children",
                "themes": ["thresholds-and-escalations"],
                "status": "blue",
                "progress_note": (
                    "Advice clinic runs monthly and is well used by practice safeguarding leads."
                ),
                "evidence": (
                    "Clinic attendance logs show over 40 consultations in the past six months, and"
                    " front door data shows fewer GP referrals returned for more information."
                ),
            },
            {
                "reference": "SK8",
                "recommendation": (
                    "The partnership should ensure thresholds are applied consistently and that "
                    "decisions to step cases down are robust and multi-agency."
                ),
                "description": (
                    "Train designated safeguarding leads on the reissued threshold document and on"
                    " how to challenge decisions they disagree with."
                ),
                "lead_agency": "education",
                "supporting_agencies": ["partnership"],
                "lead_officer_role": "Safeguarding in Education Lead",
                "themes": ["thresholds-and-escalations"],
                "status": "blue",
                "progress_note": (
                    "Training delivered through the termly network and now part of induction for "
                    "new designated safeguarding leads."
                ),
                "evidence": (
                    "Annual schools safeguarding audit returns show all responding schools have a "
                    "trained designated safeguarding lead aware of the escalation route."
                ),
            },
            {
                "reference": "SK9",
                "recommendation": (
                    "Assessments and plans should consider the needs and experience of each child "
                    "in a household individually."
                ),
                "description": (
                    "Amend the single assessment template so that each child has a separate "
                    "analysis of needs, risks and wishes and feelings."
                ),
                "lead_agency": "local-authority",
                "supporting_agencies": [],
                "lead_officer_role": "Head of Safeguarding and Quality Assurance",
                "themes": ["professional-curiosity"],
                "status": "blue",
                "progress_note": (
                    "Template amended and reinforced through practice standards and audit."
                ),
                "evidence": (
                    "Monthly case audits over two quarters found an individual analysis for each "
                    "child in 88% of multi-child assessments."
                ),
            },
            {
                "reference": "SK10",
                "recommendation": (
                    "Assessments and plans should consider the needs and experience of each child "
                    "in a household individually."
                ),
                "description": (
                    "Ensure health visiting and school nursing records capture each child's voice "
                    "and development separately, not only at household level."
                ),
                "lead_agency": "health-providers",
                "supporting_agencies": ["icb"],
                "lead_officer_role": "Named Nurse for Safeguarding Children",
                "themes": ["professional-curiosity"],
                "status": "blue",
                "progress_note": (
                    "Electronic record templates updated and record-keeping standards reissued to "
                    "all teams."
                ),
                "evidence": (
                    "Record-keeping audit in the summer found individual child entries in 26 of 30"
                    " records sampled."
                ),
            },
            {
                "reference": "SK11",
                "recommendation": (
                    "Assessments and plans should consider the needs and experience of each child "
                    "in a household individually."
                ),
                "description": (
                    "Ensure schools keep an individual safeguarding chronology for each pupil and "
                    "transfer it promptly when a pupil changes school."
                ),
                "lead_agency": "education",
                "supporting_agencies": ["local-authority"],
                "lead_officer_role": "Head of Inclusion",
                "themes": ["information-sharing"],
                "status": "blue",
                "progress_note": (
                    "Chronology template and transfer checklist issued to all schools and covered "
                    "in designated safeguarding lead induction."
                ),
                "evidence": (
                    "Termly transfer checks show safeguarding files received within five school "
                    "days in 90% of in-year moves."
                ),
            },
            {
                "reference": "SK12",
                "recommendation": (
                    "Partners should improve the quality and completeness of information shared at"
                    " strategy discussions and child protection conferences."
                ),
                "description": (
                    "Ensure a police officer attends every initial child protection conference or,"
                    " where this is not possible, a written report is provided in advance."
                ),
                "lead_agency": "police",
                "supporting_agencies": ["local-authority"],
                "lead_officer_role": "Detective Inspector, Public Protection",
                "themes": ["information-sharing"],
                "status": "blue",
                "progress_note": (
                    "Conference attendance is tracked by the public protection unit and reviewed "
                    "at monthly performance meetings."
                ),
                "evidence": (
                    "Latest quarterly dataset shows police attendance or a written report for 98% "
                    "of initial conferences."
                ),
            },
            {
                "reference": "SK13",
                "recommendation": (
                    "Partners should improve the quality and completeness of information shared at"
                    " strategy discussions and child protection conferences."
                ),
                "description": (
                    "Introduce a standard GP report template for child protection conferences and "
                    "monitor return rates quarterly."
                ),
                "lead_agency": "icb",
                "supporting_agencies": ["local-authority"],
                "lead_officer_role": "Named GP for Safeguarding",
                "themes": ["information-sharing"],
                "status": "blue",
                "progress_note": (
                    "Template in use across all practices and return rates are reported to the "
                    "health safeguarding forum."
                ),
                "earlier_progress_notes": [
                    (
                        "Template agreed with the named GP group and piloted in eight practices; "
                        "feedback is positive and roll-out to all practices follows in the coming "
                        "weeks."
                    ),
                ],
                "evidence": "GP report return rate has risen from 45% to 86% over four quarters.",
            },
            {
                "reference": "SK14",
                "recommendation": (
                    "Partners should improve the quality and completeness of information shared at"
                    " strategy discussions and child protection conferences."
                ),
                "description": (
                    "Monitor attendance of all three statutory partners at strategy discussions "
                    "and report quarterly to the partnership."
                ),
                "lead_agency": "local-authority",
                "supporting_agencies": ["icb", "police"],
                "lead_officer_role": "Service Manager, Multi-Agency Safeguarding Hub",
                "themes": ["information-sharing", "thresholds-and-escalations"],
                "status": "blue",
                "progress_note": (
                    "Strategy discussion attendance is now a standard measure in the partnership "
                    "dataset."
                ),
                "earlier_progress_notes": [
                    (
                        "Attendance of each partner added to the strategy discussion record; the "
                        "first quarter's figures are being checked before the first report to the "
                        "partnership."
                    ),
                ],
                "evidence": (
                    "Three-way attendance at strategy discussions has been above 95% for three "
                    "consecutive quarters."
                ),
            },
            {
                "reference": "SK15",
                "recommendation": (
                    "Partners should improve the quality and completeness of information shared at"
                    " strategy discussions and child protection conferences."
                ),
                "description": (
                    "Extend police checks before strategy discussions to cover intelligence on all"
                    " adults known to be linked to the household."
                ),
                "lead_agency": "police",
                "supporting_agencies": [],
                "lead_officer_role": "Detective Sergeant, Multi-Agency Safeguarding Hub",
                "themes": ["information-sharing", "professional-curiosity"],
                "status": "blue",
                "progress_note": "Checklist amended and applied by all hub researchers.",
                "earlier_progress_notes": [
                    (
                        "Hub research checklist amended to cover all adults linked to the "
                        "household; researchers are trialling it ahead of sign-off by the "
                        "detective inspector."
                    ),
                ],
                "evidence": (
                    "Dip sample of 25 strategy discussion records showed full adult checks "
                    "completed in 24."
                ),
            },
            {
                "reference": "SK16",
                "recommendation": (
                    "The partnership should seek assurance that learning about working with "
                    "resistance is embedded in supervision across agencies."
                ),
                "description": (
                    "Make working with resistance a standing item in safeguarding supervision for "
                    "health practitioners working with children on plans."
                ),
                "lead_agency": "icb",
                "supporting_agencies": ["health-providers"],
                "lead_officer_role": "Designated Nurse for Safeguarding Children",
                "themes": ["working-with-resistance"],
                "status": "blue",
                "progress_note": (
                    "Supervision template amended across providers and monitored through provider "
                    "assurance returns."
                ),
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
                "evidence": (
                    "Provider assurance returns confirm the standing item in use, and the "
                    "supervision audit found resistance discussed in 80% of relevant sessions."
                ),
            },
            {
                "reference": "SK17",
                "recommendation": (
                    "The partnership should seek assurance that learning about working with "
                    "resistance is embedded in supervision across agencies."
                ),
                "description": (
                    "Run a multi-agency audit of 15 cases where resistance was recorded, testing "
                    "whether supervision challenged and changed the plan."
                ),
                "lead_agency": "partnership",
                "supporting_agencies": ["local-authority", "icb", "police"],
                "lead_officer_role": "Quality Assurance Officer, Safeguarding Partnership",
                "themes": ["working-with-resistance", "thresholds-and-escalations"],
                "status": "amber",
                "progress_note": (
                    "Audit scoped and cases selected; partner auditors are completing "
                    "single-agency reviews ahead of the multi-agency session."
                ),
                "earlier_progress_notes": [
                    (
                        "Audit placed in the quality assurance programme; terms of reference being"
                        " drafted with the working with resistance theme lead."
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
                "evidence": "",
            },
            {
                "reference": "SK18",
                "recommendation": (
                    "The partnership should seek assurance that learning about working with "
                    "resistance is embedded in supervision across agencies."
                ),
                "description": (
                    "Update the children's social care supervision policy so supervisors record "
                    "how resistance has been explored and what the plan is in response."
                ),
                "lead_agency": "local-authority",
                "supporting_agencies": [],
                "lead_officer_role": "Head of Safeguarding and Quality Assurance",
                "themes": ["working-with-resistance"],
                "status": "blue",
                "progress_note": (
                    "Policy updated and supervisors briefed; compliance is checked through the "
                    "monthly audit cycle."
                ),
                "earlier_progress_notes": [
                    (
                        "Supervision policy review under way with practice supervisors; wording on"
                        " recording how resistance has been explored is being drafted."
                    ),
                    (
                        "Revised policy shared with team managers for comment; briefings for "
                        "supervisors will be arranged once it is approved."
                    ),
                ],
                "evidence": (
                    "Supervision audit found resistance explicitly recorded and responded to in 17"
                    " of 20 files."
                ),
            },
        ],
    },
    {
        "slug": "leo",
        "name": "Leo",
        "kind": "cspr",
        "summary": (
            "The review found that services working with adults did not always consider the impact"
            " on children, and that cumulative neglect was not recognised early enough. It asked "
            "partners to improve information sharing between adult and children's services and to "
            "escalate when plans drift."
        ),
        "themes": ["professional-curiosity", "information-sharing", "thresholds-and-escalations"],
        "actions": [
            {
                "reference": "L1",
                "recommendation": (
                    "Practitioners in adult-facing services should consider the impact of a "
                    "parent's or carer's needs on any children in the household."
                ),
                "description": (
                    "Commission whole-family safeguarding training for adult mental health and "
                    "substance misuse services, covering the impact of parental needs on children."
                ),
                "lead_agency": "icb",
                "supporting_agencies": ["health-providers", "partnership"],
                "lead_officer_role": "Designated Nurse for Safeguarding Children",
                "themes": ["professional-curiosity"],
                "status": "green",
                "progress_note": (
                    "Training commissioned and delivered to all adult mental health and substance "
                    "misuse teams; impact will be tested through the next provider assurance "
                    "round."
                ),
                "earlier_progress_notes": [
                    (
                        "Training provider selected and content agreed with adult mental health "
                        "and substance misuse leads; sessions for the remaining teams are booked "
                        "over the next few weeks."
                    ),
                ],
                "evidence": "Completion records show 87% of targeted staff attended.",
            },
            {
                "reference": "L2",
                "recommendation": (
                    "Practitioners in adult-facing services should consider the impact of a "
                    "parent's or carer's needs on any children in the household."
                ),
                "description": (
                    "Add a mandatory question on children in the household, and caring "
                    "responsibilities, to adult mental health assessments."
                ),
                "lead_agency": "health-providers",
                "supporting_agencies": ["icb"],
                "lead_officer_role": "Head of Safeguarding, Mental Health Trust",
                "themes": ["professional-curiosity", "information-sharing"],
                "status": "blue",
                "progress_note": (
                    "Mandatory field has been in place for over a year and is monitored through "
                    "the trust's safeguarding dashboard."
                ),
                "evidence": (
                    "Trust dashboard shows the question completed in 96% of adult assessments, and"
                    " referrals to children's services from adult mental health have increased."
                ),
            },
            {
                "reference": "L3",
                "recommendation": (
                    "Practitioners in adult-facing services should consider the impact of a "
                    "parent's or carer's needs on any children in the household."
                ),
                "description": (
                    "Amend custody and vulnerability procedures so officers record dependent "
                    "children and notify children's services when an arrested adult is a parent or"
                    " carer."
                ),
                "lead_agency": "police",
                "supporting_agencies": ["local-authority"],
                "lead_officer_role": "Detective Inspector, Public Protection",
                "themes": ["information-sharing"],
                "status": "amber",
                "progress_note": (
                    "Procedure amendment drafted; changes to the custody recording system are "
                    "awaiting the force's next system release."
                ),
                "earlier_progress_notes": [
                    (
                        "Custody and vulnerability procedures reviewed with custody sergeants, "
                        "mapping where officers should ask whether an arrested adult has dependent"
                        " children."
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
                "evidence": "",
            },
            {
                "reference": "L4",
                "recommendation": (
                    "Practitioners in adult-facing services should consider the impact of a "
                    "parent's or carer's needs on any children in the household."
                ),
                "description": (
                    "Produce a whole-family practice briefing for adult and children's "
                    "practitioners and deliver it through the awareness session programme."
                ),
                "lead_agency": "partnership",
                "supporting_agencies": ["local-authority", "health-providers"],
                "lead_officer_role": "LSCP Business Manager",
                "themes": ["professional-curiosity"],
                "status": "amber",
                "progress_note": (
                    "Briefing written and agreed by the learning subgroup; the first two awareness"
                    " sessions have been held and more are scheduled across the year."
                ),
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
                "evidence": "",
            },
            {
                "reference": "L5",
                "recommendation": (
                    "Partners should recognise the signs of neglect early and assess the "
                    "cumulative impact of low-level concerns over time."
                ),
                "description": (
                    "Roll out an evidence-based neglect assessment tool to social workers, early "
                    "help practitioners and health visitors, with trained champions in each team."
                ),
                "lead_agency": "local-authority",
                "supporting_agencies": ["health-providers", "education"],
                "lead_officer_role": "Head of Service, Early Help",
                "themes": ["professional-curiosity", "thresholds-and-escalations"],
                "status": "amber",
                "progress_note": (
                    "Tool licensed and the first champions trained; roll-out to remaining teams is"
                    " planned over the next two terms."
                ),
                "earlier_progress_notes": [
                    (
                        "Tool licence agreed. Trainer accreditation is taking longer than planned,"
                        " so the first practitioner cohort moves to the following term and the "
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
                "evidence": "",
                "slip_reason": (
                    "Trainer accreditation took longer than expected, so the first practitioner "
                    "cohort was moved to the following term."
                ),
            },
            {
                "reference": "L6",
                "recommendation": (
                    "Partners should recognise the signs of neglect early and assess the "
                    "cumulative impact of low-level concerns over time."
                ),
                "description": (
                    "Deliver neglect awareness briefings to designated safeguarding leads, "
                    "covering indicators of cumulative harm and how to record low-level concerns."
                ),
                "lead_agency": "education",
                "supporting_agencies": ["partnership"],
                "lead_officer_role": "Safeguarding in Education Lead",
                "themes": ["professional-curiosity"],
                "status": "green",
                "progress_note": (
                    "Briefings delivered to all designated safeguarding lead networks; embedding "
                    "will be tested in the next schools safeguarding audit."
                ),
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
                "evidence": "Attendance records show representation from 92% of schools.",
            },
            {
                "reference": "L7",
                "recommendation": (
                    "Partners should recognise the signs of neglect early and assess the "
                    "cumulative impact of low-level concerns over time."
                ),
                "description": (
                    "Introduce structured neglect screening at health visiting mandated contacts "
                    "where there are concerns about home conditions or care."
                ),
                "lead_agency": "health-providers",
                "supporting_agencies": ["icb"],
                "lead_officer_role": "Named Nurse for Safeguarding Children",
                "themes": ["professional-curiosity"],
                "status": "amber",
                "progress_note": (
                    "Screening approach agreed with the health visiting service; staff training is"
                    " under way and about half of teams are using it."
                ),
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
                        "Training started with the first health visiting teams; screening outcomes"
                        " can now be recorded on the electronic record."
                    ),
                ],
                "evidence": "",
            },
            {
                "reference": "L8",
                "recommendation": (
                    "Partners should recognise the signs of neglect early and assess the "
                    "cumulative impact of low-level concerns over time."
                ),
                "description": (
                    "Publish a multi-agency neglect strategy and practice pathway, setting out how"
                    " concerns are escalated when help is not improving a child's circumstances."
                ),
                "lead_agency": "partnership",
                "supporting_agencies": ["local-authority", "icb", "police", "education"],
                "lead_officer_role": "LSCP Business Manager",
                "themes": ["thresholds-and-escalations"],
                "status": "amber",
                "progress_note": (
                    "Draft strategy has been through practitioner consultation and is due for "
                    "sign-off by the partnership executive."
                ),
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
                "evidence": "",
            },
            {
                "reference": "L9",
                "recommendation": (
                    "Relevant information held by adult services should be shared with children's "
                    "services when it bears on a child's safety."
                ),
                "description": (
                    "Agree an information-sharing protocol between adult health services and "
                    "children's social care, including named contacts and response times."
                ),
                "lead_agency": "icb",
                "supporting_agencies": ["local-authority", "health-providers"],
                "lead_officer_role": "Associate Director of Safeguarding",
                "themes": ["information-sharing"],
                "status": "amber",
                "progress_note": (
                    "Protocol drafted and reviewed by information governance leads in each "
                    "organisation; awaiting final legal sign-off."
                ),
                "earlier_progress_notes": [
                    (
                        "Existing information-sharing agreements mapped; adult health and "
                        "children's social care leads agreed the protocol's scope, including named"
                        " contacts."
                    ),
                    (
                        "Protocol drafted with named contacts and response times; shared with "
                        "information governance leads in each organisation."
                    ),
                    (
                        "Information governance comments received from three of four organisations"
                        " and incorporated; the last review is expected shortly."
                    ),
                ],
                "evidence": "",
            },
            {
                "reference": "L10",
                "recommendation": (
                    "Relevant information held by adult services should be shared with children's "
                    "services when it bears on a child's safety."
                ),
                "description": (
                    "Establish a joint working protocol between adult and children's social care "
                    "for sharing concerns about parents with care and support needs."
                ),
                "lead_agency": "local-authority",
                "supporting_agencies": [],
                "lead_officer_role": "Head of Service, Children's Social Care",
                "themes": ["information-sharing"],
                "status": "green",
                "progress_note": (
                    "Protocol agreed and launched through joint team meetings; a joint audit is "
                    "planned to test whether it is being used."
                ),
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
                "evidence": (
                    "Protocol signed off by both directors and published on the staff intranet."
                ),
            },
            {
                "reference": "L11",
                "recommendation": (
                    "Relevant information held by adult services should be shared with children's "
                    "services when it bears on a child's safety."
                ),
                "description": (
                    "Dip-sample 50 police notifications from adult-focused incidents to test "
                    "whether the presence and needs of children are identified and shared."
                ),
                "lead_agency": "police",
                "supporting_agencies": ["partnership"],
                "lead_officer_role": "Detective Chief Inspector, Public Protection",
                "themes": ["information-sharing", "professional-curiosity"],
                "status": "amber",
                "progress_note": (
                    "Sample selected and half the notifications reviewed; early findings have been"
                    " shared with team supervisors."
                ),
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
                        "Sample of 50 notifications selected; reviewers from the public protection"
                        " unit have started work."
                    ),
                ],
                "evidence": "",
            },
            {
                "reference": "L12",
                "recommendation": (
                    "The partnership should be assured that escalation is used when a child's plan"
                    " is not making progress."
                ),
                "description": (
                    "Introduce an automatic review by the child protection chair where a plan has "
                    "not progressed after two review conferences."
                ),
                "lead_agency": "local-authority",
                "supporting_agencies": [],
                "lead_officer_role": "Head of Safeguarding and Quality Assurance",
                "themes": ["thresholds-and-escalations"],
                "status": "green",
                "progress_note": (
                    "Trigger built into conference procedures and chairs are applying it; evidence"
                    " of impact on drift will come from the next audit cycle."
                ),
                "earlier_progress_notes": [
                    (
                        "Child protection chairs consulted on when an automatic review should be "
                        "triggered; the procedure change is being drafted."
                    ),
                    (
                        "Procedure change agreed by the conference chairs' team; a case management"
                        " system report to flag plans that have not progressed is being built."
                    ),
                    (
                        "Flag report built and being tested by the chairs; procedures will be "
                        "updated and all chairs briefed once testing is complete."
                    ),
                ],
                "evidence": "Procedures updated and all chairs briefed.",
            },
            {
                "reference": "L13",
                "recommendation": (
                    "The partnership should be assured that escalation is used when a child's plan"
                    " is not making progress."
                ),
                "description": (
                    "Add questions on use of escalation to the annual schools safeguarding audit "
                    "and follow up schools that report no escalations."
                ),
                "lead_agency": "education",
                "supporting_agencies": ["partnership"],
                "lead_officer_role": "Head of Inclusion",
                "themes": ["thresholds-and-escalations"],
                "status": "amber",
                "progress_note": (
                    "Audit questions agreed; returns from this year's audit are being collated "
                    "before follow-up with schools."
                ),
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
                "evidence": "",
            },
            {
                "reference": "L14",
                "recommendation": (
                    "The partnership should be assured that escalation is used when a child's plan"
                    " is not making progress."
                ),
                "description": (
                    "Complete a multi-agency audit of children on plans for more than twelve "
                    "months to identify drift and test whether professionals escalated concerns."
                ),
                "lead_agency": "partnership",
                "supporting_agencies": ["local-authority", "icb", "police", "education"],
                "lead_officer_role": "Quality Assurance Officer, Safeguarding Partnership",
                "themes": ["thresholds-and-escalations", "working-with-resistance"],
                "status": "amber",
                "progress_note": (
                    "Audit scheduled in the quality assurance programme for next quarter; case "
                    "selection criteria agreed."
                ),
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
                "evidence": "",
            },
        ],
    },
    {
        "slug": "shay-and-ashley",
        "name": "Shay and Ashley",
        "kind": "cspr",
        "summary": (
            "The review's learning centres on professional curiosity and on how practitioners "
            "respond when families are reluctant to engage with services. The learning has been "
            "published and is awaiting ratification through the partnership's governance before an"
            " action plan is agreed."
        ),
        "themes": ["professional-curiosity", "working-with-resistance"],
        "actions": [],
    },
    {
        "slug": "partnership-peer-review",
        "name": "Partnership peer review",
        "kind": "peer_review",
        "summary": (
            "The peer review found that the partnership needed stronger independent scrutiny and "
            "better use of data to hold partners to account. It recommended a multi-agency audit "
            "programme, fuller engagement of schools, health and police, and clearer evaluation of"
            " how learning changes practice."
        ),
        "themes": ["information-sharing", "thresholds-and-escalations"],
        "actions": [
            {
                "reference": "PR1",
                "recommendation": (
                    "Strengthen independent scrutiny so that it offers objective, critical-friend "
                    "challenge to all three statutory safeguarding partners."
                ),
                "description": (
                    "Appoint an independent chair and scrutineer with a published remit agreed by "
                    "the three statutory safeguarding partners."
                ),
                "lead_agency": "local-authority",
                "supporting_agencies": ["icb", "police"],
                "lead_officer_role": "Director of Children's Services",
                "themes": ["thresholds-and-escalations"],
                "status": "blue",
                "progress_note": (
                    "Independent chair and scrutineer in post with a published remit and an annual"
                    " work programme."
                ),
                "evidence": (
                    "Remit published; the scrutineer's first annual report has been presented to "
                    "the executive and to the council's scrutiny committee."
                ),
            },
            {
                "reference": "PR2",
                "recommendation": (
                    "Strengthen independent scrutiny so that it offers objective, critical-friend "
                    "challenge to all three statutory safeguarding partners."
                ),
                "description": (
                    "Agree an annual scrutiny plan setting out the areas the independent "
                    "scrutineer will test, and report findings to the executive."
                ),
                "lead_agency": "partnership",
                "supporting_agencies": ["local-authority", "icb", "police"],
                "lead_officer_role": "LSCP Business Manager",
                "themes": ["thresholds-and-escalations"],
                "status": "blue",
                "progress_note": (
                    "Scrutiny plan agreed for the current year and progress reviewed at each "
                    "executive meeting."
                ),
                "evidence": (
                    "Three scrutiny reports completed, each with recommendations tracked to "
                    "completion on the partnership action log."
                ),
            },
            {
                "reference": "PR3",
                "recommendation": (
                    "Strengthen independent scrutiny so that it offers objective, critical-friend "
                    "challenge to all three statutory safeguarding partners."
                ),
                "description": (
                    "Hold quarterly meetings between the statutory partners' delegated "
                    "safeguarding leads and the independent scrutineer to review performance and "
                    "risk."
                ),
                "lead_agency": "icb",
                "supporting_agencies": ["local-authority", "police"],
                "lead_officer_role": "Chief Nurse",
                "themes": ["thresholds-and-escalations"],
                "status": "blue",
                "progress_note": (
                    "Quarterly meetings are established and minuted, with actions tracked between "
                    "meetings."
                ),
                "evidence": (
                    "Meeting records show all three statutory partners represented at every "
                    "meeting over the past year."
                ),
            },
            {
                "reference": "PR4",
                "recommendation": (
                    "Strengthen independent scrutiny so that it offers objective, critical-friend "
                    "challenge to all three statutory safeguarding partners."
                ),
                "description": (
                    "Give the independent scrutineer access to police performance information on "
                    "child protection, missing children and exploitation."
                ),
                "lead_agency": "police",
                "supporting_agencies": ["partnership"],
                "lead_officer_role": "Detective Superintendent, Public Protection",
                "themes": ["information-sharing"],
                "status": "blue",
                "progress_note": (
                    "Data-sharing arrangement in place and the scrutineer receives the public "
                    "protection performance pack each quarter."
                ),
                "evidence": (
                    "Scrutineer's annual report draws directly on police performance data and "
                    "identified two areas now being addressed."
                ),
            },
            {
                "reference": "PR5",
                "recommendation": (
                    "Strengthen independent scrutiny so that it offers objective, critical-friend "
                    "challenge to all three statutory safeguarding partners."
                ),
                "description": (
                    "Report the partnership's progress to the council's scrutiny committee, "
                    "including a BRAG-rated action plan for every review."
                ),
                "lead_agency": "local-authority",
                "supporting_agencies": ["partnership"],
                "lead_officer_role": "Strategic Lead, Safeguarding and Children",
                "themes": ["thresholds-and-escalations"],
                "status": "blue",
                "progress_note": (
                    "Written reports with BRAG-rated action plans now go to the committee as a "
                    "standing agenda item."
                ),
                "evidence": (
                    "Committee forward plan includes regular partnership updates, and members' "
                    "questions are recorded and answered in the following report."
                ),
            },
            {
                "reference": "PR6",
                "recommendation": (
                    "Develop a partnership dataset and key performance indicators that let leaders"
                    " understand how well multi-agency safeguarding is working."
                ),
                "description": (
                    "Develop the LSCP dataset, agreeing a core set of key performance indicators "
                    "contributed by each partner agency."
                ),
                "lead_agency": "partnership",
                "supporting_agencies": [
                    "local-authority",
                    "icb",
                    "police",
                    "education",
                    "health-providers",
                ],
                "lead_officer_role": "Partnership Performance and Data Analyst",
                "themes": ["information-sharing"],
                "status": "blue",
                "progress_note": (
                    "Dataset agreed and produced quarterly; it informs the partnership's delivery "
                    "plan priorities."
                ),
                "evidence": (
                    "Four consecutive quarterly datasets produced with returns from every partner,"
                    " and the executive uses the dataset to set agenda priorities."
                ),
            },
            {
                "reference": "PR7",
                "recommendation": (
                    "Develop a partnership dataset and key performance indicators that let leaders"
                    " understand how well multi-agency safeguarding is working."
                ),
                "description": (
                    "Supply quarterly police data to the LSCP dataset, including missing episodes,"
                    " domestic abuse incidents involving children and strategy discussion "
                    "attendance."
                ),
                "lead_agency": "police",
                "supporting_agencies": ["partnership"],
                "lead_officer_role": "Head of Performance, Public Protection",
                "themes": ["information-sharing"],
                "status": "blue",
                "progress_note": (
                    "Police return submitted on time every quarter and discussed at the "
                    "performance subgroup."
                ),
                "evidence": (
                    "All police indicators populated in the last four datasets, with exception "
                    "commentary provided."
                ),
            },
            {
                "reference": "PR8",
                "recommendation": (
                    "Develop a partnership dataset and key performance indicators that let leaders"
                    " understand how well multi-agency safeguarding is working."
                ),
                "description": (
                    "Supply health indicators to the LSCP dataset, including timeliness of initial"
                    " health assessments and safeguarding training compliance."
                ),
                "lead_agency": "icb",
                "supporting_agencies": ["health-providers"],
                "lead_officer_role": "Designated Nurse for Safeguarding Children",
                "themes": ["information-sharing"],
                "status": "blue",
                "progress_note": (
                    "Health return compiled from all providers and submitted quarterly."
                ),
                "evidence": (
                    "Latest dataset includes full health returns; a dip in training compliance was"
                    " identified and recovered within one quarter."
                ),
            },
            {
                "reference": "PR9",
                "recommendation": (
                    "Develop a partnership dataset and key performance indicators that let leaders"
                    " understand how well multi-agency safeguarding is working."
                ),
                "description": (
                    "Supply education indicators to the LSCP dataset, covering exclusions, "
                    "elective home education and children missing education."
                ),
                "lead_agency": "education",
                "supporting_agencies": ["local-authority"],
                "lead_officer_role": "Head of Education Access and Attendance",
                "themes": ["information-sharing"],
                "status": "blue",
                "progress_note": (
                    "Education return is produced each quarter and linked to the schools "
                    "safeguarding audit."
                ),
                "evidence": (
                    "Education data has been included in every dataset since launch and prompted a"
                    " targeted review of part-time timetables."
                ),
            },
            {
                "reference": "PR10",
                "recommendation": (
                    "Develop a partnership dataset and key performance indicators that let leaders"
                    " understand how well multi-agency safeguarding is working."
                ),
                "description": (
                    "Produce a quarterly narrative report that interprets the dataset for the "
                    "executive, highlighting trends, outliers and questions for partners."
                ),
                "lead_agency": "partnership",
                "supporting_agencies": ["local-authority", "icb", "police"],
                "lead_officer_role": "Partnership Performance and Data Analyst",
                "themes": ["information-sharing", "thresholds-and-escalations"],
                "status": "amber",
                "progress_note": (
                    "Report format agreed and a first version presented; the narrative is being "
                    "refined with partner input before it becomes routine."
                ),
                "earlier_progress_notes": [
                    (
                        "Executive members asked what the narrative report should cover; a draft "
                        "structure has been shared with partner analysts."
                    ),
                    (
                        "Report structure agreed; the analyst is drafting a first version from the"
                        " latest quarter's dataset."
                    ),
                    (
                        "First narrative report drafted and shared with partner performance leads "
                        "for comment before it goes to the executive."
                    ),
                ],
                "evidence": "",
            },
            {
                "reference": "PR11",
                "recommendation": (
                    "Establish a multi-agency audit and quality assurance programme that tests the"
                    " impact of learning on practice."
                ),
                "description": (
                    "Agree a rolling twelve-month multi-agency audit programme linked to the "
                    "partnership's priorities and the themes from recent reviews."
                ),
                "lead_agency": "partnership",
                "supporting_agencies": [
                    "local-authority",
                    "icb",
                    "police",
                    "education",
                    "health-providers",
                ],
                "lead_officer_role": "Quality Assurance Officer, Safeguarding Partnership",
                "themes": ["thresholds-and-escalations"],
                "status": "blue",
                "progress_note": (
                    "Programme agreed annually by the quality assurance subgroup and delivered to "
                    "schedule."
                ),
                "evidence": (
                    "Five multi-agency audits completed in the past year, covering neglect, "
                    "escalation, information sharing and working with resistance."
                ),
            },
            {
                "reference": "PR12",
                "recommendation": (
                    "Establish a multi-agency audit and quality assurance programme that tests the"
                    " impact of learning on practice."
                ),
                "description": (
                    "Provide trained auditors from children's social care for each multi-agency "
                    "audit and respond to findings with a single-agency action plan."
                ),
                "lead_agency": "local-authority",
                "supporting_agencies": ["partnership"],
                "lead_officer_role": "Head of Safeguarding and Quality Assurance",
                "themes": ["professional-curiosity"],
                "status": "blue",
                "progress_note": (
                    "Social care auditors take part in every multi-agency audit and findings feed "
                    "the service improvement plan."
                ),
                "evidence": (
                    "All audit findings for children's social care have a completed single-agency "
                    "action plan on the quality assurance tracker."
                ),
            },
            {
                "reference": "PR13",
                "recommendation": (
                    "Establish a multi-agency audit and quality assurance programme that tests the"
                    " impact of learning on practice."
                ),
                "description": (
                    "Nominate safeguarding leads from each health provider to take part in "
                    "multi-agency audits and share learning within their organisations."
                ),
                "lead_agency": "health-providers",
                "supporting_agencies": ["icb"],
                "lead_officer_role": "Named Nurse for Safeguarding Children",
                "themes": ["professional-curiosity"],
                "status": "blue",
                "progress_note": (
                    "Health provider auditors are nominated for each audit and report back through"
                    " provider safeguarding committees."
                ),
                "evidence": (
                    "Health providers have contributed to every audit in the programme, and "
                    "provider committee minutes record the learning discussed."
                ),
            },
            {
                "reference": "PR14",
                "recommendation": (
                    "Establish a multi-agency audit and quality assurance programme that tests the"
                    " impact of learning on practice."
                ),
                "description": (
                    "Complete quarterly single-agency audits of police child protection work and "
                    "share the findings with the quality assurance subgroup."
                ),
                "lead_agency": "police",
                "supporting_agencies": ["partnership"],
                "lead_officer_role": "Detective Inspector, Public Protection",
                "themes": ["professional-curiosity", "thresholds-and-escalations"],
                "status": "blue",
                "progress_note": (
                    "Quarterly audits are completed and presented to the subgroup by the public "
                    "protection lead."
                ),
                "evidence": (
                    "Four quarterly police audits received; the latest shows improved recording of"
                    " the child's voice in investigations."
                ),
            },
            {
                "reference": "PR15",
                "recommendation": (
                    "Establish a multi-agency audit and quality assurance programme that tests the"
                    " impact of learning on practice."
                ),
                "description": (
                    "Establish a quality assurance subgroup that tracks audit recommendations "
                    "through to completion and reports exceptions to the executive."
                ),
                "lead_agency": "partnership",
                "supporting_agencies": ["local-authority", "icb", "police"],
                "lead_officer_role": "LSCP Business Manager",
                "themes": ["thresholds-and-escalations"],
                "status": "blue",
                "progress_note": (
                    "Subgroup meets bi-monthly with a live tracker of audit recommendations."
                ),
                "evidence": (
                    "Tracker shows 85% of audit recommendations completed within their agreed "
                    "timescale over the past year."
                ),
            },
            {
                "reference": "PR16",
                "recommendation": (
                    "Establish a multi-agency audit and quality assurance programme that tests the"
                    " impact of learning on practice."
                ),
                "description": (
                    "Run the section 11 self-assessment across partner agencies, followed by "
                    "challenge events to test agencies' returns."
                ),
                "lead_agency": "icb",
                "supporting_agencies": ["local-authority", "police", "health-providers"],
                "lead_officer_role": "Associate Director of Safeguarding",
                "themes": ["thresholds-and-escalations"],
                "status": "blue",
                "progress_note": (
                    "Self-assessment cycle completed, with challenge events held for every partner."
                ),
                "earlier_progress_notes": [
                    (
                        "Past its target date: two agencies returned their section 11 "
                        "self-assessments late, so the last challenge events move to next month. "
                        "All returns are now in."
                    ),
                ],
                "evidence": (
                    "All partner agencies submitted returns and took part in challenge events; "
                    "resulting actions are monitored by the subgroup."
                ),
            },
            {
                "reference": "PR17",
                "recommendation": (
                    "Improve the engagement of schools, health and police in the work of the "
                    "partnership at every level."
                ),
                "description": (
                    "Set up a termly schools safeguarding forum, with representation from primary,"
                    " secondary, special and alternative provision."
                ),
                "lead_agency": "education",
                "supporting_agencies": ["partnership"],
                "lead_officer_role": "Safeguarding in Education Lead",
                "themes": ["information-sharing"],
                "status": "blue",
                "progress_note": (
                    "Forum meets each term and is chaired by a headteacher representative."
                ),
                "earlier_progress_notes": [
                    (
                        "Forum terms of reference agreed with headteacher representatives; the "
                        "first meeting is booked with every phase of education represented."
                    ),
                ],
                "evidence": (
                    "Attendance records show representation from every phase of education at each "
                    "forum meeting in the past year."
                ),
            },
            {
                "reference": "PR18",
                "recommendation": (
                    "Improve the engagement of schools, health and police in the work of the "
                    "partnership at every level."
                ),
                "description": (
                    "Secure education representation on the partnership executive and each "
                    "subgroup, with a clear route for reporting back to schools."
                ),
                "lead_agency": "education",
                "supporting_agencies": ["partnership"],
                "lead_officer_role": "Head of Inclusion",
                "themes": ["information-sharing"],
                "status": "blue",
                "progress_note": (
                    "Education representatives sit on the executive and all subgroups, reporting "
                    "back through the schools forum."
                ),
                "earlier_progress_notes": [
                    (
                        "Education representatives nominated for the executive and four of five "
                        "subgroups; the last nomination is expected before the subgroup next "
                        "meets."
                    ),
                ],
                "evidence": (
                    "Subgroup attendance logs show education represented at 95% of meetings."
                ),
            },
            {
                "reference": "PR19",
                "recommendation": (
                    "Improve the engagement of schools, health and police in the work of the "
                    "partnership at every level."
                ),
                "description": (
                    "Secure named representation from each health provider on partnership "
                    "subgroups and monitor attendance quarterly."
                ),
                "lead_agency": "health-providers",
                "supporting_agencies": ["icb"],
                "lead_officer_role": "Head of Safeguarding, Community Health Provider",
                "themes": ["information-sharing"],
                "status": "blue",
                "progress_note": (
                    "Named representatives confirmed for every subgroup, with deputies agreed."
                ),
                "earlier_progress_notes": [
                    (
                        "Named representatives confirmed by three of four health providers; "
                        "deputies still to be agreed for two subgroups."
                    ),
                ],
                "evidence": (
                    "Attendance monitoring shows health provider representation at over 90% of "
                    "subgroup meetings."
                ),
            },
            {
                "reference": "PR20",
                "recommendation": (
                    "Improve the engagement of schools, health and police in the work of the "
                    "partnership at every level."
                ),
                "description": (
                    "Secure consistent senior police attendance at the executive and subgroups, "
                    "with named deputies for each meeting."
                ),
                "lead_agency": "police",
                "supporting_agencies": ["partnership"],
                "lead_officer_role": "Detective Superintendent, Public Protection",
                "themes": ["information-sharing"],
                "status": "amber",
                "progress_note": (
                    "Named leads agreed for the executive and most subgroups; deputies are still "
                    "to be confirmed following a restructure of the public protection command."
                ),
                "earlier_progress_notes": [
                    (
                        "Attendance records for the executive and subgroups shared with the public"
                        " protection command; senior leads asked to confirm who will attend each "
                        "meeting."
                    ),
                    (
                        "Named police leads agreed for the executive and two subgroups; "
                        "nominations for the others delayed by the public protection command "
                        "restructure."
                    ),
                    (
                        "Named lead agreed for a further subgroup; deputies will be named once the"
                        " restructure is complete."
                    ),
                ],
                "evidence": "",
            },
            {
                "reference": "PR21",
                "recommendation": (
                    "Ensure learning from reviews reaches frontline practitioners and that its "
                    "impact is evaluated."
                ),
                "description": (
                    "Hold a programme of multi-agency awareness sessions spread across the year, "
                    "so that practitioners working shifts and part-time can attend."
                ),
                "lead_agency": "partnership",
                "supporting_agencies": [
                    "local-authority",
                    "icb",
                    "police",
                    "education",
                    "health-providers",
                ],
                "lead_officer_role": "Learning and Development Lead, Safeguarding Partnership",
                "themes": ["professional-curiosity", "working-with-resistance"],
                "status": "blue",
                "progress_note": (
                    "Sessions run monthly at varied times and venues, including online and "
                    "early-evening options."
                ),
                "earlier_progress_notes": [
                    (
                        "Session programme drafted with daytime, early-evening and online options;"
                        " venues booked for the first half of the programme."
                    ),
                ],
                "evidence": (
                    "Attendance has grown steadily over the year, with practitioners from every "
                    "partner agency attending."
                ),
            },
            {
                "reference": "PR22",
                "recommendation": (
                    "Ensure learning from reviews reaches frontline practitioners and that its "
                    "impact is evaluated."
                ),
                "description": (
                    "Publish a short learning briefing for every completed review and ask each "
                    "partner to confirm it has been discussed in team meetings."
                ),
                "lead_agency": "partnership",
                "supporting_agencies": [
                    "local-authority",
                    "icb",
                    "police",
                    "education",
                    "health-providers",
                ],
                "lead_officer_role": "LSCP Business Manager",
                "themes": ["information-sharing"],
                "status": "blue",
                "progress_note": (
                    "Briefings published for every review and circulated through partners' "
                    "safeguarding leads."
                ),
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
                "evidence": (
                    "Partner confirmations received for all published briefings, and practitioner "
                    "survey shows most staff recognise the briefings."
                ),
            },
            {
                "reference": "PR23",
                "recommendation": (
                    "Ensure learning from reviews reaches frontline practitioners and that its "
                    "impact is evaluated."
                ),
                "description": (
                    "Cascade review learning through health provider safeguarding teams and "
                    "include it in level 3 safeguarding training."
                ),
                "lead_agency": "health-providers",
                "supporting_agencies": ["icb"],
                "lead_officer_role": "Named Nurse for Safeguarding Children, Acute Hospital",
                "themes": ["professional-curiosity"],
                "status": "blue",
                "progress_note": (
                    "Learning from each review is built into the level 3 training materials within"
                    " one quarter of publication."
                ),
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
                "evidence": (
                    "Training evaluation shows staff able to name at least one learning point from"
                    " local reviews in most responses."
                ),
            },
            {
                "reference": "PR24",
                "recommendation": (
                    "Ensure learning from reviews reaches frontline practitioners and that its "
                    "impact is evaluated."
                ),
                "description": (
                    "Share review learning with GP practice safeguarding leads at the quarterly "
                    "primary care safeguarding forum."
                ),
                "lead_agency": "icb",
                "supporting_agencies": [],
                "lead_officer_role": "Named GP for Safeguarding",
                "themes": ["information-sharing", "thresholds-and-escalations"],
                "status": "blue",
                "progress_note": (
                    "Review learning is a standing item at the primary care safeguarding forum."
                ),
                "earlier_progress_notes": [
                    (
                        "Review learning presented at the primary care safeguarding forum for the "
                        "first time; practice leads asked for a written summary to take back to "
                        "their practices."
                    ),
                    (
                        "Slightly behind its target date: written summaries now go out after "
                        "each forum, and the named GP is following up the practices not "
                        "represented this year before the action is reported complete."
                    ),
                ],
                "evidence": (
                    "Forum records show every practice represented over the year and learning from"
                    " all recent reviews discussed."
                ),
            },
            {
                "reference": "PR25",
                "recommendation": (
                    "Ensure learning from reviews reaches frontline practitioners and that its "
                    "impact is evaluated."
                ),
                "description": (
                    "Evaluate the impact of learning dissemination through a practitioner survey "
                    "and a follow-up audit of practice six months after each briefing."
                ),
                "lead_agency": "partnership",
                "supporting_agencies": ["local-authority", "icb", "police"],
                "lead_officer_role": "Quality Assurance Officer, Safeguarding Partnership",
                "themes": ["professional-curiosity"],
                "status": "amber",
                "progress_note": (
                    "Survey completed and results analysed; the follow-up practice audit is being "
                    "scheduled into the quality assurance programme."
                ),
                "earlier_progress_notes": [
                    (
                        "Follow-up audit combined with the planned multi-agency audit on the same "
                        "theme, as agreed when the target date was revised; practitioner survey "
                        "being designed."
                    ),
                    (
                        "Practitioner survey open across all partner agencies; early responses are"
                        " mostly from children's social care, so partners have been asked to "
                        "promote it."
                    ),
                    (
                        "Survey closed with responses from every partner agency; analysis under "
                        "way for the learning subgroup."
                    ),
                ],
                "evidence": "",
                "slip_reason": (
                    "Follow-up audit deferred so that it could be combined with a planned "
                    "multi-agency audit on the same theme, avoiding duplicate demands on "
                    "practitioners."
                ),
            },
            {
                "reference": "PR26",
                "recommendation": (
                    "Clarify governance arrangements and the partnership's relationship with other"
                    " strategic boards in the area."
                ),
                "description": (
                    "Agree a joint working protocol between the partnership, the adults "
                    "safeguarding board, the community safety partnership and the health and "
                    "wellbeing board."
                ),
                "lead_agency": "local-authority",
                "supporting_agencies": ["icb", "police", "partnership"],
                "lead_officer_role": "Director of Children's Services",
                "themes": ["information-sharing"],
                "status": "blue",
                "progress_note": "Protocol agreed by all four boards and reviewed annually.",
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
                "evidence": (
                    "Cross-board work on exploitation and domestic abuse has been delivered under "
                    "the protocol, with joint reports to each board."
                ),
            },
        ],
    },
]
