"""Extraction on pages the importer was never tuned on: newspaper4k's test pages.

The development set (``bench/extraction.py``) is what the cleaner is tuned on; this script measures
it on pages it has not seen. newspaper4k's source release on PyPI carries about 25 saved news pages
(English, Chinese, Japanese, Korean, Arabic, Thai, Burmese, Latvian, Spanish ...) with the text
newspaper expects from each. The release is downloaded into a temporary folder (``pip download``)
and read from there: nothing of it is copied into the project. The expected texts are newspaper's
own output, not a human's reading, so the figures compare the importer with trafilatura alone on
the same pages rather than grade it.

For each page it prints 4-word-shingle precision and recall (the development set's ``score.py``)
of the importer on the saved page, of ``trafilatura.extract`` alone on it, and of the importer on
the page's visible text as a plain-text dump (``html.visible_lines``, as the development set's
dumps were made), then the macro-averaged figures.

    python bench/heldout.py [--release newspaper4k==0.9.6] [--folder DIR]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

import trafilatura  # noqa: E402
from extraction import DEFAULT_DATA, extract_candidate, load_scorer  # noqa: E402

from articles.importing.html import visible_lines  # noqa: E402


def fetch(release: str, into: Path) -> Path:
    """The release's test data folder, downloaded and unpacked into ``into``."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--no-binary",
            ":all:",
            "--dest",
            str(into),
            release,
        ],
        check=True,
    )
    [archive] = into.glob("*.tar.gz")
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    [data] = into.glob("*/tests/data")
    return data


def summary(label: str, rows: list[tuple[float, float]]) -> str:
    precision = statistics.mean(p for p, _ in rows)
    recall = statistics.mean(r for _, r in rows)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f"{label:34} F1 {f1:.3f}  precision {precision:.3f}  recall {recall:.3f}"


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--release", default="newspaper4k==0.9.6")
    parser.add_argument("--folder", type=Path, help="an unpacked release's tests/data (no download)")
    args = parser.parse_args()
    doc_scores = load_scorer(DEFAULT_DATA)
    with tempfile.TemporaryDirectory(prefix="newsroom-heldout-") as work:
        data = args.folder or fetch(args.release, Path(work))
        rows = {"importer, saved page": [], "trafilatura alone, saved page": [], "importer, text dump": []}
        print(f"{'page':24} {'importer':>15} {'trafilatura':>15} {'text dump':>15}  (precision/recall)")
        for expected in sorted((data / "txt").glob("*.txt")):
            page = data / "html" / f"{expected.stem}.html"
            if not page.exists():
                continue
            gold = expected.read_text(encoding="utf-8")
            raw = page.read_bytes()
            html = raw.decode("utf-8", "replace")
            ours = extract_candidate(raw, page.name)
            dump = extract_candidate(visible_lines(html).encode(), f"{expected.stem}.txt")
            scores = [
                doc_scores(gold, ours.body_text if ours else ""),
                doc_scores(gold, trafilatura.extract(html, include_comments=False) or ""),
                doc_scores(gold, dump.body_text if dump else ""),
            ]
            for label, score in zip(rows, scores, strict=True):
                rows[label].append(score)
            print(f"{expected.stem:24} " + " ".join(f"{p:7.2f}/{r:<7.2f}" for p, r in scores))
        print(f"{len(rows['importer, saved page'])} pages")
        for label, scores in rows.items():
            print(summary(label, scores))


if __name__ == "__main__":
    main()
