"""Lawful basis checker: which UK GDPR basis and conditions fit, and whether confidentiality is met.

It suggests; it does not decide. Where the answer turns on judgement (how serious the concern is,
whether sharing is necessary, whether the public interest outweighs confidentiality, whether a
refusal of consent can be set aside), the result says so, lists the judgement in `judgements`, and
names who to ask. Immediate danger is never "seek advice": act first, then record.

Two people are kept apart throughout: the person at risk (whom the sharing protects) and the person
the information is about (whose consent is in question). They may be the same person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import advice, england_date
from .law import IN_FORCE, REPORTED, edition, ref
from .rules import Finding, Rule, findings
from .schema import Choice, Kind, Question

NAME = "lawful-basis"
TITLE = "Lawful basis checker"

# Public authorities for data protection purposes (DPA 2018 s7): they rely on public task, not on
# (recognised) legitimate interests, for their own tasks. Academy trusts and NHS GP practices are
# public authorities; independent schools, charities and private companies are not.
PUBLIC_AUTHORITIES = {"local_authority", "police", "health", "school", "academy", "probation", "youth_offending"}
# Competent authorities for law enforcement (DPA 2018 s30 and Sch 7): Part 3 applies to their law
# enforcement processing. Youth offending teams have statutory law enforcement functions (s30(1)(b)).
COMPETENT_AUTHORITIES = {"police", "probation", "youth_offending"}
# Children Act 2004 s11(1): councils, NHS bodies, police, probation, youth offending teams (and others).
SECTION_11_BODIES = {"local_authority", "police", "health", "probation", "youth_offending"}
# Covered by the duty to share only if designated as education or childcare agencies (s16E).
EDUCATION_BODIES = {"school", "academy", "independent_school"}
SOCIAL_CARE_OR_HEALTH = {"local_authority", "health"}
# Bodies that must help a local authority's s47 enquiries when asked (Children Act 1989 s47(9)-(11)).
SECTION_47_BOUND = {"local_authority", "health"}

SAFEGUARDING_PURPOSES = {"safeguarding", "duty_to_share"}
LEGAL_DUTY_PURPOSES = {"court_order", "statutory_request", "mandatory_report"}
UNOBTAINABLE = {"cannot_be_given", "cannot_reasonably_obtain", "would_prejudice"}
CONSENT_REASONS = {
    "cannot_be_given": "consent cannot be given by the person the information is about (para 18(2)(a))",
    "cannot_reasonably_obtain": "you cannot reasonably be expected to obtain consent (para 18(2)(b))",
    "would_prejudice": "asking for consent would prejudice the protection of the person at risk (para 18(2)(c))",
    "emergency": "in an emergency, stopping to ask for consent would prejudice protection (para 18(2)(c))",
    "refused": (
        "the person refused, and respecting the refusal would leave the person at risk unprotected, so "
        "insisting on consent would prejudice their protection (para 18(2)(c)): a judgement you must make "
        "and record; whether a refusal falls under 18(2)(c) is arguable, so ask your DPO"
    ),
}

YES_NO_NOT_KNOWN = (Choice("yes", "Yes"), Choice("no", "No"), Choice("not_known", "I do not know"))

QUESTIONS: tuple[Question, ...] = (
    Question(
        "organisation",
        "What kind of organisation are you sharing from?",
        Kind.CHOICE,
        help="Public authorities (councils, police, NHS bodies, state schools, academies, probation, youth "
        "justice services) rely on different bases from charities, independent schools and private companies.",
        choices=(
            Choice("local_authority", "Local authority (council), including children's and adult social care"),
            Choice("police", "Police"),
            Choice("health", "NHS body or NHS-funded health service", "Including GP practices. A private provider not delivering NHS services should choose 'Private organisation'."),
            Choice("school", "State school or college maintained by the local authority", "For an academy or free school, choose 'Academy or free school'."),
            Choice("academy", "Academy or free school"),
            Choice("independent_school", "Independent (fee-paying) school", "An independent school is not a public authority."),
            Choice("probation", "Probation service"),
            Choice("youth_offending", "Youth justice service (youth offending team)"),
            Choice("voluntary", "Charity or voluntary organisation"),
            Choice("private", "Private organisation", "For example a private nursery, childminder, private healthcare provider or sports club."),
        ),
        guidance="lawful-bases.md#article-6",
    ),
    Question(
        "purpose",
        "Why are you sharing?",
        Kind.CHOICE,
        choices=(
            Choice("safeguarding", "To protect a child or an adult at risk (safeguarding)"),
            Choice("law_enforcement", "To prevent, investigate or prosecute a crime"),
            Choice("court_order", "A court has ordered me to disclose it"),
            Choice(
                "statutory_request",
                "A request the law says I must meet",
                "For example a request from the safeguarding partners (Children Act 2004 s16H), from a Safeguarding "
                "Adults Board (Care Act 2014 s45), or, for councils and NHS bodies, to help a section 47 enquiry.",
            ),
            Choice(
                "mandatory_report",
                "A legal duty to report",
                "For example known female genital mutilation (FGM) in a girl under 18, which regulated health and "
                "social care professionals and teachers must report to the police (FGM Act 2003 s5B).",
            ),
            Choice(
                "duty_to_share",
                "The duty to share information about a child (Children Act 2004 s16LA)",
                "The new duty to share information relevant to a child's safety or welfare with other bodies the duty covers.",
            ),
            Choice("other", "Something else"),
        ),
        guidance="principles.md#necessary-and-proportionate",
    ),
    Question(
        "protecting",
        "Who is the sharing meant to protect?",
        Kind.CHOICE,
        help="The person you want to protect need not be the person the information is about. "
        "For example, a parent's health information may be shared to protect their child.",
        choices=(
            Choice("child", "A child (under 18)"),
            Choice("adult_at_risk", "An adult at risk", "An adult who has care and support needs, is experiencing or at risk of abuse or neglect, and cannot protect themselves because of those needs."),
            Choice("nobody", "Nobody in particular"),
        ),
        guidance="lawful-bases.md#schedule-1-paragraph-18",
    ),
    Question(
        "concern",
        "How serious is the concern?",
        Kind.CHOICE,
        help="If you are unsure, ask your designated safeguarding lead. Do not let uncertainty delay "
        "a referral where a child may be at risk of significant harm.",
        choices=(
            Choice("immediate_danger", "Someone is in immediate danger"),
            Choice("significant_harm", "A child is suffering, or likely to suffer, significant harm (or an adult is at risk of serious harm)"),
            Choice("welfare", "A worry about welfare or wellbeing, below significant harm"),
            Choice("none", "No safeguarding concern"),
        ),
        guidance="legal-gateways.md#section-47",
    ),
    Question(
        "data",
        "What kind of information is it? Tick all that apply.",
        Kind.MULTI,
        help="Special category data includes health, ethnicity, religion, sex life or sexual orientation, "
        "genetic and biometric data. Criminal offence data covers allegations, offences and convictions.",
        choices=(
            Choice("personal", "Personal information (for example name, address, school, what happened)"),
            Choice("special_category", "Special category information (for example health or sexual orientation)"),
            Choice("criminal_offence", "Criminal offence information (allegations, offences, convictions)"),
        ),
        guidance="lawful-bases.md#special-category-data",
    ),
    Question(
        "consent",
        "What is the position on consent from the person the information is about?",
        Kind.CHOICE,
        help="Consent belongs to the person the information is about, who may not be the person at risk: for "
        "example a parent whose health information you want to share to protect their child. A parent can "
        "usually consent for a child who is not able to decide; a child who understands the decision "
        "(Gillick competent) consents for themselves. You do not need consent to share to protect a child. "
        "Do not ask if asking would put anyone at risk, tip off an abuser or cause harmful delay.",
        choices=(
            Choice("given", "They have given clear (explicit) consent"),
            Choice("refused", "They were asked and refused"),
            Choice("not_asked", "Not asked yet"),
            Choice("cannot_be_given", "Consent cannot be given", "For example a baby, or an adult who lacks capacity to decide."),
            Choice("cannot_reasonably_obtain", "I cannot reasonably be expected to get consent", "For example the person cannot be found or contacted in time."),
            Choice("would_prejudice", "Asking would put someone at risk or prejudice their protection", "For example it would alert an abuser, lead to a child being harmed or silenced, or cause harmful delay."),
        ),
        guidance="consent-and-confidentiality.md#when-not-to-seek-consent",
    ),
    Question(
        "confidential",
        "Was the information given to you in confidence?",
        Kind.BOOLEAN,
        help="Information is confidential if it was shared in a relationship of trust (for example "
        "with a doctor, counsellor or teacher) and is not already public.",
        guidance="consent-and-confidentiality.md#duty-of-confidence",
        boolean_labels=("Yes, it was given in confidence", "No"),
    ),
    # Optional questions: left out, each keeps the answer the checker gave without it.
    Question(
        "subject",
        "Who is the information about? (optional)",
        Kind.CHOICE,
        help="This tells the checker whose consent the consent question is about.",
        choices=(
            Choice("person_at_risk", "The person at risk (the child or adult I want to protect)"),
            Choice("someone_else", "Someone else", "For example a parent, carer, partner or the person causing concern."),
            Choice("both", "Both"),
        ),
        required=False,
        guidance="consent-and-confidentiality.md#whose-consent",
    ),
    Question(
        "capacity",
        "Can the person whose consent is in question make this decision for themselves? (optional)",
        Kind.CHOICE,
        help="An adult is presumed to have capacity unless it is shown that they lack it (Mental Capacity Act "
        "2005 s1). For a child who cannot yet decide, answer the consent question for the parent or carer "
        "who can consent for them.",
        choices=(
            Choice("has_capacity", "Yes, they can understand, weigh and communicate a decision about this"),
            Choice("lacks_capacity", "No, they lack capacity to make this decision"),
            Choice("not_known", "I do not know", "For an adult, the law presumes capacity unless it is shown otherwise."),
        ),
        required=False,
        guidance="adults-at-risk.md#presumption-of-capacity",
    ),
    Question(
        "others_at_risk",
        "Is anyone else at risk, for example children in the household? (optional)",
        Kind.CHOICE,
        choices=YES_NO_NOT_KNOWN,
        required=False,
        guidance="adults-at-risk.md#when-the-adult-says-no",
    ),
    Question(
        "serious_crime",
        "Is a serious crime involved, committed or likely? (optional)",
        Kind.CHOICE,
        choices=YES_NO_NOT_KNOWN,
        required=False,
        guidance="consent-and-confidentiality.md#public-interest",
    ),
    Question(
        "commissioned",
        "Do you provide these services under a contract or other arrangement with a council, NHS body, "
        "the police, probation or a school? (optional)",
        Kind.CHOICE,
        help="The duty to share (Children Act 2004 s16LA) covers a charity or private organisation only as a "
        "provider of services commissioned by a body the duty covers.",
        choices=(Choice("yes", "Yes"), Choice("no", "No"), Choice("not_sure", "Not sure")),
        required=False,
        guidance="duty-to-share.md#who-it-binds",
    ),
)


@dataclass(frozen=True)
class Situation:
    organisation: str
    purpose: str
    protecting: str
    concern: str
    data: tuple[str, ...]
    consent: str
    confidential: bool
    subject: str | None = None
    capacity: str | None = None
    others_at_risk: str | None = None
    serious_crime: str | None = None
    commissioned: str | None = None
    on: dt.date = dt.date.min  # the date the law is evaluated on

    @classmethod
    def from_input(cls, payload: dict, on: dt.date) -> Situation:
        return cls(
            payload["organisation"],
            payload["purpose"],
            payload["protecting"],
            payload["concern"],
            tuple(payload["data"]),
            payload["consent"],
            payload["confidential"],
            payload.get("subject"),
            payload.get("capacity"),
            payload.get("others_at_risk"),
            payload.get("serious_crime"),
            payload.get("commissioned"),
            on,
        )

    # Who is sharing, and why
    @property
    def public_authority(self) -> bool:
        return self.organisation in PUBLIC_AUTHORITIES

    @property
    def part3(self) -> bool:
        """Law enforcement processing by a competent authority: DPA 2018 Part 3, not the UK GDPR."""
        return self.organisation in COMPETENT_AUTHORITIES and self.purpose == "law_enforcement"

    @property
    def legal_duty(self) -> bool:
        return self.purpose in LEGAL_DUTY_PURPOSES

    @property
    def protects(self) -> bool:
        return self.protecting in ("child", "adult_at_risk")

    @property
    def safeguarding(self) -> bool:
        """Sharing to protect a child or adult at risk about whom there is a concern."""
        return self.purpose in SAFEGUARDING_PURPOSES and self.protects and self.concern != "none"

    @property
    def serious(self) -> bool:
        return self.concern in ("immediate_danger", "significant_harm")

    @property
    def immediate_danger(self) -> bool:
        return self.concern == "immediate_danger"

    @property
    def crime(self) -> bool:
        """Sharing for law enforcement by a body that is not a competent authority (UK GDPR applies)."""
        return self.purpose == "law_enforcement" and not self.part3

    @property
    def special(self) -> bool:
        return "special_category" in self.data

    @property
    def criminal(self) -> bool:
        return "criminal_offence" in self.data

    @property
    def whom(self) -> str:
        return {"child": "the child", "adult_at_risk": "the adult at risk"}.get(self.protecting, "the person at risk")

    @property
    def whom_all(self) -> str:
        """Everyone the sharing protects, for the para 18(2)(c) judgement."""
        return self.whom + (" and the others at risk" if self.others_at_risk == "yes" else "")

    # Consent and capacity
    @property
    def child_decides_through_parent(self) -> bool:
        """The information is the child's own: a parent can consent for a child who cannot decide."""
        return self.protecting == "child" and self.subject == "person_at_risk"

    @property
    def consent_state(self) -> str:
        """The consent answer, read with capacity: a person who lacks capacity cannot give or refuse
        consent (Mental Capacity Act 2005), so for them consent 'cannot be given' (para 18(2)(a))."""
        if self.capacity == "lacks_capacity" and not self.child_decides_through_parent:
            return "cannot_be_given"
        return self.consent

    @property
    def consent_given(self) -> bool:
        return self.consent_state == "given"

    @property
    def capacitated_adult_refusal(self) -> bool:
        """An adult at risk refused sharing their own information, and is presumed to have capacity
        (Mental Capacity Act 2005 s1(2)) unless it is established that they lack it."""
        return (
            self.protecting == "adult_at_risk"
            and self.consent_state == "refused"
            and self.subject in (None, "person_at_risk", "both")
        )

    @property
    def refusal_respected(self) -> bool:
        """Making Safeguarding Personal: a capacitated adult's refusal stands when only they are at risk,
        no serious crime is involved and no one is in immediate danger. Advice decides the rest."""
        return (
            self.capacitated_adult_refusal
            and self.others_at_risk != "yes"
            and self.serious_crime != "yes"
            and not self.immediate_danger
        )

    @property
    def para18_consent(self) -> str | None:
        """Which of para 18(2)'s reasons for acting without consent fits, if any (a CONSENT_REASONS key)."""
        state = self.consent_state
        if state in UNOBTAINABLE:
            return state
        if state == "not_asked" and self.immediate_danger:
            return "emergency"
        if state == "refused" and self.serious and not self.refusal_respected:
            return "refused"
        return None

    # The duty to share (Children Act 2004 s16LA(4))
    @property
    def duty_cover(self) -> str | None:
        if self.organisation in SECTION_11_BODIES:
            return "section_11"
        if self.organisation in EDUCATION_BODIES:
            return "designated"
        if self.commissioned == "yes":
            return "commissioned"
        return None

    @property
    def duty_to_share_applies(self) -> bool:
        return self.duty_cover is not None and self.safeguarding and self.protecting == "child"


