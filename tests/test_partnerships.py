"""Partnership editions: built from config alone, each with its own name and contacts only, and a
build that refuses a missing contact, a leftover placeholder or a colour that fails contrast."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
import yaml

import colour_contrast
import partnership_config
from conftest import ROOT, build_site

PARTNERSHIPS = ("harbourside", "northmoor-vale")


def _config(slug: str) -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "partnerships" / slug / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def _contacts(slug: str) -> list[str]:
    """Names, phone numbers and emails a partnership's config gives."""
    partnership = _config(slug)["extra"]["partnership"]
    values = [partnership["name"]]
    for contact in partnership["contacts"].values():
        values += [contact[key] for key in ("name", "phone", "email") if key in contact and not contact[key].startswith("101")]
    return values


def _text_of(html: str) -> str:
    """The page's text as a reader sees it: tags (such as <abbr>) removed, entities decoded."""
    import html as html_module

    return html_module.unescape(re.sub(r"<[^>]+>", "", html))


def _all_text(site) -> str:
    return "\n".join(_text_of(page.read_text(encoding="utf-8")) for page in site.path.rglob("*.html"))


@pytest.mark.parametrize("slug", PARTNERSHIPS)
def test_partnership_shows_its_own_name_and_contacts(built_sites, slug):
    site = built_sites[slug]
    name = _config(slug)["extra"]["partnership"]["name"]
    home = (site.path / "index.html").read_text(encoding="utf-8")
    assert f"<title>Start here - {name}</title>" in home
    assert f'class="md-header__topic"' in home and name in home
    assert 'class="print-only site-print-header">' + name in home.replace("\n", "")
    contacts_page = _text_of((site.path / "local" / "contacts" / "index.html").read_text(encoding="utf-8"))
    for value in _contacts(slug):
        assert value in contacts_page, value
    checker = (site.path / "checkers" / "lawful-basis" / "index.html").read_text(encoding="utf-8")
    assert f'data-partnership="{name}"' in checker
    reviewer = _config(slug)["extra"]["partnership"]["reviewed_by"]
    assert f"This guidance is reviewed by {reviewer}." in _text_of(home)


@pytest.mark.parametrize("slug", PARTNERSHIPS)
def test_partnership_never_shows_another_partnerships_details(built_sites, slug):
    text = _all_text(built_sites[slug])
    for other in PARTNERSHIPS:
        if other == slug:
            continue
        leaked = [value for value in _contacts(other) if value in text]
        assert leaked == []


def test_default_site_shows_no_partnership(built_sites):
    text = _all_text(built_sites["default"])
    for slug in PARTNERSHIPS:
        assert [value for value in _contacts(slug) if value in text] == []
    assert "your local children's social care front door" in text


