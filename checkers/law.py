"""The law the checkers rest on: each provision once, with its official text and our guidance page.

Every reference carries when it applies and how sure we are of that, so a result can say in words
whether a provision is in force, only reported to be in force, or not in force on the date asked
about. Commencement dates live in one place (COMMENCEMENT): confirming a reported date is a one-line
change (`confirmed=True`), and every rule and every sentence resting on the provision follows.

The register (`register(on)`, printed by `python -m checkers law` and published as the site's
law.json) lists every reference with its status on a date, how we know (`source`) and when someone
last checked it against its sources (`checked_on`).

Facts as checked on 30 November and 6 December 2026 (shared/research/law-2026.md and
law-2026-update.md), and against legislation.gov.uk, GOV.UK and ico.org.uk on 6 December 2026.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

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

# The days the register's entries were last checked against their sources: the research notes of
# 30 November 2026 (law-2026.md and law-2026-update.md), and the second check of 6 December 2026
# (law-2026-update.md, "Update of 6 December 2026", with the searches made for issue 19 that day).
CHECKED_30_NOVEMBER_2026 = dt.date(2026, 11, 30)
CHECKED_6_DECEMBER_2026 = dt.date(2026, 12, 6)


@dataclass(frozen=True)
class Commencement:
    """When a provision starts to apply, how we know, and when someone last checked.

    `date` None means no start date is known (law, but not commenced). `confirmed` False means the
    date comes from a secondary source only: results then say "reported", never "in force".
    `checked_on` is the day someone last checked this entry against its sources (the register
    shows it; a build warns when a reported or not-in-force entry has not been checked for 90 days).
    `enacted` is the day of Royal Assent, for an Act whose provision is not yet in force.
    `follows` makes the entry a reading of another provision (a key of COMMENCEMENT): it can apply
    only while that provision does, from its date, and is confirmed only when both are."""

    date: dt.date | None
    confirmed: bool
    source: str
    checked_on: dt.date | None = field(default=None, compare=False, kw_only=True)
    enacted: dt.date | None = field(default=None, kw_only=True)
    follows: str | None = field(default=None, kw_only=True)

    def resolved(self) -> Commencement:
        """The entry as it applies: a reading takes the date of the provision it follows, and is
        confirmed only if that provision's commencement is too."""
        if self.follows is None:
            return self
        base = COMMENCEMENT[self.follows].resolved()
        return replace(self, date=base.date, confirmed=self.confirmed and base.confirmed, follows=None)


def date_words(day: dt.date) -> str:
    """A date as results and pages print it: "30 September 2026"."""
    return f"{day.day} {day.strftime('%B')} {day.year}"


IN_FORCE_SINCE_2018 = Commencement(
    DATA_PROTECTION_ACT_2018, True,
    f"In force on {date_words(DATA_PROTECTION_ACT_2018)}, when the UK GDPR and the Data Protection Act 2018 began "
    "to apply: the earliest date the checkers model.",
    checked_on=CHECKED_30_NOVEMBER_2026,
)