DUTY_COVER = {
    "section_11": "Your organisation is one of the bodies listed in Children Act 2004 s11(1) (or provides NHS "
    "services commissioned by one), so the duty covers you.",
    "designated": "A school, academy or college is covered if it is a designated education or childcare agency "
    "in your area's safeguarding arrangements (Children Act 2004 s16E): ask your DSL whether yours is.",
    "commissioned": "You provide services under arrangements made by a body the duty covers, so it covers you "
    "as a provider of those services (s16LA(4)(c)).",
}


def _para18_reason(s: Situation) -> str:
    age = "they are under 18" if s.protecting == "child" else "the adult is 'at risk' as para 18(3) defines it"
    return (
        "All four conditions of Schedule 1 paragraph 18 must hold. From your answers: (a) sharing aims "
        f"to protect {s.whom} from harm or protect their wellbeing; (b) {age}; (c) {CONSENT_REASONS[s.para18_consent]}. "  # type: ignore[index]
        "(d) You must also be satisfied that sharing is necessary for reasons of substantial public "
        "interest: that is your judgement, usually clear where someone is at risk of serious harm."
    )


def _duty_reason(s: Situation) -> str:
    return (
        "The Children Act 2004 s16LA duty requires a body it covers to share information relevant to "
        "safeguarding or promoting a child's welfare with other bodies it covers, where that may help them, "
        "unless you consider sharing would be more detrimental to the child than not sharing. "
        + DUTY_COVER[s.duty_cover]  # type: ignore[index]
    )


