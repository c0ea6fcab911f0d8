"""Bytes to clean Unicode text: byte-order marks, UTF-8/16, and the region's legacy encodings."""

import codecs
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from charset_normalizer import from_bytes

from newsroom.text import MARKS, without_control_characters

from .detect import csv_delimiter
from .errors import ImportRejected

# Magic numbers of files that are certainly not articles, with the name a person knows them by.
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"RIFF", "a RIFF media file (WebP, WAV or AVI)"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", None),  # BMP only when followed by a plausible header; checked below
    (b"MZ", "a Windows executable"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"\xca\xfe\xba\xbe", "an executable (Mach-O or Java class)"),
    (b"\xcf\xfa\xed\xfe", "an executable (Mach-O)"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"BZh", None),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"OggS", "an audio/video file (Ogg)"),
    (b"ID3", "an MP3 audio file"),
    (b"\x00\x00\x00\x18ftyp", "a video file (MP4)"),
    (b"\x00\x00\x00\x20ftyp", "a video file (MP4)"),
    (b"\x00asm", "a WebAssembly binary"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Legacy encodings of the region: tried (and only these) when the bytes are not UTF-8.
LEGACY_ENCODINGS = ["cp1251", "koi8_r", "cp1252", "latin_1"]
# A zero-width non-joiner or joiner that is not spelling: Persian writes one inside its words
# ("می‌گویند", "برچسب‌ها": the verb's prefix and the plural's ending stay unjoined), Indic scripts
# between a virama and a letter; elsewhere (around a Latin letter, a space, at a word's end) it is
# a stray that only gets in the way of search and matching.
# (The joiner is matched first and what surrounds it looked at after: lookbehinds tried at every
# character made the pass over a 120 KB Arabic page 9 times slower.)
_STRAY_JOINER = re.compile(
    rf"[\u200c\u200d](?:(?<![^\W\d_\x00-\x7f][\u200c\u200d])(?<![{MARKS}][\u200c\u200d])|(?![^\W\d_\x00-\x7f]))"
)
# The marks and embeddings that set the direction of Arabic, Persian and Urdu text around figures
# and Latin words (RLM, LRM, ALM, U+202A-U+202E, U+2066-U+2069): invisible, copied with the text
# ("\u200f١٤ مارس ٢٠٢٦", "\u202bكتب: …\u202c"), where they kept a date or a byline from being read.
BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# The invisible characters a text is cleared of: zero-width spaces, word joiner, BOM, soft hyphen,
# direction marks (a stray zero-width joiner or non-joiner too: ``without_stray_joiners``).
INVISIBLE = f"\u200b\u2060\ufeff\u00ad{BIDI_CONTROLS}"
# Control characters and invisible ones (zero-width spaces, direction marks, BOM, soft hyphen): a
# non-ASCII text is cleared of both in one pass, then of stray joiners (``without_stray_joiners``).
_CONTROL_OR_INVISIBLE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{INVISIBLE}]")


def without_stray_joiners(text: str) -> str:
    """The text without the zero-width joiners and non-joiners that are not spelling."""
    if "\u200c" not in text and "\u200d" not in text:
        return text
    return _STRAY_JOINER.sub("", text)


def _without_invisible(text: str) -> str:
    return without_stray_joiners(_CONTROL_OR_INVISIBLE.sub("", text))


# Mojibake: UTF-8 read once as latin-1 or cp1252 before it was saved ("â€™" for "’", "Ã©" for
# "é", "â\x80\x94" for "—"). Its mark is a lead byte's letter (Â-ô) followed by a continuation
# byte's (U+0080-U+00BF, or what cp1252 puts there: ’ “ ” – — … € ™ Š Œ …).
# Some marks cannot be correct text: a C1 control after the letter; "â€"/"â„" (the punctuation
# and symbol blocks: ’ “ ” – — … • ™); a Latin-1 sign after "Ã"/"Â" (Western letters and signs:
# "Ã©" é, "Â " a no-break space), after "Ð"/"Ñ", "Î"/"Ï", "Ø"/"Ù" (Cyrillic, Greek, Arabic) or
# after "ä"-"é" (CJK: "ä¸" 中); and "ï¿" ("ï¿½", a misread "�"). Guillemets, "°" and "·" are
# excepted («IRMÃ» is Portuguese, "né»" French).
# Others can be correct: "CIDADÃ–MODELO", "ROMÂ“", and above all an accented letter before a
# closing quote ("está”"). A text is repaired on one certain mark, or on three marks led by "Â",
# "Ã" or "â" (those an accented word ends with are not counted). ftfy then repairs a sequence
# only where it judges the repair certain. The search is about 0.5 ms on a 157 KB page (ftfy's
# own badness test would be 25 ms); UTF-8 bytes without a \xc3 (the first byte of every letter
# Â-ô) cannot hold a mark and skip it.
_MOJIBAKE_MARK = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_CERTAIN_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u009f]|\u00e2[\u20ac\u201e]|\u00ef\u00bf"  # "ï¿½" is a misread "�"
    "|[\u00c2\u00c3\u00ce\u00cf\u00d0\u00d1\u00d8\u00d9][\u00a0-\u00aa\u00ac-\u00af\u00b1-\u00b6\u00b8-\u00ba\u00bc-\u00bf]"
    "|[\u00e4-\u00e9][\u00a0-\u00aa\u00ac-\u00af\u00b1-\u00b6\u00b8-\u00ba\u00bc-\u00bf]"
)
_LIKELY_LEADS = frozenset("\u00c2\u00c3\u00e2")
_LIKELY_MARKS = 3
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)
# A feed's (or an XHTML page's) own declaration: <?xml version="1.0" encoding="windows-1250"?>.
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")


