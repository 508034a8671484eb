"""The law the checkers rest on: each provision once, with its official text and our guidance page.

Every reference carries the date it applies from. A provision that is law but not yet commenced has
`applies_from=None`: rules resting on it stay switched off until its date is set here, in one place
(see COMMENCEMENT). Facts as checked in November 2026 (shared/research/law-2026.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

LEGISLATION = "https://www.legislation.gov.uk"
UK_GDPR = f"{LEGISLATION}/eur/2016/679"
DPA_2018 = f"{LEGISLATION}/ukpga/2018/12"

# Dates on which provisions start to apply. None means not yet commenced: change it here, once, when
# commencement regulations are made, and every rule that rests on the provision switches on.
COMMENCEMENT: dict[str, dt.date | None] = {
    # Data (Use and Access) Act 2025 s70 inserted Art 6(1)(ea); in force by SI 2026/82.
    "recognised_legitimate_interest": dt.date(2026, 2, 5),
    # Children's Wellbeing and Schools Act 2026 s4 inserts Children Act 2004 s16LA (duty to share).
    # Royal Assent 29 April 2026; needs commencement regulations; not in force as of November 2026.
    "duty_to_share": None,
}

# Before this date the UK GDPR and DPA 2018 did not apply; the checkers do not model older law.
DATA_PROTECTION_ACT_2018 = dt.date(2018, 5, 25)


@dataclass(frozen=True)
class Reference:
    """One provision or document: how it is cited, its official text, and our page explaining it."""

    id: str
    citation: str
    title: str
    url: str
    guidance: str  # our page (Markdown path, with anchor) that explains it in plain English
    applies_from: dt.date | None = DATA_PROTECTION_ACT_2018

    def in_force(self, on: dt.date) -> bool:
        return self.applies_from is not None and self.applies_from <= on

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "citation": self.citation,
            "title": self.title,
            "url": self.url,
            "guidance": self.guidance,
            "applies_from": self.applies_from.isoformat() if self.applies_from else None,
        }


def _ref(id: str, citation: str, title: str, url: str, guidance: str, applies_from=DATA_PROTECTION_ACT_2018):
    return Reference(id, citation, title, url, guidance, applies_from)


_ALL = [
    # UK GDPR Article 6: lawful bases
    _ref("art6_1_a", "UK GDPR Art 6(1)(a)", "Consent", f"{UK_GDPR}/article/6", "lawful-bases.md#consent"),
    _ref("art6_1_b", "UK GDPR Art 6(1)(b)", "Contract", f"{UK_GDPR}/article/6", "lawful-bases.md#contract"),
    _ref("art6_1_c", "UK GDPR Art 6(1)(c)", "Legal obligation", f"{UK_GDPR}/article/6", "lawful-bases.md#legal-obligation"),
    _ref("art6_1_d", "UK GDPR Art 6(1)(d)", "Vital interests", f"{UK_GDPR}/article/6", "lawful-bases.md#vital-interests"),
    _ref("art6_1_e", "UK GDPR Art 6(1)(e)", "Public task", f"{UK_GDPR}/article/6", "lawful-bases.md#public-task"),
    _ref(
        "art6_1_ea",
        "UK GDPR Art 6(1)(ea) and Annex 1",
        "Recognised legitimate interest",
        f"{LEGISLATION}/ukpga/2025/18/section/70",
        "lawful-bases.md#recognised-legitimate-interest",
        COMMENCEMENT["recognised_legitimate_interest"],
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
    _ref("sch2_para5", "DPA 2018 Sch 2 para 5", "Disclosures required by law or for legal proceedings", f"{DPA_2018}/schedule/2/paragraph/5", "legal-gateways.md#court-orders"),
    # DPA 2018 Part 3: law enforcement processing by competent authorities
    _ref("dpa_part3", "DPA 2018 Part 3", "Law enforcement processing", f"{DPA_2018}/part/3", "lawful-bases.md#law-enforcement"),
    _ref("dpa_s35", "DPA 2018 s35", "First principle: sensitive processing needs strict necessity and a policy document", f"{DPA_2018}/section/35", "lawful-bases.md#law-enforcement"),
    _ref("sch8", "DPA 2018 Sch 8", "Conditions for sensitive processing (law enforcement)", f"{DPA_2018}/schedule/8", "lawful-bases.md#law-enforcement"),
    # UK GDPR Article 5: principles
    _ref("art5", "UK GDPR Art 5", "Principles relating to processing of personal data", f"{UK_GDPR}/article/5", "lawful-bases.md#data-protection-principles"),
    # Gateways and duties
    _ref("ca1989_s17", "Children Act 1989 s17", "Children in need", f"{LEGISLATION}/ukpga/1989/41/section/17", "legal-gateways.md#section-17"),
    _ref("ca1989_s47", "Children Act 1989 s47", "Enquiries where a child may be suffering significant harm", f"{LEGISLATION}/ukpga/1989/41/section/47", "legal-gateways.md#section-47"),
    _ref("ca2004_s11", "Children Act 2004 s11", "Duty to safeguard and promote the welfare of children", f"{LEGISLATION}/ukpga/2004/31/section/11", "legal-gateways.md#section-11"),
    _ref(
        "ca2004_s16la",
        "Children Act 2004 s16LA (inserted by Children's Wellbeing and Schools Act 2026 s4)",
        "Duty to share information relevant to safeguarding",
        f"{LEGISLATION}/ukpga/2026/21/contents",
        "legal-gateways.md#duty-to-share",
        COMMENCEMENT["duty_to_share"],
    ),
    _ref("ea2002_s175", "Education Act 2002 s175", "Duties of local authorities and governing bodies in relation to welfare of children", f"{LEGISLATION}/ukpga/2002/32/section/175", "situations/schools.md"),
    _ref("cda1998_s115", "Crime and Disorder Act 1998 s115", "Disclosure of information (power, not duty)", f"{LEGISLATION}/ukpga/1998/37/section/115", "legal-gateways.md#crime-and-disorder-act"),
    _ref("hra_art8", "Human Rights Act 1998 Sch 1, ECHR Art 8", "Right to respect for private and family life", f"{LEGISLATION}/ukpga/1998/42/schedule/1", "legal-gateways.md#human-rights"),
    # Confidentiality (common law) and national guidance
    _ref(
        "common_law_confidence",
        "Common-law duty of confidence",
        "Confidential information: consent, overriding public interest or legal duty",
        "https://www.gov.uk/government/publications/safeguarding-practitioners-information-sharing-advice",
        "consent-and-confidentiality.md#duty-of-confidence",
    ),
    _ref(
        "dfe_2024",
        "DfE Information sharing advice (2024)",
        "Information sharing: advice for practitioners providing safeguarding services",
        "https://www.gov.uk/government/publications/safeguarding-practitioners-information-sharing-advice",
        "golden-rules.md#the-seven-golden-rules",
        dt.date(2024, 4, 19),
    ),
    _ref(
        "working_together_2023",
        "Working Together to Safeguard Children 2023",
        "Statutory guidance on multi-agency working",
        "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2",
        "index.md",
        dt.date(2023, 12, 15),
    ),
    _ref(
        "caldicott_2020",
        "Caldicott Principles (2020)",
        "The eight Caldicott principles",
        "https://www.gov.uk/government/publications/the-caldicott-principles",
        "caldicott.md#the-eight-principles",
        dt.date(2020, 12, 8),
    ),
]

REFERENCES: dict[str, Reference] = {reference.id: reference for reference in _ALL}


def ref(id: str) -> Reference:
    """The reference with this id (KeyError on a typo, so a rule cannot cite nothing)."""
    return REFERENCES[id]
