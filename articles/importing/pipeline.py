"""One import pipeline for every door (command, admin, API, tasks).

``extract_articles`` turns bytes into cleaned, sanitized candidate articles without touching the
database; ``import_file`` stores one file's articles in one transaction; ``import_paths`` streams
over files, folders and zip archives and yields one result per article (or failure).

Each stored article goes through: decode → detect → extract → clean → sanitize → de-duplicate
(content hash, decided by the database's unique constraint) → near-duplicate search (MinHash
bands) → store → entity linking (when ``entities.linking`` exists).
"""

import contextlib
import functools
import hashlib
import importlib.util
import logging
import lzma
import os
import re
import stat
import time
import zipfile
import zlib
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from itertools import islice, pairwise
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

import numpy as np
from django.conf import settings
from django.db import DatabaseError, IntegrityError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from newsroom.slugs import ascii_slug

from ..caching import invalidate_public_pages
from ..models import Article, AuditEntry, ImportItem, ImportRun, ShingleBand, Source
from . import detect
from . import workers as parallel
from .decode import (
    ZIPPED_DOCUMENT_KINDS,
    decode_bytes,
    describe_encoding,
    mend_surrogate_references,
    sniff_binary,
    without_direction_references,
)
from .errors import ImportRejected
from .feeds import Record, parse_csv, parse_feed, parse_json_lines
from .html import (
    MARKUP_TAG,
    Visible,
    absolute_links,
    containment,
    extract_html_article,
    fragment_corrections,
    tidy_fragment,
    visible_lines,
    without_code,
)
from .language import story_language
from .mail import is_email, read_mail, readable
from .markdown import is_markdown, markdown_record
from .plaintext import (
    BYLINE,
    EMBARGO,
    THAI_MONTHS,
    TITLE_SEPARATOR,
    UTC_OFFSET,
    WORD,
    ZONE_OFFSETS,
    clean_byline,
    common_era,
    date_of_line,
    ends_sentence,
    extract_text_article,
    is_date_line,
    month_number,
    strip_site_name,
    utc_offset,
    word_count,
    words,
)
from .sanitize import sanitize_with_text
from .zones import site_zone, zones_apart

logger = logging.getLogger(__name__)

# Fewest words a page must yield to count as an article; feed and export records are
# already articles and need only a sentence.
MIN_PAGE_WORDS = 25
MIN_RECORD_WORDS = 5
# Near duplicates: MinHash over word pairs, 32 bands of 3 rows; flagged at this estimated Jaccard.
NUM_PERM = 96
BAND_ROWS = 3
NEAR_DUPLICATE_THRESHOLD = 0.4
# Stories compared with each new one at most: those sharing the most MinHash bands with it.
NEAR_CANDIDATES = 50
FORMAT_LABELS = {
    detect.TEXT: Article.Format.TEXT,
    detect.HTML: Article.Format.HTML,
    detect.FEED: Article.Format.FEED,
    detect.JSONL: Article.Format.JSONL,
    detect.CSV: Article.Format.CSV,
}