def _legal_duty_reason(s: Situation) -> str:
    if s.purpose == "court_order":
        return "A court order requires you to disclose: complying is a legal obligation. Share what the order requires, no more."
    if s.purpose == "mandatory_report":
        return (
            "A duty to report is a legal obligation, for example the FGM Act 2003 s5B duty on regulated health and "
            "social care professionals and teachers to report known FGM in a girl under 18 to the police. "
            "Check the duty binds you and what it requires."
        )
    return (
        "Meeting a request the law obliges you to meet is a legal obligation: a safeguarding partners' request "
        "(Children Act 2004 s16H) or a Safeguarding Adults Board's request (Care Act 2014 s45), when the "
        "request meets its conditions, or, for councils, housing authorities and NHS bodies, a request to help a "
        "section 47 enquiry (Children Act 1989 s47(9) to (11)). Check which power the request relies on."
    )


# Article 6: lawful bases, best first.
ARTICLE_6: tuple[Rule[Situation], ...] = (
    Rule(
        "legal_obligation",
        "Legal obligation",
        ref("art6_1_c"),
        lambda s: _legal_duty_reason(s) if s.legal_duty else None,
    ),
    Rule(
        "legal_obligation",
        "Legal obligation: duty to share",
        ref("art6_1_c"),
        lambda s: _duty_reason(s) if s.duty_to_share_applies else None,
        also=(ref("ca2004_s16la"),),
    ),
    Rule(
        "public_task",
        "Public task",
        ref("art6_1_e"),
        lambda s: (
            "You are a public authority sharing to carry out your safeguarding functions (for example "
            "under the Children Act 1989 or 2004, or the Care Act 2014), which are tasks in the public "
            "interest set out in law."
            + (" This basis holds whether or not the duty to share applies." if s.duty_to_share_applies else "")
            if s.safeguarding
            else "You are a public authority and responding is part of your official functions, so public "
            "task holds even if the request or duty turns out not to bind you."
            if s.purpose in ("statutory_request", "mandatory_report")
            else "Sharing with the police to protect someone at risk of serious harm is part of your "
            "safeguarding functions."
            if s.crime and s.protects and s.serious
            else "Only if sharing with the police is part of your official functions (for example your "
            "safeguarding duties, or a crime-reduction duty such as the Serious Violence Duty). Check with your DPO."
            if s.crime
            else None
        )
        if s.public_authority
        else None,
    ),
    Rule(
        "recognised_legitimate_interest",
        "Recognised legitimate interest",
        ref("art6_1_ea"),
        lambda s: (
            "Annex 1 paragraph 6 recognises safeguarding a vulnerable individual (a child, or an adult at "
            "risk). No balancing test is needed, but sharing must be necessary."
            if s.safeguarding or (s.purpose in ("statutory_request", "mandatory_report") and s.protects)
            else "Annex 1 recognises detecting, investigating or preventing crime. No balancing test is "
            "needed, but sharing must be necessary."
            if s.crime
            else None
        )
        if not s.public_authority
        else None,
        also=(ref("annex1"), ref("duaa_s70")),
    ),
    Rule(
        "vital_interests",
        "Vital interests",
        ref("art6_1_d"),
        lambda s: "Someone is in immediate danger. In an emergency, sharing what is needed to protect "
        "someone's life can rest on vital interests."
        if s.immediate_danger and s.purpose != "court_order"
        else None,
    ),
    Rule(
        "legitimate_interests",
        "Legitimate interests",
        ref("art6_1_f"),
        lambda s: "Available to organisations that are not public authorities. You must show sharing is "
        "necessary and that it outweighs the person's interests (a legitimate interests assessment); "
        f"where {s.whom if s.protects else 'someone'} is at risk of harm, the balance usually favours sharing."
        if not s.public_authority and (s.safeguarding or s.crime)
        else None,
    ),
    Rule(
        "consent",
        "Consent",
        ref("art6_1_a"),
        lambda s: "The person the information is about has consented. Consent must be freely given, specific "
        "and informed, and can be withdrawn at any time, so it is rarely the best basis for safeguarding: "
        "prefer another basis above if one applies."
        if s.consent_given and not s.legal_duty
        else None,
    ),
)


def _explicit_consent(s: Situation) -> str | None:
    if not s.consent_given or s.legal_duty:
        return None
    return (
        "The person the information is about gave explicit consent, so explicit consent is an Article 9 "
        "condition; Schedule 1 paragraph 18 does not apply when consent is given. Record the consent."
    )


def _statutory_purposes(s: Situation) -> str | None:
    if s.legal_duty and s.purpose != "court_order":
        return (
            "Complying with a duty the law places on you (a request you must meet, or a duty to report) is "
            "necessary for a function conferred by an enactment; you must also be satisfied that it is "
            "necessary for reasons of substantial public interest."
        )
    return None


