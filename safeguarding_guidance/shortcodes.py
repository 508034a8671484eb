"""Markers in Markdown, rewritten at build time: `<!-- md:NAME arguments -->`.

Like the shortcodes of Material for MkDocs' own documentation: one syntax, one place that knows
every marker, and an unknown marker (a typo) fails the build naming the page.

    <!-- md:abbreviations -->   the table of every abbreviation (from includes/abbreviations.md)
    <!-- md:sources -->         every source cited in any page's front matter, with where it is cited
    <!-- md:contact KEY -->     a local contact mid-sentence (partnership_config.CONTACT_KINDS)
    <!-- md:link KEY -->        a local document (partnership_config.LINK_KINDS)
    <!-- md:partnership [short_name] -->  the partnership's name
    <!-- md:contacts -->        every local contact, for the Local contacts page
    <!-- md:checker NAME -->    a checker's form, from its question schema (checker_form.py)
    <!-- md:case-studies -->    the list of case studies (case_study_pages.py)
    <!-- md:case-pack -->       every case study in one printable page, the facilitator's pack
    <!-- md:law-register -->    the law register's tables, for the Law status page (law_register.py)
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from mkdocs.exceptions import PluginError

from . import case_study_pages, law_register, page_review, partnership_config
from .abbreviations import read_abbreviations
from .checker_form import render_checker
from .edition_text import markdown_text
from .partnership_config import markdown_url

MARKER = re.compile(r"<!-- md:(?P<name>[\w-]+)(?P<args>[^>]*?)\s*-->")


def _abbreviations(args: list[str], page, config, files) -> str:
    rows = ["| Abbreviation | Meaning |", "| --- | --- |"]
    rows += [f"| {abbr} | {meaning} |" for abbr, meaning in sorted(read_abbreviations().items())]
    return "\n".join(rows)


def _sources(args: list[str], page, config, files) -> str:
    cited: dict[str, tuple[page_review.Source, list[page_review.Review]]] = {}
    for review in page_review.remembered_reviews():
        for source in review.sources:
            cited.setdefault(source.url, (source, []))[1].append(review)
    here = posixpath.dirname(page.file.src_uri)
    lines = []
    for source, reviews in sorted(cited.values(), key=lambda item: item[0].title.lower()):
        where = ", ".join(
            f"[{markdown_text(r.title or r.src_uri)}]({posixpath.relpath(r.src_uri, here or '.')})"
            for r in sorted(reviews, key=lambda r: r.src_uri)
            if r.src_uri != page.file.src_uri
        )
        line = f"- [{markdown_text(source.title)}]({markdown_url(source.url)}), {source.dated()}."
        if where:
            line += f" Cited on: {where}."
        lines.append(line)
    return "\n".join(lines)


def _one_argument(args: list[str], marker: str, allowed: list[str]) -> str:
    if len(args) != 1 or args[0] not in allowed:
        raise PluginError(f"md:{marker} takes one of: {', '.join(allowed)}; got {' '.join(args) or 'nothing'}")
    return args[0]


def _partnership(config) -> dict | None:
    return config.extra.get("partnership") or None


def _contact(args: list[str], page, config, files) -> str:
    key = _one_argument(args, "contact", [k.key for k in partnership_config.CONTACT_KINDS])
    return partnership_config.render_contact_inline(key, _partnership(config), page.file.src_uri)


def _link(args: list[str], page, config, files) -> str:
    key = _one_argument(args, "link", [k.key for k in partnership_config.LINK_KINDS])
    return partnership_config.render_link_inline(key, _partnership(config), page.file.src_uri)


def _partnership_name(args: list[str], page, config, files) -> str:
    form = _one_argument(args, "partnership", ["name", "short_name"]) if args else "name"
    return partnership_config.render_name(_partnership(config), form)


def _contacts(args: list[str], page, config, files) -> str:
    return partnership_config.render_contacts_page(_partnership(config), page.file.src_uri)


def _checker(args: list[str], page, config, files) -> str:
    if len(args) != 1:
        raise PluginError(f"{page.file.src_uri}: md:checker takes one checker name")
    return render_checker(args[0], page, config, files)


def _case_studies(args: list[str], page, config, files) -> str:
    return case_study_pages.index(page, config, files)


def _case_pack(args: list[str], page, config, files) -> str:
    # The cases' own markers (contacts, for example) are rewritten too.
    return on_page_markdown(case_study_pages.pack(page, config, files), page, config, files)


def _law_register(args: list[str], page, config, files) -> str:
    return law_register.page_markdown(page_review.build_date(), page.file.src_uri)


HANDLERS: dict[str, Callable[..., str]] = {
    "abbreviations": _abbreviations,
    "sources": _sources,
    "contact": _contact,
    "link": _link,
    "partnership": _partnership_name,
    "contacts": _contacts,
    "checker": _checker,
    "case-studies": _case_studies,
    "case-pack": _case_pack,
    "law-register": _law_register,
}


def on_page_markdown(markdown, page, config, files):
    def rewrite(match: re.Match) -> str:
        name = match.group("name")
        handler = HANDLERS.get(name)
        if handler is None:
            raise PluginError(
                f"{page.file.src_uri}: unknown marker 'md:{name}'. "
                f"Known markers: {', '.join(sorted(HANDLERS))}"
            )
        return handler(match.group("args").split(), page, config, files)

    return MARKER.sub(rewrite, markdown)
