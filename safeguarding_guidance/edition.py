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

An edition's files are input: its mkdocs.yml can set only EDITION_SETTINGS (no hooks, theme, scripts,
styles, other plugins, YAML tags that read the environment, or `extra` beyond `partnership`), every
path it gives stays inside its folder (edition_files.py), and its words are text (edition_text.py).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.utils import yaml_load
from mkdocs.utils.meta import get_data

from . import colour_contrast, edition_files, partnership_config
from .page_review import read_reviews
from .resources import SharedFiles

# Settings that belong to the package. An edition that sets one would stop getting the package's
# version of it on upgrade, so the build asks for it to be removed.
PACKAGE_SETTINGS = (
    "theme", "nav", "markdown_extensions", "extra_css", "extra_javascript", "exclude_docs",
    "not_in_nav", "draft_docs", "validation", "use_directory_urls",
)
# Everything an edition's mkdocs.yml may set. Anything else is refused, naming the key: above all
# `hooks` (Python run at build time, with the CI's secrets in reach), a theme or scripts of the
# edition's own (run on every page, past the Content-Security-Policy's reason for being), and
# `INHERIT` (another configuration file, from anywhere).
EDITION_SETTINGS = (
    "site_name", "site_description", "site_url", "site_author", "copyright", "docs_dir", "site_dir",
    "plugins", "extra", "strict", "dev_addr", "remote_branch", "remote_name",
)
REFUSED_SETTINGS = {
    "hooks": "hooks run Python code at build time, where the build's secrets are; an edition cannot add any",
    "INHERIT": "the guidance package is the configuration an edition builds on; an edition cannot inherit another",
}
EDITION_PLUGINS = ("safeguarding",)
EDITION_EXTRA = ("partnership",)
# Front matter a local page may not set: the package's theme draws every page.
REFUSED_FRONT_MATTER = {"template": "the guidance package's theme draws every page"}
# Settings taken from the base configuration unless the edition gives its own.
DEFAULT_SETTINGS = ("site_description", "copyright")
# Front matter that marks a shared page as one area's own process, given as an example.
LOCAL_EXAMPLE_KEY = "local_example"
KEEP_EXAMPLES_KEY = "keep_example_pages"
TODO = re.compile(r"\bTODO\b")
# A site_url for trying an edition on one's own computer only (nothing can be published there): the
# embed pages' test serves an edition on loopback, as embedding.py accepts loopback origins.
LOOPBACK_SITE_URL = re.compile(r"http://(?:localhost|127\.0\.0\.1)(?::[0-9]{1,5})?(?:/[A-Za-z0-9_./-]*)?")


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
        """{path in the site's docs, e.g. local/escalation-procedure.md: file}, sorted: the pages whose
        files are in the pages folder (a link to a file elsewhere is left out: see outside_pages)."""
        return {uri: path for uri, path in self._page_files().items() if path.resolve().is_relative_to(self.pages_dir)}

    def outside_pages(self) -> list[str]:
        """The pages that are symbolic links to files outside the pages folder."""
        return [uri for uri, path in self._page_files().items() if not path.resolve().is_relative_to(self.pages_dir)]

    def _page_files(self) -> dict[str, Path]:
        if self.pages_dir is None or not self.pages_dir.is_dir():
            return {}
        return {path.relative_to(self.pages_dir).as_posix(): path for path in sorted(self.pages_dir.rglob("*.md"))}


def _raw_config(path: Path) -> dict:
    with open(path, encoding="utf-8") as file:
        return yaml_load(file) or {}


class _PlainLoader(yaml.SafeLoader):
    """YAML as written: a tag (`!ENV`, `!relative`) reads as nothing, and INHERIT stays a key."""


_PlainLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_PlainLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def edition_settings(path: Path) -> dict:
    """An edition's mkdocs.yml as its author wrote it (MkDocs' own reading has already resolved its
    tags and merged any INHERIT, which the settings guard must see)."""
    try:
        settings = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_PlainLoader)  # noqa: S506 - a SafeLoader
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return settings if isinstance(settings, dict) else {}


def early_problems(config_file_path: str | None) -> list[str]:
    """What must be refused while MkDocs is still reading the configuration, before it imports the
    edition's hooks (it reads the plugins first): the settings guard, when the file sets hooks or
    INHERITs another file (which could)."""
    if not config_file_path:
        return []
    path = Path(config_file_path).resolve()
    settings = edition_settings(path)
    if not {"hooks", "INHERIT"} & set(settings):
        return []
    return _settings_problems(path, settings, os.path.relpath(path))


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

    user = edition_settings(config_file)
    where = os.path.relpath(config_file)
    problems = _settings_problems(config_file, user, where)
    pages_dir, pages_problem = _pages_folder(config_file.parent, user.get("docs_dir", "docs"))
    if pages_problem:
        problems.append(f"{where}: docs_dir {pages_problem}")
    edition = Edition(config_file, pages_dir, is_default_site=False)
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


