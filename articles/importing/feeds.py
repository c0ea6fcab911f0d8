"""Feeds and exports: RSS/Atom entries, JSON Lines records and CSV rows, one article each."""

import contextlib
import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from urllib.parse import urljoin, urlsplit

from .decode import clean_text, mend_surrogate_references
from .detect import csv_delimiter
from .errors import ImportRejected
from .language import language_tag
from .plaintext import TITLE_SEPARATOR


@dataclass
class Record:
    """One article as a feed or an export describes it, before cleaning."""

    label: str
    title: str = ""
    html: str = ""
    text: str = ""
    url: str = ""
    published: str = ""
    byline: str = ""
    source: str = ""
    language: str = ""
    raw: str = ""  # the record as it appeared in the file, when it can be cut out
    description: str = ""  # a standfirst given beside the body (an RSS description, an export's dek)
    problem: str = ""  # why its body cannot be read, when it is there but not text
    summary_only: bool = False  # a feed entry without its content: the body is the entry's summary


# (a caption is short: bounded, so that a feed of unclosed tags is not scanned to its end each time)
_MEDIA_DESCRIPTION = re.compile(
    r"<media:description\b[^>]{0,200}(?:/>|>(?:<!\[CDATA\[[^\]]{0,4000}\]\]>|[^<]{0,4000})</media:description\s*>)",
    re.IGNORECASE,
)
_OTHER_TEXT = re.compile(r"<(?:content|description|summary)\b|<content:encoded\b", re.IGNORECASE)
_XML_ENCODING = re.compile(r"""^(\s*<\?xml\b[^>]*?)\s+encoding\s*=\s*["'][^"']*["']""")


def parse_feed(text: str, *, name: str) -> Iterator[Record | ImportRejected]:
    """Entries of an RSS or Atom document, or an entry's ImportRejected when that entry cannot be
    read; raises ImportRejected when the document is not a feed."""
    import feedparser

    # The text is decoded already: the bytes handed over are UTF-8, whatever the XML declaration
    # said (feedparser obeyed a declared windows-1251 and turned Cyrillic into mojibake).
    document = mend_surrogate_references(_XML_ENCODING.sub(r"\1", text, count=1))
    # A photo's caption (Media RSS's <media:description>): feedparser lists it first among the
    # entry's contents, and the caption had become the story ("The MV Loch Bay at the pier.
    # Photo: …" for the three paragraphs of its content:encoded). Captions are not the story.
    if "media:description" in document:
        document = _ITEM.sub(_without_captions, document)
    parsed = feedparser.parse(io.BytesIO(document.encode("utf-8")))
    version = parsed.get("version") or ""
    if not version or not parsed.entries:
        if parsed.get("bozo") and not parsed.entries:
            raise ImportRejected("not an RSS or Atom feed: the XML could not be read as one")
        if version:
            raise ImportRejected("the feed has no items: nothing to import")
        raise ImportRejected("not an RSS or Atom feed: no entries found")
    feed_language = parsed.feed.get("language", "")
    feed_link = parsed.feed.get("link") or ""  # what an RSS item's relative link is relative to
    # The stories' source: the channel's title, or a section feed's site.
    feed_title = _channel_source(_string(parsed.feed.get("title"))[:200], link=feed_link)
    originals = _item_documents(text, count=len(parsed.entries))
    cut = _cut_off(text, entries=len(parsed.entries))
    for number, entry in enumerate(parsed.entries, start=1):
        if cut and number == len(parsed.entries):
            yield ImportRejected(
                f"{name}#{number}: the file ends inside this entry: it was cut off (an incomplete download?)"
            )
            continue
        try:
            record = _entry_record(
                entry,
                number=number,
                name=name,
                feed_link=feed_link,
                feed_language=feed_language,
                feed_title=feed_title,
            )
        except (ValueError, TypeError, RecursionError) as exc:  # this entry only: the others go on
            yield ImportRejected(f"{name}#{number}: the entry could not be read ({type(exc).__name__})")
            continue
        record.raw = originals[number - 1] if originals else ""
        yield record


