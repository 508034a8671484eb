"""How the site's search splits text, and what a reader types, into words.

Material's search runs lunr in a web worker. One regular expression, the search plugin's `separator`,
splits both the indexed text and the query into words: whatever it matches is not a word. Material
makes every word typed a prefix search ("me" is looked up as "me*"), and lunr skips its stop-word
filter for prefix searches, so with Material's defaults the small words of a question matched other
words: "police asked me for information" found "meeting" and "forums", "the police want a pupil's
records" found "age" and "accessibility" through "a". This separator makes those words separators:

- stop words: lunr's English list (the same words were never indexed), less the five words a
  practitioner's question turns on: "can", "cannot", "may", "must", "should" ("should I share",
  "must I tell the police"); plus what is left of a negative once its apostrophe goes ("don", "isn");
- apostrophes: "pupil's", "pupil’s" (the curly apostrophe phones type) and "pupils'" are the word
  "pupil" or "pupils"; a quotation mark before a word is not part of it ("‘consent’");
- question marks, semicolons and curly double quotes, with Material's own separators.

The stop words are then removed by the separator itself, in the text as in the query, so lunr's
own `stopWordFilter` is no longer needed (the `pipeline` is empty: no stop-word filter, stemmer or
trimmer; Material's search has never stemmed). `words()` splits text the same way in Python, for
the parts of the index built here (search_text.py).

The expression keeps to what every browser's JavaScript supports (no lookbehind, no `u` flag), and
each letter of a stop word is written as a class ("[Ff][Oo][Rr]") because the expression has no
case-insensitive flag in lunr (Material's page highlighter adds one).
"""

from __future__ import annotations

import re

# lunr 2.3.9's English stop words (lunr.stopWordFilter), the lunr Material's search worker bundles.
LUNR_STOP_WORDS = frozenset("""
a able about across after all almost also am among an and any are as at be because been but by can
cannot could dear did do does either else ever every for from get got had has have he her hers him
his how however i if in into is it its just least let like likely may me might most must my neither
no nor not of off often on only or other our own rather said say says she should since so some than
that the their them then there these they this tis to too twas us wants was we were what when where
which while who whom why will with would yet you your
""".split())
# Words a practitioner's question turns on, searched although lunr calls them stop words.
QUESTION_WORDS = frozenset({"can", "cannot", "may", "must", "should"})
# What is left of "don't", "isn't" and the like once the apostrophe and "t" are separators.
NEGATIVE_STEMS = frozenset({
    "aren", "couldn", "didn", "doesn", "don", "hadn", "hasn", "haven", "isn", "mustn", "needn", "shan",
    "shouldn", "wasn", "weren", "won", "wouldn",
})
STOP_WORDS = (LUNR_STOP_WORDS - QUESTION_WORDS) | NEGATIVE_STEMS

PUNCTUATION = r'[\s\-,:;!?=\[\]()"“”/]+'  # Material's defaults, and ; ? “ ”
CAMEL_CASE = r"(?!\b)(?=[A-Z][a-z])"  # Material's default: "DfE" is searched as "Df" and "E"
FULL_STOP = r"\.(?!\d)"  # Material's default: not inside "9.1"
ENTITIES = r"&[lg]t;"  # Material's default: the escaped < and > in the indexed text
OPENING_QUOTE = r"\B['‘’]"  # a quotation mark with no letter before it
APOSTROPHE = r"['‘’](?:[dmst]|ll|re|ve)?(?![A-Za-z])"  # 's 't 'd 'm 'll 're 've, or a closing mark


def _any_case(word: str) -> str:
    return "".join(f"[{letter.upper()}{letter}]" if letter.isalpha() else re.escape(letter) for letter in word)


STOP_WORD_PATTERN = r"\b(?:" + "|".join(_any_case(word) for word in sorted(STOP_WORDS, key=lambda w: (-len(w), w))) + r")\b"
SEPARATOR = "|".join([PUNCTUATION, CAMEL_CASE, FULL_STOP, ENTITIES, OPENING_QUOTE, APOSTROPHE, STOP_WORD_PATTERN])
PIPELINE: list[str] = []

_SPLIT = re.compile(SEPARATOR, re.ASCII)  # JavaScript's \b and [A-Z] know ASCII letters only


def words(text: str) -> list[str]:
    """The words lunr indexes in a plain text (stop words left out), in order, repeats included."""
    return [word for word in _SPLIT.split(text) if word]


def configure(search_config) -> None:
    """Give Material's search plugin this separator and pipeline (its `config`, before it starts)."""
    search_config.separator = SEPARATOR
    search_config.pipeline = list(PIPELINE)