# A source says how we know; the date itself is in `date` (or `enacted`), never written again in the
# source, so that moving a date here moves every sentence that prints it.
COMMENCEMENT: dict[str, Commencement] = {
    # Data (Use and Access) Act 2025 s70 inserted Art 6(1)(ea) and Annex 1.
    "recognised_legitimate_interest": Commencement(
        dt.date(2026, 2, 5), True, "Commenced by SI 2026/82 reg 2(c).",
        checked_on=CHECKED_6_DECEMBER_2026,
    ),
    # Data (Use and Access) Act 2025 s71 inserted Art 8A and Annex 2 (the safeguarding compatibility condition).
    "safeguarding_compatibility": Commencement(
        dt.date(2026, 2, 5), True,
        "Commenced by SI 2026/82 reg 2(d). The ICO published its guidance on compatibility and the safeguarding "
        "condition on 23 March 2026 (ico.org.uk).",
        checked_on=CHECKED_6_DECEMBER_2026,
    ),
    # Data (Use and Access) Act 2025 s103 inserted DPA 2018 s164A (complaints to controllers). The ICO's
    # guidance on data protection complaints states the date; the regulation that sets it is unread.
    "complaints_to_controllers": Commencement(
        dt.date(2026, 6, 19), True,
        "The date is stated by the ICO's guidance on data protection complaints (ico.org.uk, published "
        "12 February 2026); we have not read the regulation that sets it.",
        checked_on=CHECKED_6_DECEMBER_2026,
    ),
    # Children's Wellbeing and Schools Act 2026 s4 inserts Children Act 2004 s16LA (duty to share).
    # Royal Assent 29 April 2026; s4 needs commencement regulations (s78(5)). To confirm: set confirmed=True.
    "duty_to_share": Commencement(
        dt.date(2026, 9, 30), False,
        "Source: the Department for Education's letter to safeguarding partners, as reported by the Essex "
        "Safeguarding Children Board; we have not found the commencement regulations.",
        checked_on=CHECKED_6_DECEMBER_2026, enacted=dt.date(2026, 4, 29),
    ),
    # Our reading, kept apart from commencement: that the s16LA duty gives a legal-obligation basis
    # (UK GDPR Art 6(1)(c)) and meets the duty of confidence for what it requires. Confirming the duty's
    # commencement does not confirm this. Set confirmed=True only once s16LA(5) onwards and s16LB (or
    # the final statutory guidance) have been read and say so.
    "duty_to_share_legal_effect": Commencement(
        None, False,
        "Our reading, not yet confirmed by any source, that the duty is a legal obligation (UK GDPR Art 6(1)(c)) "
        "and meets the duty of confidence: we have not read s16LA(5) onwards or s16LB, and other statutory duties "
        "to share keep data protection law and some duties of confidence in place.",
        checked_on=CHECKED_6_DECEMBER_2026, follows="duty_to_share",
    ),
    # Children Act 2004 s16LC (consistent child identifier): no regulations specify the identifier.
    "consistent_identifier": Commencement(
        None, False,
        "No regulations specifying the identifier have been found; legislation.gov.uk listed s16LC as not yet "
        "inserted on 30 May 2026.",
        checked_on=CHECKED_30_NOVEMBER_2026, enacted=dt.date(2026, 4, 29),
    ),
    # Crime and Policing Act 2026 (c. 20): duty to report child sexual abuse. Royal Assent 29 April 2026
    # (GOV.UK, Home Office Circular 004/2026, 29 June 2026). Its section numbers are not yet verified.
    "child_sexual_abuse_reporting": Commencement(
        None, False,
        "Royal Assent is confirmed by Home Office Circular 004/2026 (GOV.UK, 29 June 2026). The first "
        "commencement regulations (SI 2026/689) brought other provisions into force from 29 June 2026 and are "
        "reported not to include this duty; we have found no commencement of it.",
        checked_on=CHECKED_6_DECEMBER_2026, enacted=dt.date(2026, 4, 29),
    ),
    # Victims and Prisoners Act 2024 s28 inserted Chapter 3A (victim information requests, ss44A-44F) into the
    # Police, Crime, Sentencing and Courts Act 2022. s28 came into force on 12 January 2026 (SI 2025/1168
    # reg 3(a), read on legislation.gov.uk). The Code of Practice under s44D and the counselling services
    # regulations are reported (not read) to apply from the same day: the pages say so.
    "victim_information_requests": Commencement(
        dt.date(2026, 1, 12), True,
        "Commenced by the Victims and Prisoners Act 2024 (Commencement No. 8) Regulations 2025 (SI 2025/1168) "
        "reg 3(a). Its Code of Practice is reported, not confirmed, to apply from the same day.",
        checked_on=CHECKED_6_DECEMBER_2026,
    ),
    # Working Together to Safeguard Children 2026 replaced the 2023 edition. That it was published is
    # reported (partnerships reproducing DfE's summary); its publication day is not confirmed: the date
    # here is the upload stamp in the GOV.UK file's address. The 2023 edition is cited until the day before.
    "working_together_2026": Commencement(
        dt.date(2026, 3, 19), False,
        "Reported as published in 2026, replacing the 2023 edition; the day is not confirmed: the date we use is "
        "the upload date in the GOV.UK file's address.",
        checked_on=CHECKED_6_DECEMBER_2026,
    ),
}


