"""Saved HTML pages: trafilatura finds the article; the newsroom's own post-cleaning finishes it.

Before trafilatura runs, folded sections (accordions, tabs, "read more") are opened: their
``display:none`` hides story text, not furniture. The page is parsed once; trafilatura reads it
with its default settings and, unless that reading already holds most of the page's prose (its
visible words outside links) or of its <article>, again with recall-leaning ones (cheaper: no
external comparison); the metadata is read once, beside both (``page_metadata``). The
recall-leaning reading wins when it has clearly more words; when it has clearly fewer, the page's
visible text through the plain-text cleaner decides which of the two tells the same story.

trafilatura keeps some page furniture that sits inside the article container. After it runs we
remove, by general features: a site name glued to the title ("Story - Site"), share/subscribe/
follow prompts and "related links" residue (short blocks of reader appeal or navigation, link
lists at the end), photo captions and credits, bylines and datelines repeated in the body, a
repeat of the title at the top, blocks the page renders twice, everything after a label for what
follows the story ("Related posts", "Comments") once most of it is behind, and small print and
author notes among the last blocks.
"""

import functools
import json
import logging
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from html import escape, unescape
from itertools import islice
from urllib.parse import urlsplit

from lxml import etree

from .language import language_tag
from .plaintext import (
    AD_MARKERS,
    BYLINE,
    COOKIE_NOTICE,
    DAY_WITHOUT_YEAR,
    EMBARGO,
    FOREIGN_BYLINE,
    LIST_LABEL,
    MARKS,
    NEWS_AGENCIES,
    PROSE_PARAGRAPH_WORDS,
    READ_ALSO_OPENING,
    READ_ON,
    READ_TIME,
    REPORTED,
    STORY_ID,
    TEASER,
    TITLE_SEPARATOR,
    TRAILING_CREDIT,
    UPDATE_WORD,
    WRITERS_ROLE_LINE,
    appeal_hits,
    clean_byline,
    date_of_line,
    ends_sentence,
    extract_text_article,
    is_appeal,
    is_bare_name,
    is_cookie_notice,
    is_credit,
    is_date_line,
    is_disclosure,
    is_kicker,
    is_navigation,
    is_newsroom_account,
    is_section_date_line,
    is_small_print,
    speaks_for_the_site,
    strip_site_name,
    wire_date,
    word_count,
    words,
    writer_before_date,
)
from .sanitize import safe_href

logger = logging.getLogger(__name__)

_TRAFILATURA_OPTIONS = {
    "include_comments": False,
    "include_tables": True,
    "include_formatting": True,
    "include_links": True,
    "include_images": False,
    "with_metadata": False,  # read by ``page_metadata``
}
# htmldate's quick search only (meta tags, structured data, <time>, the address, dates written in
# a standard pattern), not its extensive one, which also reads free-form dates in the prose
# ("3 February 2024"): on the 791 development pages that found the right date for 24 more of the
# 658 dated stories but a wrong one for 13 more, dated 76 more of the 133 undated ones, and cost
# a tenth of a real page's import. "Date unknown" beats a wrong date.
# The time of day is kept when the markup gives one (htmldate's default output is the date alone).
_DATE_OPTIONS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}
# trafilatura's reading without its comparison with readability and justext ("fast"), tried first:
# when it holds the story by the measure below, the full reading is not asked for. It must also
# hold at least a fifth of the page's prose (a page's <article> can wrap a fragment: the lead
# under the headline) and at most 1.15 times it (its words count the story's own links; a reading
# with many more took menus or teasers, which the comparison would have set aside). On the 791
# development pages the quick reading is the full one on 746; it is kept on 557, F1 0.94692 ->
# 0.94698 (four pages change); on the bench's generated pages extraction is a fifth faster. (Kept
# on 566 since it leaves out trafilatura's escalation, below.)
_QUICK_OPTIONS = {**_TRAFILATURA_OPTIONS, "fast": True}
_QUICK_LEAST, _QUICK_MOST = 0.2, 1.15
# The quick reading is also asked for without trafilatura's own last resort: when its reading is
# short (under 3,000 characters) and under a fifth of the page's text, trafilatura measures the
# whole page's text (``html2txt``: a copy of the tree, a regular expression on every element) and
# reads the page again leaning to recall. The importer has that cascade of its own, measured
# with the page's prose it counts anyway: a quick reading that does not hold the story is
# followed by the full reading (trafilatura's escalation included) and the recall-leaning one.
# On the 791 development pages: F1 0.95043 -> 0.95044 (two pages better, none worse); on the
# bench's generated pages the measure ran on 97% of them, 13% of the HTML import's CPU.
# trafilatura compares its focus with "balanced" for that step alone, and with "precision" and
# "recall" everywhere else: a focus that is none of the three reads as balanced but for it
# (``test_quick_reading_skips_trafilaturas_escalation`` holds trafilatura to it: the step is not
# run, and every other field of the options is what trafilatura makes of the same keywords).
_WITHOUT_ESCALATION = "balanced without escalation"
# A second, recall-leaning pass: trafilatura's default sometimes settles on one section of the
# article (the introduction, the first step of a guide). It replaces the default reading when it has
# a tenth more words or more; a much shorter one is usually a fragment, and is taken only when the
# page's visible text agrees with it clearly better. No metadata (the first pass has it) and no
# external comparison: about a third of the cost of the first pass.
_WIDER_OPTIONS = {**_TRAFILATURA_OPTIONS, "favor_recall": True, "fast": True}
_WIDER_GAIN = 1.1
_AGREEMENT_MARGIN = 0.1
# Not run when the default reading already holds this share of the prose a reader sees (the
# visible words outside links: menus, teasers and footers are links), or lies inside the page's
# one <article> element (``_WITHIN`` of its word 4-grams) and holds this share of its prose: it
# did not settle on a fragment then. On the 791 development pages that spares the second run on
# 73% of them, F1 0.94690 -> 0.94697 (all visible words, links included, and no <article> rule:
# 38%; 0.8 of the prose lost two pages where the recall-leaning reading had more of the story).
_WIDER_COVERAGE = 0.85
_ARTICLE_COVERAGE = 0.7
_WITHIN = 0.8
_PROSE = etree.XPath(
    ".//text()[not(ancestor::a or ancestor::script or ancestor::style or ancestor::noscript or ancestor::template"
    " or ancestor::svg or ancestor::head or ancestor::iframe or ancestor::select or ancestor::button)]"
)
_ARTICLE = etree.XPath("//article")
_HEAD_BLOCKS = 3
_TAIL_BLOCKS = 4
# Placeholder text left in a template.
_PLACEHOLDER = re.compile(r"\blorem ipsum dolor\b", re.IGNORECASE)
_END_SHARE = 0.75
_HEAD = {"h1", "h2", "h3", "h4", "h5", "h6"}
_INLINE_RENAMES = {"hi": "em", "ref": "a", "lb": "br"}


@dataclass
class HtmlArticle:
    title: str
    body_html: str
    byline: str = ""
    published: str = ""
    url: str = ""
    language: str = ""
    sitename: str = ""
    description: str = ""
    stripped: list[str] = field(default_factory=list)
    # The headlines of the stories the reading joined, when the page holds several (a roundup).
    joined: list[str] = field(default_factory=list)
    # The page says its story is for subscribers (schema.org's isAccessibleForFree: false), or
    # says that the story goes on for subscribers only (``_GOES_ON_FOR_SUBSCRIBERS``: ``cut_short``).
    paywalled: bool = False
    cut_short: bool = False
    # The page is one of a story's several ("Page 1 of 3" and a link to the next): "1 of 3".
    page_of: str = ""
    # The struck-through passages, which read as plain text in the story (``show_corrections``).
    struck: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Visible:
    """The page as a reader would copy it (``visible_lines``) and its number of words."""

    lines: str
    word_count: int

    @classmethod
    def of(cls, markup: str) -> "Visible":
        lines = visible_lines(markup)
        return cls(lines=lines, word_count=word_count(lines))


def extract_html_article(
    markup: str, *, url: str | None = None, visible: Visible | None = None
) -> HtmlArticle | None:
    """The article in a saved page, as (unsanitized) HTML with its metadata; None when there is none.

    ``visible`` is the page's ``Visible`` text when the caller already has it.
    """
    markup = without_code(markup)
    visible = visible or Visible.of(markup)
    markup = unfold(markup)
    # (a word processor's page: its comments, title and subtitle are looked for, no other's)
    document = _from_word_processor(markup)
    tree = _parse(markup, document=document)
    if tree is None:
        return None
    try:
        metadata = page_metadata(tree, url)
    except (ValueError, TypeError, etree.LxmlError, RecursionError):
        # The story does not depend on its metadata (trafilatura's own reading gives up the same way).
        logger.warning("Unreadable page metadata", exc_info=True)
        from trafilatura.settings import Document

        metadata = Document()
    heading, subheading = _document_headings(tree) if document else ("", "")
    if heading:
        # (the <title> is the document's file name: "Copy of Transit fares story - FINAL")
        metadata.title = heading
        metadata.sitename = (
            None
            if metadata.sitename and metadata.sitename in (tree.findtext(".//title") or "")
            else metadata.sitename
        )
        metadata.description = subheading or metadata.description
    url = metadata.url or url
    live_writers = _show_stamps(tree)
    struck = show_corrections(tree) if _CORRECTION_TAGS.search(markup) else []
    body = _reading(tree, url, visible=visible)
    if body is None:
        return None
    _open_divisions(body)
    _mend_links(body, tree)
    title = _headline_part(tree, body, clean_title(metadata.title or "", sitename=metadata.sitename or ""))
    blocks, stripped, lead = _post_clean(body, title=title, base_url=url)
    while (
        len(blocks) > 1
        and len(words(last := _shown(blocks[-1]))) <= 5
        and last.endswith(":")
        and last.isupper()
    ):
        # A label in capitals that introduces nothing, the story's last block: a promo's "ELECTION
        # 2026:", its link gone with the links around the story. (A story's own "Sources:" or "Then
        # I use this prompt:" may end what was read of it.)
        blocks, stripped = blocks[:-1], [*stripped, last]
    signed_off = ""
    while len(blocks) > 1 and (signoff := _REPORTER_SIGNOFF.match(_shown(blocks[-1]))):
        # A Korean paper's sign-off under the story, "정다은 기자 daeun@…": its writer, not its text
        # (the mailbox may be a line of its own under the name).
        blocks, stripped = blocks[:-1], [*stripped, _shown(blocks[-1])]
        signed_off = signed_off or signoff[1] or ""
    description = metadata.description or ""
    first = _shown(blocks[0]) if blocks else ""
    if len(blocks) > 2 and blocks[0].startswith("<p>") and _is_kicker_block(first):
        # A section's kicker opened the body ("Tribuna", "Analysis"), not the story.
        blocks, stripped = blocks[1:], [first, *stripped]
    if _PRINT_TITLE.match(title) and blocks and blocks[0].startswith("<p>"):
        # A print version's <title> is a label ("Printer Friendly Version"): its headline is the
        # first line of the story's first block, the dek the line under it.
        lines = [_shown(line) for line in _BREAK.split(blocks[0])]
        lines = [line for line in lines if line]
        if lines and len(words(lines[0])) <= 20 and not ends_sentence(lines[0]) and len(lines) <= 2:
            title, blocks, stripped = lines[0], blocks[1:], [*lines, *stripped]
            description = description or (lines[1] if len(lines) == 2 else "")
    if (
        len(blocks) > 1
        and blocks[0].startswith(("<h2>", "<h3>", "<h4>"))
        and fold_quotes(heading := _shown(blocks[0])).casefold()
        == fold_quotes(" ".join(description.split())).casefold()
    ):
        # The dek under the headline, set as a heading (a blog's subtitle): the dek, not the story.
        blocks, stripped = blocks[1:], [heading, *stripped]
    if blocks and EMBARGO.match(first := _shown(blocks[0])):
        blocks, stripped = blocks[1:], [first, *stripped]  # (the editor is told: ``pipeline.embargo_note``)
    if subheading:
        # A document's subtitle under its title: the dek, not the story's first paragraph.
        shown = [_shown(block) for block in blocks[:3]]
        if subheading in shown:
            index = shown.index(subheading)
            blocks, stripped = blocks[:index] + blocks[index + 1 :], [subheading, *stripped]
    standfirst, marked = _standfirst(tree)
    opening = [_shown(block) for block in blocks[:2]]
    if (
        standfirst
        and len(blocks) > 2
        and opening[1] == standfirst
        and blocks[0].startswith("<p>")
        and len(words(opening[0])) <= 8
        and (is_kicker(opening[0]) or re.search(r"\s[/|]\s", opening[0]))
    ):
        # A rubric over the standfirst ("Features / The Maine Issue"): taken off with it below.
        blocks, stripped = blocks[1:], [opening[0], *stripped]
        opening = opening[1:]
    if standfirst and len(blocks) > 1 and opening[0] == standfirst:
        # The page's standfirst, marked as such, opened the body: it is the story's dek.
        blocks, description = blocks[1:], standfirst
    elif standfirst and (
        inside := [
            n
            for n, block in enumerate(blocks[2:], 2)  # (right under the first, a story may repeat it)
            if block.startswith("<p>") and _shown(block) == standfirst
        ]
    ):
        # Set down again among the story's blocks (a call to action's box, the description again
        # at the end): the dek all the same.
        blocks = [block for n, block in enumerate(blocks) if n not in inside]
        description = description or standfirst
    elif (
        standfirst
        and not description
        and not any(standfirst in _shown(block) for block in blocks)
        and marked.xpath("boolean(preceding::h1)")  # (not a teaser card's excerpt above the headline)
    ):
        description = standfirst  # shown under the headline only, outside the story's reading
    if not blocks:
        return None
    byline, published = _without_site(metadata.author or "", metadata.sitename or ""), metadata.date or ""
    # A newsroom's account in the tags ("Gazette Staff"): the writer the page prints is looked for.
    account, byline = (byline, "") if is_newsroom_account(byline) else ("", byline)
    byline = byline or signed_off

    # A page whose tags name no writer or date may print them above the story ("By Owen Clarke ·
    # 12 February 2025"): the lines taken off there say them.
    def zoneless() -> bool:
        """Whether the tags give a time without its zone ("2026-04-07T09:30:00")."""
        return len(published) == 19 and published[10] == "T"

    def better(day: str) -> bool:
        """Whether a printed date line dates the story better: there was no date, or the tags gave
        its day alone ("18.12.2024 15:40" printed) and the line gives that day's time (and zone), or
        the tags gave the time without its zone and the line gives the same time with it ("9:30 AM
        CDT")."""
        return bool(day) and (
            not published
            or (published.endswith("T00:00:00") and day.startswith(f"{published[:10]}T"))
            or (zoneless() and day.startswith(published[:16]) and len(day) > 16)
        )

    for text in lead:
        signed = (
            len(words(text)) <= 12
            and (BYLINE.match(text) or FOREIGN_BYLINE.match(text))
            and not _NO_NAME_AFTER_BY.match(clean_byline(text))  # (not "By the numbers")
        )
        if not byline and signed:
            byline = text
        if (
            len(words(text)) <= 12
            and (is_date_line(text) or is_section_date_line(text) or signed)
            and not (published and _UPDATE_LINE.match(text))  # (an update's time is not the story's)
            and better(day := date_of_line(text))
        ):
            published = day
    for block in [] if published else blocks[:3]:  # "COPENHAGEN, April 14, 2026 /PRNewswire/ -- …"
        if published := wire_date(_shown(block)):
            break
    if (
        (not published or published.endswith("T00:00:00") or zoneless() or not byline)
        and title
        and visible is not None
    ):
        # A page whose tags give no date (or writer) prints them beside the headline as a reader sees.
        shown_in_story = {_shown(block) for block in blocks}
        writer, day = _signed_near_headline(
            visible.lines, title, byline=byline, story=shown_in_story, updates=not published
        )
        published, byline = day if better(day) else published, byline or writer
    if live_writers:  # (the writers of the entries the story holds: not of a list of teasers)
        in_story = {_shown(block) for block in blocks}
        live_writers = [writer for writer in live_writers if writer in in_story]
    if len(live_writers) > 1 and (not byline or clean_byline(byline) in live_writers):
        byline = "; ".join(live_writers)  # a live blog's writers, not its first entry's alone
    # No writer named anywhere: the account, or the agency the structured data credits ("dpa").
    byline = byline or account or _credited_organization(tree, sitename=metadata.sitename or "") or ""
    signature = "".join(byline.split()).casefold()
    for block in [] if live_writers else blocks[:2]:  # (a live blog's first entry keeps its writer)
        text = _shown(block)
        piece = "".join(text.split()).casefold()
        if (
            len(signature) >= 6
            and len(words(text)) <= 10
            and (piece in signature or _JOINED_ON.sub("", piece) in signature)
        ):
            # A piece of the byline's line that trafilatura kept ("Katrin Bergmannund", its links'
            # spaces lost), once the byline is read whole from the page (or from the tags, which
            # part the names with ";" where the page wrote "und").
            blocks = [kept for kept in blocks if kept is not block]
            stripped.append(text)
    cut_short = any(word in visible.lines for word in _GOES_ON_WORDS) and _says_it_goes_on(
        visible.lines.lower()
    )  # (faster than an IGNORECASE search)
    return HtmlArticle(
        paywalled=cut_short or _paywalled(tree),
        cut_short=cut_short,
        page_of=_page_of(tree, visible.lines),
        joined=_joined_stories(tree, body),
        title=title,
        body_html="".join(blocks),
        byline=byline[:300],
        published=published,
        url=url or "",
        language=page_language(tree),
        sitename=_site_name(tree, title, metadata.sitename or ""),
        description=description,
        stripped=stripped,
        struck=struck,
    )


