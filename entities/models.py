"""The knowledge base: one ``Entity`` table every mention points to, with typed subclasses.

Countries, leaders and organizations use multi-table inheritance so a ``Mention`` or an
``EntityLink`` always points at ``Entity`` while each kind keeps its own facts.
"""

import re

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from newsroom.text import sort_name, strip_control_characters

# Country names read with "the" in a sentence.
_WITH_THE = re.compile(
    r"^(?:United |Central African |Dominican |Czech )"
    r"|\b(?:Republic|Kingdom|Islands|States|Emirates|Federation|Territory|Territories|Lands)\b"
)
_WITH_THE_NAMES = frozenset(
    {"Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives", "Comoros", "Seychelles"}
)


class EntityQuerySet(models.QuerySet):
    def countries(self):
        return self.filter(kind=Entity.Kind.COUNTRY)

    def leaders(self):
        return self.filter(kind=Entity.Kind.LEADER)

    def organizations(self):
        return self.filter(kind=Entity.Kind.ORGANIZATION)


class Entity(models.Model):
    class Kind(models.TextChoices):
        COUNTRY = "country", "Country"
        LEADER = "leader", "Leader"
        ORGANIZATION = "organization", "Organization"

    name = models.CharField(max_length=200, db_index=True)
    # The name as a reader's index files it, whatever the database's collation (SQLite's byte
    # order put "Réunion" after "Rwanda" and "Åland Islands" after "Zimbabwe"): set on save, so
    # a rename through QuerySet.update() or loaddata must set it too (newsroom.text.sort_name).
    sort_name = models.CharField(max_length=200, editable=False, default="")
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, db_index=True)
    summary = models.TextField(blank=True)
    wikidata_id = models.CharField(
        "Wikidata ID", max_length=20, blank=True, help_text="Wikidata QID such as Q184, used as sameAs."
    )
    is_curated = models.BooleanField(
        default=False,
        help_text="Loaded from the shipped knowledge base. load_entities updates curated rows only.",
    )
    source_note = models.CharField(max_length=500, blank=True, help_text="Where the facts come from.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EntityQuerySet.as_manager()
    history = HistoricalRecords(inherit=True)

    class Meta:
        ordering = ["sort_name", "name"]
        verbose_name_plural = "entities"
        indexes = [
            models.Index(fields=["sort_name", "name"]),
            models.Index(fields=["kind", "sort_name", "name"]),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        strip_control_characters(self, ("name", "summary"))
        self.sort_name = sort_name(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_name"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(f"entities:{self.kind}_detail", kwargs={"slug": self.slug})

    @property
    def typed(self):
        """The Country, Leader or Organization row behind this entity (one query if not cached)."""
        return getattr(self, self.kind, self)


class Country(Entity):
    iso_alpha2 = models.CharField("ISO alpha-2", max_length=2, unique=True)
    iso_alpha3 = models.CharField("ISO alpha-3", max_length=3, unique=True)
    official_name = models.CharField(max_length=200, blank=True)
    capital = models.CharField(max_length=100, blank=True)
    demonyms = models.JSONField(
        default=list,
        blank=True,
        help_text='Such as ["Belarusian"]. Saved demonyms and capital become the country\'s aliases, which the linker finds.',
    )
    flag = models.CharField(max_length=8, blank=True, help_text="Flag emoji.")
    region = models.CharField(max_length=60, blank=True, db_index=True)
    subregion = models.CharField(max_length=60, blank=True)

    class Meta:
        verbose_name_plural = "countries"
        ordering = ["sort_name", "name"]

    def save(self, *args, **kwargs):
        self.kind = Entity.Kind.COUNTRY
        super().save(*args, **kwargs)

    @property
    def article(self) -> str:
        """ "the " for a name read with it in a sentence ("President of the United States")."""
        return self.article_for(self.name)

    @staticmethod
    def article_for(name: str) -> str:
        # An inverted name ("Korea, Republic of") is a list entry, not one for a sentence.
        if name.startswith("the ") or ", " in name or not (_WITH_THE.search(name) or name in _WITH_THE_NAMES):
            return ""
        return "the "


class Leader(Entity):
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(
        max_length=100, blank=True, help_text="Surname as news copy uses it alone (Xi, Putin)."
    )
    born = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["sort_name", "name"]

    def save(self, *args, **kwargs):
        self.kind = Entity.Kind.LEADER
        super().save(*args, **kwargs)


class Organization(Entity):
    class OrgKind(models.TextChoices):
        BLOC = "bloc", "Bloc"
        ALLIANCE = "alliance", "Alliance"
        INITIATIVE = "initiative", "Initiative"
        INTERGOVERNMENTAL = "intergovernmental", "Intergovernmental organization"
        UNION = "union", "Union"

    acronym = models.CharField(max_length=30, blank=True)
    org_kind = models.CharField("kind of organization", max_length=20, choices=OrgKind.choices)
    founded = models.DateField(null=True, blank=True)
    headquarters = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["sort_name", "name"]

    def save(self, *args, **kwargs):
        self.kind = Entity.Kind.ORGANIZATION
        super().save(*args, **kwargs)


class Office(models.Model):
    """A leader holding an office (President of Belarus) from ``start`` until ``end``."""

    leader = models.ForeignKey(Leader, on_delete=models.CASCADE, related_name="offices")
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="offices")
    title = models.CharField(max_length=100, help_text='Such as "President" or "Prime Minister".')
    is_head_of_state = models.BooleanField(default=False)
    is_head_of_government = models.BooleanField(default=False)
    start = models.DateField()
    end = models.DateField(null=True, blank=True, help_text="Empty while in office.")
    is_curated = models.BooleanField(default=False)
    source_note = models.CharField(max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start"]
        constraints = [
            models.UniqueConstraint(fields=["leader", "country", "title", "start"], name="unique_office"),
        ]
        indexes = [models.Index(fields=["country", "title", "start"])]

    def __str__(self):
        return f"{self.title} of {self.country.name}"


class Membership(models.Model):
    class Status(models.TextChoices):
        FOUNDING_MEMBER = "founding_member", "Founding member"
        MEMBER = "member", "Member"
        PARTNER = "partner", "Partner country"
        OBSERVER = "observer", "Observer"
        DIALOGUE_PARTNER = "dialogue_partner", "Dialogue partner"
        APPLICANT = "applicant", "Applicant"

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="memberships")
    status = models.CharField(max_length=20, choices=Status.choices)
    since = models.DateField(null=True, blank=True)
    until = models.DateField(null=True, blank=True, help_text="Empty while current.")
    is_curated = models.BooleanField(default=False)
    source_note = models.CharField(max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organization", "status", "country"]  # each by its sort key (its Meta.ordering)
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "country", "status"], name="unique_membership_status"
            ),
        ]

    def __str__(self):
        return f"{self.country} — {self.get_status_display()} of {self.organization}"


