"""The law the checkers rest on: each provision once, with its official text and our guidance page.

Every reference carries when it applies and how sure we are of that, so a result can say in words
whether a provision is in force, only reported to be in force, or not in force on the date asked
about. Commencement dates live in one place (COMMENCEMENT): confirming a reported date is a one-line
change (`confirmed=True`), and every rule resting on the provision follows.

Facts as checked on 30 November 2026 (shared/research/law-2026.md and law-2026-update.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

LEGISLATION = "https://www.legislation.gov.uk"
UK_GDPR = f"{LEGISLATION}/eur/2016/679"
DPA_2018 = f"{LEGISLATION}/ukpga/2018/12"
GOV_UK = "https://www.gov.uk/government/publications"

# Before this date the UK GDPR and DPA 2018 did not apply; the checkers do not model older law.
DATA_PROTECTION_ACT_2018 = dt.date(2018, 5, 25)

# The day the law behind the checkers was last checked against its sources (the guidance's own release,
# safeguarding_guidance.__version__, follows the same review; tests/test_law_currency.py keeps them together).
LAW_CHECKED_ON = dt.date(2026, 12, 6)
# A result dated more than this after LAW_CHECKED_ON says that the law may have changed since then.
LAW_REVIEW_INTERVAL = dt.timedelta(days=183)

# The regulation was "the GDPR" until the end of the transition period (IP completion day, 11pm on 31 December
# 2020) and "the UK GDPR" from then (SI 2019/419 Sch 1; DPA 2018 s3(10)): a result names it as it was on its date.
UK_GDPR_NAMED_FROM = dt.date(2021, 1, 1)

# What a result says about a provision on a given date.
IN_FORCE = "in_force"  # in force, and we have seen the primary source that says so
REPORTED = "reported"  # reported to be in force from a date, but the commencement is not confirmed
NOT_IN_FORCE = "not_in_force"  # not in force on that date (or not yet commenced at all)
STATUSES = (IN_FORCE, REPORTED, NOT_IN_FORCE)


@dataclass(frozen=True)
class Commencement:
    """When a provision starts to apply, and how we know.

    `date` None means no start date is known (law, but not commenced). `confirmed` False means the
    date comes from a secondary source only: results then say "reported", never "in force"."""

    date: dt.date | None
    confirmed: bool
    source: str


IN_FORCE_SINCE_2018 = Commencement(DATA_PROTECTION_ACT_2018, True, "In force since 25 May 2018.")

COMMENCEMENT: dict[str, Commencement] = {
    # Data (Use and Access) Act 2025 s70 inserted Art 6(1)(ea) and Annex 1.
    "recognised_legitimate_interest": Commencement(
        dt.date(2026, 2, 5), True, "Commenced on 5 February 2026 by SI 2026/82 reg 2."
    ),
    # Data (Use and Access) Act 2025 s71 inserted Art 8A and Annex 2 (the safeguarding compatibility condition).
    "safeguarding_compatibility": Commencement(
        dt.date(2026, 2, 5), True, "Commenced on 5 February 2026 by SI 2026/82 reg 2."
    ),
    # Data (Use and Access) Act 2025 s103 inserted DPA 2018 s164A (complaints to controllers).
    # The ICO's guidance on data protection complaints states the date; law firms name SI 2026/82 as the
    # regulations that set it (we have read that SI's regulation 2, which commenced s70 and s71).
    "complaints_to_controllers": Commencement(
        dt.date(2026, 6, 19), True,
        "In force from 19 June 2026, as the ICO's guidance on data protection complaints states.",
    ),
    # Children's Wellbeing and Schools Act 2026 s4 inserts Children Act 2004 s16LA (duty to share).
    # Royal Assent 29 April 2026; s4 needs commencement regulations (s78(5)). To confirm: set confirmed=True.
    "duty_to_share": Commencement(
        dt.date(2026, 9, 30), False,
        "Source: the Department for Education's letter to safeguarding partners, as reported by the Essex "
        "Safeguarding Children Board; we have not found the commencement regulations.",
    ),
    # Children Act 2004 s16LC (consistent child identifier): no regulations specify the identifier.
    "consistent_identifier": Commencement(None, False, "Not in force: no regulations specifying the identifier have been found."),
    # Crime and Policing Act 2026 (c. 20): duty to report child sexual abuse. Royal Assent on 29 April 2026 is
    # confirmed by GOV.UK (Home Office Circular 004/2026, 29 June 2026), which also names the first commencement
    # regulations (SI 2026/689, from 29 June 2026); those are reported not to include this duty.
    "child_sexual_abuse_reporting": Commencement(
        None, False,
        "The Act received Royal Assent on 29 April 2026 (confirmed: Home Office Circular 004/2026); the first "
        "commencement regulations (SI 2026/689, from 29 June 2026) are reported not to include this duty, and we "
        "have found no date for it to start.",
    ),
    # Victims and Prisoners Act 2024 s28 inserted Chapter 3A (victim information requests, ss44A-44F) into the
    # Police, Crime, Sentencing and Courts Act 2022. Its Code of Practice (s44D) and the counselling services
    # regulations are reported to apply from 12 January 2026; we have not read the commencement regulations.
    "victim_information_requests": Commencement(
        dt.date(2026, 1, 12), False,
        "Source: reports that the Code of Practice on victim information requests applies from that date (a "
        "legislation tracker, 3 December 2025, and trade press); we have not read the commencement regulations.",
    ),
}


@dataclass(frozen=True)
class Reference:
    """One provision or document: how it is cited, its official text, and our page explaining it.

    `kind` is "law" for legislation and "guidance" for published guidance (which is "current" from
    its publication date rather than "in force"). `until` is the last day a superseded edition of
    guidance is cited (a newer edition is cited from the next day)."""

    id: str
    citation: str
    title: str
    url: str
    guidance: str  # our page (Markdown path, with anchor) that explains it in plain English
    starts: Commencement | str = IN_FORCE_SINCE_2018  # a Commencement, or a key of COMMENCEMENT
    kind: str = "law"
    until: dt.date | None = None

    @property
    def commencement(self) -> Commencement:
        """Looked up when asked, so that COMMENCEMENT stays the one place a date is set or confirmed."""
        return COMMENCEMENT[self.starts] if isinstance(self.starts, str) else self.starts

    @property
    def applies_from(self) -> dt.date | None:
        return self.commencement.date

    def status(self, on: dt.date) -> str:
        start = self.commencement.date
        if start is None or on < start or (self.until is not None and on > self.until):
            return NOT_IN_FORCE
        return IN_FORCE if self.commencement.confirmed else REPORTED

    def in_force(self, on: dt.date) -> bool:
        """Applies on this date, confirmed or reported: rules resting on it are switched on."""
        return self.status(on) != NOT_IN_FORCE

    def status_text(self, on: dt.date) -> str:
        """The status in words, for results, records and pages."""
        start = self.commencement.date
        status = self.status(on)
        when = _date_words(start) if start else ""
        if self.kind == "guidance":
            if status == IN_FORCE:
                return f"Current guidance, published {when}."
            if status == REPORTED:
                return f"Reported to be current guidance from {when}; check its publication page."
            if self.until is not None and start is not None and on > self.until:
                return f"Replaced after {_date_words(self.until)}."
            return f"Not yet published on {_date_words(on)}."
        if status == IN_FORCE:
            return "In force." if start == DATA_PROTECTION_ACT_2018 else f"In force since {when}."
        if status == REPORTED:
            return f"Reported to apply from {when}; commencement not confirmed. {self.commencement.source}"
        if start is None:
            return f"Not in force. {self.commencement.source}"
        if self.commencement.confirmed:
            return f"Not yet in force on {_date_words(on)}: it applies from {when}."
        return f"Not yet in force on {_date_words(on)}: reported to apply from {when}. {self.commencement.source}"

    def as_dict(self, on: dt.date | None = None) -> dict:
        result = {
            "id": self.id,
            "citation": self.citation,
            "title": self.title,
            "url": self.url,
            "guidance": self.guidance,
            "applies_from": self.applies_from.isoformat() if self.applies_from else None,
        }
        if on is not None:
            result["status"] = self.status(on)
            result["status_text"] = self.status_text(on)
        return result


def _date_words(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


def _ref(id, citation, title, url, guidance, commencement=IN_FORCE_SINCE_2018, kind="law", until=None):
    return Reference(id, citation, title, url, guidance, commencement, kind, until)


def _published(day: dt.date, confirmed: bool = True, source: str = "") -> Commencement:
    return Commencement(day, confirmed, source or f"Published {_date_words(day)}.")


# Working Together to Safeguard Children: the 2026 edition replaced the 2023 edition. Its publication
# date is reported, not confirmed (law-2026-update.md section 2): the checkers cite it from that date.
WORKING_TOGETHER_2026 = _published(
    dt.date(2026, 3, 19), False,
    "Reported as published in 2026, replacing the 2023 edition; the date is taken from the GOV.UK file.",
)

_ALL = [
    # UK GDPR Article 6: lawful bases
    _ref("art6", "UK GDPR Art 6", "Lawfulness of processing: the lawful bases", f"{UK_GDPR}/article/6", "lawful-bases.md#article-6"),
    _ref("art6_1_a", "UK GDPR Art 6(1)(a)", "Consent", f"{UK_GDPR}/article/6", "lawful-bases.md#consent"),
    _ref("art6_1_b", "UK GDPR Art 6(1)(b)", "Contract", f"{UK_GDPR}/article/6", "lawful-bases.md#contract"),
    _ref("art6_1_c", "UK GDPR Art 6(1)(c)", "Legal obligation", f"{UK_GDPR}/article/6", "lawful-bases.md#legal-obligation"),
    _ref("art6_1_d", "UK GDPR Art 6(1)(d)", "Vital interests", f"{UK_GDPR}/article/6", "lawful-bases.md#vital-interests"),
    _ref("art6_1_e", "UK GDPR Art 6(1)(e)", "Public task", f"{UK_GDPR}/article/6", "lawful-bases.md#public-task"),
    _ref(
        "art6_1_ea",
        "UK GDPR Art 6(1)(ea) and Annex 1",
        "Recognised legitimate interest",
        f"{UK_GDPR}/article/6",
        "lawful-bases.md#recognised-legitimate-interest",
        "recognised_legitimate_interest",
    ),
    _ref(
        "annex1",
        "UK GDPR Annex 1",
        "Recognised legitimate interests (para 6: safeguarding vulnerable individuals; crime)",
        f"{UK_GDPR}/annexes",
        "lawful-bases.md#recognised-legitimate-interest",
        "recognised_legitimate_interest",
    ),
    _ref(
        "duaa_s70",
        "Data (Use and Access) Act 2025 s70",
        "Lawfulness of processing (inserts Art 6(1)(ea) and Annex 1)",
        f"{LEGISLATION}/ukpga/2025/18/section/70",
        "lawful-bases.md#recognised-legitimate-interest",
        "recognised_legitimate_interest",
    ),
    _ref("art6_1_f", "UK GDPR Art 6(1)(f)", "Legitimate interests", f"{UK_GDPR}/article/6", "lawful-bases.md#legitimate-interests"),
    # UK GDPR Article 9 and DPA 2018 Schedule 1: special category data
    _ref("art9_2_a", "UK GDPR Art 9(2)(a)", "Explicit consent", f"{UK_GDPR}/article/9", "lawful-bases.md#special-category-data"),
    _ref("art9_2_c", "UK GDPR Art 9(2)(c)", "Vital interests (special category data)", f"{UK_GDPR}/article/9", "lawful-bases.md#special-category-data"),
    _ref("art9_2_f", "UK GDPR Art 9(2)(f)", "Legal claims and courts", f"{UK_GDPR}/article/9", "lawful-bases.md#special-category-data"),
    _ref("art9_2_g", "UK GDPR Art 9(2)(g)", "Substantial public interest", f"{UK_GDPR}/article/9", "lawful-bases.md#special-category-data"),
    _ref("art9_2_h", "UK GDPR Art 9(2)(h)", "Health or social care", f"{UK_GDPR}/article/9", "lawful-bases.md#special-category-data"),
    _ref("dpa_s10", "DPA 2018 s10", "Special categories and criminal convictions: conditions", f"{DPA_2018}/section/10", "lawful-bases.md#special-category-data"),
    _ref("sch1_para2", "DPA 2018 Sch 1 para 2", "Health or social care purposes", f"{DPA_2018}/schedule/1/paragraph/2", "lawful-bases.md#special-category-data"),
    _ref("sch1_para6", "DPA 2018 Sch 1 para 6", "Statutory and government purposes", f"{DPA_2018}/schedule/1/paragraph/6", "lawful-bases.md#special-category-data"),
    _ref("sch1_para10", "DPA 2018 Sch 1 para 10", "Preventing or detecting unlawful acts", f"{DPA_2018}/schedule/1/paragraph/10", "lawful-bases.md#criminal-offence-data"),
    _ref("sch1_para18", "DPA 2018 Sch 1 para 18", "Safeguarding of children and of individuals at risk", f"{DPA_2018}/schedule/1/paragraph/18", "lawful-bases.md#schedule-1-paragraph-18"),
    _ref("sch1_para29", "DPA 2018 Sch 1 para 29", "Consent (criminal offence data)", f"{DPA_2018}/schedule/1/paragraph/29", "lawful-bases.md#criminal-offence-data"),
    _ref("sch1_para30", "DPA 2018 Sch 1 para 30", "Protecting vital interests (criminal offence data)", f"{DPA_2018}/schedule/1/paragraph/30", "lawful-bases.md#criminal-offence-data"),
    _ref("sch1_para33", "DPA 2018 Sch 1 para 33", "Legal claims (criminal offence data)", f"{DPA_2018}/schedule/1/paragraph/33", "lawful-bases.md#criminal-offence-data"),
    _ref("sch1_para36", "DPA 2018 Sch 1 para 36", "Part 2 conditions for criminal offence data", f"{DPA_2018}/schedule/1/paragraph/36", "lawful-bases.md#criminal-offence-data"),
    _ref("sch1_part4", "DPA 2018 Sch 1 Part 4 (paras 38-41)", "Appropriate policy document and record", f"{DPA_2018}/schedule/1/part/4", "lawful-bases.md#appropriate-policy-document"),
    _ref("art10", "UK GDPR Art 10", "Criminal offence data", f"{UK_GDPR}/article/10", "lawful-bases.md#criminal-offence-data"),
    _ref(
        "sch2_para5",
        "DPA 2018 Sch 2 para 5",
        "Disclosures required by law or for legal proceedings: lifts only the listed UK GDPR provisions, as far as they would prevent the disclosure",
        f"{DPA_2018}/schedule/2/paragraph/5",
        "legal-gateways.md#court-orders",
    ),
    _ref("art9_2_b", "UK GDPR Art 9(2)(b)", "Employment, social security and social protection", f"{UK_GDPR}/article/9", "lawful-bases.md#other-article-9-conditions"),
    _ref("sch1_para1", "DPA 2018 Sch 1 para 1", "Employment, social security and social protection (obligations or rights imposed by law)", f"{DPA_2018}/schedule/1/paragraph/1", "lawful-bases.md#other-article-9-conditions"),
    _ref(
        "sch2_para2",
        "DPA 2018 Sch 2 para 2",
        "Crime and taxation: general (the listed UK GDPR provisions do not apply as far as they would be likely to prejudice preventing or detecting crime)",
        f"{DPA_2018}/schedule/2/paragraph/2",
        "lawful-bases.md#exemptions",
    ),
    # DPA 2018 Part 3: law enforcement processing by competent authorities
    _ref("dpa_part3", "DPA 2018 Part 3", "Law enforcement processing", f"{DPA_2018}/part/3", "lawful-bases.md#law-enforcement"),
    _ref("dpa_s35", "DPA 2018 s35", "First principle: sensitive processing only with consent or when strictly necessary, and with a policy document", f"{DPA_2018}/section/35", "lawful-bases.md#law-enforcement"),
    _ref("dpa_s42", "DPA 2018 s42", "Safeguards: the appropriate policy document for sensitive processing", f"{DPA_2018}/section/42", "lawful-bases.md#law-enforcement"),
    _ref("sch8", "DPA 2018 Sch 8", "Conditions for sensitive processing (law enforcement)", f"{DPA_2018}/schedule/8", "lawful-bases.md#law-enforcement"),
    _ref("sch7", "DPA 2018 Sch 7", "Competent authorities (including police, probation and youth offending teams)", f"{DPA_2018}/schedule/7", "lawful-bases.md#law-enforcement"),
    # UK GDPR Article 5 and Article 8A: principles and compatible further processing
    _ref("art5", "UK GDPR Art 5", "Principles relating to processing of personal data", f"{UK_GDPR}/article/5", "lawful-bases.md#data-protection-principles"),
    _ref(
        "art8a_annex2",
        "UK GDPR Art 8A and Annex 2",
        "Compatible further processing: the safeguarding condition (Annex 2 para 8)",
        f"{UK_GDPR}/annexes",
        "lawful-bases.md#safeguarding-compatibility-condition",
        "safeguarding_compatibility",
    ),
    # Gateways and duties: children
    _ref("ca1989_s17", "Children Act 1989 s17", "Children in need", f"{LEGISLATION}/ukpga/1989/41/section/17", "legal-gateways.md#section-17"),
    _ref("ca1989_s47", "Children Act 1989 s47", "Enquiries where a child may be suffering significant harm", f"{LEGISLATION}/ukpga/1989/41/section/47", "legal-gateways.md#section-47"),
    _ref("ca2004_s11", "Children Act 2004 s11", "Duty to safeguard and promote the welfare of children", f"{LEGISLATION}/ukpga/2004/31/section/11", "legal-gateways.md#section-11"),
    _ref("ca2004_s16h", "Children Act 2004 s16H", "Safeguarding partners' power to require information", f"{LEGISLATION}/ukpga/2004/31/section/16H", "legal-gateways.md#section-16h"),
    _ref(
        "ca2004_s16la",
        "Children Act 2004 s16LA (inserted by the Children's Wellbeing and Schools Act 2026 s4)",
        "Duty to share information relevant to safeguarding or promoting the welfare of children",
        f"{LEGISLATION}/ukpga/2004/31/section/16LA",
        "duty-to-share.md",
        "duty_to_share",
    ),
    _ref(
        "ca2004_s16lc",
        "Children Act 2004 s16LC (inserted by the Children's Wellbeing and Schools Act 2026 s4)",
        "Consistent identifier for children",
        f"{LEGISLATION}/ukpga/2004/31/section/16LC",
        "duty-to-share.md#consistent-child-identifier",
        "consistent_identifier",
    ),
    _ref("ea2002_s175", "Education Act 2002 s175", "Duties of local authorities, maintained schools and colleges in relation to the welfare of children", f"{LEGISLATION}/ukpga/2002/32/section/175", "situations/schools.md"),
    _ref(
        "iss2014_para7",
        "Education (Independent School Standards) Regulations 2014, Schedule para 7",
        "Independent schools, including academies: arrangements to safeguard and promote the welfare of pupils "
        "(standards made under the Education and Skills Act 2008 s94; in England they replaced the standards "
        "under the Education Act 2002 s157, which still apply in Wales)",
        f"{LEGISLATION}/uksi/2014/3283/contents",
        "situations/schools.md",
    ),
    _ref("fgm2003_s5b", "Female Genital Mutilation Act 2003 s5B", "Duty to notify the police of female genital mutilation", f"{LEGISLATION}/ukpga/2003/31/section/5B", "legal-gateways.md#fgm-reporting"),
    _ref(
        "cpa2026_reporting",
        "Crime and Policing Act 2026 (duty to report child sexual abuse)",
        "Duty to notify suspected child sexual abuse",
        f"{LEGISLATION}/ukpga/2026/20/contents",
        "legal-gateways.md#reporting-child-sexual-abuse",
        "child_sexual_abuse_reporting",
    ),
    _ref("cda1998_s115", "Crime and Disorder Act 1998 s115", "Disclosure of information (power, not duty)", f"{LEGISLATION}/ukpga/1998/37/section/115", "legal-gateways.md#crime-and-disorder-act"),
    # Gateways and duties: adults
    _ref("care2014_s42", "Care Act 2014 s42", "Enquiry by local authority into abuse or neglect of an adult", f"{LEGISLATION}/ukpga/2014/23/section/42", "adults-at-risk.md#care-act-section-42"),
    _ref("care2014_s45", "Care Act 2014 s45", "Supply of information to a Safeguarding Adults Board", f"{LEGISLATION}/ukpga/2014/23/section/45", "adults-at-risk.md#care-act-section-45"),
    _ref("mca2005_s1", "Mental Capacity Act 2005 s1", "The principles: a person is assumed to have capacity unless it is established that they lack it", f"{LEGISLATION}/ukpga/2005/9/section/1", "adults-at-risk.md#presumption-of-capacity"),
    _ref(
        "care_guidance_ch14",
        "Care and support statutory guidance, chapter 14",
        "Safeguarding adults, including Making Safeguarding Personal",
        "https://www.gov.uk/government/publications/care-act-statutory-guidance/care-and-support-statutory-guidance",
        "adults-at-risk.md#making-safeguarding-personal",
        _published(dt.date(2014, 10, 23)),
        kind="guidance",
    ),
    _ref("hra_art8", "Human Rights Act 1998 Sch 1, ECHR Art 8", "Right to respect for private and family life", f"{LEGISLATION}/ukpga/1998/42/schedule/1", "legal-gateways.md#human-rights"),
    _ref("mca2005_s4", "Mental Capacity Act 2005 s4", "Best interests: who decides, and what they must consider", f"{LEGISLATION}/ukpga/2005/9/section/4", "adults-at-risk.md#presumption-of-capacity"),
    # Police requests for a victim's records (Victims and Prisoners Act 2024 s28)
    _ref(
        "pcsca2022_ch3a",
        "Police, Crime, Sentencing and Courts Act 2022 Chapter 3A (ss44A-44F)",
        "Requests for information relating to victims: the tests the police must meet, notice to the victim, "
        "and the presumption against requesting counselling information",
        f"{LEGISLATION}/ukpga/2022/32/part/2/chapter/3A",
        "police.md#police-asking-you",
        "victim_information_requests",
    ),
    # Confidentiality (common law) and national guidance
    _ref(
        "common_law_confidence",
        "Common-law duty of confidence",
        "Confidential information: consent, overriding public interest or legal duty",
        f"{GOV_UK}/safeguarding-practitioners-information-sharing-advice",
        "consent-and-confidentiality.md#duty-of-confidence",
    ),
    _ref(
        "dfe_2018",
        "DfE Information sharing advice (2018)",
        "Information sharing: advice for practitioners providing safeguarding services (July 2018 edition)",
        f"{GOV_UK}/safeguarding-practitioners-information-sharing-advice",
        "golden-rules.md",
        _published(dt.date(2018, 7, 4)),
        kind="guidance",
        until=dt.date(2024, 4, 18),
    ),
    _ref(
        "dfe_2024",
        "DfE Information sharing advice (2024)",
        "Information sharing: advice for practitioners providing safeguarding services",
        f"{GOV_UK}/safeguarding-practitioners-information-sharing-advice",
        "golden-rules.md#the-seven-golden-rules",
        _published(dt.date(2024, 4, 19)),
        kind="guidance",
    ),
    _ref(
        "working_together_2018",
        "Working Together to Safeguard Children 2018",
        "Statutory guidance on multi-agency working (2018 edition)",
        f"{GOV_UK}/working-together-to-safeguard-children--2",
        "index.md",
        _published(dt.date(2018, 7, 4)),
        kind="guidance",
        until=dt.date(2023, 12, 14),
    ),
    _ref(
        "working_together_2023",
        "Working Together to Safeguard Children 2023",
        "Statutory guidance on multi-agency working (2023 edition, replaced by the 2026 edition)",
        f"{GOV_UK}/working-together-to-safeguard-children--2",
        "index.md",
        _published(dt.date(2023, 12, 15)),
        kind="guidance",
        until=WORKING_TOGETHER_2026.date - dt.timedelta(days=1),  # type: ignore[operator]
    ),
    _ref(
        "working_together_2026",
        "Working Together to Safeguard Children 2026",
        "Statutory guidance on multi-agency working to safeguard children",
        f"{GOV_UK}/working-together-to-safeguard-children--2",
        "index.md",
        WORKING_TOGETHER_2026,
        kind="guidance",
    ),
    _ref(
        "caldicott_2020",
        "Caldicott Principles (2020)",
        "The eight Caldicott principles",
        f"{GOV_UK}/the-caldicott-principles",
        "caldicott.md#the-eight-principles",
        _published(dt.date(2020, 12, 8)),
        kind="guidance",
    ),
    # Editions before 2018 still current on 25 May 2018 (GOV.UK: both first published 26 March 2015).
    _ref(
        "dfe_2015",
        "DfE Information sharing advice (2015)",
        "Information sharing: advice for practitioners providing safeguarding services (March 2015 edition)",
        f"{GOV_UK}/safeguarding-practitioners-information-sharing-advice",
        "golden-rules.md",
        _published(dt.date(2015, 3, 26)),
        kind="guidance",
        until=dt.date(2018, 7, 3),
    ),
    _ref(
        "working_together_2015",
        "Working Together to Safeguard Children 2015",
        "Statutory guidance on inter-agency working (2015 edition)",
        f"{GOV_UK}/working-together-to-safeguard-children--2",
        "index.md",
        _published(dt.date(2015, 3, 26)),
        kind="guidance",
        until=dt.date(2018, 7, 3),
    ),
]

REFERENCES: dict[str, Reference] = {reference.id: reference for reference in _ALL}

# Editions of the same guidance, oldest first: `edition` picks the one current on a date.
EDITIONS: dict[str, tuple[str, ...]] = {
    "information_sharing_advice": ("dfe_2015", "dfe_2018", "dfe_2024"),
    "working_together": ("working_together_2015", "working_together_2018", "working_together_2023", "working_together_2026"),
}


def ref(id: str) -> Reference:
    """The reference with this id (KeyError on a typo, so a rule cannot cite nothing)."""
    return REFERENCES[id]


def edition(series: str, on: dt.date) -> Reference:
    """The edition of a guidance series current on a date (the newest one published by then)."""
    current = [ref(id) for id in EDITIONS[series] if ref(id).in_force(on)]
    return current[-1] if current else ref(EDITIONS[series][0])


def law_may_have_changed(on: dt.date) -> bool:
    """True for a date well after the law was last checked (LAW_CHECKED_ON + LAW_REVIEW_INTERVAL)."""
    return on > LAW_CHECKED_ON + LAW_REVIEW_INTERVAL


def as_named_on(value, on: dt.date):
    """A result with the regulation named as it was on `on`: "the GDPR" before 1 January 2021 (every
    "UK GDPR" in its text becomes "GDPR"), unchanged from then."""
    if on >= UK_GDPR_NAMED_FROM:
        return value
    if isinstance(value, str):
        return value.replace("UK GDPR", "GDPR")
    if isinstance(value, dict):
        return {key: as_named_on(item, on) for key, item in value.items()}
    if isinstance(value, list):
        return [as_named_on(item, on) for item in value]
    return value


def date_words(day: dt.date) -> str:
    """A date as results write it: "30 September 2026"."""
    return _date_words(day)


# The duty to share (s16LA) as two separate facts (issue 19): whether it is in force lives in
# COMMENCEMENT["duty_to_share"]; whether a disclosure under it meets the common-law duty of confidence is
# this flag. It is our reading, not settled law, until s16LA(5) onwards and s16LB are read (other statutory
# gateways carry their own confidentiality and data protection clauses), so confirming commencement does
# not by itself make the checkers say that the duty meets the duty of confidence.
DUTY_TO_SHARE_MEETS_CONFIDENCE = False


# Royal Assent of Acts whose provisions the checkers describe before they start: before this date a result
# does not speak of them as "coming" (the law of the day). Children's Wellbeing and Schools Act 2026 (c. 21):
# 29 April 2026 (legislation.gov.uk metadata). Crime and Policing Act 2026 (c. 20): 29 April 2026 (Home Office
# Circular 004/2026).
ENACTED: dict[str, dt.date] = {
    "duty_to_share": dt.date(2026, 4, 29),
    "child_sexual_abuse_reporting": dt.date(2026, 4, 29),
}


def enacted(key: str, on: dt.date) -> bool:
    """Whether the Act behind a COMMENCEMENT key had Royal Assent by `on`."""
    return on >= ENACTED[key]

