"""The MkDocs plugin `safeguarding`: builds the default site and every partnership's edition.

This is the only module that knows MkDocs' order of events; each step is done by a module that can be
read and tested on its own:

    on_config      edition.apply_base (the package's theme, navigation and extensions),
                   edition.edition_problems (everything an unfinished edition lacks, in one failure),
                   partnership (logo, colours, local pages in the navigation), the runtime's folder,
                   the release shown in the footer
    on_files       partnership (local pages replace or add), page_review, theme_assets,
                   case_study_pages (every case evaluated by the checkers)
    on_page_*      shortcodes (markers), case_study_pages, search_descriptions, page_review (dates
                   and sources on every page)
    on_post_build  search_descriptions (into the search index), pdf (the whole edition as one PDF),
                   feed (What changed, as Atom), then postbuild.finish_site, plain functions on the
                   built folder
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.utils import CountHandler

from . import edition as editions
from . import (
    case_study_pages, feed, image_size, page_review, partnership, pdf, postbuild, search_descriptions, shortcodes,
    theme_assets,
)
from .pyodide_runtime import RuntimeMissing, read_runtime
from checkers.release import GUIDANCE_RELEASE

from .release import release_of
from .resources import MissingSharedFiles, shared_files
from .security_headers import PolicyViolation

log = get_plugin_logger(__name__)


def notice(message: str) -> None:
    """A warning in the build log that does not fail a --strict build (strict mode counts the
    warnings of MkDocs' own loggers; this one prints through the same handlers but is not counted)."""
    logger = logging.getLogger("safeguarding_guidance.notice")
    if not logger.handlers:
        handlers = [h for h in logging.getLogger("mkdocs").handlers if not isinstance(h, CountHandler)]
        for handler in handlers:
            logger.addHandler(handler)
        logger.propagate = not handlers
    logger.warning(message)


class SafeguardingConfig(Config):
    # One PDF of the whole edition, linked from every page's footer. It needs WeasyPrint's system
    # libraries (Pango); `pdf: false` builds the site without it. Drawing it is most of a build's
    # time (about 35 s of 40 for the default site), so SAFEGUARDING_PDF=off in the environment leaves
    # it out of one build, for a quick check, without touching the edition's files.
    pdf = c.Type(bool, default=True)


PDF_SWITCH = "SAFEGUARDING_PDF"


def pdf_switched_off() -> bool:
    return os.environ.get(PDF_SWITCH, "").strip().lower() in {"off", "0", "false", "no"}


class SafeguardingPlugin(BasePlugin[SafeguardingConfig]):
    def __init__(self):
        self.command = "build"
        self.dirty = False
        self.edition: editions.Edition | None = None
        self.runtime = None
        self.nav = None
        self.release = None

    def on_startup(self, *, command, dirty):
        self.command = command
        self.dirty = dirty

    @property
    def builds_pdf(self) -> bool:
        # `mkdocs serve` previews pages as they are edited; the PDF is made by `mkdocs build`.
        return self.config.pdf and self.command != "serve" and not pdf_switched_off()

    @event_priority(150)  # first: every other plugin sees the edition's full configuration
    def on_config(self, config):
        try:
            shared = shared_files()
        except MissingSharedFiles as error:
            raise PluginError(str(error)) from None
        self.edition, problems, plugins = editions.apply_base(config, shared)
        for name, plugin in plugins:  # the site's search, configured by the base
            if name not in config.plugins:
                plugin.on_startup(command=self.command, dirty=self.dirty)
                config.plugins[name] = plugin
        problems += editions.edition_problems(config, self.edition, shared)
        if problems:
            where = self.edition.shown(self.edition.config_file)
            raise PluginError(
                f"{where}: this edition is not ready to publish. Fix these {len(problems)} problems, "
                "then build again:\n  - " + "\n  - ".join(problems)
            )

        # Snippets (the abbreviations appended to every page) come from the shared docs, wherever
        # the build is run from.
        snippets = config.mdx_configs.setdefault("pymdownx.snippets", {})
        snippets["base_path"] = [str(shared.includes)]

        partnership.on_config(config, self.edition)
        config.extra["logo_size"] = image_size.logo_size(self._logo_path(config, shared))
        try:
            self.runtime = read_runtime(shared.runtime)
        except RuntimeMissing as error:
            raise PluginError(str(error)) from None
        config.extra["checker_runtime"] = self.runtime.as_extra()

        search_descriptions.on_config(config)
        self.release = release_of(shared.docs)
        if self.release.version != GUIDANCE_RELEASE:
            raise PluginError(
                f"checkers/release.py names guidance release {GUIDANCE_RELEASE}, but this package is "
                f"{self.release.version}: every decision record names its release, so set GUIDANCE_RELEASE "
                f"to {self.release.version!r}"
            )
        config.extra["guidance"] = {**self.release.as_extra(), "pdf": pdf.PDF_NAME if self.builds_pdf else None,
                                    "feed": feed.FEED_NAME}
        stale = self.release.out_of_date_notice(page_review.build_date())
        if stale:
            notice(stale)
        return config

    def _logo_path(self, config, shared) -> Path:
        """The header logo's file: the partnership's, in its edition folder, or the shared one."""
        logo = (config.extra.get("partnership") or {}).get("logo")
        return self.edition.folder / logo if logo else shared.docs / config.theme["logo"]

    def on_files(self, files, config):
        files = partnership.on_files(files, config, self.edition)
        local = set(self.edition.local_pages())
        pages = files.documentation_pages()
        shared_reviews = page_review.reviews_for([f for f in pages if f.src_uri not in local])
        local_reviews = page_review.reviews_for([f for f in pages if f.src_uri in local])
        # A local page citing a source differently from the shared guidance is the partnership's to
        # check, but never stops a rebuild after an upgrade (the edition's files do not change).
        for problem in page_review.check_consistency(shared_reviews + local_reviews):
            notice(f"{problem}. Check your local page against the shared guidance's source.")
        page_review.remember_reviews(shared_reviews + local_reviews)
        newest_local = max((review.last_reviewed for review in local_reviews), default=None)
        older = self.release.older_than_local_review(newest_local)
        if older:
            notice(older)
        files = theme_assets.on_files(files, config)
        return case_study_pages.on_files(files, config)

    def on_nav(self, nav, config, files):
        self.nav = nav
        return nav

    def on_page_markdown(self, markdown, page, config, files):
        markdown = shortcodes.on_page_markdown(markdown, page, config, files)
        markdown = case_study_pages.on_page_markdown(markdown, page, config, files)
        return search_descriptions.on_page_markdown(markdown, page, config, files)

    def on_page_content(self, html, page, config, files):
        return case_study_pages.on_page_content(html, page, config, files)

    def on_page_context(self, context, page, config, nav):
        return page_review.on_page_context(context, page, config, nav)

    def on_serve(self, server, config, builder):
        if self.edition and self.edition.pages_dir:
            server.watch(str(self.edition.pages_dir))
        return server

    @event_priority(-100)  # last: after the search index and every other file is written
    def on_post_build(self, config):
        site_dir = Path(config.site_dir)
        search_descriptions.on_post_build(config)  # into the search index Material has just written
        partnership_info = config.extra.get("partnership") or {}
        pages = pdf.pages_in_order(self.nav)
        if self.builds_pdf:
            try:
                pdf.build_pdf(site_dir, pages, pdf.document_for(config, self.release))
            except pdf.PdfUnavailable as error:
                raise PluginError(str(error)) from None
        elif self.config.pdf and pdf_switched_off():
            log.info(f"{PDF_SWITCH}=off: built without the PDF")
        elif self.config.pdf:
            log.info("The PDF is made by `mkdocs build`, not while previewing")
        feed.write_feed(site_dir, feed.sources_for(pages, self.edition.local_pages(), partnership_info),
                        feed.info_for(config, self.release))
        try:
            postbuild.finish_site(site_dir, self.runtime)
        except PolicyViolation as error:
            raise PluginError(str(error)) from None
