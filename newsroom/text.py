"""Rules every stored string meets, whoever wrote it: the importer, an editor, the API."""

import re
import unicodedata

# Control characters but tab and line breaks (C0, DEL, C1): never part of a story, and XML 1.0
# (feeds, sitemaps) refuses them, so one in a title would break every feed it appears in.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


# The scripts whose text the importer reads apart from the others (``articles.importing``).
# Chinese and Japanese write no spaces between words: their characters are read two at a time
# (``plaintext.WORD``; a Chinese paragraph was a handful of clause-long "words", and a dump's story
# read as short lines: no article found). The katakana middle dot is punctuation.
UNSPACED = "\u3040-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


def _combining_marks() -> str:
    """The combining marks of the Basic Multilingual Plane as a character class's ranges: the vowel
    signs and viramas of Indic scripts ("शर्मा" is letters and marks), Arabic harakat. Python's
    ``\\w`` takes letters, not marks: "यह भी पढ़ें" read as "यह भ पढ" and a name lost its last vowel."""
    ranges, start = [], None
    for code in range(0x300, 0x10000):
        mark = unicodedata.category(chr(code)).startswith("M")
        if mark and start is None:
            start = code
        elif not mark and start is not None:
            ranges.append(f"\\u{start:04x}-\\u{code - 1:04x}")
            start = None
    return "".join(ranges)


MARKS = _combining_marks()


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
