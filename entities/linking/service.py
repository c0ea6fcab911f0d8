"""Link stories to the knowledge base and record editors' decisions.

``link_article`` is the one door: the importer, the admin, the ``link_entities`` command and
the background tasks all call it. It stores suggestions as ``Mention`` rows without ever
undoing an editor's decision, confirms the confident ones, and rebuilds the story's
``EntityLink`` rows (what the site and the API read) from the confirmed mentions.
"""

from __future__ import annotations

import datetime
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.conf import settings
from django.db import IntegrityError, connections, router, transaction
from django.db.models import Count, Q
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from articles.caching import invalidate_public_pages
from articles.models import Article, AuditEntry
from entities.models import (
    Alias,
    AliasFeedback,
    Entity,
    EntityLink,
    EntityRedirect,
    Membership,
    Mention,
    Office,
)

from .automaton import Matcher, current_version, get_matcher
from .resolve import Candidate, Sentences, resolve

# Feedback: once editors have rejected an alias this often in a source, its confidence there
# is scaled by its (smoothed) acceptance rate, so it drops below the auto-confirm threshold.
FEEDBACK_MIN_REJECTIONS = 3

ABOUT_SCORE = 0.5


@dataclass(slots=True)
class NewMention:
    """A mention about to be inserted: the values of a ``Mention`` row, without a model instance."""

    article_id: int
    entity_id: int
    alias_id: int | None
    start: int | None
    end: int | None
    surface: str
    sentence: str
    status: str
    confidence: float
    method: str
    decided_by_id: int | None = None
    decided_at: datetime.datetime | None = None


@dataclass(slots=True)
class NewLink:
    """An ``EntityLink`` row about to be written."""

    article_id: int
    entity_id: int
    relevance: str
    score: float
    mention_count: int
    evidence: str


@dataclass
class LinkResult:
    article_id: int
    created: int = 0
    updated: int = 0
    deleted: int = 0
    auto_confirmed: int = 0
    kept_decisions: int = 0
    entities: list[int] = field(default_factory=list)  # entities with a confirmed link

    def __add__(self, other: LinkResult) -> LinkResult:
        return LinkResult(
            article_id=0,
            created=self.created + other.created,
            updated=self.updated + other.updated,
            deleted=self.deleted + other.deleted,
            auto_confirmed=self.auto_confirmed + other.auto_confirmed,
            kept_decisions=self.kept_decisions + other.kept_decisions,
        )


def auto_confirm_threshold() -> float:
    return float(settings.NEWSROOM_AUTO_CONFIRM_THRESHOLD)


def story_date(article: Article) -> datetime.date:
    """The date titles resolve on: the story's publication date, or today when it has none."""
    if article.published_at is not None:
        return timezone.localtime(article.published_at).date()
    return timezone.localdate()


def feedback_factors(*, source_id: int | None) -> dict[int, float]:
    """Confidence multipliers for aliases editors keep rejecting in this source."""
    if source_id is None:
        return {}
    factors = {}
    for alias_id, confirmed, rejected in AliasFeedback.objects.filter(
        source_id=source_id, rejected__gte=FEEDBACK_MIN_REJECTIONS
    ).values_list("alias_id", "confirmed", "rejected"):
        factors[alias_id] = feedback_factor(confirmed=confirmed, rejected=rejected)
    return factors


def feedback_factor(*, confirmed: int, rejected: int) -> float:
    """Half the confidence stays; the other half is scaled by the smoothed acceptance rate."""
    if rejected < FEEDBACK_MIN_REJECTIONS:
        return 1.0
    acceptance = (confirmed + 1) / (confirmed + rejected + 2)
    return 0.5 + 0.5 * acceptance


