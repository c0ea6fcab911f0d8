"""`manage.py import_articles`: arguments, report, exit status, output."""

import json
import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.models import Article, ImportRun

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SEED_TEXT = (SEEDS / "004_920c7d55f3d2ed79.txt").read_text(encoding="utf-8")


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_articles", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_seeds_published_with_source_and_report(tmp_path):
    report = tmp_path / "report.json"
    started = timezone.now()
    out, err = run(str(SEEDS), "--status", "published", "--source", "Seed dumps", "--report", str(report))
    assert "Imported 2, duplicates 0, failed 0." in out
    assert err == ""
    data = json.loads(report.read_text())
    assert (data["imported"], data["duplicates"], data["failed"]) == (2, 0, 0)
    assert [f["outcome"] for f in data["files"]] == ["imported", "imported"]
    for entry in data["files"]:
        article = Article.objects.get(pk=entry["article"]["id"])
        assert entry["article"]["slug"] == article.slug
        assert entry["reason"].startswith("no publication date in it")  # the dumps carry none
        assert entry["path"].endswith(article.original_name)
        assert article.status == "published" and article.source.name == "Seed dumps"
        # The dumps carry no date: published now, as the workflow publishes (not "date unknown",
        # sorted below months-old stories and missing from the news sitemap).
        assert started <= article.published_at <= timezone.now()
    assert Article.objects.published().count() == 2
    assert ImportRun.objects.get().state == "done"


@pytest.mark.django_db
def test_second_run_is_a_no_op(tmp_path):
    run(str(SEEDS))
    report = tmp_path / "again.json"
    out, _ = run(str(SEEDS), "--report", str(report))
    assert "Imported 0, duplicates 2, failed 0." in out
    data = json.loads(report.read_text())
    assert [f["outcome"] for f in data["files"]] == ["duplicate", "duplicate"]
    assert all(f["article"]["id"] for f in data["files"])
    assert Article.objects.count() == 2
    assert set(Article.objects.values_list("status", flat=True)) == {"draft"}


