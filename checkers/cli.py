"""Command line: `python -m checkers NAME [FILE]` and `python -m checkers questions NAME`.

Reads one JSON object from FILE or standard input and prints one JSON object. Invalid input exits
with status 2, prints nothing on standard output and one line on standard error naming the field and
what is allowed. CHECKERS_DATE=YYYY-MM-DD evaluates as on another date (default: today).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from typing import TextIO

from . import api
from .schema import InputError

USAGE = "usage: python -m checkers {" + "|".join(api.NAMES) + "} [FILE] | python -m checkers questions NAME"


def _reject_constant(name: str) -> object:
    raise InputError("input", f"{name} is not valid JSON")


def _object_pairs(pairs: list[tuple[str, object]]) -> dict:
    result: dict = {}
    for key, value in pairs:
        if key in result:
            raise InputError(key, "appears twice; give each field once")
        result[key] = value
    return result


def parse_json(text: str) -> object:
    try:
        return json.loads(text, object_pairs_hook=_object_pairs, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise InputError("input", f"is not valid JSON ({error.msg} at line {error.lineno} column {error.colno})") from None


def evaluation_date() -> dt.date | None:
    value = os.environ.get("CHECKERS_DATE")
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError("CHECKERS_DATE", f"{value!r} is not a date; allowed: YYYY-MM-DD") from None


def main(argv: list[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    try:
        if len(argv) == 2 and argv[0] == "questions":
            output = api.questions(argv[1])
        elif 1 <= len(argv) <= 2 and argv[0] in api.NAMES:
            if len(argv) == 2:
                try:
                    with open(argv[1], encoding="utf-8") as handle:
                        text = handle.read()
                except (OSError, UnicodeDecodeError) as error:
                    raise InputError("FILE", f"cannot read {argv[1]}: {error}") from None
            else:
                text = stdin.read()
            output = api.evaluate(argv[0], parse_json(text), evaluation_date())
        else:
            print(USAGE, file=stderr)
            return 2
    except InputError as error:
        print(" ".join(str(error).split()), file=stderr)
        return 2
    print(json.dumps(output, indent=2, ensure_ascii=False), file=stdout)
    return 0
