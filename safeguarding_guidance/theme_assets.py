"""Theme files the site never uses are not shipped.

Material copies lunr language packs for searching in 30 languages into every site; this site searches
in English only, which needs none of them. Dropping them keeps every edition small and its files
free of dead third-party code. If `plugins.search.lang` gains another language, they are kept.
"""

from __future__ import annotations

LUNR_LANGUAGE_PACKS = "assets/javascripts/lunr/"


def on_files(files, config):
    search = config.plugins.get("search")
    languages = search.config.lang if search is not None else None
    if languages and list(languages) != ["en"]:
        return files
    for file in [f for f in files if f.src_uri.startswith(LUNR_LANGUAGE_PACKS)]:
        files.remove(file)
    return files