@dataclass
class Prefetched:
    """The rows linking reads, for a chunk of stories: existing mentions, links and feedback."""

    mentions: dict[int, list[Mention]]
    links: dict[int, list[EntityLink]]
    feedback: dict[int, dict[int, float]]
    # With ``buffered``, new rows wait here and ``flush`` inserts a whole chunk's in one go.
    buffered: bool = False
    new_mentions: list = field(default_factory=list)
    new_links: list = field(default_factory=list)

    def flush(self) -> None:
        if self.new_mentions:
            insert_rows(Mention, MENTION_COLUMNS, self.new_mentions)
        if self.new_links:
            insert_rows(EntityLink, LINK_COLUMNS, self.new_links)
        self.new_mentions, self.new_links = [], []

    @classmethod
    def load(cls, *, articles: list[Article], buffered: bool = False) -> Prefetched:
        ids = [article.pk for article in articles]
        mentions: dict[int, list[Mention]] = defaultdict(list)
        for mention in Mention.objects.filter(article_id__in=ids).order_by():
            mentions[mention.article_id].append(mention)
        links: dict[int, list[EntityLink]] = defaultdict(list)
        if mentions:
            for link in EntityLink.objects.filter(article_id__in=ids).order_by():
                links[link.article_id].append(link)
        sources = {article.source_id for article in articles if article.source_id is not None}
        feedback = {source_id: feedback_factors(source_id=source_id) for source_id in sources}
        return cls(mentions, links, feedback, buffered=buffered)

    def factors(self, source_id: int | None) -> dict[int, float]:
        return self.feedback.get(source_id, {}) if source_id is not None else {}


def _is_editor_decision(mention: Mention) -> bool:
    return mention.decided_at is not None or mention.method == "manual"


def link_article(
    *,
    article: Article,
    user=None,
    matcher: Matcher | None = None,
    prefetched: Prefetched | None = None,
) -> LinkResult:
    """Suggest entities for one story, keep editors' decisions, rebuild its entity links.

    Idempotent: linking an unchanged story again writes nothing new. ``link_articles`` passes
    ``prefetched`` rows for a whole chunk of stories so each story costs no reads.
    """
    matcher = matcher or get_matcher()
    found = resolve(
        matcher=matcher,
        title=article.title,
        dek=article.dek,
        body=article.body_text,
        on_date=story_date(article),
    )
    batch = prefetched is not None
    if not batch:
        prefetched = Prefetched.load(articles=[article])
    factors = prefetched.factors(article.source_id)
    threshold = auto_confirm_threshold()
    body = article.body_text or ""
    sentences = Sentences(body)
    result = LinkResult(article_id=article.pk)

    wanted: dict[tuple[int, int | None], Candidate] = {}
    for candidate in found["body"]:
        if candidate.alias_id in factors:
            candidate.confidence = round(candidate.confidence * factors[candidate.alias_id], 3)
        wanted.setdefault((candidate.entity_id, candidate.start), candidate)
    # The headline's mention stands unless the body names the entity with confidence: a capital
    # in the body ("Beijing", a suggestion) dropped the headline's "China" from the story.
    body_entities = {entity_id for (entity_id, _), c in wanted.items() if c.confidence >= threshold}
    suggested_in_body = {entity_id for entity_id, _ in wanted} - body_entities
    for candidate in found["title"]:
        # ... and only a confident headline mention joins a body's suggestion (two suggestions of
        # one entity would ask the editor twice).
        if candidate.entity_id not in body_entities and (
            candidate.entity_id not in suggested_in_body or candidate.confidence >= threshold
        ):
            if candidate.alias_id in factors:
                candidate.confidence = round(candidate.confidence * factors[candidate.alias_id], 3)
            wanted.setdefault((candidate.entity_id, None), candidate)

    # No savepoint: inside link_articles' chunk transaction one would cost more than the work.
    with transaction.atomic(savepoint=False):
        existing = prefetched.mentions.get(article.pk, [])
        by_key = {(m.entity_id, m.start): m for m in existing}
        to_create, to_update, to_delete = [], [], []
        # Decided mentions whose text moved (the body was edited): re-anchor them on the same
        # words so the decision follows the text instead of being lost or duplicated.
        for mention in existing:
            if mention.start is None or not _is_editor_decision(mention):
                continue
            if body[mention.start : mention.end] == mention.surface:
                continue
            moved = _nearest(wanted, mention, by_key)
            if moved is not None:
                del by_key[(mention.entity_id, mention.start)]
                mention.start, mention.end = moved.start, moved.end
                mention.sentence = sentences.around(moved.start, moved.end)
                by_key[(mention.entity_id, mention.start)] = mention
                to_update.append(mention)

        for key, candidate in wanted.items():
            status = (
                Mention.Status.CONFIRMED if candidate.confidence >= threshold else Mention.Status.SUGGESTED
            )
            sentence = (
                sentences.around(candidate.start, candidate.end) if key[1] is not None else article.title
            )
            mention = by_key.get(key)
            if mention is None:
                to_create.append(
                    NewMention(
                        article_id=article.pk,
                        entity_id=candidate.entity_id,
                        alias_id=candidate.alias_id,
                        start=candidate.start if key[1] is not None else None,
                        end=candidate.end if key[1] is not None else None,
                        surface=candidate.surface[:200],
                        sentence=sentence,
                        status=status,
                        confidence=candidate.confidence,
                        method="title" if key[1] is None else candidate.method,
                    )
                )
                result.auto_confirmed += status == Mention.Status.CONFIRMED
                continue
            if _is_editor_decision(mention):
                result.kept_decisions += 1
                continue
            changed = (
                mention.status != status
                or mention.confidence != candidate.confidence
                or mention.end != (candidate.end if key[1] is not None else None)
                or mention.alias_id != candidate.alias_id
                or mention.sentence != sentence
            )
            if changed:
                result.auto_confirmed += status == Mention.Status.CONFIRMED and mention.status != status
                mention.status = status
                mention.confidence = candidate.confidence
                mention.alias_id = candidate.alias_id
                mention.surface = candidate.surface[:200]
                mention.sentence = sentence
                if key[1] is not None:
                    mention.end = candidate.end
                mention.method = "title" if key[1] is None else candidate.method
                to_update.append(mention)

        for key, mention in by_key.items():
            if key not in wanted and not _is_editor_decision(mention):
                to_delete.append(mention.pk)

        if to_delete:
            Mention.objects.filter(pk__in=to_delete).delete()
        if to_update:
            Mention.objects.bulk_update(
                to_update, ["start", "end", "status", "confidence", "alias", "surface", "sentence", "method"]
            )
        if to_create and prefetched.buffered:
            prefetched.new_mentions.extend(to_create)
        elif to_create:
            insert_rows(Mention, MENTION_COLUMNS, to_create)
        result.created, result.updated, result.deleted = len(to_create), len(to_update), len(to_delete)

        kept = [m for m in existing if m.pk not in set(to_delete)]
        # Links derive from mentions only: a story that had none has no links to compare with.
        result.entities = rebuild_links(
            article=article,
            mentions=kept + to_create,
            found=found,
            current=prefetched.links.get(article.pk, []) if existing else [],
            pending=prefetched.new_links if prefetched.buffered else None,
        )
    remember_linked(article)
    if not batch:
        # Mentions and links were written in bulk (no signals); link_articles does this per chunk.
        invalidate_public_pages()
    return result


