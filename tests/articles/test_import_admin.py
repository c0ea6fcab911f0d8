"""The admin import: button, upload, preview, confirm/cancel, bulk report, background task, review."""

import datetime
import io
import json
import os
import re
import time
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from articles.importing.pipeline import import_file, import_paths
from articles.models import Article, ImportRun

ROOT = Path(__file__).resolve().parents[2]
SEED_000 = ROOT / "seeds" / "000_d7da914c6f76cbdd.txt"
SEED_004 = ROOT / "seeds" / "004_920c7d55f3d2ed79.txt"
DATA = ROOT / "tests" / "data" / "import"
IMPORT_URL = reverse("admin:articles_article_import")
CONFIRM_URL = reverse("admin:articles_article_import_confirm")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def upload(path: Path, name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def stored_files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def test_changelist_has_import_button(editor_client):
    response = editor_client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 200
    assert f'href="{IMPORT_URL}"' in response.content.decode()
    assert "Import articles" in response.content.decode()


def test_import_requires_the_permission(client, django_user_model):
    user = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(user)
    assert "Import articles" not in client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert client.get(IMPORT_URL).status_code == 403


def test_single_file_preview_then_confirm(editor_client, media):
    response = editor_client.post(IMPORT_URL, {"files": upload(SEED_000), "status": "published"})
    assert response.status_code == 200
    page = response.content.decode()
    assert Article.objects.count() == 0  # nothing saved before the editor confirms
    # raw text with the stripped chrome marked
    assert '<li class="import-stripped">Table of Contents</li>' in page
    assert '<li class="import-stripped">Featured Posts</li>' in page
    assert '<li class="import-kept">The Belarusian capital, Minsk' in page
    # the cleaned article and its sanitized HTML
    assert "Xi Jinping Meets Lukashenko: Key Outcomes Of The Belarus-China Summit" in page
    assert "&lt;ul&gt;&lt;li&gt;Investment:" in page  # the HTML source, escaped
    assert "<ul><li>Investment:" in page  # the same HTML, rendered
    assert "Near-duplicates in the archive" in page
    assert "Proposed entity links" in page
    assert "published: live on the public site at once" in page  # the status chosen on the form
    token = response.context["confirm"].initial["token"]
    assert len(stored_files(media)) == 1

    confirm = {"token": token, "name": SEED_000.name, "status": "published", "confirm": "Import"}
    response = editor_client.post(CONFIRM_URL, confirm)
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_change", args=[article.pk])
    assert article.status == "published"
    assert article.dek.endswith("Deepen Ties")
    assert article.created_by.username == "editor"
    assert stored_files(media) == []
    run = ImportRun.objects.get()
    assert run.origin == "admin" and (run.processed, run.total) == (1, 1)  # not "1 of 0 files"


def test_a_confirmed_preview_cannot_put_stories_in_review(editor_client, media):
    """The form offers draft or published; a hand-edited "review" skipped the workflow."""
    response = editor_client.post(IMPORT_URL, {"files": upload(SEED_000), "status": "draft"})
    assert "imported as\n      <strong>a draft</strong>" in response.content.decode()
    token = response.context["confirm"].initial["token"]
    confirm = {"token": token, "name": SEED_000.name, "status": "review", "confirm": "Import"}
    response = editor_client.post(CONFIRM_URL, confirm)
    assert response.status_code == 302
    assert response["Location"] == IMPORT_URL
    assert not Article.objects.exists()
    assert stored_files(media) == []  # the refused preview's upload is gone at once


def test_preview_shows_what_the_page_says_about_the_story(editor_client):
    """Byline, date (or that there is none), language, site and original address, before the
    editor confirms."""
    response = editor_client.post(IMPORT_URL, {"files": upload(DATA / "news_site.html"), "status": "draft"})
    meta = response.content.decode().split('<dl class="import-meta">', 1)[1].split("</dl>", 1)[0]
    assert "<dd>Ruta Vaitkute</dd>" in meta
    assert "<dd>14 March 2025, 09:30 UTC</dd>" in meta
    assert "<dd>en</dd>" in meta
    assert 'href="https://ledger.example.com/economy/harbour-cranes-return"' in meta

    undated = (DATA / "news_site.html").read_bytes().replace(b'lang="en"', b"")
    undated = re.sub(rb"<time[^>]*>.*?</time>|<meta[^>]*(?:date|published)[^>]*>", b"", undated)
    response = editor_client.post(
        IMPORT_URL, {"files": SimpleUploadedFile("undated.html", undated), "status": "draft"}
    )
    meta = response.content.decode().split('<dl class="import-meta">', 1)[1].split("</dl>", 1)[0]
    assert "date unknown" in meta
    assert "<dd>en</dd>" in meta  # not declared, recognised in the text


def _misread_as_cp1252(data: bytes) -> bytes:
    return "".join(bytes([byte]).decode("cp1252", errors="ignore") or chr(byte) for byte in data).encode()


@pytest.mark.parametrize(
    ("make", "label"),
    [
        (lambda page: page, "<dd>UTF-8</dd>"),
        (
            _misread_as_cp1252,
            "<dd>UTF-8; mojibake repaired (UTF-8 that had once been read as Latin-1 or Windows-1252)</dd>",
        ),
        (
            lambda page: page.decode().replace("Harbour", "Гавань").encode("cp1251"),
            "<dd>Windows-1251 (Cyrillic)</dd>",
        ),
    ],
)
def test_preview_says_how_the_file_was_read(editor_client, make, label):
    """The encoding the importer detected, and whether it repaired mojibake (the editor sees the
    repaired text, and the original bytes are kept on the story)."""
    page = make((DATA / "news_site.html").read_bytes().replace(b"Harbour", "Harbour’s —".encode(), 1))
    response = editor_client.post(
        IMPORT_URL, {"files": SimpleUploadedFile("page.html", page), "status": "draft"}
    )
    content = response.content.decode()
    meta = content.split('<dl class="import-meta">', 1)[1].split("</dl>", 1)[0]
    assert label in meta
    assert "â€" not in content
    assert "’s —" in content.split('<div class="import-clean">', 1)[0]  # the title, as repaired


def test_preview_cancel_saves_nothing(editor_client, media):
    response = editor_client.post(IMPORT_URL, {"files": upload(SEED_004), "status": "draft"})
    token = response.context["confirm"].initial["token"]
    response = editor_client.post(
        CONFIRM_URL, {"token": token, "name": SEED_004.name, "status": "draft", "cancel": "Cancel"}
    )
    assert response.status_code == 302
    assert Article.objects.count() == 0
    assert stored_files(media) == []
    assert not any((media / "imports" / "preview").iterdir())  # (nor its token's empty folder)


def test_a_refused_preview_keeps_no_upload(editor_client, media):
    """A reviewer's uploads: a PDF, an empty file and a pasted sentence were refused with their
    reasons, but each stayed on disk (the page offers no Confirm or Cancel) until the day's sweep."""
    editor_client.post(
        IMPORT_URL, {"files": SimpleUploadedFile("scan.pdf", b"%PDF-1.7\n%binary"), "status": "draft"}
    )
    response = editor_client.post(IMPORT_URL, {"text": "Hello world.", "status": "draft"})
    assert response.context["preview"].reason
    assert not any(media.rglob("*"))


def test_preview_shows_existing_duplicate_and_near_duplicates(editor_client):
    import_file(data=SEED_004.read_bytes(), name="first.txt")
    rewritten = SEED_004.read_text(encoding="utf-8").replace("hailed", "praised").replace("surged", "jumped")
    response = editor_client.post(IMPORT_URL, {"text": rewritten, "status": "draft"})
    page = response.content.decode()
    existing = Article.objects.get()
    assert f'href="{reverse("admin:articles_article_change", args=[existing.pk])}"' in page
    assert "similarity 0." in page
    response = editor_client.post(
        IMPORT_URL, {"text": SEED_004.read_text(encoding="utf-8"), "status": "draft"}
    )
    page = response.content.decode()
    assert "already in the archive" in page
    # Nothing is promised that will not happen: no "imported as a draft", no import button.
    assert "Nothing to import" in page and "imported as" not in page and 'name="confirm"' not in page


def test_abandoned_previews_are_deleted_after_a_day(editor_client, media):
    """An editor who closes the tab on a preview leaves an upload behind; the next preview
    after NEWSROOM_IMPORT_PREVIEW_HOURS deletes it (and its folder), but not fresh ones."""
    editor_client.post(IMPORT_URL, {"files": upload(SEED_004), "status": "draft"})
    (abandoned,) = stored_files(media)
    two_days_ago = time.time() - 2 * 86400
    os.utime(abandoned, (two_days_ago, two_days_ago))
    os.utime(abandoned.parent, (two_days_ago, two_days_ago))
    editor_client.post(IMPORT_URL, {"files": upload(SEED_000), "status": "draft"})
    (remaining,) = stored_files(media)
    assert remaining.parent != abandoned.parent
    assert not abandoned.parent.exists()


def test_preview_of_an_export_lists_every_record(editor_client):
    """One export, many stories: the first in full, the others by title, refusals with reasons."""
    response = editor_client.post(IMPORT_URL, {"files": upload(DATA / "records.jsonl"), "status": "draft"})
    page = response.content.decode()
    preview = response.context["preview"]
    assert preview.candidate.title == "Library opens a night reading room"
    titles = [title for title, reason, _story in preview.others if not reason]
    assert "Tram line 4 gets new stops" in titles
    assert f"holds {preview.more_articles + 1} articles" in page
    assert f'value="Import these {preview.more_articles + 1} stories"' in page
    assert "Tram line 4 gets new stops" in page
    refused = [reason for _title, reason, _story in preview.others if reason]
    assert refused and all(f"will be refused:</strong> {reason}" in page for reason in refused)
    # The summary says so, and the list is open: the refusals were out of sight in a closed box.
    assert preview.refused == len(refused)
    assert f"<strong>{len(refused)} record{'s' if len(refused) > 1 else ''} will be refused</strong>" in page
    assert '<details class="import-others" open>' in page
    assert "All of them are imported on confirm." in page


def test_preview_of_an_export_already_imported_says_its_records_are_duplicates(editor_client):
    """A reviewer's re-upload: the preview flagged the first record as stored and said of the rest
    "All of them are imported on confirm"; confirming imported none of them."""
    import_file(data=(DATA / "records.jsonl").read_bytes(), name="records.jsonl")
    response = editor_client.post(IMPORT_URL, {"files": upload(DATA / "records.jsonl"), "status": "draft"})
    preview = response.context["preview"]
    page = response.content.decode()
    assert preview.duplicate_of is not None
    assert preview.stored == preview.more_articles > 0
    assert "The others are already in the archive: confirming reports them as duplicates." in page
    assert "All of them are imported on confirm." not in page


def test_preview_of_an_export_names_the_records_the_archive_holds(editor_client):
    """A reviewer: the preview counted an export's stored records but did not say which they
    were; each listed record the archive holds now links to its story, and a new one does not."""
    tram = (DATA / "records.jsonl").read_text(encoding="utf-8").splitlines()[1]
    import_file(data=tram.encode(), name="tram.jsonl")
    stored = Article.objects.get(title="Tram line 4 gets new stops")
    extra = {"title": "Ferry timetable changes in May", "body": "The ferry will leave at seven. " * 12}
    export = (DATA / "records.jsonl").read_bytes() + json.dumps(extra).encode() + b"\n"
    response = editor_client.post(
        IMPORT_URL, {"files": SimpleUploadedFile("records.jsonl", export), "status": "draft"}
    )
    preview = response.context["preview"]
    page = response.content.decode()
    assert preview.duplicate_of is None and preview.stored == 1
    by_title = {title: story for title, reason, story in preview.others if not reason}
    assert by_title == {"Tram line 4 gets new stops": stored, "Ferry timetable changes in May": None}
    link = reverse("admin:articles_article_change", args=[stored.pk])
    assert f'already in the archive as <a href="{link}">Tram line 4 gets new stops</a>' in page
    assert page.count("already in the archive as") == 1


def test_pasted_text_preview(editor_client):
    response = editor_client.post(
        IMPORT_URL, {"text": SEED_004.read_text(encoding="utf-8"), "status": "draft"}
    )
    assert response.status_code == 200
    assert response.context["preview"].candidate.title.startswith("Chinese President Xi Jinping")
    assert response.context["confirm"].initial["name"] == "pasted text"


def test_a_paste_over_djangos_default_request_limit_reaches_the_form(editor_client, settings):
    """A 3 MB paste (under the 5 MB import limit) was refused with a bare "Bad Request"; one
    over the import limit gets a form error naming the limit, and the page keeps the paste."""
    paste = "The harbour board met on Monday and agreed a plan for the cranes. " * 48_000
    assert 2_621_440 < len(paste) < settings.NEWSROOM_IMPORT_MAX_BYTES
    settings.NEWSROOM_IMPORT_MAX_BYTES = 1_000_000  # what the form checks; the request limit stays
    response = editor_client.post(IMPORT_URL, {"text": paste, "status": "draft"})
    assert response.status_code == 200
    assert response.context["form"].errors["text"] == [
        "The pasted text is over the import size limit (976.6\xa0KB); upload it as a file in parts."
    ]
    assert Article.objects.count() == 0


def test_a_paste_too_large_to_read_goes_back_to_the_form_with_the_reason(editor_client, settings):
    """Over the request limit Django cannot read the form at all: the editor got a bare 400."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = editor_client.post(IMPORT_URL, {"text": "x " * 20_000, "status": "draft"}, follow=True)
    assert response.redirect_chain == [(IMPORT_URL, 302)]
    assert "The pasted text is over the import size limit" in response.content.decode()
    page = editor_client.get(IMPORT_URL).content.decode()  # the form's script checks before sending
    assert 'data-max-bytes="5242880"' in page and "articles/import-form.js" in page


def test_one_file_over_the_limit_names_its_size_and_the_limit(editor_client, settings, media):
    settings.NEWSROOM_IMPORT_MAX_BYTES = 1_000
    response = editor_client.post(IMPORT_URL, {"files": upload(SEED_004), "status": "draft"})
    size = len(SEED_004.read_bytes()) / 1024
    assert response.context["form"].errors["files"] == [
        f"{SEED_004.name} is too large ({size:.1f}\xa0KB; the limit is 1000\xa0bytes)."
    ]
    assert Article.objects.count() == 0 and stored_files(media) == []


def test_html_preview_marks_the_page_furniture_it_removed(editor_client):
    """For a saved page the raw column showed the HTML source with nothing struck through: the
    menus, cookie banner, sidebar and footer trafilatura left out were invisible."""
    response = editor_client.post(IMPORT_URL, {"files": upload(DATA / "news_site.html"), "status": "draft"})
    rows = dict(response.context["rows"])
    assert rows["We use cookies to improve your experience. Privacy policy"] == "stripped"
    assert rows["© 2025 The Baltic Ledger. All rights reserved."] == "stripped"
    assert rows["Related stories"] == "stripped"
    assert rows["Shipping lines waiting for capacity"] == "kept"
    assert rows["Four cranes were repaired over eleven weeks."] == "kept"
    assert not any(line.lstrip().startswith("<") for line in rows)  # the text a reader sees, not markup
    assert '<li class="import-stripped">We use cookies' in response.content.decode()


def test_bad_file_preview_gives_the_reason(editor_client):
    response = editor_client.post(
        IMPORT_URL, {"files": SimpleUploadedFile("scan.pdf", b"%PDF-1.4 ..."), "status": "draft"}
    )
    page = response.content.decode()
    assert "this is a PDF document, not an article" in page
    assert 'name="confirm"' not in page


def test_reporter_cannot_publish_on_import(client, reporter):
    client.force_login(reporter)
    response = client.post(IMPORT_URL, {"files": upload(SEED_004), "status": "published"})
    assert response.status_code == 200
    assert "status" in response.context["form"].errors


def test_several_files_show_a_report_with_links(editor_client):
    files = [upload(SEED_000), upload(SEED_004), SimpleUploadedFile("empty.txt", b"")]
    response = editor_client.post(IMPORT_URL, {"files": files, "status": "draft"}, follow=True)
    page = response.content.decode()
    run = ImportRun.objects.get()
    assert (run.state, run.imported, run.failed) == ("done", 2, 1)
    for article in Article.objects.all():
        assert f'href="{reverse("admin:articles_article_change", args=[article.pk])}"' in page
    assert "the file is empty" in page


def test_many_files_run_as_a_background_task(editor_client, settings, media):
    settings.NEWSROOM_IMPORT_TASK_THRESHOLD = 2
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("one.txt", SEED_000.read_bytes())
        archive.writestr("two.txt", SEED_004.read_bytes())
        archive.writestr("three.html", (DATA / "news_site.html").read_bytes())
    files = [SimpleUploadedFile("batch.zip", buffer.getvalue()), upload(DATA / "feed.atom")]
    response = editor_client.post(IMPORT_URL, {"files": files, "status": "draft"})
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_import_run", args=[run.pk])
    # The test settings run tasks immediately; the worker would do the same in production.
    assert (run.origin, run.state, run.total, run.imported) == ("task", "done", 4, 4)
    assert run.task_id
    assert stored_files(media) == []  # uploads are removed once imported
    page = editor_client.get(response["Location"]).content.decode()
    assert "Imported <strong>4</strong>" in page
    assert 'http-equiv="refresh"' not in page


def test_progress_page_refreshes_while_running(editor_client, editor):
    run = ImportRun.objects.create(origin="task", state="running", total=10, processed=4, created_by=editor)
    page = editor_client.get(reverse("admin:articles_article_import_run", args=[run.pk])).content.decode()
    assert 'http-equiv="refresh"' in page
    assert "4 of 10 files processed (40%" in page


def test_change_page_shows_original_beside_cleaned_text_and_reruns(editor_client):
    [result] = import_file(data=SEED_000.read_bytes(), name=SEED_000.name)
    article = Article.objects.get(pk=result.article_id)
    url = reverse("admin:articles_article_change", args=[article.pk])
    page = editor_client.get(url).content.decode()
    assert "Original and cleaned text" in page
    assert "read as UTF-8)" in page
    assert '<li class="import-stripped">Latest Posts</li>' in page
    assert "Re-run extraction" in page
    assert 'data-confirm="Replace this story' in page  # the browser asks before edits are replaced
    response = editor_client.post(reverse("admin:articles_article_reextract", args=[article.pk]), follow=True)
    assert (
        "Not changed: a fresh extraction gives the text the story already has." in response.content.decode()
    )

    Article.objects.filter(pk=article.pk).update(
        body_html="<p>Edited by hand.</p>", body_text="Edited by hand."
    )
    # Opened as a page (a bookmark, a pasted address): the button's address only takes its POST.
    response = editor_client.get(reverse("admin:articles_article_reextract", args=[article.pk]))
    assert response.status_code == 405
    article.refresh_from_db()
    assert article.body_text == "Edited by hand."
    response = editor_client.post(reverse("admin:articles_article_reextract", args=[article.pk]))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body_text.startswith("The Belarusian capital")


def test_rerun_extraction_action(editor_client):
    [result] = import_file(data=SEED_004.read_bytes(), name=SEED_004.name)
    Article.objects.filter(pk=result.article_id).update(body_text="x", body_html="<p>x</p>")
    editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "rerun_extraction", "_selected_action": [result.article_id]},
    )
    assert Article.objects.get(pk=result.article_id).body_text.startswith("Chinese President")


def test_preview_lists_the_links_the_linker_proposes(editor_client):
    from entities.models import Alias
    from tests.factories import CountryFactory

    belarus = CountryFactory(name="Belarus", slug="belarus")
    Alias.objects.get_or_create(entity=belarus, text="Belarus")
    response = editor_client.post(IMPORT_URL, {"files": upload(SEED_004), "status": "draft"})
    links = response.context["preview"].links
    # One row per entity and wording, however often the story names it.
    [row] = [link for link in links if (link["entity__slug"], link["surface"]) == ("belarus", "Belarus")]
    body_text = response.context["preview"].candidate.body_text
    assert row["count"] == len(re.findall(r"\bBelarus\b", body_text)) > 1
    assert "<td>Belarus</td>" in response.content.decode()
    assert Article.objects.count() == 0  # the proposal was rolled back


def test_rerun_extraction_action_respects_the_workflow(client, reporter):
    [result] = import_file(data=SEED_004.read_bytes(), name=SEED_004.name, status="published")
    Article.objects.filter(pk=result.article_id).update(body_text="x", body_html="<p>x</p>")
    client.force_login(reporter)
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "rerun_extraction", "_selected_action": [result.article_id]},
    )
    assert Article.objects.get(pk=result.article_id).body_text == "x"


def test_preview_of_a_file_with_a_long_or_odd_name(editor_client, media):
    """Names are shown, never used on disk: one too long for the file system, or made only of
    punctuation, previews and imports like any other."""
    for name in ["ж" * 200 + ".txt", "!!!"]:
        response = editor_client.post(IMPORT_URL, {"files": upload(SEED_004, name), "status": "draft"})
        assert response.status_code == 200
        assert response.context["confirm"].initial["name"] == name
    confirm = response.context["confirm"].initial
    response = editor_client.post(CONFIRM_URL, {**confirm, "source": ""})
    assert Article.objects.get().original_name == "!!!"


def test_preview_belongs_to_the_editor_who_uploaded_it(editor_client, django_user_model, client):
    response = editor_client.post(IMPORT_URL, {"files": upload(SEED_004), "status": "draft"})
    confirm = response.context["confirm"].initial
    other = django_user_model.objects.create_user("other-editor", password="pw", is_staff=True)
    other.groups.add(Group.objects.get(name="Editors"))
    client.force_login(other)
    client.post(CONFIRM_URL, {**confirm, "source": ""})
    assert Article.objects.count() == 0  # "the preview expired" for anyone else
    editor_client.force_login(django_user_model.objects.get(username="editor"))
    editor_client.post(CONFIRM_URL, {**confirm, "source": ""})
    assert Article.objects.get().created_by.username == "editor"


def test_many_files_with_long_names_and_a_zip_python_cannot_read(editor_client, settings, media):
    settings.NEWSROOM_IMPORT_TASK_THRESHOLD = 1
    unreadable = bytearray(_zip_bytes({"a.txt": SEED_000.read_bytes()}))
    unreadable[unreadable.rindex(b"PK\x05\x06") - 46 + 8] |= 0x08  # the member name claims UTF-8...
    unreadable = bytes(unreadable).replace(b"a.txt", b"\xda\xda.txt")  # ...and is not
    files = [
        upload(SEED_004, "a" * 251 + ".txt"),
        upload(SEED_000, "!!!"),
        SimpleUploadedFile("old.zip", unreadable),
    ]
    response = editor_client.post(IMPORT_URL, {"files": files, "status": "draft"})
    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert (run.state, run.total, run.imported, run.failed) == ("done", 3, 2, 1)
    assert "not a readable zip archive" in run.items.get(outcome="failed").reason
    assert stored_files(media) == []


def test_a_zip_refused_whole_counts_as_one_input_on_the_progress_page(editor_client):
    """An archive with a member escaping the folder is refused whole, but its members were
    counted: the finished run read "1 of 2 files processed"."""
    escaping = _zip_bytes({"../../evil.txt": SEED_000.read_bytes(), "ok.txt": SEED_004.read_bytes()})
    files = [SimpleUploadedFile("trav.zip", escaping), upload(SEED_004)]
    editor_client.post(IMPORT_URL, {"files": files, "status": "draft"})
    run = ImportRun.objects.get()
    assert (run.state, run.total, run.processed, run.imported, run.failed) == ("done", 2, 2, 1, 1)
    page = editor_client.get(reverse("admin:articles_article_import_run", args=[run.pk])).content.decode()
    assert "2 of 2 files processed" in page


def test_a_task_that_dies_marks_its_run_failed_and_removes_the_uploads(
    editor_client, settings, media, monkeypatch
):
    from articles import tasks

    def crash(**kwargs):
        raise RuntimeError("the worker lost its database connection")

    monkeypatch.setattr(tasks, "import_paths", crash)
    settings.NEWSROOM_IMPORT_TASK_THRESHOLD = 1
    response = editor_client.post(
        IMPORT_URL, {"files": [upload(SEED_000), upload(SEED_004)], "status": "draft"}
    )
    run = ImportRun.objects.get()
    assert run.state == "failed" and run.finished_at
    assert stored_files(media) == []
    assert 'http-equiv="refresh"' not in editor_client.get(response["Location"]).content.decode()


def test_progress_page_of_a_task_the_worker_recorded_as_failed(editor_client, editor, monkeypatch):
    """A task whose own failure handling did not mark its run (it failed before it could) is
    settled from the task framework's record when the editor looks, and its uploads go."""
    from django.tasks import TaskResultStatus

    from articles import tasks

    run = ImportRun.objects.create(origin="task", state="running", total=10, task_id="t-1", created_by=editor)
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    left = default_storage.save(f"imports/uploads/run-{run.pk}/0", ContentFile(b"story"))
    recorded = type("Result", (), {"status": TaskResultStatus.FAILED})()
    monkeypatch.setattr(
        tasks, "import_uploads", type("Task", (), {"get_result": staticmethod(lambda _id: recorded)})
    )
    page = editor_client.get(reverse("admin:articles_article_import_run", args=[run.pk])).content.decode()
    assert 'http-equiv="refresh"' not in page
    run.refresh_from_db()
    assert run.state == "failed"
    assert not default_storage.exists(left)


def test_import_needs_the_right_to_add_stories(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("importer-only", password="pw", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="import_article"), Permission.objects.get(codename="view_article")
    )
    client.force_login(user)
    response = client.post(IMPORT_URL, {"files": [upload(SEED_000), upload(SEED_004)], "status": "draft"})
    assert response.status_code == 403
    assert Article.objects.count() == 0


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_task_queue_that_refuses_the_job_leaves_no_run_and_no_files(
    editor_client, settings, media, monkeypatch
):
    from articles import tasks

    def refuse(**kwargs):
        raise ConnectionError("the task database is down")

    monkeypatch.setattr(tasks, "import_uploads", type("Task", (), {"enqueue": staticmethod(refuse)}))
    settings.NEWSROOM_IMPORT_TASK_THRESHOLD = 1
    with pytest.raises(ConnectionError):
        editor_client.post(IMPORT_URL, {"files": [upload(SEED_000), upload(SEED_004)], "status": "draft"})
    assert ImportRun.objects.count() == 0
    assert stored_files(media) == []


def test_a_run_whose_worker_was_killed_is_shown_failed_after_the_stall_time(editor_client, editor, settings):
    """A worker killed outright records nothing; a background run that saved no progress for
    NEWSROOM_IMPORT_STALL_MINUTES is shown failed. One that moves recently is left waiting."""
    settings.NEWSROOM_IMPORT_STALL_MINUTES = 30
    fresh = ImportRun.objects.create(
        origin="task", state="running", total=10, task_id="t-1", created_by=editor
    )
    stalled = ImportRun.objects.create(
        origin="task", state="running", total=10, task_id="t-2", created_by=editor
    )
    ImportRun.objects.filter(pk=stalled.pk).update(updated_at=timezone.now() - datetime.timedelta(minutes=31))
    pages = {
        run.pk: editor_client.get(
            reverse("admin:articles_article_import_run", args=[run.pk])
        ).content.decode()
        for run in (fresh, stalled)
    }
    assert 'http-equiv="refresh"' in pages[fresh.pk]
    assert 'http-equiv="refresh"' not in pages[stalled.pk]
    fresh.refresh_from_db(), stalled.refresh_from_db()
    assert (fresh.state, stalled.state) == ("running", "failed")


@pytest.mark.django_db
def test_progress_saves_move_the_stall_clock(tmp_path):
    from articles.importing.pipeline import import_paths

    run = ImportRun.objects.create(origin="task", state="queued")
    ImportRun.objects.filter(pk=run.pk).update(updated_at=timezone.now() - datetime.timedelta(hours=2))
    (tmp_path / "a.txt").write_bytes(SEED_000.read_bytes())
    list(import_paths(paths=[tmp_path], run=run))
    run.refresh_from_db()
    assert timezone.now() - run.updated_at < datetime.timedelta(minutes=1)


def test_lines_that_gave_the_story_its_title_byline_and_date_say_so(editor_client):
    """They were struck through as thrown away, beside the chrome: an editor could not tell used
    from removed."""
    dump = (
        "Metro Daily\nHarbour Authority Approves New Ferry Terminal\nBy Laura Chen\nPublished 8 May 2025, 18:30\n"
        "The harbour authority on Tuesday approved plans for a new ferry terminal on the north quay, ending a "
        "dispute with residents that had lasted more than two years.\n"
        "The terminal, which will cost about 40 million euros, is due to open in 2027, the authority said.\n"
    )
    response = editor_client.post(IMPORT_URL, {"text": dump, "status": "draft"})
    rows = dict(response.context["rows"])
    assert rows == {
        "Metro Daily": "stripped",
        "Harbour Authority Approves New Ferry Terminal": "title",
        "By Laura Chen": "byline",
        "Published 8 May 2025, 18:30": "date",
        **dict.fromkeys(dump.splitlines()[4:], "kept"),
    }
    page = response.content.decode()
    assert (
        '<li class="import-used">By Laura Chen <span class="import-role">used as the byline</span></li>'
        in page
    )
    # The list of what was taken off counts the chrome apart from the lines used (it said 3).
    stripped = (
        '<h3 class="import-stripped-heading">Stripped (1), and 2 used for the story\'s details</h3>'
        '<ul class="import-stripped-list"><li>By Laura Chen <span class="import-role">used as the byline</span></li>'
        '<li>Published 8 May 2025, 18:30 <span class="import-role">used as the date</span></li>'
        "<li>Metro Daily</li></ul>"
    )
    assert stripped in page
    # The same on the story's change page, once imported.
    [result] = import_file(data=dump.encode(), name="ferry.txt")
    url = reverse("admin:articles_article_change", args=[result.article_id])
    page = editor_client.get(url).content.decode()
    assert (
        '<li class="import-used">Published 8 May 2025, 18:30 <span class="import-role">used as the date</span></li>'
        in page
    )
    assert '<li class="import-stripped">Metro Daily</li>' in page
    assert stripped.replace("h3", "h4") in page


def test_a_title_line_with_a_suffix_is_said_to_give_the_title_and_the_lines_under_it_their_roles(
    editor_client,
):
    """ "… - live updates" gave the title without its suffix: the line was shown as kept, and the
    date and byline under it as thrown away."""
    dump = (
        "Flood warnings issued across the county as the river bursts its banks - live updates\n"
        "By Evening Post reporters\nMarch 9, 2025\n"
        "The harbour authority on Tuesday approved plans for a new ferry terminal on the north quay, ending a "
        "dispute with residents that had lasted more than two years.\n"
        "The terminal, which will cost about 40 million euros, is due to open in 2027, the authority said.\n"
    )
    rows = editor_client.post(IMPORT_URL, {"text": dump, "status": "draft"}).context["rows"]
    assert [state for _line, state in rows] == ["title", "byline", "date", "kept", "kept"]


def test_the_preview_warns_that_a_pages_stories_were_joined(editor_client):
    paragraph = (
        "<p>The harbour authority on Tuesday approved plans for a new ferry terminal on the north quay, "
        "ending a dispute with residents that had lasted more than two years, the authority said.</p>"
    )
    stories = "".join(
        f'<article><h2>{headline}</h2><p class="byline">By Nora Quinlan | March 8, 2025</p>{paragraph * 2}</article>'
        for headline in ("Ferry terminal approved", "Harbour wall repairs begin")
    )
    page = f"<html><head><title>Roundup</title></head><body><main>{stories}</main></body></html>".encode()
    response = editor_client.post(
        IMPORT_URL, {"files": SimpleUploadedFile("roundup.html", page), "status": "draft"}
    )
    assert (
        '<dt>Note</dt><dd class="import-note">The page holds 2 stories (“Ferry terminal approved”, '
        "“Harbour wall repairs begin”), imported as one: split them before publishing</dd>"
    ) in response.content.decode()


def test_only_the_lines_above_the_story_are_said_to_give_it_its_title_or_date(editor_client):
    dump = (
        "Harbour Authority Approves New Ferry Terminal\nMarch 4, 2025\n"
        "The harbour authority on Tuesday approved plans for a new ferry terminal on the north quay, ending a "
        "dispute with residents that had lasted more than two years.\n"
        "The terminal, which will cost about 40 million euros, is due to open in 2027, the authority said.\n"
        "Related\n- Harbour Authority Approves New Ferry Terminal\n- March 4, 2025\n"
    )
    rows = editor_client.post(IMPORT_URL, {"text": dump, "status": "draft"}).context["rows"]
    roles = [state for _line, state in rows]
    assert roles[:2] == ["title", "date"]
    assert "title" not in roles[2:] and "date" not in roles[2:]


def test_a_long_runs_page_lists_its_failures_first_and_says_what_it_leaves_out(
    editor_client, editor, monkeypatch
):
    """Past its first 1,000 rows the page stopped without a word, and a failure after them was
    never listed."""
    from articles import admin_import
    from articles.models import ImportItem

    monkeypatch.setattr(admin_import, "REPORT_ROWS", 2)
    run = ImportRun.objects.create(origin="admin", state="done", total=3, processed=3, created_by=editor)
    ImportItem.objects.bulk_create(
        [
            ImportItem(run=run, path="a.jsonl:1", outcome="imported"),
            ImportItem(run=run, path="a.jsonl:2", outcome="imported"),
            ImportItem(run=run, path="a.jsonl:3", outcome="failed", reason="the line is not valid JSON"),
        ]
    )
    page = editor_client.get(reverse("admin:articles_article_import_run", args=[run.pk])).content.decode()
    assert "a.jsonl:3" in page and "the line is not valid JSON" in page
    assert "a.jsonl:1" in page and "a.jsonl:2" not in page
    assert "1 more row not shown" in page
    assert reverse("admin:articles_importrun_change", args=[run.pk]) in page


def test_an_import_no_worker_takes_says_so(editor_client, editor):
    """A queued import with no task worker running read "Queued — 0 of 6 files processed" for
    ever, with no hint."""
    run = ImportRun.objects.create(origin="task", state="queued", total=6, created_by=editor)
    url = reverse("admin:articles_article_import_run", args=[run.pk])
    assert "No task worker has started this import" not in editor_client.get(url).content.decode()
    ImportRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=2))
    assert "No task worker has started this import" in editor_client.get(url).content.decode()