@dataclass
class Candidate:
    """A cleaned, sanitized article ready to store (nothing written yet)."""

    label: str
    format: str
    title: str
    body_html: str
    body_text: str
    dek: str = ""
    byline: str = ""
    source_url: str = ""
    published_at: datetime | None = None
    published_date_only: bool = False  # the source gave the day alone
    language: str = ""
    source_name: str = ""
    stripped: list[str] = field(default_factory=list)
    original: bytes | None = None  # the record's own raw bytes; None means the whole file
    original_name: str = ""  # the file it came from, when that is not its label's first part
    original_sha: str = ""  # ``original_digest(original)``, when the reader has it already
    note: str = ""  # what the editor should know although it imports (a date not understood)
    # (content hash, MinHash signature, band keys): computed once, by whoever extracts.
    fingerprint: tuple[str, np.ndarray, list[int]] | None = field(default=None, repr=False)

    def __post_init__(self):
        self.fit_title()

    def fit_title(self) -> None:
        """A headline longer than the archive keeps is cut after a word, with "…", and the note
        says so (the whole of it stays in the original): it was cut mid-word without a word."""
        limit = Article._meta.get_field("title").max_length
        if len(self.title) <= limit:
            return
        length = len(self.title)
        cut = self.title[: limit - 1]
        self.title = (cut.rsplit(" ", 1)[0] if " " in cut[limit // 2 :] else cut).rstrip(" ,;:–—-") + "…"
        fitted = f"its headline was {length:,} characters, over the {limit} a story keeps: it is cut short"
        self.note = "; ".join(filter(None, (self.note, fitted)))

    @property
    def content_hash(self) -> str:
        return self.fingerprint[0] if self.fingerprint else content_hash(self.body_text)

    def fingerprints(self) -> tuple[str, np.ndarray, list[int]]:
        if self.fingerprint is None:
            self.fingerprint = fingerprints_of(self.body_text)
        return self.fingerprint


def fingerprints_of(body_text: str) -> tuple[str, np.ndarray, list[int]]:
    """A story's content hash, MinHash signature and near-duplicate band keys, read from its text."""
    folded = _folded_words(body_text)
    signature = _signature_of_words(folded)
    return _hash_of_words(folded), signature, band_keys(signature)


@dataclass
class Extracted:
    """One input's articles (or per-record rejections), or the one-line reason it has none.

    Made ahead of storing, possibly in a worker process (``workers.py``); fingerprints included.
    """

    items: list["Candidate | ImportRejected"] = field(default_factory=list)
    reason: str = ""


def parser_fault(message: str, name, exc: BaseException) -> None:
    """A parser's fault on odd input, logged on one line (the importer reports the file's or
    record's reason); the traceback only at DEBUG level (LOG_LEVEL=DEBUG): a deeply nested
    record's RecursionError printed thousands of lines into an operator's terminal."""
    logger.warning(message + ": %s: %s", name, type(exc).__name__, str(exc)[:200])
    logger.debug(message, name, exc_info=exc)


def extract_chunks(data: bytes, *, name: str, size: int) -> Iterator[tuple[list, str, bool]]:
    """A feed's or export's items (fingerprints included) in lists of ``size``, as
    (items, reason, last): the reason, when the whole file fails, comes with the last list."""
    chunk: list = []
    reason = ""
    try:
        for item in extract_articles(data, name=name):
            if isinstance(item, Candidate):
                item.fingerprints()
            chunk.append(item)
            if len(chunk) >= size:
                yield chunk, "", False
                chunk = []
    except ImportRejected as exc:
        reason = exc.reason
    except DatabaseError:
        raise
    except Exception as exc:  # the same one-line reason import_file gives
        parser_fault("Import of %s failed", name, exc)
        reason = f"the file could not be read ({type(exc).__name__})"
    yield chunk, reason, True


def extract_file(data: bytes, *, name: str, common_lines: Iterable[str] = ()) -> Extracted:
    """Everything ``import_file`` does before it touches the database; never raises for bad input."""
    try:
        items = list(extract_articles(data, name=name, common_lines=common_lines))
        for item in items:
            if isinstance(item, Candidate):
                item.fingerprints()
        return Extracted(items=items)
    except ImportRejected as exc:
        return Extracted(reason=exc.reason)
    except DatabaseError:
        raise
    except Exception as exc:  # a parser fault on odd input must fail this file only, never the batch
        parser_fault("Import of %s failed", name, exc)
        return Extracted(reason=f"the file could not be read ({type(exc).__name__})")


@dataclass
class ItemResult:
    """What happened to one article (or one input that yielded none)."""

    path: str
    outcome: str  # ImportItem.Outcome
    reason: str = ""
    article_id: int | None = None
    slug: str | None = None
    title: str = ""
    near_duplicate_of: int | None = None
    similarity: float | None = None

    def as_report(self) -> dict:
        article = {"id": self.article_id, "slug": self.slug} if self.article_id or self.slug else None
        near = (
            {"id": self.near_duplicate_of, "similarity": self.similarity} if self.near_duplicate_of else None
        )
        return {
            "path": self.path,
            "outcome": self.outcome,
            "article": article,
            "reason": self.reason or None,
            "near_duplicate_of": near,  # a story in the archive this one resembles: review before publishing
        }


# --- extraction (no database) ---------------------------------------------------------------


@functools.lru_cache(maxsize=16)
def _folded_words(body_text: str) -> str:
    """The body's words, case-folded, one space apart: what the content hash and the MinHash
    signature read (computed for the same body one after the other). Case folding maps each
    character on its own, so folding the joined words equals joining the folded words, without
    a Python call per word."""
    return " ".join(words(body_text)).casefold()


def content_hash(body_text: str) -> str:
    """Hash of the normalised body: case, punctuation and spacing do not make a new story."""
    return _hash_of_words(_folded_words(body_text))


def _hash_of_words(folded: str) -> str:
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


# A saved web archive: a MIME message whose parts are the page and its images, not HTML.
_MHTML_HEADER = re.compile(rb"^content-type:\s*multipart/related", re.IGNORECASE | re.MULTILINE)
_MIME_VERSION = re.compile(rb"^mime-version:", re.IGNORECASE | re.MULTILINE)
_HEADER_LINE = re.compile(rb"[A-Za-z][\w-]*:")


def _is_web_archive(data: bytes) -> bool:
    """MHTML: the file opens with a block of MIME headers naming a multipart/related message
    (an article that quotes such headers in its text is not one)."""
    head = data[:4096].replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
    return bool(_HEADER_LINE.match(head) and _MHTML_HEADER.search(head) and _MIME_VERSION.search(head))


def decode_input(data: bytes, *, name: str = "") -> str:
    """Reject what is not text (one-line reasons) and return the decoded, normalised text.
    ``name``, the file's, names an office document whose parts its bytes do not show, as a
    folder's file is named."""
    if not data:
        raise ImportRejected("the file is empty")
    if not data.strip():
        raise ImportRejected("the file holds nothing but blank space")
    limit = settings.NEWSROOM_IMPORT_MAX_BYTES
    if len(data) > limit:
        raise ImportRejected(f"the file is too large ({_size(len(data))}; the limit is {_size(limit)})")
    kind = sniff_binary(data)
    if kind == "a zip archive" and (office := _office_archive(name, [])):
        raise ImportRejected(_office_reason(office))  # (its parts unreadable: named by its name)
    if kind in ZIPPED_DOCUMENT_KINDS:
        raise ImportRejected(_document_reason(kind))  # (as a folder's or an archive's document is)
    if kind:
        raise ImportRejected(f"this is {kind}, not an article")
    if _is_web_archive(data):
        raise ImportRejected(
            "this is a web archive (MHTML, a browser's “Webpage, Single File”), which the importer does "
            "not read; save the page as “Webpage, HTML Only” and import that"
        )
    # A saved page's code goes before the page is normalised: it is most of the page, and NFC and
    # whitespace over it were 0.8 of a 157 KB page's 1.0 ms here.
    page = _kind(data, name=name) == detect.HTML
    text = decode_bytes(data, trim=without_code if page else None)
    if not text.strip():
        raise ImportRejected("the file contains only whitespace")
    return text


def extract_articles(
    data: bytes, *, name: str, common_lines: Iterable[str] = (), text: str | None = None
) -> Iterator[Candidate | ImportRejected]:
    """Candidates (or per-record rejections) in one input; raises ImportRejected for the whole file.

    ``text`` is ``decode_input(data)`` when the caller has it already (a preview shows it).
    """
    text = decode_input(data, name=name) if text is None else text
    # A saved e-mail is read from its bytes: its headers fold over lines and its parts are encoded.
    items = (
        _mail_candidates(data, name=name)
        if is_email(data)
        else _candidates(text, name=name, common_lines=common_lines)
    )
    for item in items:
        if isinstance(item, Candidate):
            item.title = _WIRE_SLUG.sub("", item.title)  # Reuters' "UPDATE 2-Chile's copper output …"
            # The body first: a short entry's title repeats its names ("Festa Major de Gràcia").
            item.language = story_language(f"{item.body_text}\n{item.title}", declared=item.language)
        yield item


# A wire's slug before its headline: "UPDATE 2-", "REFILE-", "EXCLUSIVE-", "CORRECTED-", "RPT-".
_WIRE_SLUG = re.compile(
    r"^(?:(?:UPDATE|WRAPUP|REFILE|CORRECTED|RPT|EXCLUSIVE|FACTBOX|ANALYSIS|INSIGHT|BREAKINGVIEWS|TIMELINE|"
    r"EXPLAINER|BRIEF|PREVIEW|GRAPHIC)(?: \d{1,2})?-)+(?=\S)"
)


def _mail_candidates(data: bytes, *, name: str) -> Iterator[Candidate]:
    """The story an e-mail carries (``mail.read_mail``), headed by its subject when its text does
    not head itself, and dated by the message when it gives no date of its own."""
    mail = read_mail(data)
    if mail.html:
        candidate = _from_html(decode_bytes(mail.html.encode("utf-8")), name=name)
        if mail.subject and candidate.title == _first_words(candidate.body_text):
            candidate.title = mail.subject
            candidate.fit_title()
    elif mail.text.strip():
        text = decode_bytes(mail.text.encode("utf-8"))
        lines = text.split("\n")
        opening = [index for index, line in enumerate(lines) if line.strip()][:5]
        headline = next((index for index in opening if _heads_itself(lines[index])), None)
        if headline is None:
            text = f"{mail.subject}\n\n{text}" if mail.subject else text
        else:
            text = "\n".join(lines[headline:])  # (above it, the sender's note: "Copy below, 480 words.")
        candidate = _from_text(text, name=name, common_lines=())
    else:
        raise ImportRejected("the e-mail has no text to import (only attachments, or nothing)")
    if candidate.published_at is None:
        candidate.published_at = read_published(mail.date).at or read_published(mail.sent).at
    yield candidate


def _heads_itself(line: str) -> bool:
    """A line shaped like a headline: a few words, no sentence's end."""
    return 3 <= len(words(line)) <= 20 and not ends_sentence(line)


def _candidates(text: str, *, name: str, common_lines: Iterable[str]) -> Iterator[Candidate | ImportRejected]:
    kind = detect.detect_format(text, name=name)
    if kind == detect.TEXT and is_markdown(text, name=name):
        yield _from_markdown(text, name=name)
    elif kind == detect.TEXT:
        yield _from_text(text, name=name, common_lines=common_lines)
    elif kind == detect.HTML:
        yield _from_html(text, name=name)
    elif kind == detect.FEED:
        for record in parse_feed(text, name=name):
            yield record if isinstance(record, ImportRejected) else _record_candidate(record, kind=kind)
    else:
        found = False
        parse = parse_csv if kind == detect.CSV else parse_json_lines
        for record in parse(text, name=name):
            found = True
            yield record if isinstance(record, ImportRejected) else _record_candidate(record, kind=kind)
        if not found:
            raise ImportRejected(f"no records found in the {'CSV' if kind == detect.CSV else 'JSON'} export")


def _record_candidate(record, *, kind: str) -> Candidate | ImportRejected:
    """One record's candidate, or its one-line reason: an odd record never fails its neighbours."""
    try:
        return _checked(_from_record(record, kind=kind))
    except ImportRejected as exc:
        return ImportRejected(f"{record.label}: {exc.reason}")
    except DatabaseError:
        raise
    except Exception as exc:  # a parser fault on one record: that record fails, the file goes on
        parser_fault("Record %s could not be read", record.label, exc)
        return ImportRejected(f"{record.label}: the record could not be read ({type(exc).__name__})")


def extract_one(data: bytes, *, name: str) -> Candidate:
    """The first article of an input (for previews); raises ImportRejected when there is none."""
    for item in extract_articles(data, name=name):
        if isinstance(item, ImportRejected):
            raise item
        return item
    raise ImportRejected("no article found")


def has_words(text: str, least: int) -> bool:
    """Whether the text holds ``least`` words (Chinese and Japanese read two characters to a word:
    ``plaintext.WORD``). Reads only as far as it needs: counting every word of each record's body
    was a quarter of turning it into a story, to compare with 5."""
    return len(list(islice(WORD.finditer(text), least))) >= least


def _checked(candidate: Candidate | ImportRejected) -> Candidate | ImportRejected:
    if isinstance(candidate, Candidate) and not has_words(candidate.body_text, MIN_RECORD_WORDS):
        return ImportRejected(f"{candidate.label}: the entry has no article text")
    return candidate


def _from_markdown(text: str, *, name: str) -> Candidate:
    """A story written in Markdown, read as an export's record (its original: the whole file)."""
    candidate = _from_record(markdown_record(text, name=name), kind=detect.TEXT)
    if isinstance(candidate, ImportRejected):
        raise ImportRejected(candidate.reason.removeprefix(f"{name}: "))
    candidate.original, candidate.format = None, Article.Format.TEXT
    return candidate


def _from_text(text: str, *, name: str, common_lines: Iterable[str]) -> Candidate:
    article = extract_text_article(text, common_lines=common_lines)
    if article is None and not has_words(text, MIN_PAGE_WORDS):
        # ("Hello world.": a sentence, but too few words for a story)
        raise ImportRejected(
            f"no article found in the text (too little text: fewer than {MIN_PAGE_WORDS} words)"
        )
    if article is None:
        raise ImportRejected(
            "no article found in the text (no paragraph of sentences ending in . ! or ?; only short lines, menus or links)"
        )
    parts = []
    open_list = ""  # the list element open: "ul", "ol" or none
    for block in article.blocks:
        wanted = {"li": "ul", "oli": "ol"}.get(block.kind, "")
        if open_list and wanted != open_list:
            parts.append(f"</{open_list}>")
            open_list = ""
        if wanted:
            if not open_list:
                parts.append(f"<{wanted}>")
                open_list = wanted
            parts.append(f"<li>{_escape(block.text)}</li>")
            continue
        tag = "h2" if block.kind == "h" else "p"
        parts.append(f"<{tag}>{_escape(block.text)}</{tag}>")
    if open_list:
        parts.append(f"</{open_list}>")
    body_html, body_text = sanitize_with_text("".join(parts))
    if not has_words(body_text, MIN_PAGE_WORDS):
        raise ImportRejected("no article found in the text (too little prose)")
    return Candidate(
        label=name,
        format=Article.Format.TEXT,
        title=article.title,
        dek=article.dek,
        byline=clean_byline(article.byline),
        body_html=body_html,
        body_text=body_text,
        published_at=(published := read_published(article.published)).at,
        published_date_only=published.date_only,
        stripped=article.stripped,
        note=embargo_note(article.stripped),
    )


def _from_html(text: str, *, name: str) -> Candidate:
    text = without_direction_references(mend_surrogate_references(text))  # (its code gone: decode_input)
    visible = Visible.of(text)
    article = extract_html_article(text, visible=visible)
    fallback = _page_as_text(visible, main=article)
    if fallback is not None:
        fallback.label = name
        fallback.format = Article.Format.HTML
        if article is not None:
            fallback.title = article.title or fallback.title
            fallback.byline = clean_byline(article.byline) or fallback.byline
            fallback.source_url = _url(article.url)
            published = read_published(article.published, site=site_zone(article.url))
            fallback.published_at, fallback.published_date_only = published.at, published.date_only
            fallback.language = article.language
            fallback.source_name = article.sitename[:200]
        return fallback
    if article is None:
        raise ImportRejected("no article found in the HTML page")
    body_html, body_text = sanitize_with_text(article.body_html)
    if not has_words(body_text, MIN_PAGE_WORDS):
        raise ImportRejected("no article found in the HTML page (too little text)")
    title = article.title or _first_words(body_text)
    published = read_published(article.published, site=site_zone(article.url))
    return Candidate(
        note="; ".join(
            note
            for note in (
                embargo_note(article.stripped),
                _joined_note(article.joined)
                or _paywall_note(article.paywalled, body_text, cut_short=article.cut_short),
                struck_note(article.struck),
                zone_note(published, article.url),
                f"the page is page {article.page_of} of the story: only its part is imported; import the "
                "others, or the story's single-page view, to have it whole"
                if article.page_of
                else "",
            )
            if note
        ),
        label=name,
        format=Article.Format.HTML,
        title=title,
        dek=_dek(article.description, title=title, body_text=body_text),
        byline=clean_byline(article.byline),
        body_html=body_html,
        body_text=body_text,
        source_url=_url(article.url),
        published_at=published.at,
        published_date_only=published.date_only,
        language=article.language,
        source_name=article.sitename[:200],
        stripped=article.stripped,
    )


def struck_note(struck: list[str]) -> str:
    """The editor's word on the story's struck-through passages (``html.show_corrections``): the
    allowed markup has no strike-through, so "buy <del>10</del> 12 buses" reads "buy 10 12 buses"
    until someone rewords it."""
    if not struck:
        return ""
    times = Counter(struck)  # each passage once, in order ("10" struck in six places: “10” (6 times))
    shown = ", ".join(
        f"“{text if len(text) <= 60 else text[:59] + '…'}”"
        + (f" ({times[text]} times)" if times[text] > 1 else "")
        for text in list(times)[:3]
    )
    more = f" and {len(times) - 3} more" if len(times) > 3 else ""
    return f"struck-through text reads as plain text in the story: {shown}{more}; reword it where it matters"


def embargo_note(stripped: list[str]) -> str:
    """The editor's warning for copy under an embargo, whose line the cleaner took off its top."""
    embargo = next((line for line in stripped[:12] if EMBARGO.match(line)), "")
    return f"the copy says “{embargo[:120]}”: do not publish it before then" if embargo else ""


# Fewer words than this under a paywall: likely the teaser alone.
PAYWALL_TEASER_WORDS = 300


def _paywall_note(paywalled: bool, body_text: str, *, cut_short: bool = False) -> str:
    """The editor's warning for a subscribers' story of which the page held only the opening: a
    short one, or one whose page says the rest is for subscribers, however long."""
    if not paywalled or (has_words(body_text, PAYWALL_TEASER_WORDS) and not cut_short):
        return ""
    return "the page marks the story as for subscribers only: the saved page may hold its opening paragraphs alone"


def _joined_note(headlines: list[str]) -> str:
    """The editor's warning for a page whose stories were imported as one (a roundup)."""
    if not headlines:
        return ""
    named = ", ".join(f"“{headline[:80]}”" for headline in headlines[:4])
    return f"the page holds {len(headlines)} stories ({named}), imported as one: split them before publishing"


def _page_as_text(visible: Visible, *, main) -> Candidate | None:
    """A second opinion for HTML: the page's visible text through the plain-text cleaner.

    It is used instead of trafilatura's choice only when that choice is nearly empty next to it
    and is not part of it (trafilatura took the wrong block). When trafilatura's few words are
    inside the visible article, its boundaries are the better ones: the cleaner's longer reading
    is then the story plus what follows it (comments, teasers).
    """
    if main is not None:
        main_text = _ANY_TAG.sub(" ", main.body_html)
        # The cleaner only removes lines, so the page's own word count bounds its reading.
        if word_count(main_text) >= 0.1 * visible.word_count:
            return None
        main_words = words(main_text)
    try:
        candidate = _from_text(visible.lines, name="", common_lines=frozenset())
    except ImportRejected:
        return None
    if main is None:
        return candidate
    text_words = words(candidate.body_text)
    if len(main_words) < 0.1 * len(text_words) and containment(main_words, text_words) < 0.5:
        return candidate
    return None


_ANY_TAG = re.compile(r"<[^>]*>")


def _from_record(record: Record, *, kind: str) -> Candidate | ImportRejected:
    named = _record_title(record.title, source=record.source) if record.title else ""
    stripped: list[str] = []
    struck: list[str] = []
    html = without_direction_references(mend_surrogate_references(record.html))
    if html and detect.detect_format(html) == detect.HTML and "<body" in html.lower():
        page = extract_html_article(html, url=record.url or None)
        body_html, body_text = sanitize_with_text(page.body_html if page else "")
        struck = page.struck if page else []
    elif html:
        html, struck = fragment_corrections(html)
        body_html, body_text = sanitize_with_text(absolute_links(_with_paragraphs(html), record.url))
        tidied, stripped = tidy_fragment(body_html, title=named)
        if stripped:
            body_html, body_text = sanitize_with_text(tidied)
    else:
        paragraphs = re.split(r"\n\s*\n", record.text.strip())
        if len(paragraphs) == 1:
            paragraphs = record.text.strip().split("\n")
        body_html, body_text = sanitize_with_text(
            "".join(f"<p>{_escape(p)}</p>" for p in paragraphs if p.strip())
        )
    title = named or _first_words(body_text)
    if not title or not body_text:
        missing = (
            "its body or html field is missing or empty"
            if kind in {detect.JSONL, detect.CSV}
            else "it has no description or content"
        )
        return ImportRejected(f"{record.label}: the entry has no text ({record.problem or missing})")
    published = read_published(record.published, site=site_zone(record.url))
    return Candidate(
        label=record.label,
        format=FORMAT_LABELS[kind],
        title=title,
        dek=_dek(record.description, title=title, body_text=body_text),
        # (or the "By …" line the story's HTML opened with)
        byline=clean_byline(_field_text(record.byline) or next(filter(BYLINE.match, stripped), ""))[:300],
        body_html=body_html,
        body_text=body_text,
        source_url=_url(record.url),
        published_at=published.at,
        published_date_only=published.date_only,
        language=record.language,
        source_name=record.source[:200],
        stripped=stripped,
        original=record.raw.encode("utf-8") if record.raw else b"",
        note="; ".join(
            note
            for note in (
                f"its date “{record.published[:40]}” was not understood ({published.problem}): "
                f"imported without it ({DATED_AT_IMPORT})"
                if published.problem
                else "",
                _summary_note(record, body_text),
                "" if named else UNTITLED_NOTE,
                struck_note(struck),
                zone_note(published, record.url),
            )
            if note
        ),
    )


# A record without a title is headed by its first words until an editor writes its headline.
UNTITLED_NOTE = "it came without a title: its first words stand in for one; write its headline"


# A feed entry's summary this short is a teaser of the story, not the story.
SUMMARY_WORDS = 150


def _summary_note(record: Record, body_text: str) -> str:
    """The editor's warning for a feed entry that carries only its summary."""
    if not record.summary_only or (count := len(words(body_text))) >= SUMMARY_WORDS:
        return ""
    where = f" at {record.url}" if _url(record.url) else " on the site"
    return f"the feed gives only a summary of this story ({count} words): the whole story is{where}"


_REFERENCE = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.IGNORECASE)


def _field_text(value: str) -> str:
    """A record's text field as a reader sees it: an export's byline "By <b>Tom Pryce</b>" or
    "Tom &amp; Jerry" (a mailbox in angle brackets, "Jane Roe <jane@x.example>", is not markup)."""
    if MARKUP_TAG.search(value) or _REFERENCE.search(value):
        return sanitize_with_text(value)[1]
    return value


_BLOCK_TAG = re.compile(
    r"<(?:p|div|h[1-6]|ul|ol|li|blockquote|pre|table|figure|section|article)\b", re.IGNORECASE
)
_CLOSING_TAG = re.compile(
    r"</(?:p|div|h[1-6]|ul|ol|li|blockquote|table|figure|section|article)\s*>\s*$", re.IGNORECASE
)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|(?:<br\s*/?>\s*){2,}", re.IGNORECASE)


def _with_paragraphs(markup: str) -> str:
    """An HTML field written as text with inline markup (a WordPress export's content, "one.
    <br><br>two."): its blank lines and double breaks are the paragraphs, between whatever block
    elements it also holds ("para\n\n<h2>Reaction</h2>\n\npara"). Left as it is when a block
    element spans a blank line (a <pre>, a quotation of two paragraphs)."""
    parts = [part.strip() for part in _PARAGRAPH_BREAK.split(markup) if part.strip()]
    if len(parts) < 2 and _BLOCK_TAG.search(markup):
        return markup
    out = []
    for part in parts:
        if not _BLOCK_TAG.search(part):
            out.append(f"<p>{part}</p>")
        elif _BLOCK_TAG.match(part) and _CLOSING_TAG.search(part) and "<pre" not in part.lower():
            out.append(part)  # a whole block element between blank lines
        else:
            return markup
    return "".join(out)


def _record_title(title: str, *, source: str) -> str:
    """A feed's or an export's title as given: it is the story's own, not a page's <title>, and
    a dash in it is the headline's ("Mayor resigns — and nobody is surprised"). Only the
    record's own source name after it goes ("Mayor resigns | Coastal Times", also from a source
    named "Coastal Times - Latest News")."""
    title = " ".join(title.split())
    if source:
        parts = TITLE_SEPARATOR.split(title)
        last, name = parts[-1].casefold(), source.casefold()
        if len(parts) > 1 and (last == name or re.match(rf"{re.escape(last)}\s+[|–—»:-]", name)):
            return title[: title.rindex(parts[-1])].rstrip(" |–—»-:")
    return title  # "Vogue – Madonna’s hit turns 35": a name before the dash is the story's subject


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _first_words(text: str, limit: int = 12) -> str:
    tokens = text.split()
    return " ".join(tokens[:limit]) + ("…" if len(tokens) > limit else "")


# What WordPress puts after an excerpt: "[…]", then "The post … appeared first on …".
_EXCERPT_END = re.compile(
    r"\s*\[(?:…|\.\.\.|&hellip;)\](?:\s*The post .{1,300} appeared first on .{1,120})?$"
    r"|\s*\bThe post .{1,300} appeared first on .{1,120}$"
)


def _dek(description: str, *, title: str, body_text: str) -> str:
    description = _EXCERPT_END.sub("", " ".join((description or "").split()))
    if not description or description == title or len(description) > 400:
        return ""
    if body_text.startswith(description.rstrip(".… ")[:60]):
        return ""  # the meta description is only the first sentence again
    return description


def _url(url: str) -> str:
    url = (url or "").strip()
    return url[:1000] if re.match(r"^https?://[^\s/$.?#].[^\s]*$", url, re.IGNORECASE) else ""


class Published(NamedTuple):
    """A date as the importer read it."""

    at: datetime | None
    # When a date is given but not read, why (for the editor; empty when the reading succeeded or
    # there was no date).
    problem: str = ""
    # The source gave the day without its time ("5 March 2024", "2024-03-05T00:00:00").
    date_only: bool = False
    # A time of day with no zone, and no site's zone to read it in: read in the newsroom's.
    zone_assumed: bool = False


def zone_note(published: Published, url: str) -> str:
    """The editor's word on a time read in the newsroom's zone although the site's country has
    several ("14:35" on a Russian site is any of eleven): it may be hours off."""
    if not published.zone_assumed or published.date_only or published.at is None:
        return ""
    newsroom = timezone.get_default_timezone()
    shown = published.at.astimezone(newsroom).strftime("%H:%M")
    if country := zones_apart(url):
        why = f"{country} has several"
    elif site_zone(url) is None:
        why = "the page's address names no country"  # (no address, or a .com's: "Beijing time"?)
    else:
        return ""
    return (
        f"its time {shown} gives no time zone and {why}: it is read in the newsroom's "
        f"({timezone.get_default_timezone_name()}); check it"
    )


def read_published(value: str, *, site: ZoneInfo | None = None) -> Published:
    """A date read: a timezone-aware datetime from ISO 8601, RFC 2822 (or its spelled-out US cousin,
    "Thursday, March 6, 2025 4:15 PM EST"), a bare date or Unix time, or none when unreadable (why,
    for the editor), or when its zone is a name that could mean two places ("IST"). A date or time
    without a zone is the newsroom's (the TIME_ZONE setting); one in the hour its clocks skip or
    repeat is unknown too. Whether the source gave the day alone.

    ``site`` is the site's zone (``zones.site_zone``): a time without a zone is read in it rather
    than in the newsroom's, and a zone's name is read as the site's when its clocks use it at that
    time ("BST" on a British site, "CST" on a Taiwanese one). A day alone stays the newsroom's day.
    """
    value = " ".join((value or "").split())
    if not value:
        return Published(None, "")
    if _EPOCH.fullmatch(value):  # exports often give Unix time, in seconds or milliseconds
        whole = value.split(".")[0]
        try:
            parsed = datetime.fromtimestamp(float(value) / (1000 if len(whole) >= 12 else 1), tz=UTC)
        except (OverflowError, OSError, ValueError):
            return Published(None, "a number too large for a date")
        return Published(parsed) if 1900 <= parsed.year <= 2200 else Published(None, "a year out of range")
    if _NO_DATE.search(value):  # WordPress's "-0001" and MySQL's zero date: "not dated"
        return Published(None, "the source's way of saying the story is undated")
    value = _as_iso_or_english(value)
    if _DAY_FIRST.match(value):
        return Published(None, "its day and month could be either way round")
    value = _TWELVE_HOUR.sub(_twenty_four_hour, value)
    if (written := _UTC_PLUS.search(value)) and (offset := utc_offset(written)):
        value = f"{value[: written.start()]} {offset.replace(':', '')}"  # "15:30:00 UTC+3"
    zone = _NAMED_ZONE.search(value)
    if zone and _GIVEN_OFFSET.search(value[: zone.start(1)]):
        value, zone = value[: zone.start(1)].rstrip(), None  # "+05:30 IST": the offset says it
    if value.endswith(" -0000"):
        value = value[:-5] + "+0000"  # RFC 2822's "UTC, offset unknown": email.utils makes it naive
    # A zone's name read as the site's when its clocks use it: "BST" (British Summer Time or
    # Bangladesh), "CST" on a Taiwanese site (China Standard Time, not the US Central the table says).
    named, offset = "", None
    if zone:
        offset = ZONE_OFFSETS.get(zone.group(1).upper())
        if site is not None:
            named, value = zone.group(1).upper(), value[: zone.start(1)].rstrip()
        elif offset is None:
            # "IST" (India or Ireland), "WIB": a zone taken as UTC would be hours off
            return Published(None, f"the time zone “{zone.group(1)}” is ambiguous or unknown")
        else:
            value = value[: zone.start(1)].rstrip() + " " + offset
    parsed, date_only = None, False
    if _ISO_DAY.match(value):
        try:
            if len(value) == 10:
                day = parse_date(value)
                parsed = datetime(day.year, day.month, day.day) if day else None
                date_only = True
            else:
                parsed = parse_datetime(re.sub(r"^(\S+) (\d)", r"\1T\2", value).replace(" ", ""))
        except ValueError:  # "2025-03-14T25:00:00Z"
            return Published(None, "no such day or time")
        if parsed is None:
            # an ISO day with something unreadable after it: not midnight
            return Published(None, "unreadable")
    if parsed is None:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):  # "01 Jan 99999999999999999999"
            parsed = _rfc_day(value)
            date_only = True
            if parsed is None:
                return Published(None, "unreadable")
        else:
            if parsed.tzinfo is None and _AFTER_TIME.search(value):
                # "15:30:00 UTC+3", "GMT+2": a zone email.utils could not read
                return Published(None, "its time zone is not one the importer reads")
    if parsed.year < 1900 or parsed.year > 2200:
        return Published(None, "a year out of range")
    if named:
        # "BST" on a British site is British Summer Time when its clocks were on it then (of the
        # two 01:30s as they go back, the one it names).
        for fold in (0, 1):
            local = parsed.replace(tzinfo=site, fold=fold)
            if (
                local.tzname() == named
                and local.astimezone(UTC).astimezone(site).replace(tzinfo=None) == parsed
            ):
                return Published(local.astimezone(UTC).astimezone(site))
        if offset is not None:  # not the site's: the table's ("EST" on a British site)
            fixed = datetime.strptime(offset, "%z").tzinfo
            return Published(parsed.replace(tzinfo=fixed) if timezone.is_naive(parsed) else parsed)
        return Published(None, f"the time zone “{named}” is ambiguous or unknown")
    if timezone.is_naive(parsed):
        # A midnight with no zone is how exports and trafilatura's date reading write a day alone.
        midnight = (parsed.hour, parsed.minute, parsed.second, parsed.microsecond) == (0, 0, 0, 0)
        date_only = date_only or midnight
        local = timezone.get_default_timezone() if date_only or site is None else site
        whose = "the newsroom's" if local is not site else "the site's"
        aware = timezone.make_aware(parsed, local)
        if date_only:
            # The day is certain; where the clocks skip its midnight it starts at 01:00 (a day they
            # skip whole, Samoa's 30 December 2011, is no date).
            start = aware.astimezone(UTC).astimezone(local)
            if start.date() != parsed.date():
                return Published(None, f"the clocks skipped that day in {local}, the newsroom's time zone")
            return Published(start, date_only=True)
        if aware.astimezone(UTC).astimezone(local).replace(tzinfo=None) != parsed:
            # "02:30" as daylight saving began: no such moment
            return Published(None, f"the clocks skipped that time in {local}, {whose} time zone")
        if aware.utcoffset() != timezone.make_aware(parsed.replace(fold=1), local).utcoffset():
            # "03:30" as summer time ends: two moments, an hour apart
            return Published(None, f"that time came twice, an hour apart, in {local}, {whose} time zone")
        return Published(aware, zone_assumed=site is None)
    return Published(parsed)


