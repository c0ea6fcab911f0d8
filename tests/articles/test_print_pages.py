"""A story saved from a site's print version: a table lays the page out, a logo cell beside the
story's column, <br><br> between paragraphs, and a <title> that names the page, not the story (a
reviewer's page: it came out as one paragraph titled "Printer Friendly Version", with no byline or
date)."""

import pytest

from articles.importing.pipeline import extract_one

PRINT_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Printer Friendly Version - Quayside Gazette</title></head>
<body onload="window.print()">
<table width="640" border="0">
<tr><td><img src="/logo.gif" alt="Quayside Gazette"></td><td class="noprint"><a href="#">Print</a></td></tr>
<tr><td colspan="2">
<font size="5"><b>Harbour board delays vote on closing the old fish market</b></font><br>
<font size="2"><i>Traders fill the meeting; decision pushed to July</i></font><br><br>
<font size="2">By HELEN MARCHETTI<br>Staff Writer<br>Published: Tuesday, May 14, 2024 at 9:40 p.m.<br>
Last Modified: Wednesday, May 15, 2024 at 8:05 a.m.</font>
<br><br>
<font size="3">
The harbour board voted 4-3 late Tuesday to postpone a decision on closing the old fish market until July,
after more than a hundred traders and residents filled the sailing club to oppose the plan.<br><br>
The board's chair had proposed closing the market at the end of the summer and moving its stalls to the
new industrial estate, which she said would save the port half a million pounds a year in repairs.<br><br>
"You are asking us to sell fish from a car park two miles from the quay," said Ines Calder, whose family
has kept a stall there for three generations. She was one of twenty-six speakers.<br><br>
The board will hold two more public meetings, in June, before the July vote.<br><br>
</font>
</td></tr>
<tr><td colspan="2"><font size="1">Copyright © 2024 Quayside Gazette. All rights reserved.<br>
This copy is for your personal, noncommercial use only. To order presentation-ready copies for
distribution, <a href="/reprints">order reprints here</a>.</font></td></tr>
</table></body></html>"""


@pytest.mark.django_db
def test_a_print_version_keeps_its_headline_dek_byline_date_and_paragraphs():
    story = extract_one(PRINT_PAGE.encode(), name="print.html")

    assert story.title == "Harbour board delays vote on closing the old fish market"
    assert story.dek == "Traders fill the meeting; decision pushed to July"
    assert story.byline == "Helen Marchetti"
    assert story.published_at.isoformat() == "2024-05-14T21:40:00+00:00"
    paragraphs = story.body_text.split("\n\n")
    assert [paragraph.split()[:3] for paragraph in paragraphs] == [
        ["The", "harbour", "board"],
        ["The", "board's", "chair"],
        ['"You', "are", "asking"],
        ["The", "board", "will"],
    ]
    for chrome in ("Staff Writer", "Last Modified", "noncommercial use", "Copyright", "Printer Friendly"):
        assert chrome not in story.body_text


def _page(head: str, body: str) -> bytes:
    prose = "".join(
        f"<p>Paragraph {n} of the story about the savings bank, long enough to read as prose: its "
        f"depositors, its regulators and the auditors who signed its accounts in year {n}.</p>"
        for n in range(4)
    )
    return f"<!doctype html><html><head><meta charset='utf-8'>{head}</head><body><article>{body}{prose}</article></body></html>".encode()


@pytest.mark.django_db
def test_a_shortened_title_in_the_tags_gives_way_to_the_whole_headline():
    """A reviewer's page: og:title "Inside the collapse of Fairmont Savings", its <h1> going on
    ": how a small bank bet everything on crypto deposits"."""
    head = (
        "<title>Inside the collapse of Fairmont Savings | The Ledger</title>"
        '<meta property="og:title" content="Inside the collapse of Fairmont Savings">'
    )
    heading = (
        "<h1>Inside the collapse of Fairmont Savings: how a small bank bet everything on crypto deposits</h1>"
    )
    story = extract_one(_page(head, heading), name="bank.html")
    assert story.title == (
        "Inside the collapse of Fairmont Savings: how a small bank bet everything on crypto deposits"
    )
    # A headline that only begins like the title, without a colon or dash, is another story's.
    other = extract_one(_page(head, "<h1>Inside the collapse of Fairmont Savings bank</h1>"), name="b.html")
    assert other.title == "Inside the collapse of Fairmont Savings"


@pytest.mark.django_db
def test_a_subscription_offer_under_the_story_is_taken_off():
    """A reviewer's German page kept its paywall box: "Jetzt weiterlesen mit RR+" and "Lesen Sie
    alle Artikel für nur 0,99 € im ersten Monat. Jederzeit kündbar."."""
    offer = (
        '<div class="abo-box"><h3>Jetzt weiterlesen mit RR+</h3><p>Lesen Sie alle Artikel für nur 0,99 € '
        'im ersten Monat. Jederzeit kündbar.</p><a href="/abo">Jetzt abonnieren</a></div>'
    )
    story = extract_one(
        _page("<title>Savings bank</title>", "<h1>Savings bank collapses</h1>").replace(
            b"</article>", offer.encode() + b"</article>"
        ),
        name="bank.html",
    )
    assert "weiterlesen" not in story.body_text and "kündbar" not in story.body_text
    assert story.body_text.count("Paragraph") == 4


