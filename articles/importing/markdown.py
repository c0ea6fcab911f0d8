"""Stories written in Markdown (a reporter's ``.md``): rendered by markdown-it (CommonMark; HTML in
it goes through the one bleach policy like any other), then read as an export's record is: its
headline from the front matter or the first heading, the heading under it as the dek, "By …" and
the date from the front matter or the line under the headline.
"""

import re

from .feeds import Record
from .plaintext import BYLINE, date_of_line, is_date_line

_NAMES = (".md", ".markdown", ".mdown", ".mkd")
# YAML front matter between "---" lines, or Hugo's TOML between "+++" lines.
_FRONT_MATTER = re.compile(
    r"\A(?:---[ \t]*\n(.*?)\n(?:---|\.\.\.)|\+\+\+[ \t]*\n(.*?)\n\+\+\+)[ \t]*(?:\n|\Z)", re.DOTALL
)
_FIELD = re.compile(r"^([A-Za-z_][\w-]*)\s*[:=]\s*(.*?)\s*$")
# What only Markdown writes: a heading's hashes, a setext underline, a link, strong emphasis.
_SIGNS = re.compile(r"^#{1,6} \S|^(?:=+|-+)\s*$|\]\(https?://|\*\*\S", re.MULTILINE)
_DEK = re.compile(r"\A<h2>(.*?)</h2>\s*", re.DOTALL)
_FIRST_PARAGRAPH = re.compile(r"\A<p>(.*?)</p>\s*", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_SEPARATOR = re.compile(r"\s[|—–·]\s")


def is_markdown(text: str, *, name: str) -> bool:
    """A ``.md`` file, or text that opens with a Markdown headline and writes Markdown again."""
    if name.lower().endswith(_NAMES):
        return True
    head = text[:20000].lstrip()
    if not head.startswith(("#", "---", "+++")):
        return False  # (every text dump asks: most are answered here)
    body = _FRONT_MATTER.sub("", head, count=1).lstrip()
    return body.startswith("# ") and len(_SIGNS.findall(body)) >= 3


def markdown_record(text: str, *, name: str) -> Record:
    """The story a Markdown file tells, as a record (its HTML unsanitized, as a feed's is)."""
    from html import unescape

    from markdown_it import MarkdownIt

    fields: dict[str, str] = {}
    if front := _FRONT_MATTER.match(text.lstrip()):
        for line in (front[1] or front[2]).split("\n"):
            if match := _FIELD.match(line):
                fields[match[1].lower()] = match[2].strip("'\"")
        text = text.lstrip()[front.end() :]
    html = MarkdownIt("commonmark", {"html": True}).render(_without_comments(text))
    title = fields.get("title") or fields.get("headline") or ""
    if (start := html.find("<h1>")) >= 0 and (end := html.find("</h1>", start)) >= 0:
        title = title or unescape(_TAG.sub("", html[start + 4 : end]))
        html = html[:start] + html[end + 5 :].lstrip()
    description = fields.get("description") or fields.get("dek") or fields.get("summary") or ""
    if dek := _DEK.match(html.lstrip()):
        description = description or unescape(_TAG.sub("", dek[1]))
        html = html.lstrip()[dek.end() :]
    byline = fields.get("author") or fields.get("byline") or ""
    published = fields.get("date") or fields.get("published") or ""
    # "By **Priya Nair**, Education Correspondent | 11 March 2026", "*By Owen Price — 26 February 2026*"
    if line := _FIRST_PARAGRAPH.match(html.lstrip()):
        shown = " ".join(unescape(_TAG.sub("", line[1])).split())
        writer = _SEPARATOR.split(shown)[0]
        signed = bool(BYLINE.match(writer)) and len(writer.split()) <= 10
        day = date_of_line(shown) or _date_after_separator(shown)
        if (signed or (day and is_date_line(shown))) and len(shown.split()) <= 16:
            html = html.lstrip()[line.end() :]
            byline = byline or (writer if signed else "")
            published = published or day
    return Record(
        label=name,
        title=title,
        html=html,
        url=fields.get("url") or fields.get("link") or "",
        published=published,
        byline=byline,
        source=fields.get("source") or "",
        language=fields.get("language") or fields.get("lang") or "",
        description=description,
    )


def _without_comments(text: str) -> str:
    """The text without its HTML comments, a writer's notes to the desk (found by position, not
    by a pattern: thousands of unclosed "<!--" made a lazy pattern's search quadratic)."""
    parts, position = [], 0
    while (start := text.find("<!--", position)) >= 0 and (end := text.find("-->", start + 4)) >= 0:
        parts.append(text[position:start])
        position = end + 3
    parts.append(text[position:])
    return "".join(parts)


def _date_after_separator(line: str) -> str:
    """The date after a byline's separator ("… | 11 March 2026")."""
    parts = _SEPARATOR.split(line)
    return next((day for part in parts[1:] if (day := date_of_line(part.strip()))), "")
