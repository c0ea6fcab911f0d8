"""The admin's import door: upload or paste, preview, confirm; bulk uploads as a background task.

Everything here is a thin view over ``articles.importing.pipeline``: the same functions the
``import_articles`` command runs.
"""

import contextlib
import datetime
import os
import re
import uuid

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Case, When
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from .importing.pipeline import (
    PREVIEW_LIST_LIMIT,
    InputFile,
    import_paths,
    not_a_story,
    preview_import,
    read_limited,
    reextract_article,
    review_rows,
    story_words,
    stripped_rows,
    zip_inputs,
)
from .importing.sanitize import safe_body
from .models import Article, ImportItem, ImportRun, Source

PREVIEW_FOLDER = "imports/preview"
# Rows an import's page lists (failures first); the run's admin page and its report hold them all.
REPORT_ROWS = 1000
# Seconds a queued import waits before its page says that no worker has taken it.
UNCLAIMED_AFTER = 30
UPLOAD_FOLDER = "imports/uploads"
_TOKEN = re.compile(r"^[0-9a-f]{32}$")


_ROW_CLASSES = {"kept": "import-kept", "stripped": "import-stripped"}


def stripped_list(rows: list[tuple[str, str]], *, heading: str) -> str:
    """The lines taken off the story, counted without those used for its title, byline or date
    (listed first, each saying its role)."""
    dropped = sum(state == "stripped" for _, state in rows)
    used = len(rows) - dropped
    return format_html(
        '<{} class="import-stripped-heading">Stripped ({}){}</{}><ul class="import-stripped-list">{}</ul>',
        heading,
        dropped,
        format_html(", and {} used for the story's details", used) if used else "",
        heading,
        format_html_join(
            "",
            "<li>{}{}</li>",
            ((line, _role_note(state)) for line, state in sorted(rows, key=lambda row: row[1] == "stripped")),
        ),
    )


def _role_note(state: str) -> str:
    """ " (used as the byline)" after a line taken off the story for its metadata."""
    return (
        ""
        if state in _ROW_CLASSES
        else format_html(' <span class="import-role">used as the {}</span>', state)
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ImportForm(forms.Form):
    files = MultipleFileField(
        required=False,
        allow_empty_file=True,  # an empty file gets the importer's own one-line reason
        help_text="Plain-text dumps, saved HTML pages, RSS/Atom feeds, JSON Lines exports, or a .zip of them.",
    )
    text = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 12, "cols": 100}), label="…or paste text"
    )
    source = forms.ModelChoiceField(
        Source.objects.all(), required=False, help_text="Where the stories come from."
    )
    status = forms.ChoiceField(choices=[(Article.Status.DRAFT, "Draft")], initial=Article.Status.DRAFT)

    def __init__(self, *args, can_publish=False, **kwargs):
        super().__init__(*args, **kwargs)
        limit = settings.NEWSROOM_IMPORT_MAX_BYTES
        self.fields["text"].widget.attrs.update(
            {"data-max-bytes": limit, "data-max-label": filesizeformat(limit)}
        )
        if can_publish:
            self.fields["status"].choices = [
                (Article.Status.DRAFT, "Draft"),
                (Article.Status.PUBLISHED, "Published"),
            ]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("files") and not (cleaned.get("text") or "").strip():
            raise forms.ValidationError("Choose one or more files, or paste the text of an article.")
        if cleaned.get("files") and (cleaned.get("text") or "").strip():
            raise forms.ValidationError("Upload files or paste text, not both at once.")
        if len((cleaned.get("text") or "").encode("utf-8")) > settings.NEWSROOM_IMPORT_MAX_BYTES:
            limit = filesizeformat(settings.NEWSROOM_IMPORT_MAX_BYTES)
            self.add_error(
                "text",
                f"The pasted text is over the import size limit ({limit}); upload it as a file in parts.",
            )
        return cleaned


class ConfirmForm(forms.Form):
    token = forms.RegexField(regex=_TOKEN)
    name = forms.CharField(max_length=255)
    source = forms.ModelChoiceField(Source.objects.all(), required=False)
    # What the upload form offers: an import does not put stories in review or unpublish them.
    status = forms.ChoiceField(
        choices=[(Article.Status.DRAFT, "Draft"), (Article.Status.PUBLISHED, "Published")]
    )


