"""Partnership editions: built from an edition folder alone, each with its own name and contacts only,
and a build that refuses an unfinished edition (every problem listed in one failure), another area's
example process, a leftover placeholder or a colour that fails contrast. A local case study sits with
the cases. The checkers on a partnership's own website (embed_origins, examples/harbourside): embed
pages for every checker, frameable only by the listed origins (and only they), and in Chromium, a
website on another origin showing the key questions, answering and growing to fit the result."""

from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml

from conftest import ROOT, WITHOUT_PDF, build_site
from safeguarding_guidance import colour_contrast, embedding, partnership_config
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
    assert config["docs_dir"] == "pages" and len(config["plugins"]) == 1
    assert config["plugins"][0] == "safeguarding" or set(config["plugins"][0]) == {"safeguarding"}
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


# A local case study sits with the cases ----------------------------------------------------------------


def _nav_after_on_config(folder):
    """The navigation an edition's build uses (the plugin's first step), without building it."""
    from mkdocs.config import load_config

    from safeguarding_guidance import edition, partnership
    from safeguarding_guidance.resources import shared_files

    config = load_config(config_file=str(folder / "mkdocs.yml"))
    found, _, _ = edition.apply_base(config, shared_files())
    partnership.on_config(config, found)
    embedding.on_config(config, _plugin_options(folder.name).get("embed_origins", []), found.local_pages())
    return config.nav


def _section(nav, title):
    for item in nav:
        if isinstance(item, dict):
            name, value = next(iter(item.items()))
            if name == title:
                return value
            if isinstance(value, list):
                found = _section(value, title)
                if found is not None:
                    return found
    return None


def _paths(items):
    return [next(iter(item.values())) if isinstance(item, dict) else item for item in items]


def test_a_local_case_study_sits_with_the_cases():
    nav = _nav_after_on_config(ROOT / "examples" / "harbourside")
    cases, area = _section(nav, "The cases"), _section(nav, "Your area")
    local_case = "case-studies/harbourside-childminder-neighbour.md"
    assert _paths(cases)[-1] == local_case and local_case not in _paths(area)
    assert {"Childminder: a neighbour's child": local_case} in cases  # its nav_title
    assert "local/escalation-procedure.md" in _paths(area)  # any other local page: Your area


# The checkers on a partnership's own website ---------------------------------------------------------------


def _plugin_options(slug: str) -> dict:
    for item in _config(slug)["plugins"]:
        if isinstance(item, dict) and "safeguarding" in item:
            return item["safeguarding"] or {}
    return {}


EMBEDDING = "harbourside"
ORIGINS = _plugin_options(EMBEDDING)["embed_origins"]


def test_the_examples_show_embedding_on_and_off():
    assert ORIGINS == ["https://www.harbourside-scp.example"]
    assert "embed_origins" not in _plugin_options("northmoor-vale")


def test_an_embed_page_for_every_checker(built_sites):
    from checkers import api

    site = built_sites[EMBEDDING].path
    partnership = _config(EMBEDDING)["extra"]["partnership"]
    for checker in api.CHECKERS:
        page = (site / "embed" / checker / "index.html").read_text(encoding="utf-8")
        assert f'data-checker="{checker}"' in page and f'data-partnership="{partnership["name"]}"' in page
        assert '<meta name="robots" content="noindex">' in page
        assert f'class="embed-header__name">{partnership["name"]}</p>' in page.replace("&#39;", "'")
        # Its contacts in the results, and the way to the full guidance and the release.
        assert partnership["contacts"]["designated_safeguarding_leads"]["name"] in _text_of(page)
        assert f'<a href="../../checkers/{checker}/">Open this checker in the full guidance</a>' in page
        assert "guidance version " in _text_of(page)
        # The checker alone: no site header, navigation or search.
        assert 'class="md-header' not in page and 'md-sidebar' not in page and 'data-md-component="search"' not in page
        origins = re.search(r'<script type="application/json" data-embed-origins>(.*?)</script>', page).group(1)
        assert json.loads(origins) == ORIGINS
        assert '<script src="../frame.js"></script>' in page
    for name in ("frame.js", "resize.js", "embed.css"):
        assert (site / "embed" / name).is_file()
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [entry for entry in index["docs"] if entry["location"].startswith("embed/")]


