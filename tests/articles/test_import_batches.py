"""Folder imports commit files in batches and may extract in worker processes: same outcomes."""

import json
import os
import zlib
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from django.db import OperationalError

from articles.importing import pipeline
from articles.importing.pipeline import import_paths, minhash_signature
from articles.models import Article, ImportItem, ImportRun, ShingleBand

ROOT = Path(__file__).resolve().parents[2]
SEED_000 = ROOT / "seeds" / "000_d7da914c6f76cbdd.txt"
SEED_004 = ROOT / "seeds" / "004_920c7d55f3d2ed79.txt"
TEMPLATE = ["Daily Bench", "Home | World | Business | Sport", "Share on Facebook", "© 2025 Daily Bench"]


def _folder(tmp_path: Path) -> Path:
    """Text dumps sharing a site template (two of them rewrites, one a copy), a bad file, an
    export and an HTML page: 7 stories, 2 duplicates, 1 failure."""
    folder = tmp_path / "in"
    folder.mkdir()
    for number, seed in enumerate([SEED_000, SEED_004]):
        body = seed.read_text(encoding="utf-8")
        for copy in range(2):
            lines = [TEMPLATE[0], TEMPLATE[1], f"Headline {number}-{copy}", *body.split("\n"), *TEMPLATE[2:]]
            if copy:
                lines.insert(5, f"An extra paragraph number {copy} that makes this a different file.")
            (folder / f"{number}-{copy}.txt").write_text("\n".join(lines), encoding="utf-8")
    (folder / "2-copy.txt").write_bytes((folder / "0-0.txt").read_bytes())
    (folder / "3-bad.txt").write_bytes(b"%PDF-1.4 not a story")
    rows = [
        {"title": f"Wire {n}", "body": f"Officials met on day {n} to discuss the harvest plan and prices."}
        for n in range(3)
    ]
    (folder / "4-export.jsonl").write_text("\n".join(json.dumps(row) for row in rows), encoding="utf-8")
    paragraphs = "".join(
        f"<p>{line}</p>" for line in SEED_004.read_text(encoding="utf-8").split("\n") if line
    )
    (folder / "5-page.html").write_text(
        f"<html><head><title>Page</title></head><body><nav>Home</nav><article>{paragraphs}"
        "</article></body></html>",
        encoding="utf-8",
    )
    return folder


def _stored() -> list[tuple]:
    return list(
        Article.objects.order_by("original_name", "title").values_list(
            "original_name", "title", "body_text", "stripped", "near_duplicate_of__original_name"
        )
    )


@pytest.mark.django_db
def test_worker_extraction_stores_exactly_what_in_process_extraction_stores(tmp_path):
    folder = _folder(tmp_path)
    here = [(r.path, r.outcome, r.reason) for r in import_paths(paths=[folder], workers=0)]
    stored_here = _stored()
    Article.objects.all().delete()
    in_workers = [(r.path, r.outcome, r.reason) for r in import_paths(paths=[folder], workers=2)]
    assert [(path, outcome) for path, outcome, _ in in_workers] == [
        (path, outcome) for path, outcome, _ in here
    ]
    assert [outcome for _, outcome, _ in here].count("imported") == 7
    assert [outcome for _, outcome, _ in here].count("duplicate") == 2
    assert _stored() == stored_here
    # The template lines learned from earlier files were stripped from later ones.
    assert any("Share on Facebook" in stripped for _, _, _, stripped, _ in stored_here)