@pytest.mark.django_db
def test_failure_exits_1_and_still_imports_the_rest(tmp_path):
    (tmp_path / "good.txt").write_bytes((SEEDS / "004_920c7d55f3d2ed79.txt").read_bytes())
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.5 ...")
    report = tmp_path / "out" / "report.json"
    report.parent.mkdir()
    with pytest.raises(CommandError) as excinfo:
        run(str(tmp_path), "--report", str(report))
    assert excinfo.value.returncode == 1
    assert str(excinfo.value) == "1 file failed to import."
    data = json.loads(report.read_text())
    assert (data["imported"], data["failed"]) == (1, 1)
    failed = next(f for f in data["files"] if f["outcome"] == "failed")
    assert failed["path"].endswith("scan.pdf")
    assert failed["article"] is None
    assert "PDF" in failed["reason"]
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_failure_lines_are_one_per_file(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.dat").write_bytes(b"\x89PNG\r\n\x1a\n")  # (a ".png" in a folder is passed over)
    err = StringIO()
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_articles", str(tmp_path), stdout=out, stderr=err)
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("FAILED ") and "a.txt: the file is empty" in lines[0]
    assert "b.dat" in lines[1] and "PNG image" in lines[1]
    assert "Traceback" not in err.getvalue()
    assert "failed 2" in out.getvalue()


@pytest.mark.django_db
def test_an_empty_file_is_empty_not_a_duplicate_of_a_feed_story(tmp_path):
    """Stories from a feed keep no original, and empty bytes had the same (empty) digest: an
    empty file was reported as a duplicate of an unrelated feed story."""
    paragraph = (
        "The harbour board met on Monday and agreed a plan for the cranes, the ferries and the quays. "
    )
    (tmp_path / "wire.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item>'
        f"<title>Cranes return</title><description>{paragraph * 3}</description></item></channel></rss>"
    )
    run(str(tmp_path / "wire.xml"))
    assert Article.objects.count() == 1
    (tmp_path / "empty.txt").write_bytes(b"")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_articles", str(tmp_path / "empty.txt"), stdout=StringIO(), stderr=err)
    assert "empty.txt: the file is empty" in err.getvalue()
    assert "duplicate" not in err.getvalue()


@pytest.mark.django_db
def test_dry_run_writes_nothing():
    out, _ = run(str(SEEDS), "--dry-run", "--source", "Nowhere")
    assert "Dry run: would import 2" in out
    assert Article.objects.count() == 0
    assert ImportRun.objects.count() == 0


@pytest.mark.django_db
def test_verbose_output_names_each_file():
    out, _ = run(str(SEEDS), "-v", "2")
    assert out.count("imported seeds/") + out.count(f"imported {SEEDS}") == 2


def test_invalid_status_is_refused():
    with pytest.raises(CommandError):
        call_command("import_articles", str(SEEDS), "--status", "review")


@pytest.mark.django_db
def test_missing_path_fails_cleanly(tmp_path):
    with pytest.raises(CommandError) as excinfo:
        run(str(tmp_path / "nope"))
    assert excinfo.value.returncode == 1


@pytest.mark.django_db
def test_symbolic_links_inside_a_folder_are_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "story.txt"
    target.write_bytes((SEEDS / "004_920c7d55f3d2ed79.txt").read_bytes())
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "link.txt").symlink_to(target)
    report = tmp_path / "report.json"
    with pytest.raises(CommandError) as excinfo:
        run(str(folder), "--report", str(report))
    assert excinfo.value.returncode == 1
    [entry] = json.loads(report.read_text())["files"]
    assert entry["outcome"] == "failed" and "symbolic link" in entry["reason"]
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_workers_extract_and_the_command_reports_the_same(tmp_path):
    report = tmp_path / "report.json"
    out, err = run(str(SEEDS), "--workers", "2", "--report", str(report))
    assert "Imported 2, duplicates 0, failed 0." in out
    assert err == ""
    assert [f["outcome"] for f in json.loads(report.read_text())["files"]] == ["imported", "imported"]
    assert Article.objects.count() == 2


def test_negative_workers_are_refused():
    with pytest.raises(CommandError, match="--workers"):
        run(str(SEEDS), "--workers", "-1")


@pytest.mark.django_db
def test_non_latin_headlines_get_transliterated_slugs(tmp_path):
    """A Cyrillic headline used to become "story", "story-2"...: now it reads in Latin letters."""
    body = "\n\n".join(
        f"Абзац номер {n}: министры обсудили торговлю, энергетику и транспортные коридоры в регионе."
        for n in range(1, 5)
    )
    (tmp_path / "ru.txt").write_text("Лукашенко встретился с Си Цзиньпином\n\n" + body, encoding="utf-8")
    call_command("import_articles", str(tmp_path), stdout=StringIO(), stderr=StringIO())
    (story,) = Article.objects.all()
    assert story.slug == "lukashenko-vstretilsya-s-si-tszinpinom"


@pytest.mark.django_db
def test_a_published_import_shows_on_cached_pages_at_once(client, tmp_path):
    """Imports store stories in bulk, without save() signals: the batch invalidates the cache."""
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"
    seed = sorted(SEEDS.glob("*.txt"))[0]
    call_command("import_articles", str(seed), "--status", "published", stdout=StringIO(), stderr=StringIO())
    (story,) = Article.objects.all()
    home = client.get("/")
    assert home["X-Page-Cache"] == "miss"
    assert story.title in home.content.decode()


@pytest.mark.django_db
def test_unwritable_report_is_refused_before_anything_runs(tmp_path):
    with pytest.raises(CommandError, match="Cannot write the report to"):
        run(str(SEEDS), "--report", str(tmp_path / "missing-folder" / "report.json"))
    assert ImportRun.objects.count() == 0 and Article.objects.count() == 0


