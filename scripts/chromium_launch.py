"""How the tests and the scripts start Chromium: Debian's chromium (installed by `make`), headless,
with nothing that reaches the network on its own. One place, so that a benchmark or an audit runs the
browser the tests run."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
