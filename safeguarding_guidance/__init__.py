"""safeguarding-guidance: guidance for practitioners in England on sharing information to safeguard
children, as a static site any safeguarding partnership publishes under its own name.

The package holds the shared guidance pages, the templates and assets, the checkers with their
self-hosted Pyodide runtime, and the MkDocs plugin `safeguarding` that builds an edition from a
partnership's own folder (see edition.py). Its version follows the content: CHANGELOG.md says, for
every release, which law and guidance changed and from when.
"""

from checkers.release import GUIDANCE_RELEASE

# The release is set once, in checkers/release.py (the checkers name it in every decision record and
# never import this package).
__version__ = GUIDANCE_RELEASE
