"""The stories API: read what you may see, import, edit, move through the workflow, review mentions.

Thin: visibility comes from ``Article.objects.visible_to()``, filters from the shared
``ArticleFilter``, and every change from the owning service (import pipeline, workflow, linker).
"""

import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import transaction
from django.db.models import F, Prefetch
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response
from rest_framework.reverse import reverse

from entities.models import Mention
from newsroom.api_support import READ_ERRORS, WRITE_ERRORS, NotAllowedFirstMixin, PagePagination, error

from . import api_services
from .filters import ArticleFilter
from .models import Article
from .serializers import (
    ArticleCreateSerializer,
    ArticleDetailSerializer,
    ArticleSerializer,
    ArticleUpdateSerializer,
    DuplicateSerializer,
    MentionSerializer,
)

SLUG_PATTERN = r"[-a-zA-Z0-9_]+"


def can_review_mentions(user):
    return user.has_perm("entities.view_mention")


def visible_mentions(user):
    """Every mention for staff who review them; confirmed ones only for everyone else."""
    mentions = Mention.objects.select_related("entity").order_by("start", "pk")
    if user.is_staff and can_review_mentions(user):
        return mentions
    return mentions.filter(status=Mention.Status.CONFIRMED)


def ranked_or_newest(stories, request):
    """The site's order when the client asks for none: best search match first, then newest."""
    if request.query_params.get("ordering"):
        return stories
    rank = ["-rank"] if "rank" in stories.query.annotations else []
    return stories.order_by(*rank, F("published_at").desc(nulls_last=True), "-created_at", "-pk")


class ReviewsMentions(permissions.BasePermission):
    """Confirming, rejecting and relinking change mentions: editors only."""

    message = "Reviewing mentions needs the permission to change mentions."

    def has_permission(self, request, view):
        return request.user.has_perm("entities.change_mention")


STORY_SLUG = OpenApiParameter("slug", str, OpenApiParameter.PATH, description="The story's slug.")
STORY = OpenApiResponse(ArticleDetailSerializer, description="The story, as it now is.")
MENTION_DECISION = {
    "request": None,
    "responses": {
        200: OpenApiResponse(MentionSerializer, description="The mention, decided."),
        **WRITE_ERRORS,
    },
    "parameters": [
        STORY_SLUG,
        OpenApiParameter("mention_id", int, OpenApiParameter.PATH, description="The mention's id."),
    ],
}