# Numeric days exports write: "2026/10/14 09:30"; "14/10/2026 09:30" (day first when the day is
# over 12; "03/04/2026" is March or April depending on the source, and is not read); "14.10.2026"
# (dotted: day first, as German, Russian and Ukrainian sources write it).
_YEAR_FIRST = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})\b")
_DAY_FIRST = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{4})\b")
# A feed's RFC 822 date in the site's language: "Пн, 09 мар 2026 08:15:00 +0700".
_FOREIGN_RFC = re.compile(r"^(?:[^\W\d_]{2,3}\.?,\s*)?(\d{1,2})\s+([^\W\d_]{3,})\.?\s+(\d{4})\b")
_ENGLISH_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _as_iso_or_english(value: str) -> str:
    """A numeric or foreign-language date rewritten as one the parsers read (ISO, or RFC 822 in
    English); unchanged when it is neither, or when its day and month could be either way round."""
    if found := _YEAR_FIRST.match(value):
        year, month, day = found.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}{value[found.end() :]}"
    if found := _DAY_FIRST.match(value):
        first, separator, second, year = found.groups()
        if separator != "." and int(first) <= 12 < int(second):  # "10/14/2026": month first
            return f"{year}-{int(first):02d}-{int(second):02d}{value[found.end() :]}"
        if separator != "." and not (int(first) > 12 >= int(second)):
            return value  # "03/04/2026": March or April
        return f"{year}-{int(second):02d}-{int(first):02d}{value[found.end() :]}"
    if (found := _FOREIGN_RFC.match(value)) and not found[2].isascii() and (month := month_number(found[2])):
        year = common_era(int(found[3])) if found[2] in THAI_MONTHS else found[3]  # (Thai: Buddhist era)
        return f"{int(found[1]):02d} {_ENGLISH_MONTHS[month - 1]} {year}{value[found.end() :]}"
    return value


def _twenty_four_hour(match: re.Match) -> str:
    hour, minute, second, half = match.groups()
    hour = int(hour) % 12 + (12 if half.lower() == "p" else 0)
    return f"{hour:02d}:{minute}" + (f":{second}" if second else "")


_ISO_DAY = re.compile(r"^\d{4}-\d\d-\d\d")
_GIVEN_OFFSET = re.compile(r"[+-]\d\d:?\d\d\s*$")
_AFTER_TIME = re.compile(r"(?<![\d:])\d{1,2}:\d\d(?::\d\d)?\s+\S.*$")  # a word after the time
_NO_DATE = re.compile(r"(?<![\d-])-0001\b|^0000-00-00")
_TWELVE_HOUR = re.compile(r"(?<![\d:])(\d{1,2}):(\d\d)(?::(\d\d))?\s*([AaPp])\.?[Mm]\b\.?")
# An offset from UTC written after the time: "15:30:00 UTC+3", "9:30 GMT-03:30".
_UTC_PLUS = re.compile(rf"(?<=\d)\s*{UTC_OFFSET}$")
_EPOCH = re.compile(r"\d{9,13}(?:\.\d+)?")
_NAMED_ZONE = re.compile(r"\d:\d\d(?::\d\d)?(?:\.\d+)?\s*([A-Za-z]{2,5})$")
_RFC_DAY = re.compile(
    r"^(?:[A-Za-z]{3,9},?\s+)?(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3,9})\.?\s+(?P<year>\d{4})$"
)
_US_DAY = re.compile(
    r"^(?:[A-Za-z]{3,9},?\s+)?(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})$"
)
_MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


def _rfc_day(value: str) -> datetime | None:
    """A date without its time, as RFC 2822 writes it ("Fri, 14 Mar 2025"), which email.utils
    refuses, or as US feeds do ("March 14, 2025")."""
    match = _RFC_DAY.match(value) or _US_DAY.match(value)
    word = match.group("month").lower() if match else ""
    month = next((n for n, name in enumerate(_MONTH_NAMES, 1) if name.startswith(word)), None)
    if month is None or len(word) < 3:  # "14 Marzipan 2025" is no date
        return None
    try:
        return datetime(int(match.group("year")), month, int(match.group("day")))
    except ValueError:
        return None


# --- near duplicates ------------------------------------------------------------------------


def minhash_signature(body_text: str) -> np.ndarray:
    return _signature_of_words(_folded_words(body_text))


@functools.cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The 96 affine permutations, drawn exactly as datasketch's MinHash(seed=7, scheme="affine32")
    draws them: stored signatures were made with datasketch and must keep comparing equal."""
    generator = np.random.RandomState(7)
    a = generator.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _signature_of_words(folded: str) -> np.ndarray:
    """MinHash over word pairs: crc32 (stable across processes, runs in C), the MurmurHash3
    finalizer, then ``a * h + b`` modulo 2**32 per permutation (datasketch's "affine32" scheme,
    bit for bit). Done here in numpy because importing datasketch pulls in scipy: a second
    and 47 MB per process for four array operations."""
    tokens = folded.encode("utf-8").split(b" ")
    shingles = set(map(b" ".join, pairwise(tokens))) or {b""}  # word pairs, joined in C
    hashes = np.fromiter(map(zlib.crc32, shingles), dtype=np.uint32, count=len(shingles))
    hashes ^= hashes >> np.uint32(16)
    hashes *= np.uint32(0x85EBCA6B)
    hashes ^= hashes >> np.uint32(13)
    hashes *= np.uint32(0xC2B2AE35)
    hashes ^= hashes >> np.uint32(16)
    a, b = _permutations()
    products = np.multiply.outer(hashes, a)  # wraps modulo 2**32, as uint32 does
    products += b  # in place: one shingles x permutations array instead of two
    return products.min(axis=0)


_BAND_BYTES = BAND_ROWS * 4
_BAND_PREFIXES = [bytes([band]) for band in range(NUM_PERM // BAND_ROWS)]


def band_keys(signature: np.ndarray) -> list[int]:
    """Each band's key: the first 8 bytes of blake2b over the band's number and its rows, read as a
    signed big-endian integer (the stored bands' keys: changing them loses the archive's bands)."""
    data = signature.tobytes()
    blake2b, step = hashlib.blake2b, _BAND_BYTES
    digests = b"".join(
        [
            blake2b(prefix + data[start : start + step], digest_size=8).digest()
            for prefix, start in zip(_BAND_PREFIXES, range(0, len(data), step), strict=True)
        ]
    )
    return np.frombuffer(digests, dtype=">i8").tolist()  # one conversion instead of 32 (48 -> 27 µs)


def near_duplicates(
    signature: np.ndarray, *, limit: int = 5, keys: list[int] | None = None
) -> list[tuple[int, float]]:
    """Stored articles sharing a band with ``signature``, most similar first, above the threshold."""
    return [(article.pk, score) for article, score in _near_articles(signature, keys=keys)][:limit]


def _near_articles(
    signature: np.ndarray, *, keys: list[int] | None = None, before: int | None = None
) -> list[tuple[Article, float]]:
    """Stored articles (pk, slug and title only) sharing a band with ``signature`` and similar enough,
    most similar first: one query (the band lookup is a subquery). ``before``: only articles stored
    before that one (a story is the near-duplicate of an earlier one, never of its own later copy)."""
    keys = band_keys(signature) if keys is None else keys
    quote = connection.ops.quote_name
    bands, article = quote(ShingleBand._meta.db_table), quote(Article._meta.db_table)
    # Plain SQL: the ORM's per-parameter preparation of 32 keys cost more than the query itself.
    sql = (
        f"SELECT {quote('id')}, {quote('minhash')}, {quote('slug')}, {quote('title')} FROM {article} "  # noqa: S608
        f"WHERE {quote('id')} IN (SELECT DISTINCT {quote('article_id')} FROM {bands} "
        f"WHERE {quote('key')} IN ({', '.join(['%s'] * len(keys))})"
        + (f" AND {quote('article_id')} < %s" if before else "")
        + f" LIMIT {NEAR_CANDIDATES})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*keys, before] if before else keys)
        rows = cursor.fetchall()
    scored = []
    for article_id, stored, slug, title in rows:
        if not stored:
            continue
        other = np.frombuffer(bytes(stored), dtype=np.uint32)
        if other.shape != signature.shape:
            continue
        score = similarity(other, signature)
        if score >= NEAR_DUPLICATE_THRESHOLD:
            scored.append((Article(pk=article_id, slug=slug, title=title), score))
    scored.sort(key=lambda pair: (-pair[1], pair[0].pk))
    return scored


def find_near_duplicate(
    signature: np.ndarray, *, keys: list[int] | None = None, before: int | None = None
) -> tuple[Article | None, float]:
    """The most similar stored article (stored ``before`` one, when given), when one is similar
    enough to flag."""
    found = _near_articles(signature, keys=keys, before=before)
    if not found:
        return None, 0.0
    return found[0]


# --- storing --------------------------------------------------------------------------------


_DRY_SLUGS = "slugs"  # the key of a dry run's would-be slugs among its content hashes


DATED_AT_IMPORT = "published stories are dated at import"  # (said by a note on a date not understood)


def _imported_note(candidate: Candidate, status: str) -> str:
    """What the editor should know about an imported story: the extraction's note, and that a
    story published without a date of its own carries the import's (not the story's) date."""
    undated = status == Article.Status.PUBLISHED and candidate.published_at is None
    if undated and DATED_AT_IMPORT not in candidate.note:  # (a date not understood says so already)
        undated_note = (
            "no publication date in it: it carries the date of the import; correct it if the story is older"
        )
        return "; ".join(filter(None, (candidate.note, undated_note)))
    return candidate.note


def _unique_slug(title: str) -> str:
    base = ascii_slug(title)
    taken = set(Article.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def original_digest(data: bytes) -> str:
    """SHA-256 of an input's raw bytes, as ``Article.original_digest`` stores it."""
    return hashlib.sha256(data).hexdigest() if data else ""


