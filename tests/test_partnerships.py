"""Partnership editions: built from an edition folder alone, each with its own name and contacts only,
and a build that refuses an unfinished edition (every problem listed in one failure), another area's
example process, a leftover placeholder or a colour that fails contrast."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from conftest import ROOT, build_site
from safeguarding_guidance import colour_contrast, partnership_config
from safeguarding_guidance.versioned_assets import find

PARTNERSHIPS = ("harbourside", "northmoor-vale")


def _config(slug: str) -> dict:
    return yaml.safe_load((ROOT / "examples" / slug / "mkdocs.yml").read_text(encoding="utf-8"))


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
    css_file = find(site, "assets/stylesheets/partnership.css")  # named after its content
    css = css_file.read_text(encoding="utf-8")
    assert f"--site-primary: {colours['primary']};" in css
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f'href="assets/stylesheets/{css_file.name}"' in home
    assert 'src="assets/partnership/logo.svg"' in home


@pytest.mark.parametrize("slug", PARTNERSHIPS)
def test_edition_folder_holds_only_what_is_its_own(slug):
    """site_name, site_url, the plugin, extra.partnership and its local pages: nothing points back into
    this repository, and nothing the package owns (theme, navigation, extensions) is repeated."""
    folder = ROOT / "examples" / slug
    config = _config(slug)
    assert set(config) <= {"site_name", "site_description", "site_url", "docs_dir", "plugins", "extra"}
    assert config["docs_dir"] == "pages" and config["plugins"] == ["safeguarding"]
    assert "../" not in (folder / "mkdocs.yml").read_text(encoding="utf-8")
    assert sorted(p.name for p in folder.iterdir()) == ["favicon.svg", "logo.svg", "mkdocs.yml", "pages"]


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




def test_validator_lists_every_problem_at_once():
    import copy

    partnership = copy.deepcopy(VALID)
    del partnership["short_name"]
    partnership["contacts"]["police"]["phone"] = "TODO"
    del partnership["links"]["data_sharing_agreement"]
    with pytest.raises(partnership_config.PartnershipConfigError) as caught:
        partnership_config.check_partnership(partnership)
    assert caught.value.problems == [
        "extra.partnership.short_name is missing or empty",
        "extra.partnership.contacts.police.phone still holds a placeholder ('TODO'): replace it with the real value",
        "extra.partnership.links.data_sharing_agreement is missing",
    ]


def _edition_problems(folder) -> list[str]:
    """What the plugin's first step finds wrong with an edition folder, without building it."""
    from mkdocs.config import load_config

    from safeguarding_guidance import edition
    from safeguarding_guidance.resources import shared_files

    config = load_config(config_file=str(folder / "mkdocs.yml"))
    found, problems, _ = edition.apply_base(config, shared_files())
    return problems + edition.edition_problems(config, found, shared_files())


@pytest.mark.parametrize("slug", PARTNERSHIPS)
def test_example_editions_have_no_problem(slug):
    assert _edition_problems(ROOT / "examples" / slug) == []


def test_an_example_page_must_be_replaced_or_kept(tmp_path):
    """The London 87B process is another area's: an edition that neither replaces nor keeps it fails,
    naming the page and both ways to resolve it; keeping it deliberately is accepted."""
    edition = tmp_path / "harbourside"
    shutil.copytree(ROOT / "examples" / "harbourside", edition)
    (edition / "pages" / "local" / "police-information-requests.md").unlink()
    result = build_site(edition / "mkdocs.yml", tmp_path / "site")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert (
        "local/police-information-requests.md describes another area's process (the London 87B process), "
        "and this edition neither replaces nor keeps it. Either replace it: write your own process in "
    ) in log
    assert "pages/local/police-information-requests.md; or keep it deliberately: add local/police-information-requests.md " \
           "to extra.partnership.keep_example_pages in " in log
    assert not (tmp_path / "site" / "index.html").exists()

    config = yaml.safe_load((edition / "mkdocs.yml").read_text(encoding="utf-8"))
    config["extra"]["partnership"]["keep_example_pages"] = ["local/police-information-requests.md"]
    (edition / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    assert _edition_problems(edition) == []
    config["extra"]["partnership"]["keep_example_pages"] = ["local/contacts.md"]
    (edition / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    assert any("names 'local/contacts.md', which is not an example page" in p for p in _edition_problems(edition))


def test_an_unfinished_edition_fails_once_listing_every_problem(tmp_path):
    edition = tmp_path / "harbourside"
    shutil.copytree(ROOT / "examples" / "harbourside", edition)
    config = yaml.safe_load((edition / "mkdocs.yml").read_text(encoding="utf-8"))
    del config["site_url"]
    config["site_description"] = "TODO: one sentence about this edition"
    del config["extra"]["partnership"]["contacts"]["caldicott_guardian"]
    config["extra"]["partnership"]["colours"]["primary"] = "#ffcc00"
    config["theme"] = {"name": "material"}
    (edition / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    page = edition / "pages" / "local" / "escalation-procedure.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nTODO: add the stage 4 contacts.\n", encoding="utf-8")

    result = build_site(edition / "mkdocs.yml", tmp_path / "site")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "this edition is not ready to publish. Fix these 6 problems, then build again" in log
    for problem in (
        "remove theme: the guidance package sets it",
        "site_url is missing",
        "site_description still holds a placeholder ('TODO: one sentence about this edition')",
        "extra.partnership.contacts.caldicott_guardian is missing",
        "extra.partnership.colours.primary #ffcc00 has contrast 1.51:1",
        "pages/local/escalation-procedure.md, line ",
    ):
        assert problem in log, problem
    assert log.count("this edition is not ready to publish") == 1