def _headers_by_path(site) -> dict[str, dict[str, list[str]]]:
    """Every file's headers from `_headers`, as scripts/serve.py (and a host) applies them."""
    from serve import headers_for, parse_headers_file

    rules = parse_headers_file((site / "_headers").read_text(encoding="utf-8"))
    found = {}
    for file in site.rglob("*"):
        if file.is_file() and not file.name.startswith("_headers"):
            headers: dict[str, list[str]] = {}
            for name, value in headers_for(rules, "/" + file.relative_to(site).as_posix()):
                headers.setdefault(name, []).append(value)
            found[file.relative_to(site).as_posix()] = headers
    return found


def test_only_the_embed_pages_may_be_framed_and_only_by_the_listed_origins(built_sites):
    site = built_sites[EMBEDDING].path
    listed = "frame-ancestors 'self' " + " ".join(ORIGINS)
    by_path = _headers_by_path(site)
    for path, headers in by_path.items():
        # No header twice for any path: hosts that join two values of a header would send both.
        assert all(len(values) == 1 for values in headers.values()), (path, headers)
        csp = headers["Content-Security-Policy"][0]
        assert "'unsafe-inline'" not in csp and "script-src 'self' 'wasm-unsafe-eval' 'sha256-" in csp
        assert "interest-cohort" not in headers["Permissions-Policy"][0]
        if path.startswith("embed/"):
            assert listed + ";" in csp + ";" and "X-Frame-Options" not in headers, path
        else:
            assert "frame-ancestors 'none'" in csp and headers["X-Frame-Options"] == ["DENY"], path
    assert len([path for path in by_path if path.startswith("embed/")]) == 6
    # Within Cloudflare Pages' limits for _headers: 100 rules, 2,000 characters a line.
    text = (site / "_headers").read_text(encoding="utf-8")
    assert len([line for line in text.splitlines() if line.startswith("/")]) < 100
    assert max(len(line) for line in text.splitlines()) < 2000
    embed_nginx = (site / "_headers.embed.nginx").read_text(encoding="utf-8")
    assert listed in embed_nginx and "X-Frame-Options" not in embed_nginx
    nginx = (site / "_headers.nginx").read_text(encoding="utf-8")
    assert "frame-ancestors 'none'" in nginx and 'add_header X-Frame-Options "DENY"' in nginx


@pytest.mark.parametrize("slug", ["default", "northmoor-vale"])
def test_without_embed_origins_nothing_may_be_framed(built_sites, slug):
    site = built_sites[slug].path
    assert not (site / "embed").exists() and not (site / "local" / "checkers-on-your-website").exists()
    text = (site / "_headers").read_text(encoding="utf-8")
    assert text.count("Content-Security-Policy:") == 1 and text.count("frame-ancestors 'none'") == 1
    assert (site / "_headers.embed.nginx").read_text(encoding="utf-8") == (site / "_headers.nginx").read_text(encoding="utf-8")
    assert "checkers-on-your-website" not in (site / "index.html").read_text(encoding="utf-8")


def test_the_guide_page_gives_the_lines_to_paste_with_the_editions_address(built_sites):
    from checkers import api

    site = built_sites[EMBEDDING].path
    site_url = _config(EMBEDDING)["site_url"]
    page = (site / "local" / "checkers-on-your-website" / "index.html").read_text(encoding="utf-8")
    text = _text_of(page)
    assert "<title>Put the checkers on your website - " in page
    for origin in ORIGINS:
        assert origin in text
    snippets = _snippets(page)
    assert len(snippets) == len(api.CHECKERS)
    assert snippets[0].startswith(f'<iframe src="{site_url}embed/key-questions/"')  # the one to start with
    for checker in api.CHECKERS:
        lines = next(s for s in snippets if f"/embed/{checker}/" in s).splitlines()
        assert len(lines) == 2
        assert re.fullmatch(rf'<iframe src="{re.escape(site_url)}embed/{checker}/" title="[^"]+" width="100%" '
                            r'height="\d+" allow="clipboard-write" loading="lazy"></iframe>', lines[0])
        assert lines[1] == f'<script src="{site_url}embed/resize.js" async></script>'
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="local/checkers-on-your-website/"' in home  # in the navigation, under Your area
    assert not (site / "embed" / "checkers-on-your-website").exists()