_ZIPPED_DOCUMENTS = (
    (b"word/", "a Word document"),
    (b"xl/", "an Excel spreadsheet"),
    (b"ppt/", "a PowerPoint presentation"),
    (b"[Content_Types].xml", "an Office document"),
    (b"application/vnd.oasis.opendocument.text", "an OpenDocument text"),
    (b"application/vnd.oasis.opendocument", "an OpenDocument file"),
    (b"application/epub+zip", "an e-book (EPUB)"),
)


ZIPPED_DOCUMENT_KINDS = frozenset(label for _part, label in _ZIPPED_DOCUMENTS)


def sniff_binary(data: bytes) -> str | None:
    """Name the kind of binary file ``data`` is, or None when it may be text."""
    if data.startswith(b"PK\x03\x04"):
        # An office document is a zip: its parts' names show in the first member's header.
        head = data[:4096]
        return next((label for part, label in _ZIPPED_DOCUMENTS if part in head), "a zip archive")
    for magic, label in _MAGIC:
        if data.startswith(magic) and label:
            return label
    if data.startswith(b"BM") and len(data) > 26 and data[6:10] == b"\x00\x00\x00\x00":
        return "a BMP image"
    if data[4:8] == b"ftyp":
        return "a video or image file (ISO media)"
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    head = data[:8192]
    if b"\x00" in head and _utf16_without_bom(head) is None:
        return "a binary file"
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 without a byte-order mark: every other byte is the high byte of a character, NUL
    for the Latin alphabet, the script's block for others (4 for Cyrillic), and NUL again for its
    spaces and punctuation; the bytes between are the letters themselves, rarely NUL."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    for name, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if low.count(0) >= 0.05 * len(low) or not high.count(0):
            continue
        if high.count(0) > 0.4 * len(high):
            return name
        top_two = sum(count for _, count in Counter(high).most_common(2))
        if top_two > 0.95 * len(high) and high.count(0) > 0.05 * len(high):
            return name
    return None


