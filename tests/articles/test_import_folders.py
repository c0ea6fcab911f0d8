"""What operators' folders hold besides stories, and the exports spreadsheets write (an operator's
review: a README, Thumbs.db, a saved page's assets and a Word document each failed or became a
story; a CSV export became one story titled by its header row)."""

import io
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.importing.pipeline import import_paths
from articles.models import Article

STORY = """Ferry timetable changes after storm damage to the northern pier

The island ferry will run from the southern pier until repairs to the northern landing are finished,
the harbour authority said on Tuesday, after last week's storm tore away part of its decking.

Engineers expect the work to take at least six weeks, and the first sailing of the day will leave
twenty minutes earlier so that connecting buses at the southern pier can still be met by passengers.
"""
PAGE = (
    "<!doctype html><html><head><title>Council approves budget</title></head><body><article>"
    "<h1>Council approves budget</h1>"
    "<p>The town council approved its budget on Monday after a long debate about the cost of repairs "
    "to the harbour wall and the library roof, which both need work before the winter storms.</p>"
    "<p>Councillors agreed to borrow for the harbour wall and to pay for the roof from reserves, the "
    "treasurer said, adding that council tax would rise by less than inflation for the third year.</p>"
    "</article></body></html>"
)


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_articles", *args, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue() + str(error), error.returncode
    return out.getvalue(), err.getvalue(), 0


def _docx() -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return data.getvalue()


@pytest.mark.django_db
def test_a_folder_imports_its_stories_and_passes_over_what_is_none(tmp_path):
    (tmp_path / "ferry.txt").write_text(STORY)
    (tmp_path / "budget.html").write_text(PAGE)
    (tmp_path / "budget_files").mkdir()
    (tmp_path / "budget_files" / "style.css").write_text("body { color: red; }")
    (tmp_path / "budget_files" / "ad-frame.html").write_text(PAGE.replace("Council", "Advertiser"))
    (tmp_path / "README.md").write_text("# Export from the CMS\n\nThese files were exported on Monday.\n")
    (tmp_path / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(200))
    (tmp_path / "desktop.ini").write_text("[.ShellClassInfo]\nIconResource=x\n")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    (tmp_path / "ferry.txt~").write_text(STORY + "\nAn editor's unsaved change.\n")
    (tmp_path / "~$draft.docx").write_bytes(b"\x00" * 162)

    out, err, code = run(str(tmp_path))

    assert code == 0, err
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "Council approves budget",
        "Ferry timetable changes after storm damage to the northern pier",
    ]
    assert "Passed over 7 files that are no stories:" in out
    assert f"{tmp_path / 'budget_files'} (a saved page's images, styles and scripts)" in out
    assert "… and 4 more (-v 2 lists them all)." in out
    assert "Imported 2, duplicates 0, failed 0." in out

    listed, _, _ = run(str(tmp_path), "-v", "2", "--dry-run")
    for name in ("README.md", "Thumbs.db", "desktop.ini", "photo.jpg", "ferry.txt~", "~$draft.docx"):
        assert str(tmp_path / name) in listed


@pytest.mark.django_db
def test_a_file_named_on_its_own_is_read_and_refused_with_its_reason(tmp_path):
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    _, err, code = run(str(photo))
    assert code == 1
    assert "this is a PNG image, not an article" in err


@pytest.mark.django_db
def test_a_word_document_is_one_failure_not_its_parts(tmp_path):
    (tmp_path / "draft.docx").write_bytes(_docx())
    (tmp_path / "renamed.zip").write_bytes(_docx())  # a Word document by its parts, whatever its name
    archive = tmp_path / "inbox.zip"
    with zipfile.ZipFile(archive, "w") as packed:
        packed.writestr("inbox/draft.docx", _docx())
        packed.writestr("inbox/ferry.txt", STORY)
        packed.writestr("inbox/README.txt", "This archive holds the April export.\n")
        packed.writestr("inbox/budget.html", PAGE)
        packed.writestr("inbox/budget_files/img/logo.png", b"\x89PNG\r\n\x1a\n")
        packed.writestr("inbox/budget_files/frame.html", PAGE.replace("Council", "Advertiser"))

    results = list(import_paths(paths=[tmp_path]))

    failed = {r.path: r.reason for r in results if r.outcome == "failed"}
    assert failed == {
        f"{tmp_path}/draft.docx": "this is a Word document, not an article: save it as text or HTML to import it",
        f"{tmp_path}/inbox.zip/inbox/draft.docx": (
            "this is a Word document, not an article: save it as text or HTML to import it"
        ),
        f"{tmp_path}/renamed.zip": "this is a Word document, not an article: save it as text or HTML to import it",
    }
    assert sorted(r.path for r in results if r.outcome == "imported") == [
        f"{tmp_path}/inbox.zip/inbox/budget.html",
        f"{tmp_path}/inbox.zip/inbox/ferry.txt",
    ]