class ImportAdminMixin:
    """Adds the import views, the extraction review and the re-run action to ArticleAdmin."""

    change_list_template = "admin/articles/article/change_list.html"
    change_form_template = "admin/articles/article/change_form.html"
    actions = ["rerun_extraction"]

    # -- urls and permissions ----------------------------------------------------------------
    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="articles_article_import"),
            path("import/confirm/", view(self.import_confirm_view), name="articles_article_import_confirm"),
            path("import/<int:run_id>/", view(self.import_run_view), name="articles_article_import_run"),
            path(
                "<int:object_id>/reextract/",
                view(self.reextract_view),
                name="articles_article_reextract",
            ),
            *super().get_urls(),
        ]

    def has_import_permission(self, request):
        # Importing adds stories: the right to import and the right to add them.
        return request.user.has_perms(["articles.import_article", "articles.add_article"])

    def _require_import(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "has_import_permission": self.has_import_permission(request),
        }
        return super().changelist_view(request, extra_context=extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The story's form, with what its import said of it (a date not understood, struck-through
        text, a cut headline): the editor who opens the story later sees it too, not only the
        import's report."""
        note = (
            ImportItem.objects.filter(article_id=object_id, outcome=ImportItem.Outcome.IMPORTED)
            .order_by("-pk")
            .values_list("reason", flat=True)
            .first()
            if str(object_id).isdigit()
            else None
        )
        extra_context = {**(extra_context or {}), "import_note": note or ""}
        return super().change_view(request, object_id, form_url, extra_context=extra_context)

    def _context(self, request, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "has_view_permission": True,
            **extra,
        }

    # -- upload ------------------------------------------------------------------------------
    def import_view(self, request):
        self._require_import(request)
        can_publish = request.user.has_perm("articles.publish_article")
        form = ImportForm(request.POST or None, request.FILES or None, can_publish=can_publish)
        if request.method == "POST" and form.is_valid():
            files = form.cleaned_data["files"]
            source = form.cleaned_data["source"]
            status = form.cleaned_data["status"]
            if not files:
                data = form.cleaned_data["text"].encode("utf-8")
                return self._preview(request, data=data, name="pasted text", source=source, status=status)
            if len(files) == 1 and not files[0].name.lower().endswith(".zip"):
                upload = files[0]
                if upload.size > settings.NEWSROOM_IMPORT_MAX_BYTES:
                    form.add_error(
                        "files",
                        f"{upload.name} is too large ({filesizeformat(upload.size)}; the limit is "
                        f"{filesizeformat(settings.NEWSROOM_IMPORT_MAX_BYTES)}).",
                    )
                else:
                    return self._preview(
                        request, data=upload.read(), name=upload.name, source=source, status=status
                    )
            else:
                return self._import_many(request, files=files, source=source, status=status)
        context = self._context(
            request,
            "Import articles",
            form=form,
            media=self.media + form.media,
            threshold=settings.NEWSROOM_IMPORT_TASK_THRESHOLD,
        )
        return TemplateResponse(request, "admin/articles/article/import_form.html", context)

    def _preview(self, request, *, data, name, source, status):
        discard_stale_previews()
        token = uuid.uuid4().hex
        preview = preview_import(data=data, name=name)
        if not preview.reason:  # (a refused file has nothing to confirm: its upload is not kept)
            default_storage.save(_preview_path(token, request.user), ContentFile(data))
        body = safe_body(preview.candidate.body_html) if preview.candidate else ""
        context = self._context(
            request,
            f"Preview: {name}",
            preview=preview,
            preview_list_limit=PREVIEW_LIST_LIMIT,
            body=body,
            rows=preview.raw_rows(),
            stripped=stripped_list(preview.stripped_rows(), heading="h3"),
            publishing=status == Article.Status.PUBLISHED,
            source=source,
            confirm=ConfirmForm(
                initial={
                    "token": token,
                    "name": name[:255],
                    "source": source.pk if source else None,
                    "status": status,
                }
            ),
        )
        return TemplateResponse(request, "admin/articles/article/import_preview.html", context)

    def import_confirm_view(self, request):
        self._require_import(request)
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:articles_article_import"))
        form = ConfirmForm(request.POST)
        if not form.is_valid():
            if token := form.cleaned_data.get("token"):  # the upload is of no use any more
                _discard_preview(_preview_path(token, request.user))
            messages.error(request, "The preview expired or was changed; please upload again.")
            return HttpResponseRedirect(reverse("admin:articles_article_import"))
        token, name = form.cleaned_data["token"], form.cleaned_data["name"]
        stored = _preview_path(token, request.user)  # another editor's preview is not found
        if not default_storage.exists(stored):
            messages.error(request, "The preview expired; please upload again.")
            return HttpResponseRedirect(reverse("admin:articles_article_import"))
        if "cancel" in request.POST:
            _discard_preview(stored)
            messages.info(request, "Import cancelled; nothing was saved.")
            return HttpResponseRedirect(reverse("admin:articles_article_changelist"))
        status = form.cleaned_data["status"]
        if status == Article.Status.PUBLISHED and not request.user.has_perm("articles.publish_article"):
            raise PermissionDenied
        with default_storage.open(stored, "rb") as handle:
            data = handle.read()
        _discard_preview(stored)
        run = ImportRun.objects.create(
            origin="admin", state=ImportRun.State.RUNNING, created_by=request.user, total=1
        )
        results = list(
            import_paths(
                paths=[],
                inputs=[InputFile(name=name, read=lambda: data)],
                source=form.cleaned_data["source"],
                status=status,
                user=request.user,
                run=run,
            )
        )
        imported = [result for result in results if result.outcome == "imported"]
        if len(results) == 1 and imported:
            messages.success(request, f"Imported “{imported[0].title}”.")
            return HttpResponseRedirect(
                reverse("admin:articles_article_change", args=[imported[0].article_id])
            )
        return HttpResponseRedirect(reverse("admin:articles_article_import_run", args=[run.pk]))

    def _import_many(self, request, *, files, source, status):
        run = ImportRun.objects.create(origin="admin", created_by=request.user)
        # A folder's files dropped together bring its Thumbs.db and images: passed over, as in an
        # archive (a file uploaded alone is read, and refused with its reason).
        passed_over = [f"{upload.name} ({why})" for upload in files if (why := not_a_story(upload.name))]
        files = [upload for upload in files if not not_a_story(upload.name)]
        members = sum(_member_count(upload, passed_over) for upload in files)
        if passed_over:
            shown = "; ".join(passed_over[:5]) + (
                f"; and {len(passed_over) - 5} more" if len(passed_over) > 5 else ""
            )
            messages.info(
                request,
                f"Passed over {len(passed_over)} file{'s' if len(passed_over) != 1 else ''} "
                f"that {'is' if len(passed_over) == 1 else 'are'} no stor{'y' if len(passed_over) == 1 else 'ies'}: "
                f"{shown}.",
            )
        run.total = members
        if members > settings.NEWSROOM_IMPORT_TASK_THRESHOLD:
            from .tasks import import_uploads

            stored = []
            try:
                for number, upload in enumerate(files):
                    # Stored under a number (the name people see travels with it): a name
                    # too long for the disk, or one that is all punctuation, cannot fail here.
                    saved = default_storage.save(f"{UPLOAD_FOLDER}/run-{run.pk}/{number}", upload)
                    stored.append([saved, upload.name])
                run.origin = "task"
                run.save(update_fields=["total", "origin"])
                result = import_uploads.enqueue(
                    run_id=run.pk,
                    stored=stored,
                    source_id=source.pk if source else None,
                    status=status,
                    user_id=request.user.pk,
                )
            except BaseException:
                for storage_name, _display in stored:
                    default_storage.delete(storage_name)
                run.delete()
                raise
            ImportRun.objects.filter(pk=run.pk).update(task_id=str(result.id)[:64])
        else:
            run.state = ImportRun.State.RUNNING
            run.save(update_fields=["total", "state"])
            for _result in import_paths(
                paths=[],
                inputs=_upload_inputs(files),
                source=source,
                status=status,
                user=request.user,
                run=run,
            ):
                pass
        return HttpResponseRedirect(reverse("admin:articles_article_import_run", args=[run.pk]))

    def import_run_view(self, request, run_id):
        self._require_import(request)
        run = get_object_or_404(ImportRun, pk=run_id)
        if run.created_by_id not in (None, request.user.pk) and not request.user.is_superuser:
            raise Http404
        _settle_dead_task(run)
        # Failures first: a run of thousands of records shows its first REPORT_ROWS rows only.
        items = run.items.select_related("article").order_by(
            Case(When(outcome=ImportItem.Outcome.FAILED, then=0), default=1), "pk"
        )
        context = self._context(
            request,
            f"Import #{run.pk}",
            run=run,
            items=items[:REPORT_ROWS],
            hidden_rows=max(0, run.items.count() - REPORT_ROWS),
            # Queued this long and not started: no task worker is running, most likely.
            unclaimed=run.state == ImportRun.State.QUEUED
            and timezone.now() - run.created_at > datetime.timedelta(seconds=UNCLAIMED_AFTER),
            finished=run.state in (ImportRun.State.DONE, ImportRun.State.FAILED),
            percent=int(100 * run.processed / run.total) if run.total else 0,
        )
        return TemplateResponse(request, "admin/articles/article/import_run.html", context)

    # -- review and re-extraction ------------------------------------------------------------
    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "extraction_review"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and obj.original:
            fieldsets.append(("Import review", {"classes": ["collapse"], "fields": ["extraction_review"]}))
        return fieldsets

    @admin.display(description="Original and cleaned text")
    def extraction_review(self, obj):
        if obj is None or not obj.original:
            return "—"
        from .importing.decode import describe_encoding
        from .importing.pipeline import reviewable_text

        try:
            raw, encoding = reviewable_text(bytes(obj.original)), describe_encoding(bytes(obj.original))
        except Exception:  # an undecodable original is still shown, just as bytes
            raw, encoding = (
                bytes(obj.original)[:20000].decode("utf-8", "replace"),
                "undecodable, shown as UTF-8",
            )
        rows = format_html_join(
            "",
            '<li class="{}">{}{}</li>',
            (
                (_ROW_CLASSES.get(state, "import-used"), line, _role_note(state))
                for line, state in review_rows(
                    raw,
                    obj.stripped,
                    page_story=story_words(obj) if obj.original_format == Article.Format.HTML else None,
                    story=obj,
                )
            ),
        )
        return format_html(
            '<div class="import-review"><div><h4>Original ({}, {}, read as {})</h4><ol class="import-raw">{}</ol></div>'
            '<div><h4>Cleaned text</h4><div class="import-clean">{}</div>'
            "{}</div></div>",
            obj.original_name or "unnamed",
            obj.get_original_format_display(),
            encoding,
            rows,
            safe_body(obj.body_html),
            stripped_list(stripped_rows(obj.stripped or [], obj), heading="h4"),
        )

    @admin.action(description="Re-run extraction on the stored original", permissions=["change"])
    def rerun_extraction(self, request, queryset):
        for article in queryset:
            # The model permission is not enough: reporters may not rewrite stories in review or published.
            if not self.has_change_permission(request, article):
                messages.warning(request, f"{article.title}: you may not change this story.")
                continue
            outcome = reextract_article(article=article, user=request.user)
            messages.info(request, f"{article.title}: {outcome}")

    def reextract_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])  # (the change page's button posts)
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        outcome = reextract_article(article=article, user=request.user)
        messages.info(request, outcome[:1].upper() + outcome[1:] + ".")
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))


