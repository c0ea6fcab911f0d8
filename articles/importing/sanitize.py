"""The one HTML policy: every stored body passes through :func:`sanitize_html`.

``body_html`` is the only body the site renders and ``body_text`` is derived from it by
:func:`html_to_text`, the single derivation used everywhere (mention offsets point into it).

The sanitized HTML is *canonical*, so the derivation is easy to reproduce by anyone who walks
its text nodes (the story page does, to place entity links):

* only the allow-listed tags below, ``<a>`` only with an http/https/mailto ``href`` and the
  fixed ``rel``; every other attribute is dropped;
* runs of whitespace are single spaces, no block starts or ends with a space, and there is no
  text between blocks (loose text at the top level is wrapped in ``<p>``);
* empty blocks are removed;
* blocks nest as HTML nests them, whatever the input: none inside a paragraph, heading or inline
  element, list items only in lists and lists holding only items.

``body_text`` is then the concatenation of the (unescaped) text nodes in document order, with
``"\\n\\n"`` between two blocks and ``"\\n"`` for ``<br>``.
"""

import html
import re
from html.parser import HTMLParser

import bleach

from newsroom.text import without_control_characters

from .decode import INVISIBLE, without_stray_joiners

ALLOWED_TAGS = frozenset(
    {
        "p",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "li",
        "blockquote",
        "em",
        "strong",
        "b",
        "i",
        "br",
        "a",
        "figure",
        "figcaption",
    }
)
ALLOWED_ATTRIBUTES = {"a": ["href"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener noreferrer"

# Elements that start a new block of text; the rest of the allow-list is inline.
BLOCK_TAGS = frozenset({"p", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "figure", "figcaption"})
VOID_TAGS = frozenset({"br"})

# Removed together with their content before the policy runs (bleach would keep their text).
_DROP_WITH_CONTENT = re.compile(
    r"<(script|style|template|iframe|object|embed|svg|math|head|title|textarea|select|noscript|button)\b"
    r"[^>]*>.*?</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)
# A comment ends as a browser ends it: at "-->" or "--!>", at once when it opens "<!-->" or
# "<!--->", and at the end of the text when it is never closed.
_COMMENT = re.compile(r"<!--(?:-?>|.*?(?:--!?>|$))", re.DOTALL)
# Structure outside the allow-list that still means "a new paragraph" or "a heading".
_RENAMES = (
    (re.compile(r"<(/?)h1\b", re.IGNORECASE), r"<\1h2"),
    (re.compile(r"<(/?)h[56]\b", re.IGNORECASE), r"<\1h4"),
    (
        re.compile(
            r"<(/?)(?:div|section|article|main|header|footer|aside|nav|td|th|dd|dt|pre|address|center|caption|summary|details)\b",
            re.IGNORECASE,
        ),
        r"<\1p",
    ),
)
_SPACE = re.compile(r"\s+")
# Invisible characters that only get in the way of search and matching (a joiner inside a Persian
# or Indic word is spelling: ``decode.without_stray_joiners``).
_INVISIBLE = re.compile(f"[{INVISIBLE}]")

_cleaner = bleach.sanitizer.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)


def sanitize_html(raw: str) -> str:
    """Return ``raw`` reduced to the newsroom's allow-list, in canonical form."""
    return sanitize_with_text(raw)[0]


# The importer's own markup: bare allow-listed tags, links written as ``<a href="http...">`` with a
# plain address, and text with only &amp; &lt; &gt; &quot; &#39; escapes, nested as HTML nests
# them. The policy cannot change such markup, so it goes straight to canonicalisation; anything
# else (other tags or attributes, an odd address, an end tag out of order, a block inside a
# paragraph) goes through bleach. ``tests/articles/test_importing.py`` checks that both ways agree
# on every input the shortcut takes. bleach's HTML5 parser cost 10-12 ms of a real page's ~100 ms.
_BARE_TAG = "(?:p|h2|h3|h4|ul|ol|li|blockquote|em|strong|b|i|br|figure|figcaption)"
_ESCAPE = "&(?:amp|lt|gt|quot|#39);"
_PLAIN_HREF = f"(?:https?://|mailto:)(?:[A-Za-z0-9._~:/?#@!$'()*+,;=%-]|{_ESCAPE})*"
_OWN_MARKUP = re.compile(rf'^(?:[^<>&]++|{_ESCAPE}|</?{_BARE_TAG}>|<a href="{_PLAIN_HREF}">|</a>)*+$')
_TOKENS = re.compile(r"(<[^>]*>)")
_LISTS = frozenset({"ul", "ol"})
_PHRASING_BLOCKS = frozenset({"p", "h2", "h3", "h4", "figcaption"})  # blocks that hold only text
# Where each block may open (None: the top level); inline tags open anywhere but in a list.
_PARENTS = {
    **dict.fromkeys(
        ("p", "h2", "h3", "h4", "ul", "ol", "blockquote", "figure"),
        frozenset({None, "blockquote", "li", "figure"}),
    ),
    "li": _LISTS,
    "figcaption": {"figure"},
}


def _own_tokens(markup: str) -> list[tuple[str, str]] | None:
    """``markup`` as (kind, value) tokens when it is the importer's own markup, else None."""
    if not _OWN_MARKUP.match(markup):
        return None
    tokens: list[tuple[str, str]] = []
    stack: list[str] = []
    for piece in _TOKENS.split(markup):
        if not piece:
            continue
        parent = stack[-1] if stack else None
        if piece[0] != "<":
            if parent in _LISTS and piece.strip():
                return None
            tokens.append(("text", html.unescape(piece)))
        elif piece[1] == "/":
            if parent != piece[2:-1]:
                return None
            tokens.append(("end", stack.pop()))
        elif piece == "<br>":
            if parent in _LISTS:
                return None
            tokens.append(("br", ""))
        elif piece.startswith("<a "):
            if parent in _LISTS or "a" in stack:
                return None
            stack.append("a")
            tokens.append(("a", html.unescape(piece[9:-2])))
        else:
            name = piece[1:-1]
            allowed = _PARENTS.get(name)
            if (parent not in allowed) if allowed else (parent in _LISTS):
                return None
            stack.append(name)
            tokens.append(("start", name))
    return None if stack else tokens


def sanitize_with_text(raw: str) -> tuple[str, str]:
    """``(sanitize_html(raw), html_to_text(sanitize_html(raw)))`` in one pass."""
    if not raw:
        return "", ""
    raw = without_control_characters(raw)  # a "\u0000" from an editor's paste or an export
    tokens = _own_tokens(raw)
    if tokens is not None:
        return _Canonicalizer().run_tokens(tokens)
    text = _COMMENT.sub("", raw)
    text = _DROP_WITH_CONTENT.sub(" ", text)
    for pattern, replacement in _RENAMES:
        text = pattern.sub(replacement, text)
    cleaned = _cleaner.clean(text)
    return _Canonicalizer().run(cleaned)


def html_to_text(body_html: str) -> str:
    """The plain text of a sanitized body: blocks separated by a blank line. Deterministic."""
    if not body_html:
        return ""
    return _Canonicalizer().run(body_html)[1]


def text_to_html(paragraphs: list[str]) -> str:
    """Paragraphs of plain text as sanitized HTML (one ``<p>`` each)."""
    return sanitize_html("".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs if p.strip()))


def safe_href(href: str | None) -> str | None:
    if not href:
        return None
    href = href.strip()
    scheme = href.split(":", 1)[0].lower() if ":" in href else ""
    return href if scheme in ALLOWED_PROTOCOLS and len(href) < 2000 else None


class _Canonicalizer(HTMLParser):
    """Walk allow-listed HTML once, producing canonical HTML and its text together."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []  # HTML pieces
        self.text: list[str] = []  # text pieces ("\n\n" marks a block break)
        self.stack: list[tuple[str, int, int]] = []  # (tag, html index, text index) of open elements
        self.block_open = False  # a wrapper <p> opened for loose top-level text
        self.wrapper_at = (0, 0)  # where it starts (html index, text index)
        self.before_block: dict[int, tuple[bool, bool]] = {}  # text state by block depth
        self.at_line_start = True  # no space may follow a block start or a <br>
        self.skip_space = True  # the text so far ends with a space (or a line start)
        self.pending_break = False  # a block boundary seen since the last text

    def run(self, markup: str) -> tuple[str, str]:
        self.feed(markup)
        self.close()
        return self._finish()

    def run_tokens(self, tokens: list[tuple[str, str]]) -> tuple[str, str]:
        """The same walk over ``_own_tokens``, without the HTML parser."""
        for kind, value in tokens:
            if kind == "text":
                self.handle_data(value)
            elif kind == "start":
                self.handle_starttag(value, [])
            elif kind == "end":
                self.handle_endtag(value)
            elif kind == "a":
                self.handle_starttag("a", [("href", value)])
            else:
                self.handle_startendtag("br", [])
        return self._finish()

    def _finish(self) -> tuple[str, str]:
        while self.stack:
            self._end(self.stack[-1][0])
        self._close_wrapper()
        return "".join(self.out), "".join(self.text).strip("\n")

    # -- structure -------------------------------------------------------------------------
    def _in_block(self) -> bool:
        return self.block_open or any(tag in BLOCK_TAGS for tag, _, _ in self.stack)

    def _close_wrapper(self):
        if self.block_open:
            self._trim_trailing_space()
            html_index, text_index = self.wrapper_at
            if any(piece.strip() for piece in self.text[text_index:]):
                if self.out[-1] == "<br>":
                    self.out.pop()
                    self.text.pop()
                self.out.append("</p>")
            else:  # nothing but markup that ended empty
                del self.out[html_index:]
                del self.text[text_index:]
            self.block_open = False
            self._block_boundary()

    def _block_boundary(self):
        self.pending_break = True
        self.at_line_start = True
        self.skip_space = True

    def _trim_trailing_space(self):
        if self.text and self.text[-1].endswith(" "):
            self.text[-1] = self.text[-1][:-1]
            for i in range(len(self.out) - 1, -1, -1):
                piece = self.out[i]
                if piece.startswith("<"):
                    continue
                if piece.endswith(" "):
                    self.out[i] = piece[:-1]
                break

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            return
        if tag in VOID_TAGS:
            self.handle_startendtag(tag, attrs)
            return
        if tag in BLOCK_TAGS:
            # Blocks nest as HTML nests them: a block ends the inline markup and the paragraph or
            # heading open around it, and a list item the item before it; a list item outside a
            # list (or a caption outside a figure) is a paragraph; a list holds only items.
            while self.stack and (
                self.stack[-1][0] not in BLOCK_TAGS
                or self.stack[-1][0] in _PHRASING_BLOCKS
                or (tag == "li" and self.stack[-1][0] == "li")
            ):
                self._end(self.stack[-1][0])
            parent = self.stack[-1][0] if self.stack else None
            if (tag == "li" and parent not in _LISTS) or (tag == "figcaption" and parent != "figure"):
                tag = "p"
            self._close_wrapper()
            if tag != "li" and parent in _LISTS:
                self._open_block("li")
            self._open_block(tag)
            return
        if tag == "a":
            href = safe_href(dict(attrs).get("href"))
            if href is None:
                self.stack.append(("a-unwrapped", len(self.out), len(self.text)))
                return
            self._ensure_block()
            self.stack.append((tag, len(self.out), len(self.text)))
            self.out.append(f'<a href="{html.escape(href, quote=True)}" rel="{LINK_REL}">')
            return
        self._ensure_block()
        self.stack.append((tag, len(self.out), len(self.text)))
        self.out.append(f"<{tag}>")

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            if not self._in_block() or self.at_line_start:
                return  # a leading or doubled <br> carries no text
            self._trim_trailing_space()
            self.out.append("<br>")
            self.text.append("\n")
            self.at_line_start = True
            self.skip_space = True
        elif tag in ALLOWED_TAGS and tag not in VOID_TAGS:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag not in ALLOWED_TAGS or tag in VOID_TAGS:
            return
        names = [name for name, _, _ in self.stack]
        if tag == "a" and "a" not in names and "a-unwrapped" in names:
            tag = "a-unwrapped"
        if tag not in names:
            return
        while self.stack:
            name = self.stack[-1][0]
            self._end(name)
            if name == tag:
                break

    def _end(self, tag):
        _, html_index, text_index = self.stack.pop()
        if tag == "a-unwrapped":
            return
        has_text = any(piece.strip() for piece in self.text[text_index:])
        if tag in BLOCK_TAGS:
            self._trim_trailing_space()
            if not has_text:  # dropped, as if it had never opened
                del self.out[html_index:]
                del self.text[text_index:]
                self.pending_break, self.at_line_start = self.before_block[len(self.stack)]
                if not self.at_line_start:  # it still parted the words around it
                    self.out.append(" ")
                    self.text.append(" ")
                self.skip_space = True
                return
            if self.out and self.out[-1] == "<br>":
                self.out.pop()
                self.text.pop()
            self.out.append(f"</{tag}>")
            self._block_boundary()
            return
        if not has_text:
            del self.out[html_index]  # keep the (blank) content, drop the empty element
        else:
            self.out.append(f"</{tag}>")

    def _open_block(self, tag):
        self._trim_trailing_space()
        # How the text stood before it: restored if the block ends empty and is dropped.
        self.before_block[len(self.stack)] = (self.pending_break, self.at_line_start)
        self._block_boundary()
        self.stack.append((tag, len(self.out), len(self.text)))
        self.out.append(f"<{tag}>")

    def _ensure_block(self):
        if self.stack and self.stack[-1][0] in _LISTS:
            self._open_block("li")  # text or inline markup straight inside a list
        elif not self._in_block():
            self.wrapper_at = (len(self.out), len(self.text))
            self.out.append("<p>")
            self.block_open = True
            self._block_boundary()

    # -- text ------------------------------------------------------------------------------
    def handle_data(self, data):
        data = data if data.isascii() else without_stray_joiners(_INVISIBLE.sub("", data))
        # Printable text holds no whitespace but the space (every other is a control or a
        # separator): without two spaces together there is nothing to collapse. The test costs a
        # tenth of the substitution it saves on a paragraph.
        if not data.isprintable() or "  " in data:
            data = _SPACE.sub(" ", data)
        if self.skip_space:
            data = data.lstrip(" ")
        if not data:
            return
        if not self._in_block() or (self.stack and self.stack[-1][0] in _LISTS):
            if not data.strip():
                return
            self._ensure_block()
        if self.pending_break:
            if any(piece for piece in self.text):
                self.text.append("\n\n")
            self.pending_break = False
        self.out.append(html.escape(data, quote=False))
        self.text.append(data)
        self.at_line_start = False
        self.skip_space = data.endswith(" ")


def safe_body(body_html: str):
    """``body_html`` passed through the policy and marked safe for templates: the only way a
    stored body may reach a page unescaped."""
    from django.utils.safestring import mark_safe

    return mark_safe(sanitize_html(body_html))
