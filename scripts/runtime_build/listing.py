"""stdlib-modules.txt: every standard library module the trimmed zip keeps, with why, for reviewers."""

HEADER = (
    "# Standard library modules kept in python_stdlib.zip (as sourceless .pyc), with why:\n"
    "# startup = imported when Pyodide starts; unpack = by unpackArchive(wheel, \"wheel\");\n"
    "# checkers = imported running every checker command (CLI, api.handle with JSON and form input);\n"
    "# margin = safety margin (modules the checkers or the runtime could import, and their imports).\n"
)
REASONS = ("startup", "unpack", "checkers", "margin")


def module_name(file):
    """The module a file in the zip holds: "email/__init__.py" -> "email", "json/decoder.py" -> "json.decoder"."""
    name = file.removesuffix(".py")
    if name.endswith("/__init__"):
        name = name[: -len("/__init__")]
    return name.replace("/", ".")


def modules_listing(discovery):
    """The text of stdlib-modules.txt from discovery's lists (startup, unpack, checkers, margin)."""
    rows = [(module_name(file), why) for why in REASONS for file in discovery[why]]
    rows.sort(key=lambda row: row[0])
    return HEADER + "\n".join(f"{name.ljust(48)} {why}" for name, why in rows) + "\n"
