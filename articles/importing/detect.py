"""Which kind of input a file is, judged by its content first and its name second."""

import json
import re

TEXT, HTML, FEED, JSONL, CSV = "text", "html", "feed", "jsonl", "csv"

_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_HTML_DOC = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_HTML_TAG = re.compile(
    r"</?(?:p|div|br|span|a|h[1-6]|article|section|ul|li|table|img|meta|script)\b[^>]*>", re.I
)


# What may come before a document's root element: an XML declaration, comments (a browser's
# "<!-- saved from url=... -->"), processing instructions.
_PROLOG = re.compile(r"^(?:\s*(?:<\?.*?\?>|<!--.*?-->))+\s*", re.DOTALL)
_JSON_NAMES = (".json", ".jsonl", ".ndjson")


def detect_format(text: str, *, name: str = "") -> str:
    head = text.lstrip()[:4096]
    root = _PROLOG.sub("", head, count=1)  # from the first element (or text) on
    lowered_name = name.lower()
    says_text = lowered_name.endswith((".txt", ".text", ".md"))
    if head.startswith("<?xml") or _FEED_ROOT.match(root) or lowered_name.endswith((".rss", ".atom")):
        # An XHTML page is HTML; any other XML is read as a feed (and refused if it is none).
        return HTML if _HTML_DOC.match(root) else FEED
    if head[:1] in "{[" and head:
        parsed = _json_start(text.lstrip())
        if isinstance(parsed, dict | list) or lowered_name.endswith(_JSON_NAMES):
            return JSONL
    if _HTML_DOC.match(root):
        return HTML  # (a page's first line is no header row: its style sheet's ";" made it 1,000 fields)
    if lowered_name.endswith((".csv", ".tsv")) or csv_delimiter(head):
        return CSV
    # A ".json" name on a page or a text dump: the content decides (each of its lines was
    # reported as "not valid JSON").
    if lowered_name.endswith(_JSON_NAMES) and not _HTML_DOC.search(head):
        return JSONL if not _looks_like_prose(head) else TEXT
    if not says_text and _HTML_DOC.search(head):
        return HTML
    sample = text[:20000]
    tags = len(_HTML_TAG.findall(sample))
    if not says_text and tags >= 3 and tags * 400 >= len(sample):
        return HTML
    if lowered_name.endswith(".xml"):
        return FEED
    if lowered_name.endswith((".html", ".htm", ".xhtml")) and "<" in sample:
        return HTML
    return TEXT


def _looks_like_prose(head: str) -> bool:
    """Several lines of words and no JSON punctuation opening any of them: text, not records."""
    lines = [line.strip() for line in head.split("\n") if line.strip()][:10]
    return len(lines) >= 2 and not any(line[:1] in '{["' for line in lines)


def _json_start(text: str):
    """The first line of ``text`` parsed as JSON (whatever its length), else the whole text (one
    pretty-printed object or array); None when neither is JSON."""
    end = text.find("\n")
    for candidate in (text if end < 0 else text[:end], text):
        try:
            return json.loads(candidate)
        except (ValueError, RecursionError):  # "[[[[..." 30,000 deep
            continue
    return None


# A spreadsheet's export: a header row that names a story's fields, parted by commas, tabs or
# semicolons (what Excel writes where the comma is the decimal sign), perhaps under Excel's
# "sep=;" line and with an empty last column.
_FIELD_NAME = re.compile(r"[^\W\d_][\w ()./-]{0,39}")
_TITLE_FIELDS = {"title", "headline"}
_BODY_FIELDS = {"body", "text", "content", "body_text", "html", "body_html", "content_html"}
_SEPARATOR_LINE = re.compile(r"^sep=(.)$", re.IGNORECASE)


def csv_delimiter(head: str) -> str:
    """The delimiter of a CSV export whose first line is its header ('' when it is none)."""
    lines = head.lstrip("\ufeff").lstrip("\n\r ").split("\n", 2)  # (blank lines over the header)
    if (hint := _SEPARATOR_LINE.match(lines[0].strip(" \r"))) and len(lines) > 1:
        return hint[1] if hint[1] in {",", ";", "\t", "|"} and _header_fields(lines[1], hint[1]) else ""
    return next((delimiter for delimiter in ("\t", ";", ",") if _header_fields(lines[0], delimiter)), "")


def _header_fields(line: str, delimiter: str) -> list[str]:
    """The story fields a header line names with this delimiter (none when it is no header)."""
    fields = [field.strip().strip('"').strip().lower() for field in line.strip().split(delimiter)]
    while fields and not fields[-1]:
        fields.pop()  # an empty last column
    if (
        len(fields) >= 2
        and all(_FIELD_NAME.fullmatch(field) for field in fields)
        and _TITLE_FIELDS & set(fields)
        and _BODY_FIELDS & set(fields)
    ):
        return fields
    return []
