"""API representations of stories: list, detail, the write payloads and their error bodies."""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from entities.models import Entity, EntityLink, Mention

from . import api_services
from .models import Article, Source

RELATED_LIMIT = 5


def absolute(request, path):
    return request.build_absolute_uri(path) if request is not None else path


class SourceSerializer(serializers.ModelSerializer):
    # Plain strings: an unknown address is "" and "" is not a URI.
    homepage = serializers.CharField(read_only=True, help_text="The source's site; empty when unknown.")

    class Meta:
        model = Source
        fields = ["slug", "name", "homepage"]


class ArticleEntitySerializer(serializers.ModelSerializer):
    """One entity a story is linked to (a confirmed link), as the story lists it."""

    slug = serializers.SlugField(source="entity.slug", read_only=True)
    name = serializers.CharField(source="entity.name", read_only=True)
    kind = serializers.ChoiceField(source="entity.kind", choices=Entity.Kind.choices, read_only=True)
    mentions = serializers.IntegerField(
        source="mention_count", read_only=True, help_text="Number of confirmed mentions in the story."
    )
    url = serializers.SerializerMethodField(help_text="The entity's public page.")

    class Meta:
        model = EntityLink
        fields = ["slug", "name", "kind", "mentions", "relevance", "score", "url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, link):
        return absolute(self.context.get("request"), link.entity.get_absolute_url())


class MentionSerializer(serializers.ModelSerializer):
    entity = serializers.SlugField(source="entity.slug", read_only=True, help_text="Entity slug.")

    class Meta:
        model = Mention
        fields = ["id", "start", "end", "surface", "entity", "status", "confidence", "method"]
        read_only_fields = fields


class SharedEntitySerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=Entity.Kind.choices)


class RelatedStorySerializer(serializers.Serializer):
    """A related story as ``articles.related.related_stories`` ranks it (the site's own ranking)."""

    slug = serializers.SlugField(source="article.slug")
    title = serializers.CharField(source="article.title")
    url = serializers.SerializerMethodField()
    score = serializers.FloatField(help_text="Sum of the idf-style weights of the shared entities.")
    shared = SharedEntitySerializer(many=True, help_text="Entities the two stories share.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, related):
        return absolute(self.context.get("request"), related.article.get_absolute_url())


class ArticleSerializer(serializers.ModelSerializer):
    """A story in a list: every stable field except the per-story computed ``mentions`` and ``related``."""

    source = SourceSerializer(read_only=True, allow_null=True)
    url = serializers.SerializerMethodField(help_text="The story's public page (absolute URL).")
    source_url = serializers.CharField(
        read_only=True, help_text="Where the story was first published; empty when unknown."
    )
    entities = ArticleEntitySerializer(
        source="entity_links", many=True, read_only=True, help_text="Confirmed entities, most relevant first."
    )

    class Meta:
        model = Article
        fields = [
            "id",
            "slug",
            "title",
            "dek",
            "body_html",
            "body_text",
            "byline",
            "source",
            "source_url",
            "published_at",
            "published_date_only",
            "status",
            "language",
            "url",
            "entities",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, article):
        return absolute(self.context.get("request"), article.get_absolute_url())


class ArticleDetailSerializer(ArticleSerializer):
    """A story with its mentions (confirmed only for readers) and its related stories."""

    mentions = serializers.SerializerMethodField()
    related = serializers.SerializerMethodField()

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "mentions", "related"]
        read_only_fields = fields

    @extend_schema_field(MentionSerializer(many=True))
    def get_mentions(self, article):
        return MentionSerializer(article.visible_mentions, many=True, context=self.context).data

    @extend_schema_field(RelatedStorySerializer(many=True))
    def get_related(self, article):
        related = api_services.related_stories(article, limit=RELATED_LIMIT)
        return RelatedStorySerializer(related, many=True, context=self.context).data


class ArticleUpdateSerializer(serializers.ModelSerializer):
    """What ``PATCH`` may change. A new ``status`` goes through the editorial workflow."""

    status = serializers.ChoiceField(
        choices=Article.Status.choices,
        required=False,
        help_text="Publishing, scheduling (published with a future date) and unpublishing need "
        "the publish permission; invalid transitions are refused with 400.",
    )

    class Meta:
        model = Article
        fields = ["title", "dek", "byline", "published_at", "status"]
        extra_kwargs = {"title": {"required": False}}


class ArticleCreateSerializer(serializers.Serializer):
    """A story to import: raw text, an HTML page, or structured fields (one of the three)."""

    text = serializers.CharField(
        required=False, trim_whitespace=False, help_text="A plain-text dump of a page, chrome included."
    )
    html = serializers.CharField(required=False, trim_whitespace=False, help_text="A saved HTML page.")
    title = serializers.CharField(required=False, max_length=500, help_text="Structured: the headline.")
    body_html = serializers.CharField(
        required=False, trim_whitespace=False, help_text="Structured: the body as HTML (sanitized)."
    )
    body = serializers.CharField(
        required=False, trim_whitespace=False, help_text="Structured: the body as plain text."
    )
    dek = serializers.CharField(required=False, allow_blank=True)
    byline = serializers.CharField(required=False, allow_blank=True, max_length=300)
    source = serializers.CharField(required=False, allow_blank=True, max_length=200, help_text="Source name.")
    source_url = serializers.URLField(required=False, allow_blank=True, max_length=1000)
    published_at = serializers.DateTimeField(required=False, allow_null=True)
    status = serializers.ChoiceField(
        choices=Article.Status.choices,
        default=Article.Status.DRAFT,
        help_text="draft or published; importing as published needs the publish permission.",
    )

    def validate(self, attrs):
        shapes = [name for name in ("text", "html") if attrs.get(name, "").strip()]
        structured = bool(attrs.get("title") or attrs.get("body_html") or attrs.get("body"))
        if len(shapes) + structured != 1:
            raise serializers.ValidationError(
                "Send exactly one of: text, html, or the structured fields (title with body or body_html)."
            )
        if structured and not (attrs.get("title") and (attrs.get("body_html") or attrs.get("body"))):
            raise serializers.ValidationError("Structured stories need a title and a body or body_html.")
        if attrs["status"] not in (Article.Status.DRAFT, Article.Status.PUBLISHED):
            raise serializers.ValidationError({"status": "Stories are imported as draft or published."})
        published_at = attrs.get("published_at")
        if published_at is not None and timezone.is_naive(published_at):
            attrs["published_at"] = timezone.make_aware(published_at)
        return attrs


class DuplicateSerializer(serializers.Serializer):
    detail = serializers.CharField()
    slug = serializers.SlugField(help_text="The existing story.")
    url = serializers.URLField(help_text="The existing story's API URL.")
    public_url = serializers.URLField(help_text="The existing story's public page.")