def _statutory_functions(s: Situation) -> str | None:
    if s.public_authority and s.safeguarding:
        return (
            "Applies if sharing is necessary for a function given to you by law (for example safeguarding "
            "under the Children Act 1989 or 2004, or the Care Act 2014) and necessary for reasons of "
            "substantial public interest. It does not depend on consent."
        )
    return None


# Article 9: conditions for special category data, best first. For a public authority with explicit
# consent, the statutory routes come first and explicit consent last: consent is a weak basis for it.
ARTICLE_9: tuple[Rule[Situation], ...] = (
    Rule(
        "legal_claims",
        "Legal claims and courts",
        ref("art9_2_f"),
        lambda s: "Disclosure is needed because a court, acting in its judicial capacity, has ordered it."
        if s.purpose == "court_order"
        else None,
        extra={"dpa_condition": None},
    ),
    Rule(
        "substantial_public_interest",
        "Substantial public interest: statutory purposes",
        ref("art9_2_g"),
        _statutory_purposes,
        also=(ref("sch1_para6"), ref("sch1_part4")),
        extra={"dpa_condition": "sch1_para6"},
    ),
    Rule(
        "explicit_consent",
        "Explicit consent",
        ref("art9_2_a"),
        lambda s: _explicit_consent(s) if not s.public_authority else None,
        extra={"dpa_condition": None},
    ),
    Rule(
        "substantial_public_interest",
        "Substantial public interest: safeguarding",
        ref("art9_2_g"),
        lambda s: _para18_reason(s) if s.safeguarding and s.para18_consent else None,
        also=(ref("sch1_para18"), ref("sch1_part4")),
        extra={"dpa_condition": "sch1_para18"},
    ),
    Rule(
        "substantial_public_interest",
        "Substantial public interest: statutory purposes",
        ref("art9_2_g"),
        _statutory_functions,
        also=(ref("sch1_para6"), ref("sch1_part4")),
        extra={"dpa_condition": "sch1_para6"},
    ),
    Rule(
        "substantial_public_interest",
        "Substantial public interest: preventing or detecting unlawful acts",
        ref("art9_2_g"),
        lambda s: "Applies if sharing is necessary to prevent or detect an unlawful act, must happen without "
        "consent so as not to prejudice that, and is necessary for reasons of substantial public interest. "
        "A refusal of consent does not rule it out. Disclosing to the police needs no appropriate policy "
        "document (para 10(2))."
        if s.crime and not s.consent_given
        else None,
        also=(ref("sch1_para10"),),
        extra={"dpa_condition": "sch1_para10"},
    ),
    Rule(
        "vital_interests",
        "Vital interests",
        ref("art9_2_c"),
        lambda s: "Someone is in immediate danger and the person the information is about is physically "
        "or legally unable to consent."
        if s.immediate_danger and s.consent_state == "cannot_be_given"
        else None,
        extra={"dpa_condition": None},
    ),
    Rule(
        "health_social_care",
        "Health or social care",
        ref("art9_2_h"),
        lambda s: "You provide health or social care and sharing is necessary for that care, handled by "
        "or under a professional who owes a duty of confidentiality. It does not depend on consent."
        if s.organisation in SOCIAL_CARE_OR_HEALTH and s.safeguarding
        else None,
        also=(ref("sch1_para2"),),
        extra={"dpa_condition": "sch1_para2"},
    ),
    Rule(
        "explicit_consent",
        "Explicit consent",
        ref("art9_2_a"),
        lambda s: _explicit_consent(s) if s.public_authority else None,
        extra={"dpa_condition": None},
    ),
)


# Article 10: criminal offence data, through a Schedule 1 condition (DPA 2018 s10(5)). Paragraph 36
# lets a Part 2 condition apply without its substantial public interest test.
ARTICLE_10: tuple[Rule[Situation], ...] = (
    Rule(
        "legal_claims",
        "Legal claims",
        ref("art10"),
        lambda s: "Disclosure is needed for legal proceedings: a court has ordered it (Schedule 1 paragraph 33)."
        if s.purpose == "court_order"
        else None,
        also=(ref("sch1_para33"),),
        extra={"dpa_condition": "sch1_para33"},
    ),
    Rule(
        "statutory_purposes",
        "Statutory purposes",
        ref("art10"),
        lambda s: "Complying with a duty the law places on you is necessary for a function conferred by an "
        "enactment (Schedule 1 paragraph 6, applied to criminal offence data by paragraph 36)."
        if _statutory_purposes(s)
        else None,
        also=(ref("sch1_para6"), ref("sch1_para36"), ref("sch1_part4")),
        extra={"dpa_condition": "sch1_para6"},
    ),
    Rule(
        "consent",
        "Consent",
        ref("art10"),
        lambda s: "The person the information is about consented (Schedule 1 paragraph 29)."
        if s.consent_given and not s.legal_duty and not s.public_authority
        else None,
        also=(ref("sch1_para29"),),
        extra={"dpa_condition": "sch1_para29"},
    ),
    Rule(
        "safeguarding",
        "Safeguarding of children and individuals at risk",
        ref("art10"),
        lambda s: "Schedule 1 paragraph 18 applies to criminal offence data through paragraph 36, without "
        "the substantial public interest test. " + _para18_reason(s).split(". (d)")[0] + "."
        if s.safeguarding and s.para18_consent
        else None,
        also=(ref("sch1_para18"), ref("sch1_para36"), ref("sch1_part4")),
        extra={"dpa_condition": "sch1_para18"},
    ),
    Rule(
        "statutory_purposes",
        "Statutory purposes",
        ref("art10"),
        lambda s: "Applies if sharing is necessary for a function given to you by law (Schedule 1 paragraph "
        "6, applied to criminal offence data by paragraph 36)."
        if _statutory_functions(s)
        else None,
        also=(ref("sch1_para6"), ref("sch1_para36"), ref("sch1_part4")),
        extra={"dpa_condition": "sch1_para6"},
    ),
    Rule(
        "preventing_crime",
        "Preventing or detecting unlawful acts",
        ref("art10"),
        lambda s: "Applies if sharing is necessary to prevent or detect an unlawful act and must happen "
        "without consent so as not to prejudice that (Schedule 1 paragraph 10, applied by paragraph 36). "
        "A refusal of consent does not rule it out. Disclosing to the police needs no appropriate policy "
        "document (para 10(2))."
        if s.crime and not s.consent_given
        else None,
        also=(ref("sch1_para10"), ref("sch1_para36")),
        extra={"dpa_condition": "sch1_para10"},
    ),
    Rule(
        "vital_interests",
        "Vital interests",
        ref("art10"),
        lambda s: "Someone is in immediate danger and the person the information is about cannot give "
        "consent (Schedule 1 paragraph 30)."
        if s.immediate_danger and s.consent_state == "cannot_be_given"
        else None,
        also=(ref("sch1_para30"),),
        extra={"dpa_condition": "sch1_para30"},
    ),
    Rule(
        "consent",
        "Consent",
        ref("art10"),
        lambda s: "The person the information is about consented (Schedule 1 paragraph 29). As a public "
        "authority, prefer the statutory condition above if it applies."
        if s.consent_given and not s.legal_duty and s.public_authority
        else None,
        also=(ref("sch1_para29"),),
        extra={"dpa_condition": "sch1_para29"},
    ),
)


