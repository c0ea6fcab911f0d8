"""Import throughput by format, end to end, into a throw-away SQLite database.

Generates a corpus in a temporary folder (default: 10,000 plain-text dumps, 1,000 HTML pages,
10,000 JSON Lines records in exports of 2,000), imports each with ``import_paths`` (what the
``import_articles`` command runs: decode, extract, clean, sanitize, de-duplicate, near-duplicate
search, store, history rows, entity linking when installed, ImportRun/ImportItem bookkeeping), and
prints per format:

- articles per second of wall-clock time (other work on the machine slows this one);
- articles per CPU-second, counting this process *and* its extraction workers (the CPU column
  says how much of it was this importing process);
- trafilatura's extraction alone on the same HTML pages, in one process (forked from this one, so
  that it leaves the heap the import's worker shares as it was), warmed up and measured right
  before and right after the HTML import, and the HTML import's rate as a share of
  each (wall-clock and per CPU-second; the import may use several processes, and says so): this
  machine's speed moves by a quarter from one minute to the next, so a baseline taken minutes
  away from the import says little; then the same for trafilatura asked for what the importer
  takes from it (metadata, formatting, links, tables), the fairer yardstick for the import's own
  overhead;
- the text and HTML folders imported a second time (each file recognised by its bytes, reported
  as a duplicate, not extracted again), in files per second;
- peak memory of all processes together: their proportional set sizes summed (a page shared
  by a forked worker and its parent counts once), sampled every 250 ms; and the max RSS of the
  importing process and of the largest worker (RSS counts shared pages in each).

HTML pages are shaped like saved news pages (70-230 KB, mean about 157 KB: head metadata,
inline scripts and styles, a mega-menu, sidebars, ads, comments, footer around a few KB of
story); ``--tiny-html`` gives the first version's 2 KB pages instead, on which fixed costs per
story dwarf extraction. ``--workers`` sets the extraction worker processes (default: 1 on a
multi-core machine, as NEWSROOM_IMPORT_WORKERS outside tests; 0 extracts in the importing process).

Measured on 25 Nov 2026 on this 2-core machine, quiet (see docs/importing.md, stop 34, for the
runs and what changed; the first figures, 22 Nov, were 334 / 84 / 29.7 per second and 18%):

    per second wall (per CPU-second)   JSON Lines        text           HTML 157 KB    vs trafilatura alone   peak PSS
    1 worker (the default)             1,258-1,304 (791-829) 483-516 (285-305) 173-199 (98-110) 92-103%   252 MB

    python bench/import_speed.py [--text 10000] [--html 1000] [--jsonl 10000] [--seed 1]
                                 [--workers N] [--tiny-html]
"""

import argparse
import atexit
import json
import multiprocessing
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORK = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
# The corpus and its database take about 650 MB: gone when the run ends, however it ends.
atexit.register(shutil.rmtree, WORK, ignore_errors=True)
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

import django  # noqa: E402

django.setup()

import logging  # noqa: E402

from articles.importing.pipeline import import_paths  # noqa: E402
from articles.models import Article, ImportRun  # noqa: E402
from entities.models import EntityLink  # noqa: E402

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

SYLLABLES = [
    "ka",
    "ro",
    "mi",
    "ten",
    "sal",
    "vor",
    "dan",
    "le",
    "pri",
    "mo",
    "sta",
    "bel",
    "qui",
    "nor",
    "za",
]
# Names the shipped knowledge base links: capitals (suggestions), countries, leaders and
# organizations (confirmed), so that every import does the linker's real work.
PLACES = ["Minsk", "Vilnius", "Riga", "Warsaw", "Kyiv", "Tallinn", "Prague", "Vienna", "Budapest", "Sofia"]
NAMES = [
    "Belarus",
    "Lithuania",
    "Poland",
    "Ukraine",
    "China",
    "Vladimir Putin",
    "Xi Jinping",
    "BRICS",
    "NATO",
]