# The word that joined the last two names of a byline, left at the end of its first one.
_JOINED_ON = re.compile(r"(?<=\w{3})(?:und|and|et|y|и|і|та)$")


def _without_site(authors: str, sitename: str) -> str:
    """The writers the tags name without the site itself among them ("Jana Winter; Lukas Brenner;
    DER NACHRICHTENSPIEGEL" on the Nachrichtenspiegel's page): the publisher is no writer."""
    site = sitename.casefold().strip()
    if not site or ";" not in authors:
        return authors
    names = [name.strip() for name in authors.split(";")]
    kept = [name for name in names if name.casefold() != site]
    if not kept or len(kept) == len(names) or any(len(name.split()) < 2 for name in kept):
        return authors  # (not "Silverback Strategies; October": what is left must be writers' names)
    return "; ".join(kept)


def _shown(markup: str) -> str:
    """A block's (or a line's) text as a reader sees it: no tags, entities read ("Q&amp;A" is
    "Q&A"), spaces collapsed."""
    return " ".join(unescape(_ANY_TAG.sub(" ", markup)).split())


# The <title> of a print version, which names the page and not the story.
_PRINT_TITLE = re.compile(
    r"^(?:print(?:er)?[- ]?friendly(?: (?:version|page|format))?|print(?: (?:version|this (?:article|page|story)))?"
    r"|printable (?:version|page)|druckversion|version imprimable|versión para imprimir|версия для печати)$",
    re.IGNORECASE,
)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
# A mailbox alone: a writer's address under a wire's story ("kim@wire.example", its sign-off
# without the name).
_MAILBOX = r"\(?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\)?"
# The end of a release's or a wire's copy ("ENDS", "-30-", "###", "(END)", "-END-"): what follows is
# a note to the desk. A wire's writer may put their mailbox on the line above it, the same paragraph
# ("kim@wire.example<br>(END)").
END_OF_COPY = re.compile(
    rf"^(?:{_MAILBOX}\s*)?[\s\-–—#*(\[]*(?:ends?|-30-|###)[\s\-–—#*)\]]*$", re.IGNORECASE
)

# What pages call the line under the headline that sums the story up.
_STANDFIRST_CLASS = re.compile(
    r"(?:^|[\s_-])(?:standfirst|dek|deck|sub-?title|sub-?head(?:line|ing)?|strapline|article-summary|excerpt"
    # and in the region's press: "subtitulo", "entradilla", "sumario", "chapeau", "chapo", "untertitel",
    # "vorspann", "anons"
    r"|subtitulo|entradilla|sumario|chapeau|chapo|untertitel|vorspann|anons|announce)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CLASSED = etree.XPath("//*[@class][not(ancestor::head)]")


def _is_kicker_block(text: str) -> bool:
    """A paragraph of one or two words without figures, not a label for what follows ("Key
    takeaways:"): a section's name ("Tribuna", "Analysis") or a name without its story."""
    return (
        1 <= len(words(text)) <= 2
        and not re.search(r"[,.:;!?…]$", text)  # "Dear Editor," opens a letter
        and not any(character.isdigit() for character in text)
    )


def _signed_near_headline(
    lines: str, title: str, *, byline: str, story: set[str], updates: bool = True
) -> tuple[str, str]:
    """The writer and date a page prints beside its headline, read as a reader sees it: among the
    six lines under the headline (or the two above), outside the story's own paragraphs (a date
    in the prose is not the story's), the first date line, or the first line where the date follows
    the writer ("Беседовала Мария Волкова 2 марта 2026, 09:00 1 254 просмотра", "By Jane Roe ·
    12 March 2025"). An update's line ("Updated …") is passed over unless ``updates``."""
    shown = lines.split("\n")
    at = next((n for n, line in enumerate(shown) if line.strip() == title), None)
    if at is None:
        return "", ""
    # A line of its own right under the headline with the writer alone ("By Jane Roe", the date
    # elsewhere or none). The headline as the page shows it, not its <title>, the first line: a
    # menu follows that ("BY COMPANY TYPE").
    shown_at = next((n for n, line in enumerate(shown) if n and line.strip() == title), None)
    signed = next(
        (
            name
            for line in (shown[shown_at + 1 : shown_at + 4] if shown_at is not None else [])
            if len(words(line)) <= 6
            and BYLINE.match(line.strip())
            and not date_of_line(line)
            and is_bare_name(name := clean_byline(line))
            and not _NO_NAME_AFTER_BY.match(name)
        ),
        "",
    )
    for line in shown[at + 1 : at + 7] + shown[max(0, at - 2) : at]:
        if line.strip() in story or len(words(line)) > 15 or not (day := date_of_line(line)):
            continue
        if not updates and _UPDATE_LINE.match(line):
            continue  # (an update's time is not the publication's)
        writer = writer_before_date(line)
        if writer or is_date_line(line) or (byline and line.startswith(byline)):
            return writer or signed, day
    return signed, ""


_IN_A_CARD = etree.XPath(
    "boolean(ancestor::a or ancestor::aside or ancestor::*[re:test(@class, "
    "'(^|[\\s_-])(related|teaser|promo|recommended)([\\s_-]|$)', 'i')])",
    namespaces={"re": "http://exslt.org/regular-expressions"},
)


def _standfirst(tree) -> tuple[str, object]:
    """The text of the page's first element whose class (or id) names it a standfirst (5 to 60
    words; empty when there is none), and that element."""
    for element in _CLASSED(tree):
        if _STANDFIRST_CLASS.search(f"{element.get('class', '')} {element.get('id', '')}"):
            if _IN_A_CARD(element):
                continue  # a teaser card's excerpt, inside its link or its box of related stories
            text = _text(element)
            # (not a sign-up card's "subheading": "Get every new story by email")
            if 5 <= len(words(text)) <= 60 and not is_appeal(text, len(words(text))):
                return text, element
            return "", None
    # Else the paragraph right under the headline in the story's <header>, whatever its class
    # ("summary", "intro"): a byline or a date there is no standfirst.
    for element in _UNDER_THE_HEADLINE(tree)[:1]:
        text = _text(element)
        if (
            5 <= len(words(text)) <= 60
            and not is_appeal(text, len(words(text)))
            and not BYLINE.match(text)
            and not is_date_line(text)
        ):
            return text, element
    return "", None


_UNDER_THE_HEADLINE = etree.XPath("//body//header/h1/following-sibling::*[1][self::p]")


def _headline_part(tree, body, title: str) -> str:
    """The headline in a page's "Site - Headline" <title>: trafilatura takes the first part (the
    site's name there, "Valley Gazette"); the part the story's first block repeats is the one."""
    parts = _title_parts(tree)
    if len(parts) < 2 or title not in parts:
        return title
    # The first run of text of three words or more (a menu's links come one by one).
    first = next(
        (text for text in map(" ".join, map(str.split, body.itertext())) if len(words(text)) >= 3), ""
    )
    first = first.casefold()
    # Only towards a longer part: the site's name is the shorter one, and the first words of some
    # stories are the masthead ("The Valley Gazette") under a "Headline - Site" title.
    return next(
        (
            part
            for part in parts
            if part != title and part.casefold() == first and len(words(part)) > len(words(title))
        ),
        title,
    )


def _title_parts(tree) -> list[str]:
    """The parts of the page's <title> ("Story | Site" gives two)."""
    return [
        part.strip() for part in TITLE_SEPARATOR.split(" ".join((tree.findtext(".//title") or "").split()))
    ]


def _names_the_site(tree, title: str, sitename: str) -> bool:
    """Whether a page's title is its site's name: the name its tags give, or the last part of
    its <title>, of a few words ("Noticias | La Voz de Tucson"; not a headline after the site's
    name, "Millbrook Ledger | Quay Street traders win …")."""
    folded = title.casefold().strip()
    if folded == sitename.casefold().strip():
        return True
    parts = [part.casefold() for part in _title_parts(tree)]
    return len(parts) >= 2 and folded == parts[-1] and len(words(title)) <= 5


def _site_name(tree, title: str, named: str) -> str:
    """The site's name its tags give, else the one its <title> gives beside the headline ("How the
    price was set | Civic Ledger") rather than its host name ("coastaltimes.example")."""
    if named and len(words(named)) >= 3 and (len(words(named)) > 6 or named.casefold() in title.casefold()):
        named = ""  # the headline, or a sentence, that a page's tags gave as its site's name
    if named and not ("." in named and " " not in named):
        return named
    return _site_in_title(tree, title) or named


def _site_in_title(tree, title: str) -> str:
    if not title:
        return ""
    parts = _title_parts(tree)
    folded = [part.casefold() for part in parts]
    if len(parts) < 2 or title.casefold() not in folded:
        return ""
    # "Story | Site", "Site | Story", and "Section | Story – Site" (the site's name last)
    site = parts[-1] if folded[-1] != title.casefold() else parts[0] if len(parts) == 2 else ""
    return site if 1 <= len(words(site)) <= 5 and site[:1].isupper() else ""


_HEADLINE_GOES_ON = re.compile(r"\s*[:—–-]\s+\w")


def page_metadata(tree, url: str | None):
    """Title, author, date, canonical address, site name and description of a parsed page.

    trafilatura's own reading (``trafilatura.metadata.extract_metadata``) step for step, without
    the categories, tags and licence the newsroom does not keep: finding those visits every link
    of the page, about 5 ms of a real page's 100. Dates as ``_DATE_OPTIONS`` says.
    """
    from trafilatura import metadata as meta

    document = meta.examine_meta(tree)
    if document.author and " " not in document.author:
        document.author = None  # a handle, not a name
    if document.author and any(
        MARKUP_TAG.search(m.get("content", ""))
        for m in tree.iterfind(".//head/meta[@content]")
        if _meta_key(m) == "author"
    ):
        # Markup in the tag: trafilatura keeps its text ("<script>alert('x')</script>Jane Doe" was
        # printed "By Alertjane Doe"); the byline the page shows is read instead.
        document.author = None
    try:
        document = meta.extract_meta_json(tree, document)
    except Exception:  # trafilatura guards its JSON-LD reading the same way
        logger.debug("Unreadable JSON-LD metadata", exc_info=True)
    document.title = document.title or meta.extract_title(tree)
    if document.title and _names_the_site(tree, document.title, document.sitename or ""):
        # A tag that gives the site's name for the story's title: the structured data's headline,
        # else the page's one <h1>.
        headline = next(
            (str(item["headline"]) for item in _json_ld_articles(tree) if item.get("headline")), ""
        )
        headings = tree.xpath("//body//h1")
        if not headline and len(headings) == 1:
            headline = " ".join(headings[0].text_content().split())
        if len(words(headline)) > len(words(document.title)):  # (not a shorter one: "Ferry fined")
            document.sitename = document.sitename or document.title
            document.title = headline
    elif document.title and len(headings := tree.xpath("//body//h1")) == 1:
        # A shortened title in the tags ("Inside the collapse of Fairmont Savings"), the page's one
        # <h1> going on after a colon or a dash (": how a small bank bet everything …").
        heading = " ".join(headings[0].text_content().split())
        shown = document.title.rstrip(" .…")
        if heading.casefold().startswith(shown.casefold()) and _HEADLINE_GOES_ON.match(heading[len(shown) :]):
            document.title = heading
    if document.author and _A_MARK.search(tags := " ".join(_author_tags(tree))):
        document.author = _with_its_marks(document.author, tags)
    document.author = document.author or _printed_author(tree) or _regional_author(tree)
    writers = _json_ld_writers(tree)
    if writers and (
        not document.author or (len(writers) > 1 and document.author.casefold() in map(str.casefold, writers))
    ):
        # A live blog's or a podcast's writers (trafilatura reads Article records only), or the
        # story's several writers when the tags name the first alone.
        document.author = "; ".join(writers[:6])
    document.url = document.url or meta.extract_url(tree, url)
    if document.url and urlsplit(document.url).path in {"", "/"}:
        # The home page's address in og:url; the page's canonical link names the story's own.
        canonical = tree.xpath("string(//head/link[@rel='canonical']/@href)").strip()
        if canonical.startswith(("http://", "https://")) and urlsplit(canonical).path not in {"", "/"}:
            document.url = canonical
    document.date = meta.find_date(tree, url=document.url, **_DATE_OPTIONS)
    if document.date and document.date.endswith("T00:00:00"):
        # htmldate reads a date in the address ("/2025/05/20/") before the page's own timestamps,
        # and gives no time with it: the page's timestamp of that day, when it has one, is kept.
        document.date = _timestamp_of(tree, day=document.date[:10]) or document.date
    document.description = document.description or _described_in_json(tree)
    document.sitename = document.sitename or meta.extract_sitename(tree)
    if document.sitename:
        document.sitename = document.sitename.lstrip("@")
        if document.sitename and "." not in document.sitename and not document.sitename[0].isupper():
            document.sitename = document.sitename.title()
    elif document.url and (domain := meta.META_URL.match(document.url)):
        document.sitename = domain[1]
    document.clean_and_trim()
    return document


# A writer's note in brackets after the name: "(Reuters)", "(Lyon, correspondante)".
_BRACKETED = re.compile(r"\s*\([^()]*\)")


def _printed_author(tree) -> str | None:
    """The writer the page prints (trafilatura's ``extract_author`` step for step), its bracketed
    notes taken off first: trafilatura drops "(Reuters)" but parts the names at commas before, and
    "Par Jeanne Martin (Lyon, correspondante)" came out as "Jeanne Martin Lyon"."""
    from copy import deepcopy

    from trafilatura import metadata as meta
    from trafilatura.htmlprocessing import prune_unwanted_nodes
    from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

    author = meta.extract_metainfo(
        prune_unwanted_nodes(deepcopy(tree), AUTHOR_DISCARD_XPATHS), AUTHOR_XPATHS, len_limit=120
    )
    return (
        _with_its_marks(meta.normalize_authors(None, printed := _BRACKETED.sub("", author)), printed)
        if author
        else None
    )


_A_MARK = re.compile(f"[{MARKS}]")


def _author_tags(tree) -> Iterator[str]:
    """What the page's tags say of its writer: its author meta tags and structured data."""
    yield from (
        m.get("content", "") for m in tree.iterfind(".//head/meta[@content]") if _meta_key(m) == "author"
    )
    yield from _JSON_LD(tree)[:4]


def _with_its_marks(name: str | None, printed: str) -> str | None:
    """trafilatura's reading of a name with the vowel signs it dropped put back: its clean-up reads
    ``\\w`` as Python does, without marks, and "रीना शर्मा" came out as "रीना शर्म"."""
    if not name or not _A_MARK.search(printed):
        return name
    found = re.search("".join(f"{re.escape(character)}[{MARKS}]*" for character in name), printed)
    return found[0] if found else name


# Where pages state their publication time: meta tags (Open Graph's article:published_time,
# schema.org's datePublished as a meta, Dublin Core) and JSON-LD's datePublished.
_TIMESTAMP_KEYS = {
    "article:published_time",
    "og:published_time",
    "datepublished",
    "dc.date.issued",
    "dcterms.created",
    "parsely-pub-date",
}
# The story's <time> elements: inside its <article> (a header's clock is not), not its update's.
_TIMES = etree.XPath("//article//time[@datetime]")
# And outside any <article> (a page whose headline and date sit above it, or that has none): not in
# a link or a list, where teasers give other stories' times; and one that shows its year, a date
# ("December 18, 2025"), not a clock in the site's header ("21:47").
_LOOSE_TIMES = etree.XPath("//time[@datetime][not(ancestor::article or ancestor::a or ancestor::li)]")
_SHOWS_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# A line that gives an update's time first: "Updated 12 March 2025, 09:40", "Zuletzt aktualisiert: …".
_UPDATE_LINE = re.compile(rf"^\W*(?:last\s+|zuletzt\s+)?(?:{UPDATE_WORD}|modified)\b", re.IGNORECASE)
_UPDATE_TIME = re.compile(r"updat|modif|aktualisiert|обновлен|оновлен|actualizado", re.IGNORECASE)
_JSON_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{11,40})"')