@pytest.mark.django_db
def test_pages_the_importing_process_extracts_while_the_worker_is_behind_are_stored_the_same(
    tmp_path, monkeypatch
):
    """The importing process extracts the next page itself while the worker has a backlog: the
    stored rows are those of an import in one process (the template lines included)."""
    from articles.importing import workers

    folder = _folder(tmp_path)
    here = [(r.path, r.outcome) for r in import_paths(paths=[folder], workers=0)]
    stored_here = _stored()
    Article.objects.all().delete()
    # The worker is always behind: every page after the first one it was given is extracted here.
    monkeypatch.setattr(workers.Extractors, "pending", lambda self, number, poll=True: True)
    monkeypatch.setattr(pipeline, "WORKER_BACKLOG", 1)
    extracted_here = []
    real = pipeline.extract_file

    def counted(data, *, name, common_lines):
        extracted_here.append(name)
        return real(data, name=name, common_lines=common_lines)

    monkeypatch.setattr(pipeline, "extract_file", counted)  # (the forked worker counts in its own copy)
    shared = [(r.path, r.outcome) for r in import_paths(paths=[folder], workers=1)]
    assert shared == here
    assert _stored() == stored_here
    pages = [path for path in os.listdir(folder) if path.endswith((".txt", ".html"))]
    assert len(extracted_here) == len(pages) - 1  # all but the one the worker was given first


@pytest.mark.django_db
def test_a_file_that_fails_while_stored_leaves_nothing_and_its_batch_goes_on(tmp_path, monkeypatch, editor):
    folder = _folder(tmp_path)
    real = pipeline._store_bands

    def fail_for_one_story(rows):
        ids = {article_id for article_id, _key in rows}
        if Article.objects.filter(pk__in=ids, original_name__endswith="1-0.txt").exists():
            raise ValueError("disk on fire")  # fails the pages stored together, then that file alone
        real(rows)

    monkeypatch.setattr(pipeline, "_store_bands", fail_for_one_story)
    run = ImportRun.objects.create(origin="command")
    results = list(import_paths(paths=[folder], run=run, user=editor, workers=0))
    [failed] = [r for r in results if r.path.endswith("1-0.txt")]
    assert failed.outcome == "failed"
    assert failed.reason == "the file could not be read (ValueError)"
    assert not Article.objects.filter(original_name__endswith="1-0.txt").exists()
    assert not ShingleBand.objects.exclude(article__in=Article.objects.all()).exists()
    imported = [r for r in results if r.outcome == "imported"]
    assert len(imported) == 6
    # Every stored story has its creation in the history, by the importing editor; the failed one has none.
    history = Article.history.filter(history_type="+")
    assert sorted(history.values_list("id", flat=True)) == sorted(r.article_id for r in imported)
    assert set(history.values_list("history_user", flat=True)) == {editor.pk}
    assert list(run.items.order_by("pk").values_list("path", "outcome")) == [
        (r.path, r.outcome) for r in results
    ]


@pytest.mark.django_db
def test_history_of_a_bulk_imported_story_shows_its_creation(tmp_path, admin_client):
    folder = _folder(tmp_path)
    results = list(import_paths(paths=[folder]))
    article = Article.objects.get(pk=results[0].article_id)
    [created] = article.history.all()
    assert created.history_type == "+" and created.title == article.title
    page = admin_client.get(f"/admin/articles/article/{article.pk}/history/")
    assert page.status_code == 200
    assert "Created" in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("workers", [0, 1])
def test_a_refused_batch_is_retried_one_file_at_a_time(tmp_path, monkeypatch, workers):
    """A deadlock with a concurrent import (or a lock wait that timed out) rolls the batch back;
    its files are then imported one per transaction, each exactly once."""
    folder = _folder(tmp_path)
    real = pipeline.FileBatch.write
    calls = []

    def refuse_the_first_batch(batch):
        calls.append(len(batch.items))
        if len(calls) == 1:
            raise OperationalError("deadlock detected")
        real(batch)

    monkeypatch.setattr(pipeline.FileBatch, "write", refuse_the_first_batch)
    run = ImportRun.objects.create(origin="command")
    results = list(import_paths(paths=[folder], run=run, workers=workers))
    assert [r.outcome for r in results].count("imported") == 7
    assert Article.objects.count() == 7
    assert run.items.count() == len(results) == ImportItem.objects.count()
    assert len(calls) > 2  # one refused batch, then one transaction per file


