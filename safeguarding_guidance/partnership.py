"""A partnership's own edition of the site, from its config alone (partnerships/<slug>/mkdocs.yml).

The default site has no `extra.partnership` and this hook does nothing to it. A partnership's site:
- must give every contact and local link, with no placeholder left (partnership_config);
- gets its logo and favicon, and its colours, checked for contrast (colour_contrast);
- gets its own local pages from partnerships/<slug>/pages/: a page there with the same path as one in
  docs/ replaces it (for example local/police-information-requests.md); any other is added to the
  "Your area" section of the navigation;
- must list the same hooks as the base mkdocs.yml (MkDocs resolves hook paths from the partnership's
  folder, so its config repeats the list; a hook missing from it fails the build here).
"""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils.meta import get_data

import colour_contrast
import partnership_config

ROOT = Path(__file__).resolve().parent.parent
BASE_CONFIG = ROOT / "mkdocs.yml"
LOCAL_SECTION_PAGE = partnership_config.CONTACTS_PAGE  # the nav section holding it is "Your area"
BRAND_CSS = "assets/stylesheets/partnership.css"


def _partnership_dir(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _where(config) -> str:
    return str(Path(config.config_file_path).resolve().relative_to(ROOT))


def _base_hooks() -> list[str]:
    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    base = yaml.load(BASE_CONFIG.read_text(encoding="utf-8"), Loader=_Loader)
    return [Path(hook).name for hook in base.get("hooks", [])]


def _local_pages(config) -> dict[str, Path]:
    pages_dir = _partnership_dir(config) / "pages"
    if not pages_dir.is_dir():
        return {}
    return {path.relative_to(pages_dir).as_posix(): path for path in sorted(pages_dir.rglob("*.md"))}


def _page_title(path: Path) -> str:
    _, meta = get_data(path.read_text(encoding="utf-8"))
    title = meta.get("title") if meta else None
    if not title:
        raise PluginError(f"{path.relative_to(ROOT)}: a local page needs a title in its front matter")
    return str(title)


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


def on_config(config):
    partnership = config.extra.get("partnership")
    if not partnership:
        return config
    where = _where(config)
    try:
        partnership_config.check_partnership(partnership)
    except partnership_config.PartnershipConfigError as error:
        raise PluginError(f"{where}: {error}") from None

    loaded = [Path(str(name)).name for name in config.hooks]
    missing = [hook for hook in _base_hooks() if hook not in loaded]
    if missing:
        raise PluginError(f"{where}: hooks must list every hook in mkdocs.yml; missing: {', '.join(missing)}")

    folder = _partnership_dir(config)
    for key in ("logo", "favicon"):
        name = partnership.get(key)
        if not name or not (folder / name).is_file():
            raise PluginError(f"{where}: extra.partnership.{key} must name an image file in {folder.relative_to(ROOT)}")
    config.theme["logo"] = f"assets/partnership/{Path(partnership['logo']).name}"
    config.theme["favicon"] = f"assets/partnership/{Path(partnership['favicon']).name}"

    try:
        colours = colour_contrast.brand_colours(partnership.get("colours"))
    except ValueError as error:
        raise PluginError(f"{where}: {error}") from None
    partnership["_brand_css"] = colour_contrast.brand_css(colours)
    if BRAND_CSS not in config.extra_css:
        config.extra_css.append(BRAND_CSS)

    added = [
        {_page_title(path): uri}
        for uri, path in _local_pages(config).items()
        if not (Path(config.docs_dir) / uri).is_file()
    ]
    if added and config.nav:
        _add_to_local_section(config.nav, added)
    return config


def on_files(files, config):
    partnership = config.extra.get("partnership")
    if not partnership:
        return files
    folder = _partnership_dir(config)
    for key in ("logo", "favicon"):
        image = folder / partnership[key]
        files.append(File.generated(config, f"assets/partnership/{image.name}", abs_src_path=str(image)))
    files.append(File.generated(config, BRAND_CSS, content=partnership["_brand_css"]))
    for uri, path in _local_pages(config).items():
        existing = files.get_file_from_path(uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files
