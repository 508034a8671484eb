"""The guidance release these checkers belong to, named in every decision record.

The checkers are standard library only and never import the guidance package, so the release is kept
here as a constant. It is the version of the `safeguarding-guidance` package (YEAR.MONTH.DAY of the
newest page review, safeguarding_guidance.release): building a site fails, naming both, when the two
differ (safeguarding_guidance/plugin.py), so a record never names a release other than the one its
pages came from. The package takes its version from here (safeguarding_guidance/__init__.py): a new
release changes this one line.
"""

GUIDANCE_RELEASE = "2026.12.6"

# The edition a record names when the caller gives none (the command line): the unbranded guidance.
DEFAULT_EDITION = "Sharing information to safeguard children"
