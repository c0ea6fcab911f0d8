"""Benchmark the entity linker with the full knowledge base and print the figures.

    python bench/linking.py [--stories 2000] [--words 600]
    DATABASE_URL=postgres://... python bench/linking.py

Creates a throwaway test database (an SQLite *file*, not memory, so writes cost what they
cost), loads the shipped knowledge base, generates wire-style stories of about 600 words with
entity names sprinkled through them, and measures:

* matching throughput: the Aho-Corasick scan alone, and the scan plus every context rule,
  in MB of text per second (target >= 20 MB/s);
* the whole link step, writes included (mentions, auto-confirmation, entity links), in
  stories per second, first link and relink (target >= 1,000 stories/s on SQLite).
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import Article  # noqa: E402
from entities.linking import link_articles  # noqa: E402
from entities.linking.automaton import clear_cache, get_matcher  # noqa: E402
from entities.linking.resolve import find_hits, resolve  # noqa: E402
from entities.models import Alias, EntityLink, Mention, Organization  # noqa: E402

FILLER = [
    "the",
    "a",
    "of",
    "to",
    "in",
    "and",
    "said",
    "on",
    "for",
    "with",
    "that",
    "was",
    "officials",
    "talks",
    "trade",
    "minister",
    "government",
    "week",
    "would",
    "new",
    "after",
    "agreement",
    "told",
    "reporters",
    "statement",
    "economic",
    "security",
    "meeting",
    "deal",
    "sanctions",
    "percent",
    "year",
    "billion",
    "growth",
    "exports",
    "according",
    "analysts",
    "state",
    "plans",
    "support",
    "policy",
    "leaders",
    "visit",
    "summit",
    "ministry",
    "foreign",
    "region",
    "pressure",
    "energy",
    "markets",
    "prices",
    "people",
    "from",
    "by",
    "as",
    "at",
]


class Timer:
    """Wall-clock and CPU time: the machine may be shared, and then only CPU time is comparable."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu

    def rate(self, amount, unit, digits=0):
        return f"{amount / self.wall:.{digits}f} {unit} wall-clock, {amount / self.cpu:.{digits}f} {unit} CPU time"


def load_knowledge_base() -> str:
    try:
        from entities.knowledge import load_knowledge_base as load
    except ImportError:
        return "no shipped knowledge base found"
    load()
    return "shipped knowledge base"


def top_up_aliases(minimum: int) -> int:
    """Pad with synthetic organizations when the knowledge base has fewer aliases than asked."""
    missing = minimum - Alias.objects.count()
    for index in range(max(missing, 0)):
        org = Organization.objects.create(
            name=f"Synthetic Council {index}", slug=f"synthetic-council-{index}", org_kind="intergovernmental"
        )
        Alias.objects.create(entity=org, text=org.name)
    return max(missing, 0)


def make_stories(count: int, words: int, rng: random.Random) -> list[str]:
    names = list(
        Alias.objects.filter(kind__in=["name", "acronym", "demonym", "capital", "surname", "title"])
        .exclude(text__startswith="Synthetic")
        .order_by("pk")
        .values_list("text", flat=True)
    )
    stories = []
    for _ in range(count):
        tokens = []
        while len(tokens) < words:
            sentence = [rng.choice(FILLER) for _ in range(rng.randint(8, 20))]
            for _ in range(rng.choice((0, 0, 1))):
                sentence.insert(rng.randrange(len(sentence)), rng.choice(names))
            sentence[0] = sentence[0].capitalize()
            tokens.extend(sentence)
            tokens[-1] += "."
        stories.append(" ".join(tokens))
    return stories


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--min-aliases", type=int, default=5000)
    options = parser.parse_args()
    rng = random.Random(42)

    db_file = None
    if connection.vendor == "sqlite":
        db_file = Path(tempfile.gettempdir()) / "newsroom_bench_linking.sqlite3"
        connection.settings_dict["TEST"]["NAME"] = str(db_file)
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        kb = load_knowledge_base()
        padded = top_up_aliases(options.min_aliases)
        print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        print(f"knowledge base: {kb}, {Alias.objects.count()} aliases ({padded} synthetic added)")

        clear_cache()
        started = time.perf_counter()
        matcher = get_matcher()
        print(f"matcher build: {time.perf_counter() - started:.3f}s for {matcher.alias_count} aliases")

        stories = make_stories(options.stories, options.words, rng)
        text = "\n".join(stories)
        megabytes = len(text.encode()) / 1e6
        print(f"corpus: {len(stories)} stories, {options.words} words each, {megabytes:.1f} MB")

        with Timer() as timer:
            hits = sum(1 for _ in matcher.iter_matches(text))
        print(f"matching, automaton scan: {timer.rate(megabytes, 'MB/s', 1)} ({hits} raw hits)")
        with Timer() as timer:
            kept = sum(len(find_hits(matcher, story)) for story in stories)
        print(
            f"matching, scan + whole words + case + longest match: {timer.rate(megabytes, 'MB/s', 1)} ({kept} hits)"
        )
        today = timezone.localdate()
        with Timer() as timer:
            linked = sum(
                len(resolve(matcher=matcher, body=story, on_date=today)["body"]) for story in stories
            )
        print(f"matching + every context rule: {timer.rate(megabytes, 'MB/s', 1)} ({linked} mentions)")

        now = timezone.now()
        with transaction.atomic():
            Article.objects.bulk_create(
                Article(
                    title=f"Bench story {index}",
                    slug=f"bench-story-{index}",
                    body_text=body,
                    body_html=f"<p>{body}</p>",
                    status=Article.Status.PUBLISHED,
                    published_at=now,
                )
                for index, body in enumerate(stories)
            )
        for label in ("link step, first time, with writes", "relink, unchanged stories"):
            with Timer() as timer:
                count = sum(1 for _ in link_articles())
            print(f"{label}: {timer.rate(count, 'stories/s')} ({count} stories)")
        print(
            f"rows: {Mention.objects.count()} mentions "
            f"({Mention.objects.filter(status='confirmed').count()} confirmed), {EntityLink.objects.count()} links"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        if db_file is not None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db_file}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
