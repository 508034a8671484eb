"""A partnership's identity and contacts, read from `extra.partnership` in its mkdocs.yml.

The default, unbranded site has no `extra.partnership`: every contact then renders as a plain
description ("your local children's social care front door") pointing at the Local contacts page,
which explains how to find the real one. A partnership's site must give every contact and link
below; `check_partnership` names the missing or placeholder key so the build fails clearly.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

CONTACTS_PAGE = "local/contacts.md"


@dataclass(frozen=True)
class ContactKind:
    key: str
    heading: str
    generic: str  # how the unbranded site names it, mid-sentence
    finding_it: str  # how to find it when the site is unbranded


CONTACT_KINDS: tuple[ContactKind, ...] = (
    ContactKind(
        "childrens_social_care",
        "Children's social care front door",
        "your local children's social care front door",
        "Every local authority has a single front door for worries about a child, sometimes run as a "
        "multi-agency safeguarding hub (MASH). Use the one for the area where the child lives; the "
        "council's website lists it under 'report a concern about a child'.",
    ),
    ContactKind(
        "out_of_hours",
        "Out-of-hours emergency duty team",
        "the out-of-hours emergency duty team",
        "Outside office hours, councils run an emergency duty team (EDT) for urgent child protection "
        "work. The council's 'report a concern' page gives its number.",
    ),
    ContactKind(
        "police",
        "Police",
        "the police (999 in an emergency, 101 otherwise)",
        "Call 999 if a child is in immediate danger. Call 101 for anything else the police need to know.",
    ),
    ContactKind(
        "designated_safeguarding_leads",
        "Designated safeguarding leads",
        "your designated safeguarding lead",
        "Every school, college and most services that work with children name a designated "
        "safeguarding lead (DSL) or safeguarding lead. Your organisation's safeguarding policy says "
        "who yours is.",
    ),
    ContactKind(
        "data_protection_officer",
        "Data protection officer",
        "your data protection officer",
        "Public authorities must have a data protection officer (DPO). Your organisation's privacy "
        "notice gives their contact details.",
    ),
    ContactKind(
        "caldicott_guardian",
        "Caldicott Guardian",
        "your Caldicott Guardian",
        "NHS bodies and councils with social care duties name a Caldicott Guardian, a senior person "
        "who advises on using confidential information. Ask your information governance team.",
    ),
)


@dataclass(frozen=True)
class LinkKind:
    key: str
    generic: str


LINK_KINDS: tuple[LinkKind, ...] = (
    LinkKind("escalation_procedure", "your safeguarding partnership's escalation procedure"),
    LinkKind("data_sharing_agreement", "your local multi-agency information sharing agreement"),
)

CONTACT_FIELDS = ("name", "phone", "email", "url", "hours", "notes")
LINK_FIELDS = ("title", "url")
IDENTITY_FIELDS = ("name", "short_name", "reviewed_by")
# Text a scaffold leaves behind for the web officer to replace; the build refuses to publish it.
PLACEHOLDER = re.compile(r"\bTODO\b|\bCHANGE ME\b|\bREPLACE ME\b|\bXXX+\b|<[^<>]+>")


class PartnershipConfigError(ValueError):
    """A partnership's config is incomplete; the message names every key at fault, one a line."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


def has_placeholder(value: object) -> bool:
    return isinstance(value, str) and bool(PLACEHOLDER.search(value))


def _text(value: object, key: str, problems: list[str]) -> None:
    if not isinstance(value, str) or not value.strip():
        problems.append(f"extra.partnership.{key} is missing or empty")
    elif has_placeholder(value):
        problems.append(f"extra.partnership.{key} still holds a placeholder ({value!r}): replace it with the real value")


def partnership_problems(partnership: object) -> list[str]:
    """Every problem in `extra.partnership`, each naming its key; an empty list when it is complete."""
    if not isinstance(partnership, dict):
        return ["extra.partnership must be a mapping with name, contacts and links"]
    problems: list[str] = []
    for field in IDENTITY_FIELDS:
        _text(partnership.get(field), field, problems)
    contacts = partnership.get("contacts")
    if not isinstance(contacts, dict):
        problems.append("extra.partnership.contacts is missing")
        contacts = {}
    known = {kind.key for kind in CONTACT_KINDS}
    for key in contacts:
        if key not in known:
            problems.append(
                f"extra.partnership.contacts.{key} is not a known contact; known: {', '.join(sorted(known))}"
            )
    for kind in CONTACT_KINDS:
        contact = contacts.get(kind.key)
        where = f"contacts.{kind.key}"
        if not isinstance(contact, dict):
            problems.append(f"extra.partnership.{where} is missing")
            continue
        for field in contact:
            if field not in CONTACT_FIELDS:
                problems.append(
                    f"extra.partnership.{where}.{field} is not a contact field; use {', '.join(CONTACT_FIELDS)}"
                )
        _text(contact.get("name"), f"{where}.name", problems)
        reachable = [f for f in ("phone", "email", "url") if contact.get(f)]
        if not reachable:
            problems.append(f"extra.partnership.{where} needs a phone, email or url")
        for field in ("phone", "email", "url", "hours", "notes"):
            if field in contact:
                _text(contact[field], f"{where}.{field}", problems)
    links = partnership.get("links")
    if not isinstance(links, dict):
        problems.append("extra.partnership.links is missing")
        links = {}
    for kind in LINK_KINDS:
        link = links.get(kind.key)
        if not isinstance(link, dict):
            problems.append(f"extra.partnership.links.{kind.key} is missing")
            continue
        for field in LINK_FIELDS:
            _text(link.get(field), f"links.{kind.key}.{field}", problems)
    return problems


