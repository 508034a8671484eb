"""What the interpreter's memory snapshot holds: the runtime after start-up, the wheel unpacked,
every checkers module imported and every checker run once (api.warm_up), and nothing else: no corpus
run, no CHECKERS_DATE, no file written. Its file system is not in it: only what Python has in memory.

The driver runs this file as a script in the interpreter it snapshots (so that nothing of this
package is imported into the snapshot); prepare() is the same thing as a function, for tests.
"""

import importlib
import os
import pkgutil
import sys


def prepare():
    import checkers

    for module in pkgutil.iter_modules(checkers.__path__):
        if module.name != "__main__":  # that one runs the command line
            importlib.import_module("checkers." + module.name)
    checkers.api.warm_up()
    assert "CHECKERS_DATE" not in os.environ, "CHECKERS_DATE must not be baked into the snapshot"


def checkers_modules():
    """The checkers' modules loaded in this interpreter, sorted."""
    return sorted(n for n in sys.modules if n.split(".")[0] == "checkers")


if __name__ == "__main__":
    prepare()
