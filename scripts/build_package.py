"""Build this repository's two wheels from staged copies of its files.

    python scripts/build_package.py guidance [--out dist]        # make package
    python scripts/build_package.py checkers [--out build/wheel]  # make wheel

guidance: safeguarding-guidance, the one wheel a partnership installs. The package
safeguarding_guidance/ and the checkers go in as they are; the shared files go inside the package as
safeguarding_guidance/shared/ (see safeguarding_guidance/resources.py): mkdocs.yml, CHANGELOG.md,
docs/, overrides/, deploy/nginx.conf, and the built Pyodide runtime from build/pyodide/
(`make runtime`).

checkers: safeguarding-checkers, the checkers alone, which the Pyodide runtime unpacks in the browser
(packaging/checkers/pyproject.toml).

Each is built with `python -m build --wheel --no-isolation` (setuptools from the pinned lock) in a
fresh folder under build/, so the repository's own tree never holds build leftovers.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".DS_Store")


def _copy(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, ignore=IGNORE)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def stage_guidance(stage: Path, runtime: Path) -> None:
    if not (runtime / "runtime.json").is_file():
        raise SystemExit(f"{runtime / 'runtime.json'} is missing: build the runtime first (make runtime)")
    for name in ("pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md", "safeguarding_guidance", "checkers"):
        _copy(ROOT / name, stage / name)
    shared = stage / "safeguarding_guidance" / "shared"
    _copy(ROOT / "mkdocs.yml", shared / "mkdocs.yml")
    _copy(ROOT / "CHANGELOG.md", shared / "CHANGELOG.md")
    _copy(ROOT / "docs", shared / "docs")
    _copy(ROOT / "overrides", shared / "overrides")
    _copy(ROOT / "deploy" / "nginx.conf", shared / "deploy" / "nginx.conf")
    _copy(runtime, shared / "runtime")


def stage_checkers(stage: Path) -> None:
    _copy(ROOT / "packaging" / "checkers" / "pyproject.toml", stage / "pyproject.toml")
    _copy(ROOT / "LICENSE", stage / "LICENSE")
    _copy(ROOT / "checkers", stage / "checkers")


def build(stage: Path, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    before = set(out.glob("*.whl"))
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(stage)],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"building the wheel failed:\n{result.stdout}\n{result.stderr}")
    undeclared = sorted(set(re.findall(r"Package '([^']+)' is absent from the `packages` configuration", result.stdout + result.stderr)))
    if undeclared:  # pyproject.toml must declare every folder the wheel ships
        raise SystemExit(f"the wheel ships folders pyproject.toml does not declare: {', '.join(undeclared)}")
    made = sorted(set(out.glob("*.whl")) - before) or sorted(out.glob("*.whl"), key=lambda p: p.stat().st_mtime)[-1:]
    return made[-1]


def check_guidance_wheel(wheel: Path) -> None:
    """The wheel holds what a partnership needs: the plugin, the pages, the runtime, the checkers."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    required = [
        "safeguarding_guidance/plugin.py", "safeguarding_guidance/shared/mkdocs.yml",
        "safeguarding_guidance/shared/docs/index.md", "safeguarding_guidance/shared/overrides/main.html",
        "safeguarding_guidance/shared/runtime/runtime.json", "safeguarding_guidance/pdf.css",
        "safeguarding_guidance/service_worker.template.js", "safeguarding_guidance/edition_template/README.md",
        "safeguarding_guidance/shared/CHANGELOG.md", "checkers/api.py",
        "safeguarding_guidance/embed_files/frame.js", "safeguarding_guidance/embed_files/resize.js",
        "safeguarding_guidance/embed_files/page.md", "safeguarding_guidance/shared/overrides/embed.html",
    ]
    missing = [name for name in required if name not in names]
    if missing:
        raise SystemExit(f"{wheel.name} is missing {', '.join(missing)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build safeguarding-guidance or safeguarding-checkers.")
    parser.add_argument("which", choices=["guidance", "checkers"])
    parser.add_argument("--out", type=Path, help="where the wheel goes (default: dist/ or build/wheel/)")
    parser.add_argument("--runtime", type=Path, default=ROOT / "build" / "pyodide", help="the built runtime (guidance only)")
    args = parser.parse_args(argv)
    stage = ROOT / "build" / f"{args.which}-src"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    if args.which == "guidance":
        out = (args.out or ROOT / "dist").resolve()
        for old in out.glob("safeguarding_guidance-*.whl"):
            old.unlink()
        stage_guidance(stage, args.runtime.resolve())
    else:
        out = (args.out or ROOT / "build" / "wheel").resolve()
        stage_checkers(stage)
    wheel = build(stage, out)
    if args.which == "guidance":
        check_guidance_wheel(wheel)
    shutil.rmtree(stage, ignore_errors=True)
    print(f"{wheel.relative_to(ROOT) if wheel.is_relative_to(ROOT) else wheel}: {wheel.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
