"""Public story pages: home, story, story list and search, robots.txt and the news sitemap.

Readers see ``Article.objects.published()`` only; staff who may view stories also see drafts
(with a preview banner). Each view runs a bounded number of queries whatever it shows.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.text import Truncator
from django.views.decorators.http import require_safe

from entities.context import story_context
from entities.models import Entity, EntityLink, Mention
from newsroom.pagination import page_or_404

from .caching import cache_public_page, cached_fragment
from .filters import ArticleFilter
from .metadata import json_ld, news_article
from .models import Article
from .related import related_stories
from .rendering import render_story_body
from .snippets import attach_snippets

PAGE_SIZE = 20
KIND_ORDER = [Entity.Kind.LEADER, Entity.Kind.COUNTRY, Entity.Kind.ORGANIZATION]
KIND_HEADINGS = {
    Entity.Kind.COUNTRY: "Countries",
    Entity.Kind.LEADER: "Leaders",
    Entity.Kind.ORGANIZATION: "Organizations",
}


def top_entities(*, days: int = 30, limit: int = 12) -> list[dict]:
    """The entities with the most published stories in the last ``days`` days."""
    since = timezone.now() - datetime.timedelta(days=days)
    recent = Article.objects.published().filter(published_at__gte=since).values("pk")
    return EntityLink.objects.filter(article__in=recent).entity_counts(limit=limit)


@require_safe
@cache_public_page
def home(request):
    stories = list(Article.objects.published().select_related("source").with_entities().newest_first()[:12])
    trending = cached_fragment("top-entities", top_entities)
    return render(request, "articles/home.html", {"stories": stories, "trending": trending})


def entity_options(selected: list[str]):
    """<option>s for the entity filter, grouped by kind (built here: hundreds of entities render
    far faster with one format_html_join than through the form widget's templates)."""
    selected = set(selected)
    groups = defaultdict(list)
    rows = Entity.objects.order_by("sort_name", "name").values_list("slug", "name", "kind")
    for slug, name, kind in rows:
        groups[kind].append((slug, " selected" if slug in selected else "", name))
    return format_html_join(
        "",
        '<optgroup label="{}">{}</optgroup>',
        (
            (KIND_HEADINGS[kind], format_html_join("", '<option value="{}"{}>{}</option>', groups[kind]))
            for kind in KIND_ORDER
            if groups.get(kind)
        ),
    )


@require_safe
@cache_public_page
def story_list(request):
    return _story_list(request, search_page=False)


@require_safe
@cache_public_page
def search(request):
    return _story_list(request, search_page=True)


# What a reader is told beside each filter (the FilterSet's own help describes the API's
# parameters: "Entity slug; repeat to require several entities (AND)").
_READER_HELP = {
    "entity": "Stories about all the chosen ones. Hold Ctrl (⌘ on a Mac) to choose several.",
    "source": "",
    "ordering": "",
}
_READER_ORDERS = [
    ("", "Best match, then newest"),
    ("-published", "Newest first"),
    ("published", "Oldest first"),
    ("title", "Title, A to Z"),
    ("-title", "Title, Z to A"),
]


def _for_readers(filterset) -> None:
    """The shared FilterSet as the public site shows it: no status filter (readers only ever see
    published stories), help and order names for readers rather than for the API."""
    filterset.filters.pop("status", None)
    form = filterset.form
    for name, text in _READER_HELP.items():
        if name in form.fields:
            form.fields[name].help_text = text
    if "ordering" in form.fields:
        form.fields["ordering"].label = "Order"
        form.fields["ordering"].empty_label = None  # the first of the orders is the default
        form.fields["ordering"].choices = _READER_ORDERS
    if "kind" in form.fields:
        form.fields["kind"].empty_label = "Any kind"
        form.fields["kind"].choices = Entity.Kind.choices  # rebuilt with the label
    if "source" in form.fields:
        form.fields["source"].empty_label = "Any source"


def _story_list(request, *, search_page):
    filterset = ArticleFilter(
        request.GET,
        queryset=Article.objects.published().select_related("source"),
        request=request,
    )
    _for_readers(filterset)
    query = (request.GET.get("q") or "").strip()
    by_date = False
    if filterset.is_valid():
        stories = filterset.qs
        total = stories.count()
        ranked = "rank" in stories.query.annotations and not request.GET.get("ordering")
        # Ranking needs every match's document; past a few thousand matches it costs seconds on
        # PostgreSQL, so a very broad search lists the newest matches instead (and says so).
        by_date = ranked and total > settings.NEWSROOM_SEARCH_RANK_LIMIT
        if by_date:
            filterset = ArticleFilter(request.GET, queryset=filterset.queryset, request=request)
            _for_readers(filterset)
            filterset.rank_search = False
            stories = filterset.qs
        if not request.GET.get("ordering"):
            stories = stories.order_by(
                *(["-rank"] if "rank" in stories.query.annotations else []),
                F("published_at").desc(nulls_last=True),
                "-pk",
            )
    else:
        stories, total = Article.objects.none(), 0
    paginator = Paginator(stories, PAGE_SIZE)
    paginator.count = total  # already counted above
    page = page_or_404(paginator, request.GET.get("page"))
    page_stories = list(
        Article.objects.published()
        .filter(pk__in=[s.pk for s in page.object_list])
        .select_related("source")
        .with_entities()
    )
    order = {s.pk: i for i, s in enumerate(page.object_list)}
    page_stories.sort(key=lambda s: order[s.pk])
    if query:
        attach_snippets(page_stories, query)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "articles/story_list.html",
        {
            "filter": filterset,
            "page": page,
            "stories": page_stories,
            "query": query,
            "search_page": search_page,
            "querystring": params.urlencode(),
            "result_count": paginator.count,
            "by_date": by_date,
            # Pages run from newer to older only when the list is in date order, newest first.
            "newest_first": request.GET.get("ordering", "") == "-published"
            or (not request.GET.get("ordering") and (by_date or not query)),
            "entity_options": entity_options(request.GET.getlist("entity")),
            "filters_on": sum(
                any(request.GET.getlist(name))
                for name in ("entity", "kind", "source", "published_after", "published_before")
            ),
        },
    )


