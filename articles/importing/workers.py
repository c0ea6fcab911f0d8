"""Extraction in worker processes, beside the process that writes to the database.

An import has a CPU-bound half that needs no database (decode, detect, extract, clean,
sanitize, fingerprint: ``pipeline.extract_file``) and a half that writes. With workers, the
importing process reads each input and hands its bytes to one of ``count`` forked processes,
keeps the database work, and takes the results back in input order. At most ``window`` inputs
per worker are in flight (and at most ``pipeline.IN_FLIGHT_BYTES``), so memory stays flat
however many files a folder holds. The window is wider than a storing batch of small files:
with 4 the worker sat idle while the importing process stored a batch of 50, and the two took
turns instead of working at once (text dumps: 395 -> 568 files/s on 3,000 files).

Feeds and exports come back in chunks of ``CHUNK`` records while the importing process stores
the chunks before them; a worker runs at most ``CHUNKS_AHEAD`` chunks ahead (a semaphore), so a
5 MB export never waits whole in either process or in the pipe.

The text cleaner learns a folder's template lines from the files before each one
(``_CommonLines`` in the importing process). Each task carries the lines learned since that
worker's previous task, so every worker extracts each file with exactly the lines a single
process would have had.

Workers are forked (they inherit the loaded code and settings, and never touch the database);
where ``fork`` does not exist, extraction stays in the importing process.
"""

import contextlib
import gc
import logging
import multiprocessing
import queue
import signal
import threading
from multiprocessing.connection import wait

logger = logging.getLogger(__name__)

CHUNK = 250
# Four chunks: while the importing process links an export's last thousand stories, the worker
# extracts the next export's first ones (with two, each waited for the other).
CHUNKS_AHEAD = 4


class WorkerLost(Exception):
    """A worker process died; what it had not sent yet must be extracted in this process."""


