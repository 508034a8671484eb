"""An Atom feed of "What changed", so practitioners can follow updates in Outlook, Teams or any feed
reader, as procedure-manual users do with update alerts.

Entries come from the built "What changed" page (docs/changes.md) and, in a partnership's edition,
from its own local changes page (pages/local/changes.md). Each entry is a section of the page whose
heading starts with a date: `## 30 November 2026: every page reviewed against the 2026 law`.
Newest first; the feed links back to each entry on the site.

Plain functions on a built site folder: nothing here needs MkDocs except `sources_for` and `info_for`,
which read MkDocs' pages and configuration.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

FEED_NAME = "feed.xml"
SHARED_CHANGES = "changes.md"
LOCAL_CHANGES = "local/changes.md"

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(?P<body>.*?)</article>', re.S)
SECTION = re.compile(r'<h2 id="(?P<id>[^"]+)">(?P<heading>.*?)</h2>', re.S)
ENTRY_HEADING = re.compile(r"^(?P<day>\d{1,2}) (?P<month>[A-Z][a-z]+) (?P<year>\d{4}):\s*(?P<title>.+)$")
PAGE_END = re.compile(r'<aside class="page-review"', re.S)
TAG = re.compile(r"<[^>]+>")
LINK = re.compile(r'\b(?P<name>href|src)="(?P<value>[^"]*)"')
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


@dataclass(frozen=True)
class ChangesPage:
    url: str  # the page's URL in the site, e.g. "changes/"
    label: str  # whose changes: "Guidance" for the shared guidance, the partnership's short name for its own


@dataclass(frozen=True)
class FeedInfo:
    title: str
    site_url: str  # with a trailing slash, or "" when the site's address is not known
    author: str
    version: str


@dataclass(frozen=True)
class Entry:
    date: dt.date
    title: str
    url: str  # relative to the site root, with the anchor
    content: str  # HTML


def sources_for(pages, local_pages: dict, partnership: dict) -> list[ChangesPage]:
    """The changes pages of this build: the shared one, and the edition's own if it has one."""
    urls = {page.url for page in pages}
    sources = [ChangesPage("changes/", "Guidance")] if "changes/" in urls else []
    if LOCAL_CHANGES in local_pages:
        sources.append(ChangesPage("local/changes/", partnership.get("short_name") or partnership.get("name") or "Local"))
    return sources


def info_for(config, release) -> FeedInfo:
    partnership = config.extra.get("partnership") or {}
    site_url = config.site_url or ""
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    return FeedInfo(
        title=f"What changed: {config.site_name}",
        site_url=site_url,
        author=partnership.get("name") or config.site_name,
        version=release.version,
    )


def _text(fragment: str) -> str:
    return html.unescape(TAG.sub("", fragment)).strip()


def _absolute_links(fragment: str, page_url: str, site_url: str) -> str:
    """Links in an entry, made absolute so they work wherever the feed is read."""

    def replace(match: re.Match) -> str:
        value = html.unescape(match["value"])
        if re.match(r"^[a-z][a-z0-9+.-]*:", value, re.I):
            return match.group(0)
        if value.startswith("#"):
            target = page_url + value
        else:
            path, hash_, fragment_id = value.partition("#")
            target = posixpath.normpath(posixpath.join(page_url or ".", path))
            target = ("" if target == "." else target) + ("/" if path.endswith("/") else "") + hash_ + fragment_id
        return f'{match["name"]}="{html.escape(site_url + target if site_url else target)}"'

    return LINK.sub(replace, fragment)


def read_entries(site_dir: Path, source: ChangesPage, site_url: str) -> list[Entry]:
    """The dated sections of one built changes page."""
    built = (Path(site_dir) / source.url / "index.html").read_text(encoding="utf-8")
    article = ARTICLE.search(built)
    if article is None:
        raise ValueError(f"{source.url}: no article in the built page")
    body = HEADERLINK.sub("", article["body"])
    end = PAGE_END.search(body)
    body = body[: end.start()] if end else body
    headings = list(SECTION.finditer(body))
    entries = []
    for number, heading in enumerate(headings):
        match = ENTRY_HEADING.match(_text(heading["heading"]))
        if not match:
            continue
        date = dt.datetime.strptime(f"{match['day']} {match['month']} {match['year']}", "%d %B %Y").date()
        stop = headings[number + 1].start() if number + 1 < len(headings) else len(body)
        content = _absolute_links(body[heading.end():stop].strip(), source.url, site_url)
        title = f"{source.label}, {date.day} {date:%B %Y}: {match['title']}"
        entries.append(Entry(date, title, f"{source.url}#{heading['id']}", content))
    return entries


def _entry_id(info: FeedInfo, entry: Entry) -> str:
    if info.site_url:
        return info.site_url + entry.url
    # Without the site's address: a stable identifier from the site's name and the entry's place.
    return uuid.uuid5(uuid.NAMESPACE_URL, f"safeguarding-guidance:{info.title}:{entry.url}").urn


def feed_xml(entries: list[Entry], info: FeedInfo) -> str:
    # Newest first; entries of one day keep the order their page gives them (the sort is stable).
    entries = sorted(entries, key=lambda e: e.date, reverse=True)
    updated = (entries[0].date if entries else dt.date(1970, 1, 1)).isoformat() + "T00:00:00Z"
    feed_id = info.site_url + FEED_NAME if info.site_url else uuid.uuid5(uuid.NAMESPACE_URL, f"safeguarding-guidance:{info.title}").urn
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">',
        f"  <title>{escape(info.title)}</title>",
        "  <subtitle>Changes to the guidance on sharing information to safeguard children, newest first.</subtitle>",
        f"  <id>{escape(feed_id)}</id>",
        f"  <updated>{updated}</updated>",
        f"  <author><name>{escape(info.author)}</name></author>",
        f'  <generator version={quoteattr(info.version)}>safeguarding-guidance</generator>',
    ]
    if info.site_url:
        lines.append(f'  <link rel="self" type="application/atom+xml" href={quoteattr(info.site_url + FEED_NAME)}/>')
        lines.append(f'  <link rel="alternate" type="text/html" href={quoteattr(info.site_url)}/>')
    for entry in entries:
        link = info.site_url + entry.url if info.site_url else entry.url
        stamp = entry.date.isoformat() + "T00:00:00Z"
        lines += [
            "  <entry>",
            f"    <title>{escape(entry.title)}</title>",
            f"    <id>{escape(_entry_id(info, entry))}</id>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(link)}/>',
            f"    <published>{stamp}</published>",
            f"    <updated>{stamp}</updated>",
            f'    <content type="html">{escape(entry.content)}</content>',
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def write_feed(site_dir: Path, sources: list[ChangesPage], info: FeedInfo) -> Path:
    """Write feed.xml at the site's root; returns its path."""
    entries = [entry for source in sources for entry in read_entries(site_dir, source, info.site_url)]
    target = Path(site_dir) / FEED_NAME
    target.write_text(feed_xml(entries, info), encoding="utf-8")
    return target
