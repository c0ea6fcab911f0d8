"""A source that gives a story's day but not its time: the site shows the date alone, not a midnight
the source never wrote."""

import datetime
import json

import pytest
from django.utils import timezone

from articles import workflow
from articles.importing.pipeline import import_file, read_published
from articles.models import Article

DUMP = """Harbour Gazette
Home | News | Sport | Contact
Ferry timetable changes after storm damage to the northern pier
{date}
The island ferry will run from the southern pier until repairs to the northern landing are finished,
the harbour authority said on Tuesday, after last week's storm tore away part of its decking.
Engineers expect the work to take at least six weeks, and the first sailing of the day will leave
twenty minutes earlier so that connecting buses at the southern pier can still be met by passengers.
The authority said freight bookings would not be affected, although lorries may need to queue on the
coast road at busy times, and it asked drivers to follow the marshals' signs near the old customs house.
Residents on the north side of the island have asked for a shuttle bus to the southern pier, which the
council said it would consider at its next meeting once the cost of running it had been estimated.
"""


@pytest.mark.parametrize(
    ("value", "date_only"),
    [
        ("2024-03-05", True),
        ("5 March 2024", True),
        ("Tue, 05 Mar 2024", True),
        ("2024-03-05T00:00:00", True),  # how exports and trafilatura's date reading write a day alone
        ("2024-03-05T00:00:00Z", False),  # a zone given: the source meant the time
        ("2024-03-05T14:30:00", False),
        ("Tue, 05 Mar 2024 09:15:00 +0100", False),
    ],
)
def test_a_day_alone_is_read_as_such(value, date_only):
    published = read_published(value)
    assert published.at is not None and published.at.date() == datetime.date(2024, 3, 5)
    assert published.date_only is date_only


def _import(date_line, **kwargs):
    [result] = import_file(data=DUMP.format(date=date_line).encode(), name="ferry.txt", **kwargs)
    assert result.outcome == "imported", result.reason
    return Article.objects.get(pk=result.article_id)


@pytest.mark.django_db
def test_a_story_dated_by_its_day_shows_the_date_alone(client):
    story = _import("March 5, 2024", status=Article.Status.PUBLISHED)
    assert story.published_date_only
    assert story.published_at == datetime.datetime(2024, 3, 5, tzinfo=datetime.UTC)

    page = client.get(story.get_absolute_url()).content.decode()
    assert '<time datetime="2024-03-05">5 March 2024</time>' in page
    assert "00:00 UTC" not in page and "2024-03-05T00:00" not in page
    assert '<meta property="article:published_time" content="2024-03-05">' in page
    [ld] = [json.loads(block.rsplit(">", 1)[1]) for block in page.split("</script>") if "ld+json" in block]
    assert ld["datePublished"] == "2024-03-05"

    api = client.get(f"/api/articles/{story.slug}/").json()
    assert api["published_date_only"] is True


@pytest.mark.django_db
def test_a_story_with_its_time_shows_the_time(client):
    story = _import("March 5, 2024 14:30 GMT", status=Article.Status.PUBLISHED)
    assert not story.published_date_only
    page = client.get(story.get_absolute_url()).content.decode()
    assert "5 March 2024, 14:30 UTC" in page


@pytest.mark.django_db
def test_the_day_stays_a_day_when_the_story_is_published_and_becomes_a_time_once_someone_sets_one(editor):
    story = _import("March 5, 2024")
    workflow.transition(article=story, to=Article.Status.PUBLISHED, user=editor)
    story.refresh_from_db()
    assert story.published_date_only  # publishing keeps the imported day

    story.published_at = datetime.datetime(2024, 3, 5, 16, 45, tzinfo=datetime.UTC)
    story.save(update_fields=["published_at"])
    story.refresh_from_db()
    assert not story.published_date_only


@pytest.mark.django_db
def test_an_undated_draft_published_now_has_a_time(editor):
    story = _import("")
    assert story.published_at is None and not story.published_date_only
    workflow.transition(article=story, to=Article.Status.PUBLISHED, user=editor)
    story.refresh_from_db()
    assert not story.published_date_only
    assert abs(story.published_at - timezone.now()) < datetime.timedelta(minutes=5)


@pytest.mark.django_db
def test_the_editor_sees_the_flag_beside_the_date(editor_client):
    story = _import("March 5, 2024")
    page = editor_client.get(f"/admin/articles/article/{story.pk}/change/").content.decode()
    assert 'name="published_date_only"' in page and "Time of day unknown" in page


# --- the site's zone --------------------------------------------------------------------------

GERMAN_PAGE = """<!doctype html><html lang="de"><head><meta charset="utf-8">
<title>Bahnstreik legt den Regionalverkehr lahm | Rheinische Rundschau</title>
<link rel="canonical" href="https://www.rundschau-beispiel.de/verkehr/bahnstreik-regionalverkehr">
</head><body><article>
<h1>Bahnstreik legt den Regionalverkehr lahm</h1>
<p class="meta">Von Katrin Bergmann · 12.03.2024, 14:35 Uhr</p>
<p>Wer in den kommenden Tagen mit dem Zug zur Arbeit fahren will, braucht starke Nerven: Die Gewerkschaft
hat ihre Mitglieder für Mittwoch bis Samstag zum Streik aufgerufen. Betroffen ist vor allem der Regionalverkehr.</p>
<p>Die Bahn kündigte einen Notfahrplan an, mit dem etwa ein Fünftel der Züge fahren soll. Rund um Köln und
Düsseldorf rechnet das Unternehmen mit massiven Einschränkungen für Pendler und Schüler in der ganzen Region.</p>
<p>Die Verhandlungen waren am Wochenende ohne Ergebnis abgebrochen worden. Streitpunkt ist vor allem die
Arbeitszeit für Schichtarbeiter, über die beide Seiten seit Monaten ohne Annäherung verhandeln.</p>
</article></body></html>"""