def check_partnership(partnership: object) -> dict:
    """Validate `extra.partnership`; return it unchanged. Raises PartnershipConfigError naming every
    key at fault, so a web officer sees them all in one build."""
    problems = partnership_problems(partnership)
    if problems:
        raise PartnershipConfigError(problems)
    return partnership


def contact_kind(key: str) -> ContactKind:
    for kind in CONTACT_KINDS:
        if kind.key == key:
            return kind
    raise KeyError(key)


def link_kind(key: str) -> LinkKind:
    for kind in LINK_KINDS:
        if kind.key == key:
            return kind
    raise KeyError(key)


def anchor(key: str) -> str:
    return key.replace("_", "-")


def relative(target: str, from_page: str) -> str:
    """A Markdown link from one docs page to another (both as src_uri), which MkDocs validates."""
    return posixpath.relpath(target, posixpath.dirname(from_page) or ".")


def render_contact_inline(key: str, partnership: dict | None, page_uri: str) -> str:
    """A contact mid-sentence, linked to its entry on the Local contacts page."""
    kind = contact_kind(key)
    link = f"{relative(CONTACTS_PAGE, page_uri)}#{anchor(key)}"
    if not partnership:
        return f"[{kind.generic}]({link})"
    contact = partnership["contacts"][key]
    reach = f" ({contact['phone']})" if contact.get("phone") else ""
    if key == "police":  # read the same way as the unbranded "(999 in an emergency, 101 otherwise)"
        reach = f" (999 in an emergency, {contact['phone']} otherwise)" if contact.get("phone") else " (999 in an emergency)"
    return f"[{contact['name']}]({link}){reach}"


def render_link_inline(key: str, partnership: dict | None, page_uri: str) -> str:
    kind = link_kind(key)
    if not partnership:
        return f"[{kind.generic}]({relative(CONTACTS_PAGE, page_uri)}#{anchor(key)})"
    link = partnership["links"][key]
    url = link["url"]
    if not url.startswith(("https://", "http://", "mailto:")):
        url = relative(url, page_uri)
    return f"[{link['title']}]({url})"


def render_name(partnership: dict | None, form: str = "name") -> str:
    if not partnership:
        return "your local safeguarding partnership"
    return partnership["short_name" if form == "short_name" else "name"]


def render_contacts_page(partnership: dict | None, page_uri: str) -> str:
    """Every contact and local link, for the Local contacts page."""
    lines: list[str] = []
    for kind in CONTACT_KINDS:
        lines.append(f"## {kind.heading} {{#{anchor(kind.key)}}}\n")
        if not partnership:
            lines.append(kind.finding_it + "\n")
            continue
        contact = partnership["contacts"][kind.key]
        lines.append(f"**{contact['name']}**\n")
        details = ["- In an emergency: 999"] if kind.key == "police" else []
        if contact.get("phone"):
            details.append(f"- Phone: {contact['phone']}")
        if contact.get("email"):
            details.append(f"- Email: [{contact['email']}](mailto:{contact['email']})")
        if contact.get("url"):
            details.append(f"- Website: [{contact['url']}]({contact['url']})")
        if contact.get("hours"):
            details.append(f"- When: {contact['hours']}")
        lines.append("\n".join(details) + "\n")
        if contact.get("notes"):
            lines.append(contact["notes"] + "\n")
    for kind in LINK_KINDS:
        heading = kind.generic[0].upper() + kind.generic[1:]
        if partnership:
            heading = partnership["links"][kind.key]["title"]
        lines.append(f"## {heading} {{#{anchor(kind.key)}}}\n")
        if partnership:
            lines.append(f"Read {render_link_inline(kind.key, partnership, page_uri)}.\n")
        else:
            lines.append(
                f"Ask your designated safeguarding lead or your safeguarding partnership for "
                f"{kind.generic}.\n"
            )
    return "\n".join(lines)
