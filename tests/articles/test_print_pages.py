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
