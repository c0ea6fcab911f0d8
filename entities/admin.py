"""Admin for the knowledge base: entities with their aliases, offices and memberships.

Countries, leaders and organizations each have their own admin (with history from
django-simple-history); ``Entity`` is the read-mostly index of all three that autocomplete
fields and mentions point at.
"""

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from .admin_guards import ProtectConfirmedEntitiesMixin
from .admin_history import TypedEntityHistoryMixin
from .admin_review import AliasBackfillMixin, EntityMergeMixin, entity_named, offer_backfill
from .models import (
    Alias,
    AliasFeedback,
    Country,
    Entity,
    EntityLink,
    EntityRedirect,
    Leader,
    Membership,
    Mention,
    Office,
    Organization,
)


class AliasInline(admin.TabularInline):
    model = Alias
    fk_name = "entity"
    extra = 1
    fields = ["text", "kind", "case_sensitive", "is_curated"]
    readonly_fields = ["is_curated"]
    ordering = ["kind", "text"]


class OfficeInline(admin.TabularInline):
    """Offices held by a leader, editable on the leader's page."""

    model = Office
    fk_name = "leader"
    extra = 0
    fields = [
        "title",
        "country",
        "is_head_of_state",
        "is_head_of_government",
        "start",
        "end",
        "source_note",
        "is_curated",
    ]
    readonly_fields = ["is_curated"]
    autocomplete_fields = ["country"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("country")


class CountryOfficeInline(admin.TabularInline):
    """Who holds or held office in a country: read-only here, edited on the leader's page."""

    model = Office
    fk_name = "country"
    extra = 0
    verbose_name_plural = "offices (edit them on the leader's page)"
    fields = ["leader", "title", "is_head_of_state", "is_head_of_government", "start", "end"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("leader", "country")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["organization", "country", "status", "since", "until", "source_note", "is_curated"]
    readonly_fields = ["is_curated"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization", "country")


class OrganizationMembershipInline(MembershipInline):
    fk_name = "organization"
    fields = [field for field in MembershipInline.fields if field != "organization"]
    autocomplete_fields = ["country"]
    ordering = ["status", "country"]  # by the country's sort key (its Meta.ordering)


class CountryMembershipInline(MembershipInline):
    fk_name = "country"
    fields = [field for field in MembershipInline.fields if field != "country"]
    autocomplete_fields = ["organization"]
    ordering = ["organization", "status"]


class EntityAdminMixin(ProtectConfirmedEntitiesMixin):
    """What every typed entity admin shares: the base fields, aliases inline, curated flag, and
    the refusal to delete an entity stories confirmably mention."""

    search_fields = ["name", "slug", "aliases__text", "wikidata_id"]
    list_filter = ["is_curated"]
    readonly_fields = ["is_curated", "created_at", "updated_at"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AliasInline]
    base_fieldsets = [
        (None, {"fields": ["name", "slug", "summary"]}),
        (
            "Provenance",
            {"fields": ["wikidata_id", "source_note", "is_curated", "created_at", "updated_at"]},
        ),
    ]

    def get_search_results(self, request, queryset, search_term):
        # Searching through aliases joins one row per matching alias.
        queryset, _ = super().get_search_results(request, queryset, search_term)
        return queryset, True


@admin.register(Country)
class CountryAdmin(AliasBackfillMixin, EntityAdminMixin, SimpleHistoryAdmin):
    list_display = ["flag_and_name", "iso_alpha2", "iso_alpha3", "capital", "region", "is_curated"]
    list_display_links = ["flag_and_name"]
    list_filter = ["region", "subregion", "is_curated"]
    search_fields = [*EntityAdminMixin.search_fields, "iso_alpha2", "iso_alpha3", "official_name", "capital"]
    inlines = [AliasInline, CountryMembershipInline, CountryOfficeInline]
    fieldsets = [
        EntityAdminMixin.base_fieldsets[0],
        (
            "Country",
            {
                "fields": [
                    ("iso_alpha2", "iso_alpha3", "flag"),
                    "official_name",
                    "capital",
                    "demonyms",
                    ("region", "subregion"),
                ]
            },
        ),
        EntityAdminMixin.base_fieldsets[1],
    ]

    @admin.display(description="Country", ordering="sort_name")
    def flag_and_name(self, obj):
        return f"{obj.flag} {obj.name}".strip()

    def save_related(self, request, form, formsets, change):
        """The linker finds a country by its aliases: edited demonyms and capital become (or stop
        being) aliases of their kinds, made as ``load_entities`` makes them (case-sensitive), and
        with its exceptions: a text another entity has ("Congolese": two Congos) or a capital the
        knowledge base keeps out ("Kingston", "Victoria") would make the linker guess, and is
        left out with a message. Editing the fields alone changed nothing the linker reads."""
        from .knowledge import KNOWLEDGE_DIR, _read, make_alias

        super().save_related(request, form, formsets, change)
        country = form.instance
        fields = {Alias.Kind.DEMONYM: "demonyms", Alias.Kind.CAPITAL: "capital"}
        changed = {kind: field for kind, field in fields.items() if field in form.changed_data}
        if not changed:
            return
        wanted = {
            Alias.Kind.DEMONYM: {str(text).strip() for text in country.demonyms or [] if str(text).strip()},
            Alias.Kind.CAPITAL: {country.capital.strip()} if country.capital.strip() else set(),
        }
        kept_out = set(_read("countries.json", KNOWLEDGE_DIR)["no_capital_alias"])
        # What other countries call their people or capital: load_entities drops a text two of
        # them share ("Congolese", "Dominican") from both, so no alias row shows it is taken.
        shared = {
            str(text).strip().lower()
            for demonyms, capital in Country.objects.exclude(pk=country.pk).values_list("demonyms", "capital")
            for text in [*(demonyms or []), capital]
            if str(text).strip()
        }
        texts, skipped = [], []
        for kind in changed:
            stale = country.aliases.filter(kind=kind).exclude(text__in=wanted[kind])
            texts += [alias.text for alias in stale]
            for alias in stale:
                alias.delete()  # one by one: the signals rebuild the linker's automaton
            have = set(country.aliases.values_list("text", flat=True))
            for text in sorted(wanted[kind] - have):
                taken = text.lower() in shared or entity_named([text], exclude=country) is not None
                if taken or (kind == Alias.Kind.CAPITAL and text in kept_out):
                    skipped.append(text)
                    continue
                spec = make_alias(text, kind)
                Alias.objects.create(
                    entity=country, text=spec.text, kind=spec.kind, case_sensitive=spec.case_sensitive
                )
                texts.append(text)
        if skipped:
            self.message_user(
                request,
                f"Not made aliases (another entity has them, or the knowledge base keeps them out so the "
                f"linker does not guess): {', '.join(skipped)}.",
                level=messages.WARNING,
            )
        if texts:
            offer_backfill(request, texts)


@admin.register(Leader)
class LeaderAdmin(AliasBackfillMixin, EntityAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "current_offices", "born", "is_curated"]
    list_filter = ["is_curated", "offices__country__region", "offices__is_head_of_state"]
    search_fields = [
        *EntityAdminMixin.search_fields,
        "family_name",
        "offices__title",
        "offices__country__name",
    ]
    inlines = [AliasInline, OfficeInline]
    fieldsets = [
        EntityAdminMixin.base_fieldsets[0],
        ("Leader", {"fields": [("given_name", "family_name"), "born"]}),
        EntityAdminMixin.base_fieldsets[1],
    ]

    def get_queryset(self, request):
        current = Office.objects.filter(end=None).select_related("country")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("offices", queryset=current, to_attr="current_office_list"))
        )

    @admin.display(description="Current offices")
    def current_offices(self, obj):
        return ", ".join(f"{office.title} of {office.country.name}" for office in obj.current_office_list)


@admin.register(Organization)
class OrganizationAdmin(AliasBackfillMixin, EntityAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "acronym", "org_kind", "founded", "member_count", "is_curated"]
    list_filter = ["org_kind", "is_curated"]
    search_fields = [*EntityAdminMixin.search_fields, "acronym"]
    inlines = [AliasInline, OrganizationMembershipInline]
    fieldsets = [
        EntityAdminMixin.base_fieldsets[0],
        ("Organization", {"fields": ["acronym", "org_kind", "founded", "headquarters"]}),
        EntityAdminMixin.base_fieldsets[1],
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(current_members=Count("memberships", filter=Q(memberships__until=None)))
        )

    @admin.display(description="Current members and partners", ordering="current_members")
    def member_count(self, obj):
        return obj.current_members


@admin.register(Entity)
class EntityAdmin(
    ProtectConfirmedEntitiesMixin,
    TypedEntityHistoryMixin,
    EntityMergeMixin,
    AliasBackfillMixin,
    SimpleHistoryAdmin,
):
    """Every entity in one list. Entities are created on the country, leader or organization
    pages (a bare Entity would have no typed row); this one is for finding and linking."""

    list_display = ["name", "kind", "slug", "wikidata_id", "is_curated", "typed_link"]
    list_filter = ["kind", "is_curated"]
    search_fields = ["name", "slug", "aliases__text", "wikidata_id"]
    readonly_fields = ["kind", "is_curated", "created_at", "updated_at", "typed_link"]
    fields = ["name", "slug", "kind", "summary", "wikidata_id", "source_note", "typed_link", "is_curated"]
    inlines = [AliasInline]

    def has_add_permission(self, request):
        return False

    def get_search_results(self, request, queryset, search_term):
        queryset, _ = super().get_search_results(request, queryset, search_term)
        return queryset, True

    @admin.display(description="Edit as")
    def typed_link(self, obj):
        if obj.pk is None:
            return "-"
        url = reverse(f"admin:entities_{obj.kind}_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.get_kind_display())


@admin.register(Alias)
class AliasAdmin(AliasBackfillMixin, admin.ModelAdmin):
    list_display = ["text", "entity", "kind", "case_sensitive", "is_curated"]
    list_filter = ["kind", "case_sensitive", "is_curated", "entity__kind"]
    list_select_related = ["entity"]
    search_fields = ["text", "entity__name"]
    autocomplete_fields = ["entity"]
    readonly_fields = ["is_curated", "created_at"]


@admin.register(Office)
class OfficeAdmin(SimpleHistoryAdmin):
    list_display = ["leader", "title", "country", "start", "end", "is_head_of_state", "is_head_of_government"]
    list_filter = ["is_head_of_state", "is_head_of_government", "is_curated", "title"]
    list_select_related = ["leader", "country"]
    search_fields = ["leader__name", "country__name", "title"]
    autocomplete_fields = ["leader", "country"]
    date_hierarchy = "start"
    readonly_fields = ["is_curated"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["country", "organization", "status", "since", "until"]
    list_filter = ["status", "organization", "is_curated"]
    list_select_related = ["country", "organization"]
    search_fields = ["country__name", "organization__name", "organization__acronym"]
    autocomplete_fields = ["organization", "country"]
    readonly_fields = ["is_curated"]


@admin.register(Mention)
class MentionAdmin(SimpleHistoryAdmin):
    """Every mention in the archive, to search and decide in bulk. Mentions are the linker's;
    an editor decides them here with the actions or on the story's page, both through the
    linking service (who and when, history, the story's links and the alias feedback), never by
    editing a row: a status saved by hand left the story's links as they were, and the next
    relink undid it."""

    list_display = [
        "surface",
        "entity",
        "story",
        "status",
        "confidence",
        "method",
        "decided_by",
        "created_at",
    ]
    list_filter = ["status", "method", "entity__kind"]
    list_select_related = ["entity", "article", "decided_by"]
    search_fields = ["surface", "entity__name", "article__title"]
    fields = [
        "story",
        "entity",
        "surface",
        "sentence",
        "status",
        "confidence",
        "method",
        "alias",
        "start",
        "end",
        "decided_by",
        "decided_at",
        "created_at",
    ]
    readonly_fields = fields
    actions = ["confirm_selected", "reject_selected"]

    def has_add_permission(self, request):
        return False  # "Add a link" on the story's page

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "show_save": False, "show_save_and_continue": False}
        extra_context["show_save_and_add_another"] = False
        return super().change_view(request, object_id, form_url, extra_context=extra_context)

    @admin.display(description="Story", ordering="article__title")
    def story(self, obj):
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html('<a href="{}#mention-review">{}</a>', url, obj.article)

    def _decide(self, request, queryset, status):
        from .linking import decide_mentions

        count = decide_mentions(mentions=queryset.select_related("article"), status=status, user=request.user)
        self.message_user(request, f"{Mention.Status(status).label}: {count} mention{'s' * (count != 1)}.")

    @admin.action(description="Confirm the selected mentions", permissions=["change"])
    def confirm_selected(self, request, queryset):
        self._decide(request, queryset, Mention.Status.CONFIRMED)

    @admin.action(description="Reject the selected mentions", permissions=["change"])
    def reject_selected(self, request, queryset):
        self._decide(request, queryset, Mention.Status.REJECTED)

    def delete_queryset(self, request, queryset):
        """Deleted mentions leave the stories' links derived from them: rebuild those."""
        from articles.caching import invalidate_public_pages
        from articles.models import Article

        from .linking import rebuild_links

        article_ids = set(queryset.values_list("article_id", flat=True))
        with transaction.atomic():
            super().delete_queryset(request, queryset)
            for article in Article.objects.filter(pk__in=article_ids):
                rebuild_links(article=article)
        invalidate_public_pages()

    def delete_model(self, request, obj):
        self.delete_queryset(request, Mention.objects.filter(pk=obj.pk))


@admin.register(EntityLink)
class EntityLinkAdmin(admin.ModelAdmin):
    """Derived from confirmed mentions by the linker: look, don't touch."""

    list_display = ["article", "entity", "relevance", "score", "mention_count"]
    list_filter = ["relevance", "entity__kind"]
    list_select_related = ["article", "entity"]
    search_fields = ["entity__name", "article__title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AliasFeedback)
class AliasFeedbackAdmin(admin.ModelAdmin):
    """Editors' decisions per alias and source: why the linker trusts an alias less in a source."""

    list_display = ["alias", "entity", "source", "confirmed", "rejected", "acceptance", "updated_at"]
    list_filter = ["source"]
    list_select_related = ["alias__entity", "source"]
    search_fields = ["alias__text", "alias__entity__name", "source__name"]

    @admin.display(description="Entity", ordering="alias__entity__name")
    def entity(self, obj):
        return obj.alias.entity

    @admin.display(description="Acceptance")
    def acceptance(self, obj):
        rate = obj.acceptance_rate
        return "-" if rate is None else f"{rate:.0%}"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(EntityRedirect)
class EntityRedirectAdmin(admin.ModelAdmin):
    """Old slugs of merged entities and the entity each now redirects to."""

    list_display = ["old_slug", "entity", "created_at"]
    list_select_related = ["entity"]
    search_fields = ["old_slug", "entity__name"]
    autocomplete_fields = ["entity"]