def _section_47_reason(s: Situation) -> str:
    working_together = edition("working_together", s.on).citation
    if s.organisation == "local_authority":
        duty = "other councils must help it when asked, including by providing information, unless that would be unreasonable (s47(9) to (11))."
    elif s.organisation == "health":
        duty = (
            "NHS England, integrated care boards, NHS trusts and foundation trusts must help it when asked, unless "
            f"that would be unreasonable (s47(9) to (11)); GP practices and other NHS-funded services are expected to help ({working_together})."
        )
    else:
        duty = f"{working_together} expects every agency to contribute what it knows. Sharing helps it protect the child."
    return "Where the local authority makes enquiries because a child may be suffering significant harm, " + duty


# Statutory gateways: laws that let or require you to share (a lawful basis is still needed).
GATEWAYS: tuple[Rule[Situation], ...] = (
    Rule(
        "duty_to_share",
        "Duty to share information relevant to safeguarding",
        ref("ca2004_s16la"),
        lambda s: "You must share information relevant to safeguarding or promoting the child's welfare "
        "with other bodies the duty covers, where it may help them, unless you consider sharing would be "
        "more detrimental to the child than not sharing. " + DUTY_COVER[s.duty_cover]  # type: ignore[index]
        if s.duty_to_share_applies
        else None,
    ),
    Rule(
        "safeguarding_partners_request",
        "Safeguarding partners' request for information",
        ref("ca2004_s16h"),
        lambda s: "The safeguarding partners may require a person or body to give them information for their "
        "functions; the person asked must comply when the request meets the section's conditions."
        if s.purpose == "statutory_request" and s.protecting == "child"
        else None,
    ),
    Rule(
        "section_47",
        "Enquiries about significant harm",
        ref("ca1989_s47"),
        lambda s: _section_47_reason(s)
        if s.protecting == "child" and s.serious and s.purpose in ("safeguarding", "duty_to_share", "statutory_request")
        else None,
    ),
    Rule(
        "section_17",
        "Children in need",
        ref("ca1989_s17"),
        lambda s: "The local authority must safeguard and promote the welfare of children in need; sharing "
        "can help it assess and meet the child's needs."
        if s.protecting == "child" and s.concern == "welfare" and s.purpose in SAFEGUARDING_PURPOSES
        else None,
    ),
    Rule(
        "section_11",
        "Duty to safeguard and promote welfare",
        ref("ca2004_s11"),
        lambda s: "Your organisation must make arrangements to ensure its functions are carried out with "
        "regard to the need to safeguard and promote the welfare of children."
        if s.organisation in SECTION_11_BODIES and s.protecting == "child" and s.purpose in (*SAFEGUARDING_PURPOSES, "statutory_request")
        else None,
    ),
    Rule(
        "education_welfare_duty",
        "Duty of maintained schools and colleges to safeguard and promote welfare",
        ref("ea2002_s175"),
        lambda s: "Maintained schools and colleges must have arrangements to safeguard and promote the welfare "
        "of their pupils, which includes sharing concerns with children's social care."
        if s.organisation == "school" and s.protecting == "child" and s.purpose in SAFEGUARDING_PURPOSES
        else None,
    ),
    Rule(
        "education_welfare_duty",
        "Independent school standards: safeguarding and welfare",
        ref("iss2014_para7"),
        lambda s: "The independent school standards, which apply to academies and independent schools, require "
        "arrangements to safeguard and promote the welfare of pupils, which includes sharing concerns with "
        "children's social care."
        if s.organisation in ("academy", "independent_school") and s.protecting == "child" and s.purpose in SAFEGUARDING_PURPOSES
        else None,
    ),
    Rule(
        "adult_safeguarding_enquiry",
        "Adult safeguarding enquiries",
        ref("care2014_s42"),
        lambda s: "The local authority must make (or cause) enquiries where it has reasonable cause to suspect "
        "that an adult with care and support needs is experiencing or at risk of abuse or neglect and cannot "
        "protect themselves. Sharing the concern with adult social care lets it decide what to do."
        if s.protecting == "adult_at_risk" and s.safeguarding
        else None,
    ),
    Rule(
        "safeguarding_adults_board_request",
        "Safeguarding Adults Board's request for information",
        ref("care2014_s45"),
        lambda s: "A Safeguarding Adults Board may ask you for information for its functions; you must supply "
        "it when the request meets the section's conditions (for example, the information relates to you, your "
        "functions or someone you work with)."
        if s.purpose == "statutory_request" and s.protecting == "adult_at_risk"
        else None,
    ),
    Rule(
        "fgm_reporting",
        "Duty to report female genital mutilation",
        ref("fgm2003_s5b"),
        lambda s: "Regulated health and social care professionals and teachers must report to the police, "
        "normally within a month, an act of FGM on a girl under 18 that they discover in the course of their work."
        if s.purpose == "mandatory_report" and s.protecting == "child"
        else None,
    ),
    Rule(
        "child_sexual_abuse_reporting",
        "Duty to report child sexual abuse",
        ref("cpa2026_reporting"),
        lambda s: "The Crime and Policing Act 2026 duty requires adults in relevant activities with children to "
        "report suspected child sexual abuse to the police or the local authority."
        if s.purpose == "mandatory_report" and s.protecting == "child"
        else None,
    ),
    Rule(
        "crime_and_disorder_act",
        "Disclosure to prevent crime and disorder",
        ref("cda1998_s115"),
        lambda s: "You may (it is a power, not a duty) disclose to the police, councils, probation or health "
        "bodies where necessary or expedient to reduce crime and disorder."
        if s.purpose == "law_enforcement"
        else None,
    ),
    Rule(
        "court_order",
        "Disclosure required by a court",
        ref("sch2_para5"),
        lambda s: DISCLOSURE_REQUIRED_BY_LAW if s.purpose == "court_order" else None,
    ),
    Rule(
        "disclosure_required_by_law",
        "Disclosure required by law",
        ref("sch2_para5"),
        lambda s: DISCLOSURE_REQUIRED_BY_LAW if s.legal_duty and s.purpose != "court_order" else None,
    ),
)


DISCLOSURE_REQUIRED_BY_LAW = (
    "Where the law or a court order requires the disclosure, the listed UK GDPR provisions (such as telling the "
    "person and purpose limitation) do not apply as far as they would prevent it. It lifts nothing else and is "
    "not a lawful basis: you still need one, and any Article 9 or 10 condition."
)