def _stored_original(data: bytes, *, digest: str = "") -> tuple[int, str] | None:
    """(id, slug) of a story imported from exactly these bytes, if there is one: importing a
    folder again then costs a hash and an indexed lookup per file, not an extraction. Plain SQL: the
    ORM's query building cost 380 microseconds a file against 20 for the query itself. Empty
    bytes have no digest (stories from feeds keep none either): they are never a duplicate."""
    if not data:
        return None
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote('id')}, {quote('slug')} FROM {quote(Article._meta.db_table)} "  # noqa: S608
            f"WHERE {quote('original_digest')} = %s LIMIT 1",
            [digest or original_digest(data)],
        )
        return cursor.fetchone()


def _new_article(
    candidate, *, source, source_cache, status, user, original, original_name, digest, signature
) -> Article:
    """An unsaved Article for a cleaned candidate: the one place its fields are mapped.

    A record's own source name wins for exports (JSON Lines carry one per record); otherwise it
    only fills in when the operator named none. A story imported as published without a date of
    its own is published now, as the editorial workflow publishes it.
    """
    if candidate.source_name and (
        source is None or candidate.format in {Article.Format.JSONL, Article.Format.CSV}
    ):
        source = source_named(candidate.source_name, cache=source_cache)
    return Article(
        title=candidate.title[:500],
        dek=candidate.dek,
        body_html=candidate.body_html,
        body_text=candidate.body_text,
        byline=candidate.byline[:300],
        source=source,
        source_url=candidate.source_url,
        published_at=candidate.published_at
        or (timezone.now() if status == Article.Status.PUBLISHED else None),
        published_date_only=candidate.published_at is not None and candidate.published_date_only,
        status=status,
        language=candidate.language[:12],
        original=original,
        original_name=original_name[:500],
        original_digest=(
            candidate.original_sha
            if candidate.original_sha and original is candidate.original
            else original_digest(original)
        ),
        original_format=candidate.format,
        stripped=candidate.stripped,
        content_hash=digest,
        minhash=signature.tobytes(),
        created_by=user if getattr(user, "pk", None) else None,
    )


def store_candidate(
    candidate: Candidate,
    *,
    original: bytes,
    original_name: str,
    source: Source | None,
    status: str,
    user=None,
    dry_run: bool = False,
    source_cache: dict | None = None,
    batch: "FileBatch | None" = None,
    dry_seen: dict[str, str] | None = None,
) -> ItemResult:
    """Store one candidate (inside the caller's transaction); the database decides duplicates.

    With a ``batch``, the story's initial history row is written with the batch's other rows.
    A dry run reports what a real one would: ``dry_seen`` holds the content hashes (and labels)
    of the stories it would already have stored.
    """
    digest, signature, keys = candidate.fingerprints()
    if dry_run:
        # Nothing is written, so nothing can clash: look the hash up. A real import skips this
        # query and lets the insert below meet the unique constraint (duplicates are the exception).
        existing = Article.objects.filter(content_hash=digest).only("pk", "slug").first()
        if existing:
            return _duplicate(candidate, existing)
        if dry_seen is not None and digest in dry_seen:
            return ItemResult(
                path=candidate.label,
                outcome=ImportItem.Outcome.DUPLICATE,
                reason=f"duplicate of {dry_seen[digest]}, earlier in this import",
                title=candidate.title,
            )
    near, similarity = find_near_duplicate(signature, keys=keys)
    if dry_run:
        if dry_seen is None:
            slug = _unique_slug(candidate.title)
        else:
            dry_seen[digest] = candidate.label
            # A slug an earlier would-be story of this dry run took is taken too (two stories
            # with one title were both shown as "cranes-return"; the real run gives "-2").
            base = ascii_slug(candidate.title)
            in_archive = {base} if Article.objects.filter(slug=base).exists() else set()
            slug = _batch_slug(candidate.title, dry_seen.setdefault(_DRY_SLUGS, set()), in_archive)
        return ItemResult(
            path=candidate.label,
            outcome=ImportItem.Outcome.IMPORTED,
            reason=_imported_note(candidate, status),
            title=candidate.title,
            slug=slug,
            near_duplicate_of=near.pk if near else None,
            similarity=similarity if near else None,
        )
    article = _new_article(
        candidate,
        source=source,
        source_cache=source_cache,
        status=status,
        user=user,
        original=original,
        original_name=original_name,
        digest=digest,
        signature=signature,
    )
    article.near_duplicate_of, article.similarity = near, similarity if near else None
    base = ascii_slug(candidate.title)
    for attempt in range(5):
        # Most titles are new: try the plain slug first and look for a free one only on a clash.
        article.slug = base if attempt == 0 else _unique_slug(candidate.title)
        try:
            with transaction.atomic():
                # An insert without Model.save()'s signals: the history row is copied in bulk
                # (_write_history) and cached pages are invalidated once per batch.
                Article.objects.bulk_create([article])
        except IntegrityError:
            existing = Article.objects.filter(content_hash=digest).only("pk", "slug").first()
            if existing:
                return _duplicate(candidate, existing)
            article.pk = None  # a concurrent import took the slug: try the next one
            continue
        break
    else:
        return ItemResult(path=candidate.label, outcome=ImportItem.Outcome.FAILED, reason="no free slug")
    _store_bands([(article.pk, key) for key in keys])
    _write_history([article], user=user, batch=batch)
    return ItemResult(
        path=candidate.label,
        outcome=ImportItem.Outcome.IMPORTED,
        reason=_imported_note(candidate, status),
        article_id=article.pk,
        slug=article.slug,
        title=article.title,
        near_duplicate_of=near.pk if near else None,
        similarity=similarity if near else None,
    )


BATCH_SIZE = 500


def store_batch(
    candidates: list[Candidate],
    *,
    source: Source | None,
    status: str,
    user=None,
    source_cache: dict | None = None,
    whole_file: bytes = b"",
    batch: "FileBatch | None" = None,
) -> list[ItemResult]:
    """Store the records of one feed or export with a handful of queries instead of a dozen each.

    Same outcomes as calling :func:`store_candidate` for each record in order (duplicates of the
    archive or of an earlier record, near-duplicates, unique slugs). If a concurrent import wins a
    race inside the batch, the batch falls back to one record at a time, where the database's
    unique constraint decides each record.
    """
    results: list[ItemResult | None] = [None] * len(candidates)
    fingerprints = [candidate.fingerprints() for candidate in candidates]
    hashes = [digest for digest, _signature, _keys in fingerprints]
    existing = {
        digest: (pk, slug)
        for digest, pk, slug in Article.objects.filter(content_hash__in=set(hashes)).values_list(
            "content_hash", "pk", "slug"
        )
    }
    first_in_batch: dict[str, int] = {}
    fresh: list[int] = []
    for index, (candidate, digest) in enumerate(zip(candidates, hashes, strict=True)):
        if digest in existing:
            pk, slug = existing[digest]
            results[index] = _duplicate(candidate, Article(pk=pk, slug=slug))
        elif digest in first_in_batch:
            results[index] = -first_in_batch[digest] - 1  # resolved once the first one has a pk
        else:
            first_in_batch[digest] = index
            fresh.append(index)
    signatures = {index: fingerprints[index][1] for index in fresh}
    keys = {index: fingerprints[index][2] for index in fresh}
    near = _batch_near_duplicates(signatures, keys)
    taken: set[str] = set()
    bases = {ascii_slug(candidates[index].title) for index in fresh}
    stored_slugs = set(Article.objects.filter(slug__in=bases).values_list("slug", flat=True))
    articles: list[Article] = []
    for index in fresh:
        candidate = candidates[index]
        article = _new_article(
            candidate,
            source=source,
            source_cache=source_cache,
            status=status,
            user=user,
            original=whole_file if candidate.original is None else candidate.original,
            original_name=candidate.original_name or candidate.label.split(":", 1)[0].split("#", 1)[0],
            digest=hashes[index],
            signature=signatures[index],
        )
        article.slug = _batch_slug(candidate.title, taken, stored_slugs)
        article.created_at = article.updated_at = timezone.now()
        articles.append(article)
    try:
        with transaction.atomic():
            created = Article.objects.bulk_create(articles, batch_size=BATCH_SIZE)
            by_index = dict(zip(fresh, created, strict=True))
            if any(article.pk is None for article in created):
                raise IntegrityError("bulk insert returned no keys")
            to_update = []
            for index, (other, score) in near.items():
                article = by_index[index]
                target = by_index[-other - 1].pk if other < 0 else other
                article.near_duplicate_of_id, article.similarity = target, score
                to_update.append(article)
            if to_update:
                Article.objects.bulk_update(
                    to_update, ["near_duplicate_of", "similarity"], batch_size=BATCH_SIZE
                )
            _store_bands([(by_index[index].pk, key) for index in fresh for key in keys[index]])
            _write_history(created, user=user, batch=batch)
    except IntegrityError:
        # Another importer stored some of these meanwhile: let the constraint decide one by one.
        return [
            store_candidate(
                candidate,
                original=b""
                if candidate.original is None and not whole_file
                else (candidate.original or whole_file),
                original_name=candidate.original_name or candidate.label,
                source=source,
                status=status,
                user=user,
                source_cache=source_cache,
                batch=batch,
            )
            for candidate in candidates
        ]
    for index in fresh:
        article = by_index[index]
        other, score = near.get(index, (None, None))
        results[index] = ItemResult(
            path=candidates[index].label,
            outcome=ImportItem.Outcome.IMPORTED,
            reason=_imported_note(candidates[index], status),
            article_id=article.pk,
            slug=article.slug,
            title=article.title,
            near_duplicate_of=article.near_duplicate_of_id,
            similarity=article.similarity,
        )
    for index, result in enumerate(results):
        if isinstance(result, int):
            first = by_index[-result - 1]
            results[index] = _duplicate(candidates[index], first)
    return results


def _batch_slug(title: str, taken: set[str], stored: set[str]) -> str:
    """A slug free in the archive (``stored`` holds the batch's base slugs already used there)
    and in the batch so far (``taken``)."""
    base = ascii_slug(title)
    slug = base
    if base in taken or base in stored:
        used = taken | set(Article.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        number = 2
        while f"{base}-{number}" in used:
            number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug


def _batch_near_duplicates(
    signatures: dict[int, np.ndarray], keys: dict[int, list[int]]
) -> dict[int, tuple[int, float]]:
    """Best near-duplicate for each new record: stored articles (pk) or earlier records (-index-1)."""
    all_keys = sorted({key for index in keys for key in keys[index]})
    # At most NEAR_CANDIDATES stories per band, as for one file (``_near_articles``): an export of
    # thousands of updates of one story shares every band, and comparing each record with all
    # of them made the import quadratic (3,000 such records: 82 s against 7 s for varied ones).
    stored_by_key: dict[int, list[int]] = {}
    for start in range(0, len(all_keys), 900):
        chunk = all_keys[start : start + 900]
        for key, article_id in _band_rows(chunk):
            ids = stored_by_key.setdefault(key, [])
            if len(ids) < NEAR_CANDIDATES:
                ids.append(article_id)
    wanted = {article_id for ids in stored_by_key.values() for article_id in ids}
    stored = {
        pk: np.frombuffer(bytes(minhash), dtype=np.uint32)
        for pk, minhash in Article.objects.filter(pk__in=wanted).values_list("pk", "minhash")
        if minhash
    }
    seen_by_key: dict[int, deque[int]] = {}
    found: dict[int, tuple[int, float]] = {}
    for index, signature in signatures.items():
        shared: Counter = Counter()  # the candidates sharing the most bands are the likeliest
        for key in keys[index]:
            # Most bands are shared with nothing: no generator to build for them.
            if stored_ids := stored_by_key.get(key):
                shared.update(("stored", pk) for pk in stored_ids)
            if batch_ids := seen_by_key.get(key):
                shared.update(("batch", other) for other in batch_ids)
        best, best_score = None, 0.0
        for (kind, ref), _bands in shared.most_common(NEAR_CANDIDATES):
            other = stored.get(ref) if kind == "stored" else signatures[ref]
            if other is None or other.shape != signature.shape:
                continue
            score = similarity(other, signature)
            if score > best_score:
                best, best_score = (ref if kind == "stored" else -ref - 1), score
        if best is not None and best_score >= NEAR_DUPLICATE_THRESHOLD:
            found[index] = (best, best_score)
        for key in keys[index]:
            if (seen := seen_by_key.get(key)) is None:  # (setdefault would build a deque every time)
                seen = seen_by_key[key] = deque(maxlen=NEAR_CANDIDATES)
            seen.append(index)
    return found


def similarity(one: np.ndarray, other: np.ndarray) -> float:
    """Estimated Jaccard similarity of two MinHash signatures (share of equal slots)."""
    return round(float(np.count_nonzero(one == other) / one.size), 3)  # np.mean's, a third the cost


def _band_rows(keys: list[int]) -> list[tuple[int, int]]:
    """(key, article id) of the stored bands with these keys, in plain SQL (see ``_store_bands``)."""
    quote = connection.ops.quote_name
    table = quote(ShingleBand._meta.db_table)
    placeholders = ", ".join(["%s"] * len(keys))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote('key')}, {quote('article_id')} FROM {table} WHERE {quote('key')} IN ({placeholders})",  # noqa: S608
            keys,
        )
        return cursor.fetchall()


def _store_bands(rows: list[tuple[int, int]]) -> None:
    """Insert (article id, band key) rows. Plain executemany: 32 rows a story make the ORM's
    per-object bulk_create the slowest step of a large import."""
    if not rows:
        return
    # In key order: the key index takes them as one sweep instead of a random walk over its pages.
    rows = sorted(rows, key=itemgetter(1))
    quote = connection.ops.quote_name
    table, article, key = quote(ShingleBand._meta.db_table), quote("article_id"), quote("key")
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({article}, {key}) VALUES (%s, %s)", rows)  # noqa: S608