# A tag ("<script>", "</b>"), not a mailbox in angle brackets ("Jane Roe <jane@x.example>").
MARKUP_TAG = re.compile(r"<\s*/?\s*[a-z][a-z0-9]*\s*(?:\s[^>]*)?/?>", re.IGNORECASE)


# Where the region's press puts the writer's name: class "autor", "autorenzeile", "auteur", "firma",
# "avtor" …, and Drupal its author's ("field--name-uid").
_REGIONAL_AUTHOR = etree.XPath(
    "//*[self::span or self::div or self::p or self::a or self::strong]"
    "[re:test(@class, '(^|[ _-])(autor|autora|autoren|autorenzeile|autorzeile|autorname|auteur|autore|firma|avtor|avtori)"
    "([ _-]|$)', 'i') or contains(@class, 'field--name-uid')]",  # (and Drupal's author field)
    namespaces={"re": "http://exslt.org/regular-expressions"},
)


def _regional_author(tree) -> str | None:
    """The writer's name in an element the region's press names for it, when trafilatura's own
    search (English class names) found none: a name of two to five words, no date or figures."""
    for element in _REGIONAL_AUTHOR(tree)[:3]:
        text = _text(element)
        # (or a byline's line of two writers: "Von Katrin Bergmann und Yusuf Demir")
        signed = len(words(text)) <= 8 and (BYLINE.match(text) or FOREIGN_BYLINE.match(text))
        if (2 <= len(words(text)) <= 5 or signed) and not any(character.isdigit() for character in text):
            return text
    return None


_JSON_LD = etree.XPath("//script[@type='application/ld+json']/text()")


def _json_ld_articles(tree, *, kinds: re.Pattern | None = None) -> Iterator[dict]:
    """The story's records in the page's structured data (schema.org Article, NewsArticle …; or
    the ``kinds`` of record given)."""
    kinds = kinds or _ARTICLE_TYPE
    return (item for item in _json_ld_records(tree) if kinds.search(str(item.get("@type"))))


@functools.lru_cache(maxsize=1)
def _json_ld_records(tree) -> tuple[dict, ...]:
    """The records of the page's structured data, read once per page (its title, writers, date,
    description and paywall are each looked for in them)."""
    records: list[dict] = []
    for text in _JSON_LD(tree)[:4]:
        try:
            data = json.loads(text)
        except ValueError:
            continue
        items = data.get("@graph", [data]) if isinstance(data, dict) else data
        records.extend(item for item in (items if isinstance(items, list) else []) if isinstance(item, dict))
    return tuple(records)


_ARTICLE_TYPE = re.compile("Article")
# The records that name a story's writers: schema.org's Article and its kinds (NewsArticle …),
# a blog's or a live blog's posting, a podcast's episode, a report.
_STORY_TYPE = re.compile(r"Article|Posting|PodcastEpisode|Report")


def _json_ld_writers(tree) -> list[str]:
    """The writers the structured data names for the story (persons' names, in order)."""
    for item in _json_ld_articles(tree, kinds=_STORY_TYPE):
        authors = item.get("author")
        authors = authors if isinstance(authors, list) else [authors]
        names = [
            " ".join(name.split())
            for author in authors
            if isinstance(name := author.get("name") if isinstance(author, dict) else author, str)
            and (not isinstance(author, dict) or author.get("@type", "Person") == "Person")
        ]
        if names := [name for name in dict.fromkeys(names) if 2 <= len(words(name)) <= 5]:
            return names
    return []


# What a page says under a story cut short for subscribers: "Subscribe to continue reading", "Il
# vous reste 58.21% de cet article à lire", "Weiterlesen mit SZ Plus".
# A reporter's sign-off under a Korean story: the name (two to four syllables), "기자" (reporter)
# or "특파원" (correspondent), and the mailbox; or the mailbox alone, as a wire's writer signs
# ("kim@wire.example" under the story: no name to take).
_REPORTER_SIGNOFF = re.compile(rf"^(?:([가-힣]{{2,4}})\s*(?:기자|특파원)(?:\s*{_MAILBOX})?|{_MAILBOX})$")
_GOES_ON_FOR_SUBSCRIBERS = re.compile(
    r"\b(?:subscribe|sign in|log in|register) to (?:continue|keep) reading\b"
    r"|\bthe rest of this (?:article|story) is (?:only )?(?:for|available to) (?:subscribers|members)\b"
    # "Become a paid subscriber to Every to unlock this piece", "Subscribe to The Ledger to keep reading
    # this post", "This post is for paid subscribers", "Keep reading with a 7-day free trial"
    # (what is unlocked is the piece: "upgrade to unlock the full set of tools" is a review's)
    r"|\b(?:become an? (?:paid )?(?:subscriber|member)|subscribe|upgrade)(?: to [^.]{1,40}?)? to (?:unlock (?:(?:this|the"
    r" full) (?:piece|post|article|story|essay|issue|newsletter)|the rest(?= of this|[.!:]|$))|(?:keep|continue) reading (?:this|the rest))\b"
    r"|\bthis post is for paid subscribers\b"
    r"|\bkeep reading with a \d+-day free trial\b"
    r"|\bil vous reste \d+(?:[.,]\d+)? ?% de cet article\b|\bla suite est réservée aux abonnés\b"
    r"|\bweiterlesen mit\b|\bcontinúa leyendo\b|\bpara seguir leyendo\b"  # (read in lower case)
    # a Japanese paper's: "この記事は会員限定です" (this story is for members only), "(登録すると)続きを
    # お読みいただけます" (register and you can read the rest)
    r"|この記事は(?:有料)?会員(?:限定|向け)(?:記事)?です|続きをお読みいただけます|続きを読むには(?:有料)?会員"
)


def _says_it_goes_on(lowered: str) -> bool:
    """Whether the page's lines (``lowered``) hold the paywall's own notice: not a story quoting or
    reporting one ('a box that reads "This post is for paid subscribers"')."""
    for notice in _GOES_ON_FOR_SUBSCRIBERS.finditer(lowered):
        line = lowered[lowered.rfind("\n", 0, notice.start()) + 1 : notice.start()]
        if not REPORTED.search(line):
            return True
    return False


# A piece of each of those phrases, in a title's case and in capitals, looked for before the page
# is lowered and searched (0.08 ms against 0.3-0.6 ms on a 157 KB page without them).
_GOES_ON_WORDS = (
    *("eading", "ubscribers", "embers", "este", "bonnés", "eiterlesen", "eyendo", "nlock"),
    *("EADING", "UBSCRIBERS", "EMBERS", "ESTE", "BONNÉS", "EITERLESEN", "EYENDO", "NLOCK"),
    *("会員", "続きを"),
)


# "Page 1 of 3" (and the region's "Seite 1 von 3", "Page 1 sur 3", "Página 1 de 3", "Страница 1 из 3").
_PAGE_OF = re.compile(
    r"\b(?:page|seite|página|pagina|страница|сторінка)\s+(\d{1,2})\s+(?:of|von|sur|de|di|из|з)\s+(\d{1,2})\b",
    re.IGNORECASE,
)
# A Japanese page's own mark of its place in a story printed over several: "（1/3ページ）" (a
# pager's alone: no link to the next page is looked for).
_PAGE_MARK = re.compile(r"^[（(]\s*(\d{1,2})\s*/\s*(\d{1,2})\s*ページ\s*[）)]$")
_NEXT_PAGE = re.compile(
    r"\b(?:next page|view as (?:a )?single page|nächste seite|page suivante|página siguiente)\b",
    re.IGNORECASE,
)
_NEXT_PAGE_WORDS = (
    "ext page",
    "EXT PAGE",
    "ingle page",
    "INGLE PAGE",
    "ächste Seite",
    "age suivante",
    "ágina siguiente",
)
_PAGED = etree.XPath("/*/head/link[@rel='next' or @rel='prev']")


def _page_of(tree, lines: str) -> str:
    """ "1 of 3" when the page says it holds one page of a story printed over several (its pager's
    "Page 1 of 3", with a link to the next page in its head or its text); else ""."""
    if "ページ" in lines:
        for line in lines.split("\n"):
            if (found := _PAGE_MARK.match(line.strip())) and 1 <= int(found[1]) <= int(found[2]) >= 2:
                return f"{found[1]} of {found[2]}"
    if not _PAGED(tree) and not (
        any(word in lines for word in _NEXT_PAGE_WORDS) and _NEXT_PAGE.search(lines)
    ):
        return ""  # (looked for first: most pages have neither, and the pager's search is the dearer)
    for line in lines.split("\n"):
        # (a pager's line, not a sentence of the story: "… on page 14 of 60 pages of the audit")
        if (
            len(line) <= 80
            and (found := _PAGE_OF.search(line))
            and 1 <= int(found[1]) <= int(found[2]) >= 2
            and len(words(line)) <= 12
        ):
            return f"{found[1]} of {found[2]}"
    return ""


def _paywalled(tree) -> bool:
    """Whether the page's structured data says its story is not free to read (the page may hold
    its opening paragraphs only)."""
    return any(
        str(item.get("isAccessibleForFree", "")).strip().casefold() in {"false", "no", "0"}
        for item in _json_ld_articles(tree)
    )


def _described_in_json(tree) -> str | None:
    """The story's description in its structured data (AMP pages give it there alone)."""
    return next(
        (item["description"] for item in _json_ld_articles(tree) if isinstance(item.get("description"), str)),
        None,
    )


