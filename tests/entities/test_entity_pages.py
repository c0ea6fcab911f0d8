"""Entity pages (country, leader, organization) and the directories."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from entities.charts import monthly_coverage
from entities.models import Membership
from tests.factories import (
    CountryFactory,
    LeaderFactory,
    MembershipFactory,
    OfficeFactory,
    OrganizationFactory,
    linked_story,
)

pytestmark = pytest.mark.django_db
NOW = timezone.now()


@pytest.fixture
def kb():
    china = CountryFactory(
        name="China", capital="Beijing", region="Asia", flag="🇨🇳", official_name="People's Republic of China"
    )
    belarus = CountryFactory(name="Belarus", capital="Minsk", region="Europe")
    iran = CountryFactory(name="Iran", region="Asia")
    sco = OrganizationFactory(
        name="Shanghai Cooperation Organisation", acronym="SCO", founded=datetime.date(2001, 6, 15)
    )
    xi = LeaderFactory(name="Xi Jinping")
    OfficeFactory(leader=xi, country=china, title="President", start=datetime.date(2013, 3, 14))
    OfficeFactory(
        leader=xi,
        country=china,
        title="Vice President",
        start=datetime.date(2008, 3, 15),
        end=datetime.date(2013, 3, 14),
    )
    MembershipFactory(
        organization=sco,
        country=china,
        status=Membership.Status.FOUNDING_MEMBER,
        since=datetime.date(2001, 6, 15),
    )
    MembershipFactory(organization=sco, country=belarus, since=datetime.date(2024, 7, 4))
    MembershipFactory(
        organization=sco, country=iran, status=Membership.Status.OBSERVER, since=datetime.date(2005, 7, 5)
    )
    return {"china": china, "belarus": belarus, "iran": iran, "sco": sco, "xi": xi}


class TestCountryPage:
    def test_profile_stories_cooccurrence_and_chart(self, client, kb):
        china, sco, xi = kb["china"], kb["sco"], kb["xi"]
        first = linked_story(
            [china, sco],
            paragraphs=["China hosted the Shanghai Cooperation Organisation summit."],
            title="Summit in Tianjin",
            published_at=NOW - datetime.timedelta(days=40),
        )
        second = linked_story(
            [china, xi, sco],
            paragraphs=["China said Xi Jinping will travel.", "The Shanghai Cooperation Organisation met."],
            title="Xi to travel",
            published_at=NOW - datetime.timedelta(days=1),
        )
        linked_story([china, kb["iran"]], title="Draft on Iran", status=Article.Status.DRAFT)
        html = client.get(china.get_absolute_url()).content.decode()
        assert '<h1><span aria-hidden="true">🇨🇳 </span>China</h1>' in html
        assert "Beijing" in html and "People&#x27;s Republic of China" in html
        assert f'<a href="{xi.get_absolute_url()}">Xi Jinping</a>, President' in html
        assert "Vice President" not in html  # former office is not a current leader
        assert "founding member since 2001" in html
        # Stories newest first with the evidence sentence.
        stories = html.split('id="stories-heading"')[1]
        assert stories.index("Xi to travel") < stories.index("Summit in Tianjin")
        assert "“China said Xi Jinping will travel.”" in stories
        assert "Draft on Iran" not in html
        # Co-occurrence with counts (drafts excluded: Iran absent).
        cooc = html.split("Often covered together")[1].split("</ol>")[0]
        assert re.search(r"Shanghai Cooperation Organisation</a> <span class=\"count\">2 stories", cooc)
        assert 'Xi Jinping</a> <span class="count">1 story' in cooc
        assert "Iran" not in cooc
        # Chart as SVG with a text alternative.
        assert '<svg class="coverage-chart"' in html and 'role="img"' in html
        assert 'aria-labelledby="coverage-title"' in html and 'id="coverage-title"' in html
        assert "2 stories." in html.split('id="coverage-title"')[1].split("</figcaption>")[0]
        assert '<th scope="row">' in html
        assert first.pk and second.pk
        # An undated story is counted, but not charted: the caption says so.
        linked_story([kb["china"]], title="Undated note", published_at=None)
        cache.clear()
        html = client.get(kb["china"].get_absolute_url()).content.decode()
        caption = html.split('id="coverage-title"')[1].split("</figcaption>")[0]
        assert "2 stories of 3 in all (the others are older or undated)." in caption

    def test_stories_paginated(self, client, kb):
        for i in range(23):
            linked_story(
                [kb["belarus"]],
                title=f"Belarus story {i:02d}",
                published_at=NOW - datetime.timedelta(hours=i),
            )
        html = client.get(kb["belarus"].get_absolute_url()).content.decode()
        assert html.count('class="story-item"') == 20
        assert "Belarus story 00" in html and "Belarus story 22" not in html
        page2 = client.get(kb["belarus"].get_absolute_url(), {"page": 2}).content.decode()
        assert page2.count('class="story-item"') == 3 and "Belarus story 22" in page2
        for missing in ("0", "3", "x"):
            assert client.get(kb["belarus"].get_absolute_url(), {"page": missing}).status_code == 404
        assert client.get(kb["iran"].get_absolute_url()).status_code == 200  # no stories yet: page 1

    def test_unknown_slug_or_wrong_kind_is_404(self, client, kb):
        assert client.get("/countries/nowhere/").status_code == 404
        assert client.get(f"/leaders/{kb['china'].slug}/").status_code == 404


class TestLeaderAndOrganizationPages:
    def test_leader_offices_with_dates(self, client, kb):
        html = client.get(kb["xi"].get_absolute_url()).content.decode()
        assert "<h1>Xi Jinping</h1>" in html
        assert 'President of <a href="/countries/china/">China</a>, 14 March 2013 – present' in html
        assert (
            'Vice President of <a href="/countries/china/">China</a>, 15 March 2008 – 14 March 2013' in html
        )

    def test_organization_members_grouped_by_status(self, client, kb):
        html = client.get(kb["sco"].get_absolute_url()).content.decode()
        assert "(SCO)" in html and "Founded" in html and "15 June 2001" not in html and "June 2001" in html
        founding = html.split("<dt>Founding members</dt>")[1].split("</dd>")[0]
        members = html.split("<dt>Members</dt>")[1].split("</dd>")[0]
        observers = html.split("<dt>Observers</dt>")[1].split("</dd>")[0]
        assert "China" in founding and "Belarus" in members and "(2024)" in members and "Iran" in observers

    def test_every_membership_status_has_its_group(self, client, kb):
        """A status without a heading made the page fail (NATO's applicants, a 500)."""
        union = OrganizationFactory(name="Union of Everything")
        countries = [CountryFactory(name=f"Country {status.label}") for status in Membership.Status]
        for country, status in zip(countries, Membership.Status, strict=True):
            MembershipFactory(organization=union, country=country, status=status)
        response = client.get(union.get_absolute_url())
        assert response.status_code == 200
        groups = [
            "Founding members",
            "Members",
            "Partner countries",
            "Observers",
            "Dialogue partners",
            "Applicants",
        ]
        headings = re.findall(r"<dt>([^<]+)</dt>", response.content.decode())
        assert [heading for heading in headings if heading in groups] == groups

    def test_partner_countries_and_an_acronym_that_is_the_name(self, client, kb):
        """The BRICS page said "Partner countrys" and "BRICS (BRICS)"."""
        brics = OrganizationFactory(name="BRICS", acronym="BRICS")
        MembershipFactory(organization=brics, country=kb["iran"], status=Membership.Status.PARTNER)
        html = client.get(brics.get_absolute_url()).content.decode()
        assert "<dt>Partner countries</dt>" in html and "countrys" not in html
        assert "<h1>BRICS</h1>" in html


class TestDirectories:
    def test_countries_grouped_by_region_with_counts_and_sortable(self, client, kb):
        for _ in range(2):
            linked_story([kb["iran"]])
        linked_story([kb["china"]])
        linked_story([kb["china"]], status=Article.Status.REVIEW)
        html = client.get(reverse("entities:country_list")).content.decode()
        asia = html.split(">Asia</h2>")[1].split("</section>")[0]
        europe = html.split(">Europe</h2>")[1].split("</section>")[0]
        assert "China" in asia and "Iran" in asia and "Belarus" in europe
        assert re.search(r"China</a> <span class=\"count\">1 story", asia)
        assert re.search(r"Iran</a> <span class=\"count\">2 stories", asia)
        assert asia.index("China") < asia.index("Iran")
        by_count = client.get(reverse("entities:country_list"), {"sort": "stories"}).content.decode()
        asia = by_count.split(">Asia</h2>")[1].split("</section>")[0]
        assert asia.index("Iran") < asia.index("China")

    def test_leaders_and_organizations(self, client, kb):
        linked_story([kb["xi"], kb["sco"]])
        leaders = client.get(reverse("entities:leader_list")).content.decode()
        xi = re.search(r"Xi Jinping</a>(.*?)</li>", leaders).group(1)
        assert "President of China" in xi and '<span class="count">1 story' in xi
        orgs = client.get(reverse("entities:organization_list")).content.decode()
        assert "Shanghai Cooperation Organisation</a> (SCO)" in orgs


def test_monthly_coverage_fills_gaps_and_ignores_drafts(kb):
    this_month = NOW.replace(day=15)
    three_months_ago = (this_month - datetime.timedelta(days=95)).replace(day=10)
    linked_story([kb["iran"]], published_at=three_months_ago)
    linked_story([kb["iran"]], published_at=min(this_month, NOW))
    linked_story([kb["iran"]], published_at=three_months_ago, status=Article.Status.DRAFT)
    months = monthly_coverage(kb["iran"])
    assert len(months) == 12  # at least a year on the axis, ending this month
    assert months[-1].count == 1 and months[-1].month == NOW.date().replace(day=1)
    assert sum(m.count for m in months) == 2
    counted = [m.month for m in months if m.count]
    assert counted[0] == three_months_ago.date().replace(day=1)


@pytest.mark.django_db
def test_entity_feed_survives_a_control_character_typed_into_its_name(client):
    from tests.factories import ArticleFactory, CountryFactory

    country = CountryFactory(name="Bela\x0brus", slug="belarus", summary="A\x01 summary")
    assert (country.name, country.summary) == ("Belarus", "A summary")
    story = ArticleFactory()
    story.mentions.create(entity=country, start=0, end=3, surface="Bel", status="confirmed")
    assert client.get("/feeds/country/belarus/rss/").status_code == 200


def test_lists_file_accented_names_as_a_reader_expects():
    """SQLite orders by bytes: "Réunion" came after "Rwanda" and "Åland Islands" after "Zimbabwe"."""
    names = ["Zimbabwe", "Åland Islands", "Rwanda", "Réunion", "Qatar", "Austria", "Türkiye", "Tuvalu"]
    expected = ["Åland Islands", "Austria", "Qatar", "Réunion", "Rwanda", "Türkiye", "Tuvalu", "Zimbabwe"]
    countries = [CountryFactory(name=name, region="Europe") for name in names]
    union = OrganizationFactory(name="Union of Islands")
    for country in countries:
        MembershipFactory(organization=union, country=country)

    def order(html: str) -> list[str]:
        return sorted(expected, key=html.index)

    assert order(Client().get(reverse("entities:country_list")).content.decode()) == expected
    members = Client().get(union.get_absolute_url()).content.decode().split("<dt>Members</dt>")[1]
    assert order(members.split("</dd>")[0]) == expected
    options = Client().get(reverse("articles:list")).content.decode().split('name="entity"')[1]
    assert order(options.split("</select>")[0]) == expected
    # The API files them the same way, searched or not, whatever the database's collation.
    api = Client().get("/api/entities/", {"kind": "country", "page_size": 50}).json()["results"]
    assert [entity["name"] for entity in api] == expected
    searched = Client().get("/api/entities/", {"q": "u", "kind": "country", "page_size": 50}).json()
    assert [entity["name"] for entity in searched["results"]] == [n for n in expected if "u" in n.lower()]
    detail = Client().get(f"/api/entities/{union.slug}/").json()
    assert [m["country"]["name"] for m in detail["memberships"]] == expected
    # A renamed entity moves, even when only its name is saved.
    countries[0].name = "Zzyzx"
    countries[0].save(update_fields=["name"])
    assert Client().get("/api/entities/", {"kind": "country"}).json()["results"][-1]["name"] == "Zzyzx"


def test_offices_and_memberships_read_as_sentences():
    """ "President of United States", "King of United Kingdom", "X was member of the SCO"."""
    from entities.context import membership_sentence, office_label, office_sentence

    states = CountryFactory(name="United States", region="Americas")
    kingdom = CountryFactory(name="United Kingdom", region="Europe")
    leader = LeaderFactory(name="Donald Trump")
    office = OfficeFactory(leader=leader, country=states, title="President", start=datetime.date(2025, 1, 20))
    OfficeFactory(leader=LeaderFactory(name="Charles III"), country=kingdom, title="King")
    assert office_label(office) == "President of the United States since January 2025"
    assert (
        office_sentence(office) == "Donald Trump has been President of the United States since January 2025."
    )
    sco = OrganizationFactory(name="Shanghai Cooperation Organisation", acronym="SCO")
    past = MembershipFactory(organization=sco, country=kingdom, until=datetime.date(2020, 1, 1))
    assert membership_sentence(past).startswith("The United Kingdom was a member of the SCO until")
    from entities.models import Country

    assert Country.article_for("Korea, Republic of") == "" and Country.article_for("Czechia") == ""
    assert Country.article_for("British Indian Ocean Territory") == "the "
    assert "King of the United Kingdom" in Client().get(reverse("entities:leader_list")).content.decode()
    page = Client().get(leader.get_absolute_url()).content.decode()
    assert 'President of the <a href="/countries/united-states/">United States</a>' in page
    belarus = CountryFactory(name="Belarus")
    assert office_label(OfficeFactory(leader=leader, country=belarus, title="Envoy")).startswith(
        "Envoy of Belarus"
    )