@pytest.mark.django_db
def test_a_worker_that_dies_is_replaced_by_extraction_in_the_importing_process(tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    parent, real = os.getpid(), pipeline.extract_file

    def die_in_a_worker(data, *, name, common_lines=()):
        if os.getpid() != parent and name.endswith("1-1.txt"):
            os._exit(1)  # as if the parser crashed the process
        return real(data, name=name, common_lines=common_lines)

    monkeypatch.setattr(pipeline, "extract_file", die_in_a_worker)
    results = list(import_paths(paths=[folder], workers=1))
    assert [r.outcome for r in results].count("imported") == 7


def _export(tmp_path: Path, rows: int) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    lines = [
        json.dumps(
            {"title": f"Record {n}", "body": f"Story number {n} says the council met on day {n} of May."}
        )
        for n in range(rows)
    ]
    lines.insert(3, "{not json")
    (folder / "export.jsonl").write_text("\n".join(lines), encoding="utf-8")
    return folder


@pytest.mark.django_db
def test_export_records_come_from_a_worker_in_chunks_with_the_same_outcomes(tmp_path, monkeypatch):
    from articles.importing import workers

    monkeypatch.setattr(workers, "CHUNK", 2)  # read by the workers, which are forked afterwards
    folder = _export(tmp_path, rows=9)
    here = [(r.path, r.outcome, r.reason) for r in import_paths(paths=[folder], workers=0)]
    stored = _stored()
    Article.objects.all().delete()
    assert [(r.path, r.outcome, r.reason) for r in import_paths(paths=[folder], workers=1)] == here
    assert _stored() == stored
    assert [outcome for _, outcome, _ in here].count("imported") == 9
    assert [outcome for _, outcome, _ in here].count("failed") == 1


@pytest.mark.django_db
def test_a_worker_that_dies_inside_an_export_leaves_the_rest_to_the_importing_process(tmp_path, monkeypatch):
    from articles.importing import workers

    monkeypatch.setattr(workers, "CHUNK", 2)
    parent, real = os.getpid(), pipeline.extract_chunks

    def die_after_the_first_chunk(data, *, name, size):
        for number, chunk in enumerate(real(data, name=name, size=size)):
            if number == 1 and os.getpid() != parent:
                os._exit(1)
            yield chunk

    monkeypatch.setattr(pipeline, "extract_chunks", die_after_the_first_chunk)
    results = list(import_paths(paths=[_export(tmp_path, rows=9)], workers=1))
    assert [r.outcome for r in results].count("imported") == 9
    assert Article.objects.count() == 9


def test_minhash_matches_datasketch_bit_for_bit():
    """Stored signatures were made with datasketch; ours must keep comparing equal to them."""
    from datasketch import MinHash

    text = SEED_004.read_text(encoding="utf-8")
    tokens = [word.casefold() for word in pipeline.words(text)]
    reference = MinHash(num_perm=96, seed=7, scheme="affine32", hashfunc=zlib.crc32)
    reference.update_batch([f"{a} {b}".encode() for a, b in pairwise(tokens)])
    assert np.array_equal(minhash_signature(text), reference.hashvalues.astype(np.uint32))


def test_band_keys_stay_the_keys_stored_bands_were_written_with():
    """A story's bands are looked up by key: keys made another way would miss the archive's."""
    import hashlib

    signature = minhash_signature(SEED_004.read_text(encoding="utf-8"))
    rows = pipeline.BAND_ROWS
    expected = [
        int.from_bytes(
            hashlib.blake2b(
                bytes([band]) + signature[band * rows : (band + 1) * rows].tobytes(), digest_size=8
            ).digest(),
            "big",
            signed=True,
        )
        for band in range(pipeline.NUM_PERM // rows)
    ]
    keys = pipeline.band_keys(signature)
    assert keys == expected
    assert all(type(key) is int for key in keys)  # plain ints, as the database driver binds them


def test_with_workers_the_next_export_is_sent_ahead_of_the_one_being_stored(monkeypatch):
    """An export over the read-ahead bound reached the worker only once the one before it was
    stored and linked: the worker sat idle meanwhile, and then the importing process waited."""
    monkeypatch.setattr(pipeline, "IN_FLIGHT_BYTES", 10)
    export = "\n".join(
        json.dumps({"title": f"Wire {n}", "body": f"Officials met on day {n} to discuss the plan."})
        for n in range(3)
    ).encode()
    reads = []

    def entry(n):
        return pipeline.InputFile(name=f"export-{n}.jsonl", read=lambda: reads.append(n) or export)

    class Workers:
        window, broken = 32, False

        def __init__(self):
            self.sent = []

        def submit(self, number, **options):
            self.sent.append(number)

    workers = Workers()
    prepared = pipeline._prepared_inputs(iter([entry(n) for n in range(3)]), pipeline._CommonLines(), workers)
    assert next(prepared).entry.name == "export-0.jsonl"
    assert workers.sent == [0, 1]
    assert next(prepared).entry.name == "export-1.jsonl"
    assert workers.sent == [0, 1, 2]
    # Without workers nothing is read ahead: the bound holds.
    reads.clear()
    alone = pipeline._prepared_inputs(iter([entry(n) for n in range(3)]), pipeline._CommonLines(), None)
    assert next(alone).entry.name == "export-0.jsonl"
    assert reads == [0]


@pytest.mark.django_db
def test_an_export_that_fails_while_its_records_stream_in_does_not_stall_the_files_after_it(
    tmp_path, monkeypatch
):
    from articles.importing import workers

    monkeypatch.setattr(workers, "CHUNK", 2)
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 2)  # stored two by two while the rest streams in
    real = pipeline._store_bands

    def fail_on_the_second_pair(rows):
        if Article.objects.filter(title="Record 2").exists():
            raise ValueError("disk on fire")
        real(rows)

    monkeypatch.setattr(pipeline, "_store_bands", fail_on_the_second_pair)
    folder = _export(tmp_path, rows=9)
    (folder / "zz-after.txt").write_bytes(SEED_004.read_bytes())
    results = list(import_paths(paths=[folder], workers=1))
    assert [(Path(r.path).name, r.outcome) for r in results] == [
        ("export.jsonl", "failed"),
        ("zz-after.txt", "imported"),
    ]
    assert Article.objects.get().original_name.endswith("zz-after.txt")


@pytest.mark.django_db
def test_sqlite_connection_is_tuned_for_the_import_and_restored_after(tmp_path):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the page cache and checkpoint settings are SQLite's")

    def pragma(name):
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA {name}")
            return cursor.fetchone()[0]

    before = pragma("cache_size"), pragma("wal_autocheckpoint")
    assert before != (-pipeline.BULK_CACHE_KIB, pipeline.BULK_CHECKPOINT_PAGES)
    results = import_paths(paths=[_folder(tmp_path)])
    try:
        next(results)
        assert (pragma("cache_size"), pragma("wal_autocheckpoint")) == (
            -pipeline.BULK_CACHE_KIB,
            pipeline.BULK_CHECKPOINT_PAGES,
        )
        assert list(results)
        assert (pragma("cache_size"), pragma("wal_autocheckpoint")) == before
        # An import abandoned half-way (a closed generator) gives the values back too.
        (tmp_path / "again").mkdir()
        abandoned = import_paths(paths=[_folder(tmp_path / "again")])
        next(abandoned)
        assert pragma("cache_size") == -pipeline.BULK_CACHE_KIB
        abandoned.close()
        assert (pragma("cache_size"), pragma("wal_autocheckpoint")) == before
    finally:
        results.close()


@pytest.mark.parametrize("count, shared", [(1, False), (2, True)])
def test_several_workers_share_one_copy_of_justexts_stop_words(monkeypatch, count, shared):
    """Built in each worker, trafilatura's justext stop words (29 MB) were private to each."""
    from justext.core import define_stoplist
    from trafilatura import external

    from articles.importing.workers import Extractors

    monkeypatch.setattr(external, "JT_STOPLIST", None)
    define_stoplist.cache_clear()
    extractors = Extractors(count)
    try:
        assert (external.JT_STOPLIST is not None) is shared
        assert (define_stoplist.cache_info().currsize == 1) is shared
        if shared:
            assert "the" in define_stoplist(external.JT_STOPLIST)
    finally:
        extractors.close()


@pytest.mark.django_db
@pytest.mark.parametrize("workers", [0, 1])
def test_the_first_copy_of_a_story_wins_whatever_its_format(tmp_path, workers, monkeypatch):
    """A text dump stored at the end of its batch lost to an export record after it, and the
    dry run said the opposite of the import."""
    monkeypatch.setattr(pipeline, "FILE_BATCH_SECONDS", 600)  # both files in one batch, however slow
    folder = tmp_path / "in"
    folder.mkdir()
    body = "\n\n".join(
        f"Paragraph {n} of the story: the harbour board met on Monday and agreed a plan for the cranes."
        for n in range(6)
    )
    (folder / "a_story.txt").write_text("Harbour board agrees crane plan\n\n" + body, encoding="utf-8")
    rows = [
        {"title": "The same story, exported", "body": body},
        {"title": "Wire 1", "body": "Officials met on Monday to discuss the harvest plan and its prices."},
    ]
    (folder / "b_export.jsonl").write_text("\n".join(json.dumps(row) for row in rows), encoding="utf-8")
    expected = [
        ("a_story.txt", "imported"),
        ("b_export.jsonl:1", "duplicate"),
        ("b_export.jsonl:2", "imported"),
    ]
    dry = [
        (Path(r.path).name, r.outcome) for r in import_paths(paths=[folder], dry_run=True, workers=workers)
    ]
    assert dry == expected
    real = list(import_paths(paths=[folder], workers=workers))
    assert [(Path(r.path).name, r.outcome) for r in real] == expected
    assert Article.objects.get(pk=real[1].article_id).original_format == "text"


def test_abandoned_workers_stop_whatever_sigterm_handler_they_inherited():
    """Forked from a task worker (db_worker notes SIGTERM while a task runs and goes on), the
    workers ignored terminate() and an interrupted background import waited for them for ever."""
    import signal
    import threading

    from articles.importing.workers import Extractors

    previous = signal.signal(signal.SIGTERM, lambda signum, frame: None)  # as db_worker's, during a task
    try:
        extractors = Extractors(1)
        page = (ROOT / "tests" / "data" / "import" / "news_site.html").read_bytes()
        for number in range(40):
            extractors.submit(number, name=f"{number}.html", data=page, common=[], known=0)
        closing = threading.Thread(target=extractors.close, kwargs={"abandon": True}, daemon=True)
        closing.start()
        closing.join(timeout=30)
        assert not closing.is_alive(), "close(abandon=True) still waiting after 30 s"
        assert not any(process.is_alive() for process in extractors.processes)
    finally:
        signal.signal(signal.SIGTERM, previous)


@pytest.mark.parametrize("count", [1, 2])
def test_a_worker_that_dies_half_way_through_sending_a_result_does_not_hang_the_import(monkeypatch, count):
    """Its results shared one queue whose write end the importing process held too: a result
    the dead worker had half written was waited for, for ever. (With two workers, the second
    must not hold the first one's write end either.)"""
    import threading

    from articles.importing.workers import Extractors

    parent, real = os.getpid(), pipeline.extract_file

    def die_on_the_sixth(data, *, name, common_lines=()):
        if os.getpid() != parent and name == "5.txt":
            os._exit(1)  # as if the parser crashed the process, or the kernel killed it
        return real(data, name=name, common_lines=common_lines)

    monkeypatch.setattr(pipeline, "extract_file", die_on_the_sixth)
    paragraphs = (
        f"Paragraph {n}: the harbour board met on Monday and agreed a plan for the cranes and the quays."
        for n in range(800)
    )
    page = ("Harbour cranes return\n\n" + "\n\n".join(paragraphs)).encode()
    assert len(page) > 64 * 1024  # a result larger than a pipe holds: it is sent in parts
    extractors = Extractors(count)
    try:
        for number in range(12):
            extractors.submit(number, name=f"{number}.txt", data=page, common=[], known=0)
        dying = extractors.processes[5 % count]
        dying.join(timeout=120)  # nobody read its first result meanwhile
        assert not dying.is_alive()
        taken = []
        reader = threading.Thread(
            target=lambda: taken.extend(extractors.result(n) for n in range(12)), daemon=True
        )
        reader.start()
        reader.join(timeout=60)
        assert not reader.is_alive(), "still waiting for the rest of a dead worker's result"
        assert len(taken) == 12 and taken[5] is None  # extracted in the importing process instead
        assert extractors.broken
    finally:
        extractors.close(abandon=True)


def _stories(folder: Path, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        body = "\n\n".join(
            f"Story {n}, paragraph {p}: the council of district {n} met on day {p} and agreed a plan for the mills."
            for p in range(5)
        )
        (folder / f"{n:03d}.txt").write_text(
            f"District {n} agrees a plan for its mills\n\n{body}", encoding="utf-8"
        )
    return folder


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 2])
def test_nothing_is_sent_to_a_dead_worker(tmp_path, monkeypatch, count):
    """After a worker died, every later file was still queued for it: their bytes piled up in
    the importing process for the rest of the folder."""
    from articles.importing.workers import Extractors

    parent, real_extract, real_submit = os.getpid(), pipeline.extract_file, Extractors.submit
    late = []

    def die_on_the_first(data, *, name, common_lines=()):
        if os.getpid() != parent:
            os._exit(1)
        return real_extract(data, name=name, common_lines=common_lines)

    def submit(self, number, **kwargs):
        late.append(self.broken)
        real_submit(self, number, **kwargs)

    monkeypatch.setattr(pipeline, "extract_file", die_on_the_first)
    monkeypatch.setattr(Extractors, "submit", submit)
    results = list(import_paths(paths=[_stories(tmp_path / "in", 120)], workers=count))
    assert [r.outcome for r in results].count("imported") == 120
    assert late and not any(late)  # submitted only while the worker lived


