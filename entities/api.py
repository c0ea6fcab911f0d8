"""The knowledge-base API: entities, their facts and their stories (read-only)."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action

from articles.api import SLUG_PATTERN
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


@extend_schema_view(
    list=extend_schema(summary="List entities", responses={200: EntitySerializer(many=True), **READ_ERRORS}),
    retrieve=extend_schema(summary="One entity", responses={200: EntityDetailSerializer, **READ_ERRORS}),
    articles=extend_schema(
        summary="An entity's stories",
        description="Stories with a confirmed link to the entity, newest first, with the story filters. "
        "Readers see published stories only.",
        responses={200: ArticleSerializer(many=True), **READ_ERRORS},
    ),
)
class EntityViewSet(NotAllowedFirstMixin, viewsets.ReadOnlyModelViewSet):
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
            return stories.select_related("source").with_entities().newest_first()
        entities = story_counts(Entity.objects.all())
        if self.action == "retrieve":
            entities = entities.select_related("country", "leader", "organization").prefetch_related(
                "aliases"
            )
        return entities.order_by("name", "pk")

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
