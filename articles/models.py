from datetime import UTC, datetime, time

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from newsroom.text import strip_control_characters

from .querysets import ArticleQuerySet


class Source(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    homepage = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"

    class Format(models.TextChoices):
        TEXT = "text", "Plain text"
        HTML = "html", "HTML page"
        FEED = "feed", "RSS/Atom feed entry"
        JSONL = "jsonl", "JSON Lines record"
        CSV = "csv", "CSV export row"
        MANUAL = "manual", "Written in the newsroom"

    title = models.CharField(max_length=500)
    slug = models.SlugField(max_length=255, unique=True)
    dek = models.TextField(blank=True, help_text="Standfirst shown under the title.")
    body_html = models.TextField(blank=True, help_text="Sanitized HTML; the only body the site renders.")
    body_text = models.TextField(
        blank=True, editable=False, help_text="Plain text derived from body_html; mention offsets point here."
    )
    byline = models.CharField(max_length=300, blank=True)
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    source_url = models.URLField(max_length=1000, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    published_date_only = models.BooleanField(
        "time of day unknown",
        default=False,
        help_text="The source gave the day but not the time: the site shows the date alone.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    language = models.CharField(max_length=12, blank=True)

    original = models.BinaryField(blank=True, editable=False, help_text="The raw input exactly as received.")
    original_name = models.CharField(max_length=500, blank=True, editable=False)
    original_digest = models.CharField(
        max_length=64,
        blank=True,
        default="",
        editable=False,
        db_index=True,
        help_text="SHA-256 of the original: a file imported again is recognised before it is read.",
    )
    original_format = models.CharField(max_length=10, choices=Format.choices, default=Format.MANUAL)
    stripped = models.JSONField(
        default=list, blank=True, editable=False, help_text="Chrome the importer removed, for review."
    )
    content_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    near_duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="near_duplicates"
    )
    similarity = models.FloatField(
        null=True, blank=True, help_text="Estimated similarity to near_duplicate_of."
    )
    minhash = models.BinaryField(
        blank=True, editable=False, help_text="MinHash signature of the body, for near-duplicate search."
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["original", "original_digest", "body_text", "stripped", "minhash"]
    )

    class Meta:
        ordering = ["-published_at", "-created_at"]
        permissions = [
            ("publish_article", "Can publish, schedule and unpublish stories"),
            ("import_article", "Can import stories from files"),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_pub"),
            models.Index(fields=["source", "-published_at"], name="article_source_pub"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        strip_control_characters(self, ("title", "dek", "byline"))  # typed or pasted by people
        if self.published_date_only and not self.dated_at_midnight:
            # Someone gave the story a time (an editor's date, the workflow's "now"): it is known now.
            self.published_date_only = False
            if (fields := kwargs.get("update_fields")) is not None:
                kwargs["update_fields"] = {*fields, "published_date_only"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @property
    def summary_text(self) -> str:
        """What describes the story in its page's meta tags and in the feeds, on one line: its dek,
        else its text without its tables' rows ("Service | Tip" read as a link's preview)."""
        text = self.dek or " ".join(line for line in self.body_text.split("\n") if " | " not in line)
        return " ".join(text.split())

    @property
    def dated_at_midnight(self) -> bool:
        """Whether the story's date is the start of a day in the newsroom's zone (how a day alone is
        stored; where the clocks skip midnight, the day starts at 01:00)."""
        if self.published_at is None:
            return False
        zone = timezone.get_default_timezone()
        local = timezone.localtime(self.published_at, zone)
        midnight = timezone.make_aware(datetime.combine(local.date(), time()), zone)
        return local == midnight.astimezone(UTC).astimezone(zone)

    @property
    def news_language(self) -> str:
        """The story's language as Google News sitemaps want it: the ISO 639 code alone (two or
        three letters), "zh-cn" or "zh-tw" for Chinese; the site's language when it has none."""
        language, _, region = (self.language or settings.LANGUAGE_CODE).lower().partition("-")
        if language == "zh":
            return "zh-tw" if region in {"tw", "hk", "mo"} else "zh-cn"
        return language

    def is_public(self):
        return self.status == self.Status.PUBLISHED and (
            self.published_at is None or self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and (self.published_at > timezone.now())
        )


class ImportRun(models.Model):
    """One import (a command run, an admin upload, an API call): what was asked and what happened."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    origin = models.CharField(max_length=20, help_text="command, admin, api or task")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    task_id = models.CharField(max_length=64, blank=True)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, help_text="Last progress saved.")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Import #{self.pk} ({self.get_state_display()})"

    @classmethod
    def fail_unfinished(cls, pk: int) -> None:
        """Mark run ``pk`` failed if it still says queued or running: for a run whose import
        stopped before it could say so itself (a task that died, Ctrl-C, a killed worker)."""
        cls.objects.filter(pk=pk, state__in=[cls.State.QUEUED, cls.State.RUNNING]).update(
            state=cls.State.FAILED, finished_at=timezone.now()
        )


class ImportItem(models.Model):
    class Outcome(models.TextChoices):
        IMPORTED = "imported", "Imported"
        DUPLICATE = "duplicate", "Duplicate"
        FAILED = "failed", "Failed"

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="items")
    path = models.CharField(max_length=1000)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reason = models.CharField(max_length=500, blank=True)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["run", "outcome"])]

    def __str__(self):
        return f"{self.path}: {self.outcome}"


class AuditEntry(models.Model):
    """Who did what and when: publish, unpublish, merge, import, delete."""

    class Action(models.TextChoices):
        PUBLISH = "publish", "Published"
        SCHEDULE = "schedule", "Scheduled"
        UNPUBLISH = "unpublish", "Unpublished"
        SUBMIT = "submit", "Submitted for review"
        RETURN = "return", "Returned to draft"
        IMPORT = "import", "Imported"
        DELETE = "delete", "Deleted"
        MERGE = "merge", "Merged entities"
        RESTORE = "restore", "Restored a revision"
        RELINK = "relink", "Relinked"

    action = models.CharField(max_length=20, choices=Action.choices, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    object_type = models.CharField(max_length=50)
    object_id = models.CharField(max_length=50, blank=True)
    object_repr = models.CharField(max_length=500)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "audit entries"

    def __str__(self):
        return f"{self.get_action_display()} {self.object_repr}"


class ShingleBand(models.Model):
    """One locality-sensitive-hashing band of an article's MinHash signature.

    Articles sharing a band key are near-duplicate candidates; keeping the bands in the database
    lets every importer process (and machine) find them without an in-memory index.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    key = models.BigIntegerField(db_index=True)

    def __str__(self):
        return f"{self.article_id}:{self.key}"
