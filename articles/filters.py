"""The one FilterSet for story lists, shared by the public story list/search and the API."""

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef
from drf_spectacular.utils import extend_schema_field

from entities.models import Entity, EntityLink

from .models import Article, Source
from .querysets import may_preview

ENTITY_HELP = "Entity slug; repeat to require several entities (AND)."


class StoryOrdering(django_filters.OrderingFilter):
    """The asked-for order with undated stories last whichever way dates run (PostgreSQL puts
    NULLs first when descending, SQLite when ascending) and the newest story first among equals,
    so a page never shifts between two requests."""

    def filter(self, qs, value):
        value = [param for param in value or [] if param]  # "?ordering=published," has an empty one
        if not value:
            return qs
        fields = [self.get_ordering_value(param) for param in value]
        order = [
            F(field[1:]).desc(nulls_last=True) if field.startswith("-") else F(field).asc(nulls_last=True)
            for field in fields
        ]
        return qs.order_by(*order, "-pk")


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label="Search")
    entity = django_filters.ModelMultipleChoiceFilter(
        queryset=Entity.objects.all(),
        to_field_name="slug",
        method="filter_entities",
        label="Entities (all of them)",
        help_text=ENTITY_HELP,
    )
    kind = django_filters.ChoiceFilter(
        choices=Entity.Kind.choices,
        method="filter_kind",
        label="Entity kind",
        help_text="Stories linked to at least one entity of this kind.",
    )
    source = django_filters.ModelChoiceFilter(
        queryset=Source.objects.all(), to_field_name="slug", help_text="Source slug."
    )
    status = django_filters.ChoiceFilter(
        choices=Article.Status.choices,
        method="filter_status",
        help_text="Staff only: ignored for readers, who only ever see published stories.",
    )
    published_after = django_filters.DateFilter(
        field_name="published_at",
        lookup_expr="date__gte",
        label="Published on or after",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    published_before = django_filters.DateFilter(
        field_name="published_at",
        lookup_expr="date__lte",
        label="Published on or before",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    ordering = StoryOrdering(
        fields=(("published_at", "published"), ("title", "title")),
        help_text="published, -published, title or -title.",
    )

    class Meta:
        model = Article
        fields = ["q", "entity", "kind", "source", "status", "published_after", "published_before"]

    # Set to False before reading ``qs`` to match without ranking (broad searches on the site).
    rank_search = True

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and "" in data.getlist("entity"):
            # An empty choice means no choice, as for the other filters ("?entity=&q=brics" was
            # an error on the site and a 400 in the API while an empty "source=" was ignored).
            data = data.copy()
            data.setlist("entity", [value for value in data.getlist("entity") if value])
        super().__init__(data, *args, **kwargs)
        if not may_preview(getattr(self.request, "user", None)):
            # A reader's choice of sources is those with a published story: a source that only
            # has drafts (a new wire being tried out) is not named on the public site.
            published = Article.objects.published().filter(source=OuterRef("pk"))
            self.filters["source"].queryset = Source.objects.filter(Exists(published))

    def filter_search(self, queryset, name, value):
        return queryset.search(value, ranked=self.rank_search)

    def filter_status(self, queryset, name, value):
        # The queryset is already limited by visible_to(); for a reader the filter must not
        # even narrow it, so "status=draft" can never be used to probe for hidden stories.
        user = getattr(self.request, "user", None)
        if user is None or not user.is_staff or not user.has_perm("articles.view_article"):
            return queryset
        return queryset.filter(status=value)

    @extend_schema_field({"type": "string", "description": ENTITY_HELP})
    def filter_entities(self, queryset, name, value):
        for entity in value:
            queryset = queryset.filter(
                Exists(EntityLink.objects.filter(article=OuterRef("pk"), entity=entity))
            )
        return queryset

    def filter_kind(self, queryset, name, value):
        return queryset.filter(Exists(EntityLink.objects.filter(article=OuterRef("pk"), entity__kind=value)))