def _duplicate(candidate: Candidate, existing: Article) -> ItemResult:
    return ItemResult(
        path=candidate.label,
        outcome=ImportItem.Outcome.DUPLICATE,
        reason=f"duplicate of story #{existing.pk} ({existing.slug})",
        article_id=existing.pk,
        slug=existing.slug,
    )


def source_named(name: str | None, *, cache: dict | None = None) -> Source | None:
    name = " ".join((name or "").split())[:200]
    if not name:
        return None
    if cache is not None:
        if name not in cache:
            cache[name] = source_named(name)
        return cache[name]
    # (one desk however an operator writes it: "--source 'night desk'" is the "Night Desk" source)
    source = Source.objects.filter(name__iexact=name).order_by("pk").first()
    if source:
        return source
    slug = ascii_slug(name, max_length=190, fallback="source")
    try:
        with transaction.atomic():
            return Source.objects.create(name=name, slug=_free_source_slug(slug))
    except IntegrityError:
        return Source.objects.filter(name__iexact=name).order_by("pk").first()


def _free_source_slug(slug: str) -> str:
    candidate, number = slug, 2
    while Source.objects.filter(slug=candidate).exists():
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


def link_new_article(article_id: int, *, user=None) -> None:
    """Run the entity linker on a new article when the linker is installed; never fails the import."""
    if importlib.util.find_spec("entities.linking") is None:
        return
    from entities import linking

    link_article = getattr(linking, "link_article", None)
    if link_article is None:
        return
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return
    try:
        link_article(article=article, user=user)
    except Exception:  # the story is stored; a linker fault must not turn it into a failed import
        logger.exception("Entity linking failed for article %s", article_id)


def import_file(
    *,
    data: bytes,
    name: str,
    source: Source | str | None = None,
    status: str = Article.Status.DRAFT,
    user=None,
    dry_run: bool = False,
    run: ImportRun | None = None,
    common_lines: Iterable[str] = (),
    link: bool = True,
    batch: "FileBatch | None" = None,
    extracted: Extracted | None = None,
    dry_seen: dict[str, str] | None = None,
) -> list[ItemResult]:
    """Import every article in one input, in one transaction; never raises for bad input.

    Inside a ``batch`` (``import_paths``) that transaction is a savepoint of the batch's, and the
    file's history and ImportItem rows are written with the batch's just before it commits.
    ``extracted`` is the input already extracted (by a worker process); by default it is done here.
    ``dry_seen``: the stories a dry run of several files has met so far (see ``store_candidate``).
    """
    if dry_run and dry_seen is None:
        dry_seen = {}
    if isinstance(source, str):
        source = (Source.objects.filter(name=source).first() if dry_run else source_named(source)) or None
    results: list[ItemResult] = []
    source_cache: dict[str, Source | None] = {}
    stored_before = len(batch.created) if batch is not None else 0
    try:
        if extracted is None:  # extracted record by record while stored
            items = extract_articles(data, name=name, common_lines=common_lines)
        elif extracted.reason:
            raise ImportRejected(extracted.reason)
        else:
            items = extracted.items
        with transaction.atomic():
            pending: list[Candidate] = []
            for item in items:
                if isinstance(item, ImportRejected):
                    path, reason = _label(item, name)
                    failure = ItemResult(path=path, outcome="failed", reason=reason)
                    (pending if pending else results).append(failure)  # keeps the file's order
                    continue
                if item.label != name and not dry_run:
                    pending.append(item)  # a record of a feed or export: stored in batches
                    if len(pending) >= BATCH_SIZE:
                        results.extend(_flush(pending, source, status, user, source_cache, data, batch))
                    continue
                results.append(
                    store_candidate(
                        item,
                        original=data if item.original is None else item.original,
                        original_name=name,
                        source=source,
                        status=status,
                        user=user,
                        dry_run=dry_run,
                        source_cache=source_cache,
                        batch=batch,
                        dry_seen=dry_seen,
                    )
                )
            if pending:
                results.extend(_flush(pending, source, status, user, source_cache, data, batch))
            _record_items(run, results, dry_run=dry_run, batch=batch)
    except ImportRejected as exc:
        _forget_stored(batch, stored_before)
        results = [ItemResult(path=name, outcome=ImportItem.Outcome.FAILED, reason=exc.reason)]
        _record_items(run, results, dry_run=dry_run, batch=batch)
    except DatabaseError:
        raise  # the database is unwell: that is not the file's fault, and must not look like it
    except Exception as exc:  # a parser fault on odd input must fail this file only, never the batch
        _forget_stored(batch, stored_before)
        parser_fault("Import of %s failed", name, exc)
        reason = f"the file could not be read ({type(exc).__name__})"
        results = [ItemResult(path=name, outcome=ImportItem.Outcome.FAILED, reason=reason)]
        _record_items(run, results, dry_run=dry_run, batch=batch)
    if link and not dry_run:
        new_ids = [r.article_id for r in results if r.outcome == ImportItem.Outcome.IMPORTED and r.article_id]
        if len(new_ids) == 1:
            link_new_article(new_ids[0], user=user)
        elif new_ids:
            link_new_articles(new_ids)
    return results


def link_new_articles(article_ids: list[int], *, reraise: bool = False) -> None:
    """Link the stories of one feed or export in chunks (the linker's streaming door); a linker
    fault is logged, or with ``reraise`` left to the caller."""
    if importlib.util.find_spec("entities.linking") is None:
        return
    from entities import linking

    link_articles = getattr(linking, "link_articles", None)
    if link_articles is None:
        for article_id in article_ids:
            link_new_article(article_id)
        return
    try:
        for _result in link_articles(ids=article_ids):
            pass
    except Exception:  # the stories are stored; a linker fault must not turn them into failures
        if reraise:
            raise
        logger.exception("Entity linking failed for %d imported articles", len(article_ids))


def _flush(pending, source, status, user, source_cache, data, batch) -> list[ItemResult]:
    """Store the pending records (failures already decided stay in their place)."""
    records = list(pending)
    pending.clear()
    whole_file = data if len(data) <= 200_000 else b""
    stored = iter(
        store_batch(
            [item for item in records if isinstance(item, Candidate)],
            source=source,
            status=status,
            user=user,
            source_cache=source_cache,
            whole_file=whole_file,
            batch=batch,
        )
    )
    return [next(stored) if isinstance(item, Candidate) else item for item in records]


def _label(rejection: ImportRejected, name: str) -> tuple[str, str]:
    """(where, why) of a record's rejection: "export.jsonl:6" and its reason, once each (the
    reason used to repeat the label the report already gives as the path)."""
    reason = rejection.reason
    number = _RECORD_NUMBER.match(reason, len(name)) if reason.startswith(name) else None
    if number and reason.startswith(": ", number.end()):
        return name + number.group(), reason[number.end() + 2 :]
    return name, reason


# A feed entry's or an export record's label: its file's name, then "#3" or ":6" (``feeds.py``).
_RECORD_NUMBER = re.compile(r"[:#]\d+")


def file_of(path: str) -> str:
    """The input a result's path belongs to: "export.jsonl" for "export.jsonl:6"."""
    end = max(path.rfind(":"), path.rfind("#"))
    return path[:end] if end > 0 and _RECORD_NUMBER.fullmatch(path, end) else path


def _record_items(run, results, *, dry_run, batch=None):
    """The run's ImportItem rows for these results: now, or with the batch's rows."""
    if run is None or dry_run:
        return
    items = [
        ImportItem(
            run=run, path=r.path[:1000], outcome=r.outcome, reason=r.reason[:500], article_id=r.article_id
        )
        for r in results
    ]
    if batch is not None:
        batch.items.extend(items)
    else:
        ImportItem.objects.bulk_create(items)


def _write_history(articles: list[Article], *, user, batch: "FileBatch | None") -> None:
    """The initial history rows ("+", created) of new stories: now, or with the batch's rows."""
    if batch is not None:
        batch.created.extend(article.pk for article in articles)
    else:
        _insert_history([article.pk for article in articles], user=user)
        _audit_published([a.pk for a in articles if a.status == Article.Status.PUBLISHED], user=user)
        invalidate_public_pages()


def _forget_stored(batch: "FileBatch | None", count: int) -> None:
    """A savepoint was rolled back: its stories are gone (and SQLite may reuse their ids)."""
    if batch is not None:
        del batch.created[count:]


def _insert_history(article_ids: list[int], *, user) -> None:
    """Copy stored stories into their history table as created ("+") rows, in the database.

    What django-simple-history's signal or ``bulk_history_create`` would write (the tracked
    fields, the date, the user), with one INSERT ... SELECT per 500 stories instead of a model
    instance and an insert per story: those cost more than the story's own insert.
    """
    if not article_ids or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    history = Article.history.model
    quote = connection.ops.quote_name
    names = [field.name for field in history.tracked_fields]
    target = ", ".join(quote(history._meta.get_field(name).column) for name in names)
    source = ", ".join(quote(Article._meta.get_field(name).column) for name in names)
    extra = ", ".join(
        quote(history._meta.get_field(name).column)
        for name in ("history_date", "history_change_reason", "history_type", "history_user")
    )
    date = history._meta.get_field("history_date").get_db_prep_value(timezone.now(), connection)
    user_id = user.pk if getattr(user, "pk", None) else None
    with connection.cursor() as cursor:
        for start in range(0, len(article_ids), 500):
            chunk = article_ids[start : start + 500]
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} ({target}, {extra}) "  # noqa: S608
                f"SELECT {source}, %s, NULL, %s, %s FROM {quote(Article._meta.db_table)} "
                f"WHERE {quote('id')} IN ({', '.join(['%s'] * len(chunk))})",
                [date, "+", user_id, *chunk],
            )


def _audit_published(article_ids: list[int], *, user) -> None:
    """A story imported as published (or scheduled) gets the audit entry the editorial workflow
    writes when a story is published, naming the importing user: one query per 500 stories (only
    for an import as published)."""
    if not article_ids:
        return
    now = timezone.now()
    entries = []
    for start in range(0, len(article_ids), 500):
        published = Article.objects.filter(
            pk__in=article_ids[start : start + 500], status=Article.Status.PUBLISHED
        ).values_list("pk", "title", "published_at")
        entries += [
            AuditEntry(
                action=AuditEntry.Action.SCHEDULE if at and at > now else AuditEntry.Action.PUBLISH,
                user=user if getattr(user, "pk", None) else None,
                object_type=Article._meta.label_lower,
                object_id=str(pk),
                object_repr=title[:500],
                detail={
                    "from": None,
                    "to": "published",
                    "published_at": at.isoformat() if at else None,
                    "via": "import",
                },
            )
            for pk, title, at in published
        ]
    AuditEntry.objects.bulk_create(entries)


class FileBatch:
    """Files imported in one transaction, each in its own savepoint (see ``import_paths``).

    A file's story and band rows are written in its savepoint, so a bad file leaves nothing
    behind; the rows that only accompany them (initial history, the audit of stories imported as
    published, ImportItem) wait here and are written in bulk just before the batch commits.
    """

    def __init__(self, *, user=None, status: str = Article.Status.DRAFT):
        self.user = user if getattr(user, "pk", None) else None
        self.published = status == Article.Status.PUBLISHED  # drafts need no audit query
        self.created: list[int] = []  # stories stored in the batch
        self.items: list[ImportItem] = []

    def write(self) -> None:
        if self.created:
            _insert_history(self.created, user=self.user)
            if self.published:
                _audit_published(self.created, user=self.user)
            invalidate_public_pages()
        if self.items:
            ImportItem.objects.bulk_create(self.items, batch_size=BATCH_SIZE)
        self.created, self.items = [], []


def _size(number: int) -> str:
    return f"{number / (1024 * 1024):.1f} MB" if number >= 1024 * 1024 else f"{number:,} bytes"


# --- many files -----------------------------------------------------------------------------


@dataclass
class InputFile:
    """One input to import: its name, and a way to read its bytes (or why it cannot be read)."""

    name: str
    read: callable = None
    error: str = ""


def iter_inputs(
    paths: Iterable[str | Path], *, exclude: Iterable[str | Path] = (), passed_over: list[str] | None = None
) -> Iterator[InputFile]:
    """Files under ``paths`` (folders recursively, zip archives opened), lazily and in order.

    ``exclude`` names files to pass over, such as the report being written into the folder. Files
    found in folders and archives that are no stories (``not_a_story``), and a saved page's folder
    of assets, are passed over too, and listed with why in ``passed_over`` when it is given;
    hidden files silently. A file named on its own is always read (and refused with its reason).
    """
    skip = {Path(path).resolve() for path in exclude}
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                assets = {d for d in dirs if _assets_folder(d, files)}
                for folder in sorted(assets):
                    _pass_over(passed_over, Path(root) / folder, "a saved page's images, styles and scripts")
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in assets)
                for filename in sorted(files):
                    if filename.startswith(".") or (skip and (Path(root) / filename).resolve() in skip):
                        continue
                    if why := not_a_story(filename) or _earlier_report(Path(root) / filename):
                        _pass_over(passed_over, Path(root) / filename, why)
                        continue
                    if (Path(root) / filename).is_symlink():
                        # A link inside a folder could pull in any file on the machine.
                        yield InputFile(
                            name=display_name(Path(root) / filename),
                            error="a symbolic link inside the folder (refused; import its target directly)",
                        )
                        continue
                    yield from _file_inputs(Path(root) / filename, passed_over)
        elif path.exists() or path.is_symlink():
            yield from _file_inputs(path, passed_over)
        else:
            yield InputFile(name=display_name(path), error="no such file or folder")


# How an import's JSON report (``import_articles --report``) begins.
REPORT_START = b'{"files": ['


def _earlier_report(path: Path) -> str:
    """Why a file in a folder is passed over when it is an earlier import's report, written there
    ('' when it is not): read again, its lines were failures of a "JSON export"."""
    if path.suffix.lower() != ".json":
        return ""
    try:
        with open(path, "rb") as handle:
            return "an earlier import's report" if handle.read(len(REPORT_START)) == REPORT_START else ""
    except OSError:
        return ""  # unreadable: reading it as an input says why


# Files that travel with stories in the folders and archives operators receive, and are none: the
# system's and editors' leftovers, a folder's own documents, images, media and a page's assets.
_SYSTEM_FILES = {"thumbs.db", "ehthumbs.db", "desktop.ini", "icon\r"}
_LEFTOVER_SUFFIXES = (".bak", ".tmp", ".swp", ".part", ".crdownload", "~")
_FOLDER_DOCUMENTS = {"readme", "license", "licence", "copying", "changelog", "contributing"}  # (not "notice")
_MEDIA_SUFFIXES = {
    ".css", ".js", ".mjs", ".map", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico", ".bmp",
    ".tif", ".tiff", ".heic", ".woff", ".woff2", ".ttf", ".otf", ".eot", ".mp3", ".m4a", ".ogg", ".wav",
    ".mp4", ".m4v", ".mov", ".webm", ".avi",
}  # fmt: skip
# Documents that are zip archives inside: refused whole, with what they are, not opened member by member.
_OFFICE_ARCHIVES = {
    ".docx": "a Word document", ".dotx": "a Word document", ".odt": "an OpenDocument text",
    ".rtfd": "a rich text document", ".pages": "a Pages document", ".epub": "an e-book (EPUB)",
    ".xlsx": "an Excel spreadsheet", ".ods": "an OpenDocument spreadsheet", ".numbers": "a Numbers spreadsheet",
    ".pptx": "a PowerPoint presentation", ".odp": "an OpenDocument presentation", ".key": "a Keynote presentation",
}  # fmt: skip
_OFFICE_PARTS = {"word/document.xml": ".docx", "xl/workbook.xml": ".xlsx", "ppt/presentation.xml": ".pptx"}