def test_an_uploaded_archive_says_which_of_its_files_it_passed_over(editor_client):
    """The command lists the files of a folder or an archive that are no stories; the admin's
    upload passed them over without a word."""
    archive = _zip_bytes(
        {
            "export/story.txt": SEED_000.read_bytes(),
            "export/README.md": b"# Export from the CMS\n\nThese files were exported on Monday.\n",
            "export/Thumbs.db": b"\xd0\xcf\x11\xe0" + bytes(100),
        }
    )
    files = [SimpleUploadedFile("export.zip", archive), upload(SEED_004)]
    response = editor_client.post(IMPORT_URL, {"files": files, "status": "draft"}, follow=True)
    run = ImportRun.objects.get()
    assert (run.total, run.imported, run.failed) == (2, 2, 0)
    shown = [str(message) for message in response.context["messages"]]
    assert shown == [
        "Passed over 2 files that are no stories: export.zip/export/README.md (the folder's "
        "own documentation); export.zip/export/Thumbs.db (a system file or an editor's leftover)."
    ]


def test_a_folders_files_dropped_together_pass_over_its_system_files(editor_client):
    files = [
        upload(SEED_000),
        upload(SEED_004),
        SimpleUploadedFile("Thumbs.db", b"\xd0\xcf\x11\xe0" + bytes(100)),
        SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff\xe0" + bytes(100)),
    ]
    response = editor_client.post(IMPORT_URL, {"files": files, "status": "draft"}, follow=True)
    run = ImportRun.objects.get()
    assert (run.total, run.imported, run.failed) == (2, 2, 0)
    assert [str(message) for message in response.context["messages"]] == [
        "Passed over 2 files that are no stories: Thumbs.db (a system file or an editor's leftover); "
        "photo.jpg (an image, a media file or a page's style or script)."
    ]


