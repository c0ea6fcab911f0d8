"""Mention review in the admin: the highlighted body, one-click decisions, manual links, new
entities from unknown names, relink and merge actions, archive back-fill, the review queue and
the tagging-quality page.

These are mixins the article and entity admins include; every view is thin and calls
``entities.linking``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Exists, F, FloatField, OuterRef, Q
from django.db.models.functions import Cast
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from articles.models import Article
from entities.linking import (
    add_manual_link,
    confirm_mention,
    link_article,
    merge_entities,
    reject_mention,
)
from entities.linking.service import articles_with_alias_text
from entities.models import Alias, AliasFeedback, Entity, EntityLink, Leader, Mention, Organization
from entities.tasks import relink_articles_containing
from newsroom.slugs import ascii_slug

# Relinking more stories than this from an admin action runs as a background task.

# A capitalised name the knowledge base does not know, without the title before it ("President
# William Ruto" offers "William Ruto": an entity named with the title would never match again).
# A royal or religious title before a single name keeps it ("Pope Francis", "King Charles");
# "General" and "Premier" are titles only before a person's name ("General Motors" and
# "Premier League" are names of their own).
_TITLE_WORDS = (
    r"(?:(?:Vice |Deputy )?(?:President|Prime Minister|Foreign Minister|Chancellor|Minister|Secretary"
    r"|Secretary-General|Speaker)|King|Queen|Crown Prince|Prince|Princess|Sheikh|Emir|Sultan|Pope"
    r"|Senator|Governor|Mayor|Chairman|Chairwoman|Ambassador|Spokesman|Spokeswoman|Mr|Mrs|Ms|Dr"
    r"|(?:General|Premier)(?! (?:Motors|Electric|League|Assembly|Secretary|Staff|Council|Inn|Foods)\b))\.?"
)
_SINGLE_NAME_TITLES = re.compile(r"^(?:King|Queen|Crown Prince|Prince|Princess|Sheikh|Emir|Sultan|Pope) ")
_WORD = r"[A-Z][a-z]+"
_MORE = r"(?:[ -](?:al-|bin |de |van |von )?[A-Z][a-z]+)"
_UNKNOWN_NAME = re.compile(
    rf"\b(?:(?:{_TITLE_WORDS} )+(?P<titled>{_WORD}{_MORE}{{0,3}})|(?!{_TITLE_WORDS}\b)(?P<name>{_WORD}{_MORE}{{1,3}}))\b"
)


def unknown_name_span(match: re.Match) -> tuple[int, int]:
    """Where the name of an ``_UNKNOWN_NAME`` match is: without its title, unless the title is
    all that tells a single name apart ("Pope Francis")."""
    if match.group("titled") is None:
        return match.span("name")
    if " " in match.group("titled") or "-" in match.group("titled"):
        return match.span("titled")
    if _SINGLE_NAME_TITLES.match(match.group()):
        return match.span()
    return match.start("titled"), match.start("titled")  # "Mr Smith": a surname alone is no name


@dataclass
class Segment:
    text: str
    mention: Mention | None = None
    unknown: bool = False


def body_segments(body: str, mentions: list[Mention]) -> list[list[Segment]]:
    """The body cut into paragraphs of plain text, mentions and unknown capitalised names."""
    spans = sorted((m for m in mentions if m.start is not None and m.end <= len(body)), key=lambda m: m.start)
    marks: list[tuple[int, int, Mention | None]] = []
    position = 0
    for mention in spans:
        if mention.start < position:
            continue  # overlapping mentions: the table below lists the rest
        marks.append((mention.start, mention.end, mention))
        position = mention.end
    covered = [(start, end) for start, end, _ in marks]
    for match in _UNKNOWN_NAME.finditer(body):
        first, last = unknown_name_span(match)
        if first == last:
            continue
        if not any(start < last and first < end for start, end in covered):
            marks.append((first, last, None))
    marks.sort(key=lambda mark: mark[0])

    paragraphs: list[list[Segment]] = [[]]

    def add_text(text: str) -> None:
        for index, part in enumerate(text.split("\n")):
            if index:
                paragraphs.append([])
            if part:
                paragraphs[-1].append(Segment(part))

    position = 0
    for start, end, mention in marks:
        add_text(body[position:start])
        paragraphs[-1].append(Segment(body[start:end], mention=mention, unknown=mention is None))
        position = end
    add_text(body[position:])
    return [paragraph for paragraph in paragraphs if paragraph]


def entity_named(texts, *, exclude: Entity | None = None) -> tuple[str, Entity] | None:
    """The first of ``texts`` that already names an entity other than ``exclude`` (its name or
    an alias, any case)."""
    others = Entity.objects.exclude(pk=exclude.pk) if exclude is not None else Entity.objects.all()
    for text in sorted(texts):
        entity = others.filter(name__iexact=text).first()
        if entity is None:
            alias = (
                Alias.objects.filter(text__iexact=text, entity__in=others).select_related("entity").first()
            )
            entity = alias.entity if alias is not None else None
        if entity is not None:
            return text, entity
    return None


class ManualLinkForm(forms.Form):
    entity = forms.ModelChoiceField(
        queryset=Entity.objects.all(),
        widget=AutocompleteSelect(Mention._meta.get_field("entity"), admin.site),
        help_text="Link the story to any entity, without a text span.",
    )


class NewEntityForm(forms.Form):
    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(
        choices=[(Entity.Kind.LEADER, "Leader"), (Entity.Kind.ORGANIZATION, "Organization")],
        help_text="Countries come from the shipped knowledge base (ISO codes), so they are not made here.",
    )
    alias = forms.CharField(
        max_length=200, required=False, help_text="The text as the story writes it (defaults to the name)."
    )


def _require(request, *perms: str) -> None:
    if not all(request.user.has_perm(perm) for perm in perms):
        raise PermissionDenied


def review_context(request, article: Article) -> dict:
    mentions = list(
        Mention.objects.filter(article=article)
        .select_related("entity", "alias", "decided_by")
        .order_by("start")
    )
    feedback = {}
    if article.source_id:
        feedback = {
            f.alias_id: f
            for f in AliasFeedback.objects.filter(
                source_id=article.source_id, alias_id__in={m.alias_id for m in mentions if m.alias_id}
            )
        }
    for mention in mentions:
        mention.feedback = feedback.get(mention.alias_id)
    return {
        "review_article": article,
        "review_paragraphs": body_segments(article.body_text or "", mentions),
        "review_mentions": mentions,
        "review_links": EntityLink.objects.filter(article=article).select_related("entity"),
        "review_counts": {
            status: sum(m.status == status for m in mentions) for status in Mention.Status.values
        },
        "manual_link_form": ManualLinkForm(),
        "new_entity_form": NewEntityForm(),
        "can_decide": request.user.has_perm("entities.change_mention"),
        "can_add_link": request.user.has_perm("entities.add_mention"),
        "can_add_entity": request.user.has_perm("entities.add_entity"),
    }


class MentionReviewMixin:
    """For the Article admin: the review panel on the change page and the editors' endpoints."""

    change_form_template = "admin/entities/article_review_change_form.html"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("review-queue/", wrap(self.review_queue_view), name="entities_review_queue"),
            path("tagging-quality/", wrap(self.tagging_quality_view), name="entities_tagging_quality"),
            path("backfill/", wrap(self.backfill_view), name="entities_backfill"),
            path("<int:object_id>/mentions/decide/", wrap(self.decide_view), name="entities_mention_decide"),
            path(
                "<int:object_id>/mentions/manual/", wrap(self.manual_link_view), name="entities_manual_link"
            ),
            path(
                "<int:object_id>/mentions/new-entity/", wrap(self.new_entity_view), name="entities_new_entity"
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, *args, **kwargs):
        # Keep the parent admin's own change form (simple_history's adds the History button).
        parent = getattr(super(), "change_form_template", None) or "admin/change_form.html"
        context.setdefault("review_base_template", parent)
        if "manual_link_form" in context:
            # Merged with the page's own media so jQuery and select2 load once.
            context["media"] = context["media"] + context["manual_link_form"].media
        return super().render_change_form(request, context, *args, **kwargs)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if request.user.has_perm("entities.view_mention"):
            article = self.get_object(request, object_id)
            if article is not None:
                extra_context.update(review_context(request, article))
        return super().change_view(request, object_id, form_url, extra_context)

    def _article_or_404(self, request, object_id) -> Article:
        article = self.get_object(request, str(object_id))
        if article is None:
            raise Http404("No such story.")
        return article

    def _back(self, article: Article) -> HttpResponseRedirect:
        url = reverse(f"{self.admin_site.name}:articles_article_change", args=[article.pk])
        return HttpResponseRedirect(url + "#mention-review")

    def decide_view(self, request, object_id):
        """One click: confirm or reject a mention, or every mention of that entity in the story."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        _require(request, "entities.change_mention")
        article = self._article_or_404(request, object_id)
        action, _, mention_id = request.POST.get("decision", "").partition(":")
        if action not in {"confirm", "reject", "confirm-all", "reject-all"} or not mention_id.isdigit():
            messages.error(request, "Unknown decision.")
            return self._back(article)
        mention = get_object_or_404(Mention, pk=int(mention_id), article=article)
        decide = confirm_mention if action.startswith("confirm") else reject_mention
        count = decide(mention=mention, user=request.user, all_in_story=action.endswith("-all"))
        verb = "Confirmed" if action.startswith("confirm") else "Rejected"
        message = f"{verb} {count} mention{'s' if count != 1 else ''} of {mention.entity}."
        if action.endswith("-all"):
            decided = Mention.Status.CONFIRMED if action.startswith("confirm") else Mention.Status.REJECTED
            kept = (
                Mention.objects.filter(article=article, entity_id=mention.entity_id)
                .exclude(status=decided)
                .count()
            )
            if kept:
                message += f" {kept} decided differently before keep{'s' if kept == 1 else ''} that decision."
        messages.success(request, message)
        return self._back(article)

    def manual_link_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        _require(request, "entities.add_mention")
        article = self._article_or_404(request, object_id)
        form = ManualLinkForm(request.POST)
        if form.is_valid():
            add_manual_link(article=article, entity=form.cleaned_data["entity"], user=request.user)
            messages.success(request, f"Linked the story to {form.cleaned_data['entity']}.")
        else:
            messages.error(request, "Choose an entity to link.")
        return self._back(article)

    def new_entity_view(self, request, object_id):
        """Create a leader or organization from an unknown name in the story, then relink it."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        _require(request, "entities.add_entity", "entities.add_alias")
        article = self._article_or_404(request, object_id)
        form = NewEntityForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Give the new entity a name and a kind.")
            return self._back(article)
        name = form.cleaned_data["name"].strip()
        texts = {name, (form.cleaned_data["alias"] or name).strip()}
        taken = entity_named(texts)
        if taken is not None:
            # A second entity with a known name makes the name ambiguous: the linker would drop
            # the first one from this story, and from every story a back-fill relinks.
            messages.error(
                request,
                format_html(
                    '“{}” already names <a href="{}">{}</a> ({}). Add a link to it instead of '
                    "creating a second entity.",
                    taken[0],
                    reverse(f"{self.admin_site.name}:entities_entity_change", args=[taken[1].pk]),
                    taken[1].name,
                    taken[1].get_kind_display().lower(),
                ),
            )
            return self._back(article)
        slug = _free_slug(ascii_slug(name, max_length=180, fallback="entity"))
        with transaction.atomic():
            if form.cleaned_data["kind"] == Entity.Kind.LEADER:
                entity = Leader.objects.create(name=name, slug=slug, family_name=name.split()[-1])
            else:
                entity = Organization.objects.create(
                    name=name, slug=slug, org_kind=Organization.OrgKind.INTERGOVERNMENTAL
                )
            for text in texts:
                Alias.objects.create(entity=entity, text=text, kind=Alias.Kind.NAME)
        link_article(article=article, user=request.user)
        change_url = reverse(f"{self.admin_site.name}:entities_entity_change", args=[entity.pk])
        messages.success(
            request,
            format_html(
                'Created <a href="{}">{}</a> and relinked the story. {}',
                change_url,
                entity,
                _backfill_link(self.admin_site.name, sorted(texts)),
            ),
        )
        return self._back(article)

    def backfill_view(self, request):
        """Relink the archive's stories that contain given alias texts, as a background task."""
        _require(request, "entities.change_mention")
        texts = [text for text in request.GET.getlist("text") + request.POST.getlist("text") if text.strip()]
        ids = sorted({pk for text in texts for pk in articles_with_alias_text(text=text)})
        if request.method == "POST" and texts:
            relink_articles_containing.enqueue(texts)
            messages.success(
                request,
                f"Relinking {len(ids)} stories in the background; new suggestions will appear in the review queue.",
            )
            return HttpResponseRedirect(reverse(f"{self.admin_site.name}:entities_review_queue"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Back-fill the archive",
            "texts": texts,
            "story_count": len(ids),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/entities/backfill.html", context)

    def review_queue_view(self, request):
        """Stories with unreviewed suggestions, oldest first, with their counts."""
        _require(request, "entities.view_mention")
        queryset = (
            Article.objects.annotate(
                suggested=Count("mentions", filter=Q(mentions__status=Mention.Status.SUGGESTED)),
                confirmed=Count("mentions", filter=Q(mentions__status=Mention.Status.CONFIRMED)),
                rejected=Count("mentions", filter=Q(mentions__status=Mention.Status.REJECTED)),
            )
            .filter(suggested__gt=0)
            .select_related("source")
            # The counts group by the columns read: never the bodies and originals (1 s a page
            # with a few hundred stories on SQLite).
            .only("pk", "title", "created_at", "source__name", "source__slug")
            .order_by("created_at", "pk")
        )
        page = Paginator(queryset, 50).get_page(request.GET.get("page"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Review queue",
            "page": page,
            "total": page.paginator.count,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/entities/review_queue.html", context)

    def tagging_quality_view(self, request):
        """Acceptance of suggestions by entity and source; stories and entities left unlinked."""
        _require(request, "entities.view_mention")
        decided = Mention.objects.filter(decided_at__isnull=False).exclude(method="manual")
        rate = Cast(F("confirmed"), FloatField()) / Cast(F("decided"), FloatField())

        def acceptance(*fields):
            return (
                decided.values(*fields)
                .annotate(
                    confirmed=Count("pk", filter=Q(status=Mention.Status.CONFIRMED)),
                    rejected=Count("pk", filter=Q(status=Mention.Status.REJECTED)),
                    decided=Count("pk"),
                )
                .annotate(rate=rate)
                .order_by("rate", "-decided")
            )

        unlinked = Article.objects.filter(~Exists(EntityLink.objects.filter(article=OuterRef("pk"))))
        lonely = Entity.objects.filter(~Exists(EntityLink.objects.filter(entity=OuterRef("pk"))))
        context = {
            **self.admin_site.each_context(request),
            "title": "Tagging quality",
            "by_entity": acceptance("entity__pk", "entity__name", "entity__kind")[:100],
            "by_source": acceptance("article__source__name")[:100],
            "feedback": AliasFeedback.objects.select_related("alias__entity", "source").filter(
                rejected__gt=0
            )[:100],
            "unlinked_count": unlinked.count(),
            "unlinked": unlinked.order_by("-created_at")[:25],
            "lonely_count": lonely.count(),
            "lonely": lonely.order_by("kind", "sort_name", "name")[:50],
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/entities/tagging_quality.html", context)


def _free_slug(slug: str) -> str:
    candidate, number = slug[:190], 2
    while Entity.objects.filter(slug=candidate).exists():
        candidate, number = f"{slug[:190]}-{number}", number + 1
    return candidate


def _backfill_link(site_name: str, texts: list[str]):
    if not texts:
        return ""
    url = reverse(f"{site_name}:entities_backfill") + "?" + urlencode([("text", text) for text in texts])
    return format_html('<a href="{}">Back-fill the archive with these names?</a>', url)


def offer_backfill(request, texts, *, site_name: str = "admin") -> None:
    """After an alias is added or removed (or entities merged): a link to relink affected stories."""
    texts = sorted({text for text in texts if text})
    if texts and request.user.has_perm("entities.change_mention"):
        messages.info(
            request,
            format_html("Aliases changed: {}. {}", ", ".join(texts), _backfill_link(site_name, texts)),
        )


class AliasBackfillMixin:
    """For admins that save aliases (the Alias admin, or an entity admin with an alias inline)."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if isinstance(obj, Alias) and (not change or "text" in form.changed_data):
            offer_backfill(request, [obj.text, form.initial.get("text", "")])

    def delete_model(self, request, obj):
        text = obj.text if isinstance(obj, Alias) else None
        super().delete_model(request, obj)
        if text:
            offer_backfill(request, [text])

    def save_formset(self, request, form, formset, change):
        texts = []
        if formset.model is Alias:
            for alias_form in formset.forms:
                if alias_form.has_changed() and alias_form.cleaned_data.get("text"):
                    texts.append(alias_form.cleaned_data["text"])
                    texts.append(alias_form.initial.get("text", ""))
        super().save_formset(request, form, formset, change)
        if formset.model is Alias:
            texts += [alias.text for alias in formset.deleted_objects]
            offer_backfill(request, texts)


class MergeEntitiesForm(forms.Form):
    survivor = forms.ModelChoiceField(
        queryset=Entity.objects.none(), widget=forms.RadioSelect, empty_label=None
    )


class EntityMergeMixin:
    """For the Entity admin: an action that merges two selected entities into one."""

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if request.user.has_perm("entities.change_entity") and request.user.has_perm(
            "entities.delete_entity"
        ):
            func = type(self).merge_two_entities
            actions["merge_two_entities"] = (func, "merge_two_entities", func.short_description)
        return actions

    @admin.action(description="Merge two selected entities")
    def merge_two_entities(self, request, queryset):
        if not (
            request.user.has_perm("entities.change_entity")
            and request.user.has_perm("entities.delete_entity")
        ):
            raise PermissionDenied
        entities = list(Entity.objects.filter(pk__in=queryset.values("pk")).order_by("pk"))
        if len(entities) != 2:
            self.message_user(request, "Select exactly two entities to merge.", messages.WARNING)
            return None
        if entities[0].kind != entities[1].kind:
            self.message_user(request, "Only entities of the same kind can be merged.", messages.ERROR)
            return None
        form = MergeEntitiesForm(request.POST if "confirm_merge" in request.POST else None)
        form.fields["survivor"].queryset = Entity.objects.filter(pk__in=[e.pk for e in entities])
        if "confirm_merge" in request.POST and form.is_valid():
            survivor = form.cleaned_data["survivor"]
            merged = next(e for e in entities if e.pk != survivor.pk)
            texts = [*merged.aliases.values_list("text", flat=True), merged.name]
            moved = merge_entities(survivor=survivor, merged=merged, user=request.user)
            self.message_user(
                request,
                f"Merged {merged.name} into {survivor.name}: {moved['mentions']} mentions, "
                f"{moved['aliases']} aliases, {moved['offices']} offices, {moved['memberships']} memberships moved; "
                f"/{merged.slug}/ now redirects.",
                messages.SUCCESS,
            )
            offer_backfill(request, texts, site_name=self.admin_site.name)
            return None
        counts = dict(
            Mention.objects.filter(entity__in=entities).values_list("entity").annotate(n=Count("pk"))
        )
        for entity in entities:
            entity.mention_total = counts.get(entity.pk, 0)
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge two entities",
            "entities": entities,
            "form": form,
            "queryset": queryset,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/entities/merge_confirmation.html", context)