@pytest.mark.django_db
def test_stories_are_imported_by_the_named_user(editor):
    from articles.models import AuditEntry

    run(str(SEEDS), "--status", "published", "--user", "editor")
    assert {article.created_by for article in Article.objects.all()} == {editor}
    assert ImportRun.objects.get().created_by == editor
    assert AuditEntry.objects.get(action="import").user == editor
    # Publishing by import is in the audit log story by story, as publishing in the workflow is.
    published = AuditEntry.objects.filter(action="publish")
    assert sorted(published.values_list("object_id", flat=True)) == sorted(
        str(pk) for pk in Article.objects.values_list("pk", flat=True)
    )
    assert {entry.user for entry in published} == {editor}
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        run(str(SEEDS), "--user", "nobody")


@pytest.mark.django_db
def test_ctrl_c_keeps_what_was_committed_and_says_so(tmp_path, monkeypatch):
    from articles.management.commands import import_articles

    real = import_articles.import_paths

    def interrupted(**kwargs):
        results = real(**kwargs)
        yield next(results)
        results.close()  # the pipeline's own clean-up runs, as on a real Ctrl-C
        raise KeyboardInterrupt

    monkeypatch.setattr(import_articles, "import_paths", interrupted)
    report = tmp_path / "report.json"
    with pytest.raises(CommandError) as excinfo:
        run(str(SEEDS), "--report", str(report))
    assert excinfo.value.returncode == 130
    # Both seeds were committed in the first batch, before the first was reported: the message,
    # the report and the run count both (they said 1 while 2 were stored).
    assert Article.objects.count() == 2
    assert str(excinfo.value).startswith("Interrupted: imported 2, duplicates 0, failed 0.")
    data = json.loads(report.read_text())
    assert data["imported"] == 2 and len(data["files"]) == 2
    assert sorted(entry["article"]["id"] for entry in data["files"]) == sorted(
        Article.objects.values_list("pk", flat=True)
    )
    assert all(entry["article"]["slug"] for entry in data["files"])
    import_run = ImportRun.objects.get()
    assert import_run.state == "failed"
    assert (import_run.imported, import_run.items.count()) == (2, 2)


@pytest.mark.django_db
def test_stories_left_unlinked_by_an_interruption_are_named_in_one_line(monkeypatch, caplog):
    """Ctrl-C can leave the database layer in a state where linking the committed stories fails
    too: the operator reads which stories to link, and how, instead of a traceback."""
    from articles.importing.pipeline import import_paths
    from entities import linking

    results = import_paths(paths=[SEEDS])
    next(results)  # both seeds are committed in the first batch

    def broken(**kwargs):
        raise RuntimeError("cannot operate on a closed database.\nmore detail")
        yield

    monkeypatch.setattr(linking, "link_articles", broken)
    with pytest.raises(KeyboardInterrupt):
        results.throw(KeyboardInterrupt)
    ids = " ".join(str(pk) for pk in Article.objects.order_by("pk").values_list("pk", flat=True))
    [record] = [record for record in caplog.records if "not linked" in record.getMessage()]
    assert record.getMessage() == (
        "The 2 stories imported before the interruption are not linked to entities (RuntimeError: "
        f"cannot operate on a closed database.); link them with: python manage.py link_entities {ids}"
    )
    assert record.exc_info is None  # no traceback


@pytest.mark.django_db(transaction=True)
def test_a_transaction_a_ctrl_c_leaves_open_in_the_driver_is_closed(caplog):
    """Ctrl-C inside a statement left the driver in a transaction Django did not know of: linking
    the stories already committed then failed ("cannot start a transaction within a
    transaction"), and so did restoring SQLite's bulk settings."""
    from django.db import connection

    from articles.importing.pipeline import import_paths

    results = import_paths(paths=[SEEDS])
    next(results)  # both seeds are committed in the first batch
    connection.connection.execute("BEGIN")  # what the interrupted statement left behind
    with pytest.raises(KeyboardInterrupt):
        results.throw(KeyboardInterrupt)
    assert not connection.in_atomic_block
    with connection.cursor() as cursor:  # a statement in a transaction of its own works again
        cursor.execute("SELECT COUNT(*) FROM articles_article")
        assert cursor.fetchone() == (2,)
    warnings = [record.getMessage() for record in caplog.records if record.levelname in {"WARNING", "ERROR"}]
    assert warnings == []  # linked, and the settings restored


