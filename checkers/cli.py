"""Command line.

    python -m checkers NAME [--on YYYY-MM-DD] [FILE]
    python -m checkers questions NAME
    python -m checkers law [--on YYYY-MM-DD]

NAME is lawful-basis, proportionality, key-questions or decision-record. It reads one JSON object
out of FILE, or standard input without FILE, and prints one JSON object (UTF-8), exit status 0.
`law` reads nothing and prints the law register (a JSON list: every provision the checkers cite,
with its status on the date, how we know and when it was last checked), exit status 0.

--on YYYY-MM-DD (or --on=YYYY-MM-DD, before or after FILE) evaluates the law as it stood on that
date; the default is today in England (checkers/england_date.py), whatever the machine's time zone.
The environment variable CHECKERS_DATE=YYYY-MM-DD means the same; the option wins if both are
given. A date before 25 May 2018 is refused: the checkers do not model the Data Protection Act 1998.

Invalid input exits with status 2, prints nothing on standard output and one line on standard error
naming the field and what is allowed. The input is UTF-8 JSON (a byte-order mark is accepted) of at
most 1,000,000 bytes, nested at most 32 levels deep (counted before parsing, whether or not the
brackets balance). Error lines quote at most about 80 characters of a bad value and show control
characters as escapes. A standard output that is closed or full (a pipe whose reader has gone,
/dev/full) also exits with status 2 and one line on standard error, naming `output`.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sys
from typing import IO

from . import api
from .schema import InputError, quote

USAGE = (
    "usage: python -m checkers {" + "|".join(api.NAMES) + "} [--on YYYY-MM-DD] [FILE]"
    " | python -m checkers questions NAME | python -m checkers " + api.LAW + " [--on YYYY-MM-DD]"
)


class UsageError(Exception):
    pass


def evaluation_date(option: str | None = None) -> dt.date | None:
    """The date given by --on, else by CHECKERS_DATE, else None (today)."""
    if option is not None:
        return api.parse_on(option)
    value = os.environ.get("CHECKERS_DATE")
    return api.parse_on(value, "CHECKERS_DATE") if value else None


def parse_args(argv: list[str]) -> tuple[str, str | None, str | None]:
    """(checker name, FILE or None, --on value or None) for `NAME [--on DATE] [FILE]`, or
    ("law", None, --on value or None) for `law [--on DATE]`."""
    positional: list[str] = []
    on: str | None = None
    arguments = iter(argv)
    for argument in arguments:
        if argument == "--":
            positional += arguments
            break
        if argument == "--on" or argument.startswith("--on="):
            if on is not None:
                raise InputError("on", "is given twice; give one date, as --on YYYY-MM-DD")
            on = argument[len("--on="):] if argument.startswith("--on=") else next(arguments, None)
            if on is None:
                raise InputError("on", "needs a date: --on YYYY-MM-DD")
        elif argument.startswith("-") and argument != "-":
            raise UsageError(argument)
        else:
            positional.append(argument)
    if positional == [api.LAW]:
        return api.LAW, None, on
    if not 1 <= len(positional) <= 2 or positional[0] not in api.NAMES:
        raise UsageError(argv)
    return positional[0], positional[1] if len(positional) == 2 else None, on


def read_input(path: str | None, stdin: IO) -> str:
    """The input text from FILE or standard input, read as bytes where possible (so that invalid
    UTF-8 is refused, not smuggled through), never more than MAX_INPUT_BYTES + 1 of them."""
    limit = api.MAX_INPUT_BYTES + 1
    if path is None:
        data = getattr(stdin, "buffer", stdin).read(limit)
        return api.decode_input(data) if isinstance(data, bytes) else _text_input(data, "input")
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit)
    except OSError as error:
        raise InputError("FILE", f"cannot read {quote(path)}: {error.strerror or error}") from None
    try:
        return api.decode_input(data, "FILE")
    except InputError as error:
        raise InputError("FILE", f"cannot read {quote(path)}: {error.message}") from None


def _text_input(text: str, field: str) -> str:
    # Standard input given as text (tests pass io.StringIO): the same size limit, counted in characters.
    if len(text) > api.MAX_INPUT_BYTES:
        raise InputError(field, f"is larger than {api.MAX_INPUT_BYTES:,} bytes; a checker's input is a few kilobytes")
    return text


def write(stream: IO, text: str) -> None:
    """Write UTF-8 whatever the locale says (JSON is UTF-8), through the byte stream where there is one."""
    if stream is None:  # Python's sys.stdout when the process was started with it closed
        raise OSError(errno.EBADF, "standard output is closed")
    binary = getattr(stream, "buffer", None)
    if binary is not None:
        stream.flush()
        binary.write(text.encode("utf-8"))
        binary.flush()
    else:
        stream.write(text)


def main(argv: list[str] | None = None, stdin: IO | None = None, stdout: IO | None = None, stderr: IO | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    try:
        if len(argv) == 2 and argv[0] == "questions":
            output = api.questions(argv[1])
        else:
            name, path, on = parse_args(argv)
            date = evaluation_date(on)
            if name == api.LAW:
                output = api.law_register(date)
            else:
                output = api.evaluate(name, api.parse_json(read_input(path, stdin)), date)
    except UsageError:
        write(stderr, USAGE + "\n")
        return 2
    except InputError as error:
        write(stderr, api.error_line(error) + "\n")
        return 2
    try:
        write(stdout, api.json_text(output))
    except OSError as error:  # standard output closed (a pipe whose reader has gone) or full
        _discard_unwritten(stdout)
        write(stderr, f"output: could not write the result ({error.strerror or type(error).__name__})\n")
        return 2
    return 0


def _discard_unwritten(stream: IO) -> None:
    """After a failed write to the process's standard output, point its file descriptor at the null
    device, so that Python's own flush at exit finds somewhere to put what is still buffered instead
    of printing a second error (the way the Python documentation suggests for a closed pipe)."""
    try:
        descriptor = stream.fileno()
    except (OSError, ValueError, AttributeError):  # not a real file (tests pass in-memory streams)
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, descriptor)
    finally:
        os.close(null)
