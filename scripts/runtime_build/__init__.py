"""The Python half of the checkers' runtime build (`make runtime`).

scripts/build_pyodide_runtime.mjs is a thin Node driver: it loads the pinned Pyodide (more than once),
copies this package into each interpreter's file system and calls it. Everything that runs inside
Python is here, as ordinary modules, so that it can be read, linted and tested under CPython:

    corpus      every command and request the checkers answer, run the same way in every runtime
    discover    which standard library modules the runtime and the checkers import
    bytecode    the standard library compiled to .pyc and trimmed; the wheel precompiled
    verify      checks on the runtime as built (where the checkers and the stdlib load from)
    snapshot    what the interpreter's memory snapshot holds (run as a script before it is taken)
    listing     stdlib-modules.txt, the list of kept modules for reviewers

Inside Pyodide these modules import only what the code they replace imported, at the same moment:
discovery records the modules imported at each step, so an extra import here would change the
trimmed standard library. No module here imports another package of this repository.
"""
