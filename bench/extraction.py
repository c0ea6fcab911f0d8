"""Extraction quality on the shared development set, measured with its own shingle scoring.

Runs the importer's own extraction (``articles.importing.pipeline.extract_articles``, exactly
what ``import_articles`` and the admin run) over the saved HTML pages and over the plain-text
dumps of the same pages, and prints F1, precision and recall (4-word shingles, macro-averaged,
as ``score.py`` computes them). For each form it also prints how often the title, the byline
and the publication date agree with the reviewed ones (a date is right, wrong or missing; a page
whose reviewed record has no date counts as "dated anyway" when the importer gives it one).

    python bench/extraction.py [--data ../shared/data/extraction-dev] [--only html|text] [--limit N]
        [--worst 10] [--write-predictions DIR] [--speed]

``--speed`` also times, on the same real pages, the importer's extraction (CPU time of
``extract_articles`` alone: no reading, scoring or storing) against ``trafilatura.extract(html,
include_comments=False)`` alone, the issue's yardstick, in this one process.

The pages are third-party content: they are read from the shared folder, never copied here.
"""

import argparse
import gzip
import importlib.util
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

import django  # noqa: E402

django.setup()

import trafilatura  # noqa: E402

from articles.importing.errors import ImportRejected  # noqa: E402
from articles.importing.pipeline import Candidate, extract_articles  # noqa: E402

# ../shared beside the checkout (a worktree one level deeper also finds it).
DEFAULT_DATA = next(
    (
        folder / "shared" / "data" / "extraction-dev"
        for folder in (ROOT.parent, ROOT.parent.parent)
        if (folder / "shared" / "data" / "extraction-dev").is_dir()
    ),
    ROOT.parent / "shared" / "data" / "extraction-dev",
)


def load_scorer(data: Path):
    spec = importlib.util.spec_from_file_location("extraction_score", data / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.doc_scores


def extract_candidate(raw: bytes, name: str) -> Candidate | None:
    try:
        for item in extract_articles(raw, name=name):
            if isinstance(item, Candidate):
                return item
    except ImportRejected:
        return None
    return None


def _folded(value: str | None) -> str:
    return " ".join((value or "").split()).casefold()


class Metadata:
    """Agreement of the importer's title, byline and date with the reviewed ones."""

    def __init__(self):
        self.counts = dict.fromkeys(
            [
                "pages",
                "title",
                "with byline",
                "byline",
                "with date",
                "date right",
                "date wrong",
                "date missing",
                "without date",
                "dated anyway",
            ],
            0,
        )

    def add(self, candidate: Candidate | None, gold: dict) -> None:
        counts = self.counts
        counts["pages"] += 1
        title = _folded(candidate.title) if candidate else ""
        counts["title"] += bool(title) and title == _folded(gold.get("title"))
        if gold.get("author"):
            counts["with byline"] += 1
            byline, author = _folded(candidate.byline) if candidate else "", _folded(gold["author"])
            counts["byline"] += bool(byline) and (author in byline or byline in author)
        published = candidate.published_at.date().isoformat() if candidate and candidate.published_at else ""
        if gold.get("published"):
            counts["with date"] += 1
            if not published:
                counts["date missing"] += 1
            elif published == gold["published"][:10]:
                counts["date right"] += 1
            else:
                counts["date wrong"] += 1
        else:
            counts["without date"] += 1
            counts["dated anyway"] += bool(published)

    def summary(self) -> str:
        c = self.counts
        return (
            f"      title exact {c['title']}/{c['pages']}  byline {c['byline']}/{c['with byline']}  "
            f"date right {c['date right']} wrong {c['date wrong']} missing {c['date missing']} "
            f"of {c['with date']}; dated anyway {c['dated anyway']} of {c['without date']} without a date"
        )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--only", choices=["html", "text"])
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--worst", type=int, default=10)
    parser.add_argument("--write-predictions", type=Path, help="Folder for pred-html.jsonl / pred-text.jsonl")
    parser.add_argument(
        "--speed", action="store_true", help="time the HTML extraction against trafilatura alone"
    )
    args = parser.parse_args()
    if not (args.data / "gold.jsonl.gz").exists():
        sys.exit(f"No development set at {args.data}")
    doc_scores = load_scorer(args.data)
    with gzip.open(args.data / "gold.jsonl.gz", "rt", encoding="utf-8") as handle:
        records = {row["id"]: row for row in map(json.loads, handle)}
    gold = {doc_id: row["body"] for doc_id, row in records.items()}
    ids = sorted(gold)[: args.limit or None]
    for form in ["html", "text"] if not args.only else [args.only]:
        started = time.perf_counter()
        rows, failures = {}, 0
        predictions = []
        metadata = Metadata()
        extracting = baseline = 0.0
        for doc_id in ids:
            if form == "html":
                raw = gzip.decompress((args.data / "html" / f"{doc_id}.html.gz").read_bytes())
                cpu = time.process_time()
                candidate = extract_candidate(raw, f"{doc_id}.html")
                extracting += time.process_time() - cpu
                if args.speed:
                    cpu = time.process_time()
                    trafilatura.extract(raw, include_comments=False)
                    baseline += time.process_time() - cpu
            else:
                candidate = extract_candidate(
                    (args.data / "text" / f"{doc_id}.txt").read_bytes(), f"{doc_id}.txt"
                )
            metadata.add(candidate, records[doc_id])
            body = candidate.body_text if candidate else ""
            failures += not body
            rows[doc_id] = doc_scores(gold[doc_id], body)
            predictions.append(
                {
                    "id": doc_id,
                    "title": candidate.title if candidate else "",
                    "byline": candidate.byline if candidate else "",
                    "published": candidate.published_at.isoformat()
                    if candidate and candidate.published_at
                    else "",
                    "body": body,
                }
            )
        elapsed = time.perf_counter() - started
        precision = statistics.mean(p for p, _ in rows.values())
        recall = statistics.mean(r for _, r in rows.values())
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(
            f"{form:5} documents {len(rows)}  no article {failures}  "
            f"F1 {f1:.3f}  precision {precision:.3f}  recall {recall:.3f}  ({len(rows) / elapsed:.1f} docs/s)"
        )
        print(metadata.summary())
        if form == "html" and args.speed:
            print(
                f"      extraction {len(rows) / extracting:.1f} pages/CPU-s, trafilatura.extract alone "
                f"{len(rows) / baseline:.1f} pages/CPU-s: {baseline / extracting:.0%} of its rate"
            )
        for doc_id, (p, r) in sorted(rows.items(), key=lambda kv: sum(kv[1]))[: args.worst]:
            print(f"    worst {doc_id}  precision {p:.2f}  recall {r:.2f}")
        if args.write_predictions:
            args.write_predictions.mkdir(parents=True, exist_ok=True)
            with open(args.write_predictions / f"pred-{form}.jsonl", "w", encoding="utf-8") as out:
                for row in predictions:
                    out.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()
