"""Checkers for sharing information to safeguard children in England.

Pure Python, standard library only, for CPython 3.11+ and Pyodide. They support professional
judgement; they do not replace it, and they are not legal advice.
"""

__version__ = "1.0.0"
