"""The edition's wheel and pin, and the upgrade's steps, on small stand-in wheels (a zip holding the
package's metadata, as a wheel does): reading a wheel and refusing what is not one, the newest of a
folder, the pin rewritten in every form an edition may have, an older release refused unless asked,
and the edition's files put back when the install fails. tests/test_package.py runs the real thing
end to end, from the README."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from safeguarding_guidance import __version__, upgrade, wheels
from safeguarding_guidance.release import version_order

CHANGELOG = f"""# Changelog

## 2099.1.1

- **Law**
  - A future act, from 1 January 2099.
- **Guidance**: none.
- **Pages**: all.
- **For partnerships**: check everything.

## {__version__}

- **Law**: as released.
- **Guidance**: as released.
- **Pages**: all.
- **For partnerships**: as released.
"""


def stand_in(folder: Path, version: str, name: str = "safeguarding-guidance", changelog: str = CHANGELOG) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / wheels.wheel_file_name(version)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"safeguarding_guidance-{version}.dist-info/METADATA",
                         f"Metadata-Version: 2.4\nName: {name}\nVersion: {version}\n")
        archive.writestr(wheels.CHANGELOG_IN_WHEEL, changelog)
    return path


def test_a_wheel_is_read_and_checked(tmp_path):
    wheel = wheels.read_wheel(stand_in(tmp_path, "2099.1.1"))
    assert wheel.version == "2099.1.1" and "A future act" in wheel.changelog()
    with pytest.raises(wheels.WheelError, match="is not a safeguarding-guidance wheel"):
        wheels.read_wheel(tmp_path / "requests-2.0-py3-none-any.whl")
    impostor = stand_in(tmp_path / "other", "2099.1.2", name="something-else")
    with pytest.raises(wheels.WheelError, match="its name says release 2099.1.2, but it holds something-else 2099.1.2"):
        wheels.read_wheel(impostor)
    broken = tmp_path / "broken" / wheels.wheel_file_name("2099.1.3")
    broken.parent.mkdir()
    broken.write_bytes(b"not a zip")
    with pytest.raises(wheels.WheelError, match="is not a safeguarding-guidance wheel that can be installed"):
        wheels.read_wheel(broken)


def test_a_folder_gives_its_newest_wheel(tmp_path):
    for version in ("2026.11.30", "2026.12.6", "2026.11.30.1"):
        stand_in(tmp_path, version)
    (tmp_path / "notes.txt").write_text("not a wheel")
    assert wheels.find_wheel(tmp_path).version == "2026.12.6"
    (tmp_path / "empty").mkdir()
    with pytest.raises(wheels.WheelError, match="holds no safeguarding-guidance wheel"):
        wheels.find_wheel(tmp_path / "empty")
    with pytest.raises(wheels.WheelError, match="does not exist"):
        wheels.find_wheel(tmp_path / "missing.whl")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # A new edition's file, as scaffolded.
        (wheels.requirements_text("2026.11.30"), wheels.requirements_text("2099.1.1")),
        # An edition made before wheels/: the range becomes the pin, from wheels/.
        ("# The guidance package.\nsafeguarding-guidance>=2026.11.30\n",
         "# The guidance package.\n--find-links wheels\nsafeguarding-guidance==2099.1.1\n"),
        # Its own extra lines are kept; a --find-links line already there is not repeated.
        ("-f wheels\nSafeguarding_Guidance == 2026.11.30\nmkdocs-redirects==1.2.1\n",
         "-f wheels\nsafeguarding-guidance==2099.1.1\nmkdocs-redirects==1.2.1\n"),
        # No pin at all (once on the package index it could be deleted by mistake): added.
        ("mkdocs-redirects==1.2.1\n", "mkdocs-redirects==1.2.1\n--find-links wheels\nsafeguarding-guidance==2099.1.1\n"),
    ],
)
def test_the_pin_is_rewritten_in_every_form(before, after):
    assert wheels.repinned(before, "2099.1.1") == after
    assert wheels.pinned_version(after) == "2099.1.1"


def edition(tmp_path: Path, pinned: str = __version__) -> Path:
    folder = tmp_path / "edition"
    folder.mkdir()
    (folder / "mkdocs.yml").write_text("site_name: X\n", encoding="utf-8")
    (folder / "requirements.txt").write_text(wheels.requirements_text(pinned), encoding="utf-8")
    stand_in(folder / "wheels", pinned)
    return folder


def test_an_upgrade_shows_what_changed_and_places_the_wheel_and_the_pin(tmp_path):
    folder = edition(tmp_path)
    chosen = upgrade.plan(folder, stand_in(tmp_path / "downloads", "2099.1.1"), allow_downgrade=False)
    assert not chosen.downgrade and not chosen.nothing_to_do
    changes = upgrade.changes(chosen)
    assert changes.startswith(f"What changed from {__version__} to 2099.1.1:\n\n## 2099.1.1\n- **Law**\n  - A future act")
    assert "- **Pages**" not in changes and "as released" not in changes
    before = upgrade.place(chosen)
    assert sorted(path.name for path in (folder / "wheels").iterdir()) == ["safeguarding_guidance-2099.1.1-py3-none-any.whl"]
    assert wheels.pinned_version((folder / "requirements.txt").read_text(encoding="utf-8")) == "2099.1.1"
    upgrade.restore(before)  # as after a failed install
    assert sorted(path.name for path in (folder / "wheels").iterdir()) == [wheels.wheel_file_name(__version__)]
    assert (folder / "requirements.txt").read_text(encoding="utf-8") == wheels.requirements_text(__version__)


def test_an_older_release_is_refused_unless_asked(tmp_path):
    folder = edition(tmp_path)
    older = stand_in(tmp_path / "downloads", "2020.1.1")
    assert version_order("2020.1.1") < version_order(__version__)
    with pytest.raises(upgrade.UpgradeRefused) as refused:
        upgrade.plan(folder, older, allow_downgrade=False)
    assert str(refused.value) == (
        f"{older.name} is release 2020.1.1, older than the installed {__version__}. An older release has older "
        "law and guidance, so this is refused. To go back to it anyway (to undo an upgrade), run the same "
        "command with --allow-downgrade.")
    assert upgrade.plan(folder, older, allow_downgrade=True).downgrade


def test_the_same_release_again_is_nothing_to_do(tmp_path):
    folder = edition(tmp_path)
    assert upgrade.run(folder, folder / "wheels", build=False) == 0  # no pip, no build: nothing to do
    with pytest.raises(upgrade.UpgradeRefused, match="has no mkdocs.yml: run this in your edition's folder"):
        upgrade.plan(tmp_path, folder / "wheels", allow_downgrade=False)


def test_a_failed_install_puts_the_edition_back(tmp_path, monkeypatch, capsys):
    import subprocess

    folder = edition(tmp_path)
    monkeypatch.setattr(subprocess, "run", lambda *args, **kwargs: subprocess.CompletedProcess(args, 1))
    assert upgrade.run(folder, stand_in(tmp_path / "downloads", "2099.1.1")) == 1
    assert "are back as they were" in capsys.readouterr().err
    assert sorted(path.name for path in (folder / "wheels").iterdir()) == [wheels.wheel_file_name(__version__)]
    assert (folder / "requirements.txt").read_text(encoding="utf-8") == wheels.requirements_text(__version__)
