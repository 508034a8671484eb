"""Lawful basis checker: which UK GDPR basis and conditions fit, and whether confidentiality is met.

It suggests; it does not decide. Where the answer turns on judgement (how serious the concern is,
whether sharing is necessary, whether the public interest outweighs confidentiality), the result
says so and names who to ask.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import advice
from .law import ref
from .rules import Finding, Rule, findings
from .schema import Choice, Kind, Question

NAME = "lawful-basis"
TITLE = "Lawful basis checker"

PUBLIC_AUTHORITIES = {"local_authority", "police", "health", "school", "probation"}
COMPETENT_AUTHORITIES = {"police", "probation"}  # for law enforcement purposes (DPA 2018 Sch 7)
SECTION_11_BODIES = {"local_authority", "police", "health", "probation"}  # Children Act 2004 s11(1)
# The duty to share (s16LA) covers s11 bodies and designated education and childcare bodies.
DUTY_TO_SHARE_BODIES = SECTION_11_BODIES | {"school"}
SOCIAL_CARE_OR_HEALTH = {"local_authority", "health"}
UNOBTAINABLE = {"cannot_be_given", "cannot_reasonably_obtain", "would_prejudice"}
CONSENT_REASONS = {
    "cannot_be_given": "consent cannot be given (para 18(2)(a))",
    "cannot_reasonably_obtain": "you cannot reasonably be expected to obtain consent (para 18(2)(b))",
    "would_prejudice": "asking for consent would prejudice the protection of the person at risk (para 18(2)(c))",
}

QUESTIONS: tuple[Question, ...] = (
    Question(
        "organisation",
        "What kind of organisation are you sharing from?",
        Kind.CHOICE,
        help="Public authorities (councils, police, NHS bodies, state schools and academies, probation) "
        "rely on different bases from charities and private companies.",
        choices=(
            Choice("local_authority", "Local authority (council), including children's social care"),
            Choice("police", "Police"),
            Choice("health", "NHS body or NHS-funded health service", "A private provider not delivering NHS services should choose 'Private organisation'."),
            Choice("school", "State school, academy or college", "An independent (fee-paying) school is not a public authority: choose 'Private organisation'."),
            Choice("probation", "Probation service"),
            Choice("voluntary", "Charity or voluntary organisation"),
            Choice("private", "Private organisation", "For example a private nursery, independent school, private healthcare provider or sports club."),
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
        "What is the position on consent?",
        Kind.CHOICE,
        help="You do not need consent to share to protect a child. Do not ask if asking would put "
        "anyone at risk, tip off an abuser or cause undue delay.",
        choices=(
            Choice("given", "The person has given clear (explicit) consent"),
            Choice("refused", "The person was asked and refused"),
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

    @classmethod
    def from_input(cls, payload: dict) -> Situation:
        return cls(
            payload["organisation"],
            payload["purpose"],
            payload["protecting"],
            payload["concern"],
            tuple(payload["data"]),
            payload["consent"],
            payload["confidential"],
        )

    @property
    def public_authority(self) -> bool:
        return self.organisation in PUBLIC_AUTHORITIES

    @property
    def part3(self) -> bool:
        """Law enforcement processing by a competent authority: DPA 2018 Part 3, not the UK GDPR."""
        return self.organisation in COMPETENT_AUTHORITIES and self.purpose == "law_enforcement"

    @property
    def protects(self) -> bool:
        return self.protecting in ("child", "adult_at_risk")

    @property
    def safeguarding(self) -> bool:
        """Sharing to protect a child or adult at risk about whom there is a concern."""
        return self.purpose == "safeguarding" and self.protects and self.concern != "none"

    @property
    def serious(self) -> bool:
        return self.concern in ("immediate_danger", "significant_harm")

    @property
    def emergency(self) -> bool:
        return self.concern == "immediate_danger" and self.protects

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
    def consent_given(self) -> bool:
        return self.consent == "given"

    @property
    def consent_unobtainable(self) -> bool:
        """Consent is not obtained for one of Sch 1 para 18's three reasons.

        In an emergency, stopping to ask would itself prejudice protection, so 'not asked' counts."""
        return self.consent in UNOBTAINABLE or (self.emergency and self.consent == "not_asked")

    @property
    def whom(self) -> str:
        return {"child": "a child", "adult_at_risk": "an adult at risk"}.get(self.protecting, "nobody")


def _para18_reason(s: Situation) -> str:
    why_no_consent = CONSENT_REASONS.get(
        s.consent, "in an emergency, stopping to ask for consent would prejudice protection (para 18(2)(c))"
    )
    age = "the person is under 18" if s.protecting == "child" else "the adult is 'at risk' as para 18(3) defines it"
    return (
        "All four conditions of Schedule 1 paragraph 18 must hold. From your answers: (a) sharing aims "
        f"to protect {s.whom} from harm or protect their wellbeing; (b) {age}; (c) {why_no_consent}. "
        "(d) You must also be satisfied that sharing is necessary for reasons of substantial public "
        "interest: that is your judgement, usually clear where a child is at risk of harm."
    )


# Article 6: lawful bases, best first.
ARTICLE_6: tuple[Rule[Situation], ...] = (
    Rule(
        "legal_obligation",
        "Legal obligation: court order",
        ref("art6_1_c"),
        lambda s: "A court order requires you to disclose: complying is a legal obligation. Share what the order requires, no more."
        if s.purpose == "court_order"
        else None,
    ),
    Rule(
        "legal_obligation",
        "Legal obligation: duty to share",
        ref("art6_1_c"),
        lambda s: "The Children Act 2004 s16LA duty requires you to share information relevant to "
        "safeguarding or promoting the child's welfare with the other bodies it covers, unless sharing "
        "would be more detrimental to the child than not sharing."
        if s.organisation in DUTY_TO_SHARE_BODIES and s.safeguarding and s.protecting == "child"
        else None,
        also=(ref("ca2004_s16la"),),
    ),
    Rule(
        "public_task",
        "Public task",
        ref("art6_1_e"),
        lambda s: (
            "You are a public authority sharing to carry out your safeguarding functions (for example "
            "under the Children Act 1989 or 2004), which are tasks in the public interest set out in law."
            if s.safeguarding
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
            "Annex 1 recognises safeguarding a vulnerable individual (a child, or an adult at risk). "
            "No balancing test is needed, but sharing must be necessary."
            if s.safeguarding
            else "Annex 1 recognises detecting, investigating or preventing crime. No balancing test is "
            "needed, but sharing must be necessary."
            if s.crime
            else None
        )
        if not s.public_authority
        else None,
    ),
    Rule(
        "vital_interests",
        "Vital interests",
        ref("art6_1_d"),
        lambda s: "Someone is in immediate danger. In an emergency, sharing what is needed to protect "
        "someone's life can rest on vital interests."
        if s.emergency and s.purpose != "court_order"
        else None,
    ),
    Rule(
        "legitimate_interests",
        "Legitimate interests",
        ref("art6_1_f"),
        lambda s: "Available to organisations that are not public authorities. You must show sharing is "
        "necessary and that it outweighs the person's interests (a legitimate interests assessment); "
        "where a child is at risk of harm, the balance usually favours sharing."
        if not s.public_authority and (s.safeguarding or s.crime)
        else None,
    ),
    Rule(
        "consent",
        "Consent",
        ref("art6_1_a"),
        lambda s: "The person has consented. Consent must be freely given, specific and informed, and can "
        "be withdrawn at any time, so it is rarely the best basis for safeguarding: prefer another basis "
        "above if one applies."
        if s.consent_given
        else None,
    ),
)


# Article 9: conditions for special category data, best first.
ARTICLE_9: tuple[Rule[Situation], ...] = (
    Rule(
        "explicit_consent",
        "Explicit consent",
        ref("art9_2_a"),
        lambda s: "The person gave explicit consent, so the Article 9 condition is explicit consent; "
        "Schedule 1 paragraph 18 does not apply when consent is given. Record the consent."
        if s.consent_given
        else None,
        extra={"dpa_condition": None},
    ),
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
        "Substantial public interest: safeguarding",
        ref("art9_2_g"),
        lambda s: _para18_reason(s) if s.safeguarding and s.consent_unobtainable else None,
        also=(ref("sch1_para18"), ref("sch1_part4")),
        extra={"dpa_condition": "sch1_para18"},
    ),
    Rule(
        "substantial_public_interest",
        "Substantial public interest: statutory purposes",
        ref("art9_2_g"),
        lambda s: "Applies if sharing is necessary for a function given to you by law (for example "
        "safeguarding under the Children Act 1989 or 2004) and necessary for reasons of substantial "
        "public interest. It does not depend on consent."
        if s.public_authority and s.safeguarding and not s.consent_given
        else None,
        also=(ref("sch1_para6"), ref("sch1_part4")),
        extra={"dpa_condition": "sch1_para6"},
    ),
    Rule(
        "substantial_public_interest",
        "Substantial public interest: preventing or detecting unlawful acts",
        ref("art9_2_g"),
        lambda s: "Applies if sharing is necessary to prevent or detect an unlawful act, must happen without "
        "consent so as not to prejudice that, and is necessary for reasons of substantial public interest."
        if s.crime and s.consent not in ("given", "refused")
        else None,
        also=(ref("sch1_para10"), ref("sch1_part4")),
        extra={"dpa_condition": "sch1_para10"},
    ),
    Rule(
        "vital_interests",
        "Vital interests",
        ref("art9_2_c"),
        lambda s: "Someone is in immediate danger and the person the information is about is physically "
        "or legally unable to consent."
        if s.emergency and s.consent == "cannot_be_given"
        else None,
        extra={"dpa_condition": None},
    ),
    Rule(
        "health_social_care",
        "Health or social care",
        ref("art9_2_h"),
        lambda s: "You provide health or social care and sharing is necessary for that care, handled by "
        "or under a professional who owes a duty of confidentiality."
        if s.organisation in SOCIAL_CARE_OR_HEALTH and s.safeguarding and not s.consent_given
        else None,
        also=(ref("sch1_para2"),),
        extra={"dpa_condition": "sch1_para2"},
    ),
)


# Article 10: criminal offence data, through a Schedule 1 condition (DPA 2018 s10(5)).
ARTICLE_10: tuple[Rule[Situation], ...] = (
    Rule(
        "consent",
        "Consent",
        ref("art10"),
        lambda s: "The person consented (Schedule 1 paragraph 29)." if s.consent_given else None,
        also=(ref("sch1_para29"),),
        extra={"dpa_condition": "sch1_para29"},
    ),
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
        "safeguarding",
        "Safeguarding of children and individuals at risk",
        ref("art10"),
        lambda s: "Schedule 1 paragraph 18 applies to criminal offence data through paragraph 36, without "
        "the substantial public interest test. " + _para18_reason(s).split(". (d)")[0] + "."
        if s.safeguarding and s.consent_unobtainable
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
        if s.public_authority and s.safeguarding and not s.consent_given
        else None,
        also=(ref("sch1_para6"), ref("sch1_para36"), ref("sch1_part4")),
        extra={"dpa_condition": "sch1_para6"},
    ),
    Rule(
        "preventing_crime",
        "Preventing or detecting unlawful acts",
        ref("art10"),
        lambda s: "Applies if sharing is necessary to prevent or detect an unlawful act and must happen "
        "without consent so as not to prejudice that (Schedule 1 paragraph 10, applied by paragraph 36)."
        if s.crime and s.consent not in ("given", "refused")
        else None,
        also=(ref("sch1_para10"), ref("sch1_para36"), ref("sch1_part4")),
        extra={"dpa_condition": "sch1_para10"},
    ),
    Rule(
        "vital_interests",
        "Vital interests",
        ref("art10"),
        lambda s: "Someone is in immediate danger and the person the information is about cannot give "
        "consent (Schedule 1 paragraph 30)."
        if s.emergency and s.consent == "cannot_be_given"
        else None,
        also=(ref("sch1_para30"),),
        extra={"dpa_condition": "sch1_para30"},
    ),
)


# Statutory gateways: laws that let or require you to share (a lawful basis is still needed).
GATEWAYS: tuple[Rule[Situation], ...] = (
    Rule(
        "duty_to_share",
        "Duty to share information relevant to safeguarding",
        ref("ca2004_s16la"),
        lambda s: "As a body covered by the duty, you must share information relevant to safeguarding or "
        "promoting the child's welfare with the other bodies it covers, unless sharing would be more "
        "detrimental to the child than not sharing."
        if s.organisation in DUTY_TO_SHARE_BODIES and s.safeguarding and s.protecting == "child"
        else None,
    ),
    Rule(
        "section_47",
        "Enquiries about significant harm",
        ref("ca1989_s47"),
        lambda s: (
            "Where the local authority makes enquiries because a child may be suffering significant harm, "
            + (
                "other councils must help it when asked, including by providing information, unless that "
                "would be unreasonable (s47(9) to (11))."
                if s.organisation == "local_authority"
                else "NHS trusts and integrated care boards must help it when asked, unless that would be "
                "unreasonable (s47(9) to (11)); GP practices and other NHS-funded services are expected to "
                "help (Working Together 2023)."
                if s.organisation == "health"
                else "Working Together 2023 expects every agency to contribute what it knows. Sharing helps it protect the child."
            )
        )
        if s.protecting == "child" and s.serious and s.purpose == "safeguarding"
        else None,
    ),
    Rule(
        "section_17",
        "Children in need",
        ref("ca1989_s17"),
        lambda s: "The local authority must safeguard and promote the welfare of children in need; sharing "
        "can help it assess and meet the child's needs."
        if s.protecting == "child" and s.concern == "welfare" and s.purpose == "safeguarding"
        else None,
    ),
    Rule(
        "section_11",
        "Duty to safeguard and promote welfare",
        ref("ca2004_s11"),
        lambda s: "Your organisation must make arrangements to ensure its functions are carried out with "
        "regard to the need to safeguard and promote the welfare of children."
        if s.organisation in SECTION_11_BODIES and s.protecting == "child" and s.purpose == "safeguarding"
        else None,
    ),
    Rule(
        "education_welfare_duty",
        "Duty of schools and colleges to safeguard and promote welfare",
        ref("ea2002_s175"),
        lambda s: "Schools and colleges must have arrangements to safeguard and promote the welfare of "
        "their pupils (Education Act 2002 s175, or s157 and the independent school standards), "
        "which includes sharing concerns with children's social care."
        if s.organisation == "school" and s.protecting == "child" and s.purpose == "safeguarding"
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
        lambda s: "Data protection rules that would otherwise stop the disclosure do not apply where a court "
        "order requires it."
        if s.purpose == "court_order"
        else None,
    ),
)


def _confidentiality(s: Situation, on: dt.date) -> tuple[dict, bool]:
    """The common-law duty of confidence: how it is met. Returns (result, needs_judgement)."""
    if not s.confidential:
        return {"id": "not_confidential", "reason": "The information was not given in confidence, so the duty of confidence does not arise. Data protection law still applies."}, False
    if s.purpose == "court_order":
        return {"id": "legal_duty", "reason": "A court order is a legal duty to disclose, which overrides confidentiality."}, False
    if s.organisation in DUTY_TO_SHARE_BODIES and s.safeguarding and s.protecting == "child" and ref("ca2004_s16la").in_force(on):
        return {"id": "legal_duty", "reason": "The Children Act 2004 s16LA duty to share is a legal duty, unless sharing would be more detrimental to the child than not sharing."}, False
    if s.consent_given:
        return {"id": "consent", "reason": "The person consented to the sharing, which meets the duty of confidence."}, False
    if s.protects and s.serious and s.purpose in ("safeguarding", "law_enforcement"):
        harm = "a child at risk of significant harm" if s.protecting == "child" else "an adult at risk of serious harm"
        return {"id": "public_interest", "reason": f"Protecting {harm} will normally outweigh the duty of confidence, so sharing confidential information without consent is justified if you share only what is needed for that protection."}, False
    if s.purpose == "law_enforcement":
        return {"id": "public_interest", "reason": "Preventing or detecting serious crime can be an overriding public interest. Whether this crime is serious enough, and whether sharing is proportionate, is a judgement: take advice."}, True
    if s.safeguarding and s.consent in UNOBTAINABLE:
        return {"id": "public_interest", "reason": "Sharing may be justified in the public interest, but at a welfare level of concern this is a judgement: weigh the likely harm of not sharing against the breach of confidence."}, True
    if s.safeguarding:
        return {"id": "not_justified", "reason": "At a welfare level of concern, and without consent, an overriding public interest is not clear. Seek agreement where it is safe to ask, or take advice if you think the risk is greater than it first looked."}, True
    return {"id": "not_justified", "reason": "Without consent, a legal duty or a risk of harm to someone, nothing here overrides the duty of confidence."}, False


def _part3(s: Situation) -> dict | None:
    """DPA 2018 Part 3 for police and probation processing for law enforcement purposes."""
    if not s.part3:
        return None
    sensitive = None
    if s.special:
        if s.consent_given:
            condition, reason = "s35_consent", "The person consented (s35(4)(a)); sensitive processing must still be strictly necessary."
        elif s.protects and s.concern != "none" and s.consent_unobtainable:
            condition, reason = "sch8_para4", "Schedule 8 paragraph 4 (safeguarding of children and of individuals at risk) mirrors Schedule 1 paragraph 18: strictly necessary to protect, without consent for one of its reasons, and in the substantial public interest."
        elif s.emergency:
            condition, reason = "sch8_para3", "Schedule 8 paragraph 3 (vital interests): strictly necessary to protect someone's vital interests."
        else:
            condition, reason = "sch8_para1", "Schedule 8 paragraph 1 (statutory purposes): strictly necessary for a function conferred by law and in the substantial public interest."
        sensitive = {
            "ref": "DPA 2018 s35(5) and Schedule 8",
            "condition": condition,
            "reason": reason,
            "url": ref("sch8").url,
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
    on = on or dt.date.today()
    s = Situation.from_input(payload)
    law_enforcement = _part3(s)
    article6: list[Finding] = [] if s.part3 else findings(ARTICLE_6, s, on)
    article9: list[Finding] = findings(ARTICLE_9, s, on) if s.special and not s.part3 else []
    article10: list[Finding] = findings(ARTICLE_10, s, on) if s.criminal and not s.part3 else []
    gateways = findings(GATEWAYS, s, on)
    confidentiality, judgement = _confidentiality(s, on)

    outcome, summary = _outcome(s, article6, article9, article10, law_enforcement, confidentiality, judgement)
    actions, warnings, ask = _advice(s, outcome, article6, article9, article10, law_enforcement, confidentiality, on)

    references = _references(article6, article9, article10, gateways, law_enforcement, confidentiality)
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
        "actions": actions,
        "record": list(advice.RECORD_ALWAYS),
        "ask": ask,
        "warnings": warnings,
        "references": references,
    }


def _outcome(s, article6, article9, article10, law_enforcement, confidentiality, judgement) -> tuple[str, str]:
    if s.purpose == "other":
        return "seek_advice", (
            "This checker covers sharing to safeguard someone, to prevent or detect crime, and court "
            "orders. For any other purpose, ask your data protection officer."
        )
    if law_enforcement is not None:
        if confidentiality["id"] == "not_justified" or judgement:
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
    if judgement:
        return "seek_advice", "You have a lawful basis, but whether the public interest overrides confidentiality is a judgement. Take advice, and record it."
    if s.crime and not s.serious:
        return "seek_advice", "You may be able to share to help prevent or detect crime, but it is your decision: ask what the information is for and under what power, and take advice."
    first = article6[0]
    return "share", (
        f"You can share what is necessary and proportionate. The lawful basis that fits best is "
        f"{first.label.split(':')[0].lower()} ({first.reference.citation}): check its conditions below."
    )


def _advice(s, outcome, article6, article9, article10, law_enforcement, confidentiality, on):
    actions: list[str] = []
    warnings: list[str] = []
    ask: list[dict] = []
    if s.concern == "immediate_danger":
        actions.append("If anyone is in immediate danger, call 999 now. Do not wait to finish this checker.")
    if s.protecting == "child" and s.serious and s.purpose == "safeguarding" and s.organisation != "local_authority":
        actions.append("Refer to children's social care today. You do not need consent to refer a child at risk of significant harm.")
    if s.purpose == "court_order":
        actions.append("Read the order. Share exactly what it requires, with whom and by when it says. Ask your legal team if its scope is unclear.")
    if s.purpose == "law_enforcement" and not s.part3:
        actions.append("Ask the police what the information is for and under what power they ask. A request is not an order: unless the law requires it, sharing is your decision.")
    if outcome == "share":
        actions.append("Share only what is necessary and relevant, with someone who has a role in safeguarding or support, securely. The proportionality checker can help.")
    if outcome == "seek_advice":
        actions.append("Do not let seeking advice delay action to protect a child. If the concern grows, act on it.")
    conditions = [
        f for f in (*article9, *article10)
        if (f.extra.get("dpa_condition") or "").startswith("sch1_para") and f.extra["dpa_condition"] not in ("sch1_para29", "sch1_para33")
    ]
    if conditions:
        first = conditions[0]
        actions.append(
            f"Check your organisation has an appropriate policy document covering DPA 2018 Schedule 1 "
            f"{first.extra['dpa_condition'].replace('sch1_para', 'paragraph ')}, and record the condition you relied on."
        )
    if law_enforcement and law_enforcement["sensitive_processing"]:
        actions.append("Sensitive processing under Part 3 must be strictly necessary. Record the Schedule 8 condition and check your policy document (DPA 2018 s35 and s42).")
    if not s.consent_given and s.consent != "would_prejudice" and s.purpose != "court_order":
        actions.append("Tell the person or family what you shared and why, unless doing so could put a child or anyone else at risk, or prejudice a crime investigation.")
    if s.consent == "not_asked" and s.concern == "welfare":
        actions.append("Where it is safe, explain what you want to share and why, and seek agreement. If they refuse, record it and take advice.")
    actions.append("Record your decision and reasons, whether or not you share (see what to record).")

    ask.append(advice.ask(advice.DSL, "to agree how serious the concern is and whether, what and with whom to share"))
    if outcome != "share" or article9 or article10 or law_enforcement:
        ask.append(advice.ask(advice.DPO, "about the lawful basis, special category or criminal offence information, and your policy document"))
    if s.confidential and s.organisation in SOCIAL_CARE_OR_HEALTH:
        ask.append(advice.ask(advice.CALDICOTT, "about sharing confidential health or social care information"))
    if s.purpose in ("court_order", "law_enforcement"):
        ask.append(advice.ask(advice.LEGAL, "if the order or the request, or the power it relies on, is unclear"))

    if s.protecting == "nobody" and s.purpose == "safeguarding":
        warnings.append("Safeguarding means protecting someone. If you are sharing to protect a child or an adult at risk, choose them in 'who is the sharing meant to protect'.")
    if s.protecting == "adult_at_risk" and any(f.extra.get("dpa_condition") == "sch1_para18" for f in (*article9, *article10)):
        warnings.append("Paragraph 18 covers an adult only if they have care and support needs, are experiencing or at risk of harm or neglect, and cannot protect themselves because of those needs.")
    if any(f.id == "recognised_legitimate_interest" for f in article6):
        warnings.append("Recognised legitimate interest has applied since 5 February 2026. Public authorities cannot use it for their own tasks. It does not replace the Article 9 condition for special category information.")
    if s.consent_given and s.public_authority and article6 and article6[-1].id == "consent" and len(article6) > 1:
        warnings.append("Public authorities should rarely rely on consent: record the other basis as the one you rely on, and treat the person's agreement as good practice.")
    if s.consent == "refused" and s.special and not article9:
        warnings.append("Schedule 1 paragraph 18 applies only where consent cannot be given, cannot reasonably be obtained, or asking would prejudice protection. A refusal is none of these: your DPO can advise whether another condition applies.")
    if s.organisation in DUTY_TO_SHARE_BODIES and s.safeguarding and s.protecting == "child" and not ref("ca2004_s16la").in_force(on):
        warnings.append("The duty to share in the Children's Wellbeing and Schools Act 2026 (Children Act 2004 s16LA) is not yet in force. The bases above apply until it is.")
    if s.concern == "welfare" and confidentiality["id"] == "not_justified":
        warnings.append("If you are unsure whether the concern is significant harm, ask your DSL now rather than waiting.")
    return actions, warnings, ask


def _references(article6, article9, article10, gateways, law_enforcement, confidentiality) -> list[dict]:
    seen: dict[str, dict] = {}
    for finding in (*article6, *article9, *article10, *gateways):
        for reference in finding.references:
            seen.setdefault(reference.id, reference.as_dict())
    if law_enforcement:
        seen.setdefault("dpa_part3", ref("dpa_part3").as_dict())
        if law_enforcement["sensitive_processing"]:
            seen.setdefault("dpa_s35", ref("dpa_s35").as_dict())
            seen.setdefault("sch8", ref("sch8").as_dict())
    if confidentiality["id"] != "not_confidential":
        seen.setdefault("common_law_confidence", ref("common_law_confidence").as_dict())
    seen.setdefault("dfe_2024", ref("dfe_2024").as_dict())
    return list(seen.values())
