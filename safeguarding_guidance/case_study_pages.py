"""Case study pages, at build time (the rules are in case_studies.py; this is the MkDocs side).

Every case is evaluated by the checkers when the site is built, on the date it is built for
(SITE_BUILD_DATE, else today). A case whose expected outcome differs from the checker's fails the
build, naming the case; so does a case with invalid input or a missing section. Each case page gets
its checker block (the checker's own form, marked with the case's data, answer computed here), its
practice form, and the wrapper that practice mode hides until the learner has answered.

shortcodes.py calls `index` (md:case-studies) and `pack` (md:case-pack) for the list of cases and the
facilitator's pack.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

from . import case_studies, page_review
from .checker_form import render_checker

_CASES: dict[str, case_studies.Case] = {}  # this build's cases, by src_uri


def _is_local(file, config) -> bool:
    """A partnership's own page (from its pages/ folder), not one of the shared docs."""
    if not file.abs_src_path:
        return False
    return not Path(file.abs_src_path).resolve().is_relative_to(Path(config.docs_dir).resolve())


def collect(files, config) -> list[case_studies.Case]:
    """Every case in the site, each validated and evaluated. Raises PluginError listing every problem."""
    cases, problems = [], []
    on = page_review.build_date()
    for file in files.documentation_pages():
        markdown, meta = get_data(file.content_string)
        if not case_studies.is_case_page(meta):
            continue
        try:
            cases.append(case_studies.load_case(
                page_review.page_name(file), file.src_uri, meta, markdown, on, _is_local(file, config)
            ))
        except case_studies.CaseError as error:
            problems.append(str(error))
    if not problems:
        try:
            case_studies.check_unique(cases)
        except case_studies.CaseError as error:
            problems.append(str(error))
    if problems:
        raise PluginError("Case studies do not match the checkers:\n  " + "\n  ".join(problems))
    return cases


def _nav_paths(items) -> list[str]:
    """The pages of the navigation, in order (a nav item is a path, or a mapping to a path or a list)."""
    paths = []
    for item in items or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            paths += _nav_paths(value)
        elif isinstance(value, str):
            paths.append(value)
    return paths


def in_nav_order(cases: list[case_studies.Case], config) -> list[case_studies.Case]:
    """Cases in the order the navigation lists them (as their authors grouped them); any not listed last."""
    order = {path: number for number, path in enumerate(_nav_paths(config.nav))}
    return sorted(cases, key=lambda case: (order.get(case.src_uri, len(order)), case.title.lower()))


def index(page, config, files) -> str:
    return case_studies.index_markdown(in_nav_order(collect(files, config), config), page.file.src_uri)


def pack(page, config, files) -> str:
    cases = in_nav_order(collect(files, config), config)
    bodies = {}
    for case in cases:
        markdown, _ = get_data(files.get_file_from_path(case.src_uri).content_string)
        bodies[case.id] = markdown
    try:
        return case_studies.pack_markdown(cases, bodies, page.file.src_uri)
    except case_studies.CaseError as error:
        raise PluginError(str(error)) from None


def on_files(files, config):
    _CASES.clear()
    for case in collect(files, config):
        _CASES[case.src_uri] = case
    return files


# A case page ranks below the guidance in the site's search: someone searching "court order" wants the
# page on court orders first, and a case about one after it. It is one result, found by its title,
# description and words: its sections' headings ("Model answer", "Who to ask") are the same on every
# case (search_text.py).
SEARCH_BOOST = 0.2


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri not in _CASES:
        return markdown
    search = page.meta.setdefault("search", {})
    if isinstance(search, dict):
        search.setdefault("boost", SEARCH_BOOST)
        search.setdefault("sections", False)
    return case_studies.mark_case_markdown(markdown)


def on_page_content(html, page, config, files):
    case = _CASES.get(page.file.src_uri)
    try:
        if case is not None:
            block = case_studies.mark_checker_block(render_checker(case.checker, page, config, files), case)
            for marker, replacement in (
                (case_studies.PRACTICE_MARKER, case_studies.practice_html(case)),
                (case_studies.ANSWER_START_MARKER, case_studies.answer_start_html(case)),
                (case_studies.CHECKER_MARKER, block),
                (case_studies.ANSWER_END_MARKER, "</div>"),
            ):
                html = case_studies.replace_marker(html, marker, replacement, case.page)
        elif case_studies.PACK_CASE_START in html:
            html = case_studies.pack_html(html)
    except case_studies.CaseError as error:
        raise PluginError(str(error)) from None
    return html