def _credited_organization(tree, *, sitename: str) -> str | None:
    """The agency a story is credited to in its structured data, when no person is: an author of
    type Organization ("dpa", "Reuters") that is not the page's own publisher or site."""
    for item in _json_ld_articles(tree, kinds=_STORY_TYPE):
        authors = item.get("author")
        publisher = item.get("publisher")
        own = {sitename.casefold()} | (
            {str(publisher.get("name", "")).casefold()} if isinstance(publisher, dict) else set()
        )
        for author in authors if isinstance(authors, list) else [authors]:
            if not isinstance(author, dict) or author.get("@type") != "Organization":
                continue
            name = " ".join(str(author.get("name") or "").split())
            if (
                name
                and len(name) <= 60
                and not any(name.casefold() in o or o in name.casefold() for o in own if o)
            ):
                return name
    return None


def _meta_key(element) -> str:
    return (element.get("property") or element.get("name") or element.get("itemprop") or "").lower()


def _timestamp_of(tree, *, day: str) -> str | None:
    """The page's stated publication timestamp (a date with a time), when it falls on ``day``."""
    values = [
        element.get("content", "").strip()
        for element in tree.iterfind(".//head/meta[@content]")
        if _meta_key(element) in _TIMESTAMP_KEYS
    ]
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        values += _JSON_LD_PUBLISHED.findall(script.text or "")
    # and the <time> elements of the page, the first ones (the story's, by its headline)
    values += [
        element.get("datetime", "").strip()
        for element in [
            *_TIMES(tree)[:5],
            *(time for time in _LOOSE_TIMES(tree)[:3] if _SHOWS_YEAR.search(_text(time))),
        ]
        if not _UPDATE_TIME.search(
            " ".join((element.get("class", ""), element.get("itemprop", ""), _text(element.getparent())[:40]))
        )
    ]
    return next((value for value in values if value[:10] == day and _is_timestamp(value)), None)


def _is_timestamp(value: str) -> bool:
    """Whether the value is an ISO 8601 date with a time (not "2025-05-20T99:99" nor "… at noon")."""
    if value[10:11] not in {"T", " "}:
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def page_language(tree) -> str:
    """The page's declared language as a ``language_tag``: the ``<html lang>``, else a
    Content-Language or ``og:locale`` meta tag; empty when none is declared or it is malformed."""
    candidates = [tree.get("lang"), tree.get("xml:lang")]
    for element in tree.iterfind(".//head/meta[@content]"):
        kind = (element.get("http-equiv") or element.get("property") or element.get("name") or "").lower()
        if kind in {"content-language", "og:locale", "language"}:
            candidates.append(element.get("content"))
    return next((tag for tag in map(language_tag, candidates) if tag), "")


# A script or style sheet opening: its code runs to the first closing tag of its name, as an HTML
# parser reads it (a "</script>" in a string of the code ends it there too).
# (ASCII case only: a case-blind pattern also takes "ſ", the long s, for an "s", and "<ſcript>" is
# no script to a parser.)
_CODE_OPENING = re.compile(r"<(script|style)(?=[\s/>])([^>]*)>", re.IGNORECASE | re.ASCII)
_CODE_END = {
    "script": re.compile(r"</script[\s/>]", re.IGNORECASE | re.ASCII),
    "style": re.compile(r"</style[\s/>]", re.IGNORECASE | re.ASCII),
}


def without_code(markup: str) -> str:
    """The page without the code of its inline scripts and style sheets, their elements left empty;
    a script of structured data (JSON: schema.org's, a page's settings) keeps its text.

    Neither the story nor its metadata is read from code, and every reader of the page drops it
    (trafilatura, htmldate's cleaning, ``visible_lines``): but a saved news page is mostly code
    (a 157 KB page holds about 20 KB of markup besides), and each of them parsed or searched all
    of it. Looked for with a search per element, not a substitution over the page: 0.09 ms.
    """
    pieces, start, position = [], 0, 0
    while opening := _CODE_OPENING.search(markup, position):
        name = opening[1].lower()
        end = _CODE_END[name].search(markup, opening.end())
        if end is None:
            break  # (unclosed: the parser reads the rest of the page as its code)
        position = end.end()
        attributes = opening[2]
        if (
            (name == "script" and "json" in attributes.lower())
            or attributes.count('"') % 2
            or attributes.count("'") % 2
        ):
            # (an odd quote: a value holding a ">" ended the pattern inside it, and the tag is left whole)
            continue
        pieces.append(markup[start : opening.end()])
        start = end.start()
    if not pieces:
        return markup
    pieces.append(markup[start:])
    return "".join(pieces)


# Accordions, tabs and "read more" folds hide part of the story with an inline display:none until
# the reader opens them; trafilatura drops hidden elements. Only those folds are opened: other
# hidden elements (menus, dialogs, templates) stay hidden.
_HIDDEN_TAG = re.compile(r"<[a-zA-Z][^<>]*\bdisplay\s*:\s*none[^<>]*>", re.IGNORECASE)
_FOLD = re.compile(
    r"""\b(?:role\s*=\s*["']?(?:region|tabpanel)|(?:class|id)\s*=\s*["'][^"']*"""
    r"""(?:accordion|collaps|tab-?pane|tab-?content|panel|faq|answer|expand|toggle|reveal|drawer|spoiler|read-?more))""",
    re.IGNORECASE,
)
_DISPLAY_NONE = re.compile(r"display\s*:\s*none\s*;?", re.IGNORECASE)


def unfold(markup: str) -> str:
    """The page with its folded sections (accordions, tabs, "read more") open."""
    if "display" not in markup.lower():  # (most pages hide nothing inline: 0.19 ms of a bench page)
        return markup
    return _HIDDEN_TAG.sub(
        lambda tag: _DISPLAY_NONE.sub("", tag.group(0)) if _FOLD.search(tag.group(0)) else tag.group(0),
        markup,
    )


# What trafilatura's ``load_html`` removes before parsing (its INVALID_XML_CHARS), as UTF-8 bytes:
# the C0 controls but tab and newlines (U+FFFE and U+FFFF are looked for in the text).
_NOT_IN_XML = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def _load_html(markup: str):
    """``trafilatura.utils.load_html(markup)``, the same tree, without its work a page does not need.

    It removes the characters XML does not allow with a substitution over the whole page (0.44 ms
    on a 157 KB page), then lxml reads the text as UTF-8. The page's UTF-8 bytes tell in 0.15 ms
    whether it has any, and are what lxml reads. A page that has them, that trafilatura would
    repair (a doctype with a slash, a self-closing <html/>), or whose tree is too small for its
    test, is loaded by ``load_html`` itself.
    """
    from lxml.html import fromstring
    from trafilatura.utils import DOCTYPE_TAG, HTML_PARSER, load_html

    try:
        data = markup.encode("utf-8")
    except UnicodeEncodeError:  # (a lone surrogate)
        return load_html(markup)
    if len(data.translate(None, _NOT_IN_XML)) != len(data) or "\ufffe" in markup or "\uffff" in markup:
        return load_html(markup)
    if "doctype" in markup[:50].lower():
        # trafilatura takes a doctype with a slash off the first line, and writes that line back
        # with a newline after it, one more when the page has none.
        end = markup.find("\n")
        if DOCTYPE_TAG.match(markup if end == -1 else markup[:end]):
            return load_html(markup)
        if end == -1:
            data += b"\n"
    if any("<html" in line and line.endswith("/>") for line in markup[:4096].splitlines()[:4]):
        return load_html(markup)
    try:
        tree = fromstring(data, parser=HTML_PARSER)
    except Exception:
        return load_html(markup)
    return tree if tree is not None and len(tree) >= 2 else load_html(markup)


def _parse(markup: str, *, document: bool = False):
    """The page parsed once for both readings (trafilatura copies a tree before changing it); a
    word processor's ``document`` without its comments."""
    try:
        tree = _load_html(markup)
    except (ValueError, TypeError, etree.LxmlError, RecursionError):
        return None
    if tree is not None:
        # A script inside a headline: its code is no part of the title ("Accept alert(8) Pay Offer").
        for code in _CODE_IN_HEADINGS(tree):
            code.drop_tree()
        # A document saved as a page by Word or Google Docs: its comments and their markers in the
        # text ("[JF1]", "[a]") are the writers' notes to each other, not the story.
        for comment in _DOCUMENT_COMMENTS(tree) if document else ():
            comment.drop_tree()
        _open_folded(tree)
        if 'href="#"' in markup or "href='#'" in markup:
            for link in _LINKS_TO_NOWHERE(tree):
                # A button's link ("Book now", href="#"): trafilatura writes it as the site's home
                # page, and the story would link there.
                del link.attrib["href"]
        if "embed" in markup:
            for block in _EMBEDS(tree):
                # trafilatura drops any "embed" class with the social networks' embedded posts. A
                # site builder's embed block holding a table (Webflow's "w-embed": the way its
                # editors add one) or the site's own paragraphs (a listing's "profile embed") is the
                # story's: it lost its tables and entries.
                if not _HIDING_CLASS.search(block.get("class")) and (
                    _HOLDS_TABLE(block) or (not _HOLDS_POST(block) and _paragraph_words(block) >= 30)
                ):
                    _without_class_word(block, "embed")
        if "listicle" in markup:
            for entry in _LISTICLE_SLIDES(tree):
                # A listicle's entries shown as slides ("listicle-slides"): the story itself, which
                # trafilatura drops with carousels' and slideshows' "slide" classes.
                _without_class_word(entry, "slide")
        if "sidebar" in markup and (wrappers := _SIDEBARS(tree)):
            # A layout's wrapper named for its sidebar ("c-layout-sidebar-left", "main-with-sidebar")
            # that holds most of the page's paragraphs holds the story: trafilatura drops any
            # "sidebar" class, and the story went with it.
            page = None  # (counted only for a wrapper with paragraphs: a sidebar of links has none)
            for wrapper in wrappers:
                if (held := _paragraph_words(wrapper)) and 2 * held > (
                    page if page is not None else (page := _paragraph_words(tree))
                ):
                    _without_class_word(wrapper, "sidebar")
        if "<aside" in markup:
            for box in _FACT_BOXES(tree):
                box.tag = "div"  # a factbox in the story ("By the numbers"), not a sidebar
        if any(word in markup for word in _GUEST_BOOK_WORDS):  # (substrings: 0.3 ms, a regex 4 ms)
            for book in _GUEST_BOOKS(tree):
                # An obituary's guest book: its readers' messages, as comments are (trafilatura read
                # the first message as the story's opening, its entries being classed "entry").
                if book.getparent() is not None:
                    book.drop_tree()
    return tree


_LINKS_TO_NOWHERE = etree.XPath("//a[@href='#']")
_SIDEBARS = etree.XPath("//body//*[contains(@class, 'sidebar')]")
_LISTICLE_SLIDES = etree.XPath("//body//*[contains(@class, 'listicle') and contains(@class, 'slide')]")
_EMBEDS = etree.XPath("//body//*[contains(@class, 'embed')]")
_HOLDS_TABLE = etree.XPath("boolean(.//table)")
# An embedded post, a player or a map, a sign-up box:
_HOLDS_POST = etree.XPath("boolean(.//blockquote | .//iframe | .//form)")


def _without_class_word(element, word: str) -> None:
    """The element's class without its names holding ``word``, by which trafilatura would drop it."""
    element.set("class", re.sub(rf"\S*{word}\S*", " ", element.get("class")))


def _paragraph_words(element) -> int:
    """How many words the element's paragraphs (<p>) hold."""
    return sum(len(" ".join(paragraph.itertext()).split()) for paragraph in element.iter("p"))


_GUEST_BOOK_WORDS = ("uestbook", "uestBook", "uest-book", "ondolence")
_GUEST_BOOKS = etree.XPath(
    "//body//*[re:test(@class, '(^|[\\s_-])(guest-?book|condolences?)([\\s_-]|$)', 'i')"
    " or re:test(@id, '^(guest-?book|condolences?)$', 'i')]",
    namespaces={"re": "http://exslt.org/regular-expressions"},
)


# A factbox: an <aside> in the story, which trafilatura drops with the sidebars.
_FACT_BOXES = etree.XPath(
    "//aside[re:test(@class, 'fact-?box|facts|info-?box|key-?facts|by-the-numbers|at-a-glance', 'i')]"
    "[ancestor::article or ancestor::main]",
    namespaces={"re": "http://exslt.org/regular-expressions"},
)


# An accordion or a FAQ in the story: its answers are folded away until a reader opens them, and
# trafilatura drops what is hidden (a menu's or a form's folds stay as they are).
_FOLDED = etree.XPath(
    "//*[@class][contains(@class, 'ccordion') or contains(@class, 'faq') or contains(@class, 'FAQ')"
    " or contains(@class, 'Faq')][ancestor::body][not(ancestor::nav or ancestor::header or ancestor::footer"
    " or ancestor::form)]"
)
_HIDING_CLASS = re.compile(
    r"(?<![\w-])(?:hidden|hide|is-hidden|collapsed?)(?![\w-])|[\w-]*-hidden\b", re.IGNORECASE
)
_NOT_DISPLAYED = re.compile(r"display\s*:\s*none", re.IGNORECASE)


def _open_folded(tree) -> None:
    """An accordion's or a FAQ's folded panels shown, as a reader who opens them sees them (the
    development pages' reviewed stories keep them: four pages gain a tenth of their text).

    ``_FOLDED`` is looked for on every page: it costs 0.08 ms on a 157 KB page, and looking for its
    four class words in the markup first cost 0.35 (the short ones are slow to find)."""
    for fold in _FOLDED(tree):
        for element in (*fold.iter(), *fold.iterancestors()):
            if element.tag == "body":
                break
            if not isinstance(element.tag, str):
                continue  # a comment or a processing instruction
            if (kind := element.get("class")) and _HIDING_CLASS.search(kind):
                element.set("class", _HIDING_CLASS.sub(" ", kind))
            if (style := element.get("style")) and _NOT_DISPLAYED.search(style):
                element.set("style", _NOT_DISPLAYED.sub("", style))
            for name in ("hidden", "aria-hidden"):
                element.attrib.pop(name, None)


