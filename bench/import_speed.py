"""Import throughput by format, end to end, into a throw-away SQLite database.

Generates a corpus in a temporary folder (default: 10,000 plain-text dumps, 1,000 HTML pages,
10,000 JSON Lines records in exports of 2,000), imports each with ``import_paths`` (what the
``import_articles`` command runs: decode, extract, clean, sanitize, de-duplicate, near-duplicate
search, store, entity linking when installed, ImportRun/ImportItem bookkeeping), and prints
articles per second by format (wall-clock, and per CPU-second of this process: other work
on the machine slows the first, not the second), trafilatura's extraction rate alone on the same HTML pages,
and the peak memory of the whole run.

    python bench/import_speed.py [--text 10000] [--html 1000] [--jsonl 10000] [--seed 1]
"""

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORK = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

import django  # noqa: E402

django.setup()

import logging  # noqa: E402

from django.core.management import call_command  # noqa: E402

from articles.importing.pipeline import import_paths  # noqa: E402
from articles.models import Article, ImportRun  # noqa: E402

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
PLACES = ["Minsk", "Vilnius", "Riga", "Warsaw", "Kyiv", "Tallinn", "Prague", "Vienna", "Budapest", "Sofia"]


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
            words.insert(self.random.randint(0, len(words)), self.random.choice(PLACES))
        return " ".join(words).capitalize() + "."

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

    def html_page(self) -> str:
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
        (folders["html"] / f"{n:05d}.html").write_text(writer.html_page(), encoding="utf-8")
    # Exports of 2,000 records a file (about 3 MB): under the per-file size limit.
    for part in range(0, args.jsonl, 2000):
        with open(folders["jsonl"] / f"export-{part // 2000:02d}.jsonl", "w", encoding="utf-8") as handle:
            for _ in range(min(2000, args.jsonl - part)):
                handle.write(writer.json_record() + "\n")
    return folders


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--text", type=int, default=10_000)
    parser.add_argument("--html", type=int, default=1_000)
    parser.add_argument("--jsonl", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"work folder {WORK}")
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    folders = generate(args)
    print(
        f"generated {args.text} text dumps, {args.html} HTML pages, {args.jsonl} JSONL records "
        f"in {time.perf_counter() - started:.1f}s"
    )

    expected = {"text": args.text, "html": args.html, "jsonl": args.jsonl}
    for name in ("jsonl", "text", "html"):
        if not expected[name]:
            continue
        run = ImportRun.objects.create(origin="command")
        outcomes = {"imported": 0, "duplicate": 0, "failed": 0}
        started = time.perf_counter()
        cpu_started = time.process_time()
        for result in import_paths(paths=[folders[name]], run=run):
            outcomes[result.outcome] += 1
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        rate = outcomes["imported"] / elapsed if elapsed else 0
        cpu_rate = outcomes["imported"] / cpu if cpu else 0
        print(
            f"{name:5}  {outcomes['imported']:6} imported  {outcomes['duplicate']} duplicates  "
            f"{outcomes['failed']} failed  {elapsed:7.1f}s wall {rate:8.1f} articles/s  "
            f"{cpu:7.1f}s CPU {cpu_rate:8.1f} articles/CPU-s  (peak so far {peak_mb():.0f} MB)"
        )

    if args.html:
        import trafilatura

        pages = sorted(folders["html"].iterdir())
        started = time.perf_counter()
        for page in pages:
            trafilatura.extract(page.read_text(encoding="utf-8"), include_comments=False)
        elapsed = time.perf_counter() - started
        print(f"trafilatura.extract alone on the same HTML: {len(pages) / elapsed:.1f} pages/s")

    print(f"articles in the database: {Article.objects.count()}")
    print(f"peak memory (max RSS) of the whole run: {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