def _entry_record(
    entry, *, number: int, name: str, feed_link: str, feed_language: str, feed_title: str = ""
) -> Record:
    html = ""
    plain = ""
    description = ""
    for content in entry.get("content") or []:
        if content.get("value"):
            if "html" in (content.get("type") or "html"):
                html = content["value"]
            else:
                plain = content["value"]
            description = _plain(entry.get("summary") or "")  # the body is elsewhere: a standfirst
            break
    if not html and not plain and (full := entry.get("yandex_full-text") or ""):
        # Yandex's full text (Russian and Ukrainian feeds): the story, its description a standfirst.
        plain, description = full, _plain(entry.get("summary") or "")
    summary_only = not html and not plain
    if summary_only:
        summary = entry.get("summary") or ""
        detail = entry.get("summary_detail") or {}
        if "html" in (detail.get("type") or "html"):
            html = summary
        else:
            plain = summary
    return Record(
        label=f"{name}#{number}",
        title=_title(entry),
        html=clean_text(html),
        text=clean_text(plain),
        url=urljoin(feed_link, link)
        if feed_link and (link := entry.get("link") or "")
        else entry.get("link", ""),
        published=entry.get("published") or entry.get("updated") or "",
        byline=_authors(entry),
        source=_entry_source(entry) or feed_title,
        language=language_tag(entry.get("language") or feed_language),
        description=description,
        summary_only=summary_only,
    )


# Names newsrooms give their sections (in their addresses' folders too).
_SECTIONS = frozenset(
    _section.replace(" ", "")
    for _section in (
        "news",
        "latest",
        "latest news",
        "top stories",
        "world",
        "world news",
        "local",
        "national",
        "international",
        "europe",
        "africa",
        "asia",
        "americas",
        "middle east",
        "us",
        "uk",
        "politics",
        "business",
        "economy",
        "money",
        "markets",
        "finance",
        "opinion",
        "sport",
        "sports",
        "football",
        "culture",
        "arts",
        "books",
        "music",
        "film",
        "movies",
        "tv",
        "media",
        "entertainment",
        "lifestyle",
        "style",
        "food",
        "travel",
        "health",
        "science",
        "technology",
        "tech",
        "environment",
        "climate",
        "education",
        "weather",
        "video",
        "podcasts",
    )
)


def _channel_source(title: str, *, link: str) -> str:
    """The site a section feed belongs to: "Coastal Times - Sport" (.../sport), "Politics |
    Coastal Times" (.../politics) and "BBC News - World" (.../news/world) are one source each,
    not one per section.

    Of a title in two parts, the part that is a section's name and a folder of the channel's
    address is the section, and the other the site. Nothing less is evidence enough: the items'
    titles end with a section or a show as often as with the site ("… | World", "… – Morning
    Briefing"), a host can be a section's ("sport.herald.example") or a platform's
    ("medium.com"), and a folder can name a column, a show or a site hosted elsewhere
    ("Opinion - Paul Krugman" at .../column/paul-krugman). Without it the title stays whole.
    """
    parts = [part.strip() for part in TITLE_SEPARATOR.split(title) if part.strip()]
    address = urlsplit(urljoin("https:", link)) if link.startswith(("http://", "https://", "//")) else None
    if len(parts) != 2 or address is None:
        return title
    folders = {_squash(folder) for folder in address.path.split("/")}
    sections = [(name := _squash(part)) in folders and name in _SECTIONS for part in parts]
    return parts[sections.index(False)] if sections.count(True) == 1 else title


def _squash(text: str) -> str:
    """Letters and digits only, lower-cased: "Latest News" matches the folder "latest-news"."""
    return "".join(character for character in text.casefold() if character.isalnum())


def _entry_source(entry) -> str:
    """An item's own <source> (an aggregator's item names the paper it comes from: Google News'
    "Reuters"), else nothing: the channel names it."""
    source = entry.get("source") or {}
    return _string(source.get("title"))[:200] if isinstance(source, dict) else ""


def _authors(entry) -> str:
    """Every author of an entry (two <dc:creator> or <author> elements: feedparser's "author" is
    the last one only), "Name (mailbox)" and such as given: see clean_byline."""
    names = [name for author in entry.get("authors") or [] if (name := (author.get("name") or "").strip())]
    if len(names) > 1:
        return clean_text(", ".join(dict.fromkeys(names)))
    return clean_text(entry.get("author", ""))