def _snippets(page_html: str) -> list[str]:
    """The text of the code blocks on the guide page, as a reader copies it."""
    import html as html_module

    return [html_module.unescape(re.sub(r"<[^>]+>", "", block)).strip()
            for block in re.findall(r'<div class="embed-snippet">.*?<pre>(.*?)</pre>', page_html, re.S)]


@pytest.mark.parametrize(
    ("origin", "message"),
    [
        ("http://www.harbourside-scp.example", "must use https://"),
        ("https://www.harbourside-scp.example/", "has more than an origin: remove '/'"),
        ("https://www.harbourside-scp.example/checkers", "has more than an origin: remove '/checkers'"),
        ("https://*.harbourside-scp.example", "wildcards are not allowed"),
        ("www.harbourside-scp.example", "is not a website's origin"),
        ("https://WWW.Harbourside-scp.example", "lower case"),
        ("https://www.harbourside-scp.example; script-src *", "is not a website's origin"),
        ("https://www.harbourside-scp.example:99999", "is not a website's origin"),
        ("javascript://x", "must use https://"),
        ("'self'", "is not a website's origin"),
    ],
)
def test_a_malformed_origin_is_refused_naming_it(origin, message):
    problems = embedding.origin_problems([origin], "https://guidance.example/")
    assert len(problems) == 1 and repr(origin) in problems[0] and message in problems[0], problems


def test_origins_that_are_accepted():
    good = ["https://www.harbourside-scp.example", "https://intranet.example.org:8443", "http://localhost:8000",
            "http://127.0.0.1:5500", "https://xn--bcher-kva.example"]
    assert embedding.origin_problems(good, "https://guidance.example/") == []
    assert embedding.loopback_origins(good) == ["http://localhost:8000", "http://127.0.0.1:5500"]
    assert embedding.origin_problems(["https://a.example"], "") == [
        "plugins.safeguarding.embed_origins needs site_url, the guidance's own address: the lines to paste name it"]


def test_a_malformed_origin_fails_the_build_with_the_other_problems(tmp_path):
    edition = tmp_path / EMBEDDING
    shutil.copytree(ROOT / "examples" / EMBEDDING, edition)
    config = (edition / "mkdocs.yml").read_text(encoding="utf-8")
    (edition / "mkdocs.yml").write_text(config.replace("- https://www.harbourside-scp.example",
                                                       "- https://www.harbourside-scp.example/\n        - http://intranet.example"),
                                        encoding="utf-8")
    result = build_site(edition / "mkdocs.yml", tmp_path / "site", env=WITHOUT_PDF)
    log = result.stdout + result.stderr
    assert result.returncode != 0 and "this edition is not ready to publish. Fix these 2 problems" in log
    assert "'https://www.harbourside-scp.example/' has more than an origin" in log
    assert "'http://intranet.example' must use https://" in log


