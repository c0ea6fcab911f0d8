"""Highlighted search snippets: PostgreSQL's ts_headline where it runs, a simple window elsewhere.

Bodies are plain text that may contain ``<``; the highlight markers are control characters
that never occur in text, the snippet is escaped, and only then do the markers become <mark>.
"""

import re
from html import escape

from django.db import connections
from django.utils.safestring import mark_safe

START, STOP = "\x02", "\x03"
WINDOW = 90


def _to_html(text: str):
    return mark_safe(escape(text, quote=False).replace(START, "<mark>").replace(STOP, "</mark>"))


def attach_snippets(stories, query: str) -> None:
    """Set ``story.snippet`` (safe HTML) on each story of a result page for ``query``."""
    stories = list(stories)
    query = (query or "").strip()
    if not stories or not query:
        return
    model = type(stories[0])
    db = stories[0]._state.db or "default"
    if connections[db].vendor == "postgresql":
        from django.contrib.postgres.search import SearchHeadline, SearchQuery

        headlines = dict(
            model.objects.using(db)
            .filter(pk__in=[s.pk for s in stories])
            .annotate(
                snippet=SearchHeadline(
                    "body_text",
                    SearchQuery(query, search_type="websearch", config="english"),
                    config="english",
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=35,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                )
            )
            .values_list("pk", "snippet")
        )
        for story in stories:
            story.snippet = _to_html(headlines.get(story.pk) or "")
        return
    words = [w.strip("\"'") for w in query.split()[:10]]
    words = [w for w in words if w]
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) if words else None
    for story in stories:
        text = story.body_text or ""
        match = pattern.search(text) if pattern else None
        if match is None:
            end = _word_end(text, WINDOW * 2)
            story.snippet = _to_html(text[:end] + ("…" if end < len(text) else ""))
            continue
        start = _word_start(text, max(0, match.start() - WINDOW))
        end = _word_end(text, min(len(text), match.end() + WINDOW))
        window = text[start:end].strip()
        window = pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", window)
        story.snippet = _to_html(("…" if start else "") + window + ("…" if end < len(text) else ""))


_SPACE = re.compile(r"\s")


def _word_start(text: str, position: int) -> int:
    """``position`` moved forward to the start of a word ("…ssed rail freight" cut one)."""
    if position <= 0 or text[position - 1].isspace():
        return max(position, 0)
    space = _SPACE.search(text, position, position + 40)
    return space.end() if space else position


def _word_end(text: str, position: int) -> int:
    """``position`` moved back to the end of a word."""
    if position >= len(text) or text[position].isspace():
        return min(position, len(text))
    spaces = [match.start() for match in _SPACE.finditer(text, max(0, position - 40), position)]
    return spaces[-1] if spaces and spaces[-1] > 0 else position
