"""Placing entity links in the sanitized body by walking text nodes with body_text offsets."""

import pytest

from articles.rendering import LinkSpan, first_per_paragraph, link_mentions, render_story_body
from entities.models import Mention
from tests.factories import ArticleFactory, CountryFactory, MentionFactory

BODY_HTML = "<p>Belarus &amp; <em>China</em> met.</p><p>Then Belarus left, Belarus said.</p>"
BODY_TEXT = "Belarus & China met.\n\nThen Belarus left, Belarus said."


def span(text, word, nth=0, url="/countries/x/", entity_id=1):
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return LinkSpan(start=start, end=start + len(word), url=url, entity_id=entity_id)


def test_links_placed_in_text_nodes_by_offset():
    html = link_mentions(
        body_html=BODY_HTML,
        body_text=BODY_TEXT,
        spans=[span(BODY_TEXT, "China", url="/c/china/"), span(BODY_TEXT, "Belarus", 1, url="/c/by/")],
    )
    assert '<em><a class="entity-link" href="/c/china/" data-entity="1">China</a></em>' in html
    assert (
        '<p>Then <a class="entity-link" href="/c/by/" data-entity="1">Belarus</a> left, Belarus said.</p>'
        in html
    )
    assert html.startswith("<p>Belarus &amp; <em>")


def test_offsets_that_do_not_match_the_text_are_not_linked():
    wrong = LinkSpan(start=0, end=5, url="/x/", entity_id=1)  # "Belar" is not a word the html has alone
    other_text = "Something else entirely that is not the body."
    html = link_mentions(body_html=BODY_HTML, body_text=other_text, spans=[wrong])
    assert "entity-link" not in html
    out_of_range = LinkSpan(start=500, end=510, url="/x/", entity_id=1)
    assert "entity-link" not in link_mentions(body_html=BODY_HTML, body_text=BODY_TEXT, spans=[out_of_range])


def test_edited_body_keeps_matching_parts_and_drops_the_rest():
    # body_text is stale: a sentence was added to the HTML at the start after linking.
    html_now = "<p>New opening line.</p>" + BODY_HTML
    html = link_mentions(body_html=html_now, body_text=BODY_TEXT, spans=[span(BODY_TEXT, "China")])
    assert ">China</a>" in html


def test_mentions_inside_existing_links_and_across_nodes_are_skipped():
    body_html = '<p><a href="https://example.org">Belarus</a> and Xi <strong>Jinping</strong>.</p>'
    body_text = "Belarus and Xi Jinping."
    html = link_mentions(
        body_html=body_html,
        body_text=body_text,
        spans=[span(body_text, "Belarus"), span(body_text, "Xi Jinping")],
    )
    assert "entity-link" not in html
    assert html == body_html


def test_text_is_escaped_and_markup_is_kept():
    body_html = "<p>1 &lt; 2 and Belarus &gt; 0</p>"
    body_text = "1 < 2 and Belarus > 0"
    html = link_mentions(body_html=body_html, body_text=body_text, spans=[span(body_text, "Belarus")])
    assert (
        html
        == '<p>1 &lt; 2 and <a class="entity-link" href="/countries/x/" data-entity="1">Belarus</a> &gt; 0</p>'
    )


@pytest.mark.django_db
def test_first_mention_per_paragraph_and_confirmed_only():
    belarus = CountryFactory(name="Belarus")
    china = CountryFactory(name="China")
    story = ArticleFactory(body_html=BODY_HTML, body_text=BODY_TEXT)
    starts = [i for i in range(len(BODY_TEXT)) if BODY_TEXT.startswith("Belarus", i)]
    mentions = [
        MentionFactory(article=story, entity=belarus, start=s, end=s + 7, surface="Belarus") for s in starts
    ]
    china_start = BODY_TEXT.index("China")
    mentions.append(
        MentionFactory(
            article=story,
            entity=china,
            start=china_start,
            end=china_start + 5,
            status=Mention.Status.SUGGESTED,
        )
    )
    spans = first_per_paragraph(
        body_text=BODY_TEXT, mentions=[m for m in mentions if m.status == "confirmed"]
    )
    assert [s.start for s in spans] == [starts[0], starts[1]]  # not the second one in paragraph 2
    html = render_story_body(story, mentions)
    assert html.count("entity-link") == 2
    assert f'href="{china.get_absolute_url()}"' not in html


def test_offsets_from_the_importers_derivation_land_on_the_right_words():
    from articles.importing.sanitize import html_to_text, sanitize_html

    raw = (
        "<div><h2>Summit   news</h2>Loose text about   Belarus.<p>The <b>SCO</b> met &amp; "
        "Belarus<br>joined.</p><ul><li>China &lt;3 Belarus</li><li>Belarus again, Belarus</li></ul>"
        '<script>alert("Belarus")</script><p><a href="https://x.example/">Belarus</a> site</p></div>'
    )
    body_html = sanitize_html(raw)
    body_text = html_to_text(body_html)
    starts = [i for i in range(len(body_text)) if body_text.startswith("Belarus", i)]
    spans = [LinkSpan(start=s, end=s + 7, url="/countries/belarus/", entity_id=1) for s in starts]
    html = link_mentions(body_html=body_html, body_text=body_text, spans=spans)
    linked = html.count('href="/countries/belarus/"')
    # Every mention outside the existing link is linked, on the word itself.
    assert linked == len(starts) - 1
    assert html.count('data-entity="1">Belarus</a>') == linked
    assert 'href="https://x.example/"' in html
