"""Extraction in worker processes, beside the process that writes to the database.

An import has a CPU-bound half that needs no database (decode, detect, extract, clean,
sanitize, fingerprint: ``pipeline.extract_file``) and a half that writes. With workers, the
importing process reads each input and hands its bytes to one of ``count`` forked processes,
keeps the database work, and takes the results back in input order. At most ``window`` inputs
per worker are in flight, so memory stays flat however many files a folder holds.

The text cleaner learns a folder's template lines from the files before each one
(``_CommonLines`` in the importing process). Each task carries the lines learned since that
worker's previous task, so every worker extracts each file with exactly the lines a single
process would have had.

Workers are forked (they inherit the loaded code and settings, and never touch the database);
where ``fork`` does not exist, extraction stays in the importing process.
"""

import gc
import logging
import multiprocessing
import queue

logger = logging.getLogger(__name__)


def available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


class Extractors:
    """``count`` worker processes running ``pipeline.extract_file``; results in submission order."""

    def __init__(self, count: int, *, window: int = 4):
        # Load what the workers run before forking, and keep the parent's collector away from
        # those objects: the pages they live on then stay shared between the processes.
        import trafilatura  # noqa: F401

        from . import pipeline  # noqa: F401

        context = multiprocessing.get_context("fork")
        gc.freeze()
        self.results = context.Queue()
        self.tasks = [context.Queue() for _ in range(count)]
        self.known = [0] * count  # common lines each worker has been sent
        self.processes = [
            context.Process(target=_serve, args=(tasks, self.results), daemon=True, name=f"extract-{n}")
            for n, tasks in enumerate(self.tasks)
        ]
        for process in self.processes:
            process.start()
        gc.unfreeze()
        self.window = window * count
        self.done: dict[int, object] = {}
        self.broken = False

    def submit(self, number: int, *, name: str, data: bytes, common: list[str], known: int) -> None:
        """Queue input ``number`` with the first ``known`` common lines (those of earlier files)."""
        worker = number % len(self.tasks)
        lines = common[self.known[worker] : known]
        self.known[worker] = known
        self.tasks[worker].put((number, name, data, lines))

    def result(self, number: int):
        """The ``Extracted`` of input ``number``; None when a worker died (extract it here instead)."""
        while number not in self.done and not self.broken:
            try:
                finished, extracted = self.results.get(timeout=1)
            except queue.Empty:
                if not all(process.is_alive() for process in self.processes):
                    logger.warning("An extraction worker stopped; extracting in the importing process")
                    self.broken = True
                continue
            self.done[finished] = extracted
        return self.done.pop(number, None)

    def close(self) -> None:
        for tasks in self.tasks:
            tasks.put(None)
        for process in self.processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
                process.join()
        for tasks in self.tasks:
            tasks.close()
        self.results.close()


def _serve(tasks, results) -> None:
    from .pipeline import extract_file

    common: set[str] = set()
    while (task := tasks.get()) is not None:
        number, name, data, lines = task
        common.update(lines)
        results.put((number, extract_file(data, name=name, common_lines=common)))