def _confidentiality(s: Situation, on: dt.date) -> dict:
    """The common-law duty of confidence: how it is met.

    ids: not_confidential, legal_duty, consent, public_interest (an established override: a child at
    risk of significant harm, an adult at risk of serious harm who cannot protect themselves, or
    immediate danger), public_interest_judgement (a weighing you must make and record), not_justified."""
    if not s.confidential:
        return {"id": "not_confidential", "reason": "The information was not given in confidence, so the duty of confidence does not arise. Data protection law still applies."}
    if s.legal_duty:
        what = "A court order is" if s.purpose == "court_order" else "A legal duty to disclose is"
        return {"id": "legal_duty", "reason": f"{what} a legal requirement, which overrides the duty of confidence for what it requires."}
    if s.duty_to_share_applies and ref("ca2004_s16la").status(on) == IN_FORCE:
        return {"id": "legal_duty", "reason": "The Children Act 2004 s16LA duty to share is a legal duty, unless sharing would be more detrimental to the child than not sharing."}
    if s.consent_given:
        return {"id": "consent", "reason": "The person the information is about consented to the sharing, which meets the duty of confidence."}
    if s.refusal_respected:
        return {
            "id": "not_justified",
            "reason": "The adult refused and is presumed to have capacity to decide (Mental Capacity Act 2005 s1). Where only "
            "they are at risk and no serious crime is involved, their refusal should normally be respected "
            "(Making Safeguarding Personal). It may be overridden if others, especially children, are at risk, a "
            "serious crime is involved, or their life is in danger: take advice.",
        }
    if s.immediate_danger:
        return {"id": "public_interest", "reason": "Someone is in immediate danger. Protecting them outweighs the duty of confidence: share what is needed to protect them now."}
    if s.protects and s.serious and s.purpose in (*SAFEGUARDING_PURPOSES, "law_enforcement"):
        if s.protecting == "child":
            return {"id": "public_interest", "reason": "Protecting a child at risk of significant harm will normally outweigh the duty of confidence, so sharing confidential information without consent is justified if you share only what is needed for that protection."}
        if s.others_at_risk == "yes":
            return {"id": "public_interest", "reason": "Others, such as children, are at risk too. Protecting people at risk of serious harm will normally outweigh the duty of confidence, so share what is needed to protect them, even if the adult would rather you did not."}
        if s.consent_state == "cannot_be_given":
            return {"id": "public_interest", "reason": "The adult cannot decide for themselves. Protecting an adult at risk of serious harm who cannot protect themselves will normally outweigh the duty of confidence: act in their best interests and share only what is needed."}
        if s.subject == "someone_else":
            return {"id": "public_interest", "reason": "The information is about someone else, not the adult at risk. Protecting an adult at risk of serious harm who cannot protect themselves will normally outweigh that person's confidence, so share only what is needed to protect them."}
        if s.serious_crime == "yes":
            return {"id": "public_interest_judgement", "reason": "Preventing or detecting a serious crime can justify sharing without the adult's agreement, but the adult is presumed able to decide for themselves: weigh the two, record how you weighed them, and take advice."}
        return {"id": "public_interest_judgement", "reason": "Protecting an adult at risk of serious harm can outweigh the duty of confidence, but weigh it: the adult is presumed able to decide for themselves. Where it is safe, ask them first. Record how you weighed it, and take advice."}
    if s.purpose == "law_enforcement":
        return {"id": "public_interest_judgement", "reason": "Preventing or detecting serious crime can be an overriding public interest. Whether this crime is serious enough, and whether sharing is proportionate, is a judgement you must make and record: take advice."}
    if s.safeguarding and s.consent_state in UNOBTAINABLE:
        return {"id": "public_interest_judgement", "reason": "Sharing may be justified in the public interest, but at a welfare level of concern this is a judgement: weigh the likely harm of not sharing against the breach of confidence, and record it."}
    if s.safeguarding:
        return {"id": "not_justified", "reason": "At a welfare level of concern, and without consent, an overriding public interest is not clear. Seek agreement where it is safe to ask, or take advice if you think the risk is greater than it first looked."}
    return {"id": "not_justified", "reason": "Without consent, a legal duty or a risk of harm to someone, nothing here overrides the duty of confidence."}


SCHEDULE_8_PARA_4 = (
    "Schedule 8 paragraph 4 (safeguarding of children and of individuals at risk) mirrors Schedule 1 "
    "paragraph 18: strictly necessary to protect, without consent for one of its reasons, and in the "
    "substantial public interest. You also need an appropriate policy document (s42)."
)


def _part3(s: Situation) -> dict | None:
    """DPA 2018 Part 3 for police, probation and youth justice processing for law enforcement purposes."""
    if not s.part3:
        return None
    sensitive = None
    if s.special:
        if s.consent_given:
            condition, reason = "s35_consent", (
                "The person the information is about consented (s35(4)). You must also have an appropriate policy "
                "document in place (s42)."
            )
        elif s.protects and s.concern != "none" and s.para18_consent not in (None, "refused"):
            condition, reason = "sch8_para4", SCHEDULE_8_PARA_4
        elif s.immediate_danger:
            condition, reason = "sch8_para3", "Schedule 8 paragraph 3 (vital interests): strictly necessary to protect someone's vital interests. Unlike UK GDPR Art 9(2)(c), it does not require the person to be unable to consent."
        elif s.protects and s.para18_consent == "refused":
            condition, reason = "sch8_para4", SCHEDULE_8_PARA_4 + (
                " After a refusal, this rests on insisting on consent prejudicing the protection (para 4(2)(c)): "
                "an arguable reading, so take advice and record your judgement."
            )
        else:
            condition, reason = "sch8_para1", (
                "Schedule 8 paragraph 1 (statutory purposes): strictly necessary for a function conferred by law and in "
                "the substantial public interest. You also need an appropriate policy document (s42)."
            )
        sensitive = {
            "ref": "DPA 2018 s35(4) (consent) or s35(5) and Schedule 8",
            "condition": condition,
            "reason": reason,
            "url": ref("sch8").url if condition != "s35_consent" else ref("dpa_s35").url,
        }
    return {
        "ref": ref("dpa_part3").citation,
        "url": ref("dpa_part3").url,
        "guidance": ref("dpa_part3").guidance,
        "reason": "You are a competent authority processing for a law enforcement purpose, so Part 3 of the "
        "Data Protection Act 2018 applies instead of the UK GDPR. Processing must be based on law and "
        "necessary for that purpose.",
        "sensitive_processing": sensitive,
    }


def evaluate(payload: dict, on: dt.date | None = None) -> dict:
    """Evaluate validated input (see QUESTIONS) on a date (default today)."""
    on = on or england_date.today()
    s = Situation.from_input(payload, on)
    law_enforcement = _part3(s)
    article6: list[Finding] = [] if s.part3 else findings(ARTICLE_6, s, on)
    article9: list[Finding] = findings(ARTICLE_9, s, on) if s.special and not s.part3 else []
    article10: list[Finding] = findings(ARTICLE_10, s, on) if s.criminal and not s.part3 else []
    gateways = findings(GATEWAYS, s, on)
    confidentiality = _confidentiality(s, on)

    outcome, summary = _outcome(s, article6, article9, article10, law_enforcement, confidentiality)
    actions, warnings, ask = _advice(s, outcome, article6, article9, article10, law_enforcement, confidentiality, on)

    return {
        "checker": NAME,
        "evaluated_on": on.isoformat(),
        "outcome": outcome,
        "summary": summary,
        "article6": [finding.as_dict() for finding in article6],
        "article9": [finding.as_dict() for finding in article9],
        "article10": [finding.as_dict() for finding in article10],
        "law_enforcement": law_enforcement,
        "confidentiality": confidentiality,
        "gateways": [finding.as_dict() for finding in gateways],
        "judgements": _judgements(s, article9, article10, law_enforcement, confidentiality, on),
        "actions": actions,
        "record": advice.record_for(outcome),
        "ask": ask,
        "warnings": warnings,
        "references": _references(s, article6, article9, article10, gateways, law_enforcement, confidentiality, on),
    }


