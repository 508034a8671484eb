"""Where the shared guidance lives: in this repository, or inside the installed package.

The wheel (`make package`) copies the repository's shared files into the package, under `shared/`:

    repository                  installed package (safeguarding_guidance/shared/)
    mkdocs.yml                  mkdocs.yml     the base configuration every edition builds on
    CHANGELOG.md                CHANGELOG.md   what each release changed in the law and guidance
    docs/                       docs/          the guidance pages, scripts and styles
    overrides/                  overrides/     the theme's template blocks
    build/pyodide/              runtime/       the checkers' self-hosted Pyodide runtime
    deploy/nginx.conf           deploy/nginx.conf

Run from a clone (an editable install), the package reads the repository's own files, so an edit to
a page is built at once; installed from the wheel, it reads its copies. Nothing else in the package
knows which of the two it is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
BUNDLED = PACKAGE_DIR / "shared"
REPOSITORY = PACKAGE_DIR.parent


class MissingSharedFiles(RuntimeError):
    """The package has no shared guidance: it was built without `make package`."""


@dataclass(frozen=True)
class SharedFiles:
    root: Path
    base_config: Path
    docs: Path
    overrides: Path
    runtime: Path
    nginx_conf: Path
    in_repository: bool

    @property
    def includes(self) -> Path:
        """Snippets appended to every page (abbreviations.md); never built as pages themselves."""
        return self.docs / "includes"


def _repository_files() -> SharedFiles | None:
    if not ((REPOSITORY / "mkdocs.yml").is_file() and (REPOSITORY / "docs" / "index.md").is_file()):
        return None
    return SharedFiles(
        root=REPOSITORY,
        base_config=REPOSITORY / "mkdocs.yml",
        docs=REPOSITORY / "docs",
        overrides=REPOSITORY / "overrides",
        runtime=REPOSITORY / "build" / "pyodide",
        nginx_conf=REPOSITORY / "deploy" / "nginx.conf",
        in_repository=True,
    )


def shared_files() -> SharedFiles:
    """The shared files this installation builds from. CHECKERS_RUNTIME_DIR overrides the runtime
    folder (the benchmarks compare runtimes)."""
    if (BUNDLED / "mkdocs.yml").is_file():
        files = SharedFiles(
            root=BUNDLED,
            base_config=BUNDLED / "mkdocs.yml",
            docs=BUNDLED / "docs",
            overrides=BUNDLED / "overrides",
            runtime=BUNDLED / "runtime",
            nginx_conf=BUNDLED / "deploy" / "nginx.conf",
            in_repository=False,
        )
    else:
        files = _repository_files()
        if files is None:
            raise MissingSharedFiles(
                f"{PACKAGE_DIR} holds no shared guidance (no {BUNDLED / 'mkdocs.yml'}): this copy of "
                "safeguarding-guidance was not built with `make package`. Reinstall it from a released wheel."
            )
    runtime = os.environ.get("CHECKERS_RUNTIME_DIR")
    if runtime:
        files = replace(files, runtime=Path(runtime).resolve())
    return files
