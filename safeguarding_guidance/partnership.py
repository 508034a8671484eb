"""A partnership's own edition of the site, from its edition folder alone (edition.py).

The default site has no `extra.partnership` and this module does nothing to it. A partnership's site
(checked complete by edition.edition_problems before this runs):
- gets its logo and favicon (checked images from its own folder: edition_files), published under
  names of the package's choosing, and its colours (colour_contrast);
- has its words marked as text (edition_text): the templates escape them;
- gets its own local pages from the edition's pages/ folder: a page there with the same path as a
  shared one replaces it (for example local/police-information-requests.md); any other is added to
  the "Your area" section of the navigation.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils.meta import get_data

from . import colour_contrast, edition_files, partnership_config
from .edition import Edition
from .edition_text import EditionText, as_edition_text

LOCAL_SECTION_PAGE = partnership_config.CONTACTS_PAGE  # the nav section holding it is "Your area"
BRAND_CSS = "assets/stylesheets/partnership.css"


def _page_title(path: Path) -> str:
    _, meta = get_data(path.read_text(encoding="utf-8"))
    return EditionText(meta.get("title") or path.stem)


def _add_to_local_section(nav: list, entries: list[dict]) -> None:
    """Append entries to the nav section that holds the Local contacts page."""

    def holds_contacts(items) -> bool:
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if value == LOCAL_SECTION_PAGE:
                return True
        return False

    for item in nav:
        if isinstance(item, dict):
            children = next(iter(item.values()))
            if isinstance(children, list) and holds_contacts(children):
                children.extend(entries)
                return
    raise PluginError(f"the navigation has no section holding {LOCAL_SECTION_PAGE} for local pages")


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

    added = [
        {_page_title(path): uri}
        for uri, path in edition.local_pages().items()
        if not (Path(config.docs_dir) / uri).is_file()
    ]
    if added and config.nav:
        _add_to_local_section(config.nav, added)  # the nav is read afresh from the base on every build
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
