"""The knowledge-base API: entities, their facts and their stories (read-only)."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action

from articles.api import SLUG_PATTERN, ranked_or_newest
from articles.filters import ArticleFilter
from articles.models import Article
from articles.serializers import ArticleSerializer
from newsroom.api_support import READ_ERRORS, NotAllowedFirstMixin, PagePagination

from .filters import EntityFilter
from .models import Entity, EntityLink
from .serializers import EntityDetailSerializer, EntitySerializer


def story_counts(entities):
    """Annotate published-story counts; drafts, stories in review and scheduled ones never count."""
    published = Article.objects.published().values("pk")
    return entities.annotate(
        story_count=Count("entity_links", filter=Q(entity_links__article__in=published)),
        about_count=Count(
            "entity_links",
            filter=Q(
                entity_links__article__in=published,
                entity_links__relevance=EntityLink.Relevance.ABOUT,
            ),
        ),
    )


ENTITY_SLUG = OpenApiParameter("slug", str, OpenApiParameter.PATH, description="The entity's slug.")


class EntitySchema(AutoSchema):
    """An entity's stories are a list (pages, the page envelope), though reached by a detail
    route: without this the schema had no page parameters for it and a bare array as its answer."""

    def _is_list_view(self, serializer=None):
        return getattr(self.view, "action", None) == "articles" or super()._is_list_view(serializer)


@extend_schema_view(
    list=extend_schema(
        summary="List entities",
        description="Countries, leaders and organizations by name, with their published-story counts.",
        responses={200: OpenApiResponse(EntitySerializer(many=True), description="One page."), **READ_ERRORS},
    ),
    retrieve=extend_schema(
        summary="One entity",
        description="With aliases, typed facts, offices or memberships, and story counts.",
        parameters=[ENTITY_SLUG],
        responses={200: OpenApiResponse(EntityDetailSerializer, description="The entity."), **READ_ERRORS},
    ),
    articles=extend_schema(
        summary="An entity's stories",
        description="Stories with a confirmed link to the entity, with the story filters; without "
        "``ordering``, the best search match first, then the newest. Readers see published stories only.",
        parameters=[ENTITY_SLUG],
        filters=True,
        responses={
            200: OpenApiResponse(ArticleSerializer(many=True), description="One page of stories."),
            **READ_ERRORS,
        },
    ),
)
class EntityViewSet(NotAllowedFirstMixin, viewsets.ReadOnlyModelViewSet):
    schema = EntitySchema()
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    filterset_class = EntityFilter
    pagination_class = PagePagination

    def get_queryset(self):
        if self.action == "articles":
            stories = Article.objects.visible_to(self.request.user)
            entity = self.kwargs.get("slug")
            if entity is not None:
                stories = stories.filter(entity_links__entity__slug=entity)
            return stories.select_related("source").with_entities()  # ordered in filter_queryset()
        entities = story_counts(Entity.objects.all())
        if self.action == "retrieve":
            entities = entities.select_related("country", "leader", "organization").prefetch_related(
                "aliases"
            )
        return entities.order_by("sort_name", "name", "pk")

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return ranked_or_newest(queryset, self.request) if self.action == "articles" else queryset

    def get_serializer_class(self):
        if self.action == "articles":
            return ArticleSerializer
        if self.action == "retrieve":
            return EntityDetailSerializer
        return EntitySerializer

    @action(detail=True, filterset_class=ArticleFilter)
    def articles(self, request, slug):
        get_object_or_404(Entity, slug=slug)
        return super().list(request)
