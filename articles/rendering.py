"""Place entity links in a story's sanitized body by walking its text nodes.

Mentions carry offsets into ``Article.body_text``, the plain text derived once from the
sanitized ``body_html``. To turn a mention into a link we need the same characters in the
HTML. We walk the HTML's text nodes and align their non-whitespace characters with the
non-whitespace characters of ``body_text``: the derivation may join blocks with blank lines
and collapse spaces, but it never changes the visible characters. Where the two streams
differ (a body edited after linking, a different derivation), only the stretches that match
are used, and a mention is linked only when every one of its characters maps into a single
text node and reads the same there. When in doubt we do not link: a missing link is a small
loss, a link on the wrong words is an error a reader sees.

The sanitized HTML is re-emitted tag for tag (it already passed the one bleach policy); text
is re-escaped; links are only added inside text nodes outside existing ``<a>`` elements.
"""

import bisect
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

VOID_TAGS = {"br", "hr", "img", "wbr", "col", "area", "source", "track", "input", "meta", "link"}
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class LinkSpan:
    """A confirmed mention to place: offsets into body_text and where it links to."""

    start: int
    end: int
    url: str
    entity_id: int
    title: str = ""


class _Tokenizer(HTMLParser):
    """Splits HTML into ("tag", raw) and ("text", decoded) tokens, tracking <a> nesting."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple[str, str, bool]] = []  # (type, value, inside_anchor)
        self.anchor_depth = 0

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("tag", self.get_starttag_text() or f"<{tag}>", False))
        if tag == "a":
            self.anchor_depth += 1

    def handle_startendtag(self, tag, attrs):
        self.tokens.append(("tag", self.get_starttag_text() or f"<{tag}>", False))

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        self.tokens.append(("tag", f"</{tag}>", False))
        if tag == "a" and self.anchor_depth:
            self.anchor_depth -= 1

    def handle_data(self, data):
        self.tokens.append(("text", data, self.anchor_depth > 0))


def _non_space(text: str) -> tuple[str, list[int]]:
    positions = [i for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(text[i] for i in positions), positions


def link_mentions(*, body_html: str, body_text: str, spans: Iterable[LinkSpan]) -> SafeString:
    """Return ``body_html`` with each span wrapped in a link to its entity (see the module doc).

    The caller chooses which spans to link (confirmed ones, first per entity per paragraph);
    overlapping spans keep the earliest.
    """
    spans = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
    tokenizer = _Tokenizer()
    tokenizer.feed(body_html or "")
    tokenizer.close()
    tokens = tokenizer.tokens
    if not spans or not body_text:
        return mark_safe(_emit(tokens, {}))

    # Non-whitespace character stream of the HTML: (token index, offset in token) per character.
    html_chars: list[str] = []
    html_where: list[tuple[int, int]] = []
    for index, (kind, value, _inside) in enumerate(tokens):
        if kind != "text":
            continue
        for offset, ch in enumerate(value):
            if not ch.isspace():
                html_chars.append(ch)
                html_where.append((index, offset))
    text_chars, text_positions = _non_space(body_text)
    html_stream = "".join(html_chars)

    # text character k (in the non-space stream) -> html character index, where they match.
    if html_stream == text_chars:
        mapping = dict(enumerate(range(len(text_chars))))
    else:
        mapping = {}
        matcher = difflib.SequenceMatcher(None, text_chars, html_stream, autojunk=False)
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                mapping[block.a + k] = block.b + k

    placements: dict[int, list[tuple[int, int, LinkSpan]]] = {}
    taken_until = -1
    for span in spans:
        if span.start < taken_until or span.end <= span.start or span.end > len(body_text):
            continue
        first = bisect.bisect_left(text_positions, span.start)
        last = bisect.bisect_left(text_positions, span.end) - 1
        if last < first:
            continue
        if any(k not in mapping for k in range(first, last + 1)):
            continue
        html_first, html_last = mapping[first], mapping[last]
        if html_last - html_first != last - first:
            continue
        token_index, start_offset = html_where[html_first]
        end_token, end_offset = html_where[html_last]
        if end_token != token_index or tokens[token_index][2]:
            continue  # spans several text nodes, or sits inside an existing link
        wanted = text_chars[first : last + 1]
        if "".join(html_chars[html_first : html_last + 1]) != wanted:
            continue
        placements.setdefault(token_index, []).append((start_offset, end_offset + 1, span))
        taken_until = span.end
    return mark_safe(_emit(tokens, placements))


def _emit(tokens, placements) -> str:
    out: list[str] = []
    for index, (kind, value, _inside) in enumerate(tokens):
        if kind == "tag":
            out.append(value)
            continue
        cursor = 0
        for start, end, span in sorted(placements.get(index, []), key=lambda p: p[0]):
            out.append(escape(value[cursor:start], quote=False))
            out.append(
                format_html(
                    '<a class="entity-link" href="{}" data-entity="{}"{}>{}</a>',
                    span.url,
                    span.entity_id,
                    format_html(' title="{}"', span.title) if span.title else "",
                    value[start:end],
                )
            )
            cursor = end
        out.append(escape(value[cursor:], quote=False))
    return "".join(out)


def paragraph_index(body_text: str):
    """A function giving the paragraph number (0-based) of an offset into ``body_text``."""
    breaks = [match.start() for match in PARAGRAPH_BREAK.finditer(body_text or "")]
    return lambda offset: bisect.bisect_right(breaks, offset)


def first_per_paragraph(*, body_text: str, mentions) -> list[LinkSpan]:
    """Spans for the first confirmed mention of each entity in each paragraph.

    ``mentions`` are confirmed mentions with ``entity`` loaded; manual ones (no span) are skipped.
    """
    which_paragraph = paragraph_index(body_text)
    seen: set[tuple[int, int]] = set()
    spans = []
    for mention in sorted(mentions, key=lambda m: (m.start is None, m.start or 0)):
        if mention.start is None or mention.end is None:
            continue
        key = (which_paragraph(mention.start), mention.entity_id)
        if key in seen:
            continue
        seen.add(key)
        spans.append(
            LinkSpan(
                start=mention.start,
                end=mention.end,
                url=mention.entity.get_absolute_url(),
                entity_id=mention.entity_id,
                title=mention.entity.name,
            )
        )
    return spans


def render_story_body(article, mentions) -> SafeString:
    """The story body with its confirmed mentions linked (first per entity per paragraph)."""
    from entities.models import Mention

    confirmed = [m for m in mentions if m.status == Mention.Status.CONFIRMED]
    spans = first_per_paragraph(body_text=article.body_text, mentions=confirmed)
    return link_mentions(body_html=article.body_html, body_text=article.body_text, spans=spans)
