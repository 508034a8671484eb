"""One PDF of the whole edition, made at build time with WeasyPrint from the pages as built.

The PDF is titled "<Partnership>: sharing information to safeguard children" (the default site: the
guidance's own name), with its release in the document's title. It has a title page (that title, the
guidance version, the date the law and guidance are correct to, and when they are next due for
review), a contents page with page numbers, then every page in the order of the navigation, each with
its review dates and sources, except pages for the web team (front matter `pdf: false`). Links between
pages become links inside the PDF. The checkers appear as the printable checklists they are without
JavaScript. Each case study appears once, on its own pages: the facilitator's pack, which on the
website repeats every case for printing, lists them here with their page numbers instead.

WeasyPrint is a Python package, installed with this one, but it draws text with the Pango library,
which comes from the operating system (Debian and Ubuntu: libpango-1.0-0 and libpangoft2-1.0-0; most
Linux machines already have it, and the scaffolded CI workflow installs it). Without Pango the build
stops and says so, naming the two ways forward: install it, or set `pdf: false` for the plugin.

Plain functions on a built site folder: nothing here needs MkDocs except `pages_in_order` and
`document_for`, which read MkDocs' navigation and configuration.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from .page_review import build_date, long_date

PDF_NAME = "information-sharing-guidance.pdf"
STYLESHEET = Path(__file__).resolve().parent / "pdf.css"

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(?P<body>.*?)</article>', re.S)
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
PRINT_HEADER = re.compile(r'<p class="print-only site-print-header">.*?</p>', re.S)
CHECKER_STATUS = re.compile(r'<p class="checker__status"[^>]*>.*?</p>', re.S)
ATTRIBUTE = re.compile(r'\b(?P<name>id|for|href|src)="(?P<value>[^"]*)"')
H1 = re.compile(r"<h1\b")
PACK_CASE = re.compile(r'<section class="case-pack__case" aria-labelledby="(?P<id>[\w-]+)">.*?</section>', re.S)
CASE_HEADING = re.compile(r'<h2 id="(?P<id>[\w-]+)">(?P<title>.*?)</h2>', re.S)
TITLE_SUFFIX = "sharing information to safeguard children"

CHECKER_NOTE = (
    '<p class="pdf-note">In this PDF the checker is a checklist. Answer each question, follow the '
    "guidance it points to, and record your decision and your reasons. The website's checker gives an "
    "assessment and a decision record.</p>"
)


class PdfUnavailable(RuntimeError):
    """WeasyPrint cannot run here: its system libraries are missing."""


@dataclass(frozen=True)
class PdfPage:
    url: str  # the page's URL in the site: "" for the home page, "lawful-bases/"
    title: str
    section: str | None  # the navigation section it sits in, if any

    @property
    def anchor(self) -> str:
        return "page-" + (self.url.strip("/").replace("/", "-") or "start")


@dataclass(frozen=True)
class PdfDocument:
    title: str  # "<Partnership>: sharing information to safeguard children", or the guidance's own name
    subtitle: str
    author: str
    version: str
    law_as_at: dt.date
    review_due: dt.date
    built: dt.date
    site_url: str
    logo: str  # the logo's path inside the built site
    colour: str = "#1d5b79"  # headings and links: the partnership's primary colour


def pages_in_order(nav) -> list[PdfPage]:
    """Every page in an MkDocs navigation, in order, with the top-level section it sits in."""
    pages: list[PdfPage] = []

    def walk(items, section):
        for item in items:
            if item.is_section:
                walk(item.children, section or item.title)
            elif item.is_page:
                pages.append(PdfPage(item.url, item.title or item.file.src_uri, section))

            elif item.is_page and (item.meta or {}).get("pdf", True) is not False:
                pages.append(PdfPage(item.url, item.title or item.file.src_uri, section))

    walk(nav.items if nav is not None else [], None)
    return pages


def document_for(config, release) -> PdfDocument:
    partnership = config.extra.get("partnership") or {}
    return PdfDocument(
        title=f"{partnership['name']}: {TITLE_SUFFIX}" if partnership.get("name") else config.site_name,
        subtitle="Guidance for practitioners in England",
        author=partnership.get("name") or config.site_name,
        version=release.version,
        law_as_at=release.law_as_at,
        review_due=release.review_due,
        built=build_date(),
        site_url=config.site_url or "",
        logo=config.theme.get("logo") or "",
        colour=(partnership.get("colours") or {}).get("primary") or PdfDocument.colour,
    )


def _page_file(site_dir: Path, url: str) -> Path:
    return site_dir / url / "index.html" if url.endswith("/") or not url else site_dir / url


def _rewrite(body: str, page: PdfPage, anchors: dict[str, str], site_dir: Path, site_url: str) -> str:
    """Make ids unique across the document, links between pages internal, and file paths absolute."""

    def replace(match: re.Match) -> str:
        name, value = match["name"], html.unescape(match["value"])
        if name in ("id", "for"):
            return f'{name}="{page.anchor}--{html.escape(value)}"'
        if re.match(r"^[a-z][a-z0-9+.-]*:", value, re.I):  # https:, mailto:, tel:, data:
            return match.group(0)
        path, _, fragment = value.partition("#")
        if name == "href" and not path:
            return f'href="#{page.anchor}--{html.escape(fragment)}"'
        target = posixpath.normpath(posixpath.join(page.url or ".", path))
        target = "" if target == "." else target
        page_url = target if target.endswith((".html", ".pdf", ".xml")) else target.rstrip("/") + "/"
        page_url = "" if page_url == "/" else page_url
        if name == "href" and page_url in anchors:
            destination = anchors[page_url]
            return f'href="#{destination}--{html.escape(fragment)}"' if fragment else f'href="#{destination}"'
        if name == "src":
            return f'src="{html.escape((site_dir / target).as_uri())}"'
        if site_url:  # a file in the site, such as a download: link to it on the website
            return f'href="{html.escape(site_url.rstrip("/") + "/" + target.lstrip("/"))}"'
        return 'href=""'

    return ATTRIBUTE.sub(replace, body)


def _pack_as_list(body: str, page: PdfPage, anchors: dict[str, str]) -> str:
    """The facilitator's pack without the cases it repeats: each case is on its own pages in the PDF,
    so the pack lists them, linked, with their page numbers (pdf.css hides its print options, which
    are for the website)."""
    cases = []
    for match in PACK_CASE.finditer(body):
        heading = CASE_HEADING.search(match.group(0))
        case_url = f"{posixpath.dirname(page.url.rstrip('/'))}/{match['id']}/".lstrip("/")
        if heading is None or case_url not in anchors:
            return body  # a case the PDF does not hold: keep the pack as it is
        link = posixpath.relpath(case_url, page.url or ".") + "/"  # made a link inside the PDF by _rewrite
        cases.append(f'<li><a href="{html.escape(link)}">{heading["title"]}</a></li>')
    if not cases:
        return body
    listing = ('<p>In this PDF, each case study is on its own pages, after this one. Print the pages of the '
               'cases you need; to print the cases without their model answers, use the facilitator\'s pack '
               'on the website.</p><ol class="pdf-case-list">' + "".join(cases) + "</ol>")
    first = True

    def replace(match: re.Match) -> str:
        nonlocal first
        text, first = (listing if first else ""), False
        return text

    return PACK_CASE.sub(replace, body)


def page_html(site_dir: Path, page: PdfPage, anchors: dict[str, str], site_url: str) -> str:
    built = _page_file(site_dir, page.url).read_text(encoding="utf-8")
    match = ARTICLE.search(built)
    if match is None:
        raise ValueError(f"{_page_file(site_dir, page.url)}: no article in the built page")
    body = HEADERLINK.sub("", match["body"])
    body = _pack_as_list(body, page, anchors)
    body = PRINT_HEADER.sub("", body)
    body = CHECKER_STATUS.sub(CHECKER_NOTE, body)
    body = _rewrite(body, page, anchors, site_dir, site_url)
    if not H1.search(body):
        body = f"<h1>{html.escape(page.title)}</h1>" + body
    return f'<section class="pdf-page" id="{page.anchor}">{body}</section>'


def _contents(pages: list[PdfPage]) -> str:
    parts = ['<nav class="pdf-contents" id="contents"><h1>Contents</h1><ol>']
    section = None
    for page in pages:
        if page.section != section:
            if section is not None:
                parts.append("</ol></li>")
            section = page.section
            if section is not None:
                parts.append(f'<li class="pdf-contents__section"><span>{html.escape(section)}</span><ol>')
        parts.append(f'<li><a href="#{page.anchor}">{html.escape(page.title)}</a></li>')
    if section is not None:
        parts.append("</ol></li>")
    parts.append("</ol></nav>")
    return "".join(parts)


def _title_page(document: PdfDocument, site_dir: Path) -> str:
    logo = site_dir / document.logo if document.logo else None
    parts = ['<section class="pdf-title">']
    if logo and logo.is_file():
        parts.append(f'<img class="pdf-title__logo" src="{html.escape(logo.as_uri())}" alt="">')
    parts += [
        f"<h1>{html.escape(document.title)}</h1>",
        f'<p class="pdf-title__subtitle">{html.escape(document.subtitle)}</p>',
        '<dl class="pdf-title__facts">',
        f"<dt>Guidance version</dt><dd>{html.escape(document.version)}</dd>",
        f"<dt>Law and guidance as at</dt><dd>{long_date(document.law_as_at)}</dd>",
        f"<dt>Next review due</dt><dd>{long_date(document.review_due)}</dd>",
        f"<dt>This PDF was made on</dt><dd>{long_date(document.built)}</dd>",
        "</dl>",
        '<p class="pdf-title__notice">A printed or downloaded copy goes out of date. Check the website '
        "for the latest version before you rely on it"
        + (f": <a href=\"{html.escape(document.site_url)}\">{html.escape(document.site_url)}</a>." if document.site_url else ".")
        + "</p>",
        '<p class="pdf-title__notice">This guidance supports your professional judgement. It is not legal advice. '
        "If a child is in immediate danger, call 999.</p>",
        "</section>",
    ]
    return "".join(parts)


def document_html(site_dir: Path, pages: list[PdfPage], document: PdfDocument) -> str:
    """The whole edition as one HTML document, ready for WeasyPrint."""
    site_dir = Path(site_dir)
    anchors = {page.url: page.anchor for page in pages}
    footer = f"{document.author}. Guidance version {document.version}"
    body = [_title_page(document, site_dir), _contents(pages)]
    body += [page_html(site_dir, page, anchors, document.site_url) for page in pages]
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{html.escape(document.title)} (guidance version {html.escape(document.version)})</title>"
        f'<meta name="author" content="{html.escape(document.author)}">'
        f'<meta name="description" content="{html.escape(document.subtitle)}. Guidance version {html.escape(document.version)}.">'
        f'<meta name="dcterms.created" content="{document.built.isoformat()}">'
        f'<meta name="generator" content="safeguarding-guidance {html.escape(document.version)}">'
        f'<style>:root {{ --pdf-primary: {_css_string(document.colour)}; }} '
        f'@page {{ @bottom-left {{ content: "{_css_string(footer)}"; }} }} '
        "@page :first { @bottom-left { content: none; } @bottom-right { content: none; } @top-right { content: none; } }"
        "</style>"
        f"</head><body>{''.join(body)}</body></html>"
    )


def _css_string(text: str) -> str:
    """Text inside a CSS string in a <style> element: every character that could end the string or
    the element (a quote, a backslash, <, >, &, a line break) written as a CSS escape."""
    return "".join(f"\\{ord(char):x} " if char in '\\"\'<>&' or not char.isprintable() else char for char in text)


def _weasyprint():
    try:
        import weasyprint
    except OSError as error:  # the system libraries WeasyPrint loads (Pango) are missing
        raise PdfUnavailable(
            "The PDF of the guidance could not be made: WeasyPrint needs the Pango library, which this "
            f"machine does not have ({str(error).splitlines()[0]}). Either install it (Debian and Ubuntu: "
            "`sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0`; other systems: "
            "https://doc.courtbouillon.org/weasyprint/stable/first_steps.html), or build without the "
            "PDF by setting `pdf: false` under the safeguarding plugin in mkdocs.yml."
        ) from None
    return weasyprint


class OutsideSite(ValueError):
    """The PDF would include a file from outside the built site."""


def _site_fetcher(weasyprint, site_dir: Path):
    """WeasyPrint's fetcher, allowed only files inside the built site (and data: URLs, which hold
    what they show): never the build machine's other files, never the network. What it refuses is
    left out of the PDF and listed in the fetcher's `refused`, which stops the build."""
    from urllib.parse import unquote, urlsplit
    from urllib.request import url2pathname

    root = site_dir.resolve()
    allowed_files = {STYLESHEET.resolve()}

    class SiteOnly(weasyprint.URLFetcher):
        refused: list[str] = []

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme == "file" and parts.netloc in ("", "localhost"):
                path = Path(url2pathname(unquote(parts.path))).resolve()
                if path.is_relative_to(root) or path in allowed_files:
                    return super().fetch(url, headers)
            self.refused.append(url)
            raise OutsideSite(f"{url[:200]} is not a file of the built site")

    fetcher = SiteOnly(allowed_protocols=("file", "data"))
    fetcher.refused = []
    return fetcher


def build_pdf(site_dir: Path, pages: list[PdfPage], document: PdfDocument, name: str = PDF_NAME) -> Path:
    """Write the PDF into the built site; returns its path."""
    weasyprint = _weasyprint()
    site_dir = Path(site_dir)
    source = document_html(site_dir, pages, document)
    fetcher = _site_fetcher(weasyprint, site_dir)
    target = site_dir / name
    weasyprint.HTML(string=source, base_url=site_dir.as_uri() + "/", url_fetcher=fetcher).write_pdf(
        target, stylesheets=[weasyprint.CSS(filename=str(STYLESHEET))], pdf_tags=True,
    )
    if fetcher.refused:
        target.unlink()
        raise OutsideSite(
            "The PDF would include files from outside the built site, which it refuses: "
            + ", ".join(sorted(set(url[:200] for url in fetcher.refused)))
            + ". A page may show only the site's own files."
        )
    return target
