"""Compute the stories' fingerprints again after a change in how the importer reads words."""

import sys

from django.core.management.base import BaseCommand

from articles.importing.pipeline import refingerprint_articles
from articles.models import Article


class Command(BaseCommand):
    help = (
        "Compute every story's content hash, MinHash and near-duplicate bands again from its text, as "
        "an import now would (after an upgrade that reads some script's words differently: Chinese and "
        "Japanese, Thai), so that stories stored before are found as duplicates of the same story "
        "imported after. Stories whose fingerprints did not change are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would change, write nothing.")

    def handle(self, *args, dry_run, verbosity, **options):
        progress = None
        if verbosity >= 1 and sys.stderr.isatty():
            from tqdm import tqdm

            # (the stories ``refingerprint_articles`` reads: the imported ones)
            imported = Article.objects.filter(content_hash__isnull=False).count()
            progress = tqdm(total=imported, unit="story", file=sys.stderr, dynamic_ncols=True)
        counts = {"changed": 0, "same": 0, "clash": 0}
        try:
            for result in refingerprint_articles(dry_run=dry_run):
                counts[result.outcome] += 1
                if progress is not None:
                    progress.update()
                if result.outcome == "clash":
                    self.stderr.write(
                        f"story #{result.article_id}: its text now reads as story #{result.other}'s; "
                        "its fingerprints are left as they were (merge or edit one of them)"
                    )
        finally:
            if progress is not None:
                progress.close()
        verb = "would change" if dry_run else "changed"
        self.stdout.write(
            f"Fingerprints {verb}: {counts['changed']}; unchanged: {counts['same']}; "
            f"left as they were (their text reads as another story's): {counts['clash']}."
        )