@pytest.mark.django_db
@pytest.mark.parametrize("workers", [0, 1])
def test_a_database_error_while_reading_ahead_loses_no_file(tmp_path, monkeypatch, workers):
    """The error ended the read-ahead generator: the run said done with 2 of 6 files, exit 0."""
    real, calls = pipeline._stored_original, []

    def locked_once(data, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise OperationalError("database is locked")
        return real(data, **kwargs)

    monkeypatch.setattr(pipeline, "_stored_original", locked_once)
    results = list(import_paths(paths=[_stories(tmp_path / "in", 6)], workers=workers))
    assert [r.outcome for r in results] == ["imported"] * 6
    assert Article.objects.count() == 6


@pytest.mark.django_db(transaction=True)
def test_a_batch_sqlite_rolled_back_during_the_read_ahead_is_not_reported_as_stored(tmp_path, monkeypatch):
    """The lookup runs without a savepoint on SQLite. When its error made SQLite roll the batch
    back itself (an I/O error, a full disk), the batch's commit fails and its files are stored
    again one by one: none is reported stored that is not, and the read-ahead goes on."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's own rollback; PostgreSQL's lookup runs in a savepoint")
    real, calls = pipeline._stored_original, []

    def disk_full_once(data, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            connection.connection.rollback()  # what SQLite does on SQLITE_FULL or SQLITE_IOERR
            raise OperationalError("database or disk is full")
        return real(data, **kwargs)

    monkeypatch.setattr(pipeline, "_stored_original", disk_full_once)
    results = list(import_paths(paths=[_stories(tmp_path / "in", 6)], workers=0))
    # The batch is retried file by file, as after any database error while it was stored.
    assert [r.outcome for r in results] == ["imported"] * 6
    assert {r.article_id for r in results} == set(Article.objects.values_list("pk", flat=True))


@pytest.mark.django_db
def test_the_importing_process_hands_free_heap_back_once_per_few_megabytes_of_input(tmp_path, monkeypatch):
    """Saved pages left the importing process and its worker holding freed heap: the full bench
    peaked at 291-303 MB of the 300 MB budget. Trimming after every page cost a fifth of the speed."""
    from articles.importing import workers

    trims = []
    monkeypatch.setattr(workers, "_release_free_memory", lambda: trims.append(1))
    monkeypatch.setattr(workers, "TRIM_EVERY", 30_000)
    monkeypatch.setattr(pipeline, "FILE_BATCH_SIZE", 2)
    paragraph = "The harbour board met on Monday and agreed a plan for the cranes and the quays. "
    for n in range(12):
        text = f"Story {n:02d}\n" + f"{paragraph} {n:02d}. " * 100
        (tmp_path / f"story{n:02d}.txt").write_text(text, encoding="utf-8")
    sizes = {path.stat().st_size for path in tmp_path.iterdir()}
    assert len(sizes) == 1 and 15_000 <= 2 * sizes.pop() < 30_000  # a batch of 2 is half a trim's worth
    results = list(import_paths(paths=[tmp_path], workers=0))
    assert [result.outcome for result in results].count("imported") == 12
    # Six committed batches of 2 files: a trim after the 2nd, the 4th and the 6th.
    assert len(trims) == 3


@pytest.mark.django_db
def test_a_dead_worker_seen_while_its_backlog_is_counted_is_sent_nothing_more(tmp_path):
    """Counting the worker's backlog read the end of its pipe (it had died) and answered "not
    behind": every later page was then sent to the dead worker, its bytes queued in this process,
    and extracted here only once its turn came."""
    from articles.importing.workers import Extractors

    extractors = Extractors(1)
    try:
        extractors.processes[0].kill()  # as if the parser crashed it, or the kernel's OOM killer
        extractors.processes[0].join(timeout=60)
        sent, real_submit = [], extractors.submit

        def submit(number, **kwargs):
            sent.append(number)
            real_submit(number, **kwargs)

        extractors.submit = submit
        folder = _stories(tmp_path / "in", 8)
        entries = pipeline.iter_inputs([folder])
        prepared = list(pipeline._prepared_inputs(entries, pipeline._CommonLines(), extractors))
        assert extractors.broken
        assert sent == [0]  # the first page: nothing had said the worker was gone yet
        assert [len(item.extracted.items) for item in prepared] == [1] * 8
    finally:
        extractors.close(abandon=True)


def test_closing_after_a_worker_died_does_not_wait_for_the_others():
    """Once a worker is gone nobody reads the others' results: one blocked writing them into its
    full pipe, or on an export's credits, never exited, and every import with two workers in
    which one died stalled five seconds at its end (``close`` waited for it, then killed it)."""
    from articles.importing.workers import Extractors

    paragraphs = (
        f"Paragraph {n}: the harbour board met on Monday and agreed a plan for the cranes and the quays."
        for n in range(800)
    )
    page = ("Harbour cranes return\n\n" + "\n\n".join(paragraphs)).encode()
    extractors = Extractors(2)
    try:
        extractors.processes[0].kill()
        extractors.processes[0].join(timeout=60)
        for number in (1, 3, 5, 7):  # the living worker's: results larger than its pipe holds
            extractors.submit(number, name=f"{number}.txt", data=page, common=[], known=0)
        assert extractors.result(0) is None and extractors.broken
        terminated = []
        for process in extractors.processes:
            process.terminate = lambda process=process, stop=process.terminate: (
                terminated.append(process.name),
                stop(),
            )
        extractors.close()
        # Stopped at once (not waited for, five seconds, then killed), and gone.
        assert terminated == [process.name for process in extractors.processes]
        assert not any(process.is_alive() for process in extractors.processes)
    finally:
        extractors.close(abandon=True)
