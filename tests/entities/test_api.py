"""The entities API: lists and filters, profiles, story counts and an entity's stories."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from entities.models import EntityLink, Membership
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
    belarus = CountryFactory(
        name="Belarus", slug="belarus", iso_alpha2="BY", iso_alpha3="BLR", capital="Minsk"
    )
    china = CountryFactory(name="China", slug="china", iso_alpha2="CN", iso_alpha3="CHN")
    sco = OrganizationFactory(name="Shanghai Cooperation Organisation", slug="sco", acronym="SCO")
    brics = OrganizationFactory(name="BRICS", slug="brics", acronym="BRICS")
    lukashenko = LeaderFactory(name="Alexander Lukashenko", slug="alexander-lukashenko")
    OfficeFactory(leader=lukashenko, country=belarus, title="President", start=datetime.date(1994, 7, 20))
    MembershipFactory(organization=sco, country=belarus, since=datetime.date(2024, 7, 4))
    MembershipFactory(
        organization=brics, country=belarus, status=Membership.Status.PARTNER, since=datetime.date(2025, 1, 1)
    )
    MembershipFactory(organization=sco, country=china, status=Membership.Status.FOUNDING_MEMBER)
    MembershipFactory(
        organization=brics,
        country=china,
        status=Membership.Status.OBSERVER,
        until=datetime.date(2000, 1, 1),
    )
    AliasFactory(entity=belarus, text="Byelorussia")
    return {e.slug: e for e in (belarus, china, sco, brics, lukashenko)}


def test_list_and_kind_filter(api_client, kb):
    assert slugs(api_client.get("/api/entities/")) == [
        "alexander-lukashenko",
        "brics",
        "belarus",
        "china",
        "sco",
    ]
    assert slugs(api_client.get("/api/entities/", {"kind": "country"})) == ["belarus", "china"]
    assert api_client.get("/api/entities/", {"kind": "planet"}).status_code == 400


def test_q_matches_names_and_aliases(api_client, kb):
    assert slugs(api_client.get("/api/entities/", {"q": "byelo"})) == ["belarus"]
    assert slugs(api_client.get("/api/entities/", {"q": "shanghai"})) == ["sco"]


def test_member_of_lists_current_members_of_any_status(api_client, kb):
    assert slugs(api_client.get("/api/entities/", {"member_of": "sco"})) == ["belarus", "china"]
    # China's BRICS observer status ended; Belarus is a partner country.
    assert slugs(api_client.get("/api/entities/", {"member_of": "brics"})) == ["belarus"]
    assert api_client.get("/api/entities/", {"member_of": "belarus"}).status_code == 400


def test_country_filter_finds_its_leaders_and_organizations(api_client, kb):
    assert slugs(api_client.get("/api/entities/", {"country": "belarus"})) == [
        "alexander-lukashenko",
        "brics",
        "sco",
    ]
    assert slugs(api_client.get("/api/entities/", {"country": "china", "kind": "organization"})) == ["sco"]


def test_country_profile(api_client, kb):
    data = api_client.get("/api/entities/belarus/").json()
    assert data["kind"] == "country"
    assert data["country"]["iso_alpha3"] == "BLR"
    assert data["country"]["capital"] == "Minsk"
    assert data["leader"] is None and data["organization"] is None
    assert [a["text"] for a in data["aliases"]] == ["Byelorussia"]
    assert [(o["title"], o["leader"]["slug"], o["start"]) for o in data["offices"]] == [
        ("President", "alexander-lukashenko", "1994-07-20")
    ]
    assert {(m["organization"]["slug"], m["status"], m["since"]) for m in data["memberships"]} == {
        ("sco", "member", "2024-07-04"),
        ("brics", "partner", "2025-01-01"),
    }
    assert data["url"] == "http://testserver/countries/belarus/"


def test_leader_and_organization_profiles(api_client, kb):
    leader = api_client.get("/api/entities/alexander-lukashenko/").json()
    assert [(o["country"]["slug"], o["end"]) for o in leader["offices"]] == [("belarus", None)]
    assert leader["memberships"] == []
    assert leader["leader"] is not None
    sco = api_client.get("/api/entities/sco/").json()
    assert sco["organization"]["acronym"] == "SCO"
    assert {(m["country"]["slug"], m["status"]) for m in sco["memberships"]} == {
        ("belarus", "member"),
        ("china", "founding_member"),
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
    link_stories(kb["belarus"])
    detail = api_client.get("/api/entities/belarus/").json()
    assert (detail["story_count"], detail["about_count"]) == (1, 0)
    listed = {e["slug"]: e["story_count"] for e in api_client.get("/api/entities/").json()["results"]}
    assert listed["belarus"] == 1
    assert listed["china"] == 0


def test_entity_stories_hide_unpublished_from_readers(api_client, kb, reporter):
    link_stories(kb["belarus"])
    assert slugs(api_client.get("/api/entities/belarus/articles/")) == ["published"]
    assert slugs(api_client.get("/api/entities/belarus/articles/", {"status": "draft"})) == ["published"]
    assert slugs(api_client.get("/api/entities/china/articles/")) == []
    assert api_client.get("/api/entities/atlantis/articles/").status_code == 404

    api_client.force_authenticate(reporter)
    assert set(slugs(api_client.get("/api/entities/belarus/articles/"))) == {
        "published",
        "draft",
        "review",
        "scheduled",
    }
    assert slugs(api_client.get("/api/entities/belarus/articles/", {"status": "review"})) == ["review"]


def test_entity_stories_take_the_story_filters(api_client, kb):
    both = ArticleFactory(slug="both")
    EntityLinkFactory(article=both, entity=kb["belarus"])
    EntityLinkFactory(article=both, entity=kb["sco"])
    EntityLinkFactory(article=ArticleFactory(slug="only-belarus"), entity=kb["belarus"])
    assert slugs(api_client.get("/api/entities/belarus/articles/", {"entity": "sco"})) == ["both"]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(response.json()["results"])


def test_lists_run_the_same_queries_for_1_and_60_items(api_client):
    belarus = CountryFactory(slug="belarus")
    EntityLinkFactory(article=ArticleFactory(), entity=belarus)
    small_entities = count_queries(api_client, "/api/entities/?page_size=100")
    small_stories = count_queries(api_client, "/api/entities/belarus/articles/?page_size=100")
    assert small_entities[1] == 1 and small_stories[1] == 1

    for story in ArticleFactory.create_batch(59):
        EntityLinkFactory(article=story, entity=belarus)
        EntityLinkFactory(article=story, entity=CountryFactory())
    large_entities = count_queries(api_client, "/api/entities/?page_size=100")
    large_stories = count_queries(api_client, "/api/entities/belarus/articles/?page_size=100")
    assert large_entities[1] == 60 and large_stories[1] == 60
    assert large_entities[0] == small_entities[0] <= 2
    assert large_stories[0] == small_stories[0] <= 4


def test_entity_endpoints_are_read_only(api_client, kb, editor):
    api_client.force_authenticate(editor)
    assert api_client.post("/api/entities/", {"name": "X"}, format="json").status_code == 405
    assert api_client.patch("/api/entities/belarus/", {"name": "X"}, format="json").status_code == 405
    assert api_client.delete("/api/entities/belarus/").status_code == 405
