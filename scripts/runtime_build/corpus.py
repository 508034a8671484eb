"""The corpus: every command and request the checkers answer, run the same way in the original
runtime (discovery), in the built one (verification) and in the restored memory snapshot; every
result must be the same in all three. It uses only modules loaded when Pyodide starts (io, json, os,
traceback), so running it changes nothing discovery measures but the checkers' own imports.

Under CPython it runs the same way (tests/test_runtime_build.py).
"""

import io
import json
import os
import traceback

FIXED_DATE = "2026-01-15"


def _cli(args, stdin_text=""):
    from checkers import cli
    out, err = io.StringIO(), io.StringIO()
    try:
        code = cli.main(list(args), stdin=io.StringIO(stdin_text), stdout=out, stderr=err)
    except BaseException as error:  # a crash is a result too: it must be the same both ways
        code = "crash: " + "".join(traceback.format_exception_only(error)).strip()
    return {"cli": list(args), "stdin": stdin_text, "exit": code, "stdout": out.getvalue(), "stderr": err.getvalue()}


def _handle(request):
    from checkers import api
    text = request if isinstance(request, str) else json.dumps(request, ensure_ascii=False)
    try:
        response = api.handle(text)
    except BaseException as error:  # handle() should never raise; if it does, that is a result too
        response = "crash: " + "".join(traceback.format_exception_only(error)).strip()
    return {"handle": text, "response": response}


def _variants(questions):
    """A base answer set (first choice everywhere), then each answer varied in turn."""
    from checkers.schema import Kind
    base = {}
    for q in questions:
        if q.kind is Kind.BOOLEAN:
            base[q.id] = True
        elif q.kind is Kind.CHOICE:
            base[q.id] = q.choices[0].id
        elif q.kind is Kind.MULTI:
            base[q.id] = [q.choices[0].id]
        else:
            base[q.id] = "Some text"
    yield dict(base)
    for q in questions:
        if q.kind is Kind.BOOLEAN:
            values = [False]
        elif q.kind is Kind.CHOICE:
            values = [c.id for c in q.choices[1:]]
        elif q.kind is Kind.MULTI:
            ids = q.choice_ids()
            values = [[i] for i in ids[1:]] + [ids]
        else:
            values = ["<b>Tom & Jerry</b> *1.* [x](y)\n- dash\n3) three", "é ü 😀"]
        for value in values:
            yield {**base, q.id: value}
        if not q.required:
            yield {k: v for k, v in base.items() if k != q.id}
    # one answer set per choice of the first question combined with every other question's choices
    first = questions[0]
    if first.kind is Kind.CHOICE:
        for c in first.choices:
            for q in questions[1:]:
                if q.kind is Kind.CHOICE:
                    for d in q.choices:
                        yield {**base, first.id: c.id, q.id: d.id}


def _form_pairs(answers):
    pairs = []
    for key, value in answers.items():
        if isinstance(value, list):
            pairs += [[key, item] for item in value]
        elif isinstance(value, bool):
            pairs.append([key, "true" if value else "false"])
        else:
            pairs.append([key, str(value)])
    return pairs


DETAILS = {
    "what": "Health information about the parent",
    "with_whom": "J Smith, social worker, children's social care",
    "why": "Risk of significant harm <script>alert(1)</script> & more",
    "when": "2026-01-15 10:00",
    "by_whom": "A Person, DSL",
    "decision": "shared",
    "reasons": "# Because\n1. the child *was* at risk\n- and [this](x)",
    "consulted": "DPO",
}