def discard_stale_previews() -> int:
    """Delete the uploads of previews nobody confirmed or cancelled (an editor closed the tab)
    after ``NEWSROOM_IMPORT_PREVIEW_HOURS``; returns how many. Runs on each new preview."""
    cutoff = timezone.now() - datetime.timedelta(hours=settings.NEWSROOM_IMPORT_PREVIEW_HOURS)
    try:
        tokens, _files = default_storage.listdir(PREVIEW_FOLDER)
    except FileNotFoundError:
        return 0
    removed = 0
    for token in tokens:
        # Another editor's preview may be confirmed, cancelled or cleaned meanwhile.
        with contextlib.suppress(FileNotFoundError):
            folder = f"{PREVIEW_FOLDER}/{token}"
            folder_mtime = _modified(folder)
            _dirs, files = default_storage.listdir(folder)
            stale = [name for name in files if default_storage.get_modified_time(f"{folder}/{name}") < cutoff]
            for name in stale:
                default_storage.delete(f"{folder}/{name}")
            removed += len(stale)
            # A folder changed since the cutoff may be a preview being saved right now; storages
            # without real folders have nothing more to remove.
            if len(stale) == len(files) and folder_mtime is not None and folder_mtime < cutoff.timestamp():
                with contextlib.suppress(OSError):
                    os.rmdir(default_storage.path(folder))
    return removed