@pytest.mark.django_db
def test_ctrl_c_while_counting_the_inputs(tmp_path, monkeypatch):
    from articles.management.commands import import_articles

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(import_articles, "count_inputs", interrupted)
    report = tmp_path / "report.json"
    with pytest.raises(CommandError) as excinfo:
        run(str(SEEDS), "--report", str(report))
    assert excinfo.value.returncode == 130
    assert ImportRun.objects.get().state == "failed"
    assert json.loads(report.read_text())["files"] == []  # the report is still valid JSON


def test_ctrl_c_stops_a_command_whose_worker_has_inputs_queued(tmp_path):
    """Ctrl-C reaches the worker too; the command used to hang for ever once it had, its queue's
    thread waiting to hand the unread pages to a worker that was gone."""
    import os
    import signal
    import subprocess
    import sys

    folder = tmp_path / "pages"
    folder.mkdir()
    sidebar = "".join(f"<li><a href='/s/{n}'>Another headline number {n}</a></li>" for n in range(400))
    for number in range(400):
        story = "".join(
            f"<p>Paragraph {n} of story {number} tells the council's budget plan in plain words.</p>"
            for n in range(12)
        )
        (folder / f"{number:03d}.html").write_text(
            f"<html><head><title>Story {number}</title><script>{'var x=1;' * 8000}</script></head>"
            f"<body><nav><ul>{sidebar}</ul></nav><article><h1>Story {number}</h1>{story}</article></body></html>",
            encoding="utf-8",
        )
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'ctrl-c.sqlite3'}", "PYTHONUNBUFFERED": "1"}
    env["DJANGO_SETTINGS_MODULE"] = "newsroom.settings.test"
    env["NEWSROOM_IMPORT_WORKERS"] = "1"  # as the command runs by default
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT, capture_output=True)
    command = subprocess.Popen(
        [*manage, "import_articles", str(folder), "-v", "2"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
        # … which answers Ctrl-C: a shell starts a background job (this suite run with "&") with
        # SIGINT ignored, the command inherited that, and ran to its end.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        import select

        ready, _, _ = select.select([command.stdout], [], [], 120)
        assert ready, "the command printed nothing in two minutes"
        first = command.stdout.readline()
        assert first.startswith("imported "), first
        os.killpg(command.pid, signal.SIGINT)  # what Ctrl-C does: the command and its worker
        _, errors = command.communicate(timeout=60)
    finally:
        if command.poll() is None:
            os.killpg(command.pid, signal.SIGKILL)
    assert command.returncode == 130
    assert errors.startswith("CommandError: Interrupted: imported") or (
        # Linking the committed stories failed after the interruption: said in one line first.
        errors.splitlines()[0].startswith("The ")
        and errors.splitlines()[1].startswith("CommandError: Interrupted")
    ), errors
    assert "Traceback" not in errors


def test_a_wrong_status_names_the_choices_as_typed():
    with pytest.raises(CommandError) as excinfo:
        run(str(SEEDS), "--status", "bogus")
    assert "(choose from 'draft', 'published')" in str(excinfo.value)


@pytest.mark.django_db
def test_failed_records_are_counted_as_records_and_the_bar_counts_files(tmp_path, monkeypatch):
    paragraph = "The harbour board met on Monday and agreed a plan for the cranes, the ferries and the quays."
    rows = [{"title": f"Story {n}", "body": paragraph.replace("Monday", f"day {n}") * 3} for n in range(3)]
    rows += [{"title": "No text"}, {"title": "Still no text", "body": ""}]
    (tmp_path / "export.jsonl").write_text("\n".join(json.dumps(row) for row in rows), encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.5 ...")
    import tqdm

    bars = []

    class Bar:
        def __init__(self, total, **kwargs):
            self.total, self.steps = total, 0
            bars.append(self)

        def update(self, steps):
            self.steps += steps

        def write(self, line, file=None):
            pass

        def close(self):
            pass

    class Terminal(StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(tqdm, "tqdm", Bar)
    with pytest.raises(CommandError) as excinfo:
        call_command("import_articles", str(tmp_path), stdout=StringIO(), stderr=Terminal())
    assert str(excinfo.value) == "1 file and 2 records of feeds or exports failed to import."
    [bar] = bars
    assert (bar.total, bar.steps) == (2, 2)  # a step a file, not a record (an export went past 100%)


@pytest.mark.django_db
def test_the_report_never_overwrites_a_story(tmp_path):
    """``--report`` named a story among the inputs: it was truncated to an empty report (even in
    a dry run) and then skipped as "the report". An earlier report may be replaced."""
    story = tmp_path / "story.txt"
    story.write_bytes((SEEDS / "004_920c7d55f3d2ed79.txt").read_bytes())
    before = story.read_bytes()
    with pytest.raises(CommandError, match="exists and is not an import report"):
        run(str(tmp_path), "--report", str(story), "--dry-run")
    assert story.read_bytes() == before
    report = tmp_path / "report.json"
    run(str(tmp_path), "--report", str(report), "--dry-run")
    run(str(tmp_path), "--report", str(report))  # its own earlier report is replaced
    assert json.loads(report.read_text())["imported"] == 1


@pytest.mark.django_db
def test_export_dates_in_unix_time_are_read_and_unreadable_ones_are_noted(tmp_path):
    """Unix times were not read, and an unreadable date vanished without a word (with
    --status published the story was dated at import: an archive republished as today's news)."""
    paragraph = (
        "The harbour board met on Monday and agreed a plan for the cranes, the ferries and the quays. "
    )
    dates = [1741939200, "1741939200000", "03/04/2025", "9999-12-31T23:59:59-05:00"]
    rows = [
        {"title": f"Story {n}", "body": paragraph.replace("Monday", f"day {n}") * 3, "published": value}
        for n, value in enumerate(dates)
    ]
    (tmp_path / "export.jsonl").write_text("\n".join(json.dumps(row) for row in rows))
    report = tmp_path / "report.json"
    out, _err = run(str(tmp_path / "export.jsonl"), "--report", str(report))
    stories = {a.title: a.published_at for a in Article.objects.all()}
    assert stories["Story 0"].isoformat() == stories["Story 1"].isoformat() == "2025-03-14T08:00:00+00:00"
    assert stories["Story 2"] is None and stories["Story 3"] is None
    assert "export.jsonl:3: its date “03/04/2025” was not understood" in out
    assert "export.jsonl:4: its date “9999-12-31T23:59:59-05:00” was not understood" in out
    assert out.count("was not understood") == 2
    assert "export.jsonl:1 " not in out
    reasons = [entry["reason"] for entry in json.loads(report.read_text())["files"]]
    assert reasons[:2] == [None, None] and all("was not understood" in reason for reason in reasons[2:])


def test_the_report_guard_does_not_read_a_pipe(tmp_path):
    """``--report /dev/stdout`` (a pipe) hung: the guard waited to read its first bytes."""
    import threading

    from articles.management.commands.import_articles import _holds_something_else

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    answers = []
    check = threading.Thread(target=lambda: answers.append(_holds_something_else(str(fifo))), daemon=True)
    check.start()
    check.join(timeout=10)
    assert answers == [False]


@pytest.mark.django_db
def test_a_near_duplicate_is_pointed_out_in_the_output_and_the_report(tmp_path):
    """A rewrite of a story in the archive was flagged only with -v 2, and not in the report."""
    paragraphs = SEED_TEXT.split("\n")
    (tmp_path / "first.txt").write_text(SEED_TEXT, encoding="utf-8")
    rewrite = tmp_path / "rewrite" / "second.txt"
    rewrite.parent.mkdir()
    longest = max(range(len(paragraphs)), key=lambda n: len(paragraphs[n]))
    paragraphs[longest] += " An editor's note added to this version says more talks are planned."
    rewrite.write_text("\n".join(paragraphs), encoding="utf-8")
    run(str(tmp_path / "first.txt"))
    report = tmp_path / "report.json"
    out, _err = run(str(rewrite), "--report", str(report))
    original = Article.objects.earliest("pk")
    assert f"near-duplicate of story #{original.pk}" in out and "review it before publishing" in out
    assert "1 resembles an earlier story (near-duplicates)" in out
    [entry] = json.loads(report.read_text())["files"]
    assert (
        entry["near_duplicate_of"]["id"] == original.pk
        and 0.4 <= entry["near_duplicate_of"]["similarity"] < 1
    )
    out, _err = run(str(tmp_path / "first.txt"), "--report", str(report))
    [entry] = json.loads(report.read_text())["files"]
    assert entry["outcome"] == "duplicate" and entry["near_duplicate_of"] is None


@pytest.mark.django_db
def test_a_story_published_without_a_date_of_its_own_is_pointed_out(tmp_path):
    """It carried the import's date, with nothing in the output or the report to say so."""
    prose = (
        "The harbour board met on Monday and agreed a plan for the cranes, the ferries and the quays. " * 3
    )
    export = tmp_path / "export.jsonl"
    export.write_text(
        json.dumps({"title": "Dated", "body": prose, "published": "2025-03-14T08:00:00Z"})
        + "\n"
        + json.dumps(
            {
                "title": "Undated",
                "body": "A new ferry timetable starts in May, with four more crossings a day. " * 3,
            }
        )
        + "\n",
        encoding="utf-8",
    )
    report = tmp_path / "report.json"
    out, _err = run(str(export), "--status", "published", "--report", str(report))
    assert "export.jsonl:2: no publication date in it: it carries the date of the import" in out
    assert "export.jsonl:1" not in out
    reasons = [entry["reason"] for entry in json.loads(report.read_text())["files"]]
    assert reasons[0] is None and "no publication date" in reasons[1]
    # A draft is dated when an editor publishes it: nothing to point out.
    Article.objects.all().delete()
    out, _err = run(str(export))
    assert "no publication date" not in out


@pytest.mark.django_db
def test_an_earlier_report_in_the_folder_is_passed_over(tmp_path):
    """A reviewer's re-run: the first run's report, written into the folder it imported, was read
    as a JSON export on the next run ("report.json:1: the entry has no text"), which then failed."""
    (tmp_path / "story.txt").write_text(SEED_TEXT, encoding="utf-8")
    run(str(tmp_path), "--report", str(tmp_path / "report.json"))
    out, err = run(str(tmp_path), "--report", str(tmp_path / "second.json"), "-v", "2")
    assert "FAILED" not in out + err
    assert "report.json" in out and "an earlier import's report" in out
    out, err = run(str(tmp_path))  # (no report this time: both earlier ones are passed over)
    assert "FAILED" not in out + err
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_a_source_named_in_other_capitals_is_the_same_source(tmp_path):
    from articles.models import Source

    (tmp_path / "a.txt").write_text(SEED_TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text((SEEDS / "000_d7da914c6f76cbdd.txt").read_text(encoding="utf-8"))
    run(str(tmp_path / "a.txt"), "--source", "Night Desk")
    run(str(tmp_path / "b.txt"), "--source", "night  desk")
    assert list(Source.objects.values_list("name", flat=True)) == ["Night Desk"]
    assert set(Article.objects.values_list("source__name", flat=True)) == {"Night Desk"}