def _outcome(s, article6, article9, article10, law_enforcement, confidentiality) -> tuple[str, str]:
    if s.immediate_danger:
        return "share", (
            "Someone is in immediate danger: act now. Call 999, and share what is needed to protect them with "
            "the people who can act. Record what you shared and why as soon as you can afterwards."
        )
    if s.purpose == "other":
        return "seek_advice", (
            "This checker covers sharing to safeguard someone, to prevent or detect crime, and sharing the law "
            "requires. For any other purpose, ask your data protection officer."
        )
    if s.refusal_respected:
        if s.legal_duty:
            return "seek_advice", (
                "The adult refused, but the law may still require the disclosure. Take legal advice on exactly what "
                "the order, request or duty requires before you share, and share no more than that."
            )
        return "seek_advice", (
            "The adult refused and is presumed able to decide for themselves. Where only they are at risk, their "
            "refusal should normally be respected: take advice before sharing, and keep offering support."
        )
    if law_enforcement is not None:
        if confidentiality["id"] in ("not_justified", "public_interest_judgement"):
            return "seek_advice", "Part 3 of the Data Protection Act 2018 applies, but whether confidentiality can be set aside is a judgement: take advice."
        return "share", "Part 3 of the Data Protection Act 2018 applies. You can share what is necessary for the law enforcement purpose."
    if not article6:
        if s.concern == "none" and not s.consent_given:
            return "do_not_share", "No lawful basis fits: there is no concern to act on and no consent. Do not share; look again if a concern arises."
        return "seek_advice", "None of the usual lawful bases clearly fits your answers. Take advice before sharing."
    if s.special and not article9:
        return "seek_advice", (
            "You have a lawful basis, but no condition for special category information clearly fits. "
            "Take advice: you may be able to share the rest, or another condition may apply."
        )
    if s.criminal and not article10:
        return "seek_advice", "You have a lawful basis, but no condition for criminal offence information clearly fits. Take advice."
    if confidentiality["id"] == "not_justified":
        return "seek_advice", "You have a lawful basis, but confidentiality is not clearly overridden. Take advice before sharing without consent."
    if confidentiality["id"] == "public_interest_judgement":
        return "seek_advice", "You have a lawful basis, but whether the public interest overrides confidentiality is a judgement. Take advice, and record it."
    if s.crime and not s.serious:
        return "seek_advice", "You may be able to share to help prevent or detect crime, but it is your decision: ask what the information is for and under what power, and take advice."
    first = article6[0]
    return "share", (
        f"You can share what is necessary and proportionate. The lawful basis that fits best is "
        f"{first.label.split(':')[0].lower()} ({first.reference.citation}): check its conditions below."
    )


def _judgements(s, article9, article10, law_enforcement, confidentiality, on) -> list[dict]:
    """What the practitioner must decide and record themselves: the law leaves these to judgement."""
    found = []
    if s.para18_consent == "refused" and any(f.extra.get("dpa_condition") == "sch1_para18" for f in (*article9, *article10)):
        found.append({"id": "refusal_would_prejudice_protection", "text": "Whether respecting the refusal would prejudice the protection of " + s.whom_all + " (Schedule 1 paragraph 18(2)(c)). The reading is arguable: ask your DPO, and record your reasons."})
    if any(f.extra.get("dpa_condition") in ("sch1_para18", "sch1_para6", "sch1_para10") for f in article9):
        found.append({"id": "substantial_public_interest", "text": "Whether sharing is necessary for reasons of substantial public interest (UK GDPR Art 9(2)(g))."})
    if law_enforcement and law_enforcement["sensitive_processing"] and law_enforcement["sensitive_processing"]["condition"] != "s35_consent":
        found.append({"id": "strictly_necessary", "text": "Whether the sensitive processing is strictly necessary for the law enforcement purpose (DPA 2018 s35(5))."})
    if confidentiality["id"] == "public_interest_judgement":
        found.append({"id": "public_interest", "text": "Whether the public interest in sharing outweighs the duty of confidence, and how much to share."})
    if s.duty_to_share_applies and ref("ca2004_s16la").in_force(on):
        found.append({"id": "more_detrimental", "text": "Whether sharing would be more detrimental to the child than not sharing (the exception in Children Act 2004 s16LA). Record your reasons either way."})
    if s.refusal_respected:
        found.append({"id": "respect_refusal", "text": "Whether anything (others at risk, a serious crime, a risk to life) justifies overriding the adult's refusal. Record your reasons."})
    return found


