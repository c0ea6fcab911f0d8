"""The public story pages: home, story, list and search, feeds, sitemaps, metadata, drafts, caching."""

import datetime
import json
import re
import time
import xml.etree.ElementTree as ET
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.related import related_stories
from entities.models import EntityLink, Mention
from tests.factories import (
    ArticleFactory,
    CountryFactory,
    EntityLinkFactory,
    LeaderFactory,
    MembershipFactory,
    MentionFactory,
    OfficeFactory,
    OrganizationFactory,
    SourceFactory,
    linked_story,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def json_ld_of(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json" nonce="([^"]+)">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD with a nonce"
    return json.loads(match.group(2))


@pytest.fixture
def belarus_sco():
    """Belarus (SCO member since July 2024), the SCO, Lukashenko (President of Belarus since 1994)."""
    belarus = CountryFactory(name="Belarus", capital="Minsk", region="Europe", wikidata_id="Q184")
    sco = OrganizationFactory(name="Shanghai Cooperation Organisation", acronym="SCO", wikidata_id="Q485207")
    lukashenko = LeaderFactory(name="Alexander Lukashenko")
    OfficeFactory(leader=lukashenko, country=belarus, title="President", start=datetime.date(1994, 7, 20))
    MembershipFactory(organization=sco, country=belarus, since=datetime.date(2024, 7, 4))
    return belarus, sco, lukashenko


class TestStoryPage:
    def test_story_page_content(self, client, belarus_sco):
        belarus, sco, lukashenko = belarus_sco
        source = SourceFactory(name="Wire")
        story = linked_story(
            [belarus, sco, lukashenko],
            paragraphs=[
                "Belarus joined the Shanghai Cooperation Organisation. Belarus is happy.",
                "Alexander Lukashenko spoke in Minsk about Belarus.",
            ],
            title="Belarus joins the bloc",
            dek="A summit in Astana.",
            byline="A. Reporter",
            source=source,
            source_url="https://wire.example/belarus",
        )
        response = client.get(story.get_absolute_url())
        assert response.status_code == 200
        html = response.content.decode()
        assert '<h1 id="story-title">Belarus joins the bloc</h1>' in html
        assert "A summit in Astana." in html and "By A. Reporter" in html
        assert 'href="https://wire.example/belarus"' in html
        # Confirmed mentions linked: Belarus once in paragraph 1 (not twice), once more in paragraph 2.
        body = html.split('<div class="story-body">')[1].split("</div>")[0]
        assert body.count(f'href="{belarus.get_absolute_url()}"') == 2
        assert body.count(f'href="{lukashenko.get_absolute_url()}"') == 1
        # "In this story" panel grouped by kind with one line of context each.
        assert "In this story" in html
        assert "President of Belarus since July 1994" in html
        assert "SCO member since July 2024" in html
        # Knowledge-base facts tying the entities together.
        assert "Belarus joined the SCO as a full member in July 2024." in html
        assert "Alexander Lukashenko has been President of Belarus since July 1994." in html
        # Metadata.
        assert f'<link rel="canonical" href="http://testserver{story.get_absolute_url()}">' in html
        assert '<meta property="og:title" content="Belarus joins the bloc">' in html
        assert '<meta name="twitter:card" content="summary">' in html

    def test_json_ld_about_mentions_same_as_and_nonce(self, client, belarus_sco):
        belarus, sco, lukashenko = belarus_sco
        story = linked_story([belarus, sco, lukashenko], relevance={sco: "about", belarus: "about"})
        response = client.get(story.get_absolute_url())
        html = response.content.decode()
        data = json_ld_of(html)
        nonce = re.search(r'<script type="application/ld\+json" nonce="([^"]+)">', html).group(1)
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        assert data["@type"] == "NewsArticle" and data["headline"] == story.title
        about = {thing["name"]: thing for thing in data["about"]}
        assert set(about) == {"Belarus", "Shanghai Cooperation Organisation"}
        assert about["Belarus"]["sameAs"] == "https://www.wikidata.org/wiki/Q184"
        assert about["Belarus"]["url"] == f"http://testserver{belarus.get_absolute_url()}"
        assert [thing["name"] for thing in data["mentions"]] == ["Alexander Lukashenko"]
        assert data["mentions"][0]["@type"] == "Person"

    def test_story_in_another_language_is_marked_so(self, client):
        """Screen readers and search engines read a Russian story as Russian on an English site."""
        russian = ArticleFactory(
            title="Саммит БРИКС в Казани",
            slug="sammit-briks",
            dek="Министры встретились.",
            language="ru",
            published_at=NOW,
        )
        unknown = ArticleFactory(title="Story of unknown language", language="", published_at=NOW)
        html = client.get(russian.get_absolute_url()).content.decode()
        assert '<h1 id="story-title" lang="ru">Саммит БРИКС в Казани</h1>' in html
        assert '<p class="dek" lang="ru">Министры встретились.</p>' in html
        assert '<div class="story-body" lang="ru">' in html
        assert html.count('lang="ru"') == 3  # not the site's own words about it (byline, date)
        assert json_ld_of(html)["inLanguage"] == "ru"
        html = client.get(unknown.get_absolute_url()).content.decode()
        assert '<h1 id="story-title">Story of unknown language</h1>' in html
        assert '<div class="story-body">' in html
        assert "inLanguage" not in json_ld_of(html)
        listing = client.get(reverse("articles:list")).content.decode()
        assert f'<a href="{russian.get_absolute_url()}" lang="ru">Саммит БРИКС в Казани</a>' in listing
        assert '<p class="dek" lang="ru">Министры встретились.</p>' in listing
        assert f'<a href="{unknown.get_absolute_url()}">Story of unknown language</a>' in listing

    def test_json_ld_cannot_break_out_of_the_script(self, client):
        story = ArticleFactory(
            title="</script><script>alert(1)</script>", body_html="<p>Safe.</p>", body_text="Safe."
        )
        html = client.get(story.get_absolute_url()).content.decode()
        assert "<script>alert(1)" not in html
        assert json_ld_of(html)["headline"] == story.title

    def test_suggested_and_rejected_mentions_are_not_links(self, client):
        china = CountryFactory(name="China")
        india = CountryFactory(name="India")
        story = ArticleFactory(body_html="<p>China and India talk.</p>", body_text="China and India talk.")
        MentionFactory(article=story, entity=china, start=0, end=5, status=Mention.Status.SUGGESTED)
        MentionFactory(article=story, entity=india, start=10, end=15, status=Mention.Status.REJECTED)
        html = client.get(story.get_absolute_url()).content.decode()
        assert "entity-link" not in html

    def test_date_unknown(self, client):
        story = ArticleFactory(published_at=None)
        assert "Date unknown" in client.get(story.get_absolute_url()).content.decode()

    def test_story_thread_previous_and_next_about_main_entity(self, client):
        china = CountryFactory(name="China")
        older = linked_story(
            [china], title="Older China story", published_at=NOW - datetime.timedelta(days=3)
        )
        story = linked_story(
            [china], title="Middle China story", published_at=NOW - datetime.timedelta(days=2)
        )
        newer = linked_story(
            [china], title="Newer China story", published_at=NOW - datetime.timedelta(days=1)
        )
        linked_story(
            [china],
            title="Draft China story",
            status=Article.Status.DRAFT,
            published_at=NOW - datetime.timedelta(days=1, hours=12),
        )
        html = client.get(story.get_absolute_url()).content.decode()
        thread = html.split('class="thread"')[1].split("</nav>")[0]
        assert f'rel="prev" href="{older.get_absolute_url()}"' in thread
        assert f'rel="next" href="{newer.get_absolute_url()}"' in thread
        assert "Draft China story" not in html

    def test_stories_of_the_same_moment_form_one_chain(self, client):
        """Feeds that give only a day import at midnight: three such stories pointed at each other
        (two "Previous" links to the third, no "Next") and one could not be reached."""
        mongolia = CountryFactory(name="Mongolia")
        day = NOW - datetime.timedelta(days=5)
        stories = [linked_story([mongolia], title=f"Mongolia story {n}", published_at=day) for n in range(3)]

        def thread_of(story):
            html = client.get(story.get_absolute_url()).content.decode()
            part = html.split('class="thread"')[1].split("</nav>")[0] if 'class="thread"' in html else ""
            prev = re.search(r'rel="prev" href="([^"]+)"', part)
            nxt = re.search(r'rel="next" href="([^"]+)"', part)
            return (prev and prev[1], nxt and nxt[1])

        first, middle, last = stories
        assert thread_of(first) == (None, middle.get_absolute_url())
        assert thread_of(middle) == (first.get_absolute_url(), last.get_absolute_url())
        assert thread_of(last) == (middle.get_absolute_url(), None)


class TestRelated:
    def test_rare_shared_entity_outranks_common_one(self):
        usa, sco, china, belarus = (
            CountryFactory(name=n) for n in ("United States", "XSCO", "China", "Belarus")
        )
        # Background: the United States is in many stories, the SCO in few.
        for _ in range(8):
            linked_story([usa])
        story = linked_story([usa, sco, china])
        shares_usa_and_china = linked_story([usa, china], title="Shares US and China")
        shares_sco = linked_story([sco], title="Shares SCO")
        shares_usa = linked_story([usa], title="Shares US only", published_at=NOW)
        linked_story([sco, china], title="Draft sharing everything rare", status=Article.Status.REVIEW)
        linked_story([belarus], title="Shares nothing")
        related = related_stories(story, limit=4)
        titles = [item.article.title for item in related]
        assert titles[:2] == ["Shares US and China", "Shares SCO"]
        assert "Shares US only" in titles
        assert "Draft sharing everything rare" not in titles and "Shares nothing" not in titles
        assert [e.name for e in related[0].shared] == ["China", "United States"]
        assert related[0].score > related[1].score > related[-1].score
        assert shares_usa_and_china.pk != shares_sco.pk != shares_usa.pk

    def test_related_stories_on_the_page_show_what_they_share(self, client):
        sco = OrganizationFactory(name="SCO")
        story = linked_story([sco], title="First SCO story")
        other = linked_story([sco], title="Second SCO story")
        html = client.get(story.get_absolute_url()).content.decode()
        related = html.split('id="related-heading"')[1]
        assert other.get_absolute_url() in related
        assert "Also about:" in related and ">SCO</a>" in related


class TestHomeAndList:
    def test_home_lists_latest_and_most_covered(self, client):
        china = CountryFactory(name="China")
        india = CountryFactory(name="India")
        for _ in range(3):
            linked_story([china])
        linked_story([india], title="India story")
        linked_story([india], title="Old India story", published_at=NOW - datetime.timedelta(days=60))
        linked_story([india], title="Draft India story", status=Article.Status.DRAFT)
        html = client.get("/").content.decode()
        assert "India story" in html and "Draft India story" not in html
        trending = html.split('id="trending-heading"')[1].split("</ol>")[0]
        assert trending.index("China") < trending.index("India")
        assert "3 stories" in trending and "1 story" in trending
        for name in ("country_list", "leader_list", "organization_list"):
            assert reverse(f"entities:{name}") in html

    def test_filters_combine_and_state_is_in_the_url(self, client):
        china, india, sco = CountryFactory(name="China"), CountryFactory(name="India"), OrganizationFactory()
        wire = SourceFactory(name="Wire")
        both = linked_story([china, india], title="China and India", source=wire)
        linked_story([china], title="China only", source=wire)
        linked_story([china, india], title="China India elsewhere")
        linked_story([sco], title="Organization story", published_at=NOW - datetime.timedelta(days=40))
        response = client.get(
            "/stories/", {"entity": [china.slug, india.slug], "source": wire.slug, "q": "India"}
        )
        html = response.content.decode()
        assert both.title in html
        assert "China only" not in html and "China India elsewhere" not in html
        assert "1 story" in html
        kind_html = client.get("/stories/", {"kind": "organization"}).content.decode()
        assert "Organization story" in kind_html and "China only" not in kind_html
        after = (NOW - datetime.timedelta(days=10)).date().isoformat()
        dated = client.get("/stories/", {"published_after": after}).content.decode()
        assert "Organization story" not in dated and "China only" in dated
        # The form keeps the state and pagination links keep the filters.
        assert f'<option value="{china.slug}" selected>' in html

    def test_pagination_keeps_filters(self, client):
        china = CountryFactory(name="China")
        for _ in range(25):
            linked_story([china])
        html = client.get("/stories/", {"entity": china.slug}).content.decode()
        assert f"entity={china.slug}&amp;page=2" in html
        page2 = client.get("/stories/", {"entity": china.slug, "page": 2}).content.decode()
        assert page2.count('class="story-item"') == 5
        # A page that does not exist is not found (it showed the last page under its address).
        for missing in ("0", "-1", "3", "99999", "two"):
            assert client.get("/stories/", {"entity": china.slug, "page": missing}).status_code == 404
        assert client.get("/stories/", {"q": "nothing matches this"}).status_code == 200  # no results: page 1

    def test_search_finds_words_and_highlights(self, client):
        ArticleFactory(
            title="Grain deal signed",
            body_text="Ministers signed the grain corridor deal in Istanbul <today>.",
            body_html="<p>Ministers signed the grain corridor deal in Istanbul &lt;today&gt;.</p>",
        )
        ArticleFactory(title="Unrelated", body_text="Nothing here.", body_html="<p>Nothing here.</p>")
        ArticleFactory(
            title="Draft corridor",
            body_text="grain corridor secret",
            body_html="<p>grain corridor secret</p>",
            status=Article.Status.DRAFT,
        )
        html = client.get("/search/", {"q": "grain corridor"}).content.decode()
        assert "Grain deal signed" in html
        assert "Unrelated" not in html and "Draft corridor" not in html
        assert re.search(r"<mark>(grain|corridor)</mark>", html, re.I)
        assert "<today>" not in html  # escaped by the fallback, dropped as a tag by ts_headline
        if connection.vendor != "postgresql":
            assert "&lt;today&gt;" in html

    def test_a_straight_apostrophe_finds_a_typographic_one(self, client):
        ArticleFactory(
            title="Summit in Minsk",
            body_text="Lukashenko’s guests arrived on Monday.",
            body_html="<p>Lukashenko’s guests arrived on Monday.</p>",
        )
        for query in ("Lukashenko's guests", "Lukashenko’s guests"):
            assert "Summit in Minsk" in client.get("/search/", {"q": query}).content.decode(), query

    def test_search_ranks_title_matches_first_on_postgresql(self, client):
        if connection.vendor != "postgresql":
            pytest.skip("ranking by weight needs PostgreSQL; the SQLite fallback orders by date")
        ArticleFactory(
            title="Weather report",
            body_text="Sanctions were mentioned once.",
            body_html="<p>Sanctions were mentioned once.</p>",
            published_at=NOW,
        )
        ArticleFactory(
            title="Sanctions tighten",
            body_text="A story about trade.",
            body_html="<p>A story about trade.</p>",
            published_at=NOW - datetime.timedelta(days=5),
        )
        html = client.get("/search/", {"q": "sanctions"}).content.decode()
        assert html.index("Sanctions tighten") < html.index("Weather report")

    def test_broad_search_lists_newest_first_past_the_rank_limit(self, client, settings):
        settings.NEWSROOM_SEARCH_RANK_LIMIT = 1
        ArticleFactory(
            title="Sanctions sanctions sanctions",
            body_text="Sanctions.",
            body_html="<p>Sanctions.</p>",
            published_at=NOW - datetime.timedelta(days=3),
        )
        ArticleFactory(
            title="Weather", body_text="Sanctions once.", body_html="<p>Sanctions once.</p>", published_at=NOW
        )
        html = client.get("/search/", {"q": "sanctions"}).content.decode()
        assert html.index("Weather") < html.index("Sanctions sanctions sanctions")
        assert ("newest first" in html) is (connection.vendor == "postgresql")


class TestDraftsNeverLeak:
    """Every public URL type × draft / review / scheduled (hidden) and published (shown)."""

    STATES = {
        "draft": {"status": Article.Status.DRAFT},
        "review": {"status": Article.Status.REVIEW},
        "scheduled": {"status": Article.Status.PUBLISHED, "published_at": NOW + datetime.timedelta(days=1)},
        "published": {"status": Article.Status.PUBLISHED},
    }

    def public_urls(self, story, entity):
        return [
            "/",
            "/stories/",
            f"/stories/?entity={entity.slug}",
            "/search/?q=Zebrafinch",
            entity.get_absolute_url(),
            "/feeds/rss/",
            "/feeds/atom/",
            f"/feeds/country/{entity.slug}/rss/",
            f"/feeds/country/{entity.slug}/atom/",
            "/sitemap.xml",
            "/news-sitemap.xml",
        ]

    @pytest.mark.parametrize("state", ["draft", "review", "scheduled", "published"])
    def test_matrix(self, client, state):
        entity = CountryFactory(name="Atlantis", region="Europe")
        neighbour = linked_story([entity], title="Visible neighbour story")
        story = linked_story(
            [entity],
            title="Zebrafinch exclusive",
            paragraphs=["Atlantis and the Zebrafinch exclusive."],
            **self.STATES[state],
        )
        shown = state == "published"
        detail = client.get(story.get_absolute_url())
        assert detail.status_code == (200 if shown else 404)
        for url in self.public_urls(story, entity):
            html = client.get(url).content.decode()
            assert ("Zebrafinch exclusive" in html or story.slug in html) is shown, (url, state)
        # Counts: the directory and the entity page count published stories only.
        directory = client.get(reverse("entities:country_list")).content.decode()
        assert f"{2 if shown else 1} stor" in directory.split("Atlantis")[1][:80]
        # Related stories and the thread of the neighbour never point at the hidden story.
        neighbour_html = client.get(neighbour.get_absolute_url()).content.decode()
        assert ("Zebrafinch exclusive" in neighbour_html) is shown
        # Co-occurrence and charts: an entity only in the hidden story gets no count from it.
        other = CountryFactory(name="Lemuria")
        EntityLinkFactory(article=story, entity=other, relevance=EntityLink.Relevance.MENTIONS)
        cache.clear()
        entity_html = client.get(entity.get_absolute_url()).content.decode()
        assert ("Lemuria" in entity_html) is shown
        caption = entity_html.split('id="coverage-title"')[1].split("</figcaption>")[0]
        assert caption.endswith(": 2 stories." if shown else ": 1 story.")

    def test_editor_previews_a_draft_with_a_banner(self, editor_client):
        story = ArticleFactory(title="Unpublished scoop", status=Article.Status.DRAFT)
        response = editor_client.get(story.get_absolute_url())
        assert response.status_code == 200
        html = response.content.decode()
        assert "Preview:" in html and "draft" in html and 'content="noindex, nofollow"' in html

    def test_preview_is_never_cached_for_readers(self, client, editor_client):
        story = ArticleFactory(title="Unpublished scoop", status=Article.Status.DRAFT)
        assert editor_client.get(story.get_absolute_url()).status_code == 200
        client.logout()
        from django.test import Client

        assert Client().get(story.get_absolute_url()).status_code == 404


class TestListPages:
    def test_an_empty_entity_choice_is_no_choice(self, client):
        """ "?entity=&q=brics" said "Select a valid choice" and "0 stories for 'brics'"."""
        ArticleFactory(title="Brics summit opens", body_text="The BRICS summit opened today.")
        response = client.get("/stories/", {"entity": "", "q": "brics"})
        page = response.content.decode()
        assert "Select a valid choice" not in page
        assert response.context["result_count"] == 1

    def test_a_bad_filter_is_tied_to_its_field_and_no_count_is_claimed(self, client):
        ArticleFactory(title="Brics summit opens")
        page = client.get("/stories/", {"kind": "bogus", "q": "brics"}).content.decode()
        assert 'aria-describedby="id_kind_helptext id_kind_error"' in page
        assert 'id="id_kind_helptext"' in page and 'id="id_kind_error"' in page
        assert "0 stories" not in page and "Check the filters" in page
        entity = client.get("/stories/", {"entity": "no-such-entity"}).content.decode()
        assert 'aria-invalid="true"' in entity and 'id="id_entity_error"' in entity

    def test_pages_say_newer_and_older_only_in_date_order(self, client, settings):
        for n in range(25):
            ArticleFactory(title=f"Story {n:02d}", published_at=NOW - datetime.timedelta(days=n))
        by_date = client.get("/stories/").content.decode()
        assert "Older →" in by_date
        by_title = client.get("/stories/", {"ordering": "title"}).content.decode()
        assert "Next →" in by_title and "Older" not in by_title


class TestFeedsAndSitemaps:
    def test_feed_descriptions_end_at_a_word(self, client):
        body = " ".join(f"word{n}" for n in range(200))
        ArticleFactory(title="Long story", dek="", body_text=body, body_html=f"<p>{body}</p>")
        [item] = ET.fromstring(client.get("/feeds/rss/").content).iter("item")
        description = item.findtext("description")
        assert description.endswith(" …") and len(description) <= 400
        assert description[:-2].split()[-1] in body.split()  # a whole word before the ellipsis

    def test_a_storys_table_rows_are_not_its_description(self, client):
        """A story with a table under its opening paragraph: its link preview and its feed entry
        read "… in the United States. Service | Tip Full service restauran…" (the rows of the
        table, on the lines of the page's meta tags)."""
        body = (
            "Tipping rules differ from one country to the next, and travellers are often unsure.\n\n"
            "Service | Tip\n\nFull service restaurant | 20%\n\n"
            "The chart sums up what most servers expect, the survey's authors said."
        )
        story = ArticleFactory(title="How much to tip", dek="", body_text=body, body_html=f"<p>{body}</p>")
        page = client.get(story.get_absolute_url()).content.decode()
        [description] = re.findall(r'<meta property="og:description" content="([^"]*)"', page)
        assert description == (
            "Tipping rules differ from one country to the next, and travellers are often unsure. The chart "
            "sums up what most servers expect, the survey&#x27;s authors said."
        )
        [item] = ET.fromstring(client.get("/feeds/rss/").content).iter("item")
        assert "Service | Tip" not in item.findtext("description")
        assert item.findtext("description").startswith("Tipping rules differ")

    def test_feeds_quote_markup_in_stories_as_text(self, client):
        """Titles and descriptions went out raw: readers that render them as HTML ran the
        "<img onerror>" of a title and the "<script>" a story quoted."""
        ArticleFactory(
            title="Tom & Jerry <img src=x onerror=alert(1)>",
            dek="The snippet <script>alert(1)</script> was shown",
            body_text="Body.",
            body_html="<p>Body.</p>",
        )
        [item] = ET.fromstring(client.get("/feeds/rss/").content).iter("item")
        assert item.findtext("title") == "Tom &amp; Jerry &lt;img src=x onerror=alert(1)&gt;"
        assert item.findtext("description") == "The snippet &lt;script&gt;alert(1)&lt;/script&gt; was shown"
        atom_ns = "{http://www.w3.org/2005/Atom}"
        [entry] = ET.fromstring(client.get("/feeds/atom/").content).iter(f"{atom_ns}entry")
        assert entry.findtext(f"{atom_ns}title") == "Tom & Jerry <img src=x onerror=alert(1)>"  # type text
        summary = entry.find(f"{atom_ns}summary")
        assert summary.get("type") == "html"
        assert summary.text == "The snippet &lt;script&gt;alert(1)&lt;/script&gt; was shown"

    def test_feeds_parse_with_expected_items(self, client):
        china = CountryFactory(name="China")
        story = linked_story([china], title="China story")
        linked_story([CountryFactory(name="Peru")], title="Peru story")
        ArticleFactory(title="Draft story", status=Article.Status.DRAFT)
        rss = ET.fromstring(client.get("/feeds/rss/").content)
        titles = [item.findtext("title") for item in rss.iter("item")]
        assert set(titles) == {"China story", "Peru story"}
        atom_ns = "{http://www.w3.org/2005/Atom}"
        atom = ET.fromstring(client.get("/feeds/atom/").content)
        assert {e.findtext(f"{atom_ns}title") for e in atom.iter(f"{atom_ns}entry")} == titles_set(titles)
        per_entity = ET.fromstring(client.get(f"/feeds/country/{china.slug}/rss/").content)
        links = [item.findtext("link") for item in per_entity.iter("item")]
        assert links == [f"http://testserver{story.get_absolute_url()}"]
        assert client.get("/feeds/country/no-such-place/rss/").status_code == 404

    def test_sitemaps_and_robots(self, client):
        china = CountryFactory(name="China")
        story = linked_story([china], title="Fresh")
        old = linked_story([china], title="Old", published_at=NOW - datetime.timedelta(days=5))
        ArticleFactory(title="Draft", status=Article.Status.DRAFT, slug="secret-draft")
        ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
        locs = sitemap_locations(client)
        assert f"http://testserver{story.get_absolute_url()}" in locs
        assert f"http://testserver{old.get_absolute_url()}" in locs
        assert f"http://testserver{china.get_absolute_url()}" in locs
        assert not any("secret-draft" in loc for loc in locs)
        news = ET.fromstring(client.get("/news-sitemap.xml").content)
        news_ns = "{http://www.google.com/schemas/sitemap-news/0.9}"
        assert [loc.text for loc in news.iter(f"{ns}loc")] == [f"http://testserver{story.get_absolute_url()}"]
        assert [t.text for t in news.iter(f"{news_ns}title")] == ["Fresh"]
        robots = client.get("/robots.txt").content.decode()
        assert "Sitemap: http://testserver/sitemap.xml" in robots and "Disallow: /admin/" in robots

    @pytest.mark.parametrize(
        ("language", "code"),
        [("", "en"), ("en-GB", "en"), ("ceb", "ceb"), ("zh", "zh-cn"), ("zh-TW", "zh-tw"), ("uk", "uk")],
    )
    def test_news_sitemap_names_each_storys_language_as_google_news_asks(self, client, language, code):
        """ISO 639 alone, Chinese as zh-cn or zh-tw ("ceb" was cut to "ce", Chechen)."""
        ArticleFactory(title="Fresh", language=language, published_at=NOW)
        news = ET.fromstring(client.get("/news-sitemap.xml").content)
        news_ns = "{http://www.google.com/schemas/sitemap-news/0.9}"
        assert [element.text for element in news.iter(f"{news_ns}language")] == [code]


def sitemap_locations(client) -> set[str]:
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    return {loc.text for loc in ET.fromstring(client.get("/sitemap.xml").content).iter(f"{ns}loc")}


def titles_set(titles):
    return set(titles)


class TestHeadersAndErrors:
    def test_security_headers(self, client):
        response = client.get("/")
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in csp

    def test_site_404_template(self, client):
        response = client.get("/stories/no-such-story/")
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()
        assert 'class="site-header"' in response.content.decode()

    def test_site_500_template(self, client, settings):
        from django.test import Client
        from django.urls import path

        def boom(request):
            raise RuntimeError("boom")

        import newsroom.urls

        settings.ROOT_URLCONF = type(
            "urls", (), {"urlpatterns": [path("boom/", boom), *newsroom.urls.urlpatterns]}
        )
        response = Client(raise_request_exception=False).get("/boom/")
        assert response.status_code == 500
        assert "Something went wrong" in response.content.decode()


class TestCaching:
    def test_anonymous_pages_are_cached_and_invalidated_on_publish_edit_unpublish(self, client):
        china = CountryFactory(name="China")
        story = linked_story([china], title="First headline")
        assert client.get(story.get_absolute_url())["X-Page-Cache"] == "miss"
        assert client.get(story.get_absolute_url())["X-Page-Cache"] == "hit"
        assert client.get("/")["X-Page-Cache"] == "miss"
        assert client.get("/")["X-Page-Cache"] == "hit"

        # Edit: the new headline shows everywhere at once.
        story.title = "Edited headline"
        story.save()
        assert "Edited headline" in client.get(story.get_absolute_url()).content.decode()
        assert "Edited headline" in client.get("/").content.decode()
        assert "Edited headline" in client.get(china.get_absolute_url()).content.decode()

        # Unpublish: gone from the page, home, entity page and counts.
        story.status = Article.Status.DRAFT
        story.save(update_fields=["status"])
        assert client.get(story.get_absolute_url()).status_code == 404
        assert "Edited headline" not in client.get("/").content.decode()
        assert "Edited headline" not in client.get(china.get_absolute_url()).content.decode()

        # Publish a new one.
        fresh = linked_story([china], title="Brand new story")
        assert "Brand new story" in client.get("/").content.decode()
        assert "Brand new story" in client.get(china.get_absolute_url()).content.decode()
        assert fresh.get_absolute_url() in client.get("/sitemap.xml").content.decode()

    def test_cached_page_gets_a_fresh_nonce(self, client):
        story = linked_story([CountryFactory()])
        first = client.get(story.get_absolute_url())
        second = client.get(story.get_absolute_url())
        assert second["X-Page-Cache"] == "hit"
        nonces = [re.search(r'nonce="([^"]+)"', r.content.decode()).group(1) for r in (first, second)]
        assert nonces[0] != nonces[1]
        assert f"'nonce-{nonces[1]}'" in second["Content-Security-Policy"]

    def test_link_changes_invalidate(self, client):
        china = CountryFactory(name="China")
        story = ArticleFactory(title="Quiet story")
        assert "Quiet story" not in client.get(china.get_absolute_url()).content.decode()
        EntityLinkFactory(article=story, entity=china)
        assert "Quiet story" in client.get(china.get_absolute_url()).content.decode()

    def test_hits_are_served_before_sessions_with_every_security_header(
        self, client, django_assert_num_queries
    ):
        story = linked_story([CountryFactory()], title="Cached headline")
        for url in ("/", story.get_absolute_url(), "/search/?q=headline", "/stories/"):
            fresh = client.get(url)
            assert fresh["X-Page-Cache"] == "miss"
            with django_assert_num_queries(0):
                hit = client.get(url)
            assert hit["X-Page-Cache"] == "hit"
            assert hit.content.decode().count("Cached headline") == fresh.content.decode().count(
                "Cached headline"
            )
            for header in ("X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
                assert hit[header] == fresh[header]
            policies = [
                re.sub(r"'nonce-[^']+'", "'nonce'", r["Content-Security-Policy"]) for r in (hit, fresh)
            ]
            assert policies[0] == policies[1]
            assert "Cookie" in hit["Vary"]

    def test_a_reader_with_a_session_cookie_still_gets_cached_pages(self, client, settings):
        story = linked_story([CountryFactory()])
        client.get(story.get_absolute_url())
        client.cookies[settings.SESSION_COOKIE_NAME] = "stale-or-anonymous-session"
        assert client.get(story.get_absolute_url())["X-Page-Cache"] == "hit"

    def test_staff_bypass_the_cache(self, editor_client):
        story = ArticleFactory()
        assert "X-Page-Cache" not in editor_client.get(story.get_absolute_url())

    def test_scheduled_story_appears_when_its_time_comes(self, client):
        """No save happens when a scheduled story goes live: the cached pages must notice anyway."""
        china = CountryFactory(name="China")
        linked_story([china], title="Already out")
        later = linked_story(
            [china], title="Embargoed story", published_at=timezone.now() + datetime.timedelta(hours=1)
        )
        assert "Embargoed story" not in client.get("/").content.decode()
        assert client.get("/")["X-Page-Cache"] == "hit"
        assert client.get(later.get_absolute_url()).status_code == 404

        in_two_hours = timezone.now() + datetime.timedelta(hours=2)
        with (
            mock.patch("articles.querysets.timezone.now", return_value=in_two_hours),
            mock.patch("articles.caching.time.time", return_value=in_two_hours.timestamp()),
        ):
            home = client.get("/")
            assert home["X-Page-Cache"] == "miss"
            assert "Embargoed story" in home.content.decode()
            assert "Embargoed story" in client.get(china.get_absolute_url()).content.decode()
            assert client.get(later.get_absolute_url()).status_code == 200

    def test_a_due_schedule_bumps_once_without_looking_again(self, monkeypatch):
        """A cache replica that has not seen the bump yet must not make the request loop."""
        from articles import caching

        linked_story([CountryFactory()], published_at=timezone.now() - datetime.timedelta(seconds=1))
        stale = {caching.VERSION_KEY: "old", caching.SCHEDULE_KEY: ("old", time.time() - 1)}
        monkeypatch.setattr(caching.cache, "get_many", lambda keys: dict(stale))
        version = caching.current_version()
        assert version != "old"
        assert cache.get(caching.VERSION_KEY) == version
        assert cache.get(caching.SCHEDULE_KEY) == (version, None)

    def test_story_fragments_are_invalidated_without_the_page_cache(self, client, settings):
        """With whole pages not cached, a story's related stories still come from a fragment
        that unpublishing and publishing the related story invalidate."""
        settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
        sco, belarus = OrganizationFactory(name="Bloc Organisation"), CountryFactory(name="Belarus")
        story = linked_story([sco, belarus], title="Main story")
        other = linked_story([sco, belarus], title="Sister story")
        assert "Sister story" in client.get(story.get_absolute_url()).content.decode()
        other.status = Article.Status.DRAFT
        other.save(update_fields=["status"])
        assert "Sister story" not in client.get(story.get_absolute_url()).content.decode()
        other.status = Article.Status.PUBLISHED
        other.save(update_fields=["status"])
        assert "Sister story" in client.get(story.get_absolute_url()).content.decode()

    def test_an_edit_racing_a_request_is_not_cached_under_the_new_version(
        self, client, settings, monkeypatch
    ):
        """A request reads the row, an editor's correction commits, then the request computes
        the story's fragment: the old body must not be kept for the readers after it."""
        from articles import views

        settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
        story = linked_story([CountryFactory(name="Belarus")], paragraphs=["Belarus said the old thing."])
        real = views.cached_fragment
        raced = []

        def edit_then_compute(name, compute, *, parts=()):
            if name == "story" and not raced:
                raced.append(True)
                fresh = Article.objects.get(pk=story.pk)
                fresh.body_html, fresh.body_text = "<p>Corrected text.</p>", "Corrected text."
                fresh.save()
            return real(name, compute, parts=parts)

        monkeypatch.setattr(views, "cached_fragment", edit_then_compute)
        assert "the old thing" in client.get(story.get_absolute_url()).content.decode()
        page = client.get(story.get_absolute_url()).content.decode()
        assert "Corrected text." in page and "the old thing" not in page

    def test_story_fragment_is_cached(self, client, settings, django_assert_max_num_queries):
        settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
        sco, belarus = OrganizationFactory(name="Bloc Organisation"), CountryFactory(name="Belarus")
        story = linked_story([sco, belarus], title="Main story")
        linked_story([sco, belarus], title="Sister story")
        client.get(story.get_absolute_url())
        with django_assert_max_num_queries(2):  # the story and the scheduled-publication check at most
            assert "Sister story" in client.get(story.get_absolute_url()).content.decode()


def test_renamed_source_shows_at_once_on_a_story_page_with_cached_parts(client, settings):
    """The byline and source line is a cached part of the story: renaming the source refreshes it."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    source = SourceFactory(name="Danube Wire")
    story = linked_story([CountryFactory(name="Austria")], source=source, byline="Petra Lang")
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Source: Danube Wire" in page and "By Petra Lang" in page
    source.name = "Danube News Agency"
    source.save()
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Source: Danube News Agency" in page and "Danube Wire" not in page


def test_reader_pages_never_read_the_import_record(client):
    """Raw originals (a saved page can weigh hundreds of kilobytes) stay in the database."""
    from django.test.utils import CaptureQueriesContext

    china = CountryFactory(name="China")
    story = linked_story([china], original=b"<html>" + b"x" * 100_000)
    linked_story([china])
    for url in (
        "/",
        story.get_absolute_url(),
        "/stories/",
        "/search/?q=news",
        china.get_absolute_url(),
        "/feeds/rss/",
    ):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert not [q["sql"] for q in queries if '"original"' in q["sql"] or '"minhash"' in q["sql"]], url


class TestQueryBounds:
    """The same bound with 1 and with 200 linked stories and entities."""

    @pytest.fixture(params=[1, 200])
    def archive(self, request):
        n = request.param
        hub = CountryFactory(name="Hub", region="Asia")
        org = OrganizationFactory(name="Bloc")
        leader = LeaderFactory(name="Chief Person")
        OfficeFactory(leader=leader, country=hub)
        MembershipFactory(organization=org, country=hub)
        stories = []
        for i in range(n):
            extra = LeaderFactory(name=f"Minister Number{i}")
            OfficeFactory(leader=extra, country=hub, title=f"Minister {i}")
            stories.append(
                linked_story(
                    [hub, extra, org, leader],
                    published_at=NOW - datetime.timedelta(days=i),
                )
            )
        # The page under test links many entities too.
        story = stories[0]
        for i in range(min(n, 60)):
            EntityLinkFactory(
                article=story, entity=OrganizationFactory(name=f"Extra{i}"), relevance="mentions"
            )
        return {"hub": hub, "org": org, "leader": leader, "story": story}

    BOUNDS = {
        "home": 6,
        "story": 20,
        "list": 10,
        "search": 10,
        "country": 12,
        "leader": 12,
        "organization": 12,
        "countries": 6,
        "leaders": 6,
        "organizations": 6,
        "feed": 4,
        "entity_feed": 4,
        "sitemap": 6,
    }

    def test_bounded(self, client, archive, django_assert_max_num_queries):
        urls = {
            "home": "/",
            "story": archive["story"].get_absolute_url(),
            "list": f"/stories/?entity={archive['hub'].slug}",
            "search": "/search/?q=news",
            "country": archive["hub"].get_absolute_url(),
            "leader": archive["leader"].get_absolute_url(),
            "organization": archive["org"].get_absolute_url(),
            "countries": reverse("entities:country_list"),
            "leaders": reverse("entities:leader_list"),
            "organizations": reverse("entities:organization_list"),
            "feed": "/feeds/rss/",
            "entity_feed": f"/feeds/country/{archive['hub'].slug}/atom/",
            "sitemap": "/sitemap.xml",
        }
        for name, bound in self.BOUNDS.items():
            cache.clear()
            with django_assert_max_num_queries(bound):
                response = client.get(urls[name])
            assert response.status_code == 200, name


def test_most_covered_entities_only_rerank_past_the_row_budget(monkeypatch):
    """With the story's entities in more stories than CANDIDATE_ROWS, the rare entity finds the
    candidates and the common one still adds its weight to them."""
    from articles import related

    rare, common = OrganizationFactory(name="Rare Bloc"), CountryFactory(name="Bigland")
    story = linked_story([rare, common], title="Main")
    with_both = linked_story(
        [rare, common], title="Shares both", published_at=NOW - datetime.timedelta(days=9)
    )
    rare_only = linked_story([rare], title="Shares the bloc", published_at=NOW - datetime.timedelta(days=1))
    for n in range(6):
        linked_story([common], title=f"Bigland only {n}")
    monkeypatch.setattr(related, "CANDIDATE_ROWS", 3)  # the bloc's 3 stories fit, Bigland's 8 do not
    ranked = related_stories(story, limit=5)
    assert [item.article for item in ranked] == [with_both, rare_only]
    assert ranked[0].score > ranked[1].score
    monkeypatch.setattr(related, "CANDIDATE_ROWS", 100)  # everything fits: the exact ranking
    exact = related_stories(story, limit=5)
    assert [item.article for item in exact][:2] == [with_both, rare_only]
    assert len(exact) == 5 and {item.article.title for item in exact[2:]} <= {
        f"Bigland only {n}" for n in range(6)
    }


@pytest.mark.django_db
def test_sources_with_only_hidden_stories_are_not_named_to_readers(client, api_client, editor):
    from tests.factories import SourceFactory

    wire = SourceFactory(name="Public Wire")
    trial = SourceFactory(name="Trial Feed Under Evaluation")
    ArticleFactory(source=wire)
    ArticleFactory(source=trial, status=Article.Status.DRAFT)
    page = client.get("/stories/").content.decode()
    assert "Public Wire" in page and "Trial Feed Under Evaluation" not in page
    assert (
        api_client.get("/api/articles/", {"source": trial.slug}).status_code == 400
    )  # as for no such source
    assert api_client.get("/api/articles/", {"source": "no-such-source"}).status_code == 400
    client.force_login(editor)
    assert "Trial Feed Under Evaluation" in client.get("/stories/").content.decode()


def test_a_storys_time_names_the_newsrooms_zone(client, settings):
    """The time was shown in the newsroom's zone but labelled "UTC"."""
    settings.TIME_ZONE = "Europe/Vilnius"
    story = ArticleFactory(published_at=datetime.datetime(2026, 1, 31, 23, 30, tzinfo=datetime.UTC))
    html = client.get(story.get_absolute_url()).content.decode()
    assert ">1 February 2026, 01:30 EET</time>" in html


def test_the_story_filters_speak_to_readers_and_show_every_error(client):
    """The order's error was announced but not shown (its ids missing); the help text described
    the API's parameters ("Entity slug; …") and the orders read "Published (descending)"."""
    html = client.get("/stories/", {"ordering": "newest"}).content.decode()
    assert (
        'id="id_ordering_error"' in html
        and 'aria-describedby="id_ordering_helptext id_ordering_error"' not in html
    )
    assert "Entity slug" not in html and "Source slug" not in html and "(descending)" not in html
    assert '<option value="-published">Newest first</option>' in html
    assert '<option value="" selected>Any kind</option>' in html and ">Any source</option>" in html
    assert "---------" not in html
    assert "<summary>Filters</summary>" in html and "data-keep-open" in html  # an error keeps them open
    html = client.get("/stories/", {"kind": "country", "source": ""}).content.decode()
    assert "<summary>Filters (1 on)</summary>" in html


def test_search_snippets_begin_and_end_at_whole_words(client):
    """Snippets began "…ssed rail freight" and ended mid-word (the SQLite fallback's window)."""
    from articles.snippets import attach_snippets

    words = [f"word{n:03d}" for n in range(120)]
    words[60] = "Minsk"
    story = ArticleFactory(body_text=" ".join(words))
    attach_snippets([story], "Minsk")
    text = re.sub(r"<[^>]+>", "", str(story.snippet)).strip("…")
    pieces = text.split()
    assert pieces[0] in words and pieces[-1] in words and "Minsk" in pieces
    story = ArticleFactory(body_text="\n".join(words))  # paragraphs apart by line breaks only
    attach_snippets([story], "Minsk")
    pieces = re.sub(r"<[^>]+>", "", str(story.snippet)).strip("…").split()
    assert pieces[0] in words and pieces[-1] in words