def run_corpus(scenarios, scratch="/tmp/corpus"):
    """scenarios: [(checker name, scenario file text)], as the driver reads tests/scenarios/<checker>/*.json.
    Returns every result, in order. Sets CHECKERS_DATE to FIXED_DATE (and leaves it set)."""
    from checkers import api
    os.environ["CHECKERS_DATE"] = FIXED_DATE
    results = []
    add = results.append
    os.makedirs(scratch, exist_ok=True)
    if hasattr(api, "warm_up"):  # what the browser worker runs before it says it is ready
        api.warm_up()
    for name in list(api.NAMES) + ["nope"]:
        add(_cli(["questions", name]))
    for args in ([], ["nope"], ["questions"], ["lawful-basis", "a", "b"], ["questions", "lawful-basis", "x"]):
        add(_cli(args))
    for name, module in api.CHECKERS.items():
        for answers in _variants(module.QUESTIONS):
            text = json.dumps(answers, ensure_ascii=False)
            add(_cli([name], text))
            add(_handle({"checker": name, "input": answers}))
            add(_handle({"checker": name, "form": _form_pairs(answers)}))
            record = {"checker": name, "answers": answers, "details": DETAILS, "partnership": "Anytown <LSCP>"}
            add(_cli(["decision-record"], json.dumps(record)))
            add(_handle({"checker": "decision-record", "input": record}))
        add(_handle({"checker": name, "form": [["nope", "x"]]}))
        add(_handle({"checker": name, "input": {}}))
        add(_handle({"checker": name, "input": []}))
        add(_handle({"checker": name, "form": [[module.QUESTIONS[0].id, "not-a-choice"]]}))
    for rel, (name, text) in enumerate(scenarios):
        case = json.loads(text)
        file = os.path.join(scratch, f"scenario{rel}.json")
        with open(file, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(case["input"], ensure_ascii=False))
        add(_cli([name, file]))
        add(_handle({"checker": name, "input": case["input"]}))
    bad = os.path.join(scratch, "bad.json")
    with open(bad, "wb") as handle:
        handle.write(b"\xff\xfe{}")
    for name in api.NAMES:
        for text in ("", "not json", "{", "[]", "{}", "NaN", '{"a": 1, "a": 2}', '{"nope": true}', "null", '"x"'):
            add(_cli([name], text))
        add(_cli([name, os.path.join(scratch, "missing.json")]))
        add(_cli([name, bad]))
    add(_cli(["decision-record"], json.dumps({"checker": "lawful-basis", "answers": {}})))
    add(_cli(["decision-record"], json.dumps({"checker": "nope", "answers": {}})))
    add(_cli(["decision-record"], json.dumps({"checker": "lawful-basis", "answers": {"data": []}, "details": {}})))
    for request in ("not json", "[]", "{}", {"checker": "nope"}, {"checker": "decision-record", "form": []},
                    {"checker": "lawful-basis", "input": {"data": []}}, {"checker": "lawful-basis"}):
        add(_handle(request))
    # issue 13's probe and the evaluation date: whatever these paths import must stay in the zip
    for text in ("[" * 1000 + "]" * 1000, '{"purpose": ' + "9" * 4301 + "}", '{"purpose": "\\ud800"}',
                 '\ufeff{"purpose": "no"}', '{"purpose": "\\u001b[2J", "\\u202e": 1}', '{"purpose": ' + "9" * 500 + "}"):
        add(_cli(["key-questions"], text))
    for args in (["--on", "2026-10-01"], ["--on=2018-05-24"], ["--on", "2026-02-30"], ["--on"]):
        add(_cli(["key-questions", *args], "{}"))
    for request in ({"checker": ["lawful-basis"], "input": {}}, {"checker": "key-questions", "input": {}, "on": "2026-10-01"},
                    {"checker": "key-questions", "input": {}, "on": "2018-05-24"}, {"checker": "key-questions", "form": 5}):
        add(_handle(request))
    os.environ["CHECKERS_DATE"] = "15/01/2026"
    add(_cli(["lawful-basis"], "{}"))
    del os.environ["CHECKERS_DATE"]
    today = _cli(["key-questions"], "{}")  # today's date: compared on its exit code only
    add({"today": today["exit"]})
    os.environ["CHECKERS_DATE"] = FIXED_DATE
    return results