@dataclass(frozen=True)
class Reference:
    """One provision or document: how it is cited, its official text, and our page explaining it.

    `kind` is "law" for legislation, "guidance" for published guidance (which is "current" from its
    publication date rather than "in force") and "reading" for our own reading of a provision, kept
    apart from the provision itself until a source confirms it. `until` is the last day a superseded
    edition of guidance is cited; `replaced_by` (a key of COMMENCEMENT) gives it instead, as the day
    before the next edition, so that the replacement's date and how sure it is are set in one place."""

    id: str
    citation: str
    title: str
    url: str
    guidance: str  # our page (Markdown path, with anchor) that explains it in plain English
    starts: Commencement | str = IN_FORCE_SINCE_2018  # a Commencement, or a key of COMMENCEMENT
    kind: str = "law"
    until: dt.date | None = None
    replaced_by: str | None = None

    @property
    def entry(self) -> Commencement:
        """The register's entry as written (a reading not yet resolved against its provision)."""
        return COMMENCEMENT[self.starts] if isinstance(self.starts, str) else self.starts

    @property
    def commencement(self) -> Commencement:
        """Looked up when asked, so that COMMENCEMENT stays the one place a date is set or confirmed."""
        return self.entry.resolved()

    @property
    def applies_from(self) -> dt.date | None:
        return self.commencement.date

    @property
    def replacement(self) -> Commencement | None:
        return COMMENCEMENT[self.replaced_by] if self.replaced_by else None

    @property
    def last_day(self) -> dt.date | None:
        """The last day a replaced edition is cited, or None while it is not replaced."""
        replacement = self.replacement
        if replacement is not None and replacement.date is not None:
            return replacement.date - dt.timedelta(days=1)
        return self.until

    def status(self, on: dt.date) -> str:
        start, last_day = self.commencement.date, self.last_day
        if start is None or on < start or (last_day is not None and on > last_day):
            return NOT_IN_FORCE
        return IN_FORCE if self.commencement.confirmed else REPORTED

    def in_force(self, on: dt.date) -> bool:
        """Applies on this date, confirmed or reported: rules resting on it are switched on."""
        return self.status(on) != NOT_IN_FORCE

    def status_text(self, on: dt.date) -> str:
        """The status in words, for results, records and pages."""
        start = self.commencement.date
        status = self.status(on)
        when = date_words(start) if start else ""
        if self.kind == "guidance":
            return self._guidance_status_text(on, status, when)
        if self.kind == "reading" and status != NOT_IN_FORCE and not self.entry.confirmed:
            return self.entry.source
        if status == IN_FORCE:
            return "In force." if start == DATA_PROTECTION_ACT_2018 else f"In force since {when}."
        if status == REPORTED:
            return f"Reported to apply from {when}; commencement not confirmed. {self.commencement.source}"
        if start is None:
            enacted = self.commencement.enacted
            return f"Not in force{f' (Royal Assent {date_words(enacted)})' if enacted else ''}. {self.commencement.source}"
        if self.commencement.confirmed:
            return f"Not yet in force on {date_words(on)}: it applies from {when}."
        return f"Not yet in force on {date_words(on)}: reported to apply from {when}. {self.commencement.source}"

    def _guidance_status_text(self, on: dt.date, status: str, when: str) -> str:
        if status == IN_FORCE:
            return f"Current guidance, published {when}."
        if status == REPORTED:
            return f"Reported to be current guidance from {when}; check its publication page. {self.commencement.source}"
        last_day, replacement = self.last_day, self.replacement
        if last_day is not None and self.commencement.date is not None and on > last_day:
            if replacement is not None and not replacement.confirmed:
                return (
                    f"Reported to have been replaced by a newer edition, which we cite from "
                    f"{date_words(last_day + dt.timedelta(days=1))}. {replacement.source}"
                )
            return f"Replaced after {date_words(last_day)}."
        return f"Not yet published on {date_words(on)}."

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

    def register_entry(self, on: dt.date) -> dict:
        """The reference as one entry of the public register on a date (see `register`)."""
        entry, last_day = self.entry, self.last_day
        checked = [entry.checked_on]
        if self.replacement is not None:
            checked.append(self.replacement.checked_on)  # a replaced edition rests on its replacement too
        if entry.follows is not None:
            checked.append(COMMENCEMENT[entry.follows].checked_on)
        known = [day for day in checked if day is not None]
        return {
            "id": self.id,
            "title": self.title,
            "citation": self.citation,
            "kind": self.kind,
            "url": self.url,
            "status": self.status(on),
            "status_text": self.status_text(on),
            "applies_from": _iso(self.applies_from),
            "until": _iso(last_day),
            "confirmed": self.commencement.confirmed and (self.replacement is None or self.replacement.confirmed),
            "enacted": _iso(self.commencement.enacted),
            "source": self._source(),
            "checked_on": _iso(min(known) if len(known) == len(checked) else None),
            "guidance": self.guidance,
        }

    def _source(self) -> str:
        source = self.entry.source
        if self.replacement is not None:
            replacement = self.replacement.source
            source += f" Its replacement is {replacement[:1].lower()}{replacement[1:]}"
        if self.entry.follows is not None:
            source += " It can apply only from the date of the provision it reads, and only while that provision applies."
        return source


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _ref(id, citation, title, url, guidance, commencement=IN_FORCE_SINCE_2018, kind="law", until=None, replaced_by=None):
    return Reference(id, citation, title, url, guidance, commencement, kind, until, replaced_by)