def _settings_problems(config_file: Path, user: dict, where: str) -> list[str]:
    """The settings guard: every key of an edition's mkdocs.yml that it may not set, by name."""
    problems = [f"{where}: {problem}" for problem in _tag_problems(config_file)]
    owned = [key for key in PACKAGE_SETTINGS if key in user]
    if owned:
        problems.append(
            f"{where}: remove {', '.join(owned)}: the guidance package sets {'it' if len(owned) == 1 else 'them'}, "
            "so that an upgrade never needs a change to this file"
        )
    for key in user:
        if key in REFUSED_SETTINGS:
            problems.append(f"{where}: remove {key}: {REFUSED_SETTINGS[key]}")
        elif key not in EDITION_SETTINGS and key not in PACKAGE_SETTINGS:
            problems.append(f"{where}: remove {key}: an edition's mkdocs.yml can set only {', '.join(EDITION_SETTINGS)}")
    plugins = user.get("plugins") or []
    names = list(plugins) if isinstance(plugins, dict) else [next(iter(p)) if isinstance(p, dict) else p for p in plugins]
    for name in names:
        if name not in EDITION_PLUGINS and name not in ("search", "material/search"):
            problems.append(
                f"{where}: remove {name} from plugins: an edition lists only the safeguarding plugin (a plugin runs "
                "code at build time, and the package's plugin adds everything the site needs)"
            )
    extra = user.get("extra") or {}
    if isinstance(extra, dict):
        for key in extra:
            if key not in EDITION_EXTRA:
                problems.append(f"{where}: remove extra.{key}: an edition's extra holds only partnership "
                                "(the theme reads the rest, and the package sets it)")
    site_dir = user.get("site_dir")
    if site_dir is not None:
        try:
            edition_files.inside(config_file.parent, site_dir)
        except edition_files.OutsideEdition as error:
            problems.append(f"{where}: site_dir {error}")
    for key in ("site_name", "site_description", "site_author", "copyright"):
        value = user.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            problems.append(f"{where}: {key} must be text")
            continue
        problem = None if partnership_config.has_placeholder(value) else partnership_config.text_problem(value)
        if problem:  # (a placeholder is named by edition_problems)
            problems.append(f"{where}: {key} {problem}")
    site_url = user.get("site_url")
    published = isinstance(site_url, str) and partnership_config.WEB_ADDRESS.fullmatch(site_url)
    if site_url and not published and not (isinstance(site_url, str) and LOOPBACK_SITE_URL.fullmatch(site_url)):
        problems.append(f"{where}: site_url must be the https:// address the guidance is published at (not {site_url!r}; "
                        "http://localhost or http://127.0.0.1 only to try an edition on your own computer)")
    return problems


def _tag_problems(config_file: Path) -> list[str]:
    """YAML tags (`!ENV`, `!relative`, `!!python/...`): `!ENV [AWS_SECRET_ACCESS_KEY]` would publish
    the build's secret as, say, the site's name."""
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        return [f"is not YAML that can be read ({str(error).splitlines()[0]})"]
    found: set[str] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if not node.tag.startswith("tag:yaml.org,2002:") or "python" in node.tag:
            found.add(node.tag)
        if isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in node.value for item in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return [f"remove the YAML tag {tag}: an edition's settings are plain values (a tag such as !ENV reads the "
            "build machine's environment)" for tag in sorted(found)]


def _pages_folder(folder: Path, docs_dir: object) -> tuple[Path | None, str]:
    """The edition's pages folder, if it is a folder inside the edition's own (else None and why)."""
    try:
        pages = edition_files.inside(folder, docs_dir)
    except edition_files.OutsideEdition as error:
        return None, str(error)
    if pages == folder.resolve():
        return None, "must be a folder inside the edition's folder, such as pages, not the folder itself"
    if pages.exists() and not pages.is_dir():
        return None, f"{docs_dir!r} is not a folder"
    return pages, ""


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
    for uri in edition.outside_pages():
        problems.append(f"{edition.shown(edition.pages_dir / uri)}: is a link to a file outside the edition's pages folder; "
                        "put the page itself there")
    for name, text in texts.items():
        _, meta = get_data(text)
        if meta and not meta.get("title"):
            problems.append(f"{name}: a local page needs a title in its front matter")
        for key, why in REFUSED_FRONT_MATTER.items():
            if key in meta:
                problems.append(f"{name}: remove {key} from the front matter: {why}")
        for key in ("title", "description"):
            value = meta.get(key)
            if isinstance(value, str) and any(not c.isprintable() for c in value):
                problems.append(f"{name}: the front matter's {key} has a control or invisible formatting character")
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
    user = edition_settings(edition.config_file)
    problems = []

    if edition.pages_dir is None:  # its pages are somewhere it must not read: say so, and go no further
        return problems
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
    pages = {path.relative_to(shared.docs).as_posix() for path in shared.docs.rglob("*.md")} | set(edition.local_pages())
    problems += [f"{where}: {problem}" for problem in partnership_config.partnership_problems(partnership, pages)]
    if isinstance(partnership, dict):
        problems += _identity_problems(partnership, edition, where)
        problems += _example_problems(partnership, edition, shared, where)
    problems += _page_problems(edition)
    return problems


def _identity_problems(partnership: dict, edition: Edition, where: str) -> list[str]:
    problems = []
    for key in ("logo", "favicon"):
        try:
            edition_files.read_image(edition.folder, partnership.get(key))
        except ValueError as error:  # OutsideEdition too
            problems.append(f"{where}: extra.partnership.{key} {error}")
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