def not_a_story(filename: str) -> str:
    """Why a file found in a folder or an archive is passed over ('' when it is an input)."""
    lowered = filename.lower()
    if lowered in _SYSTEM_FILES or lowered.startswith("~$") or lowered.endswith(_LEFTOVER_SUFFIXES):
        return "a system file or an editor's leftover"
    if os.path.splitext(lowered)[0] in _FOLDER_DOCUMENTS:  # README.md, LICENSE (not "readme.2024.txt")
        return "the folder's own documentation"
    if os.path.splitext(lowered)[1] in _MEDIA_SUFFIXES:
        return "an image, a media file or a page's style or script"
    return ""


def _assets_folder(folder: str, files: Iterable[str]) -> bool:
    """A browser's folder of a saved page's assets ("Story_files" beside "Story.html")."""
    stem = folder[: -len("_files")] if folder.endswith("_files") else None
    return bool(stem) and any(name in files for name in (f"{stem}.html", f"{stem}.htm"))


def _assets_in_archive(names: list[str]) -> set[str]:
    """The folders of saved pages' assets in an archive, by their path in it."""
    contents: dict[str, set[str]] = {}  # each folder's files and folders, by the folder's path
    for name in names:
        parts = name.split("/")
        for depth in range(len(parts)):
            contents.setdefault("/".join(parts[:depth]), set()).add(parts[depth])
    return {
        folder
        for folder in contents
        if folder and _assets_folder(folder.rpartition("/")[2], contents[folder.rpartition("/")[0]])
    }


def _in_folders(name: str, folders: set[str]) -> bool:
    parts = name.split("/")
    return any("/".join(parts[:depth]) in folders for depth in range(1, len(parts)))


def _office_archive(name: str, members: list[str]) -> str:
    """The office document's kind (its suffix) that a zip archive is, by its name or its parts."""
    suffix = os.path.splitext(name.lower())[1]
    if suffix in _OFFICE_ARCHIVES:
        return suffix
    return next((kind for part, kind in _OFFICE_PARTS.items() if part in members), "")


def _office_reason(kind: str) -> str:
    return _document_reason(_OFFICE_ARCHIVES[kind])


def _document_reason(kind: str) -> str:
    return f"this is {kind}, not an article: save it as text or HTML to import it"


def _pass_over(passed_over: list[str] | None, path, why: str) -> None:
    if passed_over is not None:
        shown = display_name(path) if isinstance(path, Path) else path
        # (macOS's "Icon\r": a carriage return printed would overwrite the line)
        shown = "".join(char if char.isprintable() else repr(char)[1:-1] for char in shown)
        passed_over.append(f"{shown} ({why})")


