"""factory_boy factories for every model the tests build by hand."""

import hashlib
from html import escape

import factory
import pycountry
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


# Two- and three-letter codes that no ISO 3166-1 country uses (nor Kosovo's XK/XKX, which the
# knowledge base has), so factory countries never collide with the shipped ones: 400-odd
# alpha-2 codes, enough for a test that builds hundreds of countries.
_LETTERS = [chr(code) for code in range(ord("A"), ord("Z") + 1)]
FREE_ALPHA2 = [
    a + b
    for a in _LETTERS
    for b in _LETTERS
    if pycountry.countries.get(alpha_2=a + b) is None and a + b != "XK"
]
FREE_ALPHA3 = [
    code
    for code in (f"{a}{b}{c}" for a in "QX" for b in _LETTERS for c in _LETTERS)
    if pycountry.countries.get(alpha_3=code) is None and code != "XKX"  # QAT is Qatar
]


def _free_code(field, codes, n):
    """The first code from position ``n`` on that no country in the database uses yet."""
    for step in range(len(codes)):
        code = codes[(n + step) % len(codes)]
        if not Country.objects.filter(**{field: code}).exists():
            return code
    raise RuntimeError(f"No free {field} left for a factory country.")


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        # A name the shipped knowledge base already has returns that entity.
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Country {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    iso_alpha2 = factory.Sequence(lambda n: _free_code("iso_alpha2", FREE_ALPHA2, n))
    iso_alpha3 = factory.Sequence(lambda n: _free_code("iso_alpha3", FREE_ALPHA3, n))
    kind = Entity.Kind.COUNTRY


class LeaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leader
        # A name the shipped knowledge base already has returns that entity.
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Leader Person{n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    family_name = factory.LazyAttribute(lambda o: o.name.split()[-1])
    kind = Entity.Kind.LEADER


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        # A name the shipped knowledge base already has returns that entity.
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    org_kind = Organization.OrgKind.INTERGOVERNMENTAL
    kind = Entity.Kind.ORGANIZATION


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office
        django_get_or_create = ("leader", "country", "title", "start")

    leader = factory.SubFactory(LeaderFactory)
    country = factory.SubFactory(CountryFactory)
    title = "President"
    start = factory.LazyFunction(lambda: timezone.now().date() - timezone.timedelta(days=3650))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        django_get_or_create = ("organization", "country", "status")

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


def linked_story(entities, *, relevance=None, paragraphs=None, **article_fields):
    """A story naming each entity in its own paragraph, with confirmed mentions and entity links.

    ``relevance`` maps an entity to "about"/"mentions" (default: the first is "about").
    ``paragraphs`` overrides the generated paragraphs (plain text; entity names found in them).
    """
    entities = list(entities)
    texts = paragraphs or [f"{entity.name} was in the news today." for entity in entities]
    body_text = "\n\n".join(texts)
    body_html = "".join(f"<p>{escape(text)}</p>" for text in texts)
    article_fields.setdefault("content_hash", None)  # several stories may share a generated body
    story = ArticleFactory(body_html=body_html, body_text=body_text, **article_fields)
    relevance = relevance or {}
    for index, entity in enumerate(entities):
        start = body_text.find(entity.name)
        while start >= 0:
            MentionFactory(article=story, entity=entity, start=start, end=start + len(entity.name))
            start = body_text.find(entity.name, start + len(entity.name))
        EntityLinkFactory(
            article=story,
            entity=entity,
            relevance=relevance.get(entity, "about" if index == 0 else "mentions"),
            score=1.0 - index * 0.1,
            evidence=next((text for text in texts if entity.name in text), texts[0]),
        )
    return story