def detect_encoding(data: bytes) -> str:
    """The encoding of ``data``; raises ImportRejected when no plausible one fits."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    utf16 = _utf16_without_bom(data[:8192])
    if utf16:
        return utf16
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    declared = _XML_ENCODING.search(data[:512]) or _META_CHARSET.search(data[:4096])
    if declared:
        try:
            name = codecs.lookup(declared.group(1).decode("ascii")).name
            data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            if name in _WHATWG_WINDOWS and _WINDOWS_ONLY_BYTES.search(data):
                # Pages and feeds labelled Latin-1 are mostly saved in Windows-1252 (their ’ “ ” —
                # are bytes Latin-1 gives to control characters): browsers read the label so too.
                name = _one_of(data, _WHATWG_WINDOWS[name], name) or name
            if name != "utf-8":
                return _declared_checked(data, name)
    western = _WesternReading.of(data)
    if found := _greek(data, western) or _latin_legacy(data, western):
        return found
    best = from_bytes(data[:200_000], cp_isolation=LEGACY_ENCODINGS, threshold=0.3).best()
    # Bytes Windows-1252 leaves undefined (Latin-1 has control characters there) are Slovak and
    # Czech "ť"/"Ť" and "Ź" in Windows-1250 ("zastupiteľstvo ... ťažké"): the guesser gave up on
    # them, or took Latin-1 (and its control characters were then refused).
    if (
        (best is None or best.encoding == "latin_1")
        and _SLOVAK_BYTES.search(data)
        and not western.accented_share_over(0.3)
        and _decodes(data, "cp1250")
    ):
        return "cp1250"
    if (best is None or best.encoding in ("koi8_r", "cp1251")) and _reads_as_koi8_u(data):
        return "koi8_u"
    if best is None:
        if baltic := _baltic_encoding(data, western):  # the guesser finds Latvian quotes („ ”) too chaotic
            return baltic
        raise ImportRejected(
            "the bytes are not text in any supported encoding (UTF-8, UTF-16, cp1251, koi8-r, koi8-u, "
            "latin-1, Baltic cp1257, Central European cp1250, Greek cp1253, Turkish cp1254)"
        )
    if best.encoding in ("cp1252", "latin_1"):
        return _baltic_encoding(data, western) or best.encoding
    if (
        best.encoding in ("cp1251", "koi8_r")
        and not western.accented_share_over(0.3)  # Cyrillic read as Western is mostly accented
        and _mostly_mixed_script(data[:200_000].decode(best.encoding, errors="replace"))
    ):
        return _one_of(data, "cp1252", "latin_1") or best.encoding  # Finnish "tдnддn" is "tänään"
    return best.encoding


# Ukrainian's "є", "і", "ї", "ґ" (and capitals) in KOI8-U sit where KOI8-R has box-drawing signs:
# the guesser, which knows KOI8-R only, reads Ukrainian as Russian with "╕" and "╖" inside words,
# or gives up on it.
_KOI8_U_BYTES = re.compile(rb"[\xa4\xa6\xa7\xad\xb4\xb6\xb7\xbd]")
_KOI8_CAPITALS = bytes(range(0xE0, 0x100))
_KOI8_SMALL = bytes(range(0xC0, 0xE0))
_UKRAINIAN_IN_WORD = re.compile(r"(?<=[а-яА-Я])[єіїґЄІЇҐ]|[єіїґЄІЇҐ](?=[а-яА-Я])")
_CYRILLIC_LETTER = re.compile(r"[а-яА-ЯёЁєіїґЄІЇҐ]")
_LETTER = re.compile(r"[^\W\d_]")
_BOX_DRAWING = re.compile("[\u2500-\u25ff\u2320\u2321\u2248\u2264\u2265\u00b2\u00f7]")


def _reads_as_koi8_u(data: bytes) -> bool:
    """Ukrainian in KOI8-U: its own letters inside words, in a text at least a third Cyrillic and
    mostly lower case so read, which the guesser finds coherent as KOI8-U (random bytes from
    KOI8's letter range are not)."""
    if not _KOI8_U_BYTES.search(data) or not _decodes(data, "koi8_u"):
        return False
    # KOI8 puts capitals at 0xE0-0xFF and small letters at 0xC0-0xDF: Windows-1251 prose (its small
    # letters at 0xE0-0xFF) is told at once, before the text is read.
    head = data[:200_000]
    capitals = len(head) - len(head.translate(None, _KOI8_CAPITALS))
    if capitals >= 0.35 * (capitals + len(head) - len(head.translate(None, _KOI8_SMALL))):
        return False
    from .html import visible_lines

    text = visible_lines(head.decode("koi8_u"))[:100_000]
    letters = len(_LETTER.findall(text))
    cyrillic = _CYRILLIC_LETTER.findall(text)
    if not (
        _UKRAINIAN_IN_WORD.search(text)
        and len(cyrillic) > 0.3 * letters
        # Prose is mostly lower case; KOI8's letter bytes drawn at random are half capitals.
        and sum(letter.isupper() for letter in cyrillic) < 0.35 * len(cyrillic)
        # KOI8's other high bytes are box-drawing signs and blocks: random bytes are full of them.
        and len(_BOX_DRAWING.findall(text)) * 100 < letters
    ):
        return False
    return from_bytes(head, cp_isolation=["koi8_u"], threshold=0.2).best() is not None


_CYRILLIC_WORD = re.compile(r"[^\W\d_]*[а-яёА-ЯЁ][^\W\d_]*")


def _mostly_mixed_script(text: str) -> bool:
    """Whether most words with Cyrillic letters also hold Latin ones: what a Latin-script text
    read as Cyrillic looks like (its accented letters turned Cyrillic inside Latin words)."""
    words = _CYRILLIC_WORD.findall(text[:100_000])
    mixed = sum(any("a" <= letter.lower() <= "z" for letter in word) for word in words)
    return bool(words) and mixed * 2 > len(words)


# Labels the WHATWG Encoding Standard (what browsers follow) reads as a Windows code page.
_WHATWG_WINDOWS = {"ascii": "cp1252", "iso8859-1": "cp1252", "iso8859-9": "cp1254"}


@dataclass(frozen=True)
class _WesternReading:
    """The page's visible text read as Windows-1252, which the checks below judge (markup would
    dilute their shares; a reading that is wrong shows what the right one would be), with its
    letters and its accented letters (À-ÿ) counted."""

    text: str
    counts: Counter  # of each character: the checks below ask for a few of them, many times
    letters: int
    accented: int

    @classmethod
    def of(cls, data: bytes) -> "_WesternReading":
        from .html import visible_lines  # the page as a reader sees it: no scripts, styles or tags

        text = visible_lines(data[:200_000].decode("cp1252", errors="replace"))[:100_000]
        counts = Counter(text)
        return cls(
            text=text,
            counts=counts,
            letters=sum(count for character, count in counts.items() if character.isalpha()),
            accented=sum(count for character, count in counts.items() if "\u00c0" <= character <= "\u00ff"),
        )

    def count(self, characters: str) -> int:
        """How many of these characters the text holds."""
        return sum(self.counts[character] for character in characters)

    def in_word(self, characters: str) -> int:
        """How many of these characters touch a letter (marks in words, not signs beside numbers)."""
        if not self.count(characters):
            return 0
        text = self.text
        return sum(
            (start > 0 and text[start - 1].isalpha()) or (start + 1 < len(text) and text[start + 1].isalpha())
            for start in (found.start() for found in re.finditer(f"[{characters}]", text))
        )

    def accented_share_over(self, share: float) -> bool:
        """Whether accented letters are more than ``share`` of the letters: no Western language
        writes a tenth; Cyrillic read so is nearly all accented, and so are random bytes."""
        return self.accented > share * self.letters


# The Baltic languages saved in Windows-1257 and read as Windows-1252 show "ð"/"þ" for their
# frequent "š"/"ž". Lithuanian also shows "ë"/"ø" for "ė"/"ų" ("ë" at least once: Faroese writes
# "ð" and "ø", Icelandic "ð" and "þ", neither "ë"). Latvian shows "ò"/"ï"/"ì" for "ņ"/"ļ"/"ģ" and
# "â"/"î"/"û" for its long vowels "ā"/"ī"/"ū": 7-11 letters in a hundred, where French, Portuguese
# and Romanian text has under 2 ("ç", Latvian "ē", is left out: common in French and Turkish; so
# is "ï", Latvian "ļ": French "naïf", Welsh "copïo"). (Offered to the detector as one more
# candidate, cp1257 took French for Baltic.) Windows-1257 leaves a few bytes undefined that ISO-8859-13 (Latvian quotes „”) has.
_SH_ZH = "ðþÐÞ"
_NORDIC_VOWELS = "áéíóúýæøÁÉÍÓÚÝÆØ"
_E_U = "ëøËØ"
_LATVIAN_SOFT = "òìÒÌ"
_LATVIAN_LONG = "âîûÂÎÛ"
_BALTIC_CODECS = ("cp1257", "iso8859-13")


def _baltic_encoding(data: bytes, western: _WesternReading, *, least_letters: int = 0) -> str | None:
    """Windows-1257 (else ISO-8859-13, whichever decodes the bytes) when they read as Lithuanian or
    Latvian, judged on at least ``least_letters`` letters."""
    if not _reads_as_baltic(western, least_letters=least_letters):
        return None
    for name in _BALTIC_CODECS:
        try:
            data.decode(name)
        except UnicodeDecodeError:
            continue
        return name
    return None


def _reads_as_baltic(western: _WesternReading, *, least_letters: int = 0) -> bool:
    letters = western.letters
    # Baltic prose is mostly the plain Latin alphabet: bytes that read as mostly accented letters
    # (random or binary bytes) are not Baltic, whatever marks they happen to show.
    if letters < least_letters or western.accented_share_over(0.3):
        return False
    sh_zh, e_u = western.count(_SH_ZH), western.count(_E_U)
    if sh_zh >= 2 and e_u >= 2 and western.count("ëË") and (sh_zh + e_u) * 100 >= letters:
        return True  # Lithuanian
    markers, long = sh_zh + western.count(_LATVIAN_SOFT), western.count(_LATVIAN_LONG)
    if markers >= 1 and long * 100 >= 4 * letters:
        return True  # Latvian
    # Estonian reads right as Western but for its "š"/"ž" (loanwords: "šokolaad", "žürii"): the
    # marks beside a letter, in a text with Estonian's frequent "õ" and "ä" and without the
    # Icelandic and Faroese vowels that come with their "ð"/"þ".
    o_tilde = western.count("õÕ")
    return (
        o_tilde * 200 >= letters
        and western.count("äÄ") > 0
        and western.count(_NORDIC_VOWELS) * 5 < o_tilde
        and western.in_word(_SH_ZH) > 0
    )


# Polish and Czech saved in Windows-1250 or ISO-8859-2 and read as Windows-1252 show, inside
# words, marks no Western language writes there: "³" for "ł", "¹"/"±" for "ą", "¿" for "ż",
# "Ÿ"/"¼" for "ź", "¶" for "ś", "ì" for "ě", "ù" for "ů" ("przyjê³a", "mìsto"), "¾" for Slovak
# "ľ" (Windows-1250) or "ž" (ISO-8859-2: "zastupite¾stvo", "bud¾et"), counted inside
# words of two letters or more ("x±y" is maths); and "ø" for "ř" ("Jiøí"), counted only beside
# another mark and when the text writes no "å" or "æ" (Danish, Norwegian, Faroese "ø" stays).
# Belarusian and Ukrainian in Windows-1251 show "³" for "і" too, but read so, most of their
# letters are accented.
_IN_WORD_CENTRAL = re.compile(
    r"(?<=[^\W\d_]{2})[¹³¿Ÿ±¶¼¾ìùø](?=[^\W\d_])|(?<=[^\W\d_])[¹³¿Ÿ±¶¼¾ìùø](?=[^\W\d_]{2})"
)
_WINDOWS_ONLY_BYTES = re.compile(rb"[\x80-\x9f]")
_SLOVAK_BYTES = re.compile(rb"[\x8d\x8f\x9d]")


def _reads_as_polish_or_czech(western: _WesternReading) -> bool:
    if western.count("¹³¿Ÿ±¶¼¾ìùø") < 3:
        return False
    text = western.text
    found = _IN_WORD_CENTRAL.findall(text)
    others = sum(mark != "ø" for mark in found)  # "ø" alone is Danish or Norwegian
    marks = len(found) if others and not any(letter in text for letter in "åæÅÆ") else others
    return marks >= 3 and marks * 200 >= western.letters


# Other languages of the region whose legacy encodings a Western reading gets wrong in a few
# letters only, each told by the marks it leaves beside letters (``_WesternReading.in_word``) and by
# the Western letters it never writes:
# - Hungarian (Windows-1250, ISO-8859-2) shows "õ"/"û" for its "ő"/"ű", among many "á"/"é";
#   Portuguese writes "õ" with "ã"/"ç" (and "põe"), Estonian with "ä", French "û" without "õ".
# - Romanian (the same encodings) shows "ã" for its frequent "ă", "º"/"þ" for "ş"/"ţ" ("ºi",
#   "þãrii"); Portuguese writes "ã" with "ç", "á", "é", and "º"/"ª" after numbers.
# - Croatian, Slovenian, Bosnian and Serbian Latin (the same) show "è"/"æ"/"ð" for "č"/"ć"/"đ";
#   French writes "è" among "é"/"à"/"ç", Italian "è" as a word, Danish "æ" with "ø"/"å" (and
#   after consonants, as do English ligatures), Icelandic "ð" with "á"/"í"/"ó".
# - Turkish (Windows-1254, ISO-8859-9) shows "ý"/"þ"/"ð" for its frequent "ı"/"ş"/"ğ";
#   Icelandic and Faroese write those among "á"/"é"/"í"/"ó"/"ú", Czech "ý" likewise.
# Fewest letters (of the page's visible text) these rules judge: a headline alone has too few.
_LEAST_LETTERS = 150
_HUNGARIAN_MARKS = "õûÕÛ"
_NOT_HUNGARIAN = "ãäçåæøèàêâîôñëïùìòÃÄÇÅÆØÈÀÊÂÎÔÑ"
# "ş"/"ţ" before a small letter ("ºi", "Bucureºti", "þãrii"): Portuguese "nº 4", "40 ºC" and
# "2.ªfeira" are not.
_ROMANIAN_MARKS = re.compile(r"(?<![\d.])[ºþªÞ](?=[a-zãâîºþ])")
_PORTUGUESE = "çõáéêôÇÕÁÉÊÔ"
_NOT_ROMANIAN = "èàñüöäÈÀÑÜÖÄ"
_CROATIAN_MARKS = "èæðÈÆÐ"
_NOT_CROATIAN = "éàáçåøöäüñôêëïîûõãíóúòùìÉÀÁÇÅØÖÄÜÑÒÙÌ"
_CROATIAN_SIGNS = "ðšž¹¾ÐŠŽ"  # "đ", and "š"/"ž" as Windows-1250 or ISO-8859-2 put them
_C_CARON = re.compile(r"[èÈ](?=[^\W\d_])")  # "č" before a letter: Italian "è" and "caffè" are not
# "ć" after a vowel at a word's end, or before a last "e"/"i": "već", "Ivić", "kuće", "će", "ići";
# Latin plurals ("larvæ", "formulæ") and Danish "træ", "knæ" have a consonant before it.
_C_ACUTE = re.compile(r"(?<=[aeiouAEIOU])æ(?![^\W\d_])|æ[ei](?![^\W\d_])")
_FRENCH_GRAVE = re.compile(r"è(?:s\b|[^\W\d_]{1,2}e)")  # "après", "système", "père"
_TURKISH_MARKS = "ýþðÝÞÐ"
_NOT_TURKISH = "áéíóúæøåëäèàñãõÁÉÍÓÚÆØÅËÄÈÀÑ"


def _latin_legacy(data: bytes, western: _WesternReading) -> str | None:
    """A Central European or Turkish encoding when the bytes read as one of its languages; None
    when they read as Western (or as nothing in particular)."""
    if western.accented_share_over(0.3):
        return None  # no Latin-script language writes that many accented letters
    text, letters, counts = western.text, western.letters, western.counts
    if _reads_as_polish_or_czech(western):
        return _one_of(data, "cp1250", "iso8859-2")
    if letters < _LEAST_LETTERS:
        return None  # a headline: too few marks to tell Danish "Færre" from Croatian "veæ"
    hungarian = western.in_word(_HUNGARIAN_MARKS)
    if (
        hungarian >= 2
        and hungarian * 300 >= letters
        and (counts["õ"] + counts["Õ"])  # "ő" is the frequent one; French writes "û" too
        and (counts["á"] + counts["é"]) * 50 >= letters
        and (western.count(_NOT_HUNGARIAN) + text.count("õe")) * 5 < hungarian  # Portuguese "põe"
    ):
        return _one_of(data, "cp1250", "iso8859-2")
    romanian = len(_ROMANIAN_MARKS.findall(text)) if western.count("ºþªÞ") else 0
    if (
        romanian >= 2
        and romanian * 300 >= letters
        and counts["ã"] * 100 >= letters
        and western.count(_PORTUGUESE) * 2 < counts["ã"]
        and western.count(_NOT_ROMANIAN) * 3 < counts["ã"] + romanian
    ):
        return _one_of(data, "cp1250", "iso8859-2")
    croatian = western.in_word(_CROATIAN_MARKS)
    # Two "č" (all of them write it) or two "ć" as the language places it, and another of its
    # letters: Danish "æ", English "mediæval" and Icelandic "ð" have neither; Italian "è" is a
    # word, and "Ðokovic" alone is a name.
    c_caron = len(_C_CARON.findall(text)) if western.count("èÈ") else 0
    if (
        (c_caron >= 2 or (western.count("æ") >= 2 and len(_C_ACUTE.findall(text)) >= 2))
        and (c_caron or western.in_word(_CROATIAN_SIGNS))
        and croatian * 200 >= letters
        and (western.count(_NOT_CROATIAN) + len(_FRENCH_GRAVE.findall(text))) * 2 < croatian
    ):
        return _one_of(data, "cp1250", "iso8859-2")
    turkish = western.in_word(_TURKISH_MARKS)
    if (
        turkish >= 3
        and (counts["ý"] + counts["Ý"]) * 100 >= letters
        and western.count(_NOT_TURKISH) * 10 < turkish
    ):
        return _one_of(data, "cp1254", "iso8859-9")
    return None


def _one_of(data: bytes, windows: str, iso: str) -> str | None:
    """The Windows code page when any byte falls where the ISO one has only control characters
    (typographic quotes, and some letters, live there), else the ISO one; None when the choice
    does not decode the bytes (a few bytes each Windows code page leaves undefined)."""
    choice = windows if _WINDOWS_ONLY_BYTES.search(data) else iso
    return choice if _decodes(data, choice) else None


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


# Greek (Windows-1253, ISO-8859-7) read as Western is nearly all accented, as Cyrillic is, and
# decodes as Windows-1251 too. Its final sigma tells it: read as Greek, "ς" ends words and "σ"
# rarely does. Russian read as Greek puts "ς" (its "т") inside words and "σ" (its "у") at their
# ends, and its "я" (a byte Greek leaves undefined) seldom lets it decode at all.
_GREEK_CODECS = ("cp1253", "iso8859-7")
_FINAL_SIGMA_INSIDE = re.compile(r"ς(?=[^\W\d_])")
_SIGMA_AT_END = re.compile(r"σ(?![^\W\d_]|[’'])")  # "σ’ αγαπώ" is "σε" elided


_WINDOWS_ALPHA = re.compile(rb"(?<![\xb8-\xfe])\xa2(?=[\xc1-\xfe])")
_ISO_ALPHA = re.compile(rb"(?<![\xb8-\xfe])\xb6(?=[\xc1-\xfe])")


def _greek_codec(data: bytes) -> str | None:
    """Windows-1253 or ISO-8859-7: they differ in the bytes 0x80-0x9F (Windows' quotes) and in
    "Ά": Windows puts it at 0xA2 (ISO's "’"), ISO at 0xB6 (Windows' "¶")."""
    # "Ά" opens a word, before a letter; Windows' "Ά" is ISO's "’", which ends one ("απ’ τον").
    windows = len(_WINDOWS_ALPHA.findall(data)) + data.count(b"\xb5") > len(_ISO_ALPHA.findall(data))
    choice = "cp1253" if windows or _WINDOWS_ONLY_BYTES.search(data) else "iso8859-7"
    return choice if _decodes(data, choice) else None


def _greek(data: bytes, western: _WesternReading) -> str | None:
    if not western.accented_share_over(0.5):
        return None
    for name in _GREEK_CODECS:
        try:
            text = data[:200_000].decode(name)
        except UnicodeDecodeError:
            continue
        counts = Counter(text)
        final = counts["ς"]
        greek = sum(count for letter, count in counts.items() if "\u0386" <= letter <= "\u03ce")
        if (
            final >= 2
            and greek >= 40
            and len(_FINAL_SIGMA_INSIDE.findall(text)) * 50 <= final
            and len(_SIGMA_AT_END.findall(text)) * 5 <= final
            and (counts["ΰ"] + counts["ξ"]) * 100 < 3 * greek  # Russian "а"/"о" read as Greek
        ):
            return _greek_codec(data) or name
    return None


_CYRILLIC_CODECS = ("cp1251", "koi8-r", "koi8-u")


_WESTERN_CODECS = ("cp1252", "iso8859-1", "iso8859-15")


def _declared_checked(data: bytes, declared: str) -> str:
    """The declared encoding, unless the page's text plainly says it was saved in another: one
    Cyrillic encoding for the other (``_cyrillic_checked``), or a Western one declared for
    Russian (read as Western, most of its letters are accented: "Ãîðîäñêîé ñîâåò") or for a
    Baltic language (``_reads_as_baltic``)."""
    if declared in _WESTERN_CODECS:
        # Overriding a declaration takes more text than guessing where there is none.
        western = _WesternReading.of(data)
        if western.letters >= 100 and western.accented_share_over(0.5):
            return _greek(data, western) or _cyrillic_checked(data, "cp1251")
        if baltic := _baltic_encoding(data, western, least_letters=100):
            return baltic
        if central := _latin_legacy(data, western):  # old Central European sites' Latin-1 label
            return central
    return _cyrillic_checked(data, declared)


def _cyrillic_checked(data: bytes, declared: str) -> str:
    """The declared Cyrillic encoding, unless the page was saved in the other one: a single-byte
    encoding decodes any bytes, and KOI8-R read as Windows-1251 (or the reverse) turns Russian
    prose into capitals ("вАДЦЕФ ХФЧЕТЦДЈО"). Prose is mostly lower case; the reading that
    makes it so clearly wins, judged on the page's text (not its scripts, styles or a menu in
    capitals at the top) and only with enough letters to tell."""
    if declared not in _CYRILLIC_CODECS:
        return declared
    chosen = declared
    if _capital_share(data, declared) > 0.6:
        chosen = next(
            (other for other in _CYRILLIC_CODECS if other != declared and _capital_share(data, other) < 0.2),
            declared,
        )
    # Ukrainian pages labelled KOI8-R (or saved so under a Windows-1251 label) are KOI8-U.
    return "koi8_u" if chosen == "koi8-r" and _reads_as_koi8_u(data) else chosen


def _capital_share(data: bytes, encoding: str) -> float:
    from .html import visible_lines  # the page as a reader sees it: no scripts, styles or tags

    text = visible_lines(data[:400_000].decode(encoding, errors="replace"))
    letters = _CYRILLIC_LETTER.findall(text)
    if len(letters) < 100:
        return 0.0
    return sum(letter.isupper() for letter in letters) / len(letters)


def decode_bytes(data: bytes, *, trim: Callable[[str], str] | None = None) -> str:
    """Decode and normalise: mojibake repaired, NFC, Unix newlines, no control or invisible characters.

    Typographic quotes and dashes are kept. Horizontal whitespace is collapsed within lines
    and lines are right-trimmed; line structure (which the text cleaner reads) is kept.
    ``trim`` takes off what no reader needs before the rest is normalised (a saved page's code:
    ``html.without_code``).
    """
    encoding = detect_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ImportRejected(f"the bytes are not valid {encoding}") from exc
    if text.startswith("\ufeff"):
        text = text[1:]
    if trim is not None:
        text = trim(text)
    if encoding != "utf-8" or b"\xc3" in data:  # mojibake's letters (Â-ô) are \xc3 in UTF-8
        text = repair_mojibake(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # (Counted and looked for in the UTF-8 of what is left: a page's code is most of its bytes.)
    sample = text[:20000]
    if _control_count(sample.encode("utf-8", "surrogatepass")) > max(8, len(sample) // 50):
        raise ImportRejected("the file looks binary: it is full of control characters")
    if text.isascii():  # pure ASCII has no invisible characters and is already NFC
        text = without_control_characters(text)
    else:
        if encoding != "utf-8" or _may_hide_characters(
            data if trim is None else text.encode("utf-8", "surrogatepass"), text
        ):
            text = _without_invisible(text)
        text = unicodedata.normalize("NFC", text)
    if "\t" in text[:4096] and csv_delimiter(text[:4096].lstrip()) == "\t":
        # A tab-separated export: its tabs part its cells (each cell's own whitespace collapsed).
        return "\n".join(
            "\t".join(" ".join(cell.split()) for cell in line.split("\t")) for line in text.split("\n")
        )
    return normalize_whitespace(text)


# What ``_CONTROL_OR_INVISIBLE`` removes, told apart in UTF-8's bytes: C0 controls and DEL (one
# byte each), C1 controls ("\xc2" and a byte from 0x80 to 0x9f), and the invisible characters.
_C0_CONTROLS = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_C1_CONTROL = re.compile(rb"\xc2[\x80-\x9f]")
_INVISIBLE_CHARACTERS = (*INVISIBLE, "\u200c", "\u200d")


def _control_count(data: bytes) -> int:
    """How many control characters (``CONTROL_CHARACTERS``: C0 but tab and line breaks, DEL, C1) the
    UTF-8 ``data`` holds: a translation and a count in C, a fifth of a search for the class."""
    count = len(data) - len(data.translate(None, _C0_CONTROLS))
    return count + len(_C1_CONTROL.findall(data)) if b"\xc2" in data else count


def _may_hide_characters(data: bytes, text: str) -> bool:
    """Whether UTF-8 ``data`` (decoded: ``text``) holds a control or invisible character.

    Looked for in the bytes and with one search per character: a character-class substitution over
    a 157 KB page cost 0.9-1.0 ms, these 0.3 ms.
    """
    return (
        len(data.translate(None, _C0_CONTROLS)) != len(data)
        or (b"\xc2" in data and _C1_CONTROL.search(data) is not None)
        or any(character in text for character in _INVISIBLE_CHARACTERS)
    )


def repair_mojibake(text: str) -> str:
    """The text with UTF-8 that was once misread as latin-1/cp1252 restored ("Iâ€™d" -> "I’d").

    Runs before control characters are removed: "â\x80\x94" still holds the C1 byte that tells
    it was "—". Text without the evidence (all ASCII, Cyrillic, correct accents, a lone "Ã–" in
    Portuguese capitals) is returned as is.
    """
    if text.isascii() or not _is_mojibake(text):
        return text
    import ftfy  # loaded on the first text that needs it: 8 MB in every importing process

    return ftfy.fix_encoding(text)


def clean_text(text: str) -> str:
    """A string that came from parsed data (a JSON field, a feed entry) made as safe as decoded
    bytes: no lone surrogates (a "\\ud800" escape), mojibake repaired, no control or invisible
    characters (a "\\u0000" escape would stop PostgreSQL), NFC. Line breaks are kept."""
    if text.isascii():
        return without_control_characters(text)
    text = text.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate becomes "?"
    text = repair_mojibake(text)
    return unicodedata.normalize("NFC", _without_invisible(text))


def _is_mojibake(text: str) -> bool:
    likely = 0
    for mark in _MOJIBAKE_MARK.finditer(text):
        if _CERTAIN_MOJIBAKE.fullmatch(mark.group()):
            return True
        likely += mark.group()[0] in _LIKELY_LEADS
        if likely >= _LIKELY_MARKS:
            return True
    return False


_ENCODING_LABELS = {
    "utf-8": "UTF-8",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "utf-32-le": "UTF-32",
    "utf-32-be": "UTF-32",
    "cp1251": "Windows-1251 (Cyrillic)",
    "koi8-r": "KOI8-R (Cyrillic)",
    "koi8-u": "KOI8-U (Ukrainian)",
    "cp1252": "Windows-1252 (Western European)",
    "cp1257": "Windows-1257 (Baltic)",
    "iso8859-13": "ISO-8859-13 (Baltic)",
    "cp1250": "Windows-1250 (Central European)",
    "iso8859-2": "ISO-8859-2 (Central European)",
    "cp1253": "Windows-1253 (Greek)",
    "iso8859-7": "ISO-8859-7 (Greek)",
    "cp1254": "Windows-1254 (Turkish)",
    "iso8859-9": "ISO-8859-9 (Turkish)",
    "iso8859-1": "Latin-1 (Western European)",
}


def describe_encoding(data: bytes) -> str:
    """How the importer reads ``data``, for an editor: the encoding, and whether mojibake was
    repaired. Raises ImportRejected like ``detect_encoding``."""
    encoding = detect_encoding(data)
    name = codecs.lookup(encoding).name
    label = _ENCODING_LABELS.get(name, name.upper())
    text = data.decode(encoding, errors="replace")
    if not text.isascii() and _is_mojibake(text):  # the evidence decode_bytes repairs on, not ftfy again
        label += "; mojibake repaired (UTF-8 that had once been read as Latin-1 or Windows-1252)"
    return label


def normalize_whitespace(text: str) -> str:
    """One space for any run of horizontal whitespace (tabs, no-break spaces); lines trimmed.

    ``str.split()`` splits on exactly the characters ``\\s`` matches, and in C: three times
    faster than a substitution per line on a saved web page's thousands of lines.
    """
    return "\n".join([" ".join(line.split()) for line in text.split("\n")])


# A numeric character reference. Generators that count in UTF-16 (PHP's, Java's) write an emoji as
# two references to its surrogates ("&#55357;&#56832;"): feedparser then failed the whole feed
# (UnicodeEncodeError) and lxml read a page's as two U+FFFD. Markup is mended before it is parsed.
_CHARACTER_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|(\d+));")


# A direction mark written as a reference ("&rlm;14 مارس 2026", "&#8207;"): as invisible as the
# characters ``BIDI_CONTROLS`` a page is cleared of as it is decoded, and read only once parsed.
_BIDI_REFERENCE = re.compile(
    r"&(?-i:rlm|lrm);|&#(?:820[67]|x200[ef]|82(?:3[4-8]|9[4-7])|x20(?:2[a-e]|6[6-9])|1564|x61c);",
    re.IGNORECASE,
)


def without_direction_references(markup: str) -> str:
    """A page's markup without its direction marks' references: they kept an Arabic page's date line
    ("&rlm;14 مارس 2026&rlm;") from being read, and it stayed at the top of the story.

    (One pass of the pattern: it is a tenth of the cost of first looking for its six openings with
    ``in``, 0.05 against 0.58 ms on a 157 KB page.)"""
    return _BIDI_REFERENCE.sub("", markup)


def mend_surrogate_references(text: str) -> str:
    """References to a surrogate pair become one reference to its character; a lone surrogate's,
    or one beyond Unicode (&#1114112;, which made feedparser fail the feed too), becomes U+FFFD
    (the replacement character), as a decoder does with a byte it cannot read."""
    if "&#" not in text:
        return text
    refs = [
        (match.start(), match.end(), _code_point(match[1], 16) if match[1] else _code_point(match[2], 10))
        for match in _CHARACTER_REFERENCE.finditer(text)
    ]
    parts, last, paired = [], 0, False
    for index, (start, end, code) in enumerate(refs):
        if paired:
            paired = False
            continue
        if not 0xD800 <= code <= 0xDFFF and code <= 0x10FFFF:
            continue
        after = refs[index + 1] if index + 1 < len(refs) else None
        parts.append(text[last:start])
        if code <= 0xDBFF and after and after[0] == end and 0xDC00 <= after[2] <= 0xDFFF:
            parts.append(f"&#x{0x10000 + ((code - 0xD800) << 10) + (after[2] - 0xDC00):X};")
            last, paired = after[1], True
        else:
            parts.append("&#xFFFD;")
            last = end
    return "".join(parts) + text[last:] if parts else text


def _code_point(digits: str, base: int) -> int:
    """A reference's number; beyond Unicode for one too long to read (int() refuses 4,300 digits)."""
    return int(digits, base) if len(digits.lstrip("0")) <= 12 else 0x110000
