"""The checkers inside a partnership's existing website: plugin option `embed_origins`.

    plugins:
      - safeguarding:
          embed_origins:
            - https://www.harbourside-scp.example

With one or more origins listed, the edition also builds, for every checker:

    embed/<checker>/      the checker alone (overrides/embed.html), in the edition's branding, with its
                          contacts in the results and a link to the checker's page in the full guidance
    embed/frame.js        the embed pages' own script: sends the page's height to the listed origins
                          only (postMessage, never "*"), and opens links to the guidance in a new tab
    embed/resize.js       the script the partnership adds beside its <iframe>: resizes the frame,
                          accepting heights only from the guidance's own origin
    embed/embed.css       the embed pages' styles
    local/checkers-on-your-website/   "Put the checkers on your website" in "Your area": the two lines
                          to paste for each checker, made with the edition's own address (site_url)

Only the pages under /embed/ may be framed, and only by the edition itself and the listed origins:
their Content-Security-Policy says `frame-ancestors 'self' <origins>` and they send no X-Frame-Options;
every other page keeps `frame-ancestors 'none'` and X-Frame-Options DENY (security_headers.py writes
both, for `_headers` and for nginx). The policy stays hash-only: the embed pages' scripts are files,
and their one inline script (the colour scheme) is hashed like every other. Without `embed_origins`,
none of these files is built.

An origin is a scheme, a host and an optional port, with nothing after it: `https://www.example.org`.
Each must be https, except http://localhost and http://127.0.0.1 (any port), which are accepted for
trying the frame on one's own computer, with a warning in the build log. Wildcards are refused:
the page sends its height to exactly the origins listed.
"""

from __future__ import annotations

import posixpath
import re
from html import escape
from pathlib import Path
from string import Template

from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils.meta import get_data

from .checker_form import EMBEDDABLE
from .partnership import add_to_local_section
from .security_headers import EMBED_FOLDER

FILES_DIR = Path(__file__).resolve().parent / "embed_files"
GUIDE_PAGE = "local/checkers-on-your-website.md"
GUIDE_TITLE = "Put the checkers on your website"
TEMPLATE = "embed.html"
STATIC_FILES = ("frame.js", "resize.js", "embed.css")
FRAME_HEIGHT = 900  # the frame's height before resize.js sets it (or for good, without the script)
LOOPBACK_HOSTS = ("localhost", "127.0.0.1")
HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$")
ORIGIN = re.compile(r"^(?P<scheme>[a-z][a-z0-9+.-]*)://(?P<host>[^/:?#]*)(?::(?P<port>[0-9]{1,5}))?(?P<rest>.*)$", re.S)


def origin_problems(origins: list[str], site_url: str, site_url_checked: bool = False) -> list[str]:
    """Everything wrong with the plugin's embed_origins, each naming the value and the fix.
    `site_url_checked`: an edition's missing site_url is already one of its problems."""
    problems = []
    where = "plugins.safeguarding.embed_origins"
    for value in origins:
        match = ORIGIN.match(value) if isinstance(value, str) and not re.search(r"[\s;,'\"]", value) else None
        shown = repr(value)
        if match is None:
            problems.append(f"{where}: {shown} is not a website's origin: write it as https://www.example.org")
            continue
        scheme, host, port, rest = match["scheme"], match["host"], match["port"], match["rest"]
        if value.lower() != value:
            problems.append(f"{where}: {shown}: write the origin in lower case")
        elif "*" in host:
            problems.append(f"{where}: {shown}: list each website's origin in full; wildcards are not allowed, "
                            "because the checker sends its height to exactly the websites listed")
        elif rest:
            problems.append(f"{where}: {shown} has more than an origin: remove {rest!r} "
                            f"(write {scheme}://{host}{':' + port if port else ''})")
        elif not HOST.match(host) or (port is not None and not 0 < int(port) < 65536):
            problems.append(f"{where}: {shown} is not a website's origin: write it as https://www.example.org")
        elif scheme == "http" and host in LOOPBACK_HOSTS:
            continue  # for trying it on one's own computer (loopback_origins warns)
        elif scheme != "https":
            problems.append(f"{where}: {shown} must use https:// (http:// only for localhost and 127.0.0.1, "
                            "to try the frame on your own computer)")
    if origins and not site_url_checked and not (site_url or "").startswith(("https://", "http://")):
        problems.append(f"{where} needs site_url, the guidance's own address: the lines to paste name it")
    return problems