@pytest.mark.django_db
def test_a_time_without_a_zone_is_read_in_the_zone_of_the_sites_country():
    """A reviewer's German page: "14:35 Uhr" was stored as 14:35 UTC; Berlin was an hour ahead."""
    from articles.importing.pipeline import extract_one

    story = extract_one(GERMAN_PAGE.encode(), name="bahn.html")
    assert story.published_at == datetime.datetime(2024, 3, 12, 13, 35, tzinfo=datetime.UTC)
    assert not story.published_date_only


@pytest.mark.parametrize(
    ("url", "value", "expected"),
    [
        # "BST" means two places (British Summer Time, Bangladesh): on a British site in summer it
        # is British Summer Time.
        ("https://www.gazette.example.co.uk/a", "2024-07-05 14:30 BST", "2024-07-05T13:30:00+00:00"),
        ("https://www.gazette.example.co.uk/a", "2024-07-05 14:30", "2024-07-05T13:30:00+00:00"),
        ("https://www.gazette.example.co.uk/a", "2024-07-05 14:30 +0200", "2024-07-05T12:30:00+00:00"),
        ("https://www.gazette.example.fr/a", "2024-01-05 09:00", "2024-01-05T08:00:00+00:00"),
        # A country whose zones disagree (Madrid, the Canaries), a borrowed domain, a generic one:
        # the newsroom's zone.
        ("https://www.diario.example.es/a", "2024-07-05 14:30", "2024-07-05T14:30:00+00:00"),
        ("https://news.example.io/a", "2024-07-05 14:30", "2024-07-05T14:30:00+00:00"),
        ("https://news.example.com/a", "2024-07-05 14:30", "2024-07-05T14:30:00+00:00"),
    ],
)
def test_a_sites_zone_reads_its_times(url, value, expected):
    from articles.importing.zones import site_zone

    assert read_published(value, site=site_zone(url)).at.astimezone(datetime.UTC).isoformat() == expected


def test_a_day_alone_stays_the_newsrooms_day_and_a_zone_name_outside_its_season_is_not_read():
    from articles.importing.zones import site_zone

    british = site_zone("https://www.gazette.example.co.uk/a")
    day = read_published("2024-07-05", site=british)
    assert (day.at.isoformat(), day.date_only) == ("2024-07-05T00:00:00+00:00", True)
    winter = read_published("2024-01-05 14:30 BST", site=british)  # no summer time in January
    assert winter.at is None and "ambiguous" in winter.problem


@pytest.mark.django_db
def test_an_exports_record_is_read_in_the_zone_of_its_address(tmp_path):
    from articles.importing.pipeline import import_paths

    export = tmp_path / "export.jsonl"
    export.write_text(
        json.dumps(
            {
                "title": "Ferry timetable changes",
                "body": DUMP.split("\n", 4)[4],
                "url": "https://www.harbour.example.ie/ferry",
                "published": "2024-07-05 09:15",
            }
        )
    )
    [result] = import_paths(paths=[export])
    assert result.outcome == "imported", result.reason
    assert Article.objects.get().published_at == datetime.datetime(2024, 7, 5, 8, 15, tzinfo=datetime.UTC)


def test_a_named_zone_at_midnight_and_in_the_hour_the_clocks_go_back():
    """A reviewer's cases: "00:00 BST" was read as a day alone at 00:00 UTC (an hour off), and
    "01:30 BST" as the clocks went back was refused although BST names one of the two."""
    from articles.importing.zones import site_zone

    british = site_zone("https://www.gazette.example.co.uk/a")
    assert read_published("2024-07-01 00:00 BST", site=british).at.astimezone(datetime.UTC).isoformat() == (
        "2024-06-30T23:00:00+00:00"
    )
    assert read_published("2024-10-27 01:30 BST", site=british).at.astimezone(datetime.UTC).isoformat() == (
        "2024-10-27T00:30:00+00:00"
    )
    indian = read_published("2024-07-01 00:00 IST", site=site_zone("https://www.daily.example.in/a"))
    assert indian.at.astimezone(datetime.UTC).isoformat() == "2024-06-30T18:30:00+00:00"
    assert not indian.date_only


@pytest.mark.django_db
def test_the_news_sitemap_gives_a_day_alone_as_a_day(client):
    import xml.etree.ElementTree as ET

    from tests.factories import ArticleFactory

    today = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    ArticleFactory(
        title="Fresh", published_at=today, published_date_only=True, status=Article.Status.PUBLISHED
    )
    news = ET.fromstring(client.get("/news-sitemap.xml").content)
    news_ns = "{http://www.google.com/schemas/sitemap-news/0.9}"
    assert [element.text for element in news.iter(f"{news_ns}publication_date")] == [today.date().isoformat()]


@pytest.mark.django_db
def test_the_import_preview_says_the_source_gives_no_time(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    dump = SimpleUploadedFile("ferry.txt", DUMP.format(date="March 5, 2024").encode())
    page = editor_client.post(reverse("admin:articles_article_import"), {"files": dump, "status": "draft"})
    assert "5 March 2024 (the source gives no time of day)" in page.content.decode()
