"""An edition folder, anywhere on disk, and what makes it ready to publish.

A partnership keeps only what is its own:

    riverton/
      mkdocs.yml      site_name, site_url, docs_dir: pages, the plugin, extra.partnership
      logo.svg, favicon.svg
      pages/          local pages; one with the same path as a shared page replaces it

Everything else (the theme, the navigation, the Markdown extensions, the scripts and styles) comes
from the package's base configuration, the repository's own mkdocs.yml, so an upgrade of the package
never needs a change to the edition's files. `apply_base` copies those settings onto the edition's
configuration when the build starts; `edition_problems` lists everything that stops an edition from
being published, all at once, so a web officer fixes them in one pass rather than one per build.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.utils import yaml_load
from mkdocs.utils.meta import get_data

from . import colour_contrast, partnership_config
from .page_review import read_reviews
from .resources import SharedFiles

# Settings that belong to the package. An edition that sets one would stop getting the package's
# version of it on upgrade, so the build asks for it to be removed.
PACKAGE_SETTINGS = (
    "theme", "nav", "markdown_extensions", "extra_css", "extra_javascript", "exclude_docs",
    "not_in_nav", "draft_docs", "validation", "use_directory_urls",
)
# Settings taken from the base configuration unless the edition gives its own.
DEFAULT_SETTINGS = ("site_description", "copyright")
# Front matter that marks a shared page as one area's own process, given as an example.
LOCAL_EXAMPLE_KEY = "local_example"
KEEP_EXAMPLES_KEY = "keep_example_pages"
TODO = re.compile(r"\bTODO\b")


@dataclass(frozen=True)
class Edition:
    config_file: Path  # the edition's mkdocs.yml
    pages_dir: Path | None  # its local pages; None for the default site, which has none
    is_default_site: bool  # the base configuration itself: the unbranded site

    @property
    def folder(self) -> Path:
        return self.config_file.parent

    def shown(self, path: Path) -> str:
        """A path as the web officer sees it: relative to where they run the build."""
        return os.path.relpath(path)

    def local_pages(self) -> dict[str, Path]:
        """{path in the site's docs, e.g. local/escalation-procedure.md: file}, sorted."""
        if self.pages_dir is None or not self.pages_dir.is_dir():
            return {}
        return {path.relative_to(self.pages_dir).as_posix(): path for path in sorted(self.pages_dir.rglob("*.md"))}


def _raw_config(path: Path) -> dict:
    with open(path, encoding="utf-8") as file:
        return yaml_load(file) or {}


def _validated_base(shared: SharedFiles) -> MkDocsConfig:
    """The base configuration, validated by MkDocs itself (relative paths resolve from its folder)."""
    raw = _raw_config(shared.base_config)
    plugins = raw.get("plugins") or {}
    if isinstance(plugins, list):  # a list of names or {name: options}
        plugins = {next(iter(p)) if isinstance(p, dict) else p: (next(iter(p.values())) if isinstance(p, dict) else {}) for p in plugins}
    raw["plugins"] = {name: options for name, options in plugins.items() if name != "safeguarding"}
    base = MkDocsConfig(config_file_path=str(shared.base_config))
    base.load_dict(raw)
    errors, _ = base.validate()
    if errors:
        raise PluginError(
            f"{shared.base_config}: the package's base configuration is invalid: "
            + "; ".join(f"{key}: {error}" for key, error in errors)
        )
    return base


def apply_base(config: MkDocsConfig, shared: SharedFiles) -> tuple[Edition, list[str], list]:
    """Give an edition's configuration the package's settings. Returns the edition, the problems
    with its settings, and the plugins it must gain (the site's search)."""
    config_file = Path(config.config_file_path).resolve()
    if config_file == shared.base_config.resolve():
        return Edition(config_file, None, is_default_site=True), [], []

    user = _raw_config(config_file)
    edition = Edition(config_file, Path(config.docs_dir).resolve(), is_default_site=False)
    where = edition.shown(config_file)
    problems = []
    owned = [key for key in PACKAGE_SETTINGS if key in user]
    if owned:
        problems.append(
            f"{where}: remove {', '.join(owned)}: the guidance package sets {'it' if len(owned) == 1 else 'them'}, "
            "so that an upgrade never needs a change to this file"
        )
    listed = [name for name in config.plugins if name in ("search", "material/search")]
    if listed:
        problems.append(f"{where}: remove search from plugins: the safeguarding plugin adds the site's search")

    base = _validated_base(shared)
    for key in PACKAGE_SETTINGS:
        config[key] = base[key]
    config["mdx_configs"] = base["mdx_configs"]
    for key in DEFAULT_SETTINGS:
        if key not in user:
            config[key] = base[key]
    for key, value in base.extra.items():
        if key not in config.extra:
            config.extra[key] = value
    config["docs_dir"] = str(shared.docs)
    return edition, problems, [] if listed else [(name, plugin) for name, plugin in base.plugins.items()]


def _strings(value: object, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from _strings(item, f"{path}[{number}]")


def example_pages(shared: SharedFiles) -> dict[str, str]:
    """Shared pages that describe one area's own process: {path: what it is}."""
    found = {}
    for path in sorted(shared.docs.rglob("*.md")):
        _, meta = get_data(path.read_text(encoding="utf-8"))
        if meta.get(LOCAL_EXAMPLE_KEY):
            found[path.relative_to(shared.docs).as_posix()] = str(meta[LOCAL_EXAMPLE_KEY])
    return found


def _page_problems(edition: Edition) -> list[str]:
    problems = []
    texts = {edition.shown(path): path.read_text(encoding="utf-8") for path in edition.local_pages().values()}
    for name, text in texts.items():
        _, meta = get_data(text)
        if meta and not meta.get("title"):
            problems.append(f"{name}: a local page needs a title in its front matter")
        for number, line in enumerate(text.splitlines(), start=1):
            if TODO.search(line):
                problems.append(f"{name}, line {number}: still says TODO: {line.strip()[:80]}")
    try:
        read_reviews(texts)
    except PluginError as error:
        problems += [line.strip() for line in str(error).splitlines()[1:]]
    return problems


def edition_problems(config: MkDocsConfig, edition: Edition, shared: SharedFiles) -> list[str]:
    """Everything that stops this edition from being published, each naming where to fix it."""
    if edition.is_default_site:
        return []
    where = edition.shown(edition.config_file)
    user = _raw_config(edition.config_file)
    problems = []

    if not user.get("site_url"):
        problems.append(f"{where}: site_url is missing: give the address the guidance is published at (the feed and the sitemap need it)")
    for key, value in _strings({k: v for k, v in user.items() if k != "extra"}, ""):
        if partnership_config.has_placeholder(value):
            problems.append(f"{where}: {key} still holds a placeholder ({value!r}): replace it with the real value")
    extra = user.get("extra") or {}
    for key, value in _strings({k: v for k, v in extra.items() if k != "partnership"}, "extra"):
        if partnership_config.has_placeholder(value):
            problems.append(f"{where}: {key} still holds a placeholder ({value!r}): replace it with the real value")

    partnership = config.extra.get("partnership")
    if not partnership:
        problems.append(f"{where}: extra.partnership is missing: the partnership's name, contacts and links go there")
        return problems
    problems += [f"{where}: {problem}" for problem in partnership_config.partnership_problems(partnership)]
    if isinstance(partnership, dict):
        problems += _identity_problems(partnership, edition, where)
        problems += _example_problems(partnership, edition, shared, where)
    problems += _page_problems(edition)
    return problems


def _identity_problems(partnership: dict, edition: Edition, where: str) -> list[str]:
    problems = []
    for key in ("logo", "favicon"):
        name = partnership.get(key)
        if not name or not (edition.folder / str(name)).is_file():
            problems.append(f"{where}: extra.partnership.{key} must name an image file in {edition.shown(edition.folder)}")
    try:
        colour_contrast.brand_colours(partnership.get("colours"))
    except ValueError as error:
        problems.append(f"{where}: {error}")
    return problems


def _example_problems(partnership: dict, edition: Edition, shared: SharedFiles, where: str) -> list[str]:
    examples = example_pages(shared)
    kept = partnership.get(KEEP_EXAMPLES_KEY) or []
    problems = []
    if not isinstance(kept, list):
        return [f"{where}: extra.partnership.{KEEP_EXAMPLES_KEY} must be a list of page paths"]
    for page in kept:
        if page not in examples:
            problems.append(
                f"{where}: extra.partnership.{KEEP_EXAMPLES_KEY} names {page!r}, which is not an example page; "
                f"the example pages are: {', '.join(examples) or 'none'}"
            )
    local = edition.local_pages()
    pages_dir = edition.shown(edition.pages_dir) if edition.pages_dir else "pages"
    for page, what in examples.items():
        if page in local or page in kept:
            continue
        problems.append(
            f"{page} describes another area's process ({what}), and this edition neither replaces nor keeps it. "
            f"Either replace it: write your own process in {pages_dir}/{page}; "
            f"or keep it deliberately: add {page} to extra.partnership.{KEEP_EXAMPLES_KEY} in {where}"
        )
    return problems