def available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _release_free_memory() -> None:
    """glibc's malloc_trim: free heap pages go back to the system (elsewhere: nothing)."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


# Free heap goes back to the system once per this much input read, in every process of an import.
# glibc keeps what a process freed for reuse, but saved pages (150 KB) and exports leave it in
# holes that later allocations do not fill: on the full bench the importing process and its worker
# held 291-303 MB at the peak, 265-276 MB trimming once per 4 MB. (Trimming after every page, the
# pages handed back are faulted in again: HTML 96 -> 75 pages/s.)
TRIM_EVERY = 4 * 1024 * 1024


class MemoryTrim:
    """Calls ``malloc_trim`` once per ``TRIM_EVERY`` bytes of input handled."""

    def __init__(self):
        self.handled = 0

    def add(self, size: int) -> None:
        self.handled += size
        if self.handled >= TRIM_EVERY:
            self.handled = 0
            _release_free_memory()


def _load_justext_stoplist() -> None:
    """Build, once, the stop-word set trafilatura's justext fallback reads, before forking
    several workers.

    trafilatura builds it on its first justext run (all of justext's languages: about 150,000
    words, 29 MB) and justext keeps a lower-cased copy (``define_stoplist``, cached). Built in a
    worker, each worker held its own 29 MB; built here, the workers share one copy: a worker's
    private memory on the bench's pages went from 41 to 15 MB. Lookups touch only the entries of
    the words they find. With one worker it would only move the 29 MB into this process.
    """
    from justext.core import define_stoplist
    from trafilatura import external

    define_stoplist(external.JT_STOPLIST or external.jt_stoplist_init())


class Extractors:
    """``count`` worker processes running ``pipeline.extract_file``; results in submission order."""

    def __init__(self, count: int, *, window: int = 48):
        # Load what the workers run before forking, and keep the parent's collector away from
        # those objects: the pages they live on then stay shared between the processes.
        import trafilatura  # noqa: F401

        from . import pipeline  # noqa: F401

        if count > 1:
            _load_justext_stoplist()
        context = multiprocessing.get_context("fork")
        # Heap pages this process freed but kept (an earlier import in the same process) would be
        # inherited, and copied the moment this process reuses them: hand them back first.
        # Measured on the full bench: peak 303 -> 290 MB, text phase 269 -> 247 MB. A full
        # collection as well gained nothing more; trimming after every batch cost 10-25% speed.
        _release_free_memory()
        gc.freeze()
        self.tasks = [context.Queue() for _ in range(count)]
        self.known = [0] * count  # common lines each worker has been sent
        self.credits = [context.Semaphore(CHUNKS_AHEAD) for _ in range(count)]
        # One pipe per worker for its results, whose write end only that worker holds: when it
        # dies, even half-way through a result, reading its pipe ends (EOFError) instead of
        # waiting for ever for the rest of the message (a queue shared by the workers, whose
        # write end this process holds too, did that).
        # Each pipe is made just before its worker is forked and its write end closed here just
        # after, so that no later worker inherits it either.
        self.results, self.processes = [], []
        for n, (tasks, credits) in enumerate(zip(self.tasks, self.credits, strict=True)):
            reader, writer = context.Pipe(duplex=False)
            process = context.Process(
                target=_serve, args=(tasks, writer, credits), daemon=True, name=f"extract-{n}"
            )
            process.start()
            writer.close()
            self.results.append(reader)
            self.processes.append(process)
        gc.unfreeze()
        self.window = window * count
        self.done: dict[int, object] = {}
        self.broken = False

    def submit(
        self, number: int, *, name: str, data: bytes, common: list[str], known: int, records: bool = False
    ) -> None:
        """Queue input ``number`` with the first ``known`` common lines (those of earlier files);
        ``records``: a feed or export, sent back in chunks (``record_chunks``)."""
        worker = number % len(self.tasks)
        lines = common[self.known[worker] : known]
        self.known[worker] = known
        self.tasks[worker].put((number, name, data, lines, records))

    def result(self, number: int):
        """The ``Extracted`` of input ``number``; None when a worker died (extract it here instead)."""
        return self._take(number)

    def pending(self, number: int, *, poll: bool = True) -> bool:
        """Whether input ``number``'s result has yet to come, after reading what the workers have
        sent (without waiting; ``poll=False``: without looking again, after a call that did)."""
        while (
            poll and number not in self.done and not self.broken and (ready := wait(self.results, timeout=0))
        ):
            for reader in ready:
                try:
                    finished, payload = reader.recv()
                except (EOFError, OSError):
                    # The worker is gone: say so now, so that nothing more is sent to it (answering
                    # "not behind" sent it every later page, each then extracted here in its turn).
                    self._lost()
                    return False
                self.done[finished] = payload
        return number not in self.done and not self.broken

    def record_chunks(self, number: int):
        """(records, reason) chunks of feed or export ``number``, in order; the reason (the whole
        file failed) comes with the last one. Raises WorkerLost when the worker died."""
        index = 0
        while True:
            payload = self._take((number, index))
            if payload is None:
                raise WorkerLost
            self.credits[number % len(self.tasks)].release()
            items, reason, last = payload
            yield items, reason
            if last:
                return
            index += 1

    def _take(self, key):
        while key not in self.done and not self.broken:
            ready = wait(self.results, timeout=1)
            if not ready and not all(process.is_alive() for process in self.processes):
                ready = [None]  # a worker is gone although its pipe did not say so
            for reader in ready:
                try:
                    if reader is None:
                        raise EOFError
                    finished, payload = reader.recv()
                except (EOFError, OSError):  # the worker is gone, with what it had not sent
                    self._lost()
                    break
                self.done[finished] = payload
        return self.done.pop(key, None)

    def _lost(self) -> None:
        logger.warning("An extraction worker stopped; extracting in the importing process")
        self.broken = True

    def close(self, *, abandon: bool = False) -> None:
        """Stop the workers once they have done what they were given; ``abandon``: at once (the
        import was interrupted and nobody will read their results; so too once a worker died)."""
        # Once a worker is gone nobody reads the others' results either: one blocked sending them
        # into its full pipe (or on an export's credits) never exited, and waiting for it stalled
        # the end of the import five seconds.
        abandon = abandon or self.broken
        for tasks in self.tasks:
            if not abandon:
                tasks.put(None)
        for process in self.processes:
            if abandon:
                process.terminate()
            process.join(timeout=5)
            if process.is_alive():
                process.kill()  # SIGKILL: whatever handler the worker inherited
                process.join(timeout=5)
        for tasks in self.tasks:
            # Inputs a stopped worker never read would otherwise hold this process at exit, its
            # queue's thread waiting for ever to write them into a pipe nobody reads (Ctrl-C hung
            # the command).
            tasks.cancel_join_thread()
            tasks.close()
        for reader in self.results:
            reader.close()


def _serve(tasks, results, credits) -> None:
    from .pipeline import extract_chunks, extract_file

    # Ctrl-C reaches the whole process group: the importing process answers it and stops the
    # workers (a worker that died of it printed a traceback and left its inputs unread). SIGTERM
    # stops a worker at once, whatever handler it inherited: a task worker (db_worker) only notes
    # SIGTERM while a task runs, which left a background import's workers running for ever.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    # Results go out from a thread, so that this worker goes on extracting while the importing
    # process is busy storing (at most ``window`` inputs ahead, which bounds the backlog).
    outbox: queue.SimpleQueue = queue.SimpleQueue()

    def send() -> None:
        while (result := outbox.get()) is not None:
            results.send(result)

    sender = threading.Thread(target=send, daemon=True, name="send-results")
    sender.start()
    common: set[str] = set()
    trim = MemoryTrim()
    while (task := tasks.get()) is not None:
        number, name, data, lines, records = task
        common.update(lines)
        if not records:
            outbox.put((number, extract_file(data, name=name, common_lines=common)))
        else:
            for index, (items, reason, last) in enumerate(extract_chunks(data, name=name, size=CHUNK)):
                credits.acquire()  # released by the importing process as it takes a chunk
                outbox.put(((number, index), (items, reason, last)))
        trim.add(len(data))
    outbox.put(None)
    sender.join()
