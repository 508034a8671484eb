"""A partnership's own edition of the site, from its edition folder alone (edition.py).

The default site has no `extra.partnership` and this module does nothing to it. A partnership's site
(checked complete by edition.edition_problems before this runs):
- gets its logo and favicon (checked images from its own folder: edition_files), published under
  names of the package's choosing, and its colours (colour_contrast);
- has its words marked as text (edition_text): the templates escape them;
- gets its own local pages from the edition's pages/ folder: a page there with the same path as a
  shared one replaces it (for example local/police-information-requests.md); a case study of its own
  (a page with `case` in its front matter) is added to the navigation after the shared cases; any
  other page is added to the "Your area" section. A page's `nav_title` in its front matter, if given,
  is its title in the navigation.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils.meta import get_data

from . import case_studies, colour_contrast, edition_files, partnership_config
from .edition import Edition
from .edition_text import EditionText, as_edition_text

LOCAL_SECTION_PAGE = partnership_config.CONTACTS_PAGE  # the nav section holding it is "Your area"
BRAND_CSS = "assets/stylesheets/partnership.css"


def _meta(path: Path) -> dict:
    _, meta = get_data(path.read_text(encoding="utf-8"))
    return meta or {}


def _nav_title(meta: dict, path: Path) -> str:
    """A local page's title in the navigation: the edition's words, text wherever they go (edition_text.py)."""
    return EditionText(str(meta.get("nav_title") or meta.get("title") or path.stem))


def _section_holding(nav: list, holds) -> list | None:
    """The list of nav entries (at any depth) in which `holds(page path)` is true for an entry."""
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, str) and holds(value):
            return nav
        if isinstance(value, list):
            found = _section_holding(value, holds)
            if found is not None:
                return found
    return None


def add_to_local_section(nav: list, entries: list[dict]) -> None:
    """Append entries to the nav section that holds the Local contacts page."""
    section = _section_holding(nav, lambda path: path == LOCAL_SECTION_PAGE)
    if section is None or section is nav:
        raise PluginError(f"the navigation has no section holding {LOCAL_SECTION_PAGE} for local pages")
    section.extend(entries)


def _add_to_cases(nav: list, entries: list[dict], docs_dir: Path) -> None:
    """Append entries after the shared case studies (or to "Your area" if the navigation lists none)."""

    def is_case(path: str) -> bool:
        page = docs_dir / path
        return page.is_file() and case_studies.is_case_page(_meta(page))

    section = _section_holding(nav, is_case)
    if section is None:
        add_to_local_section(nav, entries)
    else:
        section.extend(entries)


def on_config(config, edition: Edition):
    partnership = config.extra.get("partnership")
    if not partnership:
        return config
    for key in ("site_name", "site_description", "site_author", "copyright"):
        if isinstance(config.get(key), str):
            config[key] = EditionText(config[key])
    as_edition_text(partnership)
    images = {key: edition_files.read_image(edition.folder, partnership[key]) for key in ("logo", "favicon")}
    partnership["_images"] = {f"assets/partnership/{key}{image.extension}": image.path for key, image in images.items()}
    config.theme["logo"] = f"assets/partnership/logo{images['logo'].extension}"
    config.theme["favicon"] = f"assets/partnership/favicon{images['favicon'].extension}"
    partnership["_brand_css"] = colour_contrast.brand_css(colour_contrast.brand_colours(partnership["colours"]))
    if BRAND_CSS not in config.extra_css:
        config.extra_css.append(BRAND_CSS)

    cases, others = [], []
    for uri, path in edition.local_pages().items():
        if (Path(config.docs_dir) / uri).is_file():
            continue  # replaces a shared page, which keeps its place
        meta = _meta(path)
        (cases if case_studies.is_case_page(meta) else others).append({_nav_title(meta, path): uri})
    if config.nav:  # the nav is read afresh from the base on every build
        if cases:
            _add_to_cases(config.nav, cases, Path(config.docs_dir))
        if others:
            add_to_local_section(config.nav, others)
    return config


def on_files(files, config, edition: Edition):
    partnership = config.extra.get("partnership")
    if not partnership:
        return files
    for uri, image in partnership["_images"].items():
        files.append(File.generated(config, uri, abs_src_path=str(image)))
    files.append(File.generated(config, BRAND_CSS, content=partnership["_brand_css"]))
    for uri, path in edition.local_pages().items():
        existing = files.get_file_from_path(uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files