_DOCUMENT_COMMENTS = etree.XPath(
    "//a[contains(@class, 'msocomanchor')] | //span[contains(@class, 'MsoCommentReference')]"
    " | //div[contains(@style, 'mso-element:comment')]"
    " | //sup[a[starts-with(@id, 'cmnt_ref')]] | //a[starts-with(@id, 'cmnt_ref')]"
    " | //div[p//a[starts-with(@id, 'cmnt') and starts-with(@href, '#cmnt_ref')]]"
)
# A document's own title and subtitle (Word's styles; Google Docs' classes, "c1 title" beside its
# numbered style classes, not a web page's "title"): its headline and dek.
_DOCUMENT_TITLE = etree.XPath(
    "(//p[contains(@class, 'MsoTitle')] | //p[re:test(@class, '^(c[0-9]+ )+title( c[0-9]+)*$|^title( c[0-9]+)+$')])[1]",
    namespaces={"re": "http://exslt.org/regular-expressions"},
)
# What only a word processor's page writes: Word's styles and comments, Google Docs' comment links
# and numbered style classes beside "title".
# Each test starts with its own literal, which the regex engine looks for first: one alternation
# was a step per character of a 157 KB page (1.0-1.7 ms; these, 0.3-0.5 ms).
_WORD_STYLE = re.compile(r"class=[\"']?Mso")
_DOCS_TITLE_CLASS = re.compile(r'class="c\d+ (?:c\d+ )*(?:sub)?title')
_WORD_PROCESSOR_MARKS = ("msocom", "mso-element:comment", "cmnt_ref")


def _from_word_processor(markup: str) -> bool:
    """Whether the page was saved by a word processor (Word, Google Docs)."""
    return (
        ("Mso" in markup and _WORD_STYLE.search(markup) is not None)
        or any(mark in markup for mark in _WORD_PROCESSOR_MARKS)
        or _DOCS_TITLE_CLASS.search(markup) is not None
    )


def _document_headings(tree) -> tuple[str, str]:
    """A word processor's page's title and subtitle (its Title and Subtitle styles), as text."""
    title, subtitle = _DOCUMENT_TITLE(tree), _DOCUMENT_SUBTITLE(tree)
    return (
        " ".join(title[0].text_content().split()) if title else "",
        " ".join(subtitle[0].text_content().split()) if subtitle else "",
    )


_DOCUMENT_SUBTITLE = etree.XPath(
    "(//p[contains(@class, 'MsoSubtitle')] | //p[re:test(@class, '^(c[0-9]+ )+subtitle( c[0-9]+)*$|^subtitle( c[0-9]+)+$')])[1]",
    namespaces={"re": "http://exslt.org/regular-expressions"},
)


# One path per heading, their union in document order: "//*[self::h1 or …]//*" tested every
# element of the page (0.14 ms on a 157 KB page; these, 0.014).
_CODE_IN_HEADINGS = etree.XPath(
    " | ".join(
        f"//{heading}//*[self::script or self::style or self::noscript or self::template]"
        for heading in ("h1", "h2", "h3")
    )
)


_STAMPS = etree.XPath("//body//time[not(*)]")
# A <time> with words of its sentence before or after it in its paragraph (or list item, heading,
# cell): "on <time>Monday</time>, officials said".
_INLINE_STAMPS = etree.XPath(
    "//body//time[not(*)][ancestor::p or ancestor::li or ancestor::h2 or ancestor::h3 or ancestor::td]"
    "[normalize-space(preceding-sibling::text()[1]) or normalize-space(following-sibling::text()[1])]"
)
_LIVE_ENTRIES = 3  # stamped lines that make a page a live blog


# Struck-through text (outermost only) and inline quotations.
_STRUCK = etree.XPath(
    ".//*[self::del or self::s or self::strike][not(ancestor::del or ancestor::s or ancestor::strike)]"
)
_QUOTED = etree.XPath(".//q")
_CORRECTION_TAGS = re.compile(r"<(?:del|s|strike|q)\b", re.IGNORECASE)


def show_corrections(tree) -> list[str]:
    """What the allow-list cannot show: an inline quotation gets its quotation marks ("calling
    them <q>a fresh start</q>" had lost them), and the struck-through passages, which can only
    read as plain text ("buy <del>10</del> 12 buses": "buy 10 12 buses"), are returned for the
    editor's note. They stay: a struck word is as often the writer's joke ("prices <s>fluctuate</s>
    rise") as a correction's."""
    struck = []
    for element in _STRUCK(tree):
        if text := " ".join(element.text_content().split()):
            struck.append(text)
        if element.getparent() is not None:
            element.drop_tag()
    for quote in _QUOTED(tree):
        quote.text = f"“{quote.text or ''}"
        if len(quote):
            quote[-1].tail = f"{quote[-1].tail or ''}”"
        else:
            quote.text += "”"
        if quote.getparent() is not None:
            quote.drop_tag()
    return struck


def fragment_corrections(markup: str) -> tuple[str, list[str]]:
    """``show_corrections`` on a feed's or an export's story HTML; unchanged when it has none."""
    if not _CORRECTION_TAGS.search(markup):
        return markup, []
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return markup, []
    struck = show_corrections(root)
    inner = lxml_html.tostring(root, encoding="unicode")
    return inner[len("<div>") : -len("</div>")], struck


def _show_stamps(tree) -> list[str]:
    """The <time>s that are all of their line ("15.40 GMT" over each entry of a live blog: three or
    more) made plain text: trafilatura drops every <time>, and a live blog's entries ran on
    undated (or into one block). Called once the page's metadata, which they date, is read.
    Returns a live blog's entries' writers (``_show_entry_writers``)."""
    stamps = [
        stamp
        for stamp in _STAMPS(tree)
        if (parent := stamp.getparent()) is not None
        and " ".join(parent.text_content().split()) == " ".join(stamp.text_content().split())
    ]
    # A <time> inside a sentence is the sentence's words: "set for <time>Oct. 3</time> at the
    # farm" lost them ("set for at the farm").
    for stamp in _INLINE_STAMPS(tree):
        stamp.tag = "span"
    if len(stamps) < _LIVE_ENTRIES:
        return []  # a story's date under its headline, or beside its byline: the metadata has it
    for stamp in stamps:
        stamp.tag = "span"
        stamp.set("data-stamp", "")
        if (link := stamp.getparent()).tag == "a" and link.getparent() is not None:
            link.drop_tag()  # the entry's permalink around its time: a link alone, read as none
    entries = Counter(next(stamp.iterancestors("article"), None) for stamp in stamps)
    for entry, times in entries.items():
        if (
            entry is not None
            and times == 1
            and next(entry.iter("h1", "h2", "h3"), None) is None  # (a roundup's stories have headlines)
        ):
            # An entry of the live blog, not a story of its own: trafilatura read the first
            # <article> alone, or the first then the page's standfirst then the others.
            entry.tag = "div"
    return _show_entry_writers(stamps)


# A writer's element by its class: "block-byline", "contributor", "entry-author".
_WRITER_CLASS = re.compile(r"(?:^|[\s_-])(?:byline|contributor|author)s?(?:$|[\s_-])", re.IGNORECASE)
_ENTRY_DEPTH = 4  # levels above an entry's time where its writer is looked for


def _show_entry_writers(stamps: list) -> list[str]:
    """A live blog's entries' writers (an element classed as a byline, contributor or author, in
    the entry of one time, a few levels up from it) made plain paragraphs under their time:
    trafilatura drops them as the page's furniture, and the entries ran on unsigned. The writers,
    each once, in order."""
    # How many times each element a few levels up holds (counted once: a live blog of hundreds of
    # entries is not walked once per entry).
    holding = Counter(
        ancestor for stamp in stamps for ancestor in islice(stamp.iterancestors(), _ENTRY_DEPTH)
    )
    writers: list[str] = []
    for stamp in stamps:
        for entry in islice(stamp.iterancestors(), _ENTRY_DEPTH):
            if holding[entry] > 1:
                break  # (the list of all the entries)
            found = [
                element
                for element in entry.iter()
                if isinstance(element.tag, str) and _WRITER_CLASS.search(element.get("class") or "")
            ]
            if not found:
                continue
            signed = found[0]
            name = clean_byline(" ".join(signed.text_content().split()))
            if name and len(words(name)) <= 5 and is_bare_name(name) and not _NO_NAME_AFTER_BY.match(name):
                for child in list(signed):
                    signed.remove(child)
                signed.attrib.clear()
                signed.tag, signed.text = "p", name
                if name not in writers:
                    writers.append(name)
            break
    return writers


def _extract(tree, url: str | None, options: dict, *, escalation: bool = True):
    """trafilatura's reading of the page with ``options``; ``escalation=False``: without its own
    last resort (``_WITHOUT_ESCALATION``)."""
    import trafilatura

    try:
        # (Given an ``Extractor``, trafilatura reads its options there; the same keywords go along.)
        extractor = None if escalation else _without_escalation(url, options)
        document = trafilatura.bare_extraction(tree, url=url, options=extractor, **options)
    except (ValueError, TypeError, etree.LxmlError, RecursionError):
        return None
    if document is None or document.body is None:
        return None
    return document


# The keywords ``_without_escalation`` carries over into trafilatura's ``Extractor``: given one,
# trafilatura reads no other (a keyword added to the options and not here would be dropped).
_EXTRACTOR_KEYWORDS = frozenset(
    {
        "fast",
        "include_comments",
        "include_tables",
        "include_formatting",
        "include_links",
        "include_images",
        "with_metadata",
    }
)


def _without_escalation(url: str | None, options: dict):
    """The ``Extractor`` ``bare_extraction`` makes of ``options`` (balanced ones), its focus
    ``_WITHOUT_ESCALATION``."""
    from trafilatura.settings import Extractor

    if unknown := set(options) - _EXTRACTOR_KEYWORDS:
        raise ValueError(f"trafilatura options without an Extractor field here: {sorted(unknown)}")
    extractor = Extractor(
        output_format="python",
        fast=options.get("fast", False),
        comments=options["include_comments"],
        tables=options["include_tables"],
        formatting=options["include_formatting"],
        links=options["include_links"],
        images=options["include_images"],
        with_metadata=options["with_metadata"],
        url=url,
    )
    extractor.focus = _WITHOUT_ESCALATION
    return extractor


def _reading(tree, url: str | None, *, visible: Visible):
    """trafilatura's quick reading of the page when it holds the story; else its full reading, or
    its recall-leaning one when that is the better story."""
    prose = word_count(" ".join(_PROSE(tree)))  # the page's visible words outside links (``_prose``)
    quick = _extract(tree, url, _QUICK_OPTIONS, escalation=False)
    if quick is not None and _holds_the_story(
        tree, _words(quick.body), visible=visible, prose=prose, quick=True
    ):
        return quick.body
    document = _extract(tree, url, _TRAFILATURA_OPTIONS)
    if document is None:
        return None
    body = document.body
    body_words = _words(body)
    if _holds_the_story(tree, body_words, visible=visible, prose=prose):
        return body
    wider = _extract(tree, url, _WIDER_OPTIONS)
    if wider is None:
        return body
    wider_words = _words(wider.body)
    if len(wider_words) >= _WIDER_GAIN * len(body_words):
        return wider.body
    if len(wider_words) * _WIDER_GAIN > len(body_words):
        return body
    # The recall-leaning reading is much shorter: either a fragment of the story or the story without
    # the furniture around it. The visible text through the plain-text cleaner (an independent
    # reading) decides; it runs only here, for a few pages in a hundred.
    reader = extract_text_article(visible.lines)
    if reader is None:
        return body
    reader_words = [word for block in reader.blocks for word in words(block.text)]
    if _agreement(wider_words, reader_words) > _agreement(body_words, reader_words) + _AGREEMENT_MARGIN:
        return wider.body
    return body


def _holds_the_story(tree, reading: list[str], *, visible: Visible, prose: int, quick: bool = False) -> bool:
    """Whether a reading (its words) holds most of the page's ``prose`` (its visible words outside
    links), or of its article.

    A ``quick`` reading (without trafilatura's comparison) must also hold between ``_QUICK_LEAST``
    and ``_QUICK_MOST`` times as many words as the page's prose.
    """
    # (More words than the page shows means the reading took hidden text: then the other reading
    # and the referee are needed.)
    count = len(reading)
    if count > visible.word_count:
        return False
    if quick and not _QUICK_LEAST * prose <= count <= _QUICK_MOST * prose:
        return False
    if _WIDER_COVERAGE * prose <= count:
        return True
    # The <article> counts when the reading lies inside it: not a teaser in a sidebar, nor one
    # around the headline and lead with the story's paragraphs after it.
    articles = _ARTICLE(tree)
    if len(articles) != 1:
        return False
    in_article = _prose(articles[0])
    return _ARTICLE_COVERAGE * len(in_article) <= count and containment(reading, in_article) >= _WITHIN


_BLOCKS = frozenset({"p", "head", "list", "quote", "table", "div", "section", "code", "graphic"})


def _open_divisions(body) -> None:
    """A reading handed back with the page's <div>s still in it (trafilatura's reading of the whole
    page, when it found no article: a live blog's entries): each division's blocks in its place,
    its loose text and inline elements gathered into paragraphs, and one that holds text alone a
    paragraph. A live blog had come out as one paragraph."""
    for division in reversed(body.xpath(".//div | .//section")):  # (the innermost first)
        if not any(child.tag in _BLOCKS for child in division):
            division.tag = "p"
            division.attrib.clear()
            continue
        pieces: list = []
        run = None  # the paragraph gathering the inline run being read
        if (division.text or "").strip():
            run = _new_paragraph(pieces, division.text)
        for child in list(division):
            if child.tag in _BLOCKS:
                tail, child.tail = child.tail, None
                pieces.append(child)
                run = _new_paragraph(pieces, tail) if (tail or "").strip() else None
            else:
                run = run if run is not None else _new_paragraph(pieces)
                run.append(child)  # (with its tail: "<b>Update:</b> the bridge has reopened")
        if (division.tail or "").strip():
            _new_paragraph(pieces, division.tail)
        division.tail = None
        parent = division.getparent()
        at = parent.index(division)
        for offset, piece in enumerate(pieces):
            parent.insert(at + offset, piece)
        parent.remove(division)


# A link's text glued to the word after it by the reading ("a security fairin Las Vegas").
_GLUED_TAIL = re.compile(r"^[^\W_]")
_UNFINISHED = re.compile(r"[^\W_,]$")  # a paragraph that stops on a word, not a sentence's end