def test_a_word_document_uploaded_alone_gets_the_commands_reason(editor_client):
    """A reviewer's .docx: the admin said "this is a Word document, not an article", the command
    the same and how to import it; both say the whole reason now."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    response = editor_client.post(
        IMPORT_URL, {"files": SimpleUploadedFile("draft.docx", buffer.getvalue()), "status": "draft"}
    )
    assert (
        "draft.docx: this is a Word document, not an article: save it as text or HTML to import it"
        in response.content.decode()
    )


@pytest.mark.parametrize(
    ("name", "kind"), [("draft.docx", "a Word document"), ("draft.pages", "a Pages document")]
)
def test_a_broken_office_document_gets_the_same_reason_in_the_admin_and_a_folder(
    editor_client, tmp_path, name, kind
):
    """A reviewer's fake .docx ("PK" and zeros: no part to read) was "a zip archive" in the
    admin but named by its suffix in a folder; both name it by its suffix now."""
    data = b"PK\x03\x04" + bytes(2000)
    reason = f"this is {kind}, not an article: save it as text or HTML to import it"
    response = editor_client.post(IMPORT_URL, {"files": SimpleUploadedFile(name, data), "status": "draft"})
    assert f"{name}: {reason}" in response.content.decode()
    (tmp_path / name).write_bytes(data)
    (result,) = import_paths(paths=[tmp_path])
    assert result.reason == reason
    assert Article.objects.count() == 0


def test_the_story_form_shows_what_its_import_said_of_it(editor_client):
    """The import's note (here, struck-through text) was in the import's report alone: an editor
    opening the story later never saw it. The story's form shows it above the fields; a story
    whose import said nothing shows no note."""
    body = "<p>The city would buy <del>10</del> 12 new buses for the east side, the mayor said on Monday night.</p>"
    export = json.dumps({"title": "Buses", "html": body * 3}) + "\n"
    export += json.dumps({"title": "Trams", "body": "The trams will run every ten minutes from May on. " * 4})
    run = ImportRun.objects.create(origin="admin")
    results = import_file(data=export.encode(), name="buses.jsonl", run=run)
    noted, plain = (Article.objects.get(pk=result.article_id) for result in results)
    page = editor_client.get(reverse("admin:articles_article_change", args=[noted.pk])).content.decode()
    assert (
        '<p class="import-note" role="note"><strong>From the import:</strong> Struck-through text reads as '
        "plain text in the story: “10” (3 times); reword it where it matters.</p>"
    ) in page
    page = editor_client.get(reverse("admin:articles_article_change", args=[plain.pk])).content.decode()
    assert 'class="import-note"' not in page