@pytest.mark.browser
def test_a_website_on_a_listed_origin_shows_a_checker_that_fits_its_result(browser, tmp_path):
    """The web officer's path: list the website's origin, build, paste the two lines from the guide
    page into the website. The website (another loopback origin) shows the key questions ready; an
    answer reaches a result with the edition's contacts, the frame grows to fit it and the website
    scrolls to it; nothing is requested from anywhere but the guidance. A website on an origin not
    listed cannot frame it."""
    from serve import SiteServer, parse_headers_file

    rules: list = []  # filled once the site is built: the servers must hold their ports first
    guidance = SiteServer(tmp_path / "site", rules=rules)
    listed_host, other_host = tmp_path / "listed", tmp_path / "other"
    listed, other = SiteServer(listed_host, rules=[]), SiteServer(other_host, rules=[])
    site_url = guidance.url
    listed_origin = "http://localhost:" + str(listed.httpd.server_address[1])  # another origin, same machine
    other_url = other.url

    edition = tmp_path / EMBEDDING
    shutil.copytree(ROOT / "examples" / EMBEDDING, edition)
    config = (edition / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace(f"site_url: {_config(EMBEDDING)['site_url']}", f"site_url: {site_url}")
    config = config.replace("- https://www.harbourside-scp.example", f"- {listed_origin}")
    (edition / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = build_site(edition / "mkdocs.yml", tmp_path / "site", env=WITHOUT_PDF)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"embed_origins lists {listed_origin}, for trying the checkers in a frame on this computer" in result.stdout + result.stderr
    rules.extend(parse_headers_file((tmp_path / "site" / "_headers").read_text(encoding="utf-8")))

    guide = (tmp_path / "site" / "local" / "checkers-on-your-website" / "index.html").read_text(encoding="utf-8")
    lines = next(s for s in _snippets(guide) if "/embed/key-questions/" in s)
    website = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Harbourside SCP</title></head><body>"
               "<h1>Harbourside Safeguarding Children Partnership</h1><p>Our procedures.</p>\n" + lines + "\n<p>More of our website.</p></body></html>")
    for folder in (listed_host, other_host):
        folder.mkdir()
        (folder / "index.html").write_text(website, encoding="utf-8")
    contacts = _config(EMBEDDING)["extra"]["partnership"]["contacts"]

    with guidance, listed, other:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        requests, problems = [], []
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.goto(f"{listed_origin}/")
        frame = page.frame_locator("iframe")
        frame.locator('[data-checker="key-questions"][data-checker-state="ready"]').wait_for(timeout=90000)
        inside = page.frames[1]
        assert inside.url == f"{site_url}embed/key-questions/"
        fits = ("(() => { const frame = document.querySelector('iframe'); return frame.style.height !== '' && "
                "Math.abs(frame.getBoundingClientRect().height - %s) <= 1; })()")
        content_height = inside.evaluate("Math.ceil(document.querySelector('[data-embed-footer]').getBoundingClientRect().bottom + scrollY)")
        page.wait_for_function(fits % content_height, timeout=10000)
        before = page.evaluate("document.querySelector('iframe').getBoundingClientRect().height")

        for name, value in (("immediate_danger", "no"), ("purpose", "yes"), ("identifies", "yes"), ("confidential", "no")):
            inside.check(f'input[name="{name}"][value="{value}"]')
        inside.wait_for_selector('[data-checker-result][data-outcome="share"]', timeout=20000)
        content_height = inside.evaluate("Math.ceil(document.querySelector('[data-embed-footer]').getBoundingClientRect().bottom + scrollY)")
        page.wait_for_function(fits % content_height, timeout=10000)  # grown to fit the result
        assert content_height > before
        assert inside.evaluate("document.documentElement.scrollHeight <= innerHeight + 1")  # no scroll bar inside
        # The website scrolled to the result, which a frame cannot do itself.
        result_top = page.evaluate("document.querySelector('iframe').getBoundingClientRect().top") + \
            inside.evaluate("document.querySelector('[data-checker-result]').getBoundingClientRect().top")
        assert 0 <= result_top < 800, result_top
        result = inside.inner_text("[data-checker-result]")
        assert any(contact["name"] in result for contact in contacts.values()), result
        # A link within the result ("what to record"): the website scrolls to its target.
        page.evaluate("window.scrollTo(0, 0)")
        link = inside.locator('[data-checker-result] a[href^="#"]').first
        target = link.get_attribute("href")[1:]
        link.click()
        in_view = ("(() => { const top = document.querySelector('iframe').getBoundingClientRect().top + %s; "
                   "return top >= 0 && top < innerHeight; })()")
        target_top = inside.evaluate(f"document.getElementById({json.dumps(target)}).getBoundingClientRect().top + scrollY")
        page.wait_for_function(in_view % target_top, timeout=10000)
        # A link to the guidance opens in a new tab: the guidance's own pages may not be framed.
        with context.expect_page() as opened:
            inside.click("text=Open this checker in the full guidance")
        opened.value.wait_for_load_state()
        assert opened.value.url == f"{site_url}checkers/key-questions/"
        opened.value.close()
        assert [url for url in requests if not url.startswith((site_url, listed_origin))] == []
        assert [text for text in problems if "Content Security Policy" in text or "frame-ancestors" in text] == []

        other_page = context.new_page()
        with other_page.expect_event("console", predicate=lambda message: "frame-ancestors" in message.text, timeout=30000):
            other_page.goto(other_url)
        assert other_page.frame_locator("iframe").locator("[data-checker]").count() == 0
        context.close()
