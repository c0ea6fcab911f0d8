"""The entities API: lists and filters, profiles, story counts and an entity's stories."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from entities.models import Entity, EntityLink, Membership
from tests.factories import (
    AliasFactory,
    ArticleFactory,
    CountryFactory,
    EntityLinkFactory,
    LeaderFactory,
    MembershipFactory,
    OfficeFactory,
    OrganizationFactory,
)

pytestmark = pytest.mark.django_db


def slugs(response):
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


@pytest.fixture
def kb():
    """A fictional corner of the knowledge base, apart from the shipped one every test database has."""
    freedonia = CountryFactory(name="Freedonia", slug="freedonia", capital="Fredville")
    sylvania = CountryFactory(name="Sylvania", slug="sylvania")
    pact = OrganizationFactory(name="Grand Fenwick Pact", slug="gfp", acronym="GFP")
    league = OrganizationFactory(name="Freedonian League", slug="league", acronym="FL")
    firefly = LeaderFactory(name="Rufus Firefly", slug="rufus-firefly")
    OfficeFactory(leader=firefly, country=freedonia, title="President", start=datetime.date(1994, 7, 20))
    MembershipFactory(organization=pact, country=freedonia, since=datetime.date(2024, 7, 4))
    MembershipFactory(
        organization=league,
        country=freedonia,
        status=Membership.Status.PARTNER,
        since=datetime.date(2025, 1, 1),
    )
    MembershipFactory(organization=pact, country=sylvania, status=Membership.Status.FOUNDING_MEMBER)
    MembershipFactory(
        organization=league,
        country=sylvania,
        status=Membership.Status.OBSERVER,
        until=datetime.date(2000, 1, 1),
    )
    AliasFactory(entity=freedonia, text="Fredonian Republic")
    return {e.slug: e for e in (freedonia, sylvania, pact, league, firefly)}


def test_list_and_kind_filter(api_client, kb):
    data = api_client.get("/api/entities/", {"page_size": 100}).json()
    assert data["count"] == Entity.objects.count()
    names = [e["name"] for e in data["results"]]
    assert names == sorted(names)
    countries = api_client.get("/api/entities/", {"kind": "country", "page_size": 100}).json()
    assert countries["count"] == Entity.objects.filter(kind="country").count()
    assert {e["kind"] for e in countries["results"]} == {"country"}
    assert slugs(api_client.get("/api/entities/", {"kind": "leader", "q": "firefly"})) == ["rufus-firefly"]
    assert slugs(api_client.get("/api/entities/", {"kind": "country", "q": "firefly"})) == []
    assert api_client.get("/api/entities/", {"kind": "planet"}).status_code == 400


def test_q_matches_names_and_aliases(api_client, kb):
    assert slugs(api_client.get("/api/entities/", {"q": "fredonian rep"})) == ["freedonia"]
    assert slugs(api_client.get("/api/entities/", {"q": "fenwick"})) == ["gfp"]


def test_q_lists_exact_matches_first(api_client):
    """ "q=US" listed 26 entities by name, the United States not on the first screen."""
    from entities.models import Alias

    usa = CountryFactory(name="United States", slug="united-states")
    Alias.objects.create(entity=usa, text="US")
    for name in ("Aus Leader", "Busan Forum", "Russia"):
        CountryFactory(name=name)
    found = slugs(api_client.get("/api/entities/", {"q": "us"}))
    assert found[0] == "united-states"
    assert sorted(found[1:]) == sorted(["aus-leader", "busan-forum", "russia"])


def test_member_of_lists_current_members_of_any_status(api_client, kb):
    assert slugs(api_client.get("/api/entities/", {"member_of": "gfp"})) == ["freedonia", "sylvania"]
    # Sylvania's observer status in the league ended; Freedonia is a partner country.
    assert slugs(api_client.get("/api/entities/", {"member_of": "league"})) == ["freedonia"]
    assert api_client.get("/api/entities/", {"member_of": "freedonia"}).status_code == 400


def test_country_filter_finds_its_leaders_and_organizations(api_client, kb):
    assert slugs(api_client.get("/api/entities/", {"country": "freedonia"})) == [
        "league",
        "gfp",
        "rufus-firefly",
    ]
    assert slugs(api_client.get("/api/entities/", {"country": "sylvania", "kind": "organization"})) == ["gfp"]


def test_shipped_knowledge_base_through_the_api(api_client, knowledge_base):
    belarus = api_client.get("/api/entities/belarus/").json()
    assert belarus["country"]["iso_alpha3"] == "BLR"
    statuses = {(m["organization"]["slug"], m["status"]) for m in belarus["memberships"]}
    assert any(status == "member" for slug, status in statuses if "sco" in slug or "shanghai" in slug)
    assert "belarus" in slugs(api_client.get("/api/entities/", {"q": "belarus", "kind": "country"}))


def test_country_profile(api_client, kb):
    data = api_client.get("/api/entities/freedonia/").json()
    assert data["kind"] == "country"
    assert data["country"]["iso_alpha3"] == kb["freedonia"].iso_alpha3
    assert data["country"]["capital"] == "Fredville"
    assert data["leader"] is None and data["organization"] is None
    assert [a["text"] for a in data["aliases"]] == ["Fredonian Republic"]
    assert [(o["title"], o["leader"]["slug"], o["start"]) for o in data["offices"]] == [
        ("President", "rufus-firefly", "1994-07-20")
    ]
    assert {(m["organization"]["slug"], m["status"], m["since"]) for m in data["memberships"]} == {
        ("gfp", "member", "2024-07-04"),
        ("league", "partner", "2025-01-01"),
    }
    assert data["url"] == "http://testserver/countries/freedonia/"


def test_leader_and_organization_profiles(api_client, kb):
    leader = api_client.get("/api/entities/rufus-firefly/").json()
    assert [(o["country"]["slug"], o["end"]) for o in leader["offices"]] == [("freedonia", None)]
    assert leader["memberships"] == []
    assert leader["leader"] is not None
    pact = api_client.get("/api/entities/gfp/").json()
    assert pact["organization"]["acronym"] == "GFP"
    assert {(m["country"]["slug"], m["status"]) for m in pact["memberships"]} == {
        ("freedonia", "member"),
        ("sylvania", "founding_member"),
    }
    assert api_client.get("/api/entities/atlantis/").status_code == 404


def link_stories(entity):
    """One story in every state, each linked to ``entity``; returns the published one."""
    now = timezone.now()
    published = ArticleFactory(slug="published", published_at=now - timezone.timedelta(hours=1))
    hidden = [
        ArticleFactory(slug="draft", status=Article.Status.DRAFT),
        ArticleFactory(slug="review", status=Article.Status.REVIEW),
        ArticleFactory(slug="scheduled", published_at=now + timezone.timedelta(days=1)),
    ]
    EntityLinkFactory(article=published, entity=entity, relevance=EntityLink.Relevance.MENTIONS)
    for story in hidden:
        EntityLinkFactory(article=story, entity=entity)
    return published


@pytest.mark.parametrize("as_staff", [False, True])
def test_story_counts_count_published_stories_only(api_client, kb, editor, as_staff):
    if as_staff:
        api_client.force_authenticate(editor)
    link_stories(kb["freedonia"])
    detail = api_client.get("/api/entities/freedonia/").json()
    assert (detail["story_count"], detail["about_count"]) == (1, 0)
    listed = api_client.get("/api/entities/", {"q": "ylvania"}).json()["results"]
    listed += api_client.get("/api/entities/", {"q": "freedonia"}).json()["results"]
    listed = {e["slug"]: e["story_count"] for e in listed}
    assert listed["freedonia"] == 1
    assert listed["sylvania"] == 0


def test_entity_stories_hide_unpublished_from_readers(api_client, kb, reporter):
    link_stories(kb["freedonia"])
    assert slugs(api_client.get("/api/entities/freedonia/articles/")) == ["published"]
    assert slugs(api_client.get("/api/entities/freedonia/articles/", {"status": "draft"})) == ["published"]
    assert slugs(api_client.get("/api/entities/sylvania/articles/")) == []
    assert api_client.get("/api/entities/atlantis/articles/").status_code == 404

    api_client.force_authenticate(reporter)
    assert set(slugs(api_client.get("/api/entities/freedonia/articles/"))) == {
        "published",
        "draft",
        "review",
        "scheduled",
    }
    assert slugs(api_client.get("/api/entities/freedonia/articles/", {"status": "review"})) == ["review"]


def test_entity_stories_take_the_story_filters(api_client, kb):
    both = ArticleFactory(slug="both")
    EntityLinkFactory(article=both, entity=kb["freedonia"])
    EntityLinkFactory(article=both, entity=kb["gfp"])
    EntityLinkFactory(article=ArticleFactory(slug="only-freedonia"), entity=kb["freedonia"])
    assert slugs(api_client.get("/api/entities/freedonia/articles/", {"entity": "gfp"})) == ["both"]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(response.json()["results"])


def test_lists_run_the_same_queries_for_1_and_60_items(api_client):
    zed = CountryFactory(name="Zedland 0", slug="zedland-0")
    EntityLinkFactory(article=ArticleFactory(), entity=zed)
    entities_url = "/api/entities/?q=zedland&page_size=100"
    stories_url = "/api/entities/zedland-0/articles/?page_size=100"
    small_entities, small_stories = (
        count_queries(api_client, entities_url),
        count_queries(api_client, stories_url),
    )
    assert small_entities[1] == 1 and small_stories[1] == 1

    for n in range(1, 60):
        story = ArticleFactory()
        EntityLinkFactory(article=story, entity=zed)
        EntityLinkFactory(article=story, entity=OrganizationFactory(name=f"Zedland {n}", slug=f"zedland-{n}"))
    large_entities, large_stories = (
        count_queries(api_client, entities_url),
        count_queries(api_client, stories_url),
    )
    assert large_entities[1] == 60 and large_stories[1] == 60
    assert large_entities[0] == small_entities[0] <= 2
    assert large_stories[0] == small_stories[0] <= 4


def test_entity_endpoints_are_read_only(api_client, kb, editor):
    api_client.force_authenticate(editor)
    assert api_client.post("/api/entities/", {"name": "X"}, format="json").status_code == 405
    assert api_client.patch("/api/entities/freedonia/", {"name": "X"}, format="json").status_code == 405
    assert api_client.delete("/api/entities/freedonia/").status_code == 405