def _mend_links(body, tree) -> None:
    """Undo what trafilatura's reading does to a link in loose text (text and links straight in a
    <div>, lines parted by <br>: issues #476 and #585 upstream): the paragraph is cut before the
    link, and the space after it is lost ("… rushed off alone to a" / "security fairin Las
    Vegas"). The page itself decides: where the page sets the link in the same run of text as the
    words before it, the two paragraphs are one; where a space follows it there, one follows it
    here."""
    found = None  # the page's links: text -> [(the words before, a space after)], read when needed
    for ref in list(body.iter("ref")):
        glued = bool(ref.tail and _GLUED_TAIL.match(ref.tail))
        paragraph = ref.getparent()
        previous = paragraph.getprevious() if paragraph.tag == "p" else None
        split = (
            previous is not None
            and previous.tag == "p"
            and paragraph.index(ref) == 0
            and not (paragraph.text or "").strip()
            and _UNFINISHED.search(before := _text(previous))
        )
        if not (glued or split):
            continue
        if found is None:
            found = {}
            for link in tree.iter("a"):
                text = " ".join("".join(link.itertext()).split())
                if text:
                    sibling = link.getprevious()
                    ahead = (sibling.tail if sibling is not None else link.getparent().text) or ""
                    found.setdefault(text, []).append((" ".join(ahead.split()), link.tail or ""))
        readings = found.get(" ".join("".join(ref.itertext()).split()), [])
        # (the same words after it on the page, a space before them: not a menu's "Tesla" over the
        # story's "two Teslas")
        following = ref.tail.split()[:1] if glued else []
        if glued and any(tail[:1].isspace() and tail.split()[:1] == following for _ahead, tail in readings):
            ref.tail = " " + ref.tail
        if split and any(ahead and before.endswith(ahead[-40:]) for ahead, _tail in readings):
            # (the paragraph's words join the one before, after a space)
            if len(previous):
                last = previous[-1]
                last.tail = (last.tail or "").rstrip() + " "
            else:
                previous.text = (previous.text or "").rstrip() + " "
            for child in list(paragraph):
                previous.append(child)
            previous.tail = paragraph.tail
            paragraph.getparent().remove(paragraph)


def _new_paragraph(pieces: list, text: str | None = None):
    paragraph = etree.Element("p")
    paragraph.text = text
    pieces.append(paragraph)
    return paragraph


_HEADING = etree.XPath("(.//h1|.//h2|.//h3)[1]")
_JOINED_SHARE = 0.5  # of a story's word 4-grams in the reading


def _joined_stories(tree, body) -> list[str]:
    """The headlines of the page's stories the reading (``body``) holds, when it holds two or more:
    a roundup page's <article> elements, each with its own headline and 40 words of prose or more."""
    articles = _ARTICLE(tree)
    if len(articles) < 2:
        return []
    reading = _words(body)
    found = []
    for article in articles:
        if any(ancestor.tag == "article" for ancestor in article.iterancestors()):
            continue
        heading = _HEADING(article)
        if not heading or not _signed_or_dated(article):
            continue  # sections of one story ("Instructions"), not stories of their own
        prose = _prose(article)
        if len(prose) >= 40 and containment(prose, reading) >= _JOINED_SHARE:
            found.append(_text(heading[0]))
    return found if len(found) >= 2 else []


_SHORT_LINES = etree.XPath(".//time|.//p|.//span|.//div[not(.//p)]")


def _signed_or_dated(article) -> bool:
    """Whether an <article> carries its own byline or date (a <time>, "By …", "March 8, 2024")."""
    for element in _SHORT_LINES(article):
        if element.tag == "time" or element.get("data-stamp") is not None:
            return True
        text = _text(element)
        if 1 <= len(words(text)) <= 12 and (BYLINE.match(text) or is_date_line(text)):
            return True
    return False


def _prose(element) -> list[str]:
    return words(" ".join(_PROSE(element)))


def containment(inner: list[str], outer: list[str]) -> float:
    """Share of ``inner``'s word 4-grams that also occur in ``outer``."""
    grams = word_grams(inner)
    return len(grams & word_grams(outer)) / len(grams) if grams else 0.0


def _words(body) -> list[str]:
    # (its pieces' words: a space between two pieces parts them as their ends do)
    return words(" ".join(body.itertext()))


def word_grams(tokens: list[str]) -> set[tuple[str, ...]]:
    """The word 4-grams of a text (a shorter text is one gram): what readings are compared by.

    Zipped in C rather than sliced a gram at a time: 0.1 ms of a page's 0.18 (the same grams)."""
    if len(tokens) < 4:
        return {tuple(tokens)} if tokens else set()
    return set(zip(tokens, tokens[1:], tokens[2:], tokens[3:], strict=False))  # (the shifts are shorter)


def _agreement(one: list[str], other: list[str]) -> float:
    """F1 of the two texts' word 4-grams: how far two readings tell the same story."""
    grams = word_grams([w.lower() for w in one])
    others = word_grams([w.lower() for w in other])
    shared = len(grams & others)
    return 2 * shared / (len(grams) + len(others)) if shared else 0.0


_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
# Up to the element's end tag, written out (``[^<]*(?:<(?!/name>)[^<]*)*``) rather than a lazy
# ``.*?``: the scan runs in C between "<"s instead of testing for the end tag at every character
# (saved pages carry 100 KB of inline script; 1.6 -> 0.2 ms a page, the same text).
_INVISIBLE_PARTS = re.compile(
    r"<(script|style|noscript|template|svg|head|iframe|select|button)\b[^<]*(?:<(?!/\1\s*>)[^<]*)*</\1\s*>"
    r"|<!--(?:-?>|[^-]*(?:-(?!-!?>)[^-]*)*--!?>)",  # ends as sanitize.py's _COMMENT says
    re.IGNORECASE,
)
_LINE_BREAK_TAGS = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|nav|aside|main|"
    r"blockquote|figure|figcaption|dd|dt|dl|form|pre|hr|label|option)\b[^>]*>",
    re.IGNORECASE,
)
_ANY_TAG = re.compile(r"<[^>]*>")
# The same patterns for a page whose tag names are all in lower case (most are): a case-blind
# pattern tries each character both ways, and the two took 0.39 ms of a bench page, these 0.16.
_INVISIBLE_PARTS_LOWER = re.compile(_INVISIBLE_PARTS.pattern)
_LINE_BREAK_TAGS_LOWER = re.compile(_LINE_BREAK_TAGS.pattern)
_CAPITAL_IN_TAG_NAME = re.compile(r"</?[a-z0-9]*[A-Z]")


def visible_lines(markup: str) -> str:
    """The page as a reader would copy it: its title, then one line per block of visible text."""

    title = _TITLE.search(markup[:100_000])
    if _CAPITAL_IN_TAG_NAME.search(markup):
        invisible, breaks = _INVISIBLE_PARTS, _LINE_BREAK_TAGS
    else:
        invisible, breaks = _INVISIBLE_PARTS_LOWER, _LINE_BREAK_TAGS_LOWER
    body = invisible.sub(" ", markup)
    body = _ANY_TAG.sub(" ", breaks.sub("\n", body))
    lines = [" ".join(unescape(line).split()) for line in body.split("\n")]
    head = [" ".join(unescape(title.group(1)).split())] if title else []
    return "\n".join(head + [line for line in lines if line])


# A photo's credit in brackets at a headline's end: "…の成否（写真＝ロイター）" (photo = Reuters), "…
# (Photo: Reuters)"; not "(photos)", what the page holds.
_TITLE_PHOTO_CREDIT = re.compile(
    r"\s*[（(]\s*(?:写真|画像|사진|photo|foto|фото)\s*[＝=:：/／]\s*[^()（）]{1,40}[）)]$", re.IGNORECASE
)


def clean_title(title: str, *, sitename: str = "") -> str:
    """Remove a site name glued to the title: "Story | Site", "Site - Story", "Story — Site"; and a
    photo's credit at its end."""
    title = " ".join(title.split())
    title = _TITLE_PHOTO_CREDIT.sub("", title) or title
    if sitename:
        site = re.escape(sitename.strip())
        title = re.sub(rf"\s*[|–—:»-]\s*{site}\s*$", "", title, flags=re.IGNORECASE)
        title = re.sub(rf"^{site}\s*[|–—:»-]\s*", "", title, flags=re.IGNORECASE)
    return strip_site_name(title)


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


# A teaser's label left alone once its linked headline is gone.
_TEASER_LABEL = re.compile(r"^(?:more|related)\b[^:.!?]{0,30}:$", re.IGNORECASE)


# What follows "By" in a box's label rather than a writer's name: "By the numbers", "By the way".
_NO_NAME_AFTER_BY = re.compile(r"(?:the|a|an|this|that|these|those|now|then|far|way|all)\b", re.IGNORECASE)
# A pitch speaks to its reader: "you", "our", and the region's "vous", "Sie", "вы".
_READER = re.compile(
    r"\b(?:you|your|we|our|us|vous|votre|vos|nous|notre|sie|ihr|ihre|wir|unser|usted|su|nuestro|вы|ваш|мы|наш|ви)\b",
    re.IGNORECASE,
)


def _pitches(text: str) -> bool:
    """Whether a block speaks to the reader for the site ("Support our work with a donation"),
    not a story's report of an appeal ("…, officials said")."""
    return bool(_READER.search(text)) and not REPORTED.search(text)


def _is_residue(text: str, *, tag: str) -> str:
    """Why a short block is furniture rather than story (empty string when it is story)."""
    n = len(words(text))
    if n == 0:
        return "empty"
    if n <= 25 and is_credit(text):
        return "credit"
    if n <= 12 and BYLINE.match(text) and not _NO_NAME_AFTER_BY.match(clean_byline(text)):
        return "byline"  # (not a box's "By the numbers")
    if n <= 12 and (is_date_line(text) or READ_TIME.match(text) or STORY_ID.match(text)):
        return "date"
    if n <= 8 and LIST_LABEL.match(text):
        return "list label"
    if (n <= 12 or (n <= 25 and appeal_hits(text, topics=False) >= 2 and _pitches(text))) and is_appeal(
        text, n
    ):
        return "appeal or navigation"  # (a sign-up or donation box's pitch: "Subscribe … Subscribe now")
    if is_cookie_notice(text, n):
        return "cookie notice"
    if _PLACEHOLDER.search(text):
        return "placeholder text"
    return ""


# What a feed or an export puts around a story's HTML: its own title as a heading on top, and
# at the end "Read more" / "Continue reading" links, share prompts, a "Related: …" link and
# WordPress's "The post … appeared first on …".
_FRAGMENT_FURNITURE = re.compile(
    r"<h[2-4]\b|<figure\b|^<p>(?:<[^>]*>)*\s*by\s|\b(?:read more|continue reading|read the full|share (?:on|via|this)|appeared first on|related"
    r"|see also|subscribe|newsletter|читайте|подписывайтесь|подпишитесь|підписуйтесь|lesen sie|lire aussi|lee también)\b"
    rf"|{'|'.join(READ_ON)}|впервые|>\s*(?:{'|'.join(AD_MARKERS)})\s*<"
    r"|\b(?:photo|image|picture|foto|фото|crédit|credit|source|quelle|источник|джерело)s?\b",
    re.IGNORECASE,
)
# What a linked appeal at the end of a feed's story asks (not "The report is titled <a>Read the
# full story</a>": the story's own last sentence).
_LINKED_APPEAL = re.compile(
    r"\b(?:subscribe|newsletters?|sign(?:ing)? ?up|follow (?:us|our)|share (?:this|on|via)|donate)\b",
    re.IGNORECASE,
)
# An agency's credit alone in a paragraph: "(dpa/rr)", "(AFP)", "(Reuters)".
_AGENCIES = "|".join(sorted(NEWS_AGENCIES))
_AGENCY_CREDIT = re.compile(
    rf"^\((?:{_AGENCIES})(?:/[A-Za-z]{{1,4}})*\)$"  # not "(Laughter)"
    # and the desk's initials with it, unbracketed: "kho/dpa", "dpa/lhe"
    rf"|^[A-Za-z]{{2,4}}/(?:{_AGENCIES})$|^(?:{_AGENCIES})/[A-Za-z]{{2,4}}$",
    re.IGNORECASE,
)
# An advertisement's marker, alone in its paragraph.
_AD_MARKER = re.compile(rf"^(?:{'|'.join(AD_MARKERS)})$", re.IGNORECASE)
_TRAILING_PROMPTS = re.compile(
    r"(?:\s*(?:(?:read more|continue reading|read the full (?:story|article)"
    rf"|{'|'.join(READ_ON)}"
    r"|share (?:on|via) (?:facebook|twitter|x|linkedin|whatsapp|email))(?:\s*[»›…→⟶➔>]+)?|\[(?:…|\.\.\.)\]))+[\s.:]*$",
    re.IGNORECASE,
)
_SENTENCE_DONE = re.compile(r"[.!?…\"”’)]\s*$")
_APPEARED_FIRST = re.compile(
    r"^(?:the post .{1,300} appeared first on .{1,120}"
    # "Материал … впервые опубликован на сайте «Городские новости».": the site named, nothing after.
    r"|(?:материал|запись|сообщение) .{1,300} впервые (?:опубликован[аоы]?|появил[аи]?с[ья]) на сайте"
    r"\s+(?-i:[«\"A-ZА-ЯЁ])[^.]{0,80}\.?)$",
    re.IGNORECASE,
)


