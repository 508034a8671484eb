"""Lawful basis checker: which UK GDPR basis and conditions fit, and whether confidentiality is met.

It suggests; it does not decide. Where the answer turns on judgement (how serious the concern is,
whether sharing is necessary, whether the public interest outweighs confidentiality, whether a
refusal of consent can be set aside), the result says so, lists the judgement in `judgements`, and
names who to ask. Immediate danger is never "seek advice": act first, then record. A legal
requirement that binds the holder (a court order, a request the law says must be met) binds it
whatever the person wants: the result says share exactly what it requires, and where objections go.

Two people are kept apart throughout: the person at risk (whom the sharing protects) and the person
the information is about (whose consent is in question). They may be the same person.

A result is read on a phone first: the outcome, one summary sentence, at most five `actions` (the
first names whom to tell) and `ask`; everything else (`judgements`, `warnings`, the findings and the
law) is for opening. Each action and warning has a stable id, in `action_ids` and `warning_ids`
(parallel lists, same length and order).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import advice, england_date, law
from .law import IN_FORCE, REPORTED, date_words, edition, ref
from .rules import Finding, Rule, findings
from .schema import Choice, Kind, Question

NAME = "lawful-basis"
TITLE = "Lawful basis checker"

# Public authorities for data protection purposes (DPA 2018 s7, which takes its meaning from the Freedom of
# Information Act 2000): they rely on public task, not on (recognised) legitimate interests, for their own
# tasks. Academy trusts are public authorities, and so are GP practices and other primary care contractors
# for the NHS services they provide (FOIA Sch 1 Part III); independent schools, charities and private
# companies are not.
PUBLIC_AUTHORITIES = {"local_authority", "police", "health", "gp_practice", "school", "academy", "probation", "youth_offending"}
# Competent authorities for law enforcement (DPA 2018 s30 and Sch 7): Part 3 applies to their law
# enforcement processing. Youth offending teams have statutory law enforcement functions (s30(1)(b)).
COMPETENT_AUTHORITIES = {"police", "probation", "youth_offending"}
# Children Act 2004 s11(1): councils, NHS bodies, police, probation, youth offending teams (and others).
# A GP practice is not listed: NHS England and integrated care boards must make sure the services provided
# under their arrangements, GP services included, have regard to children's welfare (s11(2)(b)).
SECTION_11_BODIES = {"local_authority", "police", "health", "probation", "youth_offending"}
# Covered by the duty to share only if designated as education or childcare agencies (s16E).
EDUCATION_BODIES = {"school", "academy", "independent_school"}
SOCIAL_CARE_OR_HEALTH = {"local_authority", "health", "gp_practice"}
# Children Act 1989 s47(9)-(11): the duty to help a council's s47 enquiry binds any local authority and local
# housing authority, NHS England, integrated care boards, NHS trusts and foundation trusts (and persons the
# Secretary of State authorises). It binds every council; of "health", only the NHS bodies s47(11) lists.
SECTION_47_BOUND = {"local_authority"}
SECTION_47_BOUND_IN_PART = {"health"}

SAFEGUARDING_PURPOSES = {"safeguarding", "duty_to_share"}
LEGAL_DUTY_PURPOSES = {"court_order", "statutory_request", "mandatory_report"}
# A requirement that binds whoever is asked, whatever the person wants: a court order, and a request the law
# says must be met (Children Act 2004 s16H, Care Act 2014 s45, and, for the bodies it lists, s47(9)).
BINDING_PURPOSES = {"court_order", "statutory_request"}
# Disclosures to the police for preventing, detecting, investigating or prosecuting crime.
CRIME_PURPOSES = {"law_enforcement", "victim_information_request"}
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
# The organisation, as a sentence names it ("s47(9) does not bind a school").
ORGANISATION_NAMES = {
    "local_authority": "a council",
    "police": "the police",
    "health": "an NHS-funded health service",
    "gp_practice": "a GP practice",
    "school": "a school",
    "academy": "an academy",
    "independent_school": "an independent school",
    "probation": "the probation service",
    "youth_offending": "a youth justice service",
    "voluntary": "a charity",
    "private": "a private organisation",
}
MAX_ACTIONS = 5

YES_NO_NOT_KNOWN = (Choice("yes", "Yes"), Choice("no", "No"), Choice("not_known", "I do not know"))


def _duty_status_phrase() -> str:
    """How the duty to share's start is described in static text (help): from the register, never by hand."""
    duty = ref("ca2004_s16la")
    start = date_words(duty.applies_from)  # type: ignore[arg-type]
    if duty.commencement.confirmed:
        return f"in force from {start}"
    return f"reported to apply from {start}; its commencement is not confirmed"


