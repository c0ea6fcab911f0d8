"""Which kind of input a file is, judged by its content first and its name second."""

import json
import re

TEXT, HTML, FEED, JSONL = "text", "html", "feed", "jsonl"

_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_HTML_DOC = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_HTML_TAG = re.compile(
    r"</?(?:p|div|br|span|a|h[1-6]|article|section|ul|li|table|img|meta|script)\b[^>]*>", re.I
)


def detect_format(text: str, *, name: str = "") -> str:
    head = text.lstrip()[:4096]
    lowered_name = name.lower()
    says_text = lowered_name.endswith((".txt", ".text", ".md"))
    if head.startswith("<?xml") or _FEED_ROOT.match(head) or lowered_name.endswith((".rss", ".atom")):
        if _HTML_DOC.search(head) and not _FEED_ROOT.search(head):
            return HTML
        return FEED
    if head[:1] in "{[" and head:
        parsed = _json_start(text.lstrip())
        if isinstance(parsed, dict | list) or lowered_name.endswith((".json", ".jsonl", ".ndjson")):
            return JSONL
    if lowered_name.endswith((".json", ".jsonl", ".ndjson")):
        return JSONL
    if _HTML_DOC.match(head) or (not says_text and _HTML_DOC.search(head)):
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
