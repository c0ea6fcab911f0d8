"""Public entity pages and directories.

Everything counted or listed here is built on ``Article.objects.published()``: drafts and
stories in review never reach counts, story lists, co-occurrence or charts.
"""

from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from articles.caching import cache_public_page, cached_fragment
from articles.metadata import wikidata_url
from articles.models import Article
from newsroom.pagination import page_or_404

from .charts import coverage_svg, monthly_coverage
from .context import fuzzy_date, membership_label, office_label
from .models import Country, Entity, EntityLink, EntityRedirect, Leader, Membership, Office, Organization

PAGE_SIZE = 20
TYPED = {Entity.Kind.COUNTRY: Country, Entity.Kind.LEADER: Leader, Entity.Kind.ORGANIZATION: Organization}
TITLES = {
    Entity.Kind.COUNTRY: "Countries",
    Entity.Kind.LEADER: "Leaders",
    Entity.Kind.ORGANIZATION: "Organizations",
}
SORTS = {"name": "Name", "stories": "Most stories"}


def story_counts(kind: str) -> dict[int, int]:
    """Published stories per entity of ``kind``."""
    return dict(
        EntityLink.objects.filter(entity__kind=kind, article__in=Article.objects.published().values("pk"))
        .values_list("entity_id")
        .annotate(n=Count("pk"))
        .values_list("entity_id", "n")
    )


@require_safe
@cache_public_page
def directory(request, kind):
    model = TYPED[kind]
    sort = request.GET.get("sort", "name")
    if sort not in SORTS:
        sort = "name"
    entities = list(model.objects.all())  # by sort_name: as a reader's index files names
    counts = cached_fragment("story-counts", lambda: story_counts(kind), parts=[kind])
    for entity in entities:
        entity.story_count = counts.get(entity.pk, 0)
    if sort == "stories":
        entities.sort(key=lambda e: -e.story_count)  # stable: names stay in order within a count
    if kind == Entity.Kind.LEADER:
        offices = defaultdict(list)
        for office in Office.objects.filter(end=None).select_related("country").order_by("start"):
            offices[office.leader_id].append(office)
        for entity in entities:
            entity.current_offices = offices.get(entity.pk, [])
    groups = None
    if kind == Entity.Kind.COUNTRY:
        by_region = defaultdict(list)
        for entity in entities:
            by_region[entity.region or "Other"].append(entity)
        groups = sorted(by_region.items(), key=lambda item: (item[0] == "Other", item[0]))
    return render(
        request,
        "entities/directory.html",
        {
            "kind": kind,
            "title": TITLES[kind],
            "entities": entities,
            "groups": groups,
            "sort": sort,
            "sorts": SORTS,
        },
    )


def co_occurring(entity, *, limit: int = 12) -> list[dict]:
    """Entities most often linked to the same published stories as ``entity``, with counts."""
    stories = Article.objects.published().for_entity(entity).values("pk")
    return EntityLink.objects.filter(article__in=stories).exclude(entity=entity).entity_counts(limit=limit)


# The heading over each group of an organization's members.
_MEMBER_GROUPS = {
    Membership.Status.FOUNDING_MEMBER: "Founding members",
    Membership.Status.MEMBER: "Members",
    Membership.Status.PARTNER: "Partner countries",
    Membership.Status.OBSERVER: "Observers",
    Membership.Status.DIALOGUE_PARTNER: "Dialogue partners",
    Membership.Status.APPLICANT: "Applicants",
}


def _profile(entity) -> dict:
    """The knowledge-base facts an entity page shows (two queries at most)."""
    if isinstance(entity, Country):
        current = list(Office.objects.filter(country=entity, end=None).select_related("leader"))
        memberships = list(
            Membership.objects.filter(country=entity).select_related("organization").order_by("since")
        )
        return {
            "current_offices": current,
            "memberships": [(m, membership_label(m)) for m in memberships],
        }
    if isinstance(entity, Leader):
        offices = list(Office.objects.filter(leader=entity).select_related("country").order_by("-start"))
        return {"offices": [(o, office_label(o)) for o in offices]}
    memberships = (
        Membership.objects.filter(organization=entity)
        .select_related("country")
        .order_by("country__sort_name", "country__name")
    )
    groups = defaultdict(list)
    for membership in memberships:
        groups[membership.status].append(membership)
    return {
        "member_groups": [
            (_MEMBER_GROUPS[status], groups[status]) for status in Membership.Status if groups.get(status)
        ],
        "founded": fuzzy_date(entity.founded),
    }


@require_safe
@cache_public_page
def entity_detail(request, slug, kind):
    model = TYPED[kind]
    try:
        entity = model.objects.get(slug=slug)
    except model.DoesNotExist:
        # A merged entity's old address moves permanently to the survivor.
        moved = EntityRedirect.objects.select_related("entity").filter(old_slug=slug).first()
        if moved is not None:
            return redirect(moved.entity, permanent=True)
        raise Http404("No such entity") from None
    link = EntityLink.objects.filter(article=OuterRef("pk"), entity=entity)
    stories = (
        Article.objects.published()
        .for_entity(entity)
        .select_related("source")
        .annotate(
            evidence=Subquery(link.values("evidence")[:1]), relevance=Subquery(link.values("relevance")[:1])
        )
        .newest_first()
    )
    paginator = Paginator(stories, PAGE_SIZE)
    page = page_or_404(paginator, request.GET.get("page"))
    months = cached_fragment("coverage", lambda: monthly_coverage(entity), parts=[entity.pk])
    return render(
        request,
        "entities/entity_detail.html",
        {
            "entity": entity,
            "kind_title": TITLES[kind],
            "profile": _profile(entity),
            "page": page,
            "story_count": paginator.count,
            "co_occurring": cached_fragment("co-occurring", lambda: co_occurring(entity), parts=[entity.pk]),
            "months": months,
            "last_month_label": months[-1].label if months else "",
            "charted_count": sum(month.count for month in months),
            "chart": coverage_svg(months),
            "wikidata_url": wikidata_url(entity),
            "canonical_url": request.build_absolute_uri(entity.get_absolute_url()),
        },
    )