QUESTIONS: tuple[Question, ...] = (
    Question(
        "organisation",
        "What kind of organisation are you sharing from?",
        Kind.CHOICE,
        help="Public authorities (councils, police, NHS bodies, GP practices, state schools, academies, probation, "
        "youth justice services) rely on different bases from charities, independent schools and private companies.",
        choices=(
            Choice("local_authority", "Local authority (council), including children's and adult social care"),
            Choice("police", "Police"),
            Choice(
                "health",
                "NHS body or NHS-funded health service",
                "For example an NHS trust or foundation trust, an integrated care board, NHS England, or another provider "
                "of NHS-funded care. For a GP practice, choose 'GP practice'. A private provider not delivering NHS services "
                "should choose 'Private organisation'.",
            ),
            Choice(
                "gp_practice",
                "GP practice or other NHS primary care contractor",
                "A GP surgery, or a dental practice, pharmacy or optician, providing NHS services under a contract with NHS "
                "England or an integrated care board.",
            ),
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
                "For example a request from the safeguarding partners (Children Act 2004 s16H) or from a Safeguarding Adults "
                "Board (Care Act 2014 s45), which bind anyone asked, or, for councils and the NHS bodies the law lists, a "
                "request to help a section 47 enquiry.",
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
                "The duty to share information relevant to safeguarding or promoting a child's welfare with other bodies it "
                f"covers, if it applies to you ({_duty_status_phrase()}).",
            ),
            Choice(
                "victim_information_request",
                "The police asked for a victim's records",
                "A request from the police for information about someone they believe is, or may be, a victim of crime: for "
                "example school, health, counselling or support records (Police, Crime, Sentencing and Courts Act 2022 "
                "Chapter 3A).",
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
        help="If the duty to share (Children Act 2004 s16LA) applies, it covers a charity or private organisation only "
        "as a provider of services under arrangements made by a body the duty covers.",
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
    def binding(self) -> bool:
        """A court order, or a request the law says must be met: it binds whatever the person wants."""
        return self.purpose in BINDING_PURPOSES

    @property
    def request_may_not_bind(self) -> bool:
        """A request about a child at risk of significant harm to a body s47(9) may not bind: if it is a council's
        s47 enquiry, only the bodies s47(11) lists must help (a s16H request binds anyone asked)."""
        return (
            self.purpose == "statutory_request"
            and self.protecting == "child"
            and self.serious
            and self.organisation not in SECTION_47_BOUND
        )

    @property
    def certainly_binding(self) -> bool:
        """A binding requirement whose hold on this body does not depend on which law the request relies on."""
        return self.binding and not self.request_may_not_bind

    @property
    def victim_request(self) -> bool:
        return self.purpose == "victim_information_request"

    @property
    def shares_to_protect(self) -> bool:
        """Sharing to protect a child or adult at risk, whether or not a legal requirement also applies: for
        a safeguarding purpose, a request that may not bind, or a duty to report."""
        if self.safeguarding:
            return True
        covered = self.request_may_not_bind or self.purpose == "mandatory_report"
        return covered and self.protects and self.concern != "none"

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
        """Disclosing to the police for a crime purpose (including a victim information request) under the
        UK GDPR, not as a competent authority's own law enforcement processing."""
        return self.purpose in CRIME_PURPOSES and not self.part3

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
            and not self.binding  # an order or a binding request binds whatever the adult wants
        )

    @property
    def best_interests(self) -> bool:
        """An adult at risk who lacks capacity to decide about sharing their own information: sharing rests on
        a best-interests decision (Mental Capacity Act 2005 s1(5) and s4)."""
        return (
            self.protecting == "adult_at_risk"
            and self.capacity == "lacks_capacity"
            and self.subject in (None, "person_at_risk", "both")
            and not self.binding
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
        if self.organisation == "gp_practice":
            return "nhs_contract"
        if self.commissioned == "yes":
            return "commissioned"
        return None

    @property
    def duty_to_share_applies(self) -> bool:
        return self.duty_cover is not None and self.safeguarding and self.protecting == "child"


DUTY_COVER = {
    "section_11": "Your organisation is one of the bodies Children Act 2004 s11(1) lists (or provides NHS services under "
    "arrangements made by one), so if the duty applies, it applies to you (s16LA(4)(a) and (c)).",
    "designated": "A school, academy or college is covered only if it is a designated education or childcare agency "
    "in your area's safeguarding arrangements (Children Act 2004 s16E and s16LA(4)(b)): ask your DSL whether yours is.",
    "nhs_contract": "A GP practice is not itself listed in s11(1), but on our reading of s16LA(4)(c) it is covered, if "
    "the duty applies, as a provider of NHS services under arrangements made by NHS England or an integrated care board.",
    "commissioned": "You provide services under arrangements made by a body the duty covers, so if the duty applies, it "
    "applies to you as a provider of those services (s16LA(4)(c)).",
}


def _para18_reason(s: Situation) -> str:
    age = "they are under 18" if s.protecting == "child" else "the adult is 'at risk' as para 18(3) defines it"
    return (
        "All four conditions of Schedule 1 paragraph 18 must hold. From your answers: (a) sharing aims "
        f"to protect {s.whom} from harm or protect their wellbeing; (b) {age}; (c) {CONSENT_REASONS[s.para18_consent]}. "  # type: ignore[index]
        "(d) You must also be satisfied that sharing is necessary for reasons of substantial public "
        "interest: that is your judgement, usually clear where someone is at risk of serious harm."
    )


def _duty_status(on: dt.date) -> str:
    """The duty to share's status in words for a sentence (where its rules apply), from the register: never a
    date by hand."""
    duty = ref("ca2004_s16la")
    start = date_words(duty.applies_from)  # type: ignore[arg-type]
    if duty.status(on) == IN_FORCE:
        return f"in force since {start}"
    # Asked only where the duty's rules apply: in force, or reported.
    return f"reported to apply from {start}; as at {date_words(law.LAW_CHECKED_ON)} we have not found the commencement regulations"


def _duty_requirement(s: Situation) -> str:
    return (
        f"If the Children Act 2004 s16LA duty applies to you ({_duty_status(s.on)}), it requires you to make sure that "
        "information relevant to safeguarding or promoting a child's welfare is disclosed to other bodies it covers, "
        "where you consider that may help them exercise their relevant functions, unless you consider disclosure "
        "would be more detrimental to the child than not disclosing (s16LA(1) to (3)). Section 16LA(5) extends it to a "
        "further case, which we have not been able to read. "
    )


def _duty_reason(s: Situation) -> str:
    return (
        _duty_requirement(s)
        + "That it would give you a legal obligation to share (UK GDPR Art 6(1)(c)) is our reading, not settled law, "
        "until the rest of s16LA and s16LB have been read. "
        + DUTY_COVER[s.duty_cover]  # type: ignore[index]
    )


def _who_section_47_binds(s: Situation) -> str:
    """Whether Children Act 1989 s47(9) binds this body, in words."""
    if s.organisation in SECTION_47_BOUND:
        return "a request to help a council's section 47 enquiry binds any local authority (s47(9) and (11)), unless helping would be unreasonable"
    if s.organisation in SECTION_47_BOUND_IN_PART:
        return (
            "a request to help a council's section 47 enquiry binds NHS England, integrated care boards, NHS trusts and "
            "NHS foundation trusts (s47(9) and (11)), unless helping would be unreasonable, but not other NHS-funded "
            "services such as GP practices"
        )
    return (
        f"a request to help a council's section 47 enquiry does not bind {ORGANISATION_NAMES[s.organisation]}: s47(9) "
        "binds only the bodies s47(11) lists (councils, local housing authorities, NHS England, integrated care boards, "
        "NHS trusts and foundation trusts, and persons the Secretary of State authorises)"
    )


def _legal_duty_reason(s: Situation) -> str:
    if s.purpose == "court_order":
        return (
            "A court order requires you to disclose: complying is a legal obligation, whatever the person wants. Not "
            "complying is contempt of court; the remedy for an objection is to ask the court to vary the order. Share "
            "exactly what it requires, no more."
        )
    if s.purpose == "mandatory_report":
        cpa = ref("cpa2026_reporting")
        fgm = (
            "If a duty to report that is in force binds you, reporting is a legal obligation: for example the FGM Act "
            "2003 s5B duty on regulated health and social care professionals and teachers to report known FGM in a girl "
            "under 18 to the police."
        )
        if not law.enacted("child_sexual_abuse_reporting", s.on):
            return fgm
        return fgm + (
            " The Crime and Policing Act 2026 duty to report child sexual abuse applies too, if you are in a relevant "
            "activity."
            if cpa.in_force(s.on)
            else " The Crime and Policing Act 2026 duty to report child sexual abuse has not started, so it is not yet a "
            "legal obligation: report suspected abuse through your safeguarding procedures."
        )
    if s.protecting == "adult_at_risk":
        return (
            "A Safeguarding Adults Board's request under the Care Act 2014 s45 must be complied with when it meets the "
            "section's conditions: it is made to enable or assist the Board's functions, to someone whose functions or "
            "activities make them likely to hold relevant information, and the information relates to you, your functions "
            "or activities, or someone you work with or for (s45(1) to (5)). Complying is then a legal obligation, "
            "whatever the adult wants."
        )
    partners = (
        "A safeguarding partners' request under the Children Act 2004 s16H binds any person or body asked (s16H(2)): "
        "complying with it is a legal obligation, whatever the family wants."
    )
    if s.protecting == "child" and s.serious:
        bound = s.organisation in SECTION_47_BOUND
        return f"{partners} Also, {_who_section_47_binds(s)}" + (
            ": complying is a legal obligation." if bound else
            ". Complying is a legal obligation if the request binds you; if it does not, rely on the basis above, which holds either way."
        )
    return partners + " Check which law the request relies on and that it meets its conditions."


# Article 6: lawful bases, best first. A legal obligation that may not bind (a duty to report, a request
# s47(9) may not cover) comes after the basis that holds either way.
ARTICLE_6: tuple[Rule[Situation], ...] = (
    Rule(
        "legal_obligation",
        "Legal obligation",
        ref("art6_1_c"),
        lambda s: _legal_duty_reason(s) if s.certainly_binding else None,
    ),
    Rule(
        "legal_obligation",
        "Legal obligation: duty to share",
        ref("art6_1_c"),
        lambda s: _duty_reason(s) if s.duty_to_share_applies else None,
        also=(ref("ca2004_s16la"), ref("ca2004_s16la_legal_effect")),
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
            else "You are a public authority and protecting a child at risk of significant harm is part of your "
            "functions, so public task holds whether or not the request binds you."
            if s.request_may_not_bind
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
        "legal_obligation",
        "Legal obligation",
        ref("art6_1_c"),
        lambda s: _legal_duty_reason(s)
        if s.purpose == "mandatory_report" or (s.binding and not s.certainly_binding)
        else None,
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
            "Complying with a duty the law places on you (a request you must meet, or a duty to report that is in "
            "force and binds you) is necessary for a function conferred by an enactment; you must also be satisfied "
            "that it is necessary for reasons of substantial public interest."
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
        lambda s: _para18_reason(s) if s.shares_to_protect and s.para18_consent else None,
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
        "social_protection",
        "Employment, social security and social protection",
        ref("art9_2_b"),
        lambda s: "May fit the council's own duty to make enquiries under the Care Act 2014 s42: Schedule 1 paragraph 1 "
        "covers processing necessary to perform obligations the law imposes on you in connection with social protection, "
        "with an appropriate policy document. Whether adult safeguarding is 'social protection' is arguable (the Act does "
        "not define it), so prefer paragraph 18 or paragraph 6 above, and ask your DPO."
        if s.organisation == "local_authority" and s.protecting == "adult_at_risk" and s.safeguarding
        else None,
        also=(ref("sch1_para1"), ref("sch1_part4")),
        extra={"dpa_condition": "sch1_para1"},
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
        if s.organisation in SOCIAL_CARE_OR_HEALTH and s.shares_to_protect
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
        if s.shares_to_protect and s.para18_consent
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
    opening = "Where the local authority makes enquiries because a child may be suffering significant harm, "
    if s.organisation in SECTION_47_BOUND:
        return opening + "other councils must help it when asked, including by providing information, unless that would be unreasonable (s47(9) to (11))."
    if s.organisation in SECTION_47_BOUND_IN_PART:
        return opening + (
            "NHS England, integrated care boards, NHS trusts and NHS foundation trusts must help it when asked, unless that "
            "would be unreasonable (s47(9) to (11)). Other NHS-funded services, such as GP practices, are not bound by "
            f"s47 but are expected to help ({working_together}), relying on public task."
        )
    own_basis = "public task" if s.public_authority else "your own lawful basis"
    return opening + (
        f"{_who_section_47_binds(s)[0].upper()}{_who_section_47_binds(s)[1:]}. {working_together} expects every agency "
        f"to contribute what it knows: share what helps the council protect the child, relying on {own_basis}."
    )


def _victim_request_reason(s: Situation) -> str:
    return (
        "The police may make a victim information request only if they have reason to believe you hold the information "
        "and that it is relevant to a reasonable line of enquiry, and are satisfied that the request is necessary and "
        "proportionate to prevent, detect, investigate or prosecute crime (s44A(3)). A request for counselling "
        "information may be made only if it is likely to have substantial probative value (s44A(4)), and the Code of "
        "Practice must start from the presumption that such a request is not necessary and proportionate (s44D(2)). They "
        "must give the victim written notice of what is sought, why, and how it will be dealt with, unless an exception "
        "applies (s44B). As far as we have read (ss44A, 44B and 44D; we have not read s44C), Chapter 3A governs the "
        "request: it does not require you to comply, so sharing is your decision under data protection law and the duty "
        "of confidence."
    )


# Statutory gateways: laws that let or require you to share (a lawful basis is still needed).
GATEWAYS: tuple[Rule[Situation], ...] = (
    Rule(
        "duty_to_share",
        "Duty to share information relevant to safeguarding",
        ref("ca2004_s16la"),
        lambda s: _duty_requirement(s) + DUTY_COVER[s.duty_cover]  # type: ignore[index]
        if s.duty_to_share_applies
        else None,
    ),
    Rule(
        "safeguarding_partners_request",
        "Safeguarding partners' request for information",
        ref("ca2004_s16h"),
        lambda s: "The safeguarding partners may require any person or body to give them information for their "
        "functions; the person or body asked must comply (s16H(2)), and the partners can enforce that in court."
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
        else "A GP practice is not itself listed in s11(1), but NHS England and integrated care boards must make sure that "
        "services provided under their arrangements, GP services included, are provided having regard to the need to "
        "safeguard and promote the welfare of children (s11(2)(b))."
        if s.organisation == "gp_practice" and s.protecting == "child" and s.purpose in (*SAFEGUARDING_PURPOSES, "statutory_request")
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
        "victim_information_request",
        "Police requests for a victim's information",
        ref("pcsca2022_ch3a"),
        lambda s: _victim_request_reason(s) if s.victim_request else None,
    ),
    Rule(
        "crime_and_disorder_act",
        "Disclosure for the purposes of the Crime and Disorder Act 1998",
        ref("cda1998_s115"),
        lambda s: "You may (it is a power, not a duty) disclose to the police, councils, probation or health bodies "
        "where the disclosure is necessary or expedient for the purposes of any provision of the Crime and Disorder Act "
        "1998 (for example its crime and disorder strategies or youth justice provisions): it is not a general power "
        "to share about crime. You still need a lawful basis."
        if s.purpose == "law_enforcement"
        else None,
    ),
    Rule(
        "crime_and_taxation",
        "Disclosure to prevent or detect crime",
        ref("sch2_para2"),
        lambda s: "Where you disclose to the police to prevent or detect crime, the listed UK GDPR provisions (such as "
        "telling the person, and purpose limitation) do not apply as far as applying them would be likely to prejudice "
        "that. It is not a lawful basis: you still need one, and any Article 9 or 10 condition."
        if s.crime
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
    if s.certainly_binding:
        if s.purpose == "court_order":
            return {"id": "legal_duty", "reason": "A court order is a legal requirement, which overrides the duty of confidence for what it requires."}
        return {"id": "legal_duty", "reason": "A request the law obliges you to meet is a legal requirement, which overrides the duty of confidence for what it requires, once you have checked that it meets its conditions."}
    if s.purpose == "mandatory_report":
        return {
            "id": "legal_duty",
            "reason": "A duty to report that is in force and binds you (such as the FGM duty) is a legal requirement, which "
            "overrides the duty of confidence for what it requires. A duty that has not started is not: then protecting the "
            "person at risk is the reason to share, and only what protects them.",
        }
    if s.request_may_not_bind:
        return {
            "id": "public_interest",
            "reason": "If the request is from the safeguarding partners (s16H), the law requires the disclosure, which overrides "
            "the duty of confidence. If it is a council's section 47 enquiry that does not bind you, protecting a child at risk "
            "of significant harm will normally outweigh the duty of confidence. Either way, share only what is needed.",
        }
    if s.duty_to_share_applies and ref("ca2004_s16la_legal_effect").status(on) == IN_FORCE:
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
    if s.protects and s.serious and s.purpose in (*SAFEGUARDING_PURPOSES, *CRIME_PURPOSES):
        if s.protecting == "child":
            return {"id": "public_interest", "reason": "Protecting a child at risk of significant harm will normally outweigh the duty of confidence, so sharing confidential information without consent is justified if you share only what is needed for that protection."}
        if s.others_at_risk == "yes":
            return {"id": "public_interest", "reason": "Others, such as children, are at risk too. Protecting people at risk of serious harm will normally outweigh the duty of confidence, so share what is needed to protect them, even if the adult would rather you did not."}
        if s.consent_state == "cannot_be_given":
            return {"id": "public_interest", "reason": "The adult cannot decide for themselves. Protecting an adult at risk of serious harm who cannot protect themselves will normally outweigh the duty of confidence: decide in their best interests (Mental Capacity Act 2005 s4) and share only what is needed."}
        if s.subject == "someone_else":
            return {"id": "public_interest", "reason": "The information is about someone else, not the adult at risk. Protecting an adult at risk of serious harm who cannot protect themselves will normally outweigh that person's confidence, so share only what is needed to protect them."}
        if s.consent_state == "would_prejudice":
            return {
                "id": "public_interest",
                "reason": "Asking the adult would put them or someone else at risk. The Care Act statutory guidance (chapter 14) "
                "says an adult's wishes do not prevent sharing with the relevant professionals, such as adult social care, so "
                "that they can assess the risk, in particular where coercion or undue influence may be at work. Share with "
                "adult social care what it needs to assess the risk, no more, and record why you did not ask.",
            }
        if s.serious_crime == "yes":
            return {"id": "public_interest_judgement", "reason": "Preventing or detecting a serious crime can justify sharing without the adult's agreement, but the adult is presumed able to decide for themselves: weigh the two, record how you weighed them, and take advice."}
        if s.consent_state == "cannot_reasonably_obtain":
            return {"id": "public_interest", "reason": "You could not ask the adult in time. Protecting an adult at risk of serious harm who cannot protect themselves will normally outweigh the duty of confidence: share with adult social care what it needs to assess the risk, record why you could not ask, and tell the adult as soon as you can."}
        return {"id": "public_interest_judgement", "reason": "Protecting an adult at risk of serious harm can outweigh the duty of confidence, but weigh it: the adult is presumed able to decide for themselves. Where it is safe, ask them first. Record how you weighed it, and take advice."}
    if s.victim_request:
        return {
            "id": "public_interest_judgement",
            "reason": "The records were given in confidence. Where it is safe, ask the victim whether they agree; sharing "
            "without their agreement needs a public interest strong enough to outweigh their confidence, so weigh it, "
            "record how you weighed it, and take advice.",
        }
    if s.crime or s.part3:
        if s.serious_crime == "yes":
            return {
                "id": "public_interest",
                "reason": "You judged that a serious crime is involved. Preventing or detecting serious crime is a public "
                "interest that can outweigh the duty of confidence: record why you judged the crime serious, and share only "
                "what the police need for it.",
            }
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
    actions = _actions(s, outcome, article9, article10)
    warnings = _warnings(s, outcome, article6, article9, article10, law_enforcement, on)

    result = {
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
        "actions": [text for _, text in actions],
        "action_ids": [id for id, _ in actions],
        "record": advice.record_for(outcome),
        "ask": _ask(s, outcome, article9, article10, law_enforcement),
        "warnings": [text for _, text in warnings],
        "warning_ids": [id for id, _ in warnings],
        "references": _references(s, article6, article9, article10, gateways, law_enforcement, confidentiality, on,
                                  [id for id, _ in actions]),
    }
    return law.as_named_on(result, on)


def _outcome(s, article6, article9, article10, law_enforcement, confidentiality) -> tuple[str, str]:
    """The outcome and one summary sentence."""
    if s.immediate_danger:
        return "share", (
            "Someone is in immediate danger: call 999 now, share what is needed to protect them with those who can act, "
            "and record what you shared and why afterwards."
        )
    if s.purpose == "other":
        return "seek_advice", (
            "This checker covers safeguarding, crime and sharing the law requires: for any other purpose, ask your data "
            "protection officer before you share."
        )
    if s.refusal_respected:
        if s.legal_duty:
            return "seek_advice", (
                "The adult refused, but the law may still require the disclosure: take legal advice on exactly what the "
                "duty requires, and share no more than that."
            )
        return "seek_advice", (
            "The adult refused and is presumed able to decide, so where only they are at risk their refusal should "
            "normally be respected: take advice before sharing."
        )
    if law_enforcement is not None:
        if confidentiality["id"] in ("not_justified", "public_interest_judgement"):
            return "seek_advice", "Part 3 of the Data Protection Act 2018 applies, but whether confidentiality can be set aside is a judgement, so take advice."
        return "share", "Part 3 of the Data Protection Act 2018 applies, and you can share what is necessary for the law enforcement purpose."
    if not article6:
        if s.concern == "none" and not s.consent_given:
            return "do_not_share", "No lawful basis fits, because there is no concern to act on and no consent: do not share, and look again if a concern arises."
        return "seek_advice", "None of the usual lawful bases clearly fits your answers, so take advice before sharing."
    if s.victim_request and not s.consent_given and not (s.protects and s.serious):
        return "seek_advice", (
            "The police's request does not require you to share: take advice before sharing without the victim's "
            "agreement."
        )
    if confidentiality["id"] == "not_justified":
        return "seek_advice", (
            "Nothing here overrides the duty of confidence without consent, so do not share the confidential information "
            "yet: seek agreement where it is safe to ask, or take advice."
        )
    if s.special and not article9:
        return "seek_advice", (
            "You have a lawful basis, but no condition for special category information clearly fits, so take advice: "
            "you may be able to share the rest, or another condition may apply."
        )
    if s.criminal and not article10:
        return "seek_advice", "You have a lawful basis, but no condition for criminal offence information clearly fits, so take advice."
    if confidentiality["id"] == "public_interest_judgement":
        return "seek_advice", "You have a lawful basis, but whether the public interest overrides confidentiality is a judgement, so take advice and record it."
    if s.purpose == "law_enforcement" and not s.serious and s.serious_crime != "yes":
        return "seek_advice", "You may be able to share to help prevent or detect crime, but it is your decision: ask what the information is for and under what power, and take advice."
    first = article6[0]
    basis = f"{first.label.split(':')[0].lower()} ({first.reference.citation})"
    if s.purpose == "court_order":
        return "share", f"The court order binds you whatever anyone wants: share exactly what it requires, no more, relying on {basis}."
    if s.certainly_binding:
        return "share", (
            "This request binds you whatever anyone wants, once it meets its conditions: share what it asks for, no "
            f"more, relying on {basis}."
        )
    if s.request_may_not_bind:
        return "share", f"You can share what the request needs, relying on {basis}, which holds whether or not the request binds you."
    return "share", f"You can share what is necessary and proportionate, relying on {basis} if its conditions are met."


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
    if (s.crime or s.part3) and s.serious_crime == "yes" and confidentiality["id"] == "public_interest":
        found.append({"id": "serious_crime", "text": "Why you judged the crime serious enough to share without consent, and why what you share is proportionate to it: record it."})
    if s.duty_to_share_applies and ref("ca2004_s16la").in_force(on):
        found.append({"id": "more_detrimental", "text": "Whether sharing would be more detrimental to the child than not sharing (the exception in Children Act 2004 s16LA(3)). Record your reasons either way."})
    if s.refusal_respected:
        found.append({"id": "respect_refusal", "text": "Whether anything (others at risk, a serious crime, a risk to life) justifies overriding the adult's refusal. Record your reasons."})
    if s.best_interests:
        found.append({
            "id": "best_interests",
            "text": "Whether sharing is in the adult's best interests (Mental Capacity Act 2005 s4). You, as the person deciding "
            "to share, make that decision, with your safeguarding lead: involve the adult as far as you can, weigh their past and "
            "present wishes and feelings, beliefs and values, and take into account the views of their carers, anyone they "
            "named, and any attorney or deputy. Record who you consulted and why sharing is in their best interests.",
        })
    if s.binding:
        found.append({"id": "request_conditions" if s.purpose == "statutory_request" else "order_terms", "text": (
            "Whether the request meets the conditions of the law it relies on, and exactly what it requires you to share."
            if s.purpose == "statutory_request"
            else "Exactly what the order requires you to share, with whom and by when."
        )})
    return found


# --- what to do now: at most five actions, the first naming whom to tell --------------------------------


def _lead(s: Situation) -> str:
    if s.organisation in ("school", "academy", "independent_school", "voluntary", "private"):
        return "your designated safeguarding lead (DSL)"
    if s.organisation == "local_authority":
        return "your manager or safeguarding lead"
    return "your safeguarding lead"


def _first_action(s: Situation, outcome: str) -> tuple[str, str]:
    """Whom to tell first: 999 in immediate danger; otherwise the DSL or safeguarding lead, children's or adult
    social care, the legal team or the police, as fits the organisation and the situation."""
    if s.immediate_danger:
        return "call_999", "Call 999 now if anyone is in immediate danger; do not wait to finish this checker."
    return _tell_action(s, outcome)


def _tell_action(s: Situation, outcome: str) -> tuple[str, str]:
    lead = _lead(s)
    if s.purpose == "court_order":
        return "tell_legal_team", "Tell your legal team (or, if you have none, your manager) about the order today, and give them a copy."
    if s.purpose == "statutory_request":
        return "tell_about_request", f"Tell {lead} and your data protection officer (DPO) today."
    if s.victim_request:
        return "tell_about_victim_request", f"Tell {lead} and your data protection officer (DPO) before you answer the police."
    if s.purpose == "mandatory_report":
        if s.protecting == "child":
            return "report_as_the_duty_requires", (
                f"Tell {lead} today, to refer to children's social care; if you have found known FGM in a girl under 18 and "
                "the FGM duty applies to you, also report it to the police yourself (call 101)."
            )
        return "tell_lead", f"Tell {lead} today about the duty to report."
    if s.purpose == "law_enforcement":
        if s.protecting == "child" and s.serious:
            if s.organisation == "police":
                return "refer_childrens_social_care", "Refer to children's social care today and agree a strategy discussion."
            return "refer_childrens_social_care", "Make sure children's social care knows today, as well as the police: you do not need consent to refer a child at risk of significant harm."
        if s.part3:
            return "tell_supervisor", "Agree the disclosure with your supervisor or your data protection officer before you make it."
        return "ask_police", f"Tell {lead}, and ask the officer what the information is for and under what power. A request is not an order: unless the law requires it, sharing is your decision."
    if s.purpose == "other" or s.protecting == "nobody" or s.concern == "none":
        return "ask_before_sharing", f"Ask {lead} or your data protection officer (DPO) before you share."
    if s.protecting == "child":
        if s.serious:
            if s.organisation == "local_authority":
                return "refer_childrens_social_care", "Make sure children's social care has this today (if you work in it, tell your manager and record it on the child's file)."
            if s.organisation == "police":
                return "refer_childrens_social_care", "Refer to children's social care today and agree a strategy discussion."
            if s.organisation in ("health", "gp_practice", "probation", "youth_offending"):
                return "refer_childrens_social_care", f"Refer to children's social care today and tell {lead}: you do not need consent to refer a child at risk of significant harm."
            return "tell_dsl_refer", (
                f"Tell {lead} now; they, or you if they cannot be reached, refer to children's social care today (you do not "
                "need consent to refer a child at risk of significant harm)."
            )
        return "tell_lead_welfare", f"Tell {lead} today about your worry, and ask them now if you think it may be significant harm."
    # An adult at risk.
    children = (
        ", and refer any children at risk to children's social care: you do not need consent to refer a child at risk of significant harm"
        if s.others_at_risk == "yes" else ""
    )
    if s.refusal_respected:
        return "talk_to_lead", f"Talk to {lead} today, without naming the adult if that is enough, about whether to raise the concern with adult social care."
    if s.organisation == "local_authority":
        return "adult_safeguarding_enquiry", f"Make sure the adult safeguarding team has this today, to decide on a Care Act 2014 s42 enquiry{children}."
    if outcome == "share":
        return "raise_with_adult_social_care", f"Raise the concern with adult social care today, to decide on enquiries under the Care Act 2014 s42{children}."
    return "talk_to_lead", f"Talk to {lead} today about whether to raise the concern with adult social care (Care Act 2014 s42){children}."


def _tell_subject_of_binding(s: Situation) -> str:
    who = "the adult" if s.protecting == "adult_at_risk" else "the person it is about (or their family)"
    if s.purpose == "court_order":
        where = "objections go to the court, which can vary its order"
    elif s.protecting == "adult_at_risk":
        where = "they may object to the Board, but the request still binds you"
    else:
        where = "they may object to whoever asked, but the request still binds you"
    return f"Tell {who} what you must share and why, unless that would put anyone at risk; {where}."


def _actions(s: Situation, outcome: str, article9, article10) -> list[tuple[str, str]]:
    """(id, text) for what to do now, first things first, at most MAX_ACTIONS: whom to tell, then what the
    situation needs most, and always, last, to record the decision."""
    candidates: list[tuple[str, str] | None] = [_first_action(s, outcome)]
    if s.immediate_danger and s.protects:
        candidates.append(_tell_action(s, outcome))
    if s.purpose == "court_order":
        candidates.append(("read_order", "Read the order for exactly what it requires: what to share, with whom and by when."))
    if s.purpose == "statutory_request":
        if s.protecting == "adult_at_risk":
            text = (
                "Check the request meets Care Act 2014 s45: made for the Board's functions, to someone likely to hold "
                "relevant information, about you, your functions or someone you work with."
            )
        elif s.request_may_not_bind:
            text = (
                "Ask which law the request relies on: a safeguarding partners' request (s16H) binds you; a section 47 enquiry "
                "may not, but you are still expected to help."
            )
        else:
            text = "Check which law the request relies on and that it meets its conditions; keep a copy of the request."
        candidates.append(("check_request", text))
    if s.certainly_binding and s.consent_state in ("refused", "not_asked") and s.protecting != "nobody":
        candidates.append(("tell_subject", _tell_subject_of_binding(s)))
    if s.purpose == "mandatory_report":
        candidates.append(("check_duty", "Check which duty to report applies to you and what it requires, and keep a copy of your report."))
    if s.victim_request:
        if ref("pcsca2022_ch3a").in_force(s.on):
            candidates.append((
                "check_victim_request",
                "Check the request says what is sought and why, how it will be handled, and whether the victim has had notice "
                "(if not, why not).",
            ))
            if s.special:
                candidates.append((
                    "counselling_notes",
                    "For counselling or therapy notes, ask how the officer rebutted the presumption against requesting them; "
                    "a summary may meet the need.",
                ))
        else:
            candidates.append(("ask_police", "Ask the police what they need, why, and under what power: a request is not an order, so sharing is your decision."))
        if not s.consent_given and s.consent_state != "would_prejudice":
            candidates.append(("ask_victim", "Where it is safe, ask the victim (for a child, the child if they can decide, or a parent) whether they agree."))
    if s.refusal_respected:
        candidates.append(("support_adult", "Talk to the adult about the risks and the support available, and keep offering it; look again if others (especially children) become at risk or a serious crime is involved."))
    if s.capacitated_adult_refusal and not s.refusal_respected and not s.immediate_danger and not s.binding:
        candidates.append(("share_only_what_protects", "Share only what protects them, and tell the adult you are sharing unless that would increase the risk."))
    if s.protecting == "adult_at_risk" and s.safeguarding and s.consent_state == "would_prejudice":
        candidates.append(("record_why_not_asked", "Record why you did not ask the adult first: that asking would put them or someone else at risk, for example through coercion or undue influence."))
    if s.protecting == "adult_at_risk" and s.consent_state == "not_asked" and not s.immediate_danger and not s.binding:
        candidates.append(("ask_the_adult", "Where it is safe, ask the adult what they want to happen (Making Safeguarding Personal); if they lack capacity to decide, decide in their best interests (Mental Capacity Act 2005 s4)."))
    if s.best_interests and s.consent_state != "not_asked":
        candidates.append(("best_interests", "Make and record a best-interests decision about sharing (Mental Capacity Act 2005 s4), with your safeguarding lead."))
    if s.para18_consent == "refused" and any(f.extra.get("dpa_condition") == "sch1_para18" for f in (*article9, *article10)):
        candidates.append(("record_para18", f"Record why insisting on consent would prejudice the protection of {s.whom_all}: this is your Schedule 1 paragraph 18(2)(c) judgement."))
    if (s.crime or s.part3) and s.serious_crime == "yes" and s.confidential and not s.consent_given:
        candidates.append(("record_serious_crime", "Record why you judged the crime serious enough to share without consent, and share only what the police need."))
    duty = ref("ca2004_s16la")
    if s.protecting == "child" and s.duty_cover and duty.status(s.on) == REPORTED and (s.safeguarding or s.purpose == "duty_to_share"):
        fallback = "Public task" if s.public_authority else "Recognised legitimate interest"
        candidates.append(("duty_meanwhile", f"{fallback} holds whether or not the duty to share applies: record any decision that sharing would be more detrimental to the child (s16LA(3))."))
    if s.consent_state == "not_asked" and s.concern == "welfare" and s.protecting == "child" and s.safeguarding:
        candidates.append(("seek_agreement", "Where it is safe, explain what you want to share and why, and seek agreement; if they refuse, record it and take advice."))
    if outcome == "share" and not s.binding and not s.victim_request:
        candidates.append(("share_minimum", "Share only what is necessary and relevant, securely, with those who need it: the proportionality checker can help."))
    if outcome == "share" and s.victim_request:
        candidates.append(("share_minimum", "Share only what the line of enquiry needs, securely; keep the request and a copy of what you sent."))
    if outcome == "seek_advice":
        target = s.whom if s.protects else "anyone at risk"
        candidates.append(("do_not_delay", f"Do not let seeking advice delay action to protect {target}: if the concern grows, act on it."))
    tell_the_person = (
        not s.consent_given and s.consent_state != "would_prejudice" and not s.refusal_respected
        and not any(candidate and candidate[0] == "share_only_what_protects" for candidate in candidates)
    )
    if tell_the_person and (not s.legal_duty or s.request_may_not_bind) and outcome == "share":
        candidates.append(("tell_the_person", "Tell the person or family what you shared and why, unless that could put anyone at risk or prejudice a crime investigation."))
    # "what to record" is linked by the page to its own list (docs/assets/javascripts/checker-results.mjs).
    record = ("record_decision", "Record your decision and reasons (see what to record).")
    chosen: list[tuple[str, str]] = []
    for candidate in candidates:
        if candidate and candidate[0] not in {id for id, _ in chosen} and len(chosen) < MAX_ACTIONS - 1:
            chosen.append(candidate)
    return [*chosen, record]


def _ask(s, outcome, article9, article10, law_enforcement) -> list[dict]:
    ask = [advice.ask(advice.DSL, "on whether and what to share", label=_lead(s))]
    if outcome != "share" or article9 or article10 or law_enforcement or s.refusal_respected or s.victim_request:
        ask.append(advice.ask(advice.DPO, "about the lawful basis and conditions"))
    if s.confidential and s.organisation in SOCIAL_CARE_OR_HEALTH:
        ask.append(advice.ask(advice.CALDICOTT, "about confidentiality"))
    if s.legal_duty or s.purpose in CRIME_PURPOSES:
        ask.append(advice.ask(advice.LEGAL, "if the legal position is unclear"))
    return ask


# --- what to know: warnings that do not change what to do (each with a stable id) -----------------------


def _warnings(s, outcome, article6, article9, article10, law_enforcement, on) -> list[tuple[str, str]]:
    warnings: list[tuple[str, str]] = []
    if s.protecting == "nobody" and s.purpose in SAFEGUARDING_PURPOSES:
        warnings.append(("choose_whom_protected", "Safeguarding means protecting someone. If you are sharing to protect a child or an adult at risk, choose them in 'who is the sharing meant to protect'."))
    if s.protecting == "adult_at_risk" and any(f.extra.get("dpa_condition") == "sch1_para18" for f in (*article9, *article10)):
        warnings.append(("para18_adult_at_risk", "Paragraph 18 covers an adult only if they have care and support needs, are experiencing or at risk of harm or neglect, and cannot protect themselves because of those needs."))
    if any(f.id == "recognised_legitimate_interest" for f in article6):
        since = date_words(ref("art6_1_ea").applies_from)  # type: ignore[arg-type]
        warnings.append(("recognised_legitimate_interest", f"Recognised legitimate interest has applied since {since}. Public authorities cannot use it for their own tasks. It does not replace the Article 9 condition for special category information."))
    if s.consent_given and s.public_authority and not s.legal_duty and not s.part3:
        statutory = any(f.id in ("public_task", "legal_obligation") for f in article6)
        warnings.append((
            "consent_public_authority",
            "Public authorities should not rely on consent where they could share without it: consent is not freely "
            "given where there is an imbalance of power, and it can be withdrawn at any time. "
            + ("Rely on the statutory basis above, and treat the person's agreement as good practice." if statutory else
               "Ask your data protection officer (DPO) whether one of your organisation's tasks in law covers this "
               "sharing (public task); if it does, rely on that, and treat the person's agreement as good practice."),
        ))
    if s.para18_consent == "refused" and not s.legal_duty and (article9 or article10):
        warnings.append((
            "refusal_para18_arguable",
            "A refusal does not close the safeguarding route: where respecting it would leave the person at risk "
            "unprotected, paragraph 18(2)(c) can apply. Whether a refusal falls under 18(2)(c) is arguable: ask your "
            "DPO, and record your judgement.",
        ))
    elif (
        s.consent_state == "refused" and not s.serious and not s.refusal_respected and not s.legal_duty
        and (s.special or s.criminal) and not s.part3 and not (article9 if s.special else article10)
    ):
        warnings.append((
            "refusal_below_significant_harm",
            "Schedule 1 paragraph 18 lets you act without consent only where consent cannot be given, cannot "
            "reasonably be obtained, or insisting on it would prejudice the protection of the person at risk "
            "(para 18(2)). Below significant harm, insisting on consent seldom prejudices their protection, so a "
            "refusal is normally respected (national information sharing advice): your DPO can advise whether "
            "paragraph 18 or another condition applies.",
        ))
    warnings.extend(_duty_to_share_warnings(s, on))
    cpa_not_started = law.enacted("child_sexual_abuse_reporting", on) and not ref("cpa2026_reporting").in_force(on)
    if s.purpose == "mandatory_report" and s.protecting == "child" and cpa_not_started:
        warnings.append((
            "child_sexual_abuse_duty_not_started",
            "The Crime and Policing Act 2026 duty to report child sexual abuse is law but has not started, so it is not yet "
            "a legal obligation. " + ref("cpa2026_reporting").status_text(on),
        ))
    conditions = [
        f.extra["dpa_condition"] for f in (*article9, *article10)
        if f.extra.get("dpa_condition") in ("sch1_para1", "sch1_para6", "sch1_para18", "sch1_para10")
    ]
    needs_document = [c for c in dict.fromkeys(conditions) if c != "sch1_para10"]
    if needs_document:
        warnings.append((
            "policy_document",
            "Check your appropriate policy document covers DPA 2018 Schedule 1 "
            + " and ".join(c.replace("sch1_para", "paragraph ") for c in needs_document)
            + ", and record the condition you relied on.",
        ))
    elif "sch1_para10" in conditions:
        warnings.append((
            "policy_document",
            "Record the Schedule 1 paragraph 10 condition you relied on. Disclosing to the police or another competent "
            "authority needs no appropriate policy document (para 10(2)); for any other recipient, check yours covers paragraph 10.",
        ))
    if law_enforcement and law_enforcement["sensitive_processing"]:
        warnings.append(("sensitive_processing_policy", "Record the condition for sensitive processing and check your appropriate policy document (DPA 2018 s35 and s42)."))
    if law.law_may_have_changed(on):
        warnings.append((
            "law_may_have_changed",
            f"This result applies the law as the guidance last checked it, on {date_words(law.LAW_CHECKED_ON)}. The law may "
            "have changed since then: check for a newer release of this guidance, or ask your DPO.",
        ))
    return warnings


def _duty_to_share_warnings(s: Situation, on: dt.date) -> list[tuple[str, str]]:
    """What the result says about the s16LA duty: its date, its status, and whether it may cover you."""
    duty = ref("ca2004_s16la")
    status = duty.status(on)
    relevant = s.protecting == "child" and (s.safeguarding or s.purpose == "duty_to_share")
    if not relevant:
        return []
    if not law.enacted("duty_to_share", on):
        if s.purpose != "duty_to_share":
            return []
        return [(
            "duty_to_share_not_enacted",
            f"The duty to share (Children Act 2004 s16LA) did not exist on {date_words(on)}: the Act that inserts it "
            f"received Royal Assent on {date_words(law.COMMENCEMENT['duty_to_share'].enacted)}. The bases above apply.",
        )]
    if s.duty_cover is None:
        if s.purpose == "duty_to_share" or status != "not_in_force":
            start = date_words(duty.applies_from)  # type: ignore[arg-type]
            when = f"is reported to apply from {start}" if status == REPORTED else "applies" if status == IN_FORCE else "is not yet in force"
            return [(
                "duty_to_share_who_it_covers",
                f"The duty to share (Children Act 2004 s16LA) {when}; if it applies, it covers a charity or private body only "
                "as a provider under arrangements made by a body it covers, or as a designated childcare or education agency "
                "(s16LA(4)). Otherwise it does not bind you.",
            )]
        return []
    fallback = "public task" if s.public_authority else "recognised legitimate interest"
    if status == REPORTED:
        start = date_words(duty.applies_from)  # type: ignore[arg-type]
        passed = "That date has passed, but as at" if on > duty.applies_from else "As at"  # type: ignore[operator]
        return [(
            "duty_to_share_reported",
            f"The duty to share (Children Act 2004 s16LA) is reported to apply from {start}, but its commencement is not "
            f"confirmed. {passed} {date_words(law.LAW_CHECKED_ON)} we have not found the commencement regulations. If it "
            "applies to you, our reading is that it gives a legal obligation to share (UK GDPR Art 6(1)(c)). Until that is "
            f"confirmed, rely on {fallback}, which holds either way.",
        )]
    if status == IN_FORCE:
        return []
    text = duty.status_text(on)
    return [("duty_to_share_not_yet", f"The duty to share (Children Act 2004 s16LA) is coming: {text[0].lower()}{text[1:]} The bases above apply now.")]


def _references(s, article6, article9, article10, gateways, law_enforcement, confidentiality, on, action_ids) -> list[dict]:
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
    if s.best_interests or (confidentiality["id"] == "public_interest" and s.protecting == "adult_at_risk" and s.consent_state == "cannot_be_given"):
        add("mca2005_s4")
    if s.refusal_respected or (s.protecting == "adult_at_risk" and s.consent_state == "would_prejudice" and s.safeguarding):
        add("care_guidance_ch14")
    duty_relevant = s.protecting == "child" and (s.safeguarding or s.purpose == "duty_to_share") and s.duty_cover
    if duty_relevant and law.enacted("duty_to_share", on) and not any(f.id == "duty_to_share" for f in gateways):
        add("ca2004_s16la")
    if s.purpose == "mandatory_report" and s.protecting == "child" and law.enacted("child_sexual_abuse_reporting", on):
        add("cpa2026_reporting")
    if "tell_the_person" in action_ids and ref("dpa_s164a").in_force(on):
        add("dpa_s164a")  # once told, the person may complain to the organisation (the complaints duty)
    if s.victim_request:
        add("pcsca2022_ch3a")
    add(edition("information_sharing_advice", on).id)
    return list(seen.values())