LIVE_BLOG = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Storm live: rivers burst their banks | Northern Echo Live</title>
<meta property="article:published_time" content="2025-01-14T06:02:00+00:00"></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><h1>Storm live: rivers burst their banks</h1>
<div class="entry-meta">By Hannah Moorcroft <time datetime="2025-01-14T06:02:00+00:00">Tue 14 Jan 2025 06.02 GMT</time></div>
<div class="liveblog">{entries}</div></article></main><footer>© Northern Echo Live</footer></body></html>"""
ENTRY = """<div class="entry"><p class="liveblog-time"><time datetime="2025-01-14T{iso}:00+00:00">{shown} GMT</time></p>
<h3>{heading}</h3><p>{text}</p></div>"""


@pytest.mark.django_db
def test_a_live_blogs_entries_keep_their_times():
    """trafilatura drops every <time>: a reviewer's live blog lost the time of each entry."""
    entries = [
        (
            "15:40",
            "15.40",
            "River reaches record level",
            "The gauge read 4.71 metres at midday, nine centimetres above the record set in 1995, the agency said.",
        ),
        (
            "12:15",
            "12.15",
            "Rail services suspended",
            "All services between York and Newcastle are suspended after a tree fell on the overhead lines near Northallerton.",
        ),
        (
            "09:05",
            "09.05",
            "Schools closed",
            "Forty schools in the county will stay closed today, the council said, because buses cannot run safely in the wind.",
        ),
        (
            "06:02",
            "06.02",
            "Amber warning extended",
            "Good morning. The Met Office has extended its amber warning for wind across the north-east until midnight tonight.",
        ),
    ]
    page = LIVE_BLOG.format(
        entries="".join(
            ENTRY.format(iso=iso, shown=shown, heading=heading, text=text)
            for iso, shown, heading, text in entries
        )
    )
    story = extract_one(page.encode(), name="live.html")
    assert story.title == "Storm live: rivers burst their banks"
    assert story.byline == "Hannah Moorcroft"
    assert story.published_at.isoformat() == "2025-01-14T06:02:00+00:00"
    # Each entry's time, then its text, in their own paragraphs and in order (trafilatura keeps
    # some of the entries' headings only; before, with its <time>s, it ran the page into one block).
    paragraphs = story.body_text.split("\n\n")
    expected = [line for _, shown, _, text in entries for line in (f"{shown} GMT", text)]
    assert [paragraph for paragraph in paragraphs if paragraph in expected] == expected
    assert set(paragraphs) - set(expected) <= {heading for *_, heading, _ in entries}
