"""Rules every stored string meets, whoever wrote it: the importer, an editor, the API."""

import re
import unicodedata

# Control characters but tab and line breaks (C0, DEL, C1): never part of a story, and XML 1.0
# (feeds, sitemaps) refuses them, so one in a title would break every feed it appears in.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def without_control_characters(value: str) -> str:
    """``value`` without control characters (a vertical tab pasted from a word processor)."""
    return CONTROL_CHARACTERS.sub("", value) if value and not value.isprintable() else value


def strip_control_characters(instance, fields: tuple[str, ...]) -> None:
    for name in fields:
        setattr(instance, name, without_control_characters(getattr(instance, name)))


def sort_name(name: str) -> str:
    """The name as a reader's index files it, whatever the database's collation: accents and
    case aside ("Réunion" between "Qatar" and "Romania", "Åland Islands" under A, not after
    "Zimbabwe" as SQLite's byte order puts them). Stored on entities (``Entity.sort_name``);
    the name itself breaks ties."""
    letters = unicodedata.normalize("NFKD", name)
    return "".join(c for c in letters if not unicodedata.combining(c)).casefold()[:200]
