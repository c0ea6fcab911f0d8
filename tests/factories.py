"""factory_boy factories for every model the tests build by hand."""

import hashlib

import factory
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, Source
from entities.models import (
    Alias,
    Country,
    Entity,
    EntityLink,
    Leader,
    Membership,
    Mention,
    Office,
    Organization,
)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Source {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Story number {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    body_html = factory.LazyAttribute(lambda o: f"<p>{o.title} body text.</p>")
    body_text = factory.LazyAttribute(lambda o: f"{o.title} body text.")
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(hours=1))
    content_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.body_text.encode()).hexdigest())


USER_ASSIGNED_ALPHA2 = [
    "AA",
    *(f"Q{chr(letter)}" for letter in range(ord("M"), ord("Z") + 1)),
    *(f"X{chr(letter)}" for letter in range(ord("A"), ord("Z") + 1) if chr(letter) != "K"),
    "ZZ",
]


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country

    name = factory.Sequence(lambda n: f"Country {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    # ISO 3166 user-assigned codes, so factory countries never collide with the knowledge base
    # that tests/conftest.py loads into every test database (XK is Kosovo there).
    iso_alpha2 = factory.Sequence(lambda n: USER_ASSIGNED_ALPHA2[n % len(USER_ASSIGNED_ALPHA2)])
    iso_alpha3 = factory.Sequence(lambda n: f"Q{chr(77 + n // 26 % 14)}{chr(65 + n % 26)}")
    kind = Entity.Kind.COUNTRY


class LeaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leader

    name = factory.Sequence(lambda n: f"Leader Person{n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    family_name = factory.LazyAttribute(lambda o: o.name.split()[-1])
    kind = Entity.Kind.LEADER


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    org_kind = Organization.OrgKind.INTERGOVERNMENTAL
    kind = Entity.Kind.ORGANIZATION


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    leader = factory.SubFactory(LeaderFactory)
    country = factory.SubFactory(CountryFactory)
    title = "President"
    start = factory.LazyFunction(lambda: timezone.now().date() - timezone.timedelta(days=3650))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organization = factory.SubFactory(OrganizationFactory)
    country = factory.SubFactory(CountryFactory)
    status = Membership.Status.MEMBER


class AliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alias

    entity = factory.SubFactory(CountryFactory)
    text = factory.LazyAttribute(lambda o: o.entity.name)


class MentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mention

    article = factory.SubFactory(ArticleFactory)
    entity = factory.SubFactory(CountryFactory)
    start = 0
    end = factory.LazyAttribute(lambda o: (o.start or 0) + len(o.surface or "x"))
    surface = factory.LazyAttribute(lambda o: o.entity.name)
    status = Mention.Status.CONFIRMED
    confidence = 0.95
    method = "exact"


class EntityLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EntityLink

    article = factory.SubFactory(ArticleFactory)
    entity = factory.SubFactory(CountryFactory)
    relevance = EntityLink.Relevance.ABOUT
    score = 1.0
    mention_count = 1