def tidy_fragment(markup: str, *, title: str) -> tuple[str, list[str]]:
    """A feed's or export's (sanitized) story HTML without the furniture around it (see
    ``_FRAGMENT_FURNITURE``), and what was taken off; unchanged when it has none."""
    if not _FRAGMENT_FURNITURE.search(markup):
        return markup, []
    from lxml import html as lxml_html

    try:
        blocks = lxml_html.fragments_fromstring(markup)
    except (etree.ParserError, ValueError):
        return markup, []
    if not blocks or any(isinstance(block, str) for block in blocks):
        return markup, []
    stripped: list[str] = []
    kept = []
    for block in blocks:  # advertisement markers and photo credits between the paragraphs
        text = _text(block)
        if block.tag == "p" and (_AD_MARKER.match(text) or (len(words(text)) <= 25 and is_credit(text))):
            stripped.append(text)
            continue
        if block.tag == "figure" and not any(_text(child) for child in block if child.tag != "figcaption"):
            stripped.append(text)  # a photo's caption: the photo itself is not kept
            continue
        if block.tag == "p" and TEASER.match(text) and len(words(text)) <= 25 and _link_share(block) >= 0.5:
            stripped.append(text)  # "Читайте также: <a>…</a>" between the paragraphs: another story's
            continue
        if block.tag == "p":
            stripped += _trim_credit(block)
        kept.append(block)
    blocks = kept
    if (
        blocks
        and blocks[0].tag in {"h2", "h3", "h4"}
        and _text(blocks[0]).casefold() == " ".join(title.split()).casefold()
    ):
        stripped.append(_text(blocks.pop(0)))
    if (
        len(blocks) > 1
        and blocks[0].tag == "p"
        and len(words(_text(blocks[0]))) <= 12
        and BYLINE.match(_text(blocks[0]))
        and is_bare_name(clean_byline(_text(blocks[0])))  # (not "By Tuesday evening the Stour had crested.")
    ):
        stripped.append(_text(blocks.pop(0)))  # "By Priya Shah" over the story
    while blocks and blocks[-1].tag == "p":
        # Only what feeds append: a story's own last paragraph is never judged by the page rules.
        text = _text(blocks[-1])
        teaser = TEASER.match(text) and (_link_share(blocks[-1]) >= 0.5 or len(words(text)) <= 12)
        # A linked appeal ("<a>Subscribe to our newsletter</a> for more local news", "Share this
        # story: <a>Facebook</a> <a>X</a>"), not a sentence that names one ("Residents can sign up …").
        appeal = (
            len(words(text)) <= 25 and _link_share(blocks[-1]) >= 0.3 and bool(_LINKED_APPEAL.search(text))
        ) or (  # or the site asking, unlinked: "Подписывайтесь на наш канал в Telegram"
            len(words(text)) <= 12 and is_appeal(text, len(words(text))) and _pitches(text)
        )
        if not (teaser or appeal or _APPEARED_FIRST.match(text) or _TRAILING_PROMPTS.fullmatch(text)):
            break
        stripped.append(text)
        blocks.pop()
    if blocks and blocks[-1].tag == "p":
        stripped += _trim_prompts(blocks[-1])
    if not stripped:
        return markup, []
    return "".join(lxml_html.tostring(block, encoding="unicode") for block in blocks), stripped


def _trim_credit(paragraph) -> list[str]:
    """Take a photo's credit off the end of a paragraph ("… public comment. (Photo by Sam Lee)")."""
    holder, attribute = (paragraph[-1], "tail") if len(paragraph) else (paragraph, "text")
    value = getattr(holder, attribute) or ""
    if not (credit := TRAILING_CREDIT.search(value)):
        return []
    setattr(holder, attribute, value[: credit.start()])
    return [credit[0].strip()]


def _trim_teaser_link(paragraph) -> list[str]:
    """Take a linked teaser off the end of a paragraph, after its last sentence: "… had
    “vanished”. <a>Read more: Residents' fury as bins left uncollected</a>"."""
    if not len(paragraph):
        return []
    last = paragraph[-1]
    before = (last.getprevious().tail if last.getprevious() is not None else paragraph.text) or ""
    text = _text(last)
    if (
        last.tag != "ref"
        or (last.tail or "").strip()
        or not TEASER.match(text)
        or not _SENTENCE_DONE.search(before)
    ):
        return []
    paragraph.remove(last)
    return [text]


def _trim_prompts(paragraph) -> list[str]:
    """Take "Read more" links and "Share on Facebook" off the end of a story's last paragraph."""
    taken = []
    while len(paragraph):  # trailing links that are prompts, after a sentence, only prompts after them
        last, tail = paragraph[-1], paragraph[-1].tail or ""
        text = _text(last)
        before = (last.getprevious().tail if last.getprevious() is not None else paragraph.text) or ""
        if (
            (tail.strip() and not _TRAILING_PROMPTS.fullmatch(tail))
            or not _TRAILING_PROMPTS.fullmatch(text)
            or not _SENTENCE_DONE.search(before)
        ):
            break
        taken.append(" ".join(f"{text} {tail}".split()))
        paragraph.remove(last)  # with its tail
    holder, attribute = (paragraph[-1], "tail") if len(paragraph) else (paragraph, "text")
    value = getattr(holder, attribute) or ""
    # Only after a finished sentence: "… details can read more." is the story's own.
    if (match := _TRAILING_PROMPTS.search(value)) and _SENTENCE_DONE.search(value[: match.start()]):
        taken.append(" ".join(match[0].split()))
        setattr(holder, attribute, value[: match.start()].rstrip() + " ")
    return taken


def _is_menu(text: str) -> bool:
    """ "Home | News | Contact": three items or more of a word or two, no figures (not
    "1-4 Players • Ages 14+ • 90 minutes", not "Taylor Swift | The Eras Tour | The Final Show")."""
    return is_navigation(text, most_words=2) and not any(character.isdigit() for character in text)


def _dated_teaser(item) -> bool:
    """Whether a list's item is a linked headline and its date alone ("<a>Islanders protest over
    ferry fare plan</a> Published 3 August")."""
    links = [ref for ref in item.iter("ref", "a") if _text(ref)]
    if len(links) != 1:
        return False
    rest = _DATE_LABEL_WORD.sub("", _text(item).replace(_text(links[0]), " ", 1).strip())
    # (a Japanese page's date in brackets, "（2018/6/18 14:10）", or the print edition's, "（2018/6/15付）")
    rest = _BRACKETED_DAY.sub(r"\1", rest)
    return bool(rest) and len(words(rest)) <= 6 and (is_date_line(rest) or bool(DAY_WITHOUT_YEAR.match(rest)))


_DATE_LABEL_WORD = re.compile(r"^(?:published|updated|posted)(?:\s+on)?\s*:?\s*", re.IGNORECASE)
_BRACKETED_DAY = re.compile(r"^[(（]\s*([^()（）]*?)\s*付?\s*[)）]$")


def _link_share(element) -> float:
    """Share of the element's text that sits inside links."""
    total = len(_text(element))
    if not total:
        return 0.0
    # (trafilatura's links, or a fragment's)
    linked = sum(len(_text(ref)) for ref in element.iter("ref", "a"))
    return linked / total


# A button that moves the reader about the page rather than a heading: "Jump to review", "Back to
# our picks", "Click to skip the navigation bar".
_IN_PAGE_NAVIGATION = re.compile(r"^\W*(?:jump|skip|back|go|return|click|scroll|tap)\b", re.IGNORECASE)


def _to_a_place_in(base_url: str | None):
    """Whether a link's target is a place in the page at ``base_url`` ("#section-2", or the page's
    own address with one): a heading made its own permalink, not a teaser for another page."""
    page = urlsplit(base_url or "")

    def test(target: str) -> bool:
        path, _, place = target.partition("#")
        if not place:
            return False
        if not path:
            return True
        there = urlsplit(path)
        # (trafilatura writes "#how-we-test" against the site's root: "https://example.com#how-we-test")
        return there.path.rstrip("/") in {"", page.path.rstrip("/")} and there.netloc in {"", page.netloc}

    return test


def _loose_paragraph(text: str):
    element = etree.Element("p")
    element.text = text
    return element


_STRAIGHT_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "ʼ": "'"})


def fold_quotes(text: str) -> str:
    """The text with straight quotes for typographic ones: a page's tags and its headline often
    differ only in those ("city's" and "city’s")."""
    return text.translate(_STRAIGHT_QUOTES)


def _restates(title: str, text: str) -> bool:
    """Whether a block is the title, or the same headline with or without its kicker ("Bahn: Mehr
    Verspätungen …" and "Mehr Verspätungen …", either way round) or the kind of page after it
    ("Storm Isolde hits Scotland – live")."""
    title, text = fold_quotes(title).casefold(), fold_quotes(text).casefold()
    shorter, longer = sorted((title, text), key=len)
    return (
        text == title
        or (
            len(words(shorter)) >= 3
            and (
                (longer.endswith(shorter) and longer[: -len(shorter)].rstrip().endswith(":"))
                # or with the kind of page after it: "… – live", "… - video", "… – as it happened"
                or (longer.startswith(shorter) and bool(_PAGE_KIND.fullmatch(longer[len(shorter) :])))
            )
        )
    )


_PAGE_KIND = re.compile(
    r"\s*[–—-]\s*(?:live|video|audio|podcast|in pictures|as it happened|explained|quiz|opinion)"
    r"|\s+obituary"  # an obituary's tags name the page: "Margaret Sorensen Obituary"
)


# What a donation or membership box asks, once its heading has said what the box is.
_ASKS_FOR_SUPPORT = re.compile(
    r"\b(?:donat(?:e|ion|ing)|become a (?:member|supporter|subscriber)|chip in|support (?:us|our)|spenden"
    r"|faire un don|donar|пожертвова\w*|підтрима\w*)\b",
    re.IGNORECASE,
)


def _is_prose_paragraph(element) -> bool:
    """A paragraph of the story's own prose (not a teaser's excerpt or a linked headline)."""
    return (
        element.tag == "p"
        and len(words(_text(element))) >= PROSE_PARAGRAPH_WORDS
        and _link_share(element) < 0.5
    )


_INLINE_LABEL = re.compile(r"^\w+\s*:$")
_INFO_ITEM_CHARACTERS = 24


def _is_info_bar(element) -> bool:
    """Whether a list is a page's information bar: short items, none a sentence, two of them its
    day, a page mark or a reading time ("2018/6/19 5:50", "（1/3ページ）"; not a fact box's "Flood of
    2015", "March 14, 2015", "Three dead"). Its items are measured in characters, whatever their
    script."""
    shown = [_text(item) for item in element.iter("item") if _text(item)]
    return (
        len(shown) >= 2
        and all(len(text) <= _INFO_ITEM_CHARACTERS and not ends_sentence(text) for text in shown)
        and sum(bool(is_date_line(text) or _PAGE_MARK.match(text) or READ_TIME.match(text)) for text in shown)
        >= 2
    )


def _consent_panel(texts: list[str]) -> set[int]:
    """The positions of a cookie consent panel's blocks: a run of three or more blocks about cookies
    or consent ("Manage consent", "Necessary cookies are absolutely essential …", "Analytical
    cookies are used …"), two or more of them notices and one in the site's own voice ("This
    website uses cookies"). Its blocks run past the 80 words a lone notice may have (a category's
    description with its table of cookies), and name categories a notice need not ("Advertisement
    cookies"). A story about cookies does not say that it uses them."""
    panel: set[int] = set()
    run: list[int] = []
    for position, text in enumerate([*texts, ""]):  # (the empty text ends the last run)
        if "cookie" in text.lower() or _is_consent_label(text):
            run.append(position)
            continue
        # The panel begins at its first notice or consent label: the story's paragraphs about
        # (baked) cookies just above it are not of it.
        while run and not (COOKIE_NOTICE.search(texts[run[0]]) or _is_consent_label(texts[run[0]])):
            run.pop(0)
        if len(run) >= 3:
            notices = [texts[n] for n in run if COOKIE_NOTICE.search(texts[n])]
            if len(notices) >= 2 and any(map(speaks_for_the_site, notices)):
                panel.update(run)
        run = []
    return panel


def _is_consent_label(text: str) -> bool:
    """A short label of a consent panel ("Manage consent", "Consent preferences")."""
    return "consent" in text.lower() and len(text) <= 40


