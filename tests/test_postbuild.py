"""What happens after the pages are built, as plain functions on the built folder: the post-build steps
(runtime, service worker, security headers, precompression) run with MkDocs unavailable; the PDF of
the whole guidance and the Atom feed of changes in the default site; a clear message when the PDF's
system library is missing."""

from __future__ import annotations

import filecmp
import importlib.abc
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader

from conftest import ROOT
from safeguarding_guidance import __version__, pdf
from safeguarding_guidance.feed import ENTRY_HEADING

ATOM = "{http://www.w3.org/2005/Atom}"
STEP_OUTPUTS = ("_headers", "_headers.nginx", "_headers.embed.nginx", "sw.js")


def _compressed(site) -> set[str]:
    """The .gz copies the precompression step writes (MkDocs writes sitemap.xml.gz itself)."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*.gz") if p.name != "sitemap.xml.gz"}


def test_post_build_steps_run_on_a_built_folder_without_mkdocs(default_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(default_site.path, site)
    for name in STEP_OUTPUTS:
        (site / name).unlink()
    shutil.rmtree(site / "assets" / "runtime")
    for name in _compressed(site):
        (site / name).unlink()

    # `import mkdocs` fails in this process: the steps must not need it.
    script = (
        "import sys; sys.modules['mkdocs'] = None\n"
        "from safeguarding_guidance.postbuild import main\n"
        "sys.exit(main(sys.argv[1:]))"
    )
    result = subprocess.run([sys.executable, "-c", script, str(site)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert re.search(r"\d+ runtime files copied, \d+ files precached by sw.js, 6 security headers, \d+ files precompressed", result.stdout)

    for name in STEP_OUTPUTS:
        assert filecmp.cmp(site / name, default_site.path / name, shallow=False), name
    built_runtime = default_site.path / "assets" / "runtime"
    comparison = filecmp.dircmp(site / "assets" / "runtime", built_runtime)
    assert comparison.left_only == comparison.right_only == [] and comparison.diff_files == []
    assert _compressed(site) == _compressed(default_site.path)


def test_default_site_has_its_pdf_and_feed(default_site):
    reader = PdfReader(default_site.path / pdf.PDF_NAME)
    title_page = " ".join(reader.pages[0].extract_text().split())
    assert "Sharing information to safeguard children" in title_page
    assert f"Guidance version {__version__}" in title_page
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline[0] == "Contents" and "What changed" in outline

    headings = re.findall(r"^## (.+?)(?: \{#[^}]+\})?$", (ROOT / "docs" / "changes.md").read_text(encoding="utf-8"), re.M)
    dated = [heading for heading in headings if ENTRY_HEADING.match(heading)]
    feed = ET.parse(default_site.path / "feed.xml").getroot()
    titles = [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")]
    assert titles == [f"Guidance, {heading}" for heading in dated]  # newest first, as the page lists them
    assert len(dated) >= 2


def test_every_page_links_its_pdf_feed_and_version(default_site):
    pages = sorted(default_site.path.rglob("index.html"))
    assert len(pages) > 25
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert f"Guidance version {__version__}, law and guidance as at" in html, page
        depth = len(page.relative_to(default_site.path).parts) - 1
        prefix = "../" * depth
        assert f'href="{prefix}{pdf.PDF_NAME}" data-guidance-pdf' in html, page
        assert f'href="{prefix}feed.xml" data-guidance-feed' in html, page
        assert f'<link rel="alternate" type="application/atom+xml"' in html, page


class _NoPango(importlib.abc.MetaPathFinder):
    """Import weasyprint as on a machine without Pango: cffi cannot load the library."""

    def find_spec(self, name, path, target=None):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file")
        return None


def test_a_missing_pdf_library_stops_the_build_with_both_ways_forward(monkeypatch, tmp_path):
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_NoPango(), *sys.meta_path])
    with pytest.raises(pdf.PdfUnavailable) as caught:
        pdf.build_pdf(tmp_path, [], None)
    message = str(caught.value)
    assert "WeasyPrint needs the Pango library, which this machine does not have (cannot load library 'libpango-1.0-0'" in message
    assert "sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0" in message
    assert "setting `pdf: false` under the safeguarding plugin in mkdocs.yml" in message