def display_name(path: Path) -> str:
    """The path as text that can be stored and printed: a name that is not UTF-8 (a file copied
    from an old system) keeps its odd bytes as ``\\xe9`` escapes instead of failing the import."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _file_inputs(path: Path, passed_over: list[str] | None = None) -> Iterator[InputFile]:
    name = display_name(path)
    if path.is_symlink() and not path.exists():
        yield InputFile(name=name, error="a broken symbolic link")
        return
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        yield InputFile(name=name, error=f"unreadable: {exc.strerror}")
        return
    if not stat.S_ISREG(mode):
        # Reading a named pipe, a socket or a device would wait forever (or never end).
        yield InputFile(name=name, error="not a regular file (a pipe, socket or device)")
        return
    if kind := _office_archive(path.name, []):
        yield InputFile(name=name, error=_office_reason(kind))
        return
    if path.suffix.lower() == ".zip" or _is_zip(path):
        yield from zip_inputs(path, name=name, passed_over=passed_over)
        return
    yield InputFile(name=name, read=lambda: _read_path(path))


def _is_zip(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def _read_path(path: Path) -> bytes:
    with path.open("rb") as handle:
        return read_limited(handle, size=path.stat().st_size)


def read_limited(handle, *, size: int | None = None) -> bytes:
    """Read a file object, refusing it (without reading it all) when it is over the size limit.

    ``size``, the file's measured size, is what is asked for (and a byte more, to see it grew): a
    read of the limit's 5 MB had the buffer made that large for every file, 0.1-0.2 ms of a
    157 KB page's, 0.03 read to its size.
    """
    limit = settings.NEWSROOM_IMPORT_MAX_BYTES
    wanted = limit + 1 if size is None or size >= limit else size + 1
    data = handle.read(wanted)
    if len(data) == wanted <= limit:  # it grew since it was measured: on to the limit
        data += handle.read(limit + 1 - wanted)
    if len(data) > limit:
        shown = _size(size) if size else f"over {_size(limit)}"
        raise ImportRejected(f"the file is too large ({shown}; the limit is {_size(limit)})")
    return data


def zip_inputs(source, *, name: str, passed_over: list[str] | None = None) -> Iterator[InputFile]:
    """Members of a zip archive, after the archive as a whole passed the safety checks.

    An archive with a member that escapes the folder (absolute path, ".."), a symbolic link,
    too many members or too many uncompressed bytes is refused whole: nothing in it is imported.
    Nested archives are refused one by one.
    """
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        # ValueError covers a member name flagged UTF-8 that is not (UnicodeDecodeError);
        # NotImplementedError an archive of a zip version Python does not read.
        yield InputFile(name=name, error=f"not a readable zip archive ({exc})")
        return
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        problem = _zip_problem(members)
        if problem:
            yield InputFile(name=name, error=problem)
            return
        limit = settings.NEWSROOM_IMPORT_MAX_BYTES
        names = [info.filename for info in members]
        if kind := _office_archive(name, names):
            yield InputFile(name=name, error=_office_reason(kind))
            return
        assets = _assets_in_archive(names)
        for folder in sorted(assets):
            _pass_over(passed_over, f"{name}/{folder}/", "a saved page's images, styles and scripts")
        for info in members:
            member_name = f"{name}/{info.filename}"
            if skipped_member(info) or _in_folders(info.filename, assets):
                continue
            if why := not_a_story(info.filename.rsplit("/", 1)[-1]):
                _pass_over(passed_over, member_name, why)
                continue
            if kind := _office_archive(info.filename, []):
                yield InputFile(name=member_name, error=_office_reason(kind))
                continue
            if info.filename.lower().endswith(".zip"):
                yield InputFile(name=member_name, error="a zip inside a zip is not opened (nested archive)")
                continue
            if info.file_size > limit:
                reason = f"the file is too large ({_size(info.file_size)}; the limit is {_size(limit)})"
                yield InputFile(name=member_name, error=reason)
                continue
            yield InputFile(name=member_name, read=_member_reader(archive, info, limit))


def skipped_member(info: zipfile.ZipInfo) -> bool:
    """Hidden files and macOS resource forks: packed by archivers, never stories."""
    return info.filename.rsplit("/", 1)[-1].startswith(".") or info.filename.startswith("__MACOSX/")


def _member_reader(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int):
    def read() -> bytes:
        try:
            with archive.open(info) as handle:
                data = handle.read(limit + 1)  # never trust the declared size
        except (
            zipfile.BadZipFile,
            OSError,
            RuntimeError,
            NotImplementedError,
            EOFError,
            zlib.error,  # a damaged deflate stream
            lzma.LZMAError,
        ) as exc:
            raise ImportRejected(f"the archive member could not be read ({exc})") from exc
        if len(data) > limit:
            raise ImportRejected(f"the file is too large (over {_size(limit)})")
        if data.startswith(b"PK\x03\x04"):
            raise ImportRejected("a zip inside a zip is not opened (nested archive)")
        return data

    return read


def _zip_problem(members: list[zipfile.ZipInfo]) -> str:
    if len(members) > settings.NEWSROOM_ZIP_MAX_MEMBERS:
        return f"the archive has too many files ({len(members):,}; the limit is {settings.NEWSROOM_ZIP_MAX_MEMBERS:,})"
    total = sum(info.file_size for info in members)
    if total > settings.NEWSROOM_ZIP_MAX_BYTES:
        return (
            f"the archive unpacks to too many bytes ({_size(total)}; the limit is "
            f"{_size(settings.NEWSROOM_ZIP_MAX_BYTES)}): refused as a possible zip bomb"
        )
    for info in members:
        filename = info.filename.replace("\\", "/")
        if filename.startswith("/") or re.match(r"^[A-Za-z]:", filename) or ".." in filename.split("/"):
            return (
                f"the archive member {info.filename!r} points outside the archive (path traversal): refused"
            )
        mode = info.external_attr >> 16
        if info.create_system == 3 and stat.S_ISLNK(mode):
            return f"the archive member {info.filename!r} is a symbolic link: refused"
        if info.flag_bits & 0x1:
            return f"the archive member {info.filename!r} is encrypted"
    return ""


class _CommonLines:
    """Short lines seen in several different text files of one batch: site template, not story.

    Memory is bounded: at most ``capacity`` distinct lines are counted.
    """

    def __init__(self, *, min_files: int = 3, capacity: int = 200_000):
        self.counts: Counter[str] = Counter()
        self.lines: set[str] = set()
        self.order: list[str] = []  # self.lines in the order they were learned (for workers)
        self.seen_files: set[bytes] = set()
        self.min_files = min_files
        self.capacity = capacity

    def add(self, data: bytes) -> None:
        """Count the lines of a plain-text page (the caller leaves out HTML, whose source lines
        are markup the text cleaner never reads, and feeds and exports, which hold records)."""
        if len(data) >= 1_000_000:
            return
        digest = hashlib.blake2b(data, digest_size=16).digest()
        if digest in self.seen_files or len(self.counts) > self.capacity:
            return  # an exact copy says nothing about the site's template
        self.seen_files.add(digest)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return
        for line in {line.strip() for line in text.split("\n")}:
            if 0 < len(line) <= 200:
                self.counts[line] += 1
                if self.counts[line] == self.min_files:
                    self.lines.add(line)
                    self.order.append(line)


# Bytes of input read ahead for the extraction workers (beyond the one being stored), beside the
# workers' window of inputs: with 4 MB, 26 saved pages, the worker ran dry (busy 75-81% of an HTML
# import into an archive of 9,000 stories). For the bench's pages (157 KB on average) the window of
# 48 is the bound (7.5 MB); 12 MB leaves it room on a folder of larger pages.
IN_FLIGHT_BYTES = 12 * 1024 * 1024


@dataclass
class _Prepared:
    """An input read and (being) extracted, waiting for its turn to be stored."""

    entry: InputFile
    data: bytes | None = None
    reason: str = ""  # why it could not be read
    extracted: Extracted | None = None  # None: extracted while stored (feeds and exports)
    number: int = 0
    known: int = 0  # how many common lines its extraction may use
    submitted: bool = False
    stored: tuple[int, str] | None = None  # (id, slug) of the story already imported from these bytes
    digest: str = ""  # ``original_digest`` of the bytes
    streamed: bool = False  # a feed or export whose records a worker sends in chunks
    stream: Iterator | None = None
    chunks: Iterator | None = None
    stream_used: bool = False

    def records(self, extractors) -> Extracted | None:
        """What ``import_file`` reads: the worker's records the first time, else None (extract
        here: a batch being retried cannot read a stream twice)."""
        if not self.streamed or self.stream_used:
            return self.extracted
        self.stream_used = True
        self.chunks = extractors.record_chunks(self.number)
        self.stream = _record_stream(self, self.chunks)
        return Extracted(items=self.stream)

    def close_stream(self) -> None:
        """Stop reading the worker's records, taking what it still sends: it waits for each
        chunk to be taken before it extracts anything else."""
        if self.stream is None:
            return
        self.stream.close()
        try:
            for _rest in self.chunks:
                pass
        except parallel.WorkerLost:
            pass
        self.stream = self.chunks = None


def _prepared_inputs(entries: Iterator[InputFile], common: _CommonLines, extractors) -> Iterator[_Prepared]:
    """Read each input and extract it, in order.

    Pages (text, HTML) are extracted ahead of time by the worker processes when there are
    ``extractors``, else right here; either way a page's own lines become template evidence only
    for the files after it. A feed's or export's records are read while ``import_file`` stores
    them: streamed from a worker in chunks, or extracted here record by record (thousands of
    records never wait in memory, or in a pipe).
    """
    in_flight: deque[_Prepared] = deque()
    waiting = 0
    for number, entry in enumerate(entries):
        item = _Prepared(entry=entry, reason=entry.error, number=number, known=len(common.order))
        if not entry.error:
            try:
                item.data = entry.read()
            except ImportRejected as exc:
                item.reason = exc.reason
            except OSError as exc:
                item.reason = f"unreadable: {exc.strerror}"
        kind = _kind(item.data, name=entry.name) if item.data is not None else None
        records = kind in {detect.FEED, detect.JSONL, detect.CSV}
        # Once a worker is lost, what comes next is extracted here (sent to the dead worker's
        # queue, every later file's bytes piled up in this process).
        workers = extractors if extractors is not None and not extractors.broken else None
        if records and workers is not None:
            item.streamed = True
            workers.submit(
                number, name=entry.name, data=item.data, common=common.order, known=item.known, records=True
            )
        elif item.data is not None and not records:
            item.digest = original_digest(item.data)  # (kept for storing: 0.1 ms of a 157 KB page)
            item.stored = _previous_import(item.data, name=entry.name, digest=item.digest)
            if item.stored is not None:
                pass  # imported before: reported as a duplicate, not extracted again
            elif workers is None or _workers_behind(in_flight, workers) or workers.broken:
                # (Counting the backlog may find a worker gone: nothing more is sent to it.)
                item.extracted = extract_file(item.data, name=entry.name, common_lines=common.lines)
            else:
                item.submitted = True
                workers.submit(number, name=entry.name, data=item.data, common=common.order, known=item.known)
            # Its lines are evidence for the files after it either way.
            if kind == detect.TEXT:
                common.add(item.data)
        in_flight.append(item)
        waiting += len(item.data or b"")
        # Bounded by count and by bytes (beyond the one being stored), but with workers the next
        # input is always sent ahead: a worker that got an export only once the one before it was
        # stored and linked sat idle meanwhile, then the importing process waited for its first
        # records (10,000 records in exports of 2,000: 5 s of 15 idle in each process).
        ahead = 1 if extractors else 0
        while len(in_flight) > ahead and (
            len(in_flight) > (extractors.window if extractors else 0) or waiting > IN_FLIGHT_BYTES
        ):
            done = in_flight.popleft()
            waiting -= len(done.data or b"")
            yield _finished(done, common, extractors)
    while in_flight:
        yield _finished(in_flight.popleft(), common, extractors)


def _workers_behind(in_flight: deque, extractors) -> bool:
    """Whether the workers have ``WORKER_BACKLOG`` pages or more still to extract: this process then
    extracts the next page itself instead of waiting for theirs (the cores both extract, each as
    much as it has time for, and a worker keeps pages queued). The page is cleaned with the same
    template lines either way."""
    backlog = 0
    for item in in_flight:
        # (The workers' pipes are looked at once: a poll for each page in flight was 0.1 ms a page.)
        if item.submitted and extractors.pending(item.number, poll=not backlog):
            backlog += 1
            if backlog >= WORKER_BACKLOG:
                return True
    return False


# Enough for a worker to stay busy while this process extracts a page or stores and links a batch
# (50 pages, 100-150 ms into a large archive): with 4, the worker sat idle a fifth of an HTML
# import, with 10 about a sixth. With 16 (and 8 MB in flight), alternating five times with 10 (and
# 4 MB), 500 saved pages into an archive of 9,000 stories: 204-222 pages/s against 195-216; 3,000
# dumps: 611 and 616 files/s against 575 and 566. With 24 (and a window of 32 inputs) this process
# waited for the worker instead: the window held the worker's backlog and little else. 24 with a
# window of 48 and 12 MB, alternating with 16, 32 and 8 MB in one session, 1,000 saved pages into
# an archive of 20,000 stories: ahead all seven times, 172-193 pages/s against 164-187 (1-8% each
# time); 3,000 dumps, four times: 424-459 files/s against 387-422.
WORKER_BACKLOG = 24


def _previous_import(data: bytes, *, name: str, digest: str) -> tuple[int, str] | None:
    """``_stored_original`` for the read-ahead: a database error there (a lock or statement
    timeout) must not end the generator, which silently dropped the rest of the folder. The file
    is then extracted; the content hash still recognises a story stored before."""
    try:
        if connection.vendor == "sqlite":
            # A failed query leaves SQLite's transaction usable: no savepoint (4% of the
            # importing process's time on a folder of text dumps went into making them).
            return _stored_original(data, digest=digest)
        with transaction.atomic():  # a savepoint: on PostgreSQL the error would abort the batch's transaction
            return _stored_original(data, digest=digest)
    except DatabaseError:
        logger.warning("Could not look up %s among earlier imports", name, exc_info=True)
        return None


def _finished(item: _Prepared, common: _CommonLines, extractors) -> _Prepared:
    if item.submitted:
        item.extracted = extractors.result(item.number)
        if item.extracted is None:  # the worker is gone: extract here, with the same lines
            item.extracted = extract_file(
                item.data, name=item.entry.name, common_lines=set(common.order[: item.known])
            )
    return item


def _record_stream(item: _Prepared, chunks: Iterator) -> Iterator:
    """The records of a feed or export as a worker extracts them, chunk by chunk."""
    count = 0
    try:
        for records, reason in chunks:
            for record in records:
                count += 1
                yield record
            if reason:
                raise ImportRejected(reason)
    except parallel.WorkerLost:  # extract the rest here
        yield from islice(extract_articles(item.data, name=item.entry.name), count, None)


def _single_page(item: _Prepared) -> Candidate | None:
    """The one article of a page already extracted (text or HTML), else None."""
    extracted = item.extracted
    if extracted is None or extracted.reason or len(extracted.items) != 1:
        return None
    [candidate] = extracted.items
    return candidate if isinstance(candidate, Candidate) and candidate.label == item.entry.name else None


def _kind(data: bytes, *, name: str) -> str:
    """What an input holds, judged by its start: a feed or an export (many records), an HTML page
    or plain text (one page)."""
    text = data[:20000].decode("utf-8", errors="replace")
    return detect.detect_format(text, name=name)


# Files committed together by import_paths: at most this many, or what arrived in this long.
# Short on purpose: SQLite holds its write lock while a batch's transaction is open.
FILE_BATCH_SIZE = 50
FILE_BATCH_SECONDS = 0.25
# SQLite, for the importing connection while an import runs: page cache (KiB) and how many
# write-ahead-log pages trigger a checkpoint (see ``_bulk_writes``).
BULK_CACHE_KIB = 32 * 1024
BULK_CHECKPOINT_PAGES = 16_384


@contextlib.contextmanager
def _bulk_writes():
    """A bigger page cache and rarer write-ahead-log checkpoints for this connection, on SQLite.

    Every story adds 32 near-duplicate band keys at random places in one index (and a content
    hash and a slug in two more). Once those outgrew SQLite's default 2 MB cache, each batch's
    commit rewrote most of their pages and each checkpoint (every 1,000 pages) wrote them back
    to the database file. 10,000 text dumps into an archive of 10,000 stories: 247 files a second
    before, 290 with 32 MB of cache and a checkpoint every 64 MB of log (alone, into an empty
    archive: flat near 430 instead of falling from 400 to 250). A 128 MB cache keeps even the
    first case flat, at a memory cost the bulk import's budget does not allow. The connection's
    own values come back afterwards; PostgreSQL needs nothing of the kind.
    """
    if connection.vendor != "sqlite":
        yield
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            [cache] = cursor.fetchone()
            cursor.execute("PRAGMA wal_autocheckpoint")
            [checkpoint] = cursor.fetchone()
            cursor.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
            cursor.execute(f"PRAGMA wal_autocheckpoint = {BULK_CHECKPOINT_PAGES}")
        tuned = connection.connection
    except DatabaseError:
        logger.warning("Could not tune SQLite for a bulk import", exc_info=True)
        tuned = None
    try:
        yield
    finally:
        # Only the connection that was tuned (a new one starts with the defaults); the log the
        # import left is written back now, not by the next commit (a reader's request, say). A
        # failure here must not hide the import's own outcome.
        if tuned is not None and connection.connection is tuned:
            try:
                with connection.cursor() as cursor:
                    cursor.execute(f"PRAGMA cache_size = {int(cache)}")
                    cursor.execute(f"PRAGMA wal_autocheckpoint = {int(checkpoint)}")
                    if not connection.in_atomic_block:  # a checkpoint waits for the end of a transaction
                        cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
            except DatabaseError:
                logger.warning("Could not restore SQLite's settings after a bulk import", exc_info=True)


def import_paths(
    *,
    paths: Iterable[str | Path],
    source: Source | str | None = None,
    status: str = Article.Status.DRAFT,
    user=None,
    dry_run: bool = False,
    run: ImportRun | None = None,
    inputs: Iterable[InputFile] | None = None,
    exclude: Iterable[str | Path] = (),
    workers: int | None = None,
    passed_over: list[str] | None = None,
) -> Iterator[ItemResult]:
    """Import files, folders and zips, yielding each result once it is committed.

    Files are streamed and committed in short batches (``FILE_BATCH_SIZE`` files or
    ``FILE_BATCH_SECONDS``), each file in its own savepoint: a bad file leaves no rows and never
    stops the others, one commit serves many files, and a file is reported only once its batch
    has committed. When the database refuses a batch (a deadlock with a concurrent import, a
    lock wait that timed out), its files are retried one transaction each.

    ``workers`` extraction processes (default: the NEWSROOM_IMPORT_WORKERS setting) decode and
    extract ahead while this process writes; 0 extracts here. ``passed_over`` collects the files
    of ``paths``' folders and archives that are no stories, with why (``iter_inputs``).
    """
    if isinstance(source, str):
        source = (Source.objects.filter(name=source).first() if dry_run else source_named(source)) or None
    if run is not None and not dry_run:
        run.state = ImportRun.State.RUNNING
        run.save(update_fields=["state", "updated_at"])  # the clock of the stall check starts now
    workers = settings.NEWSROOM_IMPORT_WORKERS if workers is None else workers
    extractors = None
    if workers > 0 and parallel.available():
        extractors = parallel.Extractors(workers)
    to_link: list[int] = []  # new stories are linked in chunks, each chunk in one transaction
    interrupted = False
    dry_seen: dict[str, str] | None = {} if dry_run else None  # a dry run's would-be stories
    totals = Counter()
    processed = 0
    entries = iter(
        inputs if inputs is not None else iter_inputs(paths, exclude=exclude, passed_over=passed_over)
    )
    prepared = _prepared_inputs(entries, _CommonLines(), extractors)
    sources: dict[str, Source | None] = {}  # source names met in records and pages

    def import_one(item: _Prepared, batch: FileBatch | None) -> list[ItemResult]:
        """One input's results; its ImportItem rows are recorded by the caller, in input order."""
        if item.data is None:
            return [ItemResult(path=item.entry.name, outcome=ImportItem.Outcome.FAILED, reason=item.reason)]
        if item.stored is not None:
            pk, slug = item.stored
            reason = f"duplicate of story #{pk} ({slug}): the same file was imported before"
            return [
                ItemResult(item.entry.name, ImportItem.Outcome.DUPLICATE, reason, article_id=pk, slug=slug)
            ]
        try:
            return import_file(
                data=item.data,
                name=item.entry.name,
                source=source,
                status=status,
                user=user,
                dry_run=dry_run,
                link=False,
                batch=batch,
                extracted=item.records(extractors),
                dry_seen=dry_seen,
            )
        finally:
            item.close_stream()

    def import_pages(pages: list[tuple[_Prepared, Candidate]], batch: FileBatch) -> list[list[ItemResult]]:
        """Store one-article files together (a few queries for all, as for an export's records);
        when that fails, each file alone in its own savepoint decides its own fate."""
        candidates = []
        for item, candidate in pages:
            candidate.original, candidate.original_name = item.data, item.entry.name
            candidate.original_sha = item.digest
            candidates.append(candidate)
        stored_before = len(batch.created)
        try:
            with transaction.atomic():
                stored = store_batch(
                    candidates, source=source, status=status, user=user, source_cache=sources, batch=batch
                )
        except DatabaseError:
            raise
        except Exception:
            _forget_stored(batch, stored_before)
            logger.warning(
                "Storing %d files together failed; storing them one by one", len(pages), exc_info=True
            )
            return [import_one(item, batch) for item, _candidate in pages]
        return [[result] for result in stored]

    def import_batch(taken: list[_Prepared], *, size: int) -> list[list[ItemResult]]:
        """Import up to ``size`` inputs (first those in ``taken``) in one transaction."""
        if dry_run:
            return [import_one(item, None) for item in islice(prepared, size)]
        batch = FileBatch(user=user, status=status)
        with transaction.atomic():
            done: list[list[ItemResult] | None] = []
            pages: list[tuple[int, _Prepared, Candidate]] = []

            def store_pages():
                if pages:
                    stored = import_pages([(item, page) for _, item, page in pages], batch)
                    for (index, _item, _page), results in zip(pages, stored, strict=True):
                        done[index] = results
                    pages.clear()

            deadline = time.monotonic() + FILE_BATCH_SECONDS
            position = 0
            while len(done) < size:
                if position < len(taken):
                    item = taken[position]
                else:
                    item = next(prepared, None) if time.monotonic() < deadline or not done else None
                    if item is None:
                        break
                    taken.append(item)
                position += 1
                page = _single_page(item)
                if page is None:
                    if item.data is not None and item.stored is None:
                        store_pages()  # a feed or an export may store: the first copy of a story wins
                    done.append(import_one(item, batch))
                else:
                    pages.append((len(done), item, page))
                    done.append(None)
            store_pages()
            _record_items(
                run, [result for results in done for result in results], dry_run=dry_run, batch=batch
            )
            batch.write()
        return done

    trim = parallel.MemoryTrim()
    with _bulk_writes():
        try:
            while True:
                taken: list[_Prepared] = []
                try:
                    done = import_batch(taken, size=FILE_BATCH_SIZE)
                except OperationalError:
                    for item in taken:
                        item.close_stream()
                    if len(taken) <= 1:
                        raise
                    logger.warning("A batch of %d files was refused; importing them one by one", len(taken))
                    done = [results for item in taken for results in import_batch([item], size=1)]
                if not done:
                    break
                trim.add(sum(len(item.data or b"") for item in taken))
                # The batch is committed: it is counted (and will be linked) whole before its
                # results are handed out, so that an interruption meanwhile (Ctrl-C while the
                # caller reports them) leaves the run's counts equal to its items.
                for results in done:
                    processed += 1
                    for result in results:
                        totals[result.outcome] += 1
                        if (
                            result.outcome == ImportItem.Outcome.IMPORTED
                            and result.article_id
                            and not dry_run
                        ):
                            to_link.append(result.article_id)
                if run is not None and not dry_run:
                    _save_progress(run, processed, totals)
                for results in done:
                    yield from results
                if len(to_link) >= LINK_CHUNK:
                    _link_pending(to_link, user=user)
        except BaseException:
            interrupted = True
            _close_stray_transaction()
            try:
                if run is not None and not dry_run:
                    _save_progress(run, processed, totals, state=ImportRun.State.FAILED)
            finally:
                if extractors is not None:
                    extractors.close(abandon=True)
                    extractors = None
            raise
        finally:
            if extractors is not None:
                extractors.close()
            if to_link:
                _link_pending(to_link, user=user, interrupted=interrupted)
    if run is not None and not dry_run:
        _save_progress(run, processed, totals, state=ImportRun.State.DONE)
        AuditEntry.objects.create(
            action=AuditEntry.Action.IMPORT,
            user=user if getattr(user, "pk", None) else None,
            object_type="importrun",
            object_id=str(run.pk),
            object_repr=str(run)[:500],
            detail={
                "origin": run.origin,
                "files": processed,
                "imported": totals["imported"],
                "duplicates": totals["duplicate"],
                "failed": totals["failed"],
            },
        )


LINK_CHUNK = 100


def _close_stray_transaction() -> None:
    """Roll back a transaction the database driver holds open behind Django's back.

    Ctrl-C inside a statement can leave one (seen on SQLite: the next transaction failed with
    "cannot start a transaction within a transaction", and restoring the bulk settings with
    "database table is locked"). Outside an atomic block Django holds none, so nothing of the
    import's is lost: every batch commits in its own block.
    """
    raw = connection.connection
    if raw is None or connection.in_atomic_block:
        return
    if hasattr(raw, "in_transaction"):  # sqlite3
        stray = raw.in_transaction
    else:  # psycopg: its status is IDLE (0) outside a transaction
        stray = getattr(getattr(raw, "info", None), "transaction_status", 0) != 0
    if stray:
        with contextlib.suppress(Exception):
            raw.rollback()


def _link_pending(article_ids: list[int], *, user=None, interrupted: bool = False) -> None:
    ids = list(article_ids)
    article_ids.clear()
    if not interrupted:
        if len(ids) == 1:
            link_new_article(ids[0], user=user)
        else:
            link_new_articles(ids)
        return
    # Ctrl-C (or a fault) stopped the import somewhere inside the database layer: the stories it
    # committed are still linked, and when that fails too the operator reads which, in one line.
    try:
        link_new_articles(ids, reraise=True)
    except Exception as exc:
        logger.warning(
            "The %d stories imported before the interruption are not linked to entities (%s); link "
            "them with: python manage.py link_entities %s",
            len(ids),
            f"{type(exc).__name__}: {exc}".splitlines()[0],
            " ".join(map(str, ids)),
        )