def _cut_off(text: str, *, entries: int) -> bool:
    """Whether the document stops inside its last entry (feedparser still returns what it read of
    it, which would be stored as a story that stops mid-sentence)."""
    tail = text.rstrip()[-200:].lower()
    if re.search(r"</(?:rss|feed|rdf:rdf)\s*>$", tail):
        return False
    lower = text.lower()
    opened = max(lower.rfind("<item"), lower.rfind("<entry"))
    closed = max(lower.rfind("</item>"), lower.rfind("</entry>"))
    # ... and feedparser returned that entry: "…</item><item" ends before the next one began.
    return opened > closed and entries > lower.count("</item>") + lower.count("</entry>")


_FEED_ROOT = re.compile(r"<(rss|feed|rdf:RDF)\b[^>]*>", re.IGNORECASE)
_ITEM = re.compile(r"<(item|entry)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def _without_captions(item: re.Match) -> str:
    """A feed item without its photos' captions, when it has a story or a summary of its own (a
    video's entry whose only text is its description keeps it)."""
    text = item.group(0)
    if "media:description" not in text or not _OTHER_TEXT.search(_MEDIA_DESCRIPTION.sub("", text)):
        return text
    return _MEDIA_DESCRIPTION.sub("", text)


def _item_documents(text: str, *, count: int) -> list[str]:
    """Each item of a feed as a feed of its own (the root element with its namespaces, the
    channel's own elements before the first item: its title, link and language, then the item),
    to keep as that story's original: shown beside it in the admin and extracted again the same
    way, relative links and the feed's language included. Empty when the items cannot be cut
    out one for one."""
    root = _FEED_ROOT.search(text)
    matches = list(_ITEM.finditer(text))
    if root is None or len(matches) != count:
        return []
    name = root.group(1)
    head = text[root.start() : matches[0].start()] if matches else ""
    if len(head) > _HEAD_LIMIT or _ITEM.search(head):
        head = root.group(0) + ("<channel>" if name.lower() == "rss" else "")
    close = f"</channel></{name}>" if name.lower() == "rss" else f"</{name}>"
    return [f"{head}{match.group(0)}{close}" for match in matches]


# A channel's head larger than this (an embedded stylesheet, a long description) is not
# repeated in every item's original.
_HEAD_LIMIT = 8_000


def _plain(markup: str) -> str:
    """The text of a snippet of HTML (an RSS description), on one line."""
    if "<" in markup or "&" in markup:
        from lxml import etree
        from lxml import html as lxml_html

        with contextlib.suppress(etree.LxmlError, ValueError):
            markup = lxml_html.fragment_fromstring(markup, create_parent="div").text_content()
    return " ".join(clean_text(markup).split())


_TITLE_BREAK = re.compile(r"<br\s*/?>|</?(?:p|div|li|h[1-6])\b[^>]*>", re.IGNORECASE)


def _title(entry) -> str:
    """An entry's title as plain text: a title given as HTML ("<em>Hungary</em> vetoes") loses
    its tags and entities, which were shown literally and made slugs like "emhungaryem-vetoes"."""
    title = entry.get("title") or ""
    is_html = "html" in ((entry.get("title_detail") or {}).get("type") or "")
    if is_html and ("<" in title or "&" in title):
        title = _TITLE_BREAK.sub(" ", title)  # "<b>Hungary</b><br>vetoes": two words
        from lxml import etree
        from lxml import html as lxml_html

        with contextlib.suppress(etree.LxmlError, ValueError):  # unreadable: the title as given
            title = lxml_html.fragment_fromstring(title, create_parent="div").text_content()
    return " ".join(clean_text(title).split())


_BODY_KEYS = ("body", "text", "content", "body_text", "content_text")  # content_*: JSON Feed
_HTML_KEYS = ("html", "body_html", "content_html")


def parse_json_lines(text: str, *, name: str) -> Iterator[Record | ImportRejected]:
    """Records of a JSON Lines export (or a JSON array of objects); bad lines are reported, not fatal."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            rows = json.loads(stripped)
        except ValueError as exc:
            raise ImportRejected(f"not valid JSON: {exc.msg} at line {exc.lineno}") from exc
        except RecursionError as exc:
            raise ImportRejected("the JSON is nested too deeply to read") from exc
        if not isinstance(rows, list):
            raise ImportRejected("a JSON export must be a list of objects or one object per line")
        lines = _listed(rows)
    elif stripped.startswith("{") and isinstance(whole := _one_object(stripped), dict):
        # {"articles": [{...}, {...}]}, or one pretty-printed object: one record
        rows = _wrapped_list(whole)
        lines = _listed(rows) if rows is not None else iter([(1, whole, stripped)])
    else:
        lines = _json_lines(text)
    for number, row, raw in lines:
        label = f"{name}:{number}"
        if isinstance(row, ImportRejected):
            yield ImportRejected(f"{label}: {row.reason}")
            continue
        if not isinstance(row, dict):
            yield ImportRejected(f"{label}: a record must be a JSON object")
            continue
        try:
            record = _json_record(row, label=label, raw=raw)
        except (ValueError, TypeError, RecursionError) as exc:  # this record only: its neighbours go on
            yield ImportRejected(f"{label}: the record could not be read ({type(exc).__name__})")
            continue
        yield record


# A story's body in one cell can be longer than the csv module's default limit (128 KB); the size
# of the file is limited before it is read.
csv.field_size_limit(64 * 1024 * 1024)


def parse_csv(text: str, *, name: str) -> Iterator[Record | ImportRejected]:
    """Rows of a CSV export under its header row (title, body or html, url, published, byline,
    source: the fields of a JSON export), one record each; a row that cannot be read is reported
    alone, a file that is no longer CSV from some line on stops there."""
    text = text.lstrip("\ufeff")
    skipped = len(text) - len(text.lstrip("\n\r "))
    skipped, text = text[:skipped].count("\n"), text[skipped:]  # blank lines over the header
    delimiter = csv_delimiter(text[:4096]) or ","
    first, _, rest = text.partition("\n")
    if first.strip(" \r").lower() == f"sep={delimiter}":
        text, skipped = rest, skipped + 1  # Excel's "sep=;" line over the header
    # strict: an unclosed quote is an error on its row, not the rest of the file read into one cell
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=delimiter, strict=True, skipinitialspace=True
    )
    try:
        header = [field.strip().lower() for field in next(reader, [])]
    except csv.Error as exc:
        raise ImportRejected(f"not a readable CSV export ({exc})") from exc
    while header and not header[-1]:
        header.pop()  # an empty last column
    if not ({"title", "headline"} & set(header) and {*_BODY_KEYS, *_HTML_KEYS} & set(header)):
        raise ImportRejected(
            "a CSV export needs a header row naming a title (or headline) and a body, text or html column"
        )
    while True:
        start = reader.line_num + 1 + skipped
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield ImportRejected(f"{name}:{start}: not valid CSV ({exc}); the rows after it were not read")
            return
        if not any(cell.strip() for cell in row):
            continue
        label = f"{name}:{start}"
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
            yield ImportRejected(f"{label}: {len(row)} fields where the header names {len(header)}")
            continue
        cells = dict(zip(header, row, strict=False))
        raw = io.StringIO()
        csv.writer(raw, delimiter=delimiter, lineterminator="\n").writerows([header, row])
        yield _json_record(cells, label=label, raw=raw.getvalue())


def _json_record(row: dict, *, label: str, raw: str) -> Record:
    html, text = _first(row, _HTML_KEYS), _first(row, _BODY_KEYS)
    if not html and _MARKUP.search(text):
        html, text = text, ""  # a "body" written in HTML, as many exports do: read as HTML
    else:
        text = _unescaped(text)
    title = _string(row.get("title") or row.get("headline"))
    odd = next(
        (
            key
            for key in (*_HTML_KEYS, *_BODY_KEYS)
            if row.get(key) is not None and not isinstance(row[key], str) and not _first(row, (key,))
        ),
        None,
    )
    return Record(
        problem=f"its “{odd}” field is {_KINDS.get(type(row[odd]), 'not')} text" if odd else "",
        label=label,
        title=_unescaped(title),  # WordPress's "coffee &amp; tea"
        html=html,
        text=text,
        url=_string(row.get("url") or row.get("link") or row.get("source_url")),
        published=_string(
            row.get("published") or row.get("published_at") or row.get("date") or row.get("date_published")
        ),
        byline=_unescaped(_string(row.get("byline") or row.get("author") or row.get("authors"))),
        source=_string(_first_of_list(row.get("source"))),
        language=language_tag(_string(row.get("language") or row.get("lang"))),
        raw=raw,
        description=_plain(
            _string(row.get("dek") or row.get("standfirst") or row.get("description") or row.get("summary"))
        ),
    )


# A body written in HTML closes its elements or breaks its lines; prose that names a tag ("use the
# <p> tag", "x<a and a>0") does neither.
_MARKUP = re.compile(r"</(?:p|div|h[1-6]|ul|ol|li|blockquote|em|strong|b|i|a)\s*>|<br\s*/?>", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _unescaped(text: str) -> str:
    """Entities written out in full ("&amp;", "&#8217;") read; "&copy=1" in a URL is left alone
    (``html.unescape`` reads it as "©=1", as browsers would in markup)."""
    return _ENTITY.sub(lambda entity: unescape(entity.group()), text) if "&" in text else text


_KINDS = {bool: "true or false, not", int: "a number, not", float: "a number, not", dict: "an object, not"}
_WRAPPER_KEYS = ("articles", "items", "posts", "stories", "entries", "records", "results", "data")


def _wrapped_list(whole: dict, depth: int = 0) -> list | None:
    """The list of records an export wraps in one object ({"articles": [...]}, as APIs answer; a
    JSON Feed's "items"; one level deeper, {"response": {"results": [...]}}), or None when the
    object is itself a record. Elements that are not objects stay in the list, to be refused one
    by one."""
    if any(key in whole for key in (*_BODY_KEYS, *_HTML_KEYS)):
        return None
    for key in _WRAPPER_KEYS:
        value = whole.get(key)
        if isinstance(value, list) and (not value or any(isinstance(row, dict) for row in value)):
            return value
    if depth == 0 and "title" not in whole and "headline" not in whole:
        for value in whole.values():
            if isinstance(value, dict) and (rows := _wrapped_list(value, depth + 1)) is not None:
                return rows
    return None


def _first_of_list(value):
    """A source given as a list ("Coastal Times", "Wire") is its first: one story, one source."""
    return value[0] if isinstance(value, list) and value else value


def _listed(rows: list) -> Iterator[tuple[int, object, str]]:
    """(number, record, its JSON) of the records of an export given as one list."""
    return ((number, row, json.dumps(row, ensure_ascii=False)) for number, row in enumerate(rows, start=1))


def _one_object(text: str):
    """``text`` parsed as one JSON document; None when it is not one (JSON Lines stops at the end
    of its first line with "Extra data", at once)."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _json_lines(text: str) -> Iterator[tuple[int, object, str]]:
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if not line:
            continue
        try:
            yield number, json.loads(line), line
        except ValueError as exc:
            yield (
                number,
                ImportRejected(f"not valid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})"),
                line,
            )
        except RecursionError:
            yield number, ImportRejected("the JSON is nested too deeply to read"), line


def _string(value, depth: int = 0) -> str:
    """A field as one line of text: a name object's name, a list's items joined. Lists within
    lists are read a few levels deep only (a thousand levels ran Python out of stack)."""
    if value is None or depth > _STRING_DEPTH:
        return ""
    if isinstance(value, dict):
        value = value.get("name") or ""
    if isinstance(value, list):
        value = ", ".join(text for item in value if (text := _string(item, depth + 1)))
    return " ".join(clean_text(str(value)).split())


_STRING_DEPTH = 3


def _first(row: dict, keys: tuple[str, ...]) -> str:
    for key in keys:
        value = row.get(key)
        if isinstance(value, list) and any(isinstance(part, str) for part in value):
            value = "\n\n".join(part for part in value if isinstance(part, str))  # a body as its paragraphs
        if isinstance(value, str) and value.strip():
            # Escapes in JSON ("\u00e2\u0080\u0094", "\u0000", "\ud800") are only seen once parsed.
            return clean_text(value)
    return ""


FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