class Alias(models.Model):
    class Kind(models.TextChoices):
        NAME = "name", "Name"
        OFFICIAL = "official", "Official name"
        ACRONYM = "acronym", "Acronym"
        DEMONYM = "demonym", "Demonym"
        CAPITAL = "capital", "Capital as government"
        SURNAME = "surname", "Surname"
        TITLE = "title", "Title with name"
        OTHER = "other", "Other spelling"

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="aliases")
    text = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NAME)
    case_sensitive = models.BooleanField(
        default=False, help_text='Match exact case only ("US" but never "us").'
    )
    is_curated = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name_plural = "aliases"
        ordering = ["text"]
        constraints = [models.UniqueConstraint(fields=["entity", "text"], name="unique_alias_text")]

    def __str__(self):
        return self.text


class Mention(models.Model):
    """One place in a story's ``body_text`` (offsets ``start``..``end``) that names an entity.

    A manual link added by an editor has no span: ``start`` and ``end`` are null.
    """

    class Status(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Rejected"

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="mentions")
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="mentions")
    alias = models.ForeignKey(
        Alias, null=True, blank=True, on_delete=models.SET_NULL, related_name="mentions"
    )
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    surface = models.CharField(max_length=200, blank=True)
    sentence = models.TextField(blank=True, help_text="The sentence around the mention (evidence).")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUGGESTED)
    confidence = models.FloatField(default=0.0)
    method = models.CharField(max_length=30, blank=True, help_text="How the linker found it.")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    # Editors' confirm/reject decisions are part of a story's revision history.
    history = HistoricalRecords(excluded_fields=["sentence", "created_at"])

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.UniqueConstraint(fields=["article", "entity", "start"], name="unique_mention_span"),
            models.UniqueConstraint(
                fields=["article", "entity"],
                condition=models.Q(start__isnull=True),
                name="unique_manual_mention",
            ),
            models.CheckConstraint(
                condition=models.Q(start__isnull=True) | models.Q(end__gt=models.F("start")),
                name="mention_span_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["entity", "status"]),
            models.Index(fields=["article", "status"]),
        ]

    def __str__(self):
        return f"{self.surface or self.entity} in {self.article_id} ({self.status})"


