"""Lighthouse's performance score (mobile, simulated throttling: its defaults) for the built site, as
scripts/serve.py serves it: with its real headers and its precompressed files. A benchmark: it prints
figures and asserts nothing.

    python scripts/lighthouse.py [--site site] [--runs 3] [--port 8000] [--save FOLDER] [PATH ...]

PATH is a page of the site (default: the home page, a checker page, the lawful bases page and the
police page). Each page is audited --runs times, each in a fresh Chromium profile (a first visit: no
HTTP cache, no service worker); the median score is shown with its range, and the median of each
metric. Needs Lighthouse from npm (`npm ci`: the devDependency pinned in package.json) and Debian's
chromium (CHROME_PATH, default /usr/bin/chromium). The load average is printed with the figures:
Lighthouse's simulation starts from what the browser really took, so a busy machine lowers the scores.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from serve import SiteServer  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
PAGES = ["", "checkers/lawful-basis/", "lawful-bases/", "police/"]
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
METRICS = [  # (audit id, label, unit)
    ("first-contentful-paint", "FCP", "ms"),
    ("largest-contentful-paint", "LCP", "ms"),
    ("total-blocking-time", "TBT", "ms"),
    ("cumulative-layout-shift", "CLS", ""),
    ("speed-index", "SI", "ms"),
]
TARGET = 0.90


# Lighthouse's own intermittent trace failures (NO_NAVSTART and the like) end "Please run Lighthouse
# again": such a run is tried again, up to this many times in all, and says so; any other failure stops.
ATTEMPTS = 3


def audit(url: str, chrome: str, report: Path) -> dict:
    """One Lighthouse run (performance only, mobile, simulated throttling); its JSON report."""
    command = ["node", str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json",
               f"--output-path={report}", f"--chrome-flags={CHROME_FLAGS}", "--quiet"]
    for attempt in range(1, ATTEMPTS + 1):
        result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chrome},
                                check=False)
        if result.returncode == 0 and report.is_file():
            return json.loads(report.read_text(encoding="utf-8"))
        if "Please run Lighthouse again" not in result.stderr or attempt == ATTEMPTS:
            break
        print(f"  (Lighthouse asked to be run again for {url}: run {attempt} not counted)", file=sys.stderr)
    raise RuntimeError(f"lighthouse failed for {url}:\n{result.stderr[-2000:]}")


def loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", default=PAGES, metavar="PATH", help="pages of the site (default: four)")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default site/)")
    parser.add_argument("--runs", type=int, default=3, help="audits per page; the median is shown (default 3)")
    parser.add_argument("--port", type=int, default=0, help="port for the site's server (default: any free one)")
    parser.add_argument("--save", type=Path, help="keep every JSON report in this folder")
    args = parser.parse_args(argv)
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not (args.site / "index.html").is_file():
        sys.exit(f"{args.site} holds no built site: run `make site` first")
    if not LIGHTHOUSE.is_file():
        sys.exit("Lighthouse is missing: run `npm ci` (it is a devDependency in package.json)")
    if not Path(chrome).exists():
        sys.exit(f"no Chromium at {chrome}: apt-get install -y chromium, or set CHROME_PATH")
    version = json.loads((LIGHTHOUSE.parent.parent / "package.json").read_text(encoding="utf-8"))["version"]
    print(f"Lighthouse {version}, performance, mobile with simulated throttling (its defaults), "
          f"median of {args.runs} first visits per page; {len(os.sched_getaffinity(0))} CPUs")
    print(f"Load average before: {loadavg()}")
    print(f"{'page':<28}{'score':>16}" + "".join(f"{label:>10}" for _, label, _ in METRICS))
    below = []
    with SiteServer(args.site, port=args.port) as url, tempfile.TemporaryDirectory(prefix="lighthouse-") as temp:
        for page in args.pages:
            folder = args.save or Path(temp)
            folder.mkdir(parents=True, exist_ok=True)
            slug = page.strip("/").replace("/", "-") or "home"
            reports = [audit(url + page.lstrip("/"), chrome, folder / f"{slug}-{i + 1}.json") for i in range(args.runs)]
            scores = [r["categories"]["performance"]["score"] for r in reports]
            score = statistics.median(scores)
            cells = []
            for audit_id, _, unit in METRICS:
                value = statistics.median(r["audits"][audit_id]["numericValue"] for r in reports)
                cells.append(f"{value:,.0f} {unit}" if unit else f"{value:.3f}")
            shown = f"{score:.2f} ({min(scores):.2f}-{max(scores):.2f})" if len(scores) > 1 else f"{score:.2f}"
            print(f"{'/' + page.lstrip('/'):<28}{shown:>16}" + "".join(f"{cell:>10}" for cell in cells), flush=True)
            if score < TARGET:
                below.append(page or "/")
    print(f"Load average after: {loadavg()}")
    print(f"Target {TARGET:.2f} on every page: " + ("met" if not below else f"missed on {', '.join(below)}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