def _advice(s, outcome, article6, article9, article10, law_enforcement, confidentiality, on):
    actions: list[str] = []
    warnings: list[str] = []
    ask: list[dict] = []
    if s.immediate_danger:
        actions.append("If anyone is in immediate danger, call 999 now. Do not wait to finish this checker.")
    if s.protecting == "child" and s.serious and s.purpose in SAFEGUARDING_PURPOSES and s.organisation != "local_authority":
        actions.append("Refer to children's social care today. You do not need consent to refer a child at risk of significant harm.")
    if s.protecting == "adult_at_risk" and s.safeguarding and s.organisation != "local_authority":
        if outcome == "share":
            actions.append("Raise the concern with adult social care (the local authority), so it can decide whether to make enquiries under the Care Act 2014 s42.")
        else:
            actions.append("Talk to your safeguarding lead today about whether to raise the concern with adult social care (Care Act 2014 s42).")
    if s.protecting == "adult_at_risk" and s.consent_state == "not_asked" and not s.immediate_danger:
        actions.append("Where it is safe, talk to the adult about the concern and ask what they want to happen (Making Safeguarding Personal). If they lack capacity to decide, act in their best interests (Mental Capacity Act 2005 s4).")
    if s.purpose == "court_order":
        actions.append("Read the order. Share exactly what it requires, with whom and by when it says. Ask your legal team if its scope is unclear.")
    if s.purpose in ("statutory_request", "mandatory_report"):
        actions.append("Check which law the request or duty relies on, and share what it requires, no more. Keep a copy of the request or your report.")
    if s.purpose == "law_enforcement" and not s.part3:
        actions.append("Ask the police what the information is for and under what power they ask. A request is not an order: unless the law requires it, sharing is your decision.")
    if s.refusal_respected:
        actions.append("Talk to the adult about the risks and the support available, and keep offering it. Consider whether others, especially children, are at risk, or whether a serious crime is involved: either can justify sharing without consent.")
    if s.para18_consent == "refused" and any(f.extra.get("dpa_condition") == "sch1_para18" for f in (*article9, *article10)):
        actions.append(f"Record why insisting on consent would prejudice the protection of {s.whom_all}: this is your Schedule 1 paragraph 18(2)(c) judgement.")
    if outcome == "share":
        actions.append("Share only what is necessary and relevant, with someone who has a role in safeguarding or support, securely. The proportionality checker can help.")
    if outcome == "seek_advice":
        target = s.whom if s.protects else "anyone at risk"
        actions.append(f"Do not let seeking advice delay action to protect {target}. If the concern grows, act on it.")
    conditions = [
        f.extra["dpa_condition"] for f in (*article9, *article10)
        if f.extra.get("dpa_condition") in ("sch1_para6", "sch1_para18", "sch1_para10")
    ]
    needs_document = [c for c in dict.fromkeys(conditions) if c != "sch1_para10"]
    if needs_document:
        actions.append(
            "Check your organisation has an appropriate policy document covering DPA 2018 Schedule 1 "
            + " and ".join(c.replace("sch1_para", "paragraph ") for c in needs_document)
            + ", and record the condition you relied on."
        )
    elif "sch1_para10" in conditions:
        actions.append(
            "Record the Schedule 1 paragraph 10 condition you relied on. Disclosing to the police or another competent "
            "authority needs no appropriate policy document (para 10(2)); for any other recipient, check yours covers paragraph 10."
        )
    if law_enforcement and law_enforcement["sensitive_processing"]:
        actions.append("Record the condition for sensitive processing and check your appropriate policy document (DPA 2018 s35 and s42).")
    if not s.consent_given and s.consent_state != "would_prejudice" and not s.legal_duty and not s.refusal_respected:
        actions.append("Tell the person or family what you shared and why, unless doing so could put a child or anyone else at risk, or prejudice a crime investigation.")
    if s.consent_state == "not_asked" and s.concern == "welfare" and s.protecting != "adult_at_risk":
        actions.append("Where it is safe, explain what you want to share and why, and seek agreement. If they refuse, record it and take advice.")
    decision = {"share": "to share", "seek_advice": "to seek advice", "do_not_share": "not to share"}[outcome]
    actions.append(f"Record your decision {decision} and your reasons (see what to record).")

    ask.append(advice.ask(advice.DSL, "to agree how serious the concern is and whether, what and with whom to share"))
    if outcome != "share" or article9 or article10 or law_enforcement or s.refusal_respected:
        ask.append(advice.ask(advice.DPO, "about the lawful basis, special category or criminal offence information, and your policy document"))
    if s.confidential and s.organisation in SOCIAL_CARE_OR_HEALTH:
        ask.append(advice.ask(advice.CALDICOTT, "about sharing confidential health or social care information"))
    if s.legal_duty or s.purpose == "law_enforcement":
        ask.append(advice.ask(advice.LEGAL, "if the order, request or duty, or the power it relies on, is unclear"))

    if s.protecting == "nobody" and s.purpose in SAFEGUARDING_PURPOSES:
        warnings.append("Safeguarding means protecting someone. If you are sharing to protect a child or an adult at risk, choose them in 'who is the sharing meant to protect'.")
    if s.protecting == "adult_at_risk" and any(f.extra.get("dpa_condition") == "sch1_para18" for f in (*article9, *article10)):
        warnings.append("Paragraph 18 covers an adult only if they have care and support needs, are experiencing or at risk of harm or neglect, and cannot protect themselves because of those needs.")
    if any(f.id == "recognised_legitimate_interest" for f in article6):
        warnings.append("Recognised legitimate interest has applied since 5 February 2026. Public authorities cannot use it for their own tasks. It does not replace the Article 9 condition for special category information.")
    if s.consent_given and s.public_authority and not s.legal_duty and not s.part3:
        warnings.append(
            "Public authorities should not rely on consent where they could share without it: consent is not freely "
            "given where there is an imbalance of power, and it can be withdrawn at any time. Rely on the statutory "
            "basis above, and treat the person's agreement as good practice."
        )
    if s.para18_consent == "refused" and (article9 or article10):
        warnings.append(
            "A refusal does not close the safeguarding route: where respecting it would leave the person at risk "
            "unprotected, paragraph 18(2)(c) can apply. Whether a refusal falls under 18(2)(c) is arguable: ask your "
            "DPO, and record your judgement."
        )
    elif (
        s.consent_state == "refused" and not s.serious and not s.refusal_respected
        and (s.special or s.criminal) and not s.part3 and not (article9 if s.special else article10)
    ):
        warnings.append(
            "Schedule 1 paragraph 18 lets you act without consent only where consent cannot be given, cannot "
            "reasonably be obtained, or insisting on it would prejudice the protection of the person at risk "
            "(para 18(2)). Below significant harm, insisting on consent seldom prejudices their protection, so a "
            "refusal is normally respected (national information sharing advice): your DPO can advise whether "
            "paragraph 18 or another condition applies."
        )
    if s.capacitated_adult_refusal and not s.refusal_respected and not s.immediate_danger:
        warnings.append("The adult refused and is presumed able to decide, but others are at risk or a serious crime is involved, which can justify sharing without consent. Share only what protects them, and tell the adult unless that would increase the risk.")
    warnings.extend(_duty_to_share_warnings(s, on))
    if s.purpose == "mandatory_report" and s.protecting == "child" and not ref("cpa2026_reporting").in_force(on):
        warnings.append(
            "The Crime and Policing Act 2026 duty to report child sexual abuse is law (Royal Assent 29 April 2026) but "
            "we have found no date for it to start. Until it does, report suspected abuse through your safeguarding procedures."
        )
    if s.concern == "welfare" and confidentiality["id"] == "not_justified":
        warnings.append("If you are unsure whether the concern is significant harm, ask your DSL now rather than waiting.")
    return actions, warnings, ask


def _duty_to_share_warnings(s: Situation, on: dt.date) -> list[str]:
    """What the result says about the s16LA duty: its date, its status, and whether it covers you."""
    duty = ref("ca2004_s16la")
    status = duty.status(on)
    relevant = s.protecting == "child" and (s.safeguarding or s.purpose == "duty_to_share")
    if not relevant:
        return []
    if s.duty_cover is None:
        if s.purpose == "duty_to_share" or status != "not_in_force":
            when = "is reported to apply from 30 September 2026 (commencement not confirmed) and" if status == REPORTED else "applies from 30 September 2026 and" if status == IN_FORCE else "is not yet in force, and when it starts it"
            return [
                f"The duty to share (Children Act 2004 s16LA) {when} covers a charity, independent school or private "
                "organisation only as a provider of services commissioned by a body the duty covers, or as a designated "
                "education or childcare agency. If neither applies, it does not bind you; the bases above still let you share."
            ]
        return []
    fallback = "public task" if s.public_authority else "recognised legitimate interest"
    if status == REPORTED:
        start = duty.applies_from
        return [
            f"The duty to share (Children Act 2004 s16LA) is reported to apply from {start.day} {start:%B} {start.year}, "  # type: ignore[union-attr]
            f"but its commencement is not confirmed. If it applies to you, it is a legal obligation to share (UK GDPR "
            f"Art 6(1)(c)). Until that is confirmed, rely on {fallback}, which holds either way."
        ]
    if status == IN_FORCE:
        return []
    text = duty.status_text(on)
    return [f"The duty to share (Children Act 2004 s16LA) is coming: {text[0].lower()}{text[1:]} The bases above apply now."]


def _references(s, article6, article9, article10, gateways, law_enforcement, confidentiality, on) -> list[dict]:
    seen: dict[str, dict] = {}

    def add(id: str) -> None:
        seen.setdefault(id, ref(id).as_dict(on))

    for finding in (*article6, *article9, *article10, *gateways):
        for reference in finding.references:
            seen.setdefault(reference.id, reference.as_dict(on))
    if law_enforcement:
        add("dpa_part3")
        if law_enforcement["sensitive_processing"]:
            add("dpa_s35")
            add("dpa_s42")
            if law_enforcement["sensitive_processing"]["condition"] != "s35_consent":
                add("sch8")
    if confidentiality["id"] != "not_confidential":
        add("common_law_confidence")
    if s.capacitated_adult_refusal or s.capacity:
        add("mca2005_s1")
    if s.refusal_respected:
        add("care_guidance_ch14")
    if s.protecting == "child" and (s.safeguarding or s.purpose == "duty_to_share") and s.duty_cover and not any(f.id == "duty_to_share" for f in gateways):
        add("ca2004_s16la")
    if s.purpose == "mandatory_report" and s.protecting == "child":
        add("cpa2026_reporting")
    add(edition("information_sharing_advice", on).id)
    return list(seen.values())