class Writer:
    def __init__(self, seed: int):
        self.random = random.Random(seed)
        self.vocabulary = [
            "".join(self.random.choice(SYLLABLES) for _ in range(self.random.randint(1, 3)))
            for _ in range(3000)
        ]
        self.common = ["the", "of", "and", "to", "in", "a", "said", "on", "for", "with", "was", "that"]

    def sentence(self) -> str:
        words = [
            self.random.choice(self.common)
            if self.random.random() < 0.35
            else self.random.choice(self.vocabulary)
            for _ in range(self.random.randint(12, 28))
        ]
        if self.random.random() < 0.3:
            words.insert(self.random.randint(0, len(words)), self.random.choice(PLACES + NAMES))
        sentence = " ".join(words)
        return sentence[0].upper() + sentence[1:] + "."  # not capitalize(): it lowercases the names

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.random.randint(2, 4)))

    def headline(self) -> str:
        return " ".join(
            self.random.choice(self.vocabulary).capitalize() for _ in range(self.random.randint(5, 9))
        )

    def article(self) -> tuple[str, list[str]]:
        return self.headline(), [self.paragraph() for _ in range(self.random.randint(4, 8))]

    def text_dump(self) -> str:
        title, paragraphs = self.article()
        related = [f"{self.headline()}\nJun {self.random.randint(1, 28):02d}, 2025" for _ in range(4)]
        return "\n".join(
            [
                f"{title} - Daily Bench",
                "Home | World | Business | Sport | Contact",
                "Welcome to your trusted source for news. Subscribe to our newsletter and never miss a story.",
                title,
                f"By {self.headline()[:20]}",
                "Share on Facebook",
                *paragraphs,
                "Thank you for visiting our website. Don't forget to bookmark us and check back soon!",
                "Latest Posts",
                *related,
                "© 2025 Daily Bench. All rights reserved.",
            ]
        )

    def tiny_html_page(self) -> str:
        """The bench's first pages (about 2 KB): far smaller and cleaner than saved news pages."""
        title, paragraphs = self.article()
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        related = "".join(f'<li><a href="/s/{n}">{self.headline()}</a></li>' for n in range(5))
        return (
            f"<!doctype html><html><head><title>{title} | Bench Gazette</title>"
            '<meta property="og:site_name" content="Bench Gazette"></head><body>'
            '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>'
            f"<main><article><h1>{title}</h1><p class='byline'>By Bench Reporter</p>"
            f"<time datetime='2025-05-0{self.random.randint(1, 9)}'>May 2025</time>{body}"
            "<div class='share'>Share on Twitter</div></article>"
            f"<aside><h3>Related stories</h3><ul>{related}</ul></aside></main>"
            "<footer>© 2025 Bench Gazette. All rights reserved.</footer></body></html>"
        )

    def html_page(self) -> str:
        """A saved news page shaped like real ones (50-300 KB): most of the bytes are head
        metadata, inline scripts and styles, a mega-menu, sidebars, ads, comments and footer;
        the story itself is a few KB."""
        rnd = self.random
        title, paragraphs = self.article()
        site = "Bench Gazette"
        sections = ["World", "Politics", "Business", "Tech", "Science", "Sport", "Culture", "Opinion"]

        def links(count: int, prefix: str) -> str:
            return "".join(
                f'<li><a href="/{prefix}/{rnd.getrandbits(32):x}">{self.headline()}</a></li>'
                for _ in range(count)
            )

        def script(size: int) -> str:
            chunk = "window.dataLayer=window.dataLayer||[];function t(e){dataLayer.push({event:e,ts:Date.now()})};"
            return (
                "<script>"
                + "".join(f"{chunk}var v{n}='{rnd.getrandbits(64):x}';" for n in range(size // 110))
                + "</script>"
            )

        menu = "".join(
            f'<li class="menu-item"><a href="/{name.lower()}">{name}</a><ul class="sub">{links(12, name.lower())}</ul></li>'
            for name in sections
        )
        style = (
            "<style>"
            + "".join(
                f".c{n}{{margin:{n % 7}px;color:#{rnd.getrandbits(24):06x}}}"
                for n in range(rnd.randint(300, 1500))
            )
            + "</style>"
        )
        body = []
        for number, paragraph in enumerate(paragraphs):
            body.append(f"<p>{paragraph}</p>")
            if number == 1:
                body.append(
                    f'<figure><img src="/img/{rnd.getrandbits(32):x}.jpg" alt="">'
                    f"<figcaption>{self.sentence()} Photo: Bench Agency</figcaption></figure>"
                )
            if number == 3:
                body.append('<div class="ad-slot" data-ad="mid">Advertisement</div>')
        comments = "".join(
            f'<li class="comment"><b>{self.headline()[:16]}</b><p>{self.sentence()}</p></li>'
            for _ in range(rnd.randint(0, 12))
        )
        json_ld = json.dumps(
            {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": title,
                "datePublished": f"2025-05-0{rnd.randint(1, 9)}T08:00:00Z",
                "author": {"@type": "Person", "name": "Bench Reporter"},
            }
        )
        return (
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} | {site}</title>'
            f'<meta property="og:site_name" content="{site}"><meta property="og:title" content="{title}">'
            f'<meta name="description" content="{self.sentence()}">'
            f'<link rel="canonical" href="https://bench.example.com/{rnd.getrandbits(48):x}">'
            f'<script type="application/ld+json">{json_ld}</script>{style}{script(rnd.randint(20_000, 120_000))}</head><body>'
            f'<header><a class="logo" href="/">{site}</a><nav><ul class="menu">{menu}</ul></nav>'
            '<form class="search"><input name="q"><button>Search</button></form></header>'
            '<div class="ad-slot" data-ad="top">Advertisement</div>'
            f"<main><article><h1>{title}</h1><p class='byline'>By Bench Reporter</p>"
            f"<time datetime='2025-05-0{rnd.randint(1, 9)}'>May 2025</time>{''.join(body)}"
            "<div class='share'>Share on Twitter</div></article>"
            f'<aside class="sidebar"><h3>Most read</h3><ol>{links(10, "s")}</ol>'
            f'<h3>Related stories</h3><ul>{links(8, "s")}</ul><div class="newsletter">Subscribe to our newsletter</div></aside>'
            f'<section class="comments"><h3>Comments</h3><ul>{comments}</ul></section></main>'
            f"<footer><ul>{links(40, 'f')}</ul><p>© 2025 {site}. All rights reserved.</p></footer>"
            f"{script(rnd.randint(10_000, 60_000))}</body></html>"
        )

    def json_record(self) -> str:
        title, paragraphs = self.article()
        return json.dumps(
            {
                "title": title,
                "body": "\n\n".join(paragraphs),
                "url": f"https://bench.example.com/{self.random.getrandbits(48):x}",
                "published": "2025-06-01T08:00:00Z",
                "byline": "Bench Wire",
                "source": "Bench Wire",
            }
        )


def generate(args) -> dict[str, Path]:
    writer = Writer(args.seed)
    folders = {name: WORK / name for name in ("text", "html", "jsonl")}
    for folder in folders.values():
        folder.mkdir()
    for n in range(args.text):
        (folders["text"] / f"{n:05d}.txt").write_text(writer.text_dump(), encoding="utf-8")
    for n in range(args.html):
        page = writer.tiny_html_page() if args.tiny_html else writer.html_page()
        (folders["html"] / f"{n:05d}.html").write_text(page, encoding="utf-8")
    # Exports of 2,000 records a file (about 3 MB): under the per-file size limit.
    for part in range(0, args.jsonl, 2000):
        with open(folders["jsonl"] / f"export-{part // 2000:02d}.jsonl", "w", encoding="utf-8") as handle:
            for _ in range(min(2000, args.jsonl - part)):
                handle.write(writer.json_record() + "\n")
    return folders


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_peak_mb() -> float:
    """Max RSS of the largest extraction worker that has finished (0 when none ran)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the extraction workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


SAMPLE_EVERY = 0.25


class MemorySampler(threading.Thread):
    """Peak of the summed proportional set size (PSS) of this process and its children, sampled
    every SAMPLE_EVERY seconds: shared pages (a forked worker shares the parent's code) are counted once.

    Reading a process's ``smaps_rollup`` costs the kernel about 4 ms (it walks the page tables):
    every 100 ms, for the importing process and its worker, that was an eighth of a core taken
    from the import being measured (JSON Lines: 1.6 of 11.7 CPU-seconds of the importing process).
    Memory here grows and stays; a quarter of a second misses no plateau."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peak = self.phase_peak = 0.0
        self.stopped = threading.Event()
        self.paused = threading.Event()  # set while the baselines run: the import's memory is measured

    @staticmethod
    def pss_mb(pid: int) -> float:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    @staticmethod
    def children() -> list[int]:
        found = []
        for task in os.listdir("/proc/self/task"):
            try:
                with open(f"/proc/self/task/{task}/children") as handle:
                    found.extend(int(pid) for pid in handle.read().split())
            except OSError:
                continue
        return found

    def run(self):
        while not self.stopped.wait(SAMPLE_EVERY):
            if self.paused.is_set():
                continue
            total = self.pss_mb(os.getpid()) + sum(self.pss_mb(pid) for pid in self.children())
            self.peak = max(self.peak, total)
            self.phase_peak = max(self.phase_peak, total)


# The target's baseline (text only), and trafilatura asked for what the importer takes from it:
# metadata, formatting, links and tables.
ALONE = {"include_comments": False}
WITH_METADATA = {
    "include_comments": False,
    "with_metadata": True,
    "include_formatting": True,
    "include_links": True,
    "include_tables": True,
    "output_format": "xml",
}


def trafilatura_alone(pages: list[Path], options: dict, sampler: "MemorySampler") -> tuple[float, float]:
    """``trafilatura.extract`` over the pages, warmed up, in a process of its own forked from this one
    (it leaves this process's heap, which the import's worker shares, as it was; the memory
    sampler looks away meanwhile): pages per second of wall-clock time and per CPU-second."""
    sampler.paused.set()
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
            return pool.submit(_trafilatura_alone, pages, options).result()
    finally:
        sampler.paused.clear()


def _trafilatura_alone(pages: list[Path], options: dict) -> tuple[float, float]:
    import trafilatura

    for page in pages[:20]:  # (untimed: its first pages load what trafilatura loads once)
        trafilatura.extract(page.read_text(encoding="utf-8"), **options)
    started = time.perf_counter()
    cpu_started = time.process_time()
    for page in pages:
        trafilatura.extract(page.read_text(encoding="utf-8"), **options)
    return len(pages) / (time.perf_counter() - started), len(pages) / (time.process_time() - cpu_started)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--text", type=int, default=10_000)
    parser.add_argument("--html", type=int, default=1_000)
    parser.add_argument("--jsonl", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--workers",
        type=int,
        default=1 if (os.cpu_count() or 1) > 1 else 0,
        help="extraction worker processes (default: 1 on a multi-core machine, as the "
        "NEWSROOM_IMPORT_WORKERS setting outside tests; 0: none)",
    )
    parser.add_argument(
        "--tiny-html", action="store_true", help="the old 2 KB pages instead of realistic 70-230 KB ones"
    )
    args = parser.parse_args()
    print(f"work folder {WORK}")
    # The database is set up as an operator does (``make setup``): by its own commands, in their
    # own processes. In this one, loading the knowledge base's country data left 28 MB of heap
    # (40 before a trim) that an ``import_articles`` process never holds.
    # The shipped knowledge base, so that every import links its stories for real: the
    # generated sentences name capitals (Minsk, Vilnius ...), which are aliases of countries.
    for command in ("migrate", "load_entities"):
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), command, "--verbosity", "0"], check=True, env=os.environ
        )
    started = time.perf_counter()
    folders = generate(args)
    sizes = [page.stat().st_size for page in folders["html"].iterdir()]
    print(
        f"generated {args.text} text dumps, {args.html} HTML pages "
        f"(mean {sum(sizes) / max(1, len(sizes)) / 1024:.0f} KB), {args.jsonl} JSONL records "
        f"in {time.perf_counter() - started:.1f}s"
    )
    print(
        f"extraction workers: {args.workers} (+ this process, which reads, writes and links)"
        if args.workers
        else "extraction in this process (no workers)"
    )
    sampler = MemorySampler()
    sampler.start()

    expected = {"text": args.text, "html": args.html, "jsonl": args.jsonl}
    html_rates = None
    alone_before = alone_after = None
    for name in ("jsonl", "text", "html"):
        if not expected[name]:
            continue
        if name == "html":
            alone_before = trafilatura_alone(sorted(folders["html"].iterdir()), ALONE, sampler)
        run = ImportRun.objects.create(origin="command")
        outcomes = {"imported": 0, "duplicate": 0, "failed": 0}
        started = time.perf_counter()
        cpu_started, own_started = cpu_seconds(), time.process_time()
        sampler.phase_peak = 0.0
        for result in import_paths(paths=[folders[name]], run=run, workers=args.workers):
            outcomes[result.outcome] += 1
        elapsed = time.perf_counter() - started
        cpu, own = cpu_seconds() - cpu_started, time.process_time() - own_started
        rate = outcomes["imported"] / elapsed if elapsed else 0
        cpu_rate = outcomes["imported"] / cpu if cpu else 0
        phase_peak = sampler.phase_peak
        if name == "html":
            html_rates = rate, cpu_rate
            alone_after = trafilatura_alone(sorted(folders["html"].iterdir()), ALONE, sampler)
        print(
            f"{name:5}  {outcomes['imported']:6} imported  {outcomes['duplicate']} duplicates  "
            f"{outcomes['failed']} failed  {elapsed:7.1f}s wall {rate:8.1f} articles/s  "
            f"{cpu:7.1f}s CPU ({own:.1f}s importing process) {cpu_rate:8.1f} articles/CPU-s  "
            f"(peak PSS {phase_peak:.0f} MB)"
        )

    # The same folders again: every file is recognised by its bytes and reported as a duplicate.
    for name in ("text", "html"):
        if not expected[name]:
            continue
        run = ImportRun.objects.create(origin="command")
        started = time.perf_counter()
        outcomes = Counter(
            result.outcome for result in import_paths(paths=[folders[name]], run=run, workers=args.workers)
        )
        elapsed = time.perf_counter() - started
        print(
            f"{name:5}  again: {outcomes['duplicate']} duplicates, {outcomes['imported']} imported, "
            f"{outcomes['failed']} failed in {elapsed:.1f}s ({sum(outcomes.values()) / elapsed:.0f} files/s)"
        )

    if args.html:
        # Right before and right after the import (the machine's speed moves by a quarter from one
        # minute to the next: a single run minutes away made the ratio swing 67-92% between
        # identical runs), then asked for what the importer takes from trafilatura.
        before, after = alone_before, alone_after
        print(
            f"trafilatura.extract alone on the same HTML (one process): {before[0]:.1f} pages/s wall, "
            f"{before[1]:.1f} pages/CPU-s right before the import, {after[0]:.1f} and {after[1]:.1f} right after"
        )
        print(
            f"    HTML import / that: {html_rates[0] / before[0]:.0%} and {html_rates[0] / after[0]:.0%} wall-clock"
            + (f" (import uses {args.workers + 1} processes)" if args.workers else "")
            + f", {html_rates[1] / before[1]:.0%} and {html_rates[1] / after[1]:.0%} per CPU-second"
        )
        alone, alone_cpu = trafilatura_alone(sorted(folders["html"].iterdir()), WITH_METADATA, sampler)
        print(
            "trafilatura.extract with metadata, formatting and links on the same HTML (one process): "
            f"{alone:.1f} pages/s wall, {alone_cpu:.1f} pages/CPU-s"
        )
        print(
            f"    HTML import / that: {html_rates[0] / alone:.0%} wall-clock, "
            f"{html_rates[1] / alone_cpu:.0%} per CPU-second"
        )

    sampler.stopped.set()
    sampler.join()
    linked = EntityLink.objects.values("article").distinct().count()
    print(
        f"articles in the database: {Article.objects.count()}, {linked} of them linked to entities "
        f"({EntityLink.objects.count()} links)"
    )
    print(
        f"peak memory of the whole run, all processes: {sampler.peak:.0f} MB PSS summed (sampled every {SAMPLE_EVERY * 1000:.0f} ms); "
        f"max RSS {peak_mb():.0f} MB importing process"
        + (
            f" + {worker_peak_mb():.0f} MB largest child process, the worker or the baseline's (RSS counts pages shared with the parent in both)"
            if args.workers
            else ""
        )
    )


if __name__ == "__main__":
    main()
