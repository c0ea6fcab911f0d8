"""Story revisions: a readable word-level diff of the text between two versions.

The history itself is django-simple-history's (``Article.history``); this module only renders
what changed in the fields a person reads (title, dek, body), for the admin history page.
"""

from __future__ import annotations

import difflib

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .importing.sanitize import html_to_text

TEXT_FIELDS = ("title", "dek", "body_html")
CONTEXT_WORDS = 8


def readable_text(value: str | None, *, html: bool = False) -> str:
    """The text a reader sees: blocks apart (a paragraph's last word and the next one's first
    read as one word when the tags were merely dropped), entities decoded, whitespace collapsed."""
    text = html_to_text(value or "") if html else (value or "")
    return " ".join(text.split())


def text_diff(old: str, new: str, *, context: int = CONTEXT_WORDS) -> SafeString:
    """HTML showing ``new`` against ``old`` word by word: ``<del>`` removed, ``<ins>`` added.

    Long unchanged runs are shortened to ``context`` words on each side with an ellipsis, so a
    one-word fix in a long story reads as one line. Every piece of text is escaped.
    """
    old_words, new_words = old.split(), new.split()
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    parts: list[str] = []
    opcodes = matcher.get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            words = old_words[i1:i2]
            first, last = index == 0, index == len(opcodes) - 1
            keep_head = 0 if first else context
            keep_tail = 0 if last else context
            if len(words) > keep_head + keep_tail + 1:
                head = words[:keep_head]
                tail = words[len(words) - keep_tail :] if keep_tail else []
                parts.append(escape(" ".join([*head, "…", *tail])))
            else:
                parts.append(escape(" ".join(words)))
            continue
        if tag in ("delete", "replace"):
            parts.append(format_html("<del>{}</del>", " ".join(old_words[i1:i2])))
        if tag in ("insert", "replace"):
            parts.append(format_html("<ins>{}</ins>", " ".join(new_words[j1:j2])))
    return mark_safe(" ".join(part for part in parts if part))  # every part was escaped above


def field_diff(field: str, old: str | None, new: str | None) -> SafeString:
    html = field == "body_html"
    return text_diff(readable_text(old, html=html), readable_text(new, html=html))
