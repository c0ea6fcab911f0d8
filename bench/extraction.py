"""Extraction quality on the shared development set, measured with its own shingle scoring.

Runs the importer's own extraction (``articles.importing.pipeline.extract_articles``, exactly
what ``import_articles`` and the admin run) over the saved HTML pages and over the plain-text
dumps of the same pages, and prints F1, precision and recall (4-word shingles, macro-averaged,
as ``score.py`` computes them).

    python bench/extraction.py [--data ../shared/data/extraction-dev] [--only html|text] [--limit N]
        [--worst 10] [--write-predictions DIR]

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


def extract_body(raw: bytes, name: str) -> str:
    try:
        for item in extract_articles(raw, name=name):
            if isinstance(item, Candidate):
                return item.body_text
    except ImportRejected:
        return ""
    return ""


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--only", choices=["html", "text"])
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--worst", type=int, default=10)
    parser.add_argument("--write-predictions", type=Path, help="Folder for pred-html.jsonl / pred-text.jsonl")
    args = parser.parse_args()
    if not (args.data / "gold.jsonl.gz").exists():
        sys.exit(f"No development set at {args.data}")
    doc_scores = load_scorer(args.data)
    with gzip.open(args.data / "gold.jsonl.gz", "rt", encoding="utf-8") as handle:
        gold = {row["id"]: row["body"] for row in map(json.loads, handle)}
    ids = sorted(gold)[: args.limit or None]
    for form in ["html", "text"] if not args.only else [args.only]:
        started = time.perf_counter()
        rows, failures = {}, 0
        predictions = []
        for doc_id in ids:
            if form == "html":
                raw = gzip.decompress((args.data / "html" / f"{doc_id}.html.gz").read_bytes())
                body = extract_body(raw, f"{doc_id}.html")
            else:
                body = extract_body((args.data / "text" / f"{doc_id}.txt").read_bytes(), f"{doc_id}.txt")
            failures += not body
            rows[doc_id] = doc_scores(gold[doc_id], body)
            predictions.append({"id": doc_id, "body": body})
        elapsed = time.perf_counter() - started
        precision = statistics.mean(p for p, _ in rows.values())
        recall = statistics.mean(r for _, r in rows.values())
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(
            f"{form:5} documents {len(rows)}  no article {failures}  "
            f"F1 {f1:.3f}  precision {precision:.3f}  recall {recall:.3f}  ({len(rows) / elapsed:.1f} docs/s)"
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