def _modified(folder: str) -> float | None:
    try:
        return os.path.getmtime(default_storage.path(folder))
    except (NotImplementedError, OSError):
        return None


def _member_count(upload, passed_over: list[str] | None = None) -> int:
    """How many inputs an upload holds, for the progress bar: the members ``zip_inputs`` visits
    (and in ``passed_over``, those it passes over, with why)."""
    if not upload.name.lower().endswith(".zip"):
        return 1
    # What the import will visit, nothing read: an archive refused whole (a member escaping the
    # folder, a zip bomb) is one input, not its members ("1 of 2 files processed" when done).
    count = sum(1 for _entry in zip_inputs(upload, name=upload.name, passed_over=passed_over))
    upload.seek(0)
    return count


def _settle_dead_task(run: ImportRun) -> None:
    """A background run that cannot finish any more is shown failed, and its uploads removed,
    instead of a progress page that waits for ever: its task was recorded as failed while the run
    still says queued or running (the task's own failure handling did not get to it), or it has
    saved no progress for ``NEWSROOM_IMPORT_STALL_MINUTES`` (a worker killed outright, which
    records nothing)."""
    if run.state not in (ImportRun.State.QUEUED, ImportRun.State.RUNNING) or not run.task_id:
        return
    from django.tasks import TaskResultStatus
    from django.tasks.exceptions import TaskResultDoesNotExist

    from .tasks import import_uploads

    stall = datetime.timedelta(minutes=settings.NEWSROOM_IMPORT_STALL_MINUTES)
    stalled = run.state == ImportRun.State.RUNNING and run.updated_at < timezone.now() - stall
    if not stalled:
        try:
            result = import_uploads.get_result(run.task_id)
        except (TaskResultDoesNotExist, NotImplementedError, ValueError):
            return
        if result.status != TaskResultStatus.FAILED:
            return
    ImportRun.fail_unfinished(run.pk)
    run.refresh_from_db(fields=["state", "finished_at"])
    folder = f"{UPLOAD_FOLDER}/run-{run.pk}"
    with contextlib.suppress(FileNotFoundError, NotImplementedError):
        for name in default_storage.listdir(folder)[1]:
            default_storage.delete(f"{folder}/{name}")


def _discard_preview(stored: str) -> None:
    """Delete a preview's upload, and its token's folder once empty (storages without real
    folders have none)."""
    with contextlib.suppress(FileNotFoundError):
        default_storage.delete(stored)
    with contextlib.suppress(NotImplementedError, OSError):
        os.rmdir(default_storage.path(stored.rpartition("/")[0]))


def _preview_path(token: str, user) -> str:
    return f"{PREVIEW_FOLDER}/{token}/{user.pk}"


def _upload_inputs(files):
    for upload in files:
        if upload.name.lower().endswith(".zip"):
            yield from zip_inputs(upload, name=upload.name)
        else:
            yield InputFile(name=upload.name, read=_upload_reader(upload))


def _upload_reader(upload):
    def read():
        upload.seek(0)
        return read_limited(upload, size=upload.size)

    return read