def _nearest(wanted, mention: Mention, by_key) -> Candidate | None:
    options = [
        c
        for (entity_id, start), c in wanted.items()
        if entity_id == mention.entity_id
        and start is not None
        and c.surface == mention.surface
        and (entity_id, start) not in by_key
    ]
    return min(options, key=lambda c: abs(c.start - mention.start), default=None)


def rebuild_links(
    *,
    article: Article,
    mentions: Iterable[Mention] | None = None,
    found=None,
    current: Iterable[EntityLink] | None = None,
    pending: list | None = None,
) -> list[int]:
    """Recompute the story's EntityLink rows from its mentions: one row per confirmed entity.

    Relevance is **about** when the entity is in the title or dek, or is mentioned early and
    often in the body; otherwise **mentions**. The evidence is the sentence of its best mention.
    """
    if mentions is None:
        mentions = list(Mention.objects.filter(article=article))
    if found is None:
        found = resolve(
            matcher=get_matcher(), title=article.title, dek=article.dek, body="", on_date=story_date(article)
        )
    headline_entities = {c.entity_id for name in ("title", "dek") for c in found.get(name, ())}
    body_length = max(len(article.body_text or ""), 1)

    by_entity: dict[int, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.status != Mention.Status.REJECTED:
            by_entity[mention.entity_id].append(mention)

    rows: dict[int, EntityLink] = {}
    for entity_id, entity_mentions in by_entity.items():
        confirmed = [m for m in entity_mentions if m.status == Mention.Status.CONFIRMED]
        if not confirmed:
            continue
        spans = sorted((m for m in entity_mentions if m.start is not None), key=lambda m: m.start)
        count = len(spans)
        first = spans[0].start / body_length if spans else 1.0
        in_headline = entity_id in headline_entities
        score = (
            (ABOUT_SCORE if in_headline else 0.0)
            + 0.3 * min(count, 5) / 5
            + (0.2 * (1 - first) if spans else 0.0)
        )
        about = in_headline or (count >= 3 and first <= 0.25)
        best = max(
            confirmed,
            key=lambda m: (m.start is not None, m.confidence, -(m.start or 0)),
        )
        rows[entity_id] = NewLink(
            article_id=article.pk,
            entity_id=entity_id,
            relevance=EntityLink.Relevance.ABOUT if about else EntityLink.Relevance.MENTIONS,
            score=round(score, 3),
            # What a reader is shown: the confirmed mentions (a manual link has no span; it counts
            # once). The prominence above also weighs the suggestions not rejected.
            mention_count=max(sum(m.status == Mention.Status.CONFIRMED for m in spans), 1),
            evidence=best.sentence or article.title,
        )

    if current is None:
        current = EntityLink.objects.filter(article=article).order_by()
    current = {link.entity_id: link for link in current}
    stale = [link.pk for entity_id, link in current.items() if entity_id not in rows]
    if stale:
        EntityLink.objects.filter(pk__in=stale).delete()
    to_update = []
    for entity_id, row in rows.items():
        link = current.get(entity_id)
        if link is None:
            continue
        if (link.relevance, link.score, link.mention_count, link.evidence) != (
            row.relevance,
            row.score,
            row.mention_count,
            row.evidence,
        ):
            link.relevance, link.score = row.relevance, row.score
            link.mention_count, link.evidence = row.mention_count, row.evidence
            to_update.append(link)
    if to_update:
        EntityLink.objects.bulk_update(to_update, ["relevance", "score", "mention_count", "evidence"])
    new = [row for entity_id, row in rows.items() if entity_id not in current]
    if new and pending is not None:
        pending.extend(new)
    elif new:
        insert_rows(EntityLink, LINK_COLUMNS, new)
    return sorted(rows)


MENTION_COLUMNS = [
    "article_id", "entity_id", "alias_id", "start", "end", "surface", "sentence", "status", "confidence",
    "method", "decided_by_id", "decided_at", "created_at",
]  # fmt: skip
LINK_COLUMNS = ["article_id", "entity_id", "relevance", "score", "mention_count", "evidence"]


def insert_rows(model, columns: list[str], objects: list) -> None:
    """Insert new rows with one ``executemany``: the hot path of linking a large archive.

    ``bulk_create`` spends most of its time preparing each field of each instance; the linker
    already holds plain, valid values, so it skips that work. No signals are sent (bulk_create
    sends none either) and no primary keys are read back.
    """
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    # Only quoted identifiers from the model and placeholders go into the SQL; values are parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table), ", ".join(quote(c) for c in columns), ", ".join(["%s"] * len(columns))
    )
    rows = [
        tuple(now if column == "created_at" else getattr(obj, column) for column in columns)
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def link_articles(
    *, articles: Iterable[Article] | None = None, ids: Iterable[int] | None = None, chunk_size: int = 100
) -> Iterator[LinkResult]:
    """Link many stories, streaming: yields one result per story, a chunk at a time.

    Pass ``articles`` (any iterable or queryset) or ``ids``; with neither, every story. Each
    chunk is linked in one transaction and its results are yielded once it has committed.
    """
    if articles is None:
        queryset = Article.objects.all() if ids is None else Article.objects.filter(pk__in=list(ids))
        articles = queryset.only("pk", "title", "dek", "body_text", "published_at", "source_id").order_by(
            "pk"
        )
        articles = articles.iterator(chunk_size=chunk_size)
    iterator = iter(articles)
    while chunk := list(islice(iterator, chunk_size)):
        # One transaction and one read of existing rows per chunk: on SQLite a commit (or two
        # queries) per story would cost more than the linking itself.
        matcher = get_matcher(version=current_version())
        with transaction.atomic():
            prefetched = Prefetched.load(articles=chunk, buffered=True)
            results = [
                link_article(article=article, matcher=matcher, prefetched=prefetched) for article in chunk
            ]
            prefetched.flush()
            invalidate_public_pages()
        yield from results


# --- Editors' decisions ------------------------------------------------------------------


def decide_mentions(*, mentions, status: str, user) -> int:
    """Record an editor's decision on these mentions: their status, who and when, a history row
    each (the story's history lists its entity decisions), then the stories' links and the
    alias feedback rebuilt. Returns how many."""
    mentions = list(mentions)
    if not mentions:
        return 0
    now = timezone.now()
    with transaction.atomic():
        for mention in mentions:
            mention.status = status
            mention.decided_by = user
            mention.decided_at = now
        bulk_update_with_history(
            mentions,
            Mention,
            ["status", "decided_by", "decided_at"],
            default_user=user,
            default_change_reason=f"{Mention.Status(status).label} by an editor",
            default_date=now,
        )
        for article in Article.objects.filter(pk__in={m.article_id for m in mentions}):
            rebuild_links(article=article)
        refresh_feedback(mentions=mentions)
        invalidate_public_pages()
    return len(mentions)


def confirm_mention(*, mention: Mention, user, all_in_story: bool = False) -> int:
    """Confirm a suggestion (or, with ``all_in_story``, it and every undecided mention of its
    entity in the story: an editor's earlier decisions stand). Returns how many."""
    return decide_mentions(mentions=_scope(mention, all_in_story), status=Mention.Status.CONFIRMED, user=user)


def reject_mention(*, mention: Mention, user, all_in_story: bool = False) -> int:
    """Reject a suggestion (or, with ``all_in_story``, it and every undecided mention of its
    entity in the story). Returns how many."""
    return decide_mentions(mentions=_scope(mention, all_in_story), status=Mention.Status.REJECTED, user=user)


def _scope(mention: Mention, all_in_story: bool):
    if not all_in_story:
        return [mention]
    return Mention.objects.filter(article_id=mention.article_id, entity_id=mention.entity_id).filter(
        Q(pk=mention.pk) | Q(decided_at__isnull=True)
    )


def refresh_feedback(*, mentions: Iterable[Mention]) -> None:
    """Recount editors' decisions for the (alias, source) pairs these mentions belong to."""
    mentions = [m for m in mentions if m.alias_id is not None]
    sources = dict(
        Article.objects.filter(pk__in={m.article_id for m in mentions}).values_list("pk", "source_id")
    )
    pairs = {(m.alias_id, sources.get(m.article_id)) for m in mentions}
    pairs = {(alias_id, source_id) for alias_id, source_id in pairs if source_id is not None}
    for alias_id, source_id in pairs:
        counts = Mention.objects.filter(
            alias_id=alias_id, article__source_id=source_id, decided_at__isnull=False
        ).aggregate(
            confirmed=Count("pk", filter=Q(status=Mention.Status.CONFIRMED)),
            rejected=Count("pk", filter=Q(status=Mention.Status.REJECTED)),
        )
        AliasFeedback.objects.update_or_create(alias_id=alias_id, source_id=source_id, defaults=counts)


def add_manual_link(*, article: Article, entity: Entity, user) -> Mention:
    """Link a story to an entity without a text span (an editor's decision, confirmed)."""
    with transaction.atomic():
        mention, _ = Mention.objects.update_or_create(
            article=article,
            entity=entity,
            start=None,
            defaults={
                "status": Mention.Status.CONFIRMED,
                "method": "manual",
                "confidence": 1.0,
                "surface": "",
                "sentence": "",
                "decided_by": user,
                "decided_at": timezone.now(),
            },
        )
        rebuild_links(article=article)
    return mention


@transaction.atomic
def merge_entities(*, survivor: Entity, merged: Entity, user=None) -> dict[str, int]:
    """Fold ``merged`` into ``survivor``: mentions, aliases, offices and memberships move over,
    the merged name becomes an alias, its slug redirects, and the merged entity is deleted.

    Returns how many rows of each kind moved. Refuses to merge different kinds.
    """
    if survivor.pk == merged.pk:
        raise ValueError("An entity cannot be merged into itself.")
    if survivor.kind != merged.kind:
        raise ValueError(f"Cannot merge a {merged.kind} into a {survivor.kind}.")
    moved = {"mentions": 0, "aliases": 0, "offices": 0, "memberships": 0}

    affected = set(Mention.objects.filter(entity=merged).values_list("article_id", flat=True))
    for mention in Mention.objects.filter(entity=merged):
        clash = Mention.objects.filter(
            article_id=mention.article_id, entity=survivor, start=mention.start
        ).first()
        if clash is None:
            mention.entity = survivor
            mention.save(update_fields=["entity"])
            moved["mentions"] += 1
        elif _is_editor_decision(mention) and not _is_editor_decision(clash):
            clash.delete()
            mention.entity = survivor
            mention.save(update_fields=["entity"])
            moved["mentions"] += 1
        else:
            mention.delete()

    survivor_aliases = set(Alias.objects.filter(entity=survivor).values_list("text", flat=True))
    for alias in Alias.objects.filter(entity=merged):
        if alias.text in survivor_aliases:
            alias.mentions.update(alias=Alias.objects.get(entity=survivor, text=alias.text))
            alias.delete()
            continue
        alias.entity = survivor
        alias.save(update_fields=["entity", "updated_at"])
        survivor_aliases.add(alias.text)
        moved["aliases"] += 1
    if merged.name not in survivor_aliases:
        Alias.objects.create(entity=survivor, text=merged.name, kind=Alias.Kind.OTHER)

    typed_survivor = survivor.typed
    if survivor.kind == Entity.Kind.LEADER:
        for office in Office.objects.filter(leader_id=merged.pk):
            if not Office.objects.filter(
                leader_id=survivor.pk, country=office.country, title=office.title, start=office.start
            ).exists():
                office.leader = typed_survivor
                office.save(update_fields=["leader"])
                moved["offices"] += 1
    if survivor.kind == Entity.Kind.COUNTRY:
        for office in Office.objects.filter(country_id=merged.pk):
            if not Office.objects.filter(
                country_id=survivor.pk, leader=office.leader, title=office.title, start=office.start
            ).exists():
                office.country = typed_survivor
                office.save(update_fields=["country"])
                moved["offices"] += 1
    membership_field = {Entity.Kind.COUNTRY: "country", Entity.Kind.ORGANIZATION: "organization"}.get(
        survivor.kind
    )
    if membership_field:
        other = "organization" if membership_field == "country" else "country"
        for membership in Membership.objects.filter(**{f"{membership_field}_id": merged.pk}):
            if not Membership.objects.filter(
                **{
                    f"{membership_field}_id": survivor.pk,
                    f"{other}_id": getattr(membership, f"{other}_id"),
                    "status": membership.status,
                }
            ).exists():
                setattr(membership, membership_field, typed_survivor)
                membership.save(update_fields=[membership_field])
                moved["memberships"] += 1

    if not survivor.wikidata_id and merged.wikidata_id:
        survivor.wikidata_id = merged.wikidata_id
        survivor.save(update_fields=["wikidata_id"])
    EntityRedirect.objects.filter(entity=merged).update(entity=survivor)
    old_slug = merged.slug
    EntityLink.objects.filter(entity=merged).delete()
    # Delete the Entity row: that cascades to the typed row (deleting the typed row alone may not).
    Entity.objects.filter(pk=merged.pk).delete()
    try:
        with transaction.atomic():
            EntityRedirect.objects.create(old_slug=old_slug, entity=survivor)
    except IntegrityError:
        EntityRedirect.objects.filter(old_slug=old_slug).update(entity=survivor)
    for article in Article.objects.filter(pk__in=affected):
        rebuild_links(article=article)
    AuditEntry.objects.create(
        action=AuditEntry.Action.MERGE,
        user=user,
        object_type="entity",
        object_id=str(survivor.pk),
        object_repr=f"{merged.name} → {survivor.name}",
        detail={"merged_slug": old_slug, **moved},
    )
    return moved


def articles_with_alias_text(*, text: str) -> list[int]:
    """Stories whose title or body contain ``text`` (case-insensitive): the back-fill candidates."""
    return list(
        Article.objects.filter(Q(body_text__icontains=text) | Q(title__icontains=text)).values_list(
            "pk", flat=True
        )
    )


# Stories linked recently in this process with the body they were linked on: the post_save
# hook skips a story the importer has just linked, so an import does not link twice.
_recently_linked: OrderedDict[int, int] = OrderedDict()


def remember_linked(article: Article) -> None:
    _recently_linked[article.pk] = hash((article.title, article.body_text, article.dek))
    _recently_linked.move_to_end(article.pk)
    while len(_recently_linked) > 1000:
        _recently_linked.popitem(last=False)


def was_just_linked(article: Article) -> bool:
    return _recently_linked.get(article.pk) == hash((article.title, article.body_text, article.dek))