def _absolute(request):
    return request.build_absolute_uri


def story_parts(story: Article, *, absolute) -> dict:
    """Everything a story page shows besides its headline and dek: byline and source line,
    description, canonical URL, linked body, panel, context, related stories, thread, JSON-LD.
    About a dozen queries whatever the story links to."""
    links = list(
        EntityLink.objects.filter(article=story)
        .select_related("entity__country", "entity__leader", "entity__organization")
        .order_by("-score", "entity__name")
    )
    mentions = list(
        Mention.objects.filter(article=story, status=Mention.Status.CONFIRMED)
        .select_related("entity")
        .order_by("start")
    )
    context = story_context([link.entity for link in links])
    panel = defaultdict(list)
    for link in links:
        panel[link.entity.kind].append(
            {"entity": link.entity, "link": link, "line": context.lines.get(link.entity.pk, "")}
        )
    main_link = next((link for link in links if link.relevance == EntityLink.Relevance.ABOUT), None)
    main_link = main_link or (links[0] if links else None)
    public = story.is_public()
    previous_story = next_story = None
    if main_link and story.published_at and public:
        thread = Article.objects.published().for_entity(main_link.entity_id).exclude(pk=story.pk)
        # Ordered by (date, pk), so that stories of the same moment (feeds that give only a day
        # import at midnight) form one chain instead of pointing at each other.
        same_time = Q(published_at=story.published_at)
        previous_story = (
            thread.filter(Q(published_at__lt=story.published_at) | (same_time & Q(pk__lt=story.pk)))
            .order_by("-published_at", "-pk")
            .first()
        )
        next_story = (
            thread.filter(Q(published_at__gt=story.published_at) | (same_time & Q(pk__gt=story.pk)))
            .order_by("published_at", "pk")
            .first()
        )
    aside = {
        "panel": [(KIND_HEADINGS[kind], panel[kind]) for kind in KIND_ORDER if panel.get(kind)],
        "facts": context.facts,
    }
    more = {
        "related": related_stories(story, limit=5) if public else [],
        "main_entity": main_link.entity if main_link else None,
        "previous_story": previous_story,
        "next_story": next_story,
    }
    # Rendered here, so a cached fragment is HTML (dozens of URL reversals saved per page).
    return {
        "canonical_url": absolute(story.get_absolute_url()),
        "description": Truncator(story.summary_text).chars(200),
        "meta": render_to_string("articles/story_meta.html", {"story": story}),
        "body": render_story_body(story, mentions),
        "aside": render_to_string("articles/story_aside.html", aside),
        "more": render_to_string("articles/story_more.html", more),
        "json_ld": json_ld(news_article(story, links, absolute)),
    }


@require_safe
@cache_public_page
def story_detail(request, slug):
    try:
        story = Article.objects.page(slug, user=request.user)
    except Article.DoesNotExist:
        raise Http404("No such story") from None
    absolute = _absolute(request)
    public = story.is_public()
    if public:
        # A fragment per story and site version: the page cache aside (staff, query strings,
        # a cold page after publishing), the derived parts are computed once per change. The
        # row was read before the version: its own updated_at in the key keeps an edit that
        # commits in between from being cached under the new version with the old body.
        parts = cached_fragment(
            "story",
            lambda: story_parts(story, absolute=absolute),
            parts=(story.pk, story.updated_at.timestamp(), absolute("/")),
        )
    else:
        parts = story_parts(story, absolute=absolute)
    return render(
        request,
        "articles/article_detail.html",
        {
            "story": story,
            "preview": not public,
            **parts,
        },
    )


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /search/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('articles:news_sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain")


@require_safe
def news_sitemap(request):
    """Google News sitemap: published stories of the last two days."""
    since = timezone.now() - datetime.timedelta(days=2)
    stories = Article.objects.published().filter(published_at__gte=since).newest_first()[:1000]
    return render(
        request,
        "articles/news_sitemap.xml",
        {
            "stories": stories,
            "site_name": settings.NEWSROOM_SITE_NAME,
            "absolute": request.build_absolute_uri("/").rstrip("/"),
        },
        content_type="application/xml",
    )