def loopback_origins(origins: list[str]) -> list[str]:
    return [origin for origin in origins if origin.startswith("http://")]


def _embed_uri(checker: str) -> str:
    return f"{EMBED_FOLDER}/{checker}.md"


def is_embed_page(file) -> bool:
    return file.src_uri.startswith(f"{EMBED_FOLDER}/") and file.src_uri.endswith(".md")


def checker_page_for(file) -> str:
    """The checker's own page in the full guidance, for an embed page: checkers/<checker>.md."""
    return checker_page(posixpath.splitext(posixpath.basename(file.src_uri))[0])


def checker_page(checker: str) -> str:
    return f"checkers/{checker}.md"


def _front_matter(meta: dict) -> str:
    import yaml

    kept = {key: meta[key] for key in ("title", "description", "last_reviewed", "review_due", "sources") if key in meta}
    kept.update({"template": TEMPLATE, "search": {"exclude": True}, "pdf": False})
    return "---\n" + yaml.safe_dump(kept, sort_keys=False, allow_unicode=True) + "---\n"


def _embed_markdown(checker: str, meta: dict) -> str:
    """The embed page: the checker page's title, dates and sources, the checker, and a link to it."""
    title = str(meta.get("title") or checker)
    return (
        _front_matter(meta)
        + f"# {title}\n\n"
        + "If a child is in immediate danger, call 999.\n\n"
        + f"<!-- md:checker {checker} -->\n\n"
        + f"[Open this checker in the full guidance]({posixpath.relpath(checker_page(checker), EMBED_FOLDER)}), "
        + "with the rest of the guidance on sharing information to safeguard children.\n"
    )


def snippet(address: str, checker: str, title: str) -> str:
    """The two lines a website pastes: the frame and the resizing script."""
    base = address.rstrip("/") + "/"
    return (
        f'<iframe src="{escape(base)}{EMBED_FOLDER}/{checker}/" title="{escape(title)}" width="100%" '
        f'height="{FRAME_HEIGHT}" allow="clipboard-write" loading="lazy"></iframe>\n'
        f'<script src="{escape(base)}{EMBED_FOLDER}/resize.js" async></script>'
    )


def _origin_of(address: str) -> str:
    match = ORIGIN.match(address)
    return f"{match['scheme']}://{match['host']}{':' + match['port'] if match['port'] else ''}" if match else address


def guide_markdown(origins: list[str], address: str, titles: dict[str, str]) -> str:
    """"Put the checkers on your website", for this edition."""
    snippets = []
    for checker, title in titles.items():
        snippets += [f"### {title}", "", '<div class="embed-snippet" markdown>', "", "```text",
                     snippet(address, checker, title), "```", "", "</div>", ""]
    text = (FILES_DIR / "page.md").read_text(encoding="utf-8")
    return Template(text).substitute(
        origins="\n".join(f"- `{origin}`" for origin in origins),
        snippets="\n".join(snippets).rstrip(),
        origin=_origin_of(address),
    )


def nav_entry() -> dict:
    return {GUIDE_TITLE: GUIDE_PAGE}


def on_config(config, origins: list[str], local_pages: dict) -> None:
    """The guide page in "Your area" (unless the edition has its own page at that path, which the
    partnership's local pages put there), and the origins for the embed pages' script."""
    config.extra["embed"] = {"origins": list(origins)}
    if origins and config.nav and GUIDE_PAGE not in local_pages:
        add_to_local_section(config.nav, [nav_entry()])


def on_files(files, config, origins: list[str]):
    """Add the embed pages, their files and the guide page (only with origins listed)."""
    if not origins:
        return files
    titles = {}
    for checker in sorted(EMBEDDABLE, key=lambda name: name != "key-questions"):  # the one to start with first
        checker_file = files.get_file_from_path(checker_page(checker))
        if checker_file is None:
            continue
        _, meta = get_data(checker_file.content_string)
        titles[checker] = str(meta.get("title") or checker)
        files.append(File.generated(config, _embed_uri(checker), content=_embed_markdown(checker, meta),
                                    inclusion=InclusionLevel.NOT_IN_NAV))
    for name in STATIC_FILES:
        files.append(File.generated(config, f"{EMBED_FOLDER}/{name}", abs_src_path=str(FILES_DIR / name)))
    if files.get_file_from_path(GUIDE_PAGE) is None:
        files.append(File.generated(config, GUIDE_PAGE, content=guide_markdown(origins, config.site_url, titles)))
    return files
