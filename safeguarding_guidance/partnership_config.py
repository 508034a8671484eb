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

from checkers.decision_record import PARTNERSHIP_MAX_LENGTH

from .edition_text import markdown_text

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

# The longest each value may be. The name goes into every decision record made on the edition's
# pages, and the checkers refuse a partnership name longer than theirs: the build checks it here,
# where the web officer can fix it, rather than the practitioner meeting a refused record.
MAX_LENGTHS = {
    "name": PARTNERSHIP_MAX_LENGTH, "short_name": 60, "reviewed_by": 200,
    "contact.name": 200, "contact.phone": 40, "contact.email": 254, "contact.url": 2000,
    "contact.hours": 200, "contact.notes": 1000, "link.title": 200, "link.url": 2000,
}
# Values that are text, not markup: no Markdown link ([...](...)), no HTML, no web address that runs
# or embeds something, no control characters. Line breaks are allowed in notes only.
_LINK_SYNTAX = re.compile(r"[\[\]]")
_ANGLE = re.compile(r"[<>]")
_UNSAFE_SCHEME = re.compile(r"(?i)(?<![a-z0-9+.-])(?:javascript|vbscript)\s*:|(?<![a-z0-9+.-])(?:data|file|http|blob)\s*:(?=\S)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
PHONE = re.compile(r"\+?[0-9][0-9 ()-]*[0-9]")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# A web address: https, a host, and nothing that would end an attribute, a Markdown link or a line.
WEB_ADDRESS = re.compile(r"https://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#][^\s<>\"'`\\{}|^\[\]]*)?")
# A link to one of the edition's own pages: a docs path such as local/escalation-procedure.md.
PAGE_LINK = re.compile(r"(?P<page>[A-Za-z0-9_-][A-Za-z0-9_./-]*\.md)(?:#(?P<anchor>[A-Za-z0-9_-]+))?")


class PartnershipConfigError(ValueError):
    """A partnership's config is incomplete; the message names every key at fault, one a line."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


def has_placeholder(value: object) -> bool:
    return isinstance(value, str) and bool(PLACEHOLDER.search(value))


def text_problem(value: str, multiline: bool = False) -> str | None:
    """Why a value is not plain text (None when it is): markup, a link, or a control character."""
    if _LINK_SYNTAX.search(value):
        return "must be plain text: square brackets would make a Markdown link"
    if _ANGLE.search(value):
        return "must be plain text, not HTML: remove < and >"
    scheme = _UNSAFE_SCHEME.search(value)
    if scheme:
        return f"must be plain text, not a web address ({scheme.group(0).strip()!r}): give web addresses as url, starting https://"
    allowed = "\n" if multiline else ""
    if any(not (char.isprintable() or char in allowed) for char in value):
        return "must be plain text: it has a control or invisible formatting character"
    return None


def _text(value: object, key: str, problems: list[str], limit: str = "", multiline: bool = False) -> bool:
    """Check a text value; True when it is usable (so that finer checks can follow)."""
    if not isinstance(value, str) or not value.strip():
        problems.append(f"extra.partnership.{key} is missing or empty")
        return False
    if has_placeholder(value):
        problems.append(f"extra.partnership.{key} still holds a placeholder ({value!r}): replace it with the real value")
        return False
    problem = text_problem(value, multiline)
    if problem:
        problems.append(f"extra.partnership.{key} {problem}")
        return False
    maximum = MAX_LENGTHS.get(limit or key)
    if maximum and len(value) > maximum:
        problems.append(f"extra.partnership.{key} is {len(value):,} characters long: at most {maximum} are allowed")
        return False
    return True


def _web_address(value: object, key: str, problems: list[str], limit: str) -> None:
    if not isinstance(value, str) or not value.strip():
        problems.append(f"extra.partnership.{key} is missing or empty")
    elif has_placeholder(value) and (value.startswith("https://") or not _SCHEME.match(value)):
        problems.append(f"extra.partnership.{key} still holds a placeholder ({value!r}): replace it with the real value")
    elif len(value) > MAX_LENGTHS[limit]:
        problems.append(f"extra.partnership.{key} is {len(value):,} characters long: at most {MAX_LENGTHS[limit]} are allowed")
    elif not WEB_ADDRESS.fullmatch(value):
        problems.append(f"extra.partnership.{key} must be a web address starting https:// (not {_shown(value)})")


def _shown(value: str) -> str:
    return repr(value if len(value) <= 60 else value[:57] + "...")


def _link_target(value: object, key: str, problems: list[str], pages: set[str] | None) -> None:
    """A link's url: an https:// address, or one of the edition's own pages."""
    if isinstance(value, str) and value.startswith("https://"):
        _web_address(value, key, problems, "link.url")
        return
    if not isinstance(value, str) or not value.strip():
        problems.append(f"extra.partnership.{key} is missing or empty")
        return
    if has_placeholder(value):
        problems.append(f"extra.partnership.{key} still holds a placeholder ({value!r}): replace it with the real value")
        return
    match = PAGE_LINK.fullmatch(value)
    page = posixpath.normpath(match.group("page")) if match else ""
    if not match or page.startswith("../") or page != match.group("page"):
        problems.append(
            f"extra.partnership.{key} must be a web address starting https://, or one of this edition's pages "
            f"such as local/escalation-procedure.md (not {_shown(value)})"
        )
    elif pages is not None and page not in pages:
        problems.append(f"extra.partnership.{key} names {page}, which is not a page of this edition")


def partnership_problems(partnership: object, pages: set[str] | None = None) -> list[str]:
    """Every problem in `extra.partnership`, each naming its key; an empty list when it is complete.
    `pages` (the edition's pages, as docs paths) is what a link may point to; None skips that check."""
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
        _text(contact.get("name"), f"{where}.name", problems, "contact.name")
        reachable = [f for f in ("phone", "email", "url") if contact.get(f)]
        if not reachable:
            problems.append(f"extra.partnership.{where} needs a phone, email or url")
        if "phone" in contact and _text(contact["phone"], f"{where}.phone", problems, "contact.phone"):
            if not PHONE.fullmatch(contact["phone"].strip()):
                problems.append(
                    f"extra.partnership.{where}.phone must be a phone number (digits, spaces, +, - and brackets, such "
                    f"as 01632 960 100), not {_shown(contact['phone'])}: put any other words in hours or notes"
                )
        if "email" in contact and _text(contact["email"], f"{where}.email", problems, "contact.email"):
            if not EMAIL.fullmatch(contact["email"].strip()):
                problems.append(f"extra.partnership.{where}.email must be an email address such as "
                                f"frontdoor@council.example, not {_shown(contact['email'])}")
        if "url" in contact:
            _web_address(contact["url"], f"{where}.url", problems, "contact.url")
        if "hours" in contact:
            _text(contact["hours"], f"{where}.hours", problems, "contact.hours")
        if "notes" in contact:
            _text(contact["notes"], f"{where}.notes", problems, "contact.notes", multiline=True)
    links = partnership.get("links")
    if not isinstance(links, dict):
        problems.append("extra.partnership.links is missing")
        links = {}
    for kind in LINK_KINDS:
        link = links.get(kind.key)
        if not isinstance(link, dict):
            problems.append(f"extra.partnership.links.{kind.key} is missing")
            continue
        _text(link.get("title"), f"links.{kind.key}.title", problems, "link.title")
        _link_target(link.get("url"), f"links.{kind.key}.url", problems, pages)
    return problems


def check_partnership(partnership: object, pages: set[str] | None = None) -> dict:
    """Validate `extra.partnership`; return it unchanged. Raises PartnershipConfigError naming every
    key at fault, so a web officer sees them all in one build."""
    problems = partnership_problems(partnership, pages)
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
    phone = markdown_text(contact["phone"]) if contact.get("phone") else ""
    reach = f" ({phone})" if phone else ""
    if key == "police":  # read the same way as the unbranded "(999 in an emergency, 101 otherwise)"
        reach = f" (999 in an emergency, {phone} otherwise)" if phone else " (999 in an emergency)"
    return f"[{markdown_text(contact['name'])}]({link}){reach}"


def render_link_inline(key: str, partnership: dict | None, page_uri: str) -> str:
    kind = link_kind(key)
    if not partnership:
        return f"[{kind.generic}]({relative(CONTACTS_PAGE, page_uri)}#{anchor(key)})"
    link = partnership["links"][key]
    return f"[{markdown_text(link['title'])}]({link_url(link['url'], page_uri)})"


def link_url(url: str, page_uri: str) -> str:
    """A checked link target (https:// or one of the edition's pages) as a Markdown link target."""
    if url.startswith("https://"):
        return markdown_url(url)
    return relative(url, page_uri)


def markdown_url(url: str) -> str:
    """A checked https:// address as a Markdown link target: brackets would end it, so they are
    percent-encoded (the address is the same)."""
    return url.replace("(", "%28").replace(")", "%29")


def render_name(partnership: dict | None, form: str = "name") -> str:
    if not partnership:
        return "your local safeguarding partnership"
    return markdown_text(partnership["short_name" if form == "short_name" else "name"])


def render_contacts_page(partnership: dict | None, page_uri: str) -> str:
    """Every contact and local link, for the Local contacts page."""
    lines: list[str] = []
    for kind in CONTACT_KINDS:
        lines.append(f"## {kind.heading} {{#{anchor(kind.key)}}}\n")
        if not partnership:
            lines.append(kind.finding_it + "\n")
            continue
        contact = partnership["contacts"][kind.key]
        lines.append(f"**{markdown_text(contact['name'])}**\n")
        details = ["- In an emergency: 999"] if kind.key == "police" else []
        if contact.get("phone"):
            details.append(f"- Phone: {markdown_text(contact['phone'])}")
        if contact.get("email"):
            details.append(f"- Email: [{markdown_text(contact['email'])}](mailto:{contact['email']})")
        if contact.get("url"):
            details.append(f"- Website: [{markdown_text(contact['url'])}]({markdown_url(contact['url'])})")
        if contact.get("hours"):
            details.append(f"- When: {markdown_text(contact['hours'])}")
        lines.append("\n".join(details) + "\n")
        if contact.get("notes"):
            lines.append(markdown_text(contact["notes"]) + "\n")
    for kind in LINK_KINDS:
        heading = kind.generic[0].upper() + kind.generic[1:]
        if partnership:
            heading = markdown_text(partnership["links"][kind.key]["title"])
        lines.append(f"## {heading} {{#{anchor(kind.key)}}}\n")
        if partnership:
            lines.append(f"Read {render_link_inline(kind.key, partnership, page_uri)}.\n")
        else:
            lines.append(
                f"Ask your designated safeguarding lead or your safeguarding partnership for "
                f"{kind.generic}.\n"
            )
    return "\n".join(lines)