def _published(day: dt.date, confirmed: bool = True, source: str = "") -> Commencement:
    return Commencement(day, confirmed, source or f"Published {date_words(day)}.", checked_on=CHECKED_30_NOVEMBER_2026)


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
    _ref(
        "dpa_s164a",
        "DPA 2018 s164A (inserted by the Data (Use and Access) Act 2025 s103)",
        "Complaints to the organisation: a person may complain to you about how you handled their information, "
        "and you must acknowledge the complaint within 30 days",
        f"{DPA_2018}/section/164A",
        "lawful-bases.md#complaints",
        "complaints_to_controllers",
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
        "ca2004_s16la_legal_effect",
        "Children Act 2004 s16LA: its effect in data protection law and on confidentiality (our reading)",
        "That the duty to share gives a legal-obligation basis (UK GDPR Art 6(1)(c)) and overrides the duty of "
        "confidence for what it requires",
        f"{LEGISLATION}/ukpga/2004/31/section/16LA",
        "duty-to-share.md#data-protection-and-confidentiality",
        "duty_to_share_legal_effect",
        kind="reading",
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
        replaced_by="working_together_2026",
    ),
    _ref(
        "working_together_2026",
        "Working Together to Safeguard Children 2026",
        "Statutory guidance on multi-agency working to safeguard children",
        f"{GOV_UK}/working-together-to-safeguard-children--2",
        "index.md",
        "working_together_2026",
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


def register(on: dt.date) -> list[dict]:
    """The register as published: every reference, in the order above, with its status on `on`,
    how we know and when it was last checked (`python -m checkers law`, the site's law.json)."""
    return [reference.register_entry(on) for reference in _ALL]


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


def enacted(key: str, on: dt.date) -> bool:
    """Whether the Act behind a COMMENCEMENT key had Royal Assent by `on` (its `enacted` date; an entry
    without one was law before the checkers' earliest date)."""
    day = COMMENCEMENT[key].enacted
    return day is None or on >= day