class EntityLinkQuerySet(models.QuerySet):
    def entity_counts(self, *, limit: int) -> list[dict]:
        """The entities of these links with how many links each has, most linked first."""
        rows = (
            self.values("entity__name", "entity__slug", "entity__kind")
            .annotate(n=models.Count("pk"))
            .order_by("-n", "entity__name")[:limit]
        )
        return [
            {
                "name": row["entity__name"],
                "kind": row["entity__kind"],
                "url": Entity(slug=row["entity__slug"], kind=row["entity__kind"]).get_absolute_url(),
                "count": row["n"],
            }
            for row in rows
        ]


class EntityLink(models.Model):
    """A story–entity pair with at least one confirmed mention: what the site and the API show.

    Maintained by ``entities.linking`` from the mentions; never edited by hand.
    """

    class Relevance(models.TextChoices):
        ABOUT = "about", "About"
        MENTIONS = "mentions", "Mentions"

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="entity_links")
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="entity_links")
    relevance = models.CharField(max_length=10, choices=Relevance.choices, default=Relevance.MENTIONS)
    score = models.FloatField(default=0.0)
    mention_count = models.PositiveIntegerField(default=0)
    evidence = models.TextField(blank=True, help_text="The sentence that justifies the link.")

    objects = EntityLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-score"]
        constraints = [models.UniqueConstraint(fields=["article", "entity"], name="unique_entity_link")]
        indexes = [models.Index(fields=["entity", "article"])]

    def __str__(self):
        return f"{self.article_id} → {self.entity_id} ({self.relevance})"


class AliasFeedback(models.Model):
    """Editors' decisions on one alias's suggestions in one source: the numbers behind feedback.

    The linker lowers the confidence of an alias that editors keep rejecting in a source, so
    it stops being confirmed automatically there. Maintained by ``entities.linking``.
    """

    alias = models.ForeignKey(Alias, on_delete=models.CASCADE, related_name="feedback")
    source = models.ForeignKey("articles.Source", on_delete=models.CASCADE, related_name="alias_feedback")
    confirmed = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "alias feedback"
        ordering = ["-rejected", "alias__text"]
        constraints = [models.UniqueConstraint(fields=["alias", "source"], name="unique_alias_feedback")]

    def __str__(self):
        return f"{self.alias} in {self.source}: {self.confirmed} confirmed, {self.rejected} rejected"

    @property
    def acceptance_rate(self):
        decided = self.confirmed + self.rejected
        return self.confirmed / decided if decided else None


class EntityRedirect(models.Model):
    """The slug of an entity merged into another; its old pages redirect to the survivor."""

    old_slug = models.SlugField(max_length=200, unique=True)
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_slug"]

    def __str__(self):
        return f"{self.old_slug} → {self.entity.slug}"