@pytest.mark.django_db
def test_an_empty_folder_says_there_was_nothing_to_import(tmp_path):
    out, _, code = run(str(tmp_path))
    assert code == 0
    assert "Nothing to import: no files were found in the given paths." in out


CSV = (
    "title,byline,published_at,body,source\r\n"
    'Park gates restored,Lee Park,2025-02-10,"The Victorian gates of the town park have been restored by '
    "volunteers after two years of fundraising, the friends group said on Monday.\r\n\r\n"
    'The ironwork was shot-blasted and repainted in its original green.",Town Crier\r\n'
    ",,,,\r\n"
    '"Library hours extended","Jane Roe, Staff Writer",2025-03-01,"The central library will open until nine '
    "in the evening from next month, the council said, after a survey found strong demand from students "
    'and working parents.",Town Crier\r\n'
    "Too many,fields,2025-03-02,body,source,extra\r\n"
)


@pytest.mark.django_db
def test_a_csv_export_imports_one_story_per_row(tmp_path):
    export = tmp_path / "export.csv"
    export.write_text(CSV)

    results = list(import_paths(paths=[export]))

    assert [(r.path, r.outcome) for r in results] == [
        (f"{export}:2", "imported"),
        (f"{export}:6", "imported"),
        (f"{export}:7", "failed"),
    ]
    assert results[-1].reason == "6 fields where the header names 5"
    park = Article.objects.get(title="Park gates restored")
    assert park.original_format == Article.Format.CSV
    assert park.byline == "Lee Park" and park.source.name == "Town Crier"
    assert park.published_at.date().isoformat() == "2025-02-10" and park.published_date_only
    assert park.body_text.split("\n\n") == [
        "The Victorian gates of the town park have been restored by volunteers after two years of "
        "fundraising, the friends group said on Monday.",
        "The ironwork was shot-blasted and repainted in its original green.",
    ]
    assert bytes(park.original).decode().startswith("title,byline,published_at,body,source\n")
    assert Article.objects.get(title="Library hours extended").byline == "Jane Roe"


@pytest.mark.django_db
def test_a_spreadsheets_csv_with_semicolons_and_no_csv_name_is_read_by_its_header(tmp_path):
    export = tmp_path / "export.txt"
    export.write_bytes(
        (
            "\ufeffheadline;text;author\n"
            'Café reopens after fire;"The café on the square reopened on Monday after a fire, its owner '
            'said; customers queued from seven in the morning to buy bread.";Ana Ruiz\n'
        ).encode()
    )
    [result] = import_paths(paths=[export])
    assert result.outcome == "imported", result.reason
    story = Article.objects.get()
    assert (story.title, story.byline) == ("Café reopens after fire", "Ana Ruiz")
    assert story.body_text.startswith(
        "The café on the square reopened on Monday after a fire, its owner said;"
    )


