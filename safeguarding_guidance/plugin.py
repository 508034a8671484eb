"""The MkDocs plugin `safeguarding`: builds the default site and every partnership's edition.

This is the only module that knows MkDocs' order of events; each step is done by a module that can be
read and tested on its own:

    on_config      edition.apply_base (the package's theme, navigation and extensions),
                   edition.edition_problems (everything an unfinished edition lacks, in one failure),
                   partnership (logo, colours, local pages in the navigation), embedding (the
                   checkers for other websites, option embed_origins), the runtime's folder, the
                   release shown in the footer, law_register (a reminder when an entry that is not
                   confirmed has not been checked for 90 days)
    on_files       partnership (local pages replace or add), embedding, page_review, theme_assets,
                   case_study_pages (every case evaluated by the checkers), law_register (law.json)
    on_page_*      page_content (what a local page brings, before the markers are expanded),
                   shortcodes (markers), case_study_pages, search_index (descriptions and search
                   settings), page_review (dates and sources on every page), edition_text (a local
                   page's title and description are text)
    on_env         edition_text (templates escape an edition's words); every local page's content
                   problem, in one failure
    on_post_build  search_index (the search index rewritten, an edition's titles escaped), pdf (the
                   whole edition as one PDF),
                   feed (What changed, as Atom), then postbuild.finish_site, plain functions on the
                   built folder (with page_scripts: only the theme's own inline scripts)
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.utils import CountHandler

from . import edition as editions
from . import (
    case_study_pages, edition_text, embedding, feed, image_size, law_register, page_content, page_review,
    page_scripts, partnership, pdf, postbuild, search_index, shortcodes, theme_assets,
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
    # The websites that may show the checkers in a frame (embedding.py): each an origin such as
    # https://www.harbourside-scp.example. Without any, no embed page is built.
    embed_origins = c.ListOfItems(c.Type(str), default=[])


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
        self.files = None
        self.content_problems: list[str] = []
        self.local_titles: dict[str, str] = {}  # {page URL: title} of the edition's own pages

    def load_config(self, options, config_file_path=None):
        # MkDocs reads the plugins before it imports an edition's hooks: refuse them here, before
        # their code runs (edition.early_problems); on_config reports every other problem at once.
        errors, warnings = super().load_config(options, config_file_path)
        problems = editions.early_problems(config_file_path)
        if problems:
            errors.append(("edition", "this edition is not ready to publish. Fix these problems, then build again:\n  - "
                           + "\n  - ".join(problems)))
        return errors, warnings

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
        problems += embedding.origin_problems(self.config.embed_origins, config.site_url,
                                              site_url_checked=not self.edition.is_default_site)
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
        embedding.on_config(config, self.config.embed_origins, self.edition.local_pages())
        for origin in embedding.loopback_origins(self.config.embed_origins):
            notice(f"embed_origins lists {origin}, for trying the checkers in a frame on this computer: remove it "
                   "before publishing.")
        config.extra["logo_size"] = image_size.logo_size(self._logo_path(config, shared))
        try:
            self.runtime = read_runtime(shared.runtime)
        except RuntimeMissing as error:
            raise PluginError(str(error)) from None
        config.extra["checker_runtime"] = self.runtime.as_extra()

        search_index.on_config(config)  # the words' separator, the fields searched
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
        unchecked = law_register.stale_notice(page_review.build_date())
        if unchecked:
            notice(unchecked)
        return config

    def _logo_path(self, config, shared) -> Path:
        """The header logo's file: the partnership's, in its edition folder, or the shared one."""
        logo = (config.extra.get("partnership") or {}).get("logo")
        return self.edition.folder / logo if logo else shared.docs / config.theme["logo"]

    def on_files(self, files, config):
        files = partnership.on_files(files, config, self.edition)
        files = embedding.on_files(files, config, self.config.embed_origins)
        local = set(self.edition.local_pages())
        # An embed page repeats its checker page and shows that page's review (on_page_context).
        pages = [f for f in files.documentation_pages() if not embedding.is_embed_page(f)]
        shared_reviews = page_review.reviews_for([f for f in pages if f.src_uri not in local])
        local_reviews = page_review.reviews_for([f for f in pages if f.src_uri in local])
        # A local page citing a source differently from the shared guidance is the partnership's to
        # check, but never stops a rebuild after an upgrade (the edition's files do not change).
        for problem in page_review.check_consistency(shared_reviews + local_reviews):
            notice(f"{problem}. Check your local page against the shared guidance's source.")
        page_review.remember_reviews(shared_reviews + local_reviews)
        today = page_review.build_date()
        for review in local_reviews:
            if review.overdue(today):
                notice(f"{review.page} was due for review on {page_review.long_date(review.review_due)}: check it "
                       "against its sources, then update its last_reviewed and review_due. Readers see that it is overdue.")
        files = theme_assets.on_files(files, config)
        # The law register as the checkers print it for the build date (law_register.py).
        files.append(File.generated(config, law_register.LAW_JSON,
                                    content=law_register.register_text(page_review.build_date())))
        self.files = case_study_pages.on_files(files, config)
        return self.files

    def on_nav(self, nav, config, files):
        self.nav = nav
        return nav

    def on_page_markdown(self, markdown, page, config, files):
        local = self.edition.local_pages()
        if page.file.src_uri in local:
            problems = self._content_problems(markdown, page, config, local[page.file.src_uri])
            if problems:  # the page is not rendered: the build stops at on_env, listing every page's problems
                self.content_problems += problems
                return ""
        markdown = shortcodes.on_page_markdown(markdown, page, config, files)
        markdown = case_study_pages.on_page_markdown(markdown, page, config, files)
        return search_index.on_page_markdown(markdown, page, config, files)

    def _content_problems(self, markdown, page, config, path: Path) -> list[str]:
        import markdown as markdown_module

        def render(text: str) -> str:
            renderer = markdown_module.Markdown(extensions=config.markdown_extensions,
                                                extension_configs=config.mdx_configs)
            return renderer.convert(text)

        return page_content.content_problems(markdown, page.file.src_uri, render, path.read_text(encoding="utf-8"),
                                             self.edition.shown(path))

    def on_page_content(self, html, page, config, files):
        if page.file.src_uri in self.edition.local_pages():
            # Its title and description are text wherever they go (edition_text); the title is set in
            # the front matter's place too, so that every template prints the escaped one.
            page.meta["title"] = edition_text.EditionText(page.title or "")
            edition_text.as_edition_text(page.meta)
            self.local_titles[page.url] = page.meta["title"]
        return case_study_pages.on_page_content(html, page, config, files)

    def on_env(self, env, config, files):
        if self.content_problems:
            where = self.edition.shown(self.edition.config_file)
            problems = self.content_problems
            raise PluginError(
                f"{where}: this edition is not ready to publish. Its local pages carry {len(problems)} "
                f"{'thing' if len(problems) == 1 else 'things'} the site cannot publish (it runs only the guidance package's own scripts, embeds nothing from elsewhere, "
                "sends no form and reads no file outside the site):\n  - " + "\n  - ".join(problems)
            )
        edition_text.install(env)
        return env

    def on_page_context(self, context, page, config, nav):
        if embedding.is_embed_page(page.file):
            checker_page = self.files.get_file_from_path(embedding.checker_page_for(page.file))
            return page_review.on_page_context(context, page, config, nav, reviewed_as=checker_page)
        return page_review.on_page_context(context, page, config, nav)

    def on_serve(self, server, config, builder):
        if self.edition and self.edition.pages_dir:
            server.watch(str(self.edition.pages_dir))
        return server

    @event_priority(-100)  # last: after the search index and every other file is written
    def on_post_build(self, config):
        site_dir = Path(config.site_dir)
        search_index.on_post_build(config, self.local_titles)  # the search index Material has just written, rewritten
        partnership_info = config.extra.get("partnership") or {}
        pages = pdf.pages_in_order(self.nav)
        if self.builds_pdf:
            try:
                pdf.build_pdf(site_dir, pages, pdf.document_for(config, self.release))
            except (pdf.PdfUnavailable, pdf.OutsideSite) as error:
                raise PluginError(str(error)) from None
        elif self.config.pdf and pdf_switched_off():
            log.info(f"{PDF_SWITCH}=off: built without the PDF")
        elif self.config.pdf:
            log.info("The PDF is made by `mkdocs build`, not while previewing")
        feed.write_feed(site_dir, feed.sources_for(pages, self.edition.local_pages(), partnership_info),
                        feed.info_for(config, self.release))
        try:
            postbuild.finish_site(site_dir, self.runtime, tuple(self.config.embed_origins),
                                  page_scripts.template_scripts(config.theme.dirs))
        except PolicyViolation as error:
            raise PluginError(str(error)) from None