def _save_progress(run: ImportRun, processed: int, totals: Counter, *, state: str | None = None) -> None:
    run.processed = processed
    run.imported = totals["imported"]
    run.duplicates = totals["duplicate"]
    run.failed = totals["failed"]
    fields = ["processed", "imported", "duplicates", "failed", "updated_at"]
    if state:
        run.state = state
        run.finished_at = timezone.now()
        fields += ["state", "finished_at"]
    run.save(update_fields=fields)


def count_inputs(paths: Iterable[str | Path], *, exclude: Iterable[str | Path] = ()) -> int:
    """How many inputs ``import_paths`` will visit (names only; nothing is read)."""
    return sum(1 for _ in iter_inputs(paths, exclude=exclude))


# --- review: previews and re-extraction -----------------------------------------------------


PREVIEW_LIST_LIMIT = 500


@dataclass
class Preview:
    """What the admin shows before an editor confirms an import."""

    name: str
    raw_text: str
    candidate: Candidate | None = None
    reason: str = ""
    encoding: str = ""  # as ``decode.describe_encoding`` names it
    duplicate_of: Article | None = None
    near: list[tuple[Article, float]] = field(default_factory=list)
    links: list[dict] | None = None  # None when no linker is installed
    more_articles: int = 0  # further articles in a feed or export beyond the first
    stored: int = 0  # of those, how many the archive holds already (reported as duplicates)
    refused: int = 0  # its records that will be refused (a broken line of an export)
    # The file's other records, in order: (title, "", story) for an article, where ``story`` is the
    # archive's copy of it (None when it is new), and (label, reason, None) for a record that will
    # be refused; at most PREVIEW_LIST_LIMIT.
    others: list[tuple[str, str, Article | None]] = field(default_factory=list)

    def stripped_rows(self) -> list[tuple[str, str]]:
        """The lines taken off the story, each with the role it gave the story (``stripped_rows``)."""
        return stripped_rows(self.candidate.stripped, self.candidate) if self.candidate else []

    def raw_rows(self) -> list[tuple[str, str]]:
        """The raw lines with what the cleaner made of each (``review_rows``)."""
        candidate = self.candidate
        if candidate is None:
            return review_rows(self.raw_text, [])
        page = story_words(candidate) if candidate.format == Article.Format.HTML else None
        return review_rows(self.raw_text, candidate.stripped, page_story=page, story=candidate)


def story_words(story) -> str:
    """What a story (a Candidate or an Article) kept of its page: title, dek and body text."""
    return " ".join([story.title, story.dek, story.body_text])


def review_rows(
    raw_text: str, stripped: Iterable[str], *, page_story: str | None = None, story=None
) -> list[tuple[str, str]]:
    """The original's lines, each with what the cleaner made of it: "kept", "stripped", or, for a
    line taken off the story because it gave the ``story`` (a Candidate or an Article) its title,
    dek, byline or date, that role ("title", "dek", "byline", "date"): an editor sees them used, not
    thrown away. For an HTML page (``page_story``: what the story kept, ``story_words``) the rows are
    the lines a reader sees, and those the story does not hold (menus, banners, sidebars,
    footers) are "stripped": the page's source would show none of that."""
    if page_story is not None:
        return [(line, "stripped" if gone else "kept") for line, gone in _page_rows(raw_text, page_story)]
    removed = {" ".join(line.split()) for line in stripped}
    rows = []
    roles: set[str] = set()  # each role once, above the story's first kept line
    for line in raw_text.split("\n"):
        clean = " ".join(line.split())
        if not clean:
            continue
        bare = clean.lstrip("-–—•* ").strip()
        above = "kept" not in roles
        if clean in removed or bare in removed:
            role = _used_as(bare, story) if above else ""
        elif above and story is not None and story.title and story.title in {clean, strip_site_name(clean)}:
            role = "title"  # set above the body ("Flood warnings … - live updates")
        elif above and story is not None and story.dek and clean == story.dek:
            role = "dek"
        else:
            rows.append((line, "kept"))
            roles.add("kept")
            continue
        if role and role not in roles:
            roles.add(role)
            rows.append((line, role))
        else:
            rows.append((line, "stripped"))
    return rows


def stripped_rows(stripped: Iterable[str], story) -> list[tuple[str, str]]:
    """The lines the cleaner took off the story, each with "stripped" or, for the first line that
    gave the ``story`` its title, byline or date, that role: the editor's list of what was thrown
    away counts those apart."""
    rows, roles = [], set()
    for line in stripped:
        role = _used_as(" ".join(line.split()).lstrip("-–—•* ").strip(), story)
        if role and role not in roles:
            roles.add(role)
            rows.append((line, role))
        else:
            rows.append((line, "stripped"))
    return rows


def _used_as(line: str, story) -> str:
    """The story's title, byline or date, when the (stripped) line gave it; else ""."""
    if story is None:
        return ""
    if story.title and story.title in {line, strip_site_name(line)}:
        return "title"
    if story.byline and clean_byline(line) == story.byline:
        return "byline"
    if story.published_at and is_date_line(line):
        day = date_of_line(line)[:10]
        if day and day == timezone.localtime(story.published_at).date().isoformat():
            return "date"
    return ""


def _page_rows(markup: str, story: str) -> list[tuple[str, bool]]:
    """A page's visible lines, flagged unless the story holds most of their word 3-grams (or,
    for a line of one or two words, the words themselves)."""
    kept_words = words(story.lower())
    kept_grams = {tuple(kept_words[i : i + 3]) for i in range(len(kept_words) - 2)}
    kept_flat = f" {' '.join(kept_words)} "
    rows = []
    for line in visible_lines(markup).split("\n"):
        tokens = words(line.lower())
        if len(tokens) >= 3:
            grams = [tuple(tokens[i : i + 3]) for i in range(len(tokens) - 2)]
            held = sum(gram in kept_grams for gram in grams) >= 0.5 * len(grams)
        else:
            held = f" {' '.join(tokens)} " in kept_flat if tokens else False
        rows.append((line, not held))
    return rows


def reviewable_text(data: bytes, *, name: str = "") -> str:
    """An input's text as the review shows it beside the cleaned story: the decoded text, or an
    e-mail's subject, date and text (not its MIME source)."""
    text = decode_input(data, name=name)
    return readable(data) if is_email(data) else text


def preview_import(*, data: bytes, name: str) -> Preview:
    """Extract without storing, and gather what an editor needs to decide."""
    try:
        raw_text = reviewable_text(data, name=name)
    except ImportRejected as exc:
        return Preview(name=name, raw_text="", reason=exc.reason)
    try:
        items = extract_articles(data, name=name, text=raw_text)
        candidate, more, refused, others, digests = None, 0, 0, [], []
        for number, item in enumerate(items, start=1):
            if isinstance(item, Candidate) and candidate is None:
                candidate = item
                continue
            if isinstance(item, Candidate):
                more += 1
                digests.append(item.content_hash)  # (its hash alone: no MinHash wanted here)
            else:
                refused += 1
            if len(others) < PREVIEW_LIST_LIMIT:
                others.append(
                    (item.title, "", item.content_hash)
                    if isinstance(item, Candidate)
                    else (f"Record {number}", item.reason, None)
                )
        if candidate is None:
            raise ImportRejected("no article found")
    except ImportRejected as exc:
        return Preview(name=name, raw_text=raw_text, reason=exc.reason)
    except DatabaseError:
        raise
    except Exception as exc:  # the same guarantee as import_file: odd input is a reason, not a crash
        parser_fault("Preview of %s failed", name, exc)
        return Preview(
            name=name, raw_text=raw_text, reason=f"the file could not be read ({type(exc).__name__})"
        )
    preview = Preview(
        name=name, raw_text=raw_text, candidate=candidate, more_articles=more, refused=refused, others=others
    )
    preview.encoding = describe_encoding(data)
    preview.stored = sum(
        Article.objects.filter(content_hash__in=digests[start : start + 500]).count()
        for start in range(0, len(digests), 500)
    )  # (a record repeated in the file counts once: its repeat is a duplicate anyway)
    # The listed records the archive holds are named, each with a link to its story.
    listed = {digest for _title, _reason, digest in others if digest}
    archived = {
        story.content_hash: story
        for story in Article.objects.filter(content_hash__in=listed).only("pk", "title", "content_hash")
    }
    preview.others = [(title, reason, archived.get(digest)) for title, reason, digest in others]
    digest, signature, keys = candidate.fingerprints()
    preview.duplicate_of = Article.objects.filter(content_hash=digest).first()
    scored = near_duplicates(signature, keys=keys)
    articles = Article.objects.in_bulk([article_id for article_id, _ in scored])
    preview.near = [(articles[pk], score) for pk, score in scored if pk in articles]
    preview.links = propose_links(candidate)
    return preview


def propose_links(candidate: Candidate) -> list[dict] | None:
    """The mentions the linker would create, found on a copy that is rolled back at once: one
    entry per entity and wording, in order of first appearance, with how often it occurs
    (``count``) and its best confidence ("Minsk -> Belarus" ten times is one row for the editor)."""
    if importlib.util.find_spec("entities.linking") is None:
        return None
    from entities import linking

    link_article = getattr(linking, "link_article", None)
    if link_article is None:
        return None
    proposals: list[dict] = []
    try:
        with transaction.atomic():
            article = Article.objects.create(
                title=candidate.title[:500],
                slug=f"preview-{hashlib.sha256(os.urandom(16)).hexdigest()[:20]}",
                dek=candidate.dek,
                body_html=candidate.body_html,
                body_text=candidate.body_text,
                language=candidate.language[:12],
            )
            link_article(article=article)
            proposals = list(
                article.mentions.order_by("start").values(
                    "entity__name",
                    "entity__slug",
                    "entity__kind",
                    "surface",
                    "start",
                    "end",
                    "confidence",
                    "status",
                )
            )
            transaction.set_rollback(True)
    except DatabaseError:
        raise
    except Exception:
        logger.exception("The linker failed on a preview")
        return []
    grouped: dict[tuple[str, str], dict] = {}
    for mention in proposals:
        entry = grouped.setdefault((mention["entity__slug"], mention["surface"]), {**mention, "count": 0})
        entry["count"] += 1
        entry["confidence"] = max(entry["confidence"], mention["confidence"])
    return list(grouped.values())


def reextract_article(*, article: Article, user=None) -> str:
    """Run extraction again on the stored original; returns a one-line outcome for the editor.

    The body, dek, stripped chrome and fingerprints are replaced; the title, slug, status and
    editorial fields stay as the editor left them. Entity links are refreshed afterwards.
    """
    if not article.original:
        return "this story has no stored original to extract from"
    try:
        candidate = extract_one(bytes(article.original), name=article.original_name or "original")
    except ImportRejected as exc:
        return f"extraction failed: {exc.reason}"
    except DatabaseError:
        raise
    except Exception as exc:  # a parser fault, as import_file reports it (an editor got a 500)
        parser_fault("Re-extraction of story %s failed", article.pk, exc)
        return f"extraction failed: the original could not be read ({type(exc).__name__})"
    if (candidate.body_html, candidate.dek) == (article.body_html, article.dek):
        return "not changed: a fresh extraction gives the text the story already has"
    digest, signature, keys = candidate.fingerprints()
    clash = Article.objects.filter(content_hash=digest).exclude(pk=article.pk).first()
    if clash:
        return f"not changed: the extracted body is identical to story #{clash.pk} ({clash.slug})"
    changed = [
        part
        for part, was, now in (
            ("body", article.body_html, candidate.body_html),
            ("dek", article.dek, candidate.dek),
        )
        if was != now
    ]
    with transaction.atomic():
        article.body_html = candidate.body_html
        article.body_text = candidate.body_text
        article.dek = candidate.dek
        article.stripped = candidate.stripped
        article.content_hash = digest
        article.minhash = signature.tobytes()
        # (only an earlier story: a later copy, flagged as this one's, does not flag the original)
        near, similarity = find_near_duplicate(signature, before=article.pk, keys=keys)
        article.near_duplicate_of = near
        article.similarity = similarity if near else None
        article.save(
            update_fields=[
                "body_html",
                "body_text",
                "dek",
                "stripped",
                "content_hash",
                "minhash",
                "near_duplicate_of",
                "similarity",
                "updated_at",
            ]
        )
        ShingleBand.objects.filter(article=article).delete()
        ShingleBand.objects.bulk_create([ShingleBand(article=article, key=key) for key in keys])
    link_new_article(article.pk, user=user)
    return f"extraction re-run: {' and '.join(changed)} updated"


class Refingerprinted(NamedTuple):
    """What ``refingerprint_articles`` did to one story: "changed", "same", or "clash" (its new
    content hash is another story's: it keeps its old fingerprints, and the editor is told which)."""

    article_id: int
    outcome: str
    other: int | None = None


def refingerprint_articles(*, dry_run: bool = False, chunk: int = 500) -> Iterator[Refingerprinted]:
    """Compute every imported story's fingerprints (content hash, MinHash, band keys) again from its
    text, as an import now would, and store those that changed.

    A change in how the text is read into words (Chinese and Japanese in stop 30, Thai in stop 33)
    changes the fingerprints of the stories it touches: one stored before no longer matched the
    same story imported after it, as a duplicate or a near-duplicate. The stories are read in
    chunks of ``chunk``, each chunk's changes in one transaction.
    """
    last = 0
    while True:
        rows = list(
            # (A story an editor wrote has none, and is given none: it never was an import's.)
            Article.objects.filter(pk__gt=last, content_hash__isnull=False)
            .order_by("pk")
            .values_list("pk", "body_text", "content_hash", "minhash")[:chunk]
        )
        if not rows:
            return
        last = rows[-1][0]
        results, changed = [], []
        for pk, body_text, stored_hash, stored_minhash in rows:
            digest, signature, keys = fingerprints_of(body_text)
            if digest == stored_hash and signature.tobytes() == bytes(stored_minhash or b""):
                results.append(Refingerprinted(pk, "same"))
            else:
                changed.append((pk, digest, signature, keys))
        clashes = dict(
            Article.objects.filter(content_hash__in=[digest for _pk, digest, *_rest in changed])
            .exclude(pk__in=[pk for pk, *_rest in changed])
            .values_list("content_hash", "pk")
        )
        taken: dict[str, int] = {}  # new hashes within the chunk
        updates = []
        for pk, digest, signature, keys in changed:
            other = clashes.get(digest) or taken.get(digest)
            if other is not None:
                results.append(Refingerprinted(pk, "clash", other))
                continue
            taken[digest] = pk
            updates.append((pk, digest, signature, keys))
            results.append(Refingerprinted(pk, "changed"))
        if updates and not dry_run:
            with transaction.atomic():
                # (Hashes freed by the chunk's stories first: two stories may swap theirs.)
                Article.objects.filter(pk__in=[pk for pk, *_rest in updates]).update(content_hash=None)
                Article.objects.bulk_update(
                    [
                        Article(pk=pk, content_hash=digest, minhash=signature.tobytes())
                        for pk, digest, signature, _keys in updates
                    ],
                    ["content_hash", "minhash"],
                    batch_size=BATCH_SIZE,
                )
                ShingleBand.objects.filter(article_id__in=[pk for pk, *_rest in updates]).delete()
                _store_bands([(pk, key) for pk, *_rest, keys in updates for key in keys])
        yield from sorted(results)