@pytest.mark.django_db
def test_a_csv_without_a_title_and_body_header_is_refused_with_why(tmp_path):
    sheet = tmp_path / "figures.csv"
    sheet.write_text("council,rise,band_d\nBirmingham,9.99%,2100\n")
    [result] = import_paths(paths=[sheet])
    assert result.outcome == "failed"
    assert "a CSV export needs a header row naming a title (or headline) and a body, text or html column" in (
        result.reason
    )


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Harbour Gazette</title><link>https://harbour.example.com/</link>
<item><title>Ferry timetable changes after storm</title><link>https://harbour.example.com/ferry</link>
<description>The island ferry will run from the southern pier until repairs to the northern landing are
finished, the harbour authority said on Tuesday.</description></item>
<item><title>Council approves harbour budget</title><link>https://harbour.example.com/budget</link>
<description>The council approved its budget.</description>
<content:encoded><![CDATA[<p>The town council approved its budget on Monday after a long debate about the
cost of repairs to the harbour wall and the library roof.</p><p>Councillors agreed to borrow for the wall.</p>]]>
</content:encoded></item>
</channel></rss>"""


@pytest.mark.django_db
def test_a_feed_entry_with_only_its_summary_is_imported_with_a_note(tmp_path):
    """An operator's review: a summary-only feed's two-sentence teasers came in as whole stories,
    with nothing to tell the editor."""
    feed = tmp_path / "feed.xml"
    feed.write_text(FEED)
    out, _, code = run(str(feed), "--dry-run")
    assert code == 0
    assert f"NOTE {feed}#1: the feed gives only a summary of this story" in out
    ferry, budget = import_paths(paths=[feed])
    assert (ferry.outcome, budget.outcome) == ("imported", "imported")
    assert ferry.reason == (
        "the feed gives only a summary of this story (23 words): the whole story is at "
        "https://harbour.example.com/ferry"
    )
    assert not budget.reason  # its content:encoded is the story


BODY = (
    "The central library will open until nine in the evening from next month, the council said, after a "
    "survey found strong demand from students and working parents who cannot visit during the day."
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data"),
    [
        # Excel's "Unicode Text": UTF-16 with tabs between the cells (decoding collapsed the tabs)
        (
            "export.txt",
            f"title\tbyline\tbody\r\nLibrary hours extended\tJane Roe\t{BODY}\r\n".encode("utf-16"),
        ),
        ("export.tsv", f"Title\tBody\tDate (UTC)\nLibrary hours extended\t{BODY}\t2025-03-01\n".encode()),
        ("export.csv", f'sep=;\ntitle;body\nLibrary hours extended;"{BODY}"\n'.encode()),  # Excel's hint
        ("export.csv", f'title;body;\nLibrary hours extended;"{BODY}";\n'.encode()),  # an empty last column
    ],
)
def test_spreadsheet_exports_in_their_several_shapes(tmp_path, name, data):
    """A reviewer's exports: each was refused whole ("needs a header row") or, as UTF-16 text,
    imported as one story titled "title body"."""
    export = tmp_path / name
    export.write_bytes(data)
    [result] = import_paths(paths=[export])
    assert result.outcome == "imported", result.reason
    story = Article.objects.get()
    assert story.title == "Library hours extended"
    assert story.body_text == BODY


@pytest.mark.django_db
def test_an_unclosed_quote_stops_the_export_there_instead_of_swallowing_the_rows_after_it(tmp_path):
    export = tmp_path / "export.csv"
    export.write_text(
        f'title,body\nFirst story,"{BODY}\nSecond story,{BODY.replace("library", "pool")}\n'
        f"Third story,{BODY.replace('library', 'museum')}\n"
    )
    [result] = import_paths(paths=[export])
    assert result.outcome == "failed"
    assert result.reason.startswith("not valid CSV (") and "the rows after it were not read" in result.reason
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_a_story_named_like_a_folders_document_is_imported(tmp_path):
    """`notice.txt` (a public notice) and `Changes.2024-03-05.txt` were passed over as READMEs."""
    for name in ("notice.txt", "Changes.2024-03-05.txt", "README.md"):
        (tmp_path / name).write_text(STORY.replace("Ferry", f"Ferry ({name})"))
    results = list(import_paths(paths=[tmp_path]))
    assert sorted(result.path.rsplit("/", 1)[1] for result in results) == [
        "Changes.2024-03-05.txt",
        "notice.txt",
    ]


@pytest.mark.django_db
def test_a_word_document_sent_alone_says_what_it_is():
    from articles.importing.pipeline import import_file

    [result] = import_file(data=_docx(), name="story")
    assert result.outcome == "failed"
    assert result.reason == (  # (was "a zip archive (or …)")
        "this is a Word document, not an article: save it as text or HTML to import it"
    )


@pytest.mark.django_db
def test_a_csv_with_blank_lines_over_its_header_and_spaces_after_its_commas(tmp_path):
    export = tmp_path / "export.csv"
    export.write_text(f'\n\ntitle, body\nLibrary hours extended, "{BODY}"\n')
    [result] = import_paths(paths=[export])
    assert (result.outcome, result.path) == ("imported", f"{export}:4")
    assert Article.objects.get().body_text == BODY


@pytest.mark.django_db
def test_a_batch_from_one_site_is_titled_by_its_headlines_not_its_masthead_and_motto(tmp_path):
    """Four dumps of one site: its name over a motto of 13 words (a sentence, too long for the
    batch's template lines) and its menu. The first ones were titled "The Valley Courier", and once
    the name was learned as the site's, the motto became the title."""
    for n, place in enumerate(["Ashford", "Brigham", "Carlow", "Denby"]):
        (tmp_path / f"{n}.txt").write_text(
            f"The Valley Courier\nYour trusted source for local news and views across the valley since 1998.\n"
            f"Home | News | Sport | Opinion\n\nNew bridge opens to traffic in {place}\n\n"
            f"The county opened the bridge in {place} on Monday after two years of work, officials said.\n"
            f"Engineers said the {place} bridge would carry twelve thousand vehicles a day from now on.\n"
            f"The mayor of {place} thanked the crews who worked through the winter to finish it early.\n",
            encoding="utf-8",
        )
    results = list(import_paths(paths=[tmp_path], workers=0))
    assert [Article.objects.get(pk=r.article_id).title for r in results] == [
        f"New bridge opens to traffic in {place}" for place in ["Ashford", "Brigham", "Carlow", "Denby"]
    ]