@extend_schema_view(
    list=extend_schema(
        summary="List stories",
        description="Readers see published stories only; staff see every story they may edit. "
        "Filters combine with AND. Without ``ordering``, the best search match comes first, then the newest.",
        responses={
            200: OpenApiResponse(ArticleSerializer(many=True), description="One page of stories."),
            **READ_ERRORS,
        },
    ),
    retrieve=extend_schema(
        summary="One story",
        description="With its mentions (confirmed ones only for readers) and related stories.",
        parameters=[STORY_SLUG],
        responses={200: OpenApiResponse(ArticleDetailSerializer, description="The story."), **READ_ERRORS},
    ),
    create=extend_schema(
        summary="Import a story",
        description="Runs the import pipeline (decoding, cleaning, sanitizing, de-duplication, linking) on "
        "raw text, an HTML page or structured fields. Send exactly one of the three.",
        request=ArticleCreateSerializer,
        responses={
            201: OpenApiResponse(ArticleDetailSerializer, description="The imported story."),
            409: OpenApiResponse(DuplicateSerializer, description="The story is already in the archive."),
            413: error("The request body is over DATA_UPLOAD_MAX_MEMORY_SIZE."),
            **WRITE_ERRORS,
        },
    ),
    partial_update=extend_schema(
        summary="Edit a story",
        description="Title, dek, byline, published date and status. Status changes (and a new date on a "
        "published story) go through the editorial workflow: an invalid transition is 400, a missing "
        "permission 403. Reporters edit drafts only.",
        request=ArticleUpdateSerializer,
        parameters=[STORY_SLUG],
        responses={200: STORY, **WRITE_ERRORS},
    ),
    destroy=extend_schema(
        summary="Delete a story",
        description="Editors only; leaves an audit record.",
        parameters=[STORY_SLUG],
        responses={204: OpenApiResponse(None, description="Deleted."), **WRITE_ERRORS},
    ),
    confirm_mention=extend_schema(summary="Confirm a mention", **MENTION_DECISION),
    reject_mention=extend_schema(summary="Reject a mention", **MENTION_DECISION),
    relink=extend_schema(
        summary="Relink a story",
        description="Runs the entity linker again. Editors' confirm and reject decisions are kept.",
        request=None,
        parameters=[STORY_SLUG],
        responses={200: STORY, **WRITE_ERRORS},
    ),
)
class ArticleViewSet(
    NotAllowedFirstMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    filterset_class = ArticleFilter
    pagination_class = PagePagination
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        stories = Article.objects.visible_to(self.request.user).select_related("source").with_entities()
        if self.action != "list":
            stories = self.with_mentions(stories)
        return stories  # ordered by filter_queryset(): ranked_or_newest()

    def with_mentions(self, stories):
        mentions = visible_mentions(self.request.user)
        return stories.prefetch_related(Prefetch("mentions", queryset=mentions, to_attr="visible_mentions"))

    def handle_exception(self, exc):
        if isinstance(exc, RequestDataTooBig):
            # Django would answer with its HTML 400 page; an API client needs to know why.
            limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
            detail = f"The request body is larger than the {limit} the API accepts."
            return Response({"detail": detail}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
        return super().handle_exception(exc)

    def filter_queryset(self, queryset):
        return ranked_or_newest(super().filter_queryset(queryset), self.request)

    def get_serializer_class(self):
        if self.action == "list":
            return ArticleSerializer
        if self.action == "create":
            return ArticleCreateSerializer
        if self.action == "partial_update":
            return ArticleUpdateSerializer
        return ArticleDetailSerializer

    def detail_response(self, article, status_code=status.HTTP_200_OK, headers=None):
        # The story as written, even where the writer could not list it (a non-staff API user).
        article = self.with_mentions(Article.objects.select_related("source").with_entities()).get(
            pk=article.pk
        )
        data = ArticleDetailSerializer(article, context=self.get_serializer_context()).data
        return Response(data, status=status_code, headers=headers)

    def create(self, request, *args, **kwargs):
        payload = ArticleCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        publish = data["status"] == Article.Status.PUBLISHED
        if publish and not request.user.has_perm("articles.publish_article"):
            raise PermissionDenied("Importing as published needs the publish permission.")
        try:
            article = api_services.import_story(
                submission=submission_from(data), source=data.get("source") or None, user=request.user
            )
        except api_services.DuplicateStory as duplicate:
            existing = duplicate.article
            body = {
                "detail": str(duplicate),
                "slug": existing.slug,
                "url": reverse("api:article-detail", kwargs={"slug": existing.slug}, request=request),
                "public_url": request.build_absolute_uri(existing.get_absolute_url()),
            }
            return Response(body, status=status.HTTP_409_CONFLICT, headers={"Location": body["url"]})
        except api_services.ImportRefused as refused:
            return Response({"detail": refused.reason}, status=status.HTTP_400_BAD_REQUEST)
        overrides = {field: data[field] for field in OVERRIDABLE if field in data}
        if overrides:
            for field, value in overrides.items():
                setattr(article, field, value)
            save_edit(article, user=request.user, fields=overrides)
        if publish:
            try:
                api_services.change_status(
                    article=article,
                    status=Article.Status.PUBLISHED,
                    user=request.user,
                    published_at=data.get("published_at"),
                )
            except api_services.TransitionRefused as refused:  # imported, but left as a draft
                raise ApiValidationError({"status": [refused.message]}) from refused
        location = reverse("api:article-detail", kwargs={"slug": article.slug}, request=request)
        return self.detail_response(article, status.HTTP_201_CREATED, headers={"Location": location})

    def partial_update(self, request, *args, **kwargs):
        article = self.get_object()
        payload = ArticleUpdateSerializer(article, data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        changes = dict(payload.validated_data)
        new_status = changes.pop("status", None)
        stays_published = new_status in (None, Article.Status.PUBLISHED) and (
            article.status == Article.Status.PUBLISHED or new_status == Article.Status.PUBLISHED
        )
        if stays_published and "published_at" in changes and changes["published_at"] is None:
            # It answered 200 and kept the date: a published story always has one.
            raise ApiValidationError(
                {
                    "published_at": [
                        "A published story keeps a date: send another date, or unpublish it first."
                    ]
                }
            )
        if article.status == Article.Status.PUBLISHED and "published_at" in changes and new_status is None:
            # A new date on a published story reschedules it: a workflow transition, not an edit.
            new_status = Article.Status.PUBLISHED
        published_at = changes.pop("published_at", None) if new_status == Article.Status.PUBLISHED else None
        if new_status == article.status and published_at is None:
            new_status = None  # Sending the current state back is not a transition.
        if changes and not api_services.can_edit(article=article, user=request.user):
            raise PermissionDenied("You may not change this story in its current state.")
        try:
            with transaction.atomic():
                if changes:
                    for field, value in changes.items():
                        setattr(article, field, value)
                    save_edit(article, user=request.user, fields=changes)
                if new_status is not None:
                    api_services.change_status(
                        article=article, status=new_status, user=request.user, published_at=published_at
                    )
        except api_services.TransitionRefused as refused:
            raise ApiValidationError({"status": [refused.message]}) from refused
        return self.detail_response(article)

    def perform_destroy(self, instance):
        api_services.delete_story(article=instance, user=self.request.user)

    def decide(self, request, mention_id, decision):
        article = self.get_object()
        mention = get_object_or_404(Mention.objects.select_related("entity"), pk=mention_id, article=article)
        mention = api_services.decide_mention(mention=mention, decision=decision, user=request.user)
        return Response(MentionSerializer(mention).data)

    @action(
        detail=True,
        methods=["post"],
        url_path=r"mentions/(?P<mention_id>[0-9]+)/confirm",
        permission_classes=[permissions.DjangoModelPermissionsOrAnonReadOnly, ReviewsMentions],
    )
    def confirm_mention(self, request, slug, mention_id):
        return self.decide(request, mention_id, Mention.Status.CONFIRMED)

    @action(
        detail=True,
        methods=["post"],
        url_path=r"mentions/(?P<mention_id>[0-9]+)/reject",
        permission_classes=[permissions.DjangoModelPermissionsOrAnonReadOnly, ReviewsMentions],
    )
    def reject_mention(self, request, slug, mention_id):
        return self.decide(request, mention_id, Mention.Status.REJECTED)

    @action(
        detail=True,
        methods=["post"],
        permission_classes=[permissions.DjangoModelPermissionsOrAnonReadOnly, ReviewsMentions],
    )
    def relink(self, request, slug):
        article = self.get_object()
        api_services.relink(article=article, user=request.user)
        return self.detail_response(article)


def save_edit(article, *, user, fields):
    """Save an edit, with the revision attributed to the API user (token users included)."""
    article._history_user = user
    article.save(update_fields=[*fields, "updated_at"])


# Story metadata a client may set on import, over what the pipeline extracted.
OVERRIDABLE = ("dek", "byline", "source_url", "published_at")


def submission_from(data) -> api_services.Submission:
    """The posted story as the bytes and file name the import pipeline takes from any other door."""
    if data.get("text"):
        return api_services.Submission(data=data["text"].encode("utf-8"), name="api-submission.txt")
    if data.get("html"):
        return api_services.Submission(data=data["html"].encode("utf-8"), name="api-submission.html")
    published_at = data.get("published_at")
    record = {
        "title": data["title"],
        "dek": data.get("dek", ""),
        "byline": data.get("byline", ""),
        "source": data.get("source", ""),
        "url": data.get("source_url", ""),
        "published": published_at.isoformat() if published_at else None,
    }
    if data.get("body_html"):
        record["html"] = data["body_html"]
    else:
        record["body"] = data["body"]
    return api_services.Submission(data=json.dumps(record).encode("utf-8"), name="api-submission.jsonl")