def test_inline_contact_marker_renders_the_partnership_contact(built_sites):
    page = (built_sites["harbourside"].path / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="local/contacts/#childrens-social-care">Harbourside Children(&#39;|\')s Front Door</a> \(01632 960 100\)', page)


def test_local_pages_replace_and_add(built_sites):
    harbourside = built_sites["harbourside"].path
    replaced = (harbourside / "local" / "police-information-requests" / "index.html").read_text(encoding="utf-8")
    assert "<title>Requesting information from Harbourside Police - " in replaced
    assert "London 87B process" not in replaced
    added = harbourside / "local" / "escalation-procedure" / "index.html"
    assert added.is_file()
    nav = (harbourside / "index.html").read_text(encoding="utf-8")
    assert "Escalation procedure for professional disagreements" in nav
    default = (built_sites["default"].path / "local" / "police-information-requests" / "index.html").read_text(encoding="utf-8")
    assert "<title>Requesting police information: the London 87B process - " in default


@pytest.mark.parametrize("slug", PARTNERSHIPS)
def test_partnership_colours_and_logo(built_sites, slug):
    site = built_sites[slug].path
    colours = _config(slug)["extra"]["partnership"]["colours"]
    css = (site / "assets" / "stylesheets" / "partnership.css").read_text(encoding="utf-8")
    assert f"--site-primary: {colours['primary']};" in css
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "assets/stylesheets/partnership.css" in home
    assert 'src="assets/partnership/logo.svg"' in home


def test_partnership_configs_list_every_hook():
    base = re.findall(r"^  - hooks/(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    for slug in PARTNERSHIPS:
        hooks = [path.rsplit("/", 1)[-1] for path in _config(slug)["hooks"]]
        assert hooks == base, slug


VALID = _config("harbourside")["extra"]["partnership"]


def _without(path: list[str]) -> dict:
    import copy

    partnership = copy.deepcopy(VALID)
    target = partnership
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return partnership


@pytest.mark.parametrize(
    ("path", "named"),
    [
        (["contacts", "caldicott_guardian"], "extra.partnership.contacts.caldicott_guardian is missing"),
        (["contacts", "out_of_hours", "name"], "extra.partnership.contacts.out_of_hours.name is missing"),
        (["links", "escalation_procedure"], "extra.partnership.links.escalation_procedure is missing"),
        (["short_name"], "extra.partnership.short_name is missing"),
    ],
)
def test_validator_names_the_missing_key(path, named):
    with pytest.raises(partnership_config.PartnershipConfigError, match=re.escape(named)):
        partnership_config.check_partnership(_without(path))


def test_validator_rejects_a_leftover_placeholder():
    import copy

    partnership = copy.deepcopy(VALID)
    partnership["contacts"]["police"]["phone"] = "TODO"
    with pytest.raises(partnership_config.PartnershipConfigError, match=r"contacts\.police\.phone still holds a placeholder"):
        partnership_config.check_partnership(partnership)


def test_validator_needs_a_way_to_reach_each_contact():
    import copy

    partnership = copy.deepcopy(VALID)
    partnership["contacts"]["caldicott_guardian"] = {"name": "Someone"}
    with pytest.raises(partnership_config.PartnershipConfigError, match="needs a phone, email or url"):
        partnership_config.check_partnership(partnership)


@pytest.mark.parametrize(
    ("colours", "message"),
    [
        ({"primary": "#ffcc00", "accent": "#a4343a"}, "colours.primary #ffcc00 has contrast 1.51:1"),
        ({"primary": "#0f4c81", "accent": "#b8860b"}, "colours.accent #b8860b has contrast 3.25:1"),
        ({"primary": "#0f4c81", "accent": "#a4343a", "primary_on_dark": "#203040"}, "colours.primary_on_dark"),
        ({"primary": "blue", "accent": "#a4343a"}, "not a colour written #rrggbb"),
    ],
)
def test_colours_failing_contrast_are_rejected(colours, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        colour_contrast.brand_colours(colours)


def test_default_colours_meet_contrast():
    css = (ROOT / "docs" / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    value = dict(re.findall(r"--(site-[a-z-]+): (#[0-9a-f]{6});", css))
    assert colour_contrast.contrast(value["site-primary"], "#ffffff") >= 4.5
    assert colour_contrast.contrast(value["site-accent"], "#ffffff") >= 4.5
    assert colour_contrast.contrast(value["site-link-on-dark"], colour_contrast.SLATE_BACKGROUND) >= 4.5
    assert colour_contrast.contrast(value["site-accent-on-dark"], colour_contrast.SLATE_BACKGROUND) >= 4.5


@pytest.fixture
def scaffolded(tmp_path):
    """A partnership made by scripts/new_partnership.py, in the real partnerships/ folder (removed after)."""
    slug = "test-scaffold-riverton"
    folder = ROOT / "partnerships" / slug
    shutil.rmtree(folder, ignore_errors=True)
    result = subprocess.run(
        [sys.executable, "scripts/new_partnership.py", slug, "--name", "Riverton Safeguarding Children Partnership"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    yield slug, folder
    shutil.rmtree(folder, ignore_errors=True)


def test_scaffolded_partnership_fails_until_placeholders_are_replaced(scaffolded, tmp_path):
    slug, folder = scaffolded
    config = folder / "mkdocs.yml"
    result = build_site(config, tmp_path / "first")
    assert result.returncode != 0
    assert "still holds a placeholder" in result.stdout + result.stderr
    assert f"partnerships/{slug}/mkdocs.yml: extra.partnership.short_name" in result.stdout + result.stderr

    filled = yaml.safe_load(re.sub(r"^INHERIT.*$", "", config.read_text(), flags=re.MULTILINE))
    partnership = filled["extra"]["partnership"]
    partnership["short_name"] = "Riverton SCP"
    partnership["reviewed_by"] = "Riverton SCP Board"
    for key, contact in partnership["contacts"].items():
        partnership["contacts"][key] = {"name": f"Riverton {key.replace('_', ' ')}", "phone": "01632 960 555"}
    for key in partnership["links"]:
        partnership["links"][key] = {"title": f"Riverton {key.replace('_', ' ')}", "url": "https://riverton.example/" + key}
    config.write_text("INHERIT: ../../mkdocs.yml\n" + yaml.safe_dump(filled, sort_keys=False))
    result = build_site(config, tmp_path / "second")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Riverton childrens social care" in (tmp_path / "second" / "local" / "contacts" / "index.html").read_text()


def test_scaffold_refuses_a_bad_slug():
    result = subprocess.run(
        [sys.executable, "scripts/new_partnership.py", "Bad Slug!", "--name", "X"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 2 and "lower-case letters" in result.stderr