def _post_clean(body, *, title: str, base_url: str | None) -> tuple[list[str], list[str], list[str]]:
    """The story's blocks as HTML, the texts taken off, and those of them above its first block."""
    # trafilatura sometimes leaves a paragraph as the tail of the heading before it.
    children = [_loose_paragraph(body.text)] if (body.text or "").strip() else []
    for child in body:
        if child.tag == "table" and _lays_out(child, alone=len(body) == 1):
            children.extend(_layout_blocks(child))  # a page laid out with a table: its cells' blocks
        else:
            children.append(child)
        if (child.tail or "").strip():
            children.append(_loose_paragraph(child.tail))
    kept: list[tuple[str, object]] = []
    stripped: list[str] = []
    lead: list[str] = []
    seen: set[str] = set()
    # Each block's text and its number of words, read once: the loop below asked for them up to
    # ten times a block (0.2 ms of a bench page's 1.0 here).
    texts = [_text(child) for child in children]
    counts = [word_count(text) for text in texts]
    total_words, seen_words = sum(counts), 0
    previous = ""  # why the block before was taken off
    in_page = _to_a_place_in(base_url)

    panel = _consent_panel(texts)

    @functools.cache
    def last_prose() -> int:
        """The position of the last paragraph of prose (``_is_prose_paragraph``), -1 when none."""
        return max((n for n, child in enumerate(children) if _is_prose_paragraph(child)), default=-1)

    for position, child in enumerate(children):
        text, n = texts[position], counts[position]
        tag = child.tag
        if not text:
            continue
        # Pages that render a block twice (a desktop and a mobile copy, tabs, a sticky repeat):
        # the story says it once.
        key = text.lower()
        if key in seen and n >= 8:
            stripped.append(text)
            continue
        seen.add(key)
        if position < 3 and tag in {"head", "p"} and title and _restates(title, text):
            stripped.append(text)
            continue
        reason = _is_residue(text, tag=tag) if tag in {"p", "head", "list", "quote"} else ""
        if not reason and position in panel:
            reason = "cookie notice"
        if not kept and not reason and tag in {"p", "table"} and _is_menu(text):
            reason = "navigation"  # a menu bar above the story (a page laid out with a table)
        if (
            not reason
            and tag == "p"
            and FOREIGN_BYLINE.match(text)
            and (
                (not kept and n <= 12)
                # under a kicker or standfirst: signed and dated, or a name alone ("Por Santa Cruz,
                # según la Policía …" is the story's)
                or (len(kept) <= 2 and (date_of_line(text) or (n <= 8 and not ends_sentence(text))))
            )
        ):
            reason = "byline"  # "Von Anna Schmidt" above the story (under its kicker or standfirst)
        if (
            not reason
            and n <= 4
            and _TEASER_LABEL.match(text)
            and not (position + 1 < len(children) and children[position + 1].tag in {"list", "quote"})
        ):
            reason = "teaser"  # its linked headline taken off ("More Opinion:"), no list under it
        if not reason and tag == "p" and _AGENCY_CREDIT.match(text):
            reason = "credit"  # "(dpa/rr)": the agency and editor's initials
        if not kept and not reason and tag == "p" and is_section_date_line(text):
            reason = "date"  # "North Korea 09:31 August 20, 2019": its section's link, then its time, above the story
        if not kept and not reason and tag in {"p", "head"} and is_kicker(text):
            reason = "kicker"  # "Opinion" above the story
        if (
            tag == "list"
            and not reason
            and (not kept or (len(kept) == 1 and len(_text(kept[0][1])) <= _INFO_ITEM_CHARACTERS))
            and _is_info_bar(child)
        ):
            # A list above the story (under its writer's line at most: "編集委員 中沢克二") of its page
            # mark, day and source ("（1/3ページ）", "2018/6/19 5:50", "情報元", "日本経済新聞 電子版"):
            # the page's, not the story's.
            shown = [_text(item) for item in child.iter("item") if _text(item)]
            stripped.extend(shown)
            lead.extend(shown)
            continue
        if tag == "list" and not reason:
            items = list(child.iter("item"))
            lead_in = position > 0 and _text(children[position - 1]).endswith(":")  # (the story's own list)
            if items and (
                _link_share(child) > 0.8 or (not lead_in and all(_dated_teaser(item) for item in items))
            ):
                reason = (
                    "link list"  # (or teasers, each a linked headline and its date: "Published 3 August")
                )
        if (
            tag == "p"
            and not reason
            and _link_share(child) > 0.9
            and n < 25
            and not (
                n >= 2  # (a note's number, "More": buttons)
                and not _IN_PAGE_NAVIGATION.match(text)
                # (its section under it, not the next entry of a table of contents)
                and position + 1 < len(children)
                and _link_share(children[position + 1]) < 0.5
                and all(in_page(ref.get("target") or ref.get("href") or "") for ref in child.iter("ref", "a"))
            )
        ):
            reason = "link"  # (not a section's heading linked to itself: "<a href="#how-we-test"><h2>…")
        if (
            tag == "p"
            and not reason
            and (TEASER.match(text) or READ_ALSO_OPENING.match(text))
            and n <= 25
            and _link_share(child) >= 0.5
        ):
            # "Also read: <linked headline>": the site's promotion of another of its stories.
            reason = "teaser"
        if tag == "figure" or (tag == "p" and child.get("rend") == "figcaption"):
            reason = "caption"
        if (
            not reason
            and tag == "p"
            and n <= 40
            and (credit := TRAILING_CREDIT.search(text))
            and credit[0].lstrip().startswith("(")
        ):
            reason = "caption"  # "Water pours down Front Street … (Courier-Journal photo by Ben Ostrowski)"
        if (
            not reason
            and tag == "p"
            and previous == "appeal or navigation"
            and children[position - 1].tag == "head"
            and n <= 40
            and _ASKS_FOR_SUPPORT.search(text)
        ):
            reason = "appeal or navigation"  # the pitch under a box's heading ("Support local news")
        if not reason and tag == "p" and previous == "byline" and WRITERS_ROLE_LINE.match(text):
            reason = "byline"  # the writer's role under the byline ("Staff Writer")
        previous = reason
        if (
            not reason
            and kept
            and tag == "p"
            and len(text) <= 160
            and (notice := _GOES_ON_FOR_SUBSCRIBERS.search(text.lower())) is not None
            # (the box's own words, "You've read your 3 free articles. Subscribe to continue reading", not a
            # report of them: "After three stories, readers see a box telling them to subscribe to …")
            and len(words(text[: notice.start()])) <= 8
            and not REPORTED.search(text)
        ):
            # The paywall's notice ("この記事は会員限定です。…続きをお読みいただけます。", "Subscribe to
            # continue reading"): the story read stops here, what follows is the site's (other
            # stories' headlines, its copyright line). (The page is noted as cut short.) A box
            # in the middle of a story whose paragraphs go on under it is the box alone.
            if position < last_prose():
                stripped.append(text)
                continue
            stripped.extend(_text(element) for element in children[position:] if _text(element))
            break
        if END_OF_COPY.match(text) and seen_words >= _END_SHARE * total_words:
            reason = "list label"  # "ENDS": the copy ends here, notes to the desk follow
        if (
            reason == "list label"
            and seen_words >= _END_SHARE * total_words
            and not (_INLINE_LABEL.match(text) and position < last_prose())
        ):
            # A label for what follows the story ("Related posts", "Comments") once most of it is
            # behind: the story ends here; but a one-word label with its colon ("Related:") headed
            # a single teaser (its link taken off) when the story's paragraphs go on under it.
            stripped.extend(_text(element) for element in children[position:] if _text(element))
            break
        if reason:
            stripped.append(text)
            if not kept or (len(kept) <= 2 and reason in {"byline", "date"}):
                lead.append(text)
            continue
        if tag == "p":
            stripped += _trim_teaser_link(child)
        seen_words += n
        kept.append((tag, child))
    # An affiliate disclosure among the first few blocks.
    head = [
        (tag, child)
        for tag, child in kept[:_HEAD_BLOCKS]
        if tag == "p" and is_disclosure(text := _text(child), len(words(text)))
    ]
    if len(head) < len(kept):
        for entry in head:
            kept.remove(entry)
            stripped.append(_text(entry[1]))
    # Small print and author notes among the last few blocks of a longer story (the last block of
    # a shorter one).
    if len(kept) > 2:
        tail = [
            (tag, child)
            for tag, child in kept[-(_TAIL_BLOCKS if len(kept) > 2 * _TAIL_BLOCKS else 1) :]
            if tag == "p" and is_small_print(_text(child))
        ]
        for entry in tail:
            kept.remove(entry)
            stripped.append(_text(entry[1]))
        # and the run of small print that then ends a shorter story ("Media contact: …", "SOURCE …")
        while len(kept) > 2 and len(tail) and kept[-1][0] == "p" and is_small_print(_text(kept[-1][1])):
            stripped.append(_text(kept.pop()[1]))
    # "Related links" residue: trailing headings and lists after the last real paragraph.
    while kept and kept[-1][0] in {"head", "list"} and _link_share(kept[-1][1]) > 0.5:
        stripped.append(_text(kept.pop()[1]))
    while kept and kept[-1][0] == "head":
        stripped.append(_text(kept.pop()[1]))
    # and the small print those links had stood under ("（编辑：严玉洁 王辉）" over a site's list of links)
    while len(kept) > 2 and kept[-1][0] == "p" and is_small_print(_text(kept[-1][1])):
        stripped.append(_text(kept.pop()[1]))
    if any(tag == "quote" for tag, _ in kept):
        # A pull quote: the story's own words again, set large beside the paragraph that says them.
        said = [_quoted_words(child) for tag, child in kept if tag == "p"]
        for tag, child in list(kept):
            repeated = _quoted_words(child)
            if tag == "quote" and 5 <= len(repeated.split()) <= 40 and any(repeated in text for text in said):
                kept.remove((tag, child))
                stripped.append(_text(child))
    return [_to_html(tag, child, base_url) for tag, child in kept], stripped, lead


def _quoted_words(element) -> str:
    """The element's words, lower case, without quotation marks (a pull quote adds its own)."""
    return " ".join(words(_text(element).casefold()))


_BLOCK_ELEMENTS = frozenset({"p", "head", "list", "quote", "table", "figure"})


def _lays_out(table, *, alone: bool) -> bool:
    """A table of one column whose cells hold paragraphs (or lines broken twice, <br><br>) lays
    out a page: menu, story, footer, when it is all trafilatura found. A table of several
    columns holds figures or products, even when its cells hold paragraphs; unless each of its
    rows has one cell left, the others emptied of their sidebars, and a cell holds a heading
    and paragraphs (an old page's story column)."""
    rows = table.findall("row")
    if not rows:
        return False
    if any(len(row.findall("cell")) > 1 for row in rows):
        if any(sum(bool(_text(cell)) for cell in row.findall("cell")) > 1 for row in rows):
            return False
        if table.find("row/cell/head") is not None and len(table.findall("row/cell/p")) >= 2:
            return True
        # (else one column in effect, its other cells empty: a print version's logo row)
    if not alone:
        return False
    return table.find("row/cell/p") is not None or any(map(_paragraph_break, table.iterfind("row/cell/lb")))


def _paragraph_break(lb) -> bool:
    """A line break followed, with nothing between, by another: a <br><br> page's paragraph end."""
    after = lb.getnext()
    return after is not None and after.tag == "lb" and not (lb.tail or "").strip()


def _layout_blocks(table) -> list:
    """The blocks of a table that lays out a page rather than holding figures (its cells hold
    paragraphs): a cell's paragraphs, and its loose text and inline elements between them as
    paragraphs of their own."""
    blocks = []
    for cell in table.iterfind("row/cell"):
        loose = etree.Element("p")
        loose.text = cell.text
        children = list(cell)
        # The line breaks of each <br><br>, found before anything is moved out of the cell.
        doubled = {
            index
            for index, child in enumerate(children)
            if child.tag == "lb"
            and (
                _paragraph_break(child)
                or (
                    index and children[index - 1].tag == "lb" and not (children[index - 1].tail or "").strip()
                )
            )
        }
        for index, child in enumerate(children):
            if index in doubled:
                # <br><br>: the text after it starts a paragraph.
                if _text(loose):
                    blocks.append(loose)
                loose = etree.Element("p")
                loose.text = child.tail
                cell.remove(child)
            elif child.tag in _BLOCK_ELEMENTS:
                tail, child.tail = child.tail, None
                if _text(loose):
                    blocks.append(loose)
                blocks.append(child)
                loose = etree.Element("p")
                loose.text = tail
            else:
                loose.append(child)  # an inline element, with the text after it
        if _text(loose):
            blocks.append(loose)
    return blocks


def _to_html(tag: str, element, base_url: str | None) -> str:
    if tag == "head":
        level = element.get("rend", "h2")
        level = level if level in _HEAD else "h2"
        level = {"h1": "h2", "h5": "h4", "h6": "h4"}.get(level, level)
        return f"<{level}>{_inline(element, base_url)}</{level}>"
    if tag == "list":
        name = "ol" if element.get("rend", "").lower() in {"ol", "1", "decimal"} else "ul"
        items = "".join(
            f"<li>{_inline(item, base_url)}</li>" for item in element if item.tag == "item" and _text(item)
        )
        return f"<{name}>{items}</{name}>" if items else ""
    if tag == "quote":
        return f"<blockquote><p>{_inline(element, base_url)}</p></blockquote>"
    if tag == "table":
        rows = []
        for row in element.iter("row"):
            cells = [" ".join(" ".join(cell.itertext()).split()) for cell in row]
            cells = [cell for cell in cells if cell]
            if cells:
                rows.append(f"<p>{_escape(' | '.join(cells))}</p>")
        return "".join(rows)
    return f"<p>{_inline(element, base_url)}</p>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _inline(element, base_url: str | None) -> str:
    """The element's content as inline HTML: emphasis, links and line breaks kept."""
    parts = [_escape(element.text or "")]
    for child in element:
        if _is_note_reference(child, base_url) and not _in_brackets("".join(parts)):
            # (a citation in brackets, "[13]" or "[1, 2, 3]", reads as such: it stays)
            parts.append(_escape(child.tail or ""))  # the notes it points to are not kept
            continue
        inner = _inline(child, base_url)
        if child.tag in {"hi", "ref"} and _RUN_ON.search(parts[-1] or "") and _WORD_START.match(inner):
            parts.append(" ")  # trafilatura trims the text before a link in an item ("simple.<ref>Click")
        if child.tag == "hi" and child.get("rend") in {"#sup", "#sub"}:
            parts.append(inner)  # "1<sup>er</sup>", "H<sub>2</sub>O": no emphasis (the policy has neither)
        elif child.tag == "hi":
            rend = child.get("rend", "")
            tag = "strong" if rend == "#b" else "em"
            parts.append(f"<{tag}>{inner}</{tag}>" if inner.strip() else inner)
        elif child.tag == "ref":
            href = _absolute(child.get("target"), base_url)
            parts.append(f'<a href="{_escape(href)}">{inner}</a>' if href else inner)
        elif child.tag == "lb":
            parts.append("<br>")
        elif child.tag in {"list", "item", "p", "head", "quote"}:
            parts.append(f" {inner} ")
        else:
            parts.append(inner)
        tail = child.tail or ""
        if child.tag in {"hi", "ref"} and tail[:1].isalpha() and _CLAUSE_DONE.search(_ANY_TAG.sub("", inner)):
            parts.append(" ")  # trafilatura trims the text after it too ("«Вектор».</strong>Министры")
        parts.append(_escape(tail))
    return "".join(parts)


# Text ending a sentence or a clause right after a word, and an inline element starting with a
# word: the space between them was lost.
_RUN_ON = re.compile(r"(?<=[^\W\d_])[.!?,;:)]$")
_WORD_START = re.compile(r"(?:<[^>]+>)*[^\W\d_]")
# An inline element ending a sentence or a clause (a bold dateline: "MOSCOW, June 11 —
# Vector."), when the word after it follows with no space.
_CLAUSE_DONE = re.compile(r"[^\W\d_][.!?,;:)»”\"]+$")


_NOTE_MARK = re.compile(r"^\[?(?:\d{1,3}|[*†‡§])\]?$")


def _in_brackets(text: str) -> bool:
    """Whether ``text`` ends inside an open bracket ("… the sources [2, ")."""
    return text.rfind("[") > text.rfind("]") or text.rfind("(") > text.rfind(")")


def _is_note_reference(element, base_url: str | None) -> bool:
    """A footnote's number linked to the notes further down the page ("… two decades.<sup><a
    href="#fn1">1</a></sup>"): with the notes gone it would read "two decades.1"."""
    link = element
    if element.tag == "hi" and len(element) == 1 and not (element.text or "").strip():
        link = element[0]
    return (
        link.tag == "ref"
        and _to_a_place_in(base_url)(link.get("target") or "")  # (written against the site's root too)
        and bool(_NOTE_MARK.match(_text(element)))
    )


_HREF = re.compile(r"""(<a\b[^>]*?\bhref\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def absolute_links(markup: str, base_url: str) -> str:
    """``markup`` with its links' relative addresses ("/world/more") resolved against
    ``base_url`` (a feed item's or an export record's own address): the sanitizer keeps only
    absolute http(s) and mailto links, and dropped these with their meaning."""
    if not base_url or not re.match(r"^https?://", base_url, re.IGNORECASE) or "href" not in markup.lower():
        return markup

    def resolve(match) -> str:
        href = match.group(2) if match.group(2) is not None else match.group(3)
        try:
            absolute = _absolute(unescape(href), base_url)
        except ValueError:  # an address urllib cannot read ("http://[x"): the sanitizer decides
            absolute = None
        return f'{match.group(1)}"{escape(absolute or href, quote=True)}"'

    return _HREF.sub(resolve, markup)


def _absolute(href: str | None, base_url: str | None) -> str | None:
    if not href:
        return None
    if base_url and not re.match(r"^[a-z][a-z0-9+.-]*:", href, re.IGNORECASE):
        from urllib.parse import urljoin

        href = urljoin(base_url, href)
    return safe_href(href)
